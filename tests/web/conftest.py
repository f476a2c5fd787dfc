"""Fixtures for the web tests: a fixed "today" (the HTML reader is in tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest


@pytest.fixture
def fix_today(monkeypatch: pytest.MonkeyPatch) -> Callable[[dt.date], None]:
    """Make the web pages believe today is the given day."""

    def _fix(day: dt.date) -> None:
        monkeypatch.setattr("werkpunt.core.views.today", lambda: day)

    return _fix
