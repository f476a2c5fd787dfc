"""Celery tasks of the placements app: the daily digest mails (docs/reminders.md).

- ``send_due_reminders`` is what beat calls every day at 07:00 (settings
  ``CELERY_BEAT_SCHEDULE``). It sends today's digests; running it again is harmless.
- ``digests_for_date`` fans out: one ``send_digest`` task per person with something due.
- ``send_digest`` sends one person's digest for one day, exactly once; it is retried
  with a growing pause when the mail server fails.

Dates travel as ISO strings (``2026-12-01``), so the messages are plain JSON.
All three are acknowledged late: a task whose worker dies is delivered again.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib

from celery import shared_task
from django.utils import timezone

from werkpunt.placements import reminders

logger = logging.getLogger(__name__)


def _day(value: str | None) -> dt.date:
    return dt.date.fromisoformat(value) if value else timezone.localdate()


@shared_task(
    name="werkpunt.placements.send_digest",
    acks_late=True,
    ignore_result=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=60,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=8,
)
def send_digest(*, user_id: int, for_date: str) -> str:
    """Send one person's digest for one day (``for_date`` as ``YYYY-MM-DD``), once."""
    return str(reminders.digest_send(user_id=user_id, for_date=dt.date.fromisoformat(for_date)))


@shared_task(name="werkpunt.placements.digests_for_date", acks_late=True, ignore_result=True)
def digests_for_date(*, for_date: str) -> int:
    """Queue a ``send_digest`` for everyone whose digest of ``for_date`` has not gone out.

    Returns how many were queued. A day in the past queues nothing: the digest of today
    already lists everything that is overdue.
    """
    day = dt.date.fromisoformat(for_date)
    if day < timezone.localdate():
        logger.warning("Geen overzichtsmails voor %s: die dag is voorbij", day)
        return 0
    user_ids = reminders.digest_recipients(today=day)
    for user_id in user_ids:
        send_digest.delay(user_id=user_id, for_date=day.isoformat())
    logger.info("%s overzichtsmails klaargezet voor %s", len(user_ids), day)
    return len(user_ids)


@shared_task(name="werkpunt.placements.send_due_reminders", acks_late=True, ignore_result=True)
def send_due_reminders(for_date: str | None = None) -> int:
    """The daily job: the digests of today (or of ``for_date``). Safe to run any number of times."""
    return int(digests_for_date(for_date=_day(for_date).isoformat()))


# --- Daily housekeeping of placements (services in placements.services) -----------------


@shared_task(name="werkpunt.placements.start_due_placements", acks_late=True, ignore_result=True)
def start_due_placements(for_date: str | None = None) -> int:
    """Planned placements whose first working day has come become active."""
    from werkpunt.placements import services

    return services.placements_start_due(today=_day(for_date))


@shared_task(name="werkpunt.placements.mark_missed_deadlines", acks_late=True, ignore_result=True)
def mark_missed_deadlines(for_date: str | None = None) -> int:
    """Open deadlines whose date has passed are marked missed (before the digest goes out)."""
    from werkpunt.placements import services

    return services.deadlines_mark_missed(today=_day(for_date))


@shared_task(
    name="werkpunt.placements.anonymise_expired_workers", acks_late=True, ignore_result=True
)
def anonymise_expired_workers(for_date: str | None = None) -> int:
    """Workers past the retention period are anonymised (docs/privacy.md)."""
    from werkpunt.placements import services

    return services.workers_anonymise_expired(today=_day(for_date))
