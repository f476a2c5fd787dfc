"""Celery tasks of the opendays app (``docs/opendays.md``).

- ``werkpunt.opendays.send_reminders`` is what beat calls every day (settings
  ``CELERY_BEAT_SCHEDULE``; proposed: 09:00 and 15:00 Europe/Amsterdam). It marks past
  open days as held and sends the reminders for open days of today and tomorrow. Each
  registration gets one reminder however often it runs; a second run in the afternoon
  picks up mails that failed and registrations made after the morning run.

Dates travel as ISO strings (``2027-03-09``), so the messages are plain JSON.
"""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from django.utils import timezone

from werkpunt.opendays import services

logger = logging.getLogger(__name__)


def _day(value: str | None) -> dt.date:
    return dt.date.fromisoformat(value) if value else timezone.localdate()


@shared_task(name="werkpunt.opendays.send_reminders", acks_late=True, ignore_result=True)
def send_reminders(for_date: str | None = None, days_before: int = 1) -> int:
    """Reminders for open days within ``days_before`` days of today (or ``for_date``).

    Returns how many were sent. Safe to run any number of times.
    """
    today = _day(for_date)
    held = services.open_days_mark_held(today=today)
    run = services.send_reminders(today=today, days_before=days_before)
    logger.info(
        "Open dagen: %s herinneringen verstuurd, %s overgeslagen, %s mislukt; %s dagen gehouden",
        run.sent,
        run.skipped,
        run.failed,
        held,
    )
    return run.sent
