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
