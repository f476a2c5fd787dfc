"""Two escalation runs at the same time escalate each request once (PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection, connections

from werkpunt.employers import services
from werkpunt.employers.models import Request

pytestmark = pytest.mark.django_db(transaction=True)

REQUESTS = 20


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs a database that serves several threads"
)
def test_parallel_runs_escalate_each_request_once(make_request, make_user):
    make_user(role="teamleider")
    late = dt.datetime(2020, 1, 2, 16, tzinfo=dt.UTC)
    for _ in range(REQUESTS):
        make_request(call_back_by=late)
    now = dt.datetime(2026, 12, 2, 12, tzinfo=dt.UTC)
    start = threading.Barrier(4)
    counts: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            counts.append(services.request_escalate_overdue(now=now))
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sum(counts) == REQUESTS
    assert len(mail.outbox) == REQUESTS
    assert len({message.subject for message in mail.outbox}) == REQUESTS
    assert not Request.objects.filter(escalated_at__isnull=True).exists()
