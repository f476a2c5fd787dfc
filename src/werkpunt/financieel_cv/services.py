"""Writes: keep a calculation for 30 days, delete it, delete the expired ones."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from werkpunt.financieel_cv.models import SavedCalculation
from werkpunt.financieel_cv.questions import situation_input

#: How long a saved calculation is kept.
RETENTION = dt.timedelta(days=30)


def saved_calculation_create(*, answers: Mapping[str, str]) -> SavedCalculation:
    """Store the answers (only the known fields) with a random link token."""
    now = timezone.now()
    with transaction.atomic():
        return SavedCalculation.objects.create(
            token=secrets.token_urlsafe(24),
            situation=situation_input(answers),
            created_at=now,
            expires_at=now + RETENTION,
        )


def saved_calculation_delete(*, token: str) -> bool:
    """Delete one saved calculation now. True when there was one."""
    with transaction.atomic():
        deleted, _ = SavedCalculation.objects.filter(token=token).delete()
    return deleted > 0


def saved_calculations_delete_expired(*, now: dt.datetime | None = None) -> int:
    """Delete every saved calculation past its expiry; returns how many."""
    moment = now or timezone.now()
    with transaction.atomic():
        deleted, _ = SavedCalculation.objects.filter(expires_at__lte=moment).delete()
    return deleted
