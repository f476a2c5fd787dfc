"""Template filters of the placement screens: money in cents and dates in words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from werkpunt.rules.i18n import format_date, format_money

register = template.Library()


def _lang() -> str:
    code = (translation.get_language() or "nl").split("-")[0]
    return code if code in ("nl", "en") else "nl"


@register.filter
def cents(value: Any) -> str:
    """``123456`` as ``€ 1.234,56``; empty for ``None``."""
    if value is None or value == "":
        return ""
    return format_money(int(value), _lang())


@register.filter
def day(value: Any) -> str:
    """A date as ``1 december 2026``; a datetime in the local time zone."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, dt.date):
        return str(value)
    return format_date(value, _lang())


@register.filter
def person(user: Any) -> str:
    """A user's full name, else the user name; empty for nobody."""
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


ACTOR_LABELS = {
    "werkgever": _("werkgever"),
    "werknemer": _("werknemer"),
    "uwv": _("UWV"),
    "gemeente": _("gemeente"),
    "belastingdienst": _("Belastingdienst"),
    "rvo": _("RVO"),
}


@register.filter
def actor_label(value: str) -> str:
    """Who acts on a deadline, in words."""
    return str(ACTOR_LABELS.get(value, value or "—"))


@register.filter
def moment_label(code: str) -> str:
    """``2w`` as ``2 weken``, ``6m`` as ``6 maanden``, ``10d`` as ``10 dagen``."""
    number, unit = code[:-1], code[-1:]
    if not number.isdigit():
        return code
    n = int(number)
    if unit == "w":
        return ngettext("%(n)s week", "%(n)s weken", n) % {"n": n}
    if unit == "m":
        return ngettext("%(n)s maand", "%(n)s maanden", n) % {"n": n}
    if unit == "d":
        return ngettext("%(n)s dag", "%(n)s dagen", n) % {"n": n}
    return code


MUNICIPALITY_NAMES = {
    "emmen": "Emmen",
    "coevorden": "Coevorden",
    "hoogeveen": "Hoogeveen",
    "borger-odoorn": "Borger-Odoorn",
    "midden-drenthe": "Midden-Drenthe",
    "de-wolden": "De Wolden",
}


@register.filter
def municipality_name(code: str) -> str:
    return MUNICIPALITY_NAMES.get(code, code)
