"""Template filters of the open-day pages: ``weekday_date`` and ``place_name``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from werkpunt.opendays import text

register = template.Library()


@register.filter
def weekday_date(value: Any) -> str:
    """A date as ``dinsdag 9 maart 2027``."""
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        value = timezone.localtime(value).date()
    if not isinstance(value, dt.date):
        return ""
    return text.day_text(value)


@register.filter
def place_name(code: Any) -> str:
    """The name of a place code (``emmen`` → ``Emmen``)."""
    return text.place_name(str(code or ""))


@register.filter
def lookup(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` or ``""``: ``{{ errors|lookup:row.pk }}``."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
