"""Template tags for the base template."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, override

register = template.Library()


@dataclass(frozen=True, slots=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


@register.simple_tag(takes_context=True)
def language_links(context: dict[str, Any]) -> list[LanguageLink]:
    """One link per language to this page in that language.

    A page that has no counterpart (a 404, or a URL outside ``i18n_patterns``)
    links to the home page in the other language instead.
    """
    request = context.get("request")
    path = request.path if request is not None else "/"
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(path, code)
        if url == path and code != current:
            with override(code):
                url = reverse("core:home")
        links.append(LanguageLink(code, name, url, code == current))
    return links
