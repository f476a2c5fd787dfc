"""``werkpunt manage demo_matching``: demo data for matching, matchtafels and the open day.

Runs after ``demo_backoffice`` (it uses its partners, advisers, employers and placements) and
only with DEBUG on or ``WERKPUNT_ALLOW_DEMO=true``, like that command. Running it again adds
nothing; ``--reset`` builds its own rows again with today's dates. See docs/demo.md.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import NoReverseMatch, reverse

from werkpunt.core.demo_backoffice import DemoRefused
from werkpunt.core.demo_matching import (
    MATCHTAFEL_ADVISER,
    MATCHTAFEL_TITLE,
    OPEN_DAY_TITLE,
    MatchingDemoReport,
    build_matching_demo,
)


def url(*, name: str, fallback: str) -> str:
    """The path of a named page, or ``fallback`` while the page does not exist yet."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback


class Command(BaseCommand):
    help = (
        "Vul de demo aan met kandidaten, werkvragen, een matchtafel en een open dag "
        "(na demo_backoffice). Twee keer draaien maakt niets dubbel."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="bouw de kandidaten, werkvragen, matchtafel en open dag van de demo opnieuw op",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = build_matching_demo(reset=bool(options["reset"]))
        except DemoRefused as error:
            raise CommandError(str(error)) from error
        self._print(report)

    def _print(self, report: MatchingDemoReport) -> None:
        write = self.stdout.write
        c = report.counts
        if report.created:
            write(self.style.SUCCESS(f"Demo voor matching klaar in {report.seconds:.1f} s."))
        else:
            write(self.style.SUCCESS(f"Demo voor matching nagekeken in {report.seconds:.1f} s."))
        for note in report.notes:
            write(f"  Let op: {note}")
        write(
            f"  {c['candidates']} kandidaten: {c['consent']} met toestemming, waarvan "
            f"{c['released']} vrijgegeven (beide sleutels); {c['withdrawn']} trokken hun "
            f"toestemming in. {c['linked']} zijn werknemer met een contract dat binnen drie "
            "maanden afloopt."
        )
        write(
            f"  {c['demands']} werkvragen, waarvan {c['open_hiring']} open hiring met "
            f"{c['sign_ups']} aanmeldingen; {c['proposals']} voorstellen en "
            f"{c['log_entries']} regels in het matchlogboek."
        )
        if report.matchtafel_date is not None:
            write(
                f"  {MATCHTAFEL_TITLE} op {report.matchtafel_date:%d-%m-%Y}: "
                f"{c.get('table_candidates', 0)} kandidaten en {c.get('table_places', 0)} "
                f"plekken. 'Voorstel maken' geeft nu {c.get('table_proposals', 0)} voorstellen."
            )
        if report.open_day_date is not None:
            write(
                f"  {OPEN_DAY_TITLE} op {report.open_day_date:%d-%m-%Y}: {c['slots']} "
                f"tijdvakken, {c['invitations']} uitnodigingen, {c['registered']} aangemeld."
            )
        write("")
        write("Kijken (wachtwoord en tweede stap: zie demo_backoffice):")
        write(
            "  adviseur.emmen        kandidaten en toestemming: "
            + url(name="candidates:list", fallback="/werk/kandidaten/")
        )
        write(
            f"  {MATCHTAFEL_ADVISER:21} de matchtafel, druk op 'Voorstel maken': "
            + url(name="matchtafels:list", fallback="/werk/matchtafels/")
        )
        write(
            "  adviseur.emmen        werkvragen en de open dag: "
            + url(name="demands:list", fallback="/werk/werkvragen/")
            + ", "
            + url(name="opendays:list", fallback="/werk/open-dagen/")
        )
        write(
            "  werkgever.supermarkt  eigen werkvragen, voorstellen en de open dag: "
            + url(name="demands_portal:list", fallback="/mijn/werkvragen/")
            + ", "
            + url(name="opendays_portal:list", fallback="/mijn/open-dagen/")
        )
        write("  werkgever.boomkwekerij, werkgever.installateur  eigen werkvragen en voorstellen")
