"""Template tags of the public site: menu and footer, page text, structured data."""

# mypy: disable-error-code="import-untyped"

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.core.cache import cache
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from werkpunt.content import selectors, seo
from werkpunt.content.rendering import Renderer
from werkpunt.core.page_cache import content_generation
from werkpunt.core.templatetags.werkpunt import home_path, localized_path

register = template.Library()


@dataclass(frozen=True, slots=True)
class NavItem:
    title: str
    url: str
    current: str = ""  # "page" for this page, "true" for a page inside the section
    content_lang: str = ""  # "nl" when the title is page content (Dutch on every page)


@dataclass(frozen=True, slots=True)
class Navigation:
    menu: tuple[NavItem, ...]
    footer: tuple[NavItem, ...]


def _current(path: str, url: str) -> str:
    if path == url:
        return "page"
    if url != home_path() and path.startswith(url):
        return "true"
    return ""


#: The links of menu and footer per site, language and content generation; the page that is
#: current is worked out per request. Saves the page-tree queries on every page.
_NAV_CACHE_SECONDS = 300


def _navigation_links(request: Any) -> tuple[list[tuple[str, str]], list[NavItem]]:
    key = "werkpunt:nav:{}:{}:{}".format(
        content_generation(),
        get_language() or "",
        request.get_host() if request is not None else "",
    )
    cached = cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    found = selectors.sections(request)

    def url_of(page: Any) -> str:
        return str(page.get_url(request=request) or "")

    menu: list[tuple[str, str]] = []
    if found.instruments:
        menu.append((_("Regelingen"), url_of(found.instruments)))
    menu.append((_("Financieel CV"), localized_path("/financieel-cv/")))
    if found.stories:
        menu.append((_("Verhalen"), url_of(found.stories)))
    if found.news:
        menu.append((_("Nieuws"), url_of(found.news)))
    menu.append((_("Begrippen"), reverse("content:glossary")))
    if found.contact:
        menu.append((_("Contact"), url_of(found.contact)))
    menu.append((_("Regels en bedragen"), reverse("core:rules_register")))
    footer = [NavItem(str(page.title), url_of(page), content_lang="nl") for page in found.footer]
    footer.append(NavItem(_("Regels en bedragen"), reverse("core:rules_register")))
    links = ([(str(title), url) for title, url in menu], footer)
    cache.set(key, links, _NAV_CACHE_SECONDS)
    return links


@register.simple_tag(takes_context=True)
def site_navigation(context: dict[str, Any]) -> Navigation:
    """The main menu and the footer links; sections that do not exist are left out."""
    request = context.get("request")
    path = request.path if request is not None else ""
    menu, footer = _navigation_links(request)
    return Navigation(
        menu=tuple(NavItem(title, url, _current(path, url)) for title, url in menu if url),
        footer=tuple(item for item in footer if item.url),
    )


def _renderer(context: dict[str, Any]) -> Renderer:
    renderer = context.get("renderer")
    if isinstance(renderer, Renderer):
        return renderer
    return Renderer.for_request(context["request"])


@register.simple_tag(takes_context=True)
def rich(context: dict[str, Any], value: Any, mark_terms: bool = True) -> SafeString:
    """Stored rich text as page HTML: placeholders, NLDS classes, glossary terms."""
    return _renderer(context).rich(value, mark_terms=mark_terms)


@register.simple_tag(takes_context=True)
def inline(context: dict[str, Any], value: Any) -> SafeString:
    """Plain text with ``[[placeholders]]``, escaped."""
    return _renderer(context).inline(value)


@register.simple_tag(takes_context=True)
def plain(context: dict[str, Any], value: Any) -> str:
    """Plain text with ``[[placeholders]]`` replaced by plain values (for attributes)."""
    return _renderer(context).text(value)


@register.simple_tag(takes_context=True)
def amounts(context: dict[str, Any], names: Any) -> list[Any]:
    return _renderer(context).amounts(names or [])


@register.simple_tag(takes_context=True)
def infographic(context: dict[str, Any], page: Any, described_by: str) -> SafeString:
    return _renderer(context).infographic(page, described_by=described_by)


@register.simple_tag(takes_context=True)
def used_terms(context: dict[str, Any]) -> list[Any]:
    """The glossary terms marked on this page so far, for their definitions."""
    return _renderer(context).used_terms


@register.simple_tag(takes_context=True)
def page_json_ld(context: dict[str, Any], page: Any) -> SafeString:
    request = context.get("request")
    items = seo.structured_data(page, request, _renderer(context))
    return mark_safe("\n  ".join(seo.json_ld_script(item) for item in items))  # noqa: S308


@register.simple_tag
def json_ld(data: dict[str, Any]) -> SafeString:
    return seo.json_ld_script(data)


@register.filter
def host(url: str) -> str:
    """``https://www.youtube.com/watch?v=…`` → ``youtube.com``."""
    from urllib.parse import urlsplit

    return urlsplit(str(url)).netloc.removeprefix("www.")


@register.filter
def organisation_name(code: str) -> str:
    """``WSP`` → ``Werkgeversservicepunt (WSP)``; the names are content (Dutch)."""
    from werkpunt.content.models import ORGANISATIONS

    return dict(ORGANISATIONS).get(str(code), str(code))
