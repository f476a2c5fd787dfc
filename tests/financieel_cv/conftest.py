"""Fixtures for the financieel CV: a fixed calculation day, the example walk, an HTML reader."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "situatie.json"
TODAY = dt.date(2026, 11, 28)

#: The example situation (examples/situatie.json) as the wizard's three steps.
STEP_1 = {
    "birth_date": "10-03-1966",
    "bbl_student": "false",
    "employed_by_employer_last_6_months": "false",
}
STEP_2 = {"benefit": "ww", "benefit_weeks": "40", "municipality": "emmen"}
STEP_3 = {
    "start_date": "2025-09-01",
    "contract": "open_ended",
    "hours_per_week": "32",
    "hourly_wage": "15,20",
}


@pytest.fixture
def steps() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """The example situation as the POST data of the three steps."""
    return STEP_1, STEP_2, STEP_3


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    monkeypatch.setattr("werkpunt.financieel_cv.report.today", lambda: TODAY)
    return TODAY


@pytest.fixture
def example_answers() -> dict[str, str]:
    data = json.loads(EXAMPLE.read_text())
    return {
        k: (str(v).lower() if isinstance(v, bool) else str(v))
        for k, v in data.items()
        if v is not None
    }


@pytest.fixture
def walk(client: Client) -> Callable[..., Any]:
    """Post the three steps of the example (with overrides per step)."""

    def _walk(prefix: str = "", **overrides: str) -> Any:
        response = None
        for number, data in enumerate((STEP_1, STEP_2, STEP_3), start=1):
            posted = {**data, **{k: v for k, v in overrides.items() if k in data}}
            response = client.post(f"{prefix}/financieel-cv/stap/{number}/", posted)
            assert response.status_code == 302, response.content.decode()[:2000]
        return response

    return _walk


class Page(HTMLParser):
    """Elements of a page in document order, with their attributes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[dict[str, Any]] = []
        self._open: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = {"tag": tag, "attrs": {k: v or "" for k, v in attrs}, "text": ""}
        self.elements.append(element)
        if tag not in {
            "meta",
            "link",
            "br",
            "img",
            "input",
            "hr",
            "path",
            "rect",
            "line",
            "circle",
        }:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index]["tag"] == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element["text"] += data

    def find_all(self, tag: str, **attrs: str) -> list[dict[str, Any]]:
        return [
            e
            for e in self.elements
            if e["tag"] == tag and all(e["attrs"].get(k) == v for k, v in attrs.items())
        ]

    def by_id(self, element_id: str) -> dict[str, Any]:
        found = [e for e in self.elements if e["attrs"].get("id") == element_id]
        assert len(found) == 1, f"id={element_id!r} komt {len(found)} keer voor"
        return found[0]


@pytest.fixture
def text() -> Callable[[dict[str, Any]], str]:
    """An element's text with whitespace collapsed."""
    return lambda element: " ".join(element["text"].split())


@pytest.fixture
def parse() -> Callable[[bytes], Page]:
    def _parse(content: bytes) -> Page:
        page = Page()
        page.feed(content.decode("utf-8"))
        page.close()
        return page

    return _parse


def _visible(content: bytes) -> str:
    html = re.sub(r"<[^>]+>", " ", content.decode("utf-8"))
    return " ".join(html.replace("&nbsp;", " ").split())


@pytest.fixture
def visible() -> Callable[[bytes], str]:
    """The page's text with the tags removed and whitespace collapsed."""
    return _visible
