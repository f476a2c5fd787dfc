"""Who may call what: the permission matrix of every endpoint, as on the screens.

Roles without access get 403, objects outside the caller's scope 404, anonymous callers
401. Staff need a verified second factor; an employer user does not.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from werkpunt.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db

ROLES = (
    "adviser",
    "lead",
    "jobcoach",
    "employer_user_a",
    "employer_user_b",
    "board",
    "editor",
    "administrator",
    None,  # anonymous
)


def _row(**expected: int) -> dict[str | None, int]:
    """Expected status per role; ``anonymous`` is the key for no user."""
    row: dict[str | None, int] = {
        key if key != "anonymous" else None: value for key, value in expected.items()
    }
    assert set(row) == set(ROLES), set(ROLES) ^ set(row)
    return row


READ_ALL_CASE = _row(
    adviser=200,
    lead=200,
    jobcoach=403,
    employer_user_a=200,
    employer_user_b=200,
    board=403,
    editor=403,
    administrator=403,
    anonymous=401,
)
OWN_EMPLOYER_ONLY = _row(
    adviser=200,
    lead=200,
    jobcoach=403,
    employer_user_a=200,
    employer_user_b=404,
    board=403,
    editor=403,
    administrator=403,
    anonymous=401,
)
CASE_WRITE = _row(
    adviser=200,
    lead=200,
    jobcoach=403,
    employer_user_a=403,
    employer_user_b=403,
    board=403,
    editor=403,
    administrator=403,
    anonymous=401,
)
PLACEMENT_LIST = _row(
    adviser=200,
    lead=200,
    jobcoach=200,
    employer_user_a=200,
    employer_user_b=200,
    board=403,
    editor=403,
    administrator=403,
    anonymous=401,
)
PLACEMENT_A = _row(
    adviser=200,
    lead=200,
    jobcoach=200,
    employer_user_a=200,
    employer_user_b=404,
    board=403,
    editor=403,
    administrator=403,
    anonymous=401,
)
PLACEMENT_B = _row(
    adviser=200,
    lead=200,
    jobcoach=404,
    employer_user_a=404,
    employer_user_b=200,
    board=403,
    editor=403,
    administrator=403,
    anonymous=401,
)
COMPLETE_A = _row(  # adviser: the contact person of A, so involved
    adviser=200,
    lead=200,
    jobcoach=403,  # reads only, as on the screen
    employer_user_a=403,
    employer_user_b=403,
    board=403,
    editor=403,
    administrator=403,
    anonymous=401,
)
COMPLETE_B = _row(  # adviser: sees B's placement but is not involved in it
    adviser=403,
    lead=200,
    jobcoach=403,
    employer_user_a=403,
    employer_user_b=403,
    board=403,
    editor=403,
    administrator=403,
    anonymous=401,
)


def _new_employer(world: Any) -> dict[str, Any]:
    return {
        "name": "Nieuw Bedrijf",
        "kvk_number": "11223344",
        "sector": "food",
        "size": "10-49",
        "municipality": "hoogeveen",
        "contact_person": world.adviser.pk,
    }


# (name, method, path from the world, body from the world, expected per role)
ENDPOINTS: list[tuple[str, str, Any, Any, dict[str | None, int]]] = [
    ("employers list", "get", lambda w: "/api/v1/employers/", None, READ_ALL_CASE),
    (
        "employer A",
        "get",
        lambda w: f"/api/v1/employers/{w.employer_a.pk}/",
        None,
        OWN_EMPLOYER_ONLY,
    ),
    (
        "employer create",
        "post",
        lambda w: "/api/v1/employers/",
        _new_employer,
        {**CASE_WRITE, "adviser": 201, "lead": 201},
    ),
    (
        "employer patch",
        "patch",
        lambda w: f"/api/v1/employers/{w.employer_a.pk}/",
        lambda w: {"name": "Kwekerij De Vries BV"},
        CASE_WRITE,
    ),
    (
        "employer put",
        "put",
        lambda w: f"/api/v1/employers/{w.employer_a.pk}/",
        lambda w: {**_new_employer(w), "kvk_number": w.employer_a.kvk_number},
        CASE_WRITE,
    ),
    ("requests list", "get", lambda w: "/api/v1/requests/", None, READ_ALL_CASE),
    (
        "request A",
        "get",
        lambda w: f"/api/v1/requests/{w.request_a.pk}/",
        None,
        OWN_EMPLOYER_ONLY,
    ),
    (
        "request answer",
        "post",
        lambda w: f"/api/v1/requests/{w.request_a.pk}/answer/",
        lambda w: {"answer": "Ja, dat kan. Ik bel u morgen."},
        CASE_WRITE,
    ),
    ("placements list", "get", lambda w: "/api/v1/placements/", None, PLACEMENT_LIST),
    (
        "placement A",
        "get",
        lambda w: f"/api/v1/placements/{w.placement_a.pk}/",
        None,
        PLACEMENT_A,
    ),
    (
        "placement B",
        "get",
        lambda w: f"/api/v1/placements/{w.placement_b.pk}/",
        None,
        PLACEMENT_B,
    ),
    ("deadlines list", "get", lambda w: "/api/v1/deadlines/", None, PLACEMENT_LIST),
    (
        "deadline A",
        "get",
        lambda w: f"/api/v1/deadlines/{w.deadline_a.pk}/",
        None,
        PLACEMENT_A,
    ),
    (
        "deadline A complete",
        "post",
        lambda w: f"/api/v1/deadlines/{w.deadline_a.pk}/complete/",
        None,
        COMPLETE_A,
    ),
    (
        "deadline B complete",
        "post",
        lambda w: f"/api/v1/deadlines/{w.deadline_b.pk}/complete/",
        None,
        COMPLETE_B,
    ),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    [pytest.param(*endpoint[1:], id=endpoint[0]) for endpoint in ENDPOINTS],
)
def test_permission_matrix(world, call, method, path, body, expected):
    wrong = []
    for role in ROLES:
        user = world.user(role) if role else None
        with transaction.atomic():  # each role sees the world as it was
            response = call(user, method, path(world), body(world) if body else None)
            transaction.set_rollback(True)
        label = role or "anonymous"
        if response.status_code != expected[role]:
            wrong.append(f"{label}: {response.status_code} (verwacht {expected[role]})")
            continue
        assert response["Content-Type"].startswith("application/json"), label
        if response.status_code >= 400:
            assert set(response.json()) >= {"detail", "code"}, label
        if response.status_code == 401:
            assert response["WWW-Authenticate"] == "Token", label
    assert not wrong, "; ".join(wrong)


def test_lists_are_scoped_to_the_caller(world, call):
    def ids(user, path):
        response = call(user, "get", path)
        assert response.status_code == 200
        return {item["id"] for item in response.json()["results"]}

    everything = {world.employer_a.pk, world.employer_b.pk}
    assert ids(world.adviser, "/api/v1/employers/") == everything
    assert ids(world.employer_user_a, "/api/v1/employers/") == {world.employer_a.pk}
    assert ids(world.employer_user_b, "/api/v1/employers/") == {world.employer_b.pk}
    assert ids(world.employer_user_a, "/api/v1/requests/") == {world.request_a.pk}
    assert ids(world.lead, "/api/v1/requests/") == {world.request_a.pk, world.request_b.pk}
    assert ids(world.jobcoach, "/api/v1/placements/") == {world.placement_a.pk}
    assert ids(world.employer_user_b, "/api/v1/placements/") == {world.placement_b.pk}
    assert ids(world.jobcoach, "/api/v1/deadlines/") == {world.deadline_a.pk}
    assert ids(world.employer_user_a, "/api/v1/deadlines/") == {world.deadline_a.pk}
    assert ids(world.other_adviser, "/api/v1/deadlines/") == {
        world.deadline_a.pk,
        world.deadline_b.pk,
    }


def test_a_foreign_filter_value_does_not_widen_the_scope(world, call):
    response = call(
        world.employer_user_a, "get", f"/api/v1/deadlines/?placement={world.placement_b.pk}"
    )
    assert response.json()["results"] == []
    response = call(
        world.employer_user_a, "get", f"/api/v1/placements/?employer={world.employer_b.pk}"
    )
    assert response.json()["results"] == []


def test_staff_session_without_second_factor_is_refused(world):
    client = Client()
    client.force_login(world.adviser)  # password only: the second factor was not passed
    response = client.get("/api/v1/employers/")
    assert response.status_code == 403
    assert "tweede stap" in response.json()["detail"]


def test_employer_session_needs_no_second_factor(world):
    client = Client()
    client.force_login(world.employer_user_a)
    assert client.get("/api/v1/employers/").status_code == 200


def test_session_writes_need_the_csrf_token(world, login):
    client = Client(enforce_csrf_checks=True)
    login(client, world.adviser)
    path = f"/api/v1/requests/{world.request_a.pk}/answer/"
    body = {"answer": "Ik heb u gebeld."}
    refused = client.post(path, body, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["code"] == "permission_denied"
    world.request_a.refresh_from_db()
    assert world.request_a.answer == ""

    client.get("/api/v1/requests/")  # any page; the CSRF cookie comes from get_token below
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret

    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    accepted = client.post(
        path, body, content_type="application/json", HTTP_X_CSRFTOKEN=_mask_cipher_secret(secret)
    )
    assert accepted.status_code == 200, accepted.content
    world.request_a.refresh_from_db()
    assert world.request_a.answer == "Ik heb u gebeld."


def test_refusals_write_no_audit_events(world, call):
    before = AuditEvent.objects.count()
    call(world.employer_user_b, "get", f"/api/v1/placements/{world.placement_a.pk}/")
    call(world.board, "get", "/api/v1/placements/")
    call(None, "get", f"/api/v1/placements/{world.placement_a.pk}/")
    assert AuditEvent.objects.count() == before
