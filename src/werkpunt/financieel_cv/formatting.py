"""Showing money, numbers and dates the way the rules text does (nl: ``€ 1.234,56``)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, translation

from werkpunt.rules.i18n import format_money, format_number

LANGUAGES = ("nl", "en")


def active_language() -> str:
    """The active Django language as one of the languages of ``werkpunt.rules``."""
    code = (translation.get_language() or "nl").split("-")[0]
    return code if code in LANGUAGES else "nl"


def cents_from_text(amount: str | None) -> int | None:
    """``"1234.50"`` (the rules' JSON form) as ``123450`` cents."""
    if amount is None:
        return None
    return int((Decimal(amount) * 100).to_integral_value(rounding=ROUND_HALF_UP))


def money(cents: int, lang: str, *, whole: bool = False) -> str:
    """``123456`` as ``€ 1.234,56`` (nl) or ``€1,234.56`` (en); ``whole`` rounds to euros.

    The same formatting as the rules' texts (``werkpunt.rules.i18n.format_money``).
    """
    if not whole:
        return format_money(cents, lang)
    sign = -1 if cents < 0 else 1
    euros = (abs(int(cents)) + 50) // 100
    return format_money(sign * euros * 100, lang)[:-3]  # drop the ",00" / ".00"


def number(value: Decimal | int, lang: str, *, places: int = 2) -> str:
    """A number with at most ``places`` decimals, trailing zeros dropped: ``24,5``."""
    return format_number(value, lang, places=places)


def day(value: dt.date, lang: str) -> str:
    """``1 september 2025`` (nl) or ``1 September 2025`` (en)."""
    with translation.override(lang):
        return str(formats.date_format(value, "j F Y"))
