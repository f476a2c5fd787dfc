"""Fixtures for the placement tests: an employer with its contact person, and placements
registered through the service (as the screens do)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

#: The example of the README (examples/situatie.json): a 59-year-old after 40 weeks of WW,
#: LKV oudere werknemer; the doelgroepverklaring is due 3 months after 1 September 2025.
EXAMPLE = {
    "worker_birth_date": dt.date(1966, 3, 10),
    "worker_municipality": "emmen",
    "start_date": dt.date(2025, 9, 1),
    "end_date": None,
    "hours_per_week": Decimal(32),
    "hourly_wage_cents": 1520,
    "contract": "open",
    "situation": {"benefit": "ww", "benefit_weeks": 40, "doelgroepregister": False},
    "instruments": ["lkv_oudere_werknemer", "ww_premiedifferentiatie"],
}
AS_OF = dt.date(2025, 8, 1)


@pytest.fixture
def adviser(make_user):
    return make_user(role="adviseur", first_name="Anna")


@pytest.fixture
def make_employer(db, make_user) -> Callable[..., Any]:
    """``make_employer(contact_person=..., organisation=...)``: an employer record."""
    from werkpunt.employers.models import Employer

    counter = {"n": 0}

    def _make(*, contact_person: Any = None, organisation: Any = None, name: str = "") -> Any:
        counter["n"] += 1
        n = counter["n"]
        return Employer.objects.create(
            name=name or f"Kwekerij {n}",
            kvk_number=f"{10000000 + n}",
            sector="agrarisch",
            size="1-9",
            municipality="emmen",
            contact_person=contact_person or make_user(role="adviseur"),
            organisation=organisation,
        )

    return _make


@pytest.fixture
def employer(make_employer, adviser):
    """An employer whose contact person is ``adviser``."""
    return make_employer(contact_person=adviser)


@pytest.fixture
def create_placement(employer, adviser) -> Callable[..., Any]:
    """Register a placement with the service; keyword arguments replace the example's."""
    from werkpunt.placements.services import placement_create

    def _create(**changes: Any) -> Any:
        fields: dict[str, Any] = {
            "employer": employer,
            "worker_name": "Sanne B.",
            "consent_recorded": True,
            "job_title": "Medewerker kwekerij",
            "created_by": adviser,
            "as_of": AS_OF,
            **EXAMPLE,
        }
        fields["situation"] = dict(fields["situation"])
        fields.update(changes)
        return placement_create(**fields)

    return _create
