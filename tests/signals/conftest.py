"""Builders for the signals tests: an employer and a placement to link a signal to."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.utils import timezone

_numbers = itertools.count(1)


@pytest.fixture
def build(db) -> Any:
    """``build.employer(contact_person=...)``, ``build.placement(employer=...)``."""
    from werkpunt.employers.models import Employer
    from werkpunt.placements.models import Placement, Worker

    class Build:
        def employer(self, *, contact_person: Any, name: str = "", **fields: Any) -> Employer:
            n = next(_numbers)
            return Employer.objects.create(
                name=name or f"Kwekerij {n}",
                kvk_number=f"{20000000 + n}",
                contact_person=contact_person,
                sector="agrarisch",
                size="1-9",
                municipality="emmen",
                **fields,
            )

        def placement(self, *, employer: Employer, **fields: Any) -> Placement:
            n = next(_numbers)
            fields.setdefault("job_title", f"Medewerker {n}")
            return Placement.objects.create(
                employer=employer,
                worker=Worker.objects.create(display_name=f"Werknemer {n}"),
                start_date=timezone.localdate() - dt.timedelta(days=30),
                hours_per_week=24,
                hourly_wage_cents=1500,
                contract="fixed",
                **fields,
            )

    return Build()
