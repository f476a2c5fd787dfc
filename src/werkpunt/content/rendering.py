"""Turning stored page text into the HTML of one request.

Rich text goes through four steps: Wagtail's link expansion, ``[[placeholders]]``
(values of today, see ``placeholders.py``), NL Design System classes, and
glossary marking (the first occurrence of each term on the page, see
``markup.py``). One :class:`Renderer` per request keeps track of the terms
already marked, so a term is linked once per page, whatever field it is in.
"""

# mypy: disable-error-code="import-untyped"

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import expand_db_html

from werkpunt.content import infographic, placeholders
from werkpunt.content.markup import Marker, Term, add_nlds_classes
from werkpunt.core import views as core_views
from werkpunt.core.register import Row, register_row
from werkpunt.rules import ParameterSet, default_parameters

_CACHE_ATTRIBUTE = "_werkpunt_renderer"


def glossary_terms() -> list[Term]:
    from werkpunt.content.models import GlossaryTerm

    return [
        Term(slug=t.slug, term=t.term, definition=t.definition, synonyms=tuple(t.synonym_list()))
        for t in GlossaryTerm.objects.all()
    ]


class Renderer:
    """Renders the text of the pages shown in one request."""

    def __init__(
        self,
        *,
        day: dt.date,
        lang: str,
        parameters: ParameterSet,
        register_url: str,
        glossary_url: str,
        terms: Sequence[Term] | None = None,
    ) -> None:
        self.day = day
        self.lang = lang
        self.parameters = parameters
        self.register_url = register_url
        self.glossary_url = glossary_url
        self._terms = terms
        self._marker: Marker | None = None

    @classmethod
    def for_request(cls, request: HttpRequest) -> Renderer:
        cached = getattr(request, _CACHE_ATTRIBUTE, None)
        if isinstance(cached, Renderer):
            return cached
        renderer = cls(
            day=core_views.today(),
            lang=core_views.rules_language(),
            parameters=default_parameters(),
            register_url=reverse("core:rules_register"),
            glossary_url=reverse("content:glossary"),
        )
        setattr(request, _CACHE_ATTRIBUTE, renderer)
        return renderer

    @property
    def marker(self) -> Marker:
        if self._marker is None:
            terms = glossary_terms() if self._terms is None else self._terms
            glossary_url = self.glossary_url
            self._marker = Marker(terms, href=lambda term: f"{glossary_url}#{term.slug}")
        return self._marker

    @property
    def used_terms(self) -> list[Term]:
        return self._marker.used if self._marker is not None else []

    def term_id(self, term: Term) -> str:
        return self.marker.element_id(term)

    # --- Text ---------------------------------------------------------------------

    def rich(self, value: Any, *, mark_terms: bool = True) -> SafeString:
        """Stored rich text (a RichTextField or RichTextBlock value) as page HTML."""
        source = value.source if hasattr(value, "source") else str(value or "")
        html = expand_db_html(source)
        html = placeholders.render_html(
            html, self.parameters, self.day, register_url=self.register_url
        )
        html = add_nlds_classes(html)
        if mark_terms:
            html = self.marker.mark(html)
        return mark_safe(html)  # noqa: S308 - every step escapes text; rich text is editor HTML

    def inline(self, value: Any) -> SafeString:
        """Plain text with placeholders, as HTML (escaped, provisional values linked)."""
        html = placeholders.render_html(
            escape(str(value or ""), quote=False),
            self.parameters,
            self.day,
            register_url=self.register_url,
        )
        return mark_safe(html)  # noqa: S308 - the text was escaped above

    def text(self, value: Any) -> str:
        """Plain text with placeholders replaced by plain values."""
        return placeholders.render_text(str(value or ""), self.parameters, self.day)

    # --- Parts of an instrument page ----------------------------------------------

    def amounts(self, names: Iterable[str]) -> list[Row]:
        """Rows for the "Bedragen" table, in the language of the interface."""
        return [
            register_row(self.parameters[name], today=self.day, lang=self.lang)
            for name in names
            if name in self.parameters
        ]

    def money(self, names: Iterable[str]) -> list[infographic.Money]:
        """The money parameters of an instrument, for the infographic (always Dutch)."""
        items = []
        with translation.override("nl"):
            rows = [
                register_row(self.parameters[name], today=self.day, lang="nl")
                for name in names
                if name in self.parameters
            ]
        for row in rows:
            parameter = self.parameters[row.name]
            if parameter.unit in placeholders.MONEY_UNITS and row.value.text:
                items.append(
                    infographic.Money(
                        label=row.description,
                        amount=row.value.text,
                        provisional=row.provisional,
                    )
                )
        return items

    def infographic(self, page: Any, *, described_by: str) -> SafeString:
        steps = [
            infographic.Step(
                text=self.text(block.value["step"]),
                deadline=self.text(block.value["deadline"]),
                who=str(block.value["who"]),
            )
            for block in page.wat_moet_u_doen
        ]
        money = self.money(page.parameters or [])
        if not steps and not money:
            return mark_safe("")
        svg = infographic.render_svg(
            title=f"Zo werkt het: {page.title}",
            steps=steps,
            money=money,
            id_prefix="tijdlijn",
            described_by=described_by,
        )
        return mark_safe(svg)  # noqa: S308 - render_svg escapes every text
