"""Fixtures for the question form: clean cache and mailbox, valid answers (the HTML reader is in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache

from werkpunt.employers import spam

WSP_EMAIL = "wsp@werkpunt.test"


@pytest.fixture(autouse=True)
def _mail_and_cache(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.WERKPUNT_WSP_EMAIL = WSP_EMAIL
    settings.WERKPUNT_BASE_URL = "https://werkpunt.test"
    # Users are made in many tests; the real password hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def answers() -> Callable[..., dict[str, Any]]:
    """Valid answers as the form posts them; keyword arguments replace or add fields."""

    def _answers(**changes: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "topic": "schemes",
            "message": "Kan ik loonkostensubsidie krijgen voor een nieuwe medewerker?",
            "name": "Jan de Vries",
            "organisation": "Kwekerij De Vries",
            "municipality": "emmen",
            "email": "jan@kwekerij.test",
            "preferred_contact": "phone",
            "phone": "0591 123 456",
            "consent": "on",
            "next": "/regels/",
            spam.TOKEN_FIELD: spam.form_token(issued_at=spam.now() - 30),
            spam.HONEYPOT_FIELD: "",
        }
        data.update(changes)
        return {key: value for key, value in data.items() if value is not None}

    return _answers


@pytest.fixture
def send(client, answers, django_capture_on_commit_callbacks):
    """POST the form to ``url`` and run the after-commit callbacks (the mails)."""

    def _send(url: str = "/vraag/", remote_addr: str = "127.0.0.1", **changes: Any):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, answers(**changes), REMOTE_ADDR=remote_addr)

    return _send


# --- Back office: employers and requests ------------------------------------------------------


@pytest.fixture
def partner(db):
    """``partner("uwv")``: a partner organisation (made once per slug)."""
    from werkpunt.accounts.models import Organisation, OrganisationKind

    def _partner(slug: str = "uwv", kind: str = OrganisationKind.UWV) -> Any:
        organisation, _ = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": slug.upper(), "kind": kind}
        )
        return organisation

    return _partner


@pytest.fixture
def make_employer(db, make_user):
    """``make_employer(name=..., kvk_number=..., contact_person=...)``: an employer record."""
    from werkpunt.employers.models import Employer

    counter = {"n": 0}

    def _make(**fields: Any) -> Any:
        counter["n"] += 1
        n = counter["n"]
        if "contact_person" not in fields:
            fields["contact_person"] = make_user(role="adviseur")
        fields.setdefault("name", f"Werkgever {n}")
        fields.setdefault("kvk_number", f"{90000000 + n:08d}")
        fields.setdefault("sector", "agrarisch")
        fields.setdefault("size", "1-9")
        fields.setdefault("municipality", "emmen")
        return Employer.objects.create(**fields)

    return _make


@pytest.fixture
def make_request(db):
    """``make_request(**fields)``: a request stored as it is (no service, no mails)."""
    from werkpunt.employers.models import Request

    def _make(**fields: Any) -> Any:
        fields.setdefault("name", "Jan de Vries")
        fields.setdefault("organisation", "Kwekerij De Vries")
        fields.setdefault("email", "jan@kwekerij.test")
        fields.setdefault("phone", "0591 123 456")
        fields.setdefault("topic", "schemes")
        fields.setdefault("message", "Kan ik loonkostensubsidie krijgen?")
        fields.setdefault("preferred_contact", "phone")
        fields.setdefault("consent", True)
        return Request.objects.create(**fields)

    return _make
