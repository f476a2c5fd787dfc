"""``werkpunt manage api_token_create <username> <name>``: make a personal API token.

The token is printed once; only its hash is stored. Staff need a confirmed authenticator
app first. See docs/api.md.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkpunt.api.services import api_token_create


class Command(BaseCommand):
    help = "Maak een persoonlijke API-token voor een gebruiker. De token wordt één keer getoond."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="gebruikersnaam van het account")
        parser.add_argument("name", help="waar de token voor is, bijvoorbeeld 'Koppeling Emmen'")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Er is geen gebruiker {options['username']!r}.")
        try:
            token, raw = api_token_create(user=user, name=options["name"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(raw)
        self.stderr.write(
            f"Token {token.pk} ({token.name}) gemaakt voor {user.get_username()}. "
            "Bewaar hem nu: hij wordt niet nog eens getoond."
        )
