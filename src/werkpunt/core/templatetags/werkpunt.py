"""Template tags for the base template: language switch, home link, canonical and hreflang."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from werkpunt.core.views import NOT_FOUND_ATTRIBUTE

register = template.Library()


@dataclass(frozen=True, slots=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


def current_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def localized_path(path: str, lang: str | None = None) -> str:
    """``path`` (a Dutch path, starting with ``/``) in ``lang``: ``/en/...`` for English.

    Dutch has no prefix (``prefix_default_language=False`` in ``conf/urls.py``).
    """
    lang = lang or current_language()
    if lang == settings.LANGUAGE_CODE:
        return path
    return f"/{lang}{path}"


def home_path(lang: str | None = None) -> str:
    """The home page in ``lang`` (the Wagtail root page): ``/`` or ``/en/``."""
    return localized_path("/", lang)


def alternate_paths(path: str) -> dict[str, str]:
    """The same page in every language, or ``{}`` when the path has no counterpart."""
    paths: dict[str, str] = {}
    current = current_language()
    for code, _name in settings.LANGUAGES:
        translated = translate_url(path, code)
        if translated == path and code != current:
            return {}
        paths[code] = translated
    return paths


@register.simple_tag(takes_context=True)
def language_links(context: dict[str, Any]) -> list[LanguageLink]:
    """One link per language to this page in that language.

    A page that has no counterpart (a 404, or a URL outside ``i18n_patterns``)
    links to the home page in the other language instead.
    """
    request = context.get("request")
    path = request.path if request is not None else "/"
    not_found = bool(getattr(request, NOT_FOUND_ATTRIBUTE, False))
    current = current_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(path, code)
        if not_found or (url == path and code != current):
            url = home_path(code)
        links.append(LanguageLink(code, name, url, code == current))
    return links


@register.simple_tag
def home_url() -> str:
    return home_path()


@register.simple_tag
def localized(path: str) -> str:
    """``{% localized "/financieel-cv/" %}``: a Dutch path in the current language."""
    return localized_path(path)


def absolute_url(path: str) -> str:
    return str(settings.WERKPUNT_BASE_URL).rstrip("/") + path


@register.simple_tag(takes_context=True)
def seo_links(context: dict[str, Any]) -> SafeString:
    """``<link rel="canonical">`` and ``hreflang`` alternates for the current page.

    Absolute URLs on ``WERKPUNT_BASE_URL``; the query string is left out. Pages
    in every language get an ``x-default`` that points at the Dutch page.
    """
    request = context.get("request")
    if request is None:
        return mark_safe("")
    path = request.path
    links = [f'<link rel="canonical" href="{escape(absolute_url(path))}">']
    alternates = alternate_paths(path)
    for code, alternate in alternates.items():
        links.append(
            f'<link rel="alternate" hreflang="{code}" href="{escape(absolute_url(alternate))}">'
        )
    if alternates:
        default = alternates.get(settings.LANGUAGE_CODE, path)
        links.append(
            f'<link rel="alternate" hreflang="x-default" href="{escape(absolute_url(default))}">'
        )
    return mark_safe("\n  ".join(links))  # noqa: S308 - every URL is escaped


@register.simple_tag(takes_context=True)
def canonical_url(context: dict[str, Any]) -> str:
    request = context.get("request")
    return absolute_url(request.path if request is not None else "/")


@register.simple_tag
def og_locale() -> str:
    return {"nl": "nl_NL", "en": "en_GB"}.get(current_language(), "nl_NL")
