"""Scheduled work of the employers app (Celery).

``escalate_overdue_requests`` runs every 15 minutes from the beat schedule
(``CELERY_BEAT_SCHEDULE`` in the settings). It is safe to run twice at the same time:
each request is escalated once (``services.request_escalate_overdue``).
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from werkpunt.employers import services


@shared_task(name="werkpunt.employers.escalate_overdue_requests", ignore_result=True)
def escalate_overdue_requests() -> int:
    """Escalate the requests whose call-back deadline has passed; returns how many."""
    return services.request_escalate_overdue(now=timezone.now())


@shared_task(name="werkpunt.employers.anonymise_old_requests", ignore_result=True)
def anonymise_old_requests() -> int:
    """Wipe the asker's personal data of finished requests past the retention period."""
    return services.requests_anonymise_old(now=timezone.now())
