"""Fixtures for the content site: the fixture YAML loaded as the site, a fixed day, HTML."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 11, 28)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Amounts on pages are the values of "today": make today a known day."""
    monkeypatch.setattr("werkpunt.core.views.today", lambda: TODAY)
    return TODAY


@pytest.fixture
def fix_today(monkeypatch: pytest.MonkeyPatch) -> Callable[[dt.date], None]:
    def _fix(day: dt.date) -> None:
        monkeypatch.setattr("werkpunt.core.views.today", lambda: day)

    return _fix


@pytest.fixture
def site(db: None) -> None:
    """The fixture content, loaded with the demo loader."""
    call_command("demo", directory=str(FIXTURES), stdout=io.StringIO())


@pytest.fixture
def soup() -> Callable[[bytes | str], BeautifulSoup]:
    def _soup(content: bytes | str) -> BeautifulSoup:
        text = content.decode() if isinstance(content, bytes) else content
        return BeautifulSoup(text, "html.parser")

    return _soup


@pytest.fixture
def json_ld() -> Callable[[BeautifulSoup], list[Any]]:
    """Every JSON-LD object on a page (fails on invalid JSON)."""

    def _json_ld(page: BeautifulSoup) -> list[Any]:
        return [
            json.loads(script.string or "")
            for script in page.find_all("script", type="application/ld+json")
        ]

    return _json_ld


@pytest.fixture
def text() -> Callable[[Any], str]:
    """An element's text with whitespace collapsed (a no-break space is kept)."""

    def _text(element: Any) -> str:
        return re.sub(r"[ \t\r\n]+", " ", element.get_text(" ")).strip()

    return _text
