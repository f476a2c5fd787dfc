"""Template tags for the question block on every page: ``{% load employers %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from werkpunt.employers.views import question_form_context

register = template.Library()

#: The privacy statement (a page of the content app).
PRIVACY_PATH = "/privacy/"


@register.simple_tag(takes_context=True)
def question_form(context: template.Context) -> dict[str, Any]:
    """``{% question_form as q %}``: an empty form for the current page, or ``{}`` without request."""
    request = context.get("request")
    if not isinstance(request, HttpRequest):
        return {}
    return question_form_context(request)


def _localized(path: str) -> str:
    """A Dutch path in the current language: ``/privacy/`` or ``/en/privacy/``."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language == settings.LANGUAGE_CODE:
        return path
    return f"/{language}{path}"


@register.simple_tag
def privacy_url() -> str:
    """The privacy statement (a page of the content app) in the current language."""
    return _localized(PRIVACY_PATH)


@register.simple_tag
def start_url() -> str:
    """The home page in the current language: ``/`` or ``/en/``."""
    return _localized("/")
