"""The rules register: every parameter of ``werkpunt.rules`` made ready to show.

Pure presentation: it reads a :class:`~werkpunt.rules.ParameterSet` and a day and
returns plain data for the template. Amounts are formatted with the same
functions as the financieel CV (:mod:`werkpunt.rules.i18n`), so a number looks
the same everywhere. Unit words ("per uur", "maanden") go through Django's
gettext, with Dutch as the source language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from werkpunt.rules import ParameterError, ParameterSet
from werkpunt.rules.i18n import format_date, format_money, format_number
from werkpunt.rules.money import cents
from werkpunt.rules.params import Duration, Entry, Parameter

_MONEY_UNITS = {
    "eur": "",
    "eur_per_hour": gettext_noop("per uur"),
    "eur_per_week": gettext_noop("per week"),
    "eur_per_month": gettext_noop("per maand"),
}


@dataclass(frozen=True, slots=True)
class Value:
    """A shown value: a text (maybe a link), or a list of labelled parts, or rows."""

    text: str = ""
    href: str = ""
    items: tuple[Item, ...] = ()
    rows: tuple[Value, ...] = ()

    @property
    def is_list(self) -> bool:
        return bool(self.items or self.rows)


@dataclass(frozen=True, slots=True)
class Item:
    """One ``label: value`` line of a mapping or a record."""

    label: str
    value: Value


@dataclass(frozen=True, slots=True)
class Link:
    href: str
    text: str


@dataclass(frozen=True, slots=True)
class Row:
    """One parameter as a table row."""

    name: str
    description: str
    value: Value
    since: dt.date
    since_text: str
    provisional: bool
    confirmed_until: dt.date
    confirmed_until_text: str
    not_yet_in_force: bool
    note: str
    source: Link
    legal_basis: Link | None
    checked: dt.date
    checked_text: str
    next_value: Value | None
    next_since: dt.date | None
    next_since_text: str


@dataclass(frozen=True, slots=True)
class Group:
    """All parameters of one parameter file."""

    file: str
    anchor: str
    rows: tuple[Row, ...]


def link(url: str) -> Link:
    """A link whose text names the site (and path for law texts), without the scheme."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/")
    text = f"{host}{path}" if host == "wetten.overheid.nl" and path else host
    return Link(url, text or url)


def _count_words(number: Decimal, unit: str, lang: str) -> str:
    """``number`` with its unit word: "1 maand", "6 maanden", "1,5 uur".

    Two plain messages instead of ngettext: Dutch and English both use the
    singular for exactly 1 only, and Dutch "jaar"/"uur" are the same in both
    forms, so the singular gets its own message ("1 jaar" -> "1 year").
    """
    if number == 1:
        return {
            "hours": _("1 uur"),
            "weeks": _("1 week"),
            "months": _("1 maand"),
        }.get(unit) or _("1 jaar")
    text = {
        "hours": _("%(n)s uur"),
        "weeks": _("%(n)s weken"),
        "months": _("%(n)s maanden"),
    }.get(unit) or _("%(n)s jaar")
    return text % {"n": format_number(number, lang)}


def format_scalar(value: Any, unit: str, lang: str) -> Value:
    """One parsed parameter value (see ``werkpunt.rules.params``) as text."""
    if value is None:
        return Value(_("onbekend"))
    if unit in _MONEY_UNITS:
        text = format_money(cents(value), lang)
        per = _MONEY_UNITS[unit]
        return Value(f"{text} {_(per)}" if per else text)
    if unit == "percentage":
        return Value(f"{format_number(value, lang, places=4)}%")
    if unit in {"hours", "weeks", "months", "years", "age"}:
        return Value(_count_words(Decimal(value), unit, lang))
    if unit == "count":
        return Value(format_number(value, lang))
    if unit == "duration":
        assert isinstance(value, Duration)
        years = _count_words(Decimal(value.years), "years", lang)
        if not value.months:
            return Value(years)
        months = _count_words(Decimal(value.months), "months", lang)
        return Value(_("%(years)s en %(months)s") % {"years": years, "months": months})
    if unit == "date":
        return Value(format_date(value, lang))
    if unit == "month_day":
        month, day = (int(part) for part in str(value).split("-"))
        # Any leap year will do: only day and month are shown.
        return Value(format_date(dt.date(2024, month, day), lang).rsplit(" ", 1)[0])
    text = str(value)
    if text.startswith(("https://", "http://")):
        return Value(link(text).text, href=text)
    return Value(text)


def _label(key: str) -> str:
    return key.replace("_", " ")


def format_value(value: Any, parameter: Parameter, lang: str) -> Value:
    """A parameter value: a scalar, a mapping (key to value) or record rows."""
    if parameter.fields:
        fields = parameter.fields
        rows = tuple(
            Value(
                items=tuple(
                    Item(_label(key), format_scalar(row[key], fields[key], lang)) for key in fields
                )
            )
            for row in value
        )
        return rows[0] if len(rows) == 1 else Value(rows=rows)
    if isinstance(value, Mapping):
        return Value(
            items=tuple(
                Item(_label(str(key)), format_scalar(item, parameter.unit, lang))
                for key, item in value.items()
            )
        )
    return format_scalar(value, parameter.unit, lang)


def _next_entry(parameter: Parameter, day: dt.date) -> Entry | None:
    for entry in parameter.entries:
        if entry.start > day and not entry.unknown:
            return entry
    return None


def register_row(parameter: Parameter, *, today: dt.date, lang: str) -> Row:
    """The row for one parameter, with the value in force on ``today``."""
    not_yet_in_force = False
    try:
        lookup = parameter.at(today)
        # ``entry`` holds the value in force. When the law changed the value on a
        # later date that we do not know yet, ``current`` is that unknown entry: its
        # note says so, and the value stays ``entry``'s, marked provisional.
        entry, provisional = lookup.entry, lookup.provisional
        current = [e for e in parameter.entries if e.start <= today][-1]
    except ParameterError:  # the first value starts after today
        entry = current = parameter.entries[0]
        provisional = today > parameter.confirmed_until
        not_yet_in_force = True
    upcoming = None if not_yet_in_force else _next_entry(parameter, today)
    notes = [n for n in dict.fromkeys([entry.note, current.note]) if n]
    return Row(
        name=parameter.name,
        description=parameter.description,
        value=format_value(entry.value, parameter, lang),
        since=entry.start,
        since_text=format_date(entry.start, lang),
        provisional=provisional,
        confirmed_until=parameter.confirmed_until,
        confirmed_until_text=format_date(parameter.confirmed_until, lang),
        not_yet_in_force=not_yet_in_force,
        note=" ".join(notes),
        source=link(entry.source),
        legal_basis=link(parameter.legal_basis) if parameter.legal_basis else None,
        checked=entry.checked,
        checked_text=format_date(entry.checked, lang),
        next_value=format_value(upcoming.value, parameter, lang) if upcoming else None,
        next_since=upcoming.start if upcoming else None,
        next_since_text=format_date(upcoming.start, lang) if upcoming else "",
    )


def register_groups(parameters: ParameterSet, *, today: dt.date, lang: str) -> list[Group]:
    """All parameters grouped by file, files and parameters in file order."""
    groups: dict[str, list[Row]] = {}
    for parameter in parameters.values():
        groups.setdefault(parameter.file, []).append(
            register_row(parameter, today=today, lang=lang)
        )
    return [
        Group(
            file=file,
            anchor="bestand-" + file.removesuffix(".yaml").replace("/", "-").replace("_", "-"),
            rows=tuple(rows),
        )
        for file, rows in sorted(groups.items())
    ]
