"""Celery tasks of the candidates app.

- ``anonymise_inactive_candidates``: the nightly retention job (``docs/candidates.md``).
  Profiles that stopped looking for work and were not changed for
  ``WERKPUNT_CANDIDATE_RETENTION_DAYS`` days lose their identity. Running it again the
  same night does nothing more: an anonymised profile is never picked twice.
"""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from django.utils import timezone

logger = logging.getLogger(__name__)


@shared_task(
    name="werkpunt.candidates.anonymise_inactive_candidates", acks_late=True, ignore_result=True
)
def anonymise_inactive_candidates(for_date: str | None = None) -> int:
    """Anonymise the profiles past the retention period; returns how many."""
    from werkpunt.candidates import services

    today = dt.date.fromisoformat(for_date) if for_date else timezone.localdate()
    count = services.candidates_anonymise_inactive(today=today)
    logger.info("%s kandidaatprofielen geanonimiseerd (bewaartermijn)", count)
    return count
