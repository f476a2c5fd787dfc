"""The daily Celery tasks of placements run the services (eager here) and are in the beat schedule."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings

from werkpunt.placements import tasks
from werkpunt.placements.models import DeadlineStatus, PlacementStatus

pytestmark = pytest.mark.django_db


def test_beat_runs_the_housekeeping_before_the_digest_and_retention_at_night():
    schedule = {
        entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    start = schedule["werkpunt.placements.start_due_placements"]
    missed = schedule["werkpunt.placements.mark_missed_deadlines"]
    digest = schedule["werkpunt.placements.send_due_reminders"]
    retention = schedule["werkpunt.placements.anonymise_expired_workers"]
    hour = lambda entry: (min(entry.hour), min(entry.minute))  # noqa: E731
    assert hour(start) < hour(digest)
    assert hour(missed) < hour(digest)
    assert hour(retention) < hour(start)
    assert "werkpunt.employers.escalate_overdue_requests" in schedule


def test_start_due_placements_activates_a_planned_placement_on_its_first_day(create_placement):
    placement = create_placement(start_date=dt.date(2025, 9, 1))
    placement.status = PlacementStatus.PLANNED
    placement.save(update_fields=["status"])

    assert tasks.start_due_placements.delay("2025-08-31").get() == 0
    assert tasks.start_due_placements.delay("2025-09-01").get() == 1
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ACTIVE


def test_mark_missed_deadlines_marks_only_past_open_deadlines(create_placement):
    placement = create_placement()
    first = placement.deadlines.order_by("due_date").first()
    assert first is not None

    day_after = first.due_date + dt.timedelta(days=1)
    assert tasks.mark_missed_deadlines.delay(first.due_date.isoformat()).get() == 0
    assert tasks.mark_missed_deadlines.delay(day_after.isoformat()).get() >= 1
    first.refresh_from_db()
    assert first.status == DeadlineStatus.MISSED


def test_anonymise_task_runs_the_retention_service(create_placement, adviser, settings):
    from werkpunt.placements import services

    settings.WERKPUNT_RETENTION_DAYS = 30
    placement = create_placement()
    services.placement_end(placement=placement, ended_on=dt.date(2026, 1, 31), by=adviser)

    assert tasks.anonymise_expired_workers.delay("2026-02-15").get() == 0
    assert tasks.anonymise_expired_workers.delay("2026-03-15").get() == 1
    placement.worker.refresh_from_db()
    assert placement.worker.anonymised_at is not None
