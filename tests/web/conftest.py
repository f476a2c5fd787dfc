"""Fixtures for the web tests: a small HTML reader, and a fixed "today"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest

FOCUSABLE_TAGS = {"button", "input", "select", "textarea", "summary"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


class Page(HTMLParser):
    """The elements of an HTML page in document order, each with its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in {"meta", "link", "br", "img", "input", "hr"}:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data

    def find_all(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str, **attrs: str) -> Element:
        found = self.find_all(tag, **attrs)
        assert found, f"geen <{tag} {attrs}> op de pagina"
        return found[0]

    def by_id(self, element_id: str) -> Element:
        found = [e for e in self.elements if e.attrs.get("id") == element_id]
        assert len(found) == 1, f"id={element_id!r} komt {len(found)} keer voor"
        return found[0]

    def focusable(self) -> list[Element]:
        """Elements reachable with Tab, in document order (tabindex=-1 excluded)."""
        result = []
        for e in self.elements:
            tabindex = e.attrs.get("tabindex")
            if tabindex is not None and int(tabindex) < 0:
                continue
            if (
                (e.tag == "a" and "href" in e.attrs)
                or e.tag in FOCUSABLE_TAGS
                or tabindex is not None
            ):
                result.append(e)
        return result


def _text(element: Element) -> str:
    return " ".join(element.text.split())


@pytest.fixture
def parse() -> Callable[[bytes], Page]:
    def _parse(content: bytes) -> Page:
        page = Page()
        page.feed(content.decode("utf-8"))
        page.close()
        return page

    return _parse


@pytest.fixture
def text() -> Callable[[Element], str]:
    """An element's text with whitespace collapsed."""
    return _text


@pytest.fixture
def fix_today(monkeypatch: pytest.MonkeyPatch) -> Callable[[dt.date], None]:
    """Make the web pages believe today is the given day."""

    def _fix(day: dt.date) -> None:
        monkeypatch.setattr("werkpunt.core.views.today", lambda: day)

    return _fix
