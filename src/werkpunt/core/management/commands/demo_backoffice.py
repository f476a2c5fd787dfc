"""``werkpunt manage demo_backoffice``: fill the back office with fictitious demo data.

Only with DEBUG on (``python3 tasks.py run``) or ``WERKPUNT_ALLOW_DEMO=true``: the demo
accounts share one known password. Running it again adds nothing; ``--reset`` builds the
employers, requests and placements again with today's dates. See docs/demo.md.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from werkpunt.accounts import totp
from werkpunt.core.demo_backoffice import (
    PASSWORD_ENV,
    SHOWCASE_ADVISER,
    DemoRefused,
    DemoReport,
    build_demo,
)


class Command(BaseCommand):
    help = (
        "Vul de backoffice met verzonnen demogegevens: partners, medewerkers, 40 werkgevers, "
        "vragen en 60 plaatsingen. Twee keer draaien maakt niets dubbel."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="bouw werkgevers, vragen en plaatsingen van de demo opnieuw op (datums van vandaag)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = build_demo(reset=bool(options["reset"]))
        except DemoRefused as error:
            raise CommandError(str(error)) from error
        self._print(report)

    def _print(self, report: DemoReport) -> None:
        write = self.stdout.write
        counts = report.counts
        if report.world_created:
            write(self.style.SUCCESS(f"Demo van de backoffice klaar in {report.seconds:.1f} s."))
        else:
            write(
                self.style.SUCCESS(f"Demo van de backoffice bijgewerkt in {report.seconds:.1f} s.")
            )
        for note in report.notes:
            write(f"  Let op: {note}")
        write(
            f"  {counts['partners']} partners, {counts['accounts']} demo-accounts, "
            f"{counts['employers']} werkgevers, {counts['requests']} vragen, "
            f"{counts['signals']} knelpunten."
        )
        write(
            f"  {counts['placements']} plaatsingen ({counts['planned']} gepland, "
            f"{counts['active']} aan het werk, {counts['ended']} gestopt), "
            f"{counts['deadlines']} termijnen, {counts['aftersales']} nazorgmomenten."
        )
        base = str(settings.WERKPUNT_BASE_URL).rstrip("/")
        write("")
        write(f"Inloggen: {base}{reverse('accounts:login')}")
        write(
            f"Wachtwoord van elk demo-account: {report.password}  (ander wachtwoord: {PASSWORD_ENV})"
        )
        write(
            f"Voorbeeld: log in als {SHOWCASE_ADVISER}. Vul bij de tweede stap de code in van "
            f"'werkpunt manage demo_code {SHOWCASE_ADVISER}', of zet de geheime sleutel "
            "hieronder in uw authenticator-app."
        )
        write("")
        width = max(len(login.username) for login in report.logins)
        write(f"  {'gebruikersnaam':{width}}  {'rol':34}  {'organisatie':28}  geheime sleutel")
        for login in report.logins:
            secret = totp.grouped(login.secret) if login.secret else "(geen tweede stap)"
            write(
                f"  {login.username:{width}}  {login.role:34}  {login.organisation[:28]:28}  {secret}"
            )
        write("")
        write("Alleen voor de demo. Zet deze gegevens nooit op een server met echte gegevens.")
