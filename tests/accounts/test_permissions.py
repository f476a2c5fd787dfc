"""The role check every back-office view goes through."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from werkpunt.accounts.models import Role
from werkpunt.accounts.permissions import mfa_verified, role_of

pytestmark = pytest.mark.django_db


def test_login_fixture_passes_second_factor(client, make_user, login):
    adviser = make_user(role=Role.ADVISER)
    login(client, adviser)
    request = RequestFactory().get("/")
    request.user = adviser
    request.session = client.session
    assert role_of(adviser) is Role.ADVISER
    assert mfa_verified(request)


def test_role_required_blocks_other_roles_and_missing_second_factor(client, make_user, login):
    from django.core.exceptions import PermissionDenied

    from werkpunt.accounts.permissions import role_required

    @role_required(Role.TEAM_LEAD)
    def view(request):
        return HttpResponse("ok")

    factory = RequestFactory()
    adviser = make_user(role=Role.ADVISER)
    lead = make_user(role=Role.TEAM_LEAD)

    request = factory.get("/werk/")
    request.user = lead
    request.session = client.session
    response = view(request)
    assert response.status_code == 302  # no second factor yet

    login(client, lead)
    request.session = client.session
    assert view(request).content == b"ok"

    login(client, adviser)
    request.user = adviser
    request.session = client.session
    with pytest.raises(PermissionDenied):
        view(request)
