"""Structured data (schema.org JSON-LD) for the pages of the public site.

Each page gets a ``BreadcrumbList`` and a description of itself; an instrument
is a ``GovernmentService`` (with a ``FAQPage`` when it has questions), the home
page describes the ``Organization``. Texts are Dutch (``inLanguage: nl``), the
content language, whatever the interface language.
"""

# mypy: disable-error-code="import-untyped"

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from werkpunt.core.templatetags.werkpunt import absolute_url, home_path

_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
ORGANIZATION_NAME = "Werkgeversservicepunt Drenthe (Werkpunt)"
AREA = {"@type": "AdministrativeArea", "name": "Drenthe"}


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """A ``<script type="application/ld+json">`` element; ``<``, ``>`` and ``&`` escaped.

    A data block, not a script: browsers do not run it, so the
    Content-Security-Policy (``script-src 'self'``) does not apply.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def _plain(html: str) -> str:
    return " ".join(strip_tags(html).split())


def page_url(page: Any, request: HttpRequest | None) -> str:
    return absolute_url(page.get_url(request=request) or "/")


def organization(description: str = "") -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": ORGANIZATION_NAME,
        "alternateName": "Werkpunt",
        "url": absolute_url(home_path()),
        "areaServed": AREA,
        "memberOf": {"@type": "Organization", "name": "Arbeidsmarktregio Drenthe"},
    }
    if description:
        data["description"] = description
    return data


def breadcrumbs(page: Any, request: HttpRequest | None) -> dict[str, Any] | None:
    site_root_depth = 2
    trail = [p.specific for p in page.get_ancestors(inclusive=True) if p.depth >= site_root_depth]
    if len(trail) < 2:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(item.title),
                "item": page_url(item, request),
            }
            for position, item in enumerate(trail, 1)
        ],
    }


def government_service(page: Any, request: HttpRequest | None, renderer: Any) -> dict[str, Any]:
    from werkpunt.content.models import ORGANISATION_NAMES
    from werkpunt.rules import instrument_name

    providers = [
        {
            "@type": "GovernmentOrganization" if code != "WSP" else "Organization",
            "name": ORGANISATION_NAMES.get(code, code),
        }
        for code in page.organisations()
    ]
    service_types = [instrument_name(code) for code in page.instrument_codes or []]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": str(page.title),
        "description": renderer.text(page.summary),
        "url": page_url(page, request),
        "serviceType": ", ".join(service_types) or str(page.title),
        "areaServed": AREA,
        "audience": {"@type": "BusinessAudience", "name": "Werkgevers"},
        "inLanguage": "nl",
    }
    if providers:
        data["provider"] = providers if len(providers) > 1 else providers[0]
    if page.ended:
        data["disambiguatingDescription"] = "Deze regeling is gestopt."
    return data


def faq_page(page: Any, renderer: Any) -> dict[str, Any] | None:
    questions = [
        {
            "@type": "Question",
            "name": renderer.text(block.value["question"]),
            "acceptedAnswer": {
                "@type": "Answer",
                "text": renderer.text(_plain(block.value["answer"].source)),
            },
        }
        for block in page.faq
    ]
    if not questions:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "inLanguage": "nl",
        "mainEntity": questions,
    }


def web_page(page: Any, request: HttpRequest | None, description: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": getattr(page, "schema_type", "WebPage"),
        "name": str(page.title),
        "url": page_url(page, request),
        "description": description,
        "inLanguage": "nl",
        "isPartOf": {"@type": "WebSite", "name": "Werkpunt", "url": absolute_url(home_path())},
    }
    if data["@type"] in {"Article", "NewsArticle"}:
        data["headline"] = str(page.title)[:110]
        data["datePublished"] = page.date.isoformat()
        if page.last_published_at:
            data["dateModified"] = page.last_published_at.date().isoformat()
        data["publisher"] = {"@type": "Organization", "name": ORGANIZATION_NAME}
        data["author"] = {"@type": "Organization", "name": ORGANIZATION_NAME}
    return data


def structured_data(page: Any, request: HttpRequest | None, renderer: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object for ``page``, in the order they appear in ``<head>``."""
    from werkpunt.content.models import HomePage, InstrumentPage

    description = renderer.text(page.meta_description())
    items: list[dict[str, Any] | None] = []
    if isinstance(page, HomePage):
        items.append(organization(description))
        items.append(
            {
                "@context": "https://schema.org",
                "@type": "WebSite",
                "name": "Werkpunt",
                "url": absolute_url(home_path()),
                "inLanguage": "nl",
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": absolute_url("/zoeken/") + "?q={search_term_string}",
                    "query-input": "required name=search_term_string",
                },
            }
        )
    elif isinstance(page, InstrumentPage):
        items.append(government_service(page, request, renderer))
        items.append(faq_page(page, renderer))
        items.append(breadcrumbs(page, request))
    else:
        items.append(web_page(page, request, description))
        items.append(breadcrumbs(page, request))
    return [item for item in items if item]
