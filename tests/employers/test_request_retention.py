"""Finished requests lose the asker's personal data after the retention period."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from werkpunt.employers.models import PreferredContact, Request, Status
from werkpunt.employers.services import ANONYMISED_NAME, requests_anonymise_old
from werkpunt.employers.tasks import anonymise_old_requests

pytestmark = pytest.mark.django_db


def _request(*, days_ago: int, status: str, **fields) -> Request:
    values = {
        "name": "Jan Jansen",
        "organisation": "Bakkerij Jansen",
        "email": "jan@example.org",
        "phone": "0591 123456",
        "topic": "schemes",
        "message": "Kan ik loonkostensubsidie krijgen?",
        "preferred_contact": PreferredContact.PHONE,
        "consent": True,
        "status": status,
        "answer": "Ja, bel ons.",
        "created_at": timezone.now() - dt.timedelta(days=days_ago),
    }
    values.update(fields)
    return Request.objects.create(**values)


def test_old_done_requests_are_wiped_and_others_kept(settings):
    settings.WERKPUNT_REQUEST_RETENTION_DAYS = 30
    now = timezone.now()
    old_done = _request(days_ago=31, status=Status.DONE)
    # Came in long ago but answered recently: the period runs from the answer.
    late_answer = _request(
        days_ago=200, status=Status.DONE, answered_at=now - dt.timedelta(days=10)
    )
    recent_done = _request(days_ago=29, status=Status.DONE)
    open_59 = _request(days_ago=59, status=Status.IN_PROGRESS)
    open_61 = _request(days_ago=61, status=Status.NEW)

    assert requests_anonymise_old(now=now) == 2

    old_done.refresh_from_db()
    assert old_done.name == ANONYMISED_NAME
    assert (old_done.email, old_done.phone, old_done.message, old_done.answer) == ("", "", "", "")
    assert old_done.anonymised_at is not None
    # What the figures need stays.
    assert old_done.topic == "schemes"
    assert old_done.organisation == "Bakkerij Jansen"
    open_61.refresh_from_db()
    assert open_61.name == ANONYMISED_NAME
    for kept in (late_answer, recent_done, open_59):
        kept.refresh_from_db()
        assert kept.name == "Jan Jansen"
        assert kept.anonymised_at is None


def test_running_twice_changes_nothing_more(settings):
    settings.WERKPUNT_REQUEST_RETENTION_DAYS = 30
    _request(days_ago=60, status=Status.DONE)

    assert anonymise_old_requests() == 1
    first = Request.objects.get().anonymised_at
    assert anonymise_old_requests() == 0
    assert Request.objects.get().anonymised_at == first
