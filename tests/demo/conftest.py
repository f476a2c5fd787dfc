"""The demo world, built once per test module and rolled back afterwards.

``demo_backoffice`` takes seconds, so the tests of one module share one build: it runs
inside a transaction that is never committed. Each test runs in a savepoint on top of
it (pytest-django's ``db``), so a test that changes something leaves the next one the
same world.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import transaction

from werkpunt.core.demo_backoffice import ALLOW_ENV, PASSWORD_ENV


@pytest.fixture
def allow_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run with DEBUG off: allow the demo as a staging server would."""
    monkeypatch.setenv(ALLOW_ENV, "true")
    monkeypatch.delenv(PASSWORD_ENV, raising=False)


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: object) -> Iterator[str]:
    """Build the demo once for the module; yields the command's output."""
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():  # type: ignore[attr-defined]
        patch.setenv(ALLOW_ENV, "true")
        patch.delenv(PASSWORD_ENV, raising=False)
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = io.StringIO()
            call_command("demo_backoffice", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
