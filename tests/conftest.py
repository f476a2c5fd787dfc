"""Shared test fixtures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest

from werkpunt.rules import Outcome, evaluate, parse_situation

AS_OF = dt.date(2026, 11, 28)


@pytest.fixture
def compute():
    """Evaluate a situation given as keyword arguments (JSON field names)."""

    def _compute(**fields: Any) -> Outcome:
        fields.setdefault("as_of", AS_OF.isoformat())
        return evaluate(parse_situation(fields))

    return _compute


# --- A small HTML reader, shared by the page tests -----------------------------------------

FOCUSABLE_TAGS = {"button", "input", "select", "textarea", "summary"}
VOID_TAGS = frozenset({"meta", "link", "br", "img", "input", "hr"})


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""

    @property
    def plain(self) -> str:
        """The text with white space collapsed."""
        return " ".join(self.text.split())

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()


class Page(HTMLParser):
    """The elements of an HTML page in document order, each with its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in VOID_TAGS:
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

    def ids(self) -> list[str]:
        return [e.attrs["id"] for e in self.elements if "id" in e.attrs]

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


@pytest.fixture
def parse() -> Callable[[bytes], Page]:
    """Read an HTML response body into a :class:`Page`."""

    def _parse(content: bytes) -> Page:
        page = Page()
        page.feed(content.decode("utf-8"))
        page.close()
        return page

    return _parse


@pytest.fixture
def text() -> Callable[[Element], str]:
    """An element's text with whitespace collapsed."""
    return lambda element: element.plain
