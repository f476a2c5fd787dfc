"""Views of the content app that are not Wagtail pages: search, glossary, sitemap, robots."""

# mypy: disable-error-code="import-untyped"

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe
from wagtail.models import Page

from werkpunt.content import selectors
from werkpunt.content.models import GlossaryTerm
from werkpunt.core.page_cache import mark_public
from werkpunt.core.templatetags.werkpunt import absolute_url, localized_path

RESULTS_PER_PAGE = 20
MAX_QUERY_LENGTH = 200


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    terms = selectors.search_terms(query) if query else []
    pages = selectors.search_pages(query, request) if query else []
    paginator = Paginator(pages, RESULTS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("pagina"))
    return render(
        request,
        "content/search.html",
        {
            "query": query,
            "terms": terms,
            "results": page_obj,
            "result_count": len(pages) + len(terms),
            "paginator": paginator,
        },
    )


@require_safe
def glossary(request: HttpRequest) -> HttpResponse:
    terms = list(GlossaryTerm.objects.all())
    letters: dict[str, list[GlossaryTerm]] = {}
    for term in terms:
        letters.setdefault(str(term.term)[:1].upper(), []).append(term)
    return mark_public(
        render(
            request,
            "content/glossary.html",
            {"terms": terms, "letters": sorted(letters.items())},
        )
    )


# --- Sitemap and robots.txt -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SitemapUrl:
    loc: str
    lastmod: dt.date | None
    alternates: tuple[tuple[str, str], ...]


def _static_paths() -> list[str]:
    """Dutch paths of pages outside the Wagtail tree that belong in the sitemap."""
    with translation.override(settings.LANGUAGE_CODE):
        return [
            reverse("core:rules_register"),
            "/financieel-cv/",
            reverse("content:glossary"),
        ]


def sitemap_urls(request: HttpRequest) -> list[SitemapUrl]:
    """Every live public page, in every language, each with its alternates."""
    entries: list[tuple[dict[str, str], dt.date | None]] = []
    home = selectors.site_root(request)
    if home is not None:
        pages = Page.objects.live().public().descendant_of(home, inclusive=True).order_by("path")
        for page in pages:
            paths: dict[str, str] = {}
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    parts = page.get_url_parts(request=request)
                if parts and parts[2]:
                    paths[code] = parts[2]
            if paths:
                last = page.last_published_at.date() if page.last_published_at else None
                entries.append((paths, last))
    entries.extend(
        ({code: localized_path(path, code) for code, _name in settings.LANGUAGES}, None)
        for path in _static_paths()
    )
    urls: list[SitemapUrl] = []
    for paths, lastmod in entries:
        alternates = tuple((code, absolute_url(path)) for code, path in paths.items())
        default = paths.get(settings.LANGUAGE_CODE)
        if default:
            alternates = (*alternates, ("x-default", absolute_url(default)))
        urls.extend(SitemapUrl(absolute_url(path), lastmod, alternates) for path in paths.values())
    return urls


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "content/sitemap.xml",
        {"urls": sitemap_urls(request)},
        content_type="application/xml; charset=utf-8",
    )


@require_safe
def robots(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /cms/",
        "Disallow: /beheer/",
        "",
        f"Sitemap: {absolute_url('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
