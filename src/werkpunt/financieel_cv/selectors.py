"""Reads: a saved calculation by its link token (only while it has not expired)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from werkpunt.financieel_cv.models import SavedCalculation


@dataclass(frozen=True, slots=True)
class SavedLookup:
    calculation: SavedCalculation | None
    expired: bool


def saved_calculation_get(*, token: str) -> SavedLookup:
    """The calculation behind a link. An expired one is not returned."""
    if not token or len(token) > 64:
        return SavedLookup(None, expired=False)
    calculation = SavedCalculation.objects.filter(token=token).first()
    if calculation is None:
        return SavedLookup(None, expired=False)
    if calculation.expires_at <= timezone.now():
        return SavedLookup(None, expired=True)
    return SavedLookup(calculation, expired=False)
