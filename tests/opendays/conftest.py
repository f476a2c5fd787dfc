"""Fixtures for the open-day tests: two partners, an employer, an open day with two slots,
and candidates made with the shared ``make_candidate`` (who live in Emmen and cycle)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """``hour:minute`` on ``day`` in Europe/Amsterdam."""
    return timezone.make_aware(
        dt.datetime.combine(day, dt.time(hour, minute)), timezone.get_default_timezone()
    )


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def day(today: dt.date) -> dt.date:
    """The date of the open day: two weeks from now."""
    return today + dt.timedelta(days=14)


@pytest.fixture
def employer_user(make_user) -> Any:
    """A user of the employer's own organisation (role werkgever)."""
    return make_user(role="werkgever")


@pytest.fixture
def employer(make_employer, adviser, employer_user) -> Any:
    return make_employer(
        contact_person=adviser,
        organisation=employer_user.profile.organisation,
        name="Kwekerij De Linde",
    )


@pytest.fixture
def make_open_day(employer, adviser, day) -> Callable[..., Any]:
    """``make_open_day(**changes)``: an open day planned with the service.

    Default: two slots on ``day``, 9:00-10:00 for 2 people and 10:00-11:00 for 5.
    """
    from werkpunt.opendays import services

    def _make(**changes: Any) -> Any:
        date = changes.pop("date", day)
        values: dict[str, Any] = {
            "employer": employer,
            "by": adviser,
            "title": "Kijkdag in de kwekerij",
            "date": date,
            "address": "Kerkweg 4, Emmen",
            "place": "emmen",
            "description": "U ziet de kassen en helpt een uur mee met oppotten.",
            "slots": [(at(date, 9), at(date, 10), 2), (at(date, 10), at(date, 11), 5)],
        }
        values.update(changes)
        return services.open_day_create(**values)

    return _make


@pytest.fixture
def open_day(make_open_day) -> Any:
    return make_open_day()


@pytest.fixture
def slots(open_day) -> list[Any]:
    return list(open_day.slots.order_by("starts_at"))


@pytest.fixture
def invite(make_candidate, adviser) -> Callable[..., Any]:
    """``invite(open_day, **candidate fields)``: an invitation made directly (no matching)."""
    from werkpunt.opendays.models import Invitation

    def _invite(open_day: Any, **fields: Any) -> Any:
        fields.setdefault("adviser", adviser)
        fields.setdefault("consent", True)
        candidate = make_candidate(**fields)
        return Invitation.objects.create(open_day=open_day, candidate=candidate, invited_by=adviser)

    return _invite
