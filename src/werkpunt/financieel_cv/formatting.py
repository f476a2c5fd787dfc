"""Showing money, numbers and dates the way the rules text does (nl: ``€ 1.234,56``)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, translation

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


def _group(number: int, separator: str) -> str:
    return f"{number:,}".replace(",", separator)


def money(cents: int, lang: str, *, whole: bool = False) -> str:
    """``123456`` as ``€ 1.234,56`` (nl) or ``€1,234.56`` (en); ``whole`` rounds to euros."""
    sign = "-" if cents < 0 else ""
    value = abs(int(cents))
    if whole:
        euros = (value + 50) // 100
        return f"{sign}€ {_group(euros, '.')}" if lang == "nl" else f"{sign}€{_group(euros, ',')}"
    euros, rest = divmod(value, 100)
    if lang == "nl":
        return f"{sign}€ {_group(euros, '.')},{rest:02d}"
    return f"{sign}€{_group(euros, ',')}.{rest:02d}"


def number(value: Decimal | int, lang: str, *, places: int = 2) -> str:
    """A number with at most ``places`` decimals, trailing zeros dropped: ``24,5``."""
    text = f"{Decimal(value):,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def day(value: dt.date, lang: str) -> str:
    """``1 september 2025`` (nl) or ``1 September 2025`` (en)."""
    with translation.override(lang):
        return str(formats.date_format(value, "j F Y"))
