"""``werkpunt manage demo_code <gebruikersnaam>``: the login code of a demo account, now.

Works only for accounts made by ``demo_backoffice`` (e-mail address at the demo domain,
authenticator secret still the demo one), and like that command only with DEBUG on or
``WERKPUNT_ALLOW_DEMO=true``. See docs/demo.md.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from werkpunt.accounts import totp
from werkpunt.core.demo_backoffice import DemoRefused, demo_code_for


class Command(BaseCommand):
    help = "Toon de code voor de tweede stap van een demo-account (alleen voor de demo)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="gebruikersnaam of e-mailadres van het demo-account")
        parser.add_argument(
            "--secret",
            action="store_true",
            help="toon ook de geheime sleutel en de otpauth-link voor een authenticator-app",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username = str(options["username"]).strip()
        try:
            found = demo_code_for(username)
        except DemoRefused as error:
            raise CommandError(str(error)) from error
        until = timezone.localtime(found.valid_until)
        self.stdout.write(found.code)
        if int(options["verbosity"]) > 0:
            self.stderr.write(f"Geldig tot ongeveer {until:%H:%M:%S}. Een code werkt één keer.")
        if options["secret"]:
            self.stdout.write(f"Geheime sleutel: {totp.grouped(found.secret)}")
            self.stdout.write(
                totp.provisioning_uri(
                    found.secret, account=found.username, issuer=str(settings.WERKPUNT_TOTP_ISSUER)
                )
            )
