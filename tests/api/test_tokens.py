"""Personal API tokens: made once by a command, stored as a hash, checked on every call."""

from __future__ import annotations

import datetime as dt
import hashlib
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from werkpunt.api import authentication
from werkpunt.api.models import ApiToken
from werkpunt.api.services import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db


def _get(raw: str, path: str = "/api/v1/employers/", **extra):
    return Client().get(path, HTTP_AUTHORIZATION=f"Token {raw}", **extra)


def test_command_prints_the_token_once_and_stores_only_its_hash(world, confirm_totp):
    confirm_totp(world.adviser)
    out, err = StringIO(), StringIO()
    call_command(
        "api_token_create", world.adviser.username, "Koppeling Emmen", stdout=out, stderr=err
    )
    raw = out.getvalue().strip()
    assert raw.startswith("wpt_")
    assert len(raw) > 40
    assert "niet nog eens getoond" in err.getvalue()
    token = ApiToken.objects.get(user=world.adviser)
    assert token.name == "Koppeling Emmen"
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {token.token_hash, token.name}
    assert _get(raw).status_code == 200


def test_command_refuses_staff_without_a_confirmed_authenticator(world):
    with pytest.raises(CommandError, match="tweede stap"):
        call_command("api_token_create", world.adviser.username, "Koppeling", stdout=StringIO())
    assert not ApiToken.objects.exists()


def test_command_refuses_unknown_users_and_roles_without_api(world, confirm_totp):
    with pytest.raises(CommandError, match="geen gebruiker"):
        call_command("api_token_create", "niemand", "x", stdout=StringIO())
    confirm_totp(world.board)
    with pytest.raises(CommandError, match="rol"):
        call_command("api_token_create", world.board.username, "x", stdout=StringIO())


def test_employer_token_works_without_second_factor(world):
    _token, raw = api_token_create(user=world.employer_user_a, name="Eigen administratie")
    response = _get(raw)
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [world.employer_a.pk]


def test_staff_token_stops_working_when_the_authenticator_is_removed(world, confirm_totp):
    device = confirm_totp(world.lead)
    _token, raw = api_token_create(user=world.lead, name="Rapportage")
    assert _get(raw).status_code == 200
    device.delete()
    response = _get(raw)
    assert response.status_code == 403
    assert "authenticator-app" in response.json()["detail"]


def test_revoked_and_inactive_tokens_are_refused(world, confirm_totp):
    confirm_totp(world.adviser)
    token, raw = api_token_create(user=world.adviser, name="Koppeling")
    api_token_revoke(token=token)
    first_revocation = token.revoked_at
    api_token_revoke(token=token)
    assert token.revoked_at == first_revocation
    response = _get(raw)
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Deze token is onbekend of ingetrokken.",
        "code": "authentication_failed",
    }

    _token, raw = api_token_create(user=world.employer_user_a, name="Koppeling")
    world.employer_user_a.is_active = False
    world.employer_user_a.save()
    assert _get(raw).status_code == 401
    with pytest.raises(ValidationError):
        api_token_create(user=world.employer_user_a, name="Nog een")


def test_revoke_command_by_id_and_by_user(world):
    first, _ = api_token_create(user=world.employer_user_a, name="Een")
    second, _ = api_token_create(user=world.employer_user_a, name="Twee")
    out = StringIO()
    call_command("api_token_revoke", str(first.pk), stdout=out)
    assert f"Token {first.pk} (Een) ingetrokken" in out.getvalue()
    call_command("api_token_revoke", "--user", world.employer_user_a.username, stdout=StringIO())
    assert not ApiToken.objects.filter(revoked_at__isnull=True).exists()
    second.refresh_from_db()
    assert second.revoked_at is not None
    with pytest.raises(CommandError):
        call_command("api_token_revoke", stdout=StringIO())


def test_last_use_is_recorded_at_most_once_a_minute(world):
    token, raw = api_token_create(user=world.employer_user_a, name="Koppeling")
    assert token.last_used_at is None
    _get(raw)
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    _get(raw)
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(minutes=5))
    _get(raw)
    token.refresh_from_db()
    assert token.last_used_at > first - dt.timedelta(seconds=1)
    assert token.last_used_at <= timezone.now()


@pytest.mark.parametrize(
    "header",
    ["Token", "Token a b", "Token " + "x" * 101],
)
def test_malformed_token_headers_get_a_dutch_401(world, header):
    response = Client().get("/api/v1/employers/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert "Authorization: Token" in response.json()["detail"]


def test_other_schemes_are_not_ours_and_count_as_anonymous(world):
    response = Client().get("/api/v1/employers/", HTTP_AUTHORIZATION="Bearer abc")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_too_many_wrong_tokens_from_one_address_get_429(world, monkeypatch):
    monkeypatch.setattr(authentication, "FAILURE_LIMIT", 3)
    _token, raw = api_token_create(user=world.employer_user_a, name="Koppeling")
    for attempt in range(3):
        assert _get(f"wpt_fout{attempt}").status_code == 401
    blocked = _get(raw)  # even the right token waits: the address is blocked for a while
    assert blocked.status_code == 429
    assert blocked.json()["code"] == "token_failures"
    assert "onjuiste token" in blocked.json()["detail"]
    assert blocked["Retry-After"] == str(authentication.FAILURE_WINDOW_SECONDS)
    other_address = _get(raw, REMOTE_ADDR="10.0.0.9")
    assert other_address.status_code == 200


def test_token_calls_need_no_csrf_token(world, confirm_totp):
    confirm_totp(world.adviser)
    _token, raw = api_token_create(user=world.adviser, name="Koppeling")
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/api/v1/deadlines/{world.deadline_a.pk}/complete/",
        HTTP_AUTHORIZATION=f"Token {raw}",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "done"
