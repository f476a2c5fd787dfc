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
    old_done = _request(days_ago=31, status=Status.DONE)
    old_open = _request(days_ago=400, status=Status.IN_PROGRESS)
    recent_done = _request(days_ago=29, status=Status.DONE)

    assert requests_anonymise_old(now=timezone.now()) == 1

    old_done.refresh_from_db()
    assert old_done.name == ANONYMISED_NAME
    assert (old_done.email, old_done.phone, old_done.message, old_done.answer) == ("", "", "", "")
    assert old_done.anonymised_at is not None
    # What the figures need stays.
    assert old_done.topic == "schemes"
    assert old_done.organisation == "Bakkerij Jansen"
    for kept in (old_open, recent_done):
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
