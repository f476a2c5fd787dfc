"""Template filters of the demand screens: numbers, places, days and moments the Dutch way."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone, translation

from werkpunt.matching import load_catalogue, load_places
from werkpunt.matching.vocab import format_number
from werkpunt.rules.i18n import format_date

register = template.Library()


def _lang() -> str:
    code = (translation.get_language() or "nl").split("-")[0]
    return code if code in ("nl", "en") else "nl"


@register.filter
def number(value: Any) -> str:
    """``12`` or ``12,5`` (no trailing ``,0``); empty for nothing."""
    if value is None or value == "":
        return ""
    try:
        return format_number(float(value), 2)
    except (TypeError, ValueError):
        return str(value)


@register.filter
def place_name(code: Any) -> str:
    """The name of a place of the region (the code itself when it is not known)."""
    place = load_places().get(str(code or ""))
    return place.name if place else str(code or "")


@register.filter
def licence_name(code: Any) -> str:
    licence = load_catalogue().licences.get(str(code or ""))
    return licence.name if licence else str(code or "")


@register.filter
def moment(value: Any) -> str:
    """A date and time as ``1 december 2026, 14:05`` in the local time zone."""
    if not isinstance(value, dt.datetime):
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_date(local.date(), _lang())}, {local:%H:%M}"


@register.filter
def person(user: Any) -> str:
    """A user's full name, else the user name; empty for nobody."""
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


@register.filter
def phone_of(user: Any) -> str:
    profile = getattr(user, "profile", None)
    return str(getattr(profile, "phone", "") or "")


@register.filter
def days_text(codes: Any) -> str:
    """Day codes as Dutch day names, in week order (``maandag, dinsdag``)."""
    from werkpunt.demands.forms import DAY_LABELS

    chosen = set(codes or [])
    return ", ".join(str(label) for code, label in DAY_LABELS.items() if code in chosen)


@register.filter
def support_text(codes: Any) -> str:
    """Support codes as short Dutch labels (``jobcoach, aangepaste werkplek``)."""
    from werkpunt.demands.selectors import SUPPORT_LABELS

    return ", ".join(str(SUPPORT_LABELS.get(code, code)) for code in codes or [])
