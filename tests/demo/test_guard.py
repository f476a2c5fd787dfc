"""The demo makes accounts with a known password: it runs only where that is safe."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from werkpunt.accounts.models import Organisation
from werkpunt.employers.models import Employer

pytestmark = pytest.mark.django_db


def test_refuses_with_debug_off_and_no_permission(monkeypatch, settings):
    settings.DEBUG = False
    monkeypatch.delenv("WERKPUNT_ALLOW_DEMO", raising=False)

    with pytest.raises(CommandError, match="WERKPUNT_ALLOW_DEMO"):
        call_command("demo_backoffice", stdout=io.StringIO())

    assert not get_user_model().objects.exists()
    assert not Organisation.objects.exists()
    assert not Employer.objects.exists()


@pytest.mark.parametrize("value", ["false", "0", ""])
def test_only_a_true_value_allows_it(monkeypatch, settings, value):
    settings.DEBUG = False
    monkeypatch.setenv("WERKPUNT_ALLOW_DEMO", value)

    with pytest.raises(CommandError):
        call_command("demo_backoffice", stdout=io.StringIO())


def test_runs_on_an_empty_database_with_debug_on(monkeypatch, settings):
    settings.DEBUG = True
    monkeypatch.delenv("WERKPUNT_ALLOW_DEMO", raising=False)
    out = io.StringIO()

    call_command("demo_backoffice", stdout=out)

    assert Employer.objects.count() == 40
    assert "klaar" in out.getvalue()
