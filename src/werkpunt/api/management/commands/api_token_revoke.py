"""``werkpunt manage api_token_revoke <id>``: stop a personal API token from working.

``--user <username>`` revokes every live token of that user instead (e.g. when someone
leaves). See docs/api.md.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from werkpunt.api.selectors import api_token_get, api_tokens_of
from werkpunt.api.services import api_token_revoke


class Command(BaseCommand):
    help = "Trek een API-token in (op nummer), of alle tokens van een gebruiker (--user)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("token_id", nargs="?", type=int, help="nummer van de token")
        parser.add_argument("--user", help="trek alle tokens van deze gebruiker in")

    def handle(self, *args: Any, **options: Any) -> None:
        if (options["token_id"] is None) == (options["user"] is None):
            raise CommandError("Geef een tokennummer óf --user <gebruikersnaam>.")
        if options["user"] is not None:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Er is geen gebruiker {options['user']!r}.")
            tokens = list(api_tokens_of(user=user, live_only=True))
        else:
            token = api_token_get(token_id=options["token_id"])
            if token is None:
                raise CommandError(f"Er is geen token {options['token_id']}.")
            tokens = [token]
        for token in tokens:
            api_token_revoke(token=token)
            self.stdout.write(
                f"Token {token.pk} ({token.name}) ingetrokken op {token.revoked_at:%Y-%m-%d %H:%M}."
            )
        if not tokens:
            self.stdout.write("Geen tokens om in te trekken.")
