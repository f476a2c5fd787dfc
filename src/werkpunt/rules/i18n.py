"""Translatable texts for the rules, without Django.

Texts are written in Dutch (the source language) and marked with :func:`t`. A
:class:`Text` keeps its message id and parameters, so one outcome can be shown
in Dutch and in English. Translations come from the project's gettext catalogue
(``werkpunt/locale/<lang>/LC_MESSAGES/django.mo``), the same one Django uses.
"""

from __future__ import annotations

import datetime as dt
import gettext
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from werkpunt.rules.money import ExactCents, Fraction, Money

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ("nl", "en")

_MONTHS = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    if lang == "nl":
        return gettext.NullTranslations()
    return gettext.translation("django", LOCALE_DIR, languages=[lang], fallback=True)


def gettext_for(lang: str, message: str) -> str:
    """Translate one Dutch message id into ``lang``."""
    if lang not in LANGUAGES:
        raise ValueError(f"onbekende taal {lang!r}")
    return _catalogue(lang).gettext(message)


def _group(number: int, sep: str) -> str:
    return f"{number:,}".replace(",", sep)


def format_money(amount: int, lang: str) -> str:
    """``123456`` cents as ``€ 1.234,56`` (nl) or ``€1,234.56`` (en)."""
    sign = "-" if amount < 0 else ""
    euros, rest = divmod(abs(int(amount)), 100)
    if lang == "nl":
        return f"{sign}€ {_group(euros, '.')},{rest:02d}"
    return f"{sign}€{_group(euros, ',')}.{rest:02d}"


def format_date(day: dt.date, lang: str) -> str:
    month = _MONTHS[lang][day.month - 1]
    return f"{day.day} {month} {day.year}"


def format_number(value: Decimal | Fraction | int, lang: str, *, places: int = 2) -> str:
    """A number with at most ``places`` decimals, trailing zeros dropped."""
    number = (
        Decimal(value.numerator) / Decimal(value.denominator)
        if isinstance(value, Fraction)
        else Decimal(value)
    )
    text = f"{number:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_value(value: Any, lang: str) -> str:
    if isinstance(value, Money):
        return format_money(value, lang)
    if isinstance(value, ExactCents):
        return format_money(value.rounded(), lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, bool):
        return gettext_for(lang, "ja") if value else gettext_for(lang, "nee")
    if isinstance(value, Decimal | Fraction | int):
        return format_number(value, lang)
    if isinstance(value, Text):
        return value.render(lang)
    return str(value)


class Text:
    """A Dutch message id with parameters, rendered in a language on demand."""

    __slots__ = ("msgid", "params")

    def __init__(self, msgid: str, params: dict[str, Any]) -> None:
        self.msgid = msgid
        self.params = params

    def render(self, lang: str = "nl") -> str:
        template = gettext_for(lang, self.msgid)
        if not self.params:
            return template
        return template.format(**{k: format_value(v, lang) for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.render("nl")

    def __repr__(self) -> str:
        return f"Text({self.msgid!r}, {self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.msgid, self.params) == (other.msgid, other.params)

    def __hash__(self) -> int:
        return hash(self.msgid)


def t(msgid: str, /, **params: Any) -> Text:
    """Mark a Dutch text for translation; ``{name}`` placeholders take ``params``."""
    return Text(msgid, params)
