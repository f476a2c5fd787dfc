"""``werkpunt manage send_request_mails``: send mails of requests that failed before.

Until the task queue exists, run this every few minutes from a scheduler (cron,
systemd timer). A mail that went out is never sent again.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from werkpunt.employers.services import request_send_pending_mails


class Command(BaseCommand):
    help = "Verstuur e-mails van vragen die eerder niet verstuurd konden worden."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=7,
            help="alleen vragen van de laatste zoveel dagen (standaard 7)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        tried = request_send_pending_mails(max_age_days=options["days"])
        self.stdout.write(f"Vragen met openstaande e-mails: {tried}")
