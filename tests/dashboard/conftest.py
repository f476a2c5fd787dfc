"""Builders for the dashboard tests: employers, placements, deadlines, after-sales, requests.

Every builder takes dates relative to ``timezone.localdate()``, which the views use as
"today", so the tests hold on any day.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.utils import timezone

_numbers = itertools.count(1)


def today() -> dt.date:
    return timezone.localdate()


def at(day: dt.date, hour: int = 12, minute: int = 0) -> dt.datetime:
    """An aware moment on ``day`` in the site's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def build(db) -> Any:
    """``build.employer(...)``, ``build.placement(...)``, … (see the methods)."""
    from werkpunt.employers.models import Employer, Request
    from werkpunt.placements.models import (
        AfterSalesTask,
        Deadline,
        Helper,
        Placement,
        Worker,
    )

    class Build:
        today = staticmethod(today)
        at = staticmethod(at)

        def employer(self, *, contact_person: Any, name: str = "", **fields: Any) -> Employer:
            n = next(_numbers)
            fields.setdefault("sector", "agrarisch")
            fields.setdefault("size", "1-9")
            fields.setdefault("municipality", "emmen")
            return Employer.objects.create(
                name=name or f"Kwekerij {n}",
                kvk_number=f"{10000000 + n}",
                contact_person=contact_person,
                **fields,
            )

        def placement(
            self,
            *,
            employer: Employer,
            worker_name: str = "",
            start: dt.date | None = None,
            **fields: Any,
        ) -> Placement:
            n = next(_numbers)
            worker = Worker.objects.create(display_name=worker_name or f"Werknemer {n}")
            fields.setdefault("job_title", f"Medewerker {n}")
            fields.setdefault("hours_per_week", 24)
            fields.setdefault("hourly_wage_cents", 1500)
            fields.setdefault("contract", "fixed")
            return Placement.objects.create(
                employer=employer,
                worker=worker,
                start_date=start or today() - dt.timedelta(days=30),
                **fields,
            )

        def deadline(
            self,
            *,
            placement: Placement,
            owner: Any,
            due: dt.date,
            amount: int | None = None,
            **fields: Any,
        ) -> Deadline:
            n = next(_numbers)
            fields.setdefault("title", f"Termijn {n}")
            fields.setdefault("code", f"code_{n}")
            return Deadline.objects.create(
                placement=placement,
                owner=owner,
                due_date=due,
                amount_at_stake_cents=amount,
                **fields,
            )

        def task(
            self, *, placement: Placement, owner: Any, due: dt.date, moment: str = "", **fields: Any
        ) -> AfterSalesTask:
            return AfterSalesTask.objects.create(
                placement=placement,
                owner=owner,
                due_date=due,
                moment=moment or f"m{next(_numbers)}",
                **fields,
            )

        def helper(self, *, placement: Placement, **fields: Any) -> Helper:
            fields.setdefault("role", "jobcoach")
            fields.setdefault("name", f"Helper {next(_numbers)}")
            return Helper.objects.create(placement=placement, **fields)

        def request(self, **fields: Any) -> Request:
            n = next(_numbers)
            fields.setdefault("name", f"Vrager {n}")
            fields.setdefault("organisation", f"Bedrijf {n}")
            fields.setdefault("email", f"vrager{n}@example.org")
            fields.setdefault("phone", "0591 123 456")
            fields.setdefault("topic", "schemes")
            fields.setdefault("message", "Kan ik loonkostensubsidie krijgen?")
            fields.setdefault("preferred_contact", "phone")
            fields.setdefault("consent", True)
            return Request.objects.create(**fields)

    return Build()


@pytest.fixture
def partner(db) -> Any:
    """``partner("hoogeveen")``: a municipality organisation (made once per slug)."""
    from werkpunt.accounts.models import Organisation, OrganisationKind

    def _partner(slug: str, name: str = "", kind: str = OrganisationKind.MUNICIPALITY) -> Any:
        organisation, _ = Organisation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name or f"Gemeente {slug.title()}",
                "kind": kind,
                "municipality": slug if kind == OrganisationKind.MUNICIPALITY else "",
            },
        )
        return organisation

    return _partner
