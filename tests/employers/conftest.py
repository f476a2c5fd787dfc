"""Fixtures for the question form: clean cache and mailbox, valid answers, an HTML reader."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
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


# --- A small HTML reader ---------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list[Element] = field(default_factory=list)

    @property
    def plain(self) -> str:
        """The text with white space collapsed."""
        return " ".join(self.text.split())

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()


class Page(HTMLParser):
    """Elements in document order, each with its collapsed text."""

    VOID = frozenset({"meta", "link", "br", "img", "input", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in self.VOID:
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


@pytest.fixture
def parse() -> Callable[[bytes], Page]:
    def _parse(content: bytes) -> Page:
        page = Page()
        page.feed(content.decode("utf-8"))
        page.close()
        return page

    return _parse
