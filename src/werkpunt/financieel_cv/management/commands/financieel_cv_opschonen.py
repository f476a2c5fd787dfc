"""``werkpunt manage financieel_cv_opschonen``: delete saved calculations past their expiry.

Run it daily (cron or the task scheduler). Saved calculations are kept 30 days;
see docs/financieel-cv.md.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from werkpunt.financieel_cv.services import saved_calculations_delete_expired


class Command(BaseCommand):
    help = "Verwijder bewaarde financieel-CV-berekeningen waarvan de 30 dagen voorbij zijn."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = saved_calculations_delete_expired()
        self.stdout.write(f"Verlopen berekeningen verwijderd: {deleted}.")
