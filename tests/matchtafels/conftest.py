"""Fixtures for the matchtafel tests: a table of two employers, workers whose contracts end,
candidate profiles linked to them, and open demands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def adviser(make_user):
    return make_user(role="adviseur", first_name="Anna")


@pytest.fixture
def employer_a(make_employer, adviser):
    return make_employer(contact_person=adviser, name="Kwekerij De Linde")


@pytest.fixture
def employer_b(make_employer, adviser):
    return make_employer(contact_person=adviser, name="Magazijn Noord", municipality="coevorden")


@pytest.fixture
def employer_other(make_employer, adviser):
    return make_employer(contact_person=adviser, name="Bakkerij Buiten")


@pytest.fixture
def make_ending(db, adviser, today) -> Callable[..., Any]:
    """``make_ending(employer=..., ends_in=30)``: a worker whose fixed contract ends in
    ``ends_in`` days."""
    from werkpunt.placements.models import Placement, Worker

    counter = {"n": 0}

    def _make(*, employer: Any, ends_in: int = 30, status: str = "active", **fields: Any) -> Any:
        counter["n"] += 1
        worker = Worker.objects.create(
            display_name=f"Werknemer {counter['n']}.",
            birth_date=fields.pop("birth_date", dt.date(1990, 5, 1)),
            municipality="emmen",
            consent_at=timezone.now(),
        )
        return Placement.objects.create(
            employer=employer,
            worker=worker,
            job_title=fields.pop("job_title", "Medewerker kas"),
            start_date=today - dt.timedelta(days=300),
            end_date=today + dt.timedelta(days=ends_in),
            hours_per_week=Decimal(24),
            hourly_wage_cents=1450,
            contract="fixed",
            status=status,
            created_by=adviser,
            **fields,
        )

    return _make


@pytest.fixture
def make_person(make_ending, make_candidate, adviser) -> Callable[..., Any]:
    """``make_person(employer=..., ends_in=30, **candidate fields)``: an ending contract plus a
    profile with the candidate's consent. Returns the candidate."""

    def _make(*, employer: Any, ends_in: int = 30, consent: bool = True, **fields: Any) -> Any:
        placement = make_ending(employer=employer, ends_in=ends_in)
        fields.setdefault("adviser", adviser)
        return make_candidate(worker=placement.worker, consent=consent, **fields)

    return _make


@pytest.fixture
def make_table(adviser, employer_a, employer_b, today) -> Callable[..., Any]:
    """``make_table(**changes)``: a planned matchtafel of employer A and B through the service."""
    from werkpunt.matchtafels.services import matchtafel_create

    def _make(**changes: Any) -> Any:
        values: dict[str, Any] = {
            "by": adviser,
            "title": "Matchtafel Emmen voorjaar",
            "date": today + dt.timedelta(days=14),
            "location": "Werkplein Emmen",
            "period_start": today + dt.timedelta(days=1),
            "period_end": today + dt.timedelta(days=90),
            "employers": [employer_a, employer_b],
            "advisers": [adviser],
            "min_score": 0.3,
        }
        values.update(changes)
        return matchtafel_create(**values)

    return _make


@pytest.fixture
def table(make_table):
    return make_table()
