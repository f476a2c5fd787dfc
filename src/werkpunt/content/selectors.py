"""Reads for the site frame and search: the sections in the menu, footer links, results."""

# mypy: disable-error-code="import-untyped"

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from wagtail.models import Page, Site

from werkpunt.content.models import (
    GlossaryTerm,
    HomePage,
    InstrumentIndexPage,
    NewsIndexPage,
    StandardPage,
    StoryIndexPage,
)

CONTACT_SLUG = "contact"
_CACHE_ATTRIBUTE = "_werkpunt_sections"


@dataclass(frozen=True, slots=True)
class Sections:
    """The pages the site frame links to; ``None`` when a section does not exist (yet)."""

    home: HomePage | None
    instruments: InstrumentIndexPage | None
    stories: StoryIndexPage | None
    news: NewsIndexPage | None
    contact: StandardPage | None
    footer: tuple[StandardPage, ...]


def site_root(request: HttpRequest | None) -> HomePage | None:
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    root = site.root_page.specific
    return root if isinstance(root, HomePage) else None


def sections(request: HttpRequest | None) -> Sections:
    """The sections of the site, read once per request."""
    cached = getattr(request, _CACHE_ATTRIBUTE, None) if request is not None else None
    if isinstance(cached, Sections):
        return cached
    home = site_root(request)
    children: Sequence[Any] = (
        list(home.get_children().live().public().specific()) if home is not None else []
    )

    def first(kind: type[Any]) -> Any:
        return next((child for child in children if isinstance(child, kind)), None)

    standard = [child for child in children if isinstance(child, StandardPage)]
    result = Sections(
        home=home,
        instruments=first(InstrumentIndexPage),
        stories=first(StoryIndexPage),
        news=first(NewsIndexPage),
        contact=next((p for p in standard if p.slug == CONTACT_SLUG), None),
        footer=tuple(p for p in standard if p.show_in_footer),
    )
    if request is not None:
        setattr(request, _CACHE_ATTRIBUTE, result)
    return result


@dataclass(frozen=True, slots=True)
class Result:
    title: str
    summary: str
    url: str
    type_label: str


def search_pages(query: str, request: HttpRequest | None) -> list[Result]:
    """Live, public pages that match ``query`` (Wagtail search, database backend)."""
    home = site_root(request)
    pages = Page.objects.live().public()
    if home is not None:
        pages = pages.descendant_of(home, inclusive=True)
    return [
        Result(
            title=str(page.title),
            summary=str(getattr(page, "summary", "") or getattr(page, "intro", "")),
            url=page.get_url(request=request) or "/",
            type_label=str(getattr(page, "type_label", "")),
        )
        for page in pages.specific().search(query, operator="and")
    ]


def search_terms(query: str) -> list[GlossaryTerm]:
    """Glossary terms whose name, other spellings or explanation contain a word of ``query``."""
    words = query.split()
    if not words:
        return []
    condition = Q()
    for word in words:
        condition &= (
            Q(term__icontains=word) | Q(synonyms__icontains=word) | Q(definition__icontains=word)
        )
    return list(GlossaryTerm.objects.filter(condition).order_by("term"))
