"""Scheduled work of the accounts app (Celery beat, see ``CELERY_BEAT_SCHEDULE``)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from werkpunt.accounts import services


@shared_task(name="werkpunt.accounts.delete_old_staff_sessions", ignore_result=True)
def delete_old_staff_sessions() -> int:
    """Remove login rows that ended or were unused for a month; returns how many."""
    return services.staff_sessions_delete_old(now=timezone.now())
