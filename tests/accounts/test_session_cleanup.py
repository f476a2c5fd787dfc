"""Old login rows are removed; live ones stay."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from werkpunt.accounts.models import StaffSession
from werkpunt.accounts.services import staff_sessions_delete_old
from werkpunt.accounts.tasks import delete_old_staff_sessions

pytestmark = pytest.mark.django_db


def test_deletes_ended_and_abandoned_sessions_only(make_user):
    user = make_user(role="adviseur")
    now = timezone.now()
    long_ago = now - dt.timedelta(days=31)
    ended_long_ago = StaffSession.objects.create(
        user=user, key="a", created_at=long_ago, last_seen_at=long_ago, ended_at=long_ago
    )
    abandoned = StaffSession.objects.create(
        user=user, key="b", created_at=long_ago, last_seen_at=long_ago
    )
    ended_recently = StaffSession.objects.create(
        user=user, key="c", last_seen_at=now - dt.timedelta(days=2), ended_at=now
    )
    live = StaffSession.objects.create(user=user, key="d", verified_at=now)

    assert staff_sessions_delete_old(now=now) == 2

    left = set(StaffSession.objects.values_list("pk", flat=True))
    assert left == {ended_recently.pk, live.pk}
    assert ended_long_ago.pk not in left
    assert abandoned.pk not in left
    assert delete_old_staff_sessions() == 0
