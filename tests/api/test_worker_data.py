"""Worker data only for who may see it, and every read of it in the audit trail."""

from __future__ import annotations

import pytest

from werkpunt.accounts.models import AuditEvent
from werkpunt.placements.models import Placement

pytestmark = pytest.mark.django_db

NAME_ONLY = ["worker.display_name"]
EVERYTHING = ["situation", "worker.birth_date", "worker.display_name"]


def _placement(call, user, placement):
    response = call(user, "get", f"/api/v1/placements/{placement.pk}/")
    assert response.status_code == 200
    return response.json()


def _events(placement):
    return AuditEvent.objects.filter(
        object_type="placements.placement", object_id=str(placement.pk)
    ).order_by("pk")


@pytest.mark.parametrize("role", ["adviser", "jobcoach"])
def test_involved_staff_see_name_birth_date_and_situation(world, call, role):
    data = _placement(call, world.user(role), world.placement_a)
    assert data["worker"] == {"display_name": "Sanne K.", "birth_date": "1990-05-17"}
    assert data["situation"] == {"benefit": "bijstand", "doelgroepregister": True}
    event = _events(world.placement_a).get()
    assert event.actor == world.user(role)
    assert event.reason == "API"
    assert event.action == "view"
    assert event.fields == EVERYTHING


@pytest.mark.parametrize("role", ["other_adviser", "lead"])
def test_staff_not_involved_see_the_placement_without_worker_data(world, call, role):
    data = _placement(call, world.user(role), world.placement_a)
    assert data["worker"] is None
    assert data["situation"] is None
    assert data["job_title"] == "Medewerker kwekerij"
    assert data["employer"] == {"id": world.employer_a.pk, "name": "Kwekerij De Vries"}
    assert b"Sanne" not in call(world.user(role), "get", "/api/v1/placements/").content
    assert not _events(world.placement_a).exists()


def test_employer_sees_the_name_but_never_the_situation_or_birth_date(world, call):
    data = _placement(call, world.employer_user_a, world.placement_a)
    assert data["worker"] == {"display_name": "Sanne K.", "birth_date": None}
    assert data["situation"] is None
    assert _events(world.placement_a).get().fields == NAME_ONLY


def test_list_writes_one_event_per_placement_shown_with_worker_data(world, call):
    response = call(world.adviser, "get", "/api/v1/placements/")
    results = {item["id"]: item for item in response.json()["results"]}
    assert results[world.placement_a.pk]["worker"]["display_name"] == "Sanne K."
    assert results[world.placement_b.pk]["worker"] is None
    assert _events(world.placement_a).count() == 1
    assert not _events(world.placement_b).exists()


def test_helpers_are_listed_for_the_employer(world, call):
    data = _placement(call, world.employer_user_a, world.placement_a)
    assert [(h["name"], h["role"]) for h in data["helpers"]] == [("Dirk", "jobcoach")]


def test_anonymised_worker_is_not_audited(world, call):
    from django.utils import timezone

    Placement.objects.get(pk=world.placement_a.pk).worker.__class__.objects.filter(
        pk=world.placement_a.worker_id
    ).update(display_name="(verwijderd)", birth_date=None, anonymised_at=timezone.now())
    data = _placement(call, world.adviser, world.placement_a)
    assert data["worker"]["display_name"] == "(verwijderd)"
    assert not _events(world.placement_a).exists()


def test_deadlines_and_requests_carry_no_worker_data(world, call):
    deadlines = call(world.employer_user_a, "get", "/api/v1/deadlines/").content
    assert b"Sanne" not in deadlines
    assert b"1990-05-17" not in deadlines
    assert b"bijstand" not in deadlines
