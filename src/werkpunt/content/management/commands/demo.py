"""``werkpunt demo``: build the public site from the YAML files in ``content/demo/``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkpunt.content.loader import DEMO_DIRECTORY, DemoError, load


class Command(BaseCommand):
    help = (
        "Bouw de publieke site (startpagina, regelingen, verhalen, nieuws, pagina's, begrippen) "
        "uit de YAML-bestanden. Twee keer draaien verandert niets."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--directory",
            default=str(DEMO_DIRECTORY),
            help="map met de YAML-bestanden (standaard: content/demo/ in het pakket)",
        )
        parser.add_argument(
            "--verbose-list",
            action="store_true",
            help="toon per bestand of het nieuw, bijgewerkt of ongewijzigd is",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory = Path(options["directory"])
        try:
            report = load(directory)
        except DemoError as error:
            lines = "\n".join(f"  - {line}" for line in error.errors)
            raise CommandError(
                f"De demo-inhoud klopt niet ({len(error.errors)}):\n{lines}"
            ) from error
        if options["verbose_list"]:
            for label, items in (
                ("nieuw", report.created),
                ("bijgewerkt", report.updated),
                ("ongewijzigd", report.unchanged),
            ):
                for item in items:
                    self.stdout.write(f"  {label}: {item}")
        self.stdout.write(self.style.SUCCESS(str(report)))
