"""Fixtures for the candidate tests: two partner organisations, their people, a worker."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest


@pytest.fixture
def candidate(make_candidate, adviser) -> Any:
    return make_candidate(adviser=adviser, display_name="Sanne B.", phone="0591 123 456")


@pytest.fixture
def make_worker(db, make_employer) -> Any:
    """``make_worker(created_by=...)``: a worker with one placement registered by ``created_by``."""
    from werkpunt.placements.models import Placement, Worker

    def _make(*, created_by: Any, name: str = "Piet K.", municipality: str = "emmen") -> Any:
        worker = Worker.objects.create(display_name=name, municipality=municipality)
        Placement.objects.create(
            employer=make_employer(contact_person=created_by),
            worker=worker,
            job_title="Medewerker groen",
            start_date=dt.date(2026, 1, 5),
            hours_per_week=Decimal("28.0"),
            hourly_wage_cents=1500,
            contract="fixed",
            created_by=created_by,
        )
        return worker

    return _make
