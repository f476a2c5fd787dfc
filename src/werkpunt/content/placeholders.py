"""Amounts in page text come from the rules parameters: ``[[name]]`` placeholders.

An editor never types an amount. They write ``[[lkv_oudere_per_uur]]`` and the
page shows the value in force today, formatted the Dutch way (``€ 3,05``). A
parameter whose value is a mapping or a table takes a key:
``[[lkv_looptijd_jaren.oudere]]``; a table with more than one row takes the row
number first: ``[[liv_banden.1.per_uur]]``.

Numbers are shown without their unit word (``[[doelgroepverklaring_termijn_maanden]]
maanden`` reads "3 maanden"), money without "per uur", percentages with ``%``,
dates in words. A value that is *voorlopig* (past the date the parameter is
confirmed until, or the law changed it and the new value is not known yet) gets
a visible "(voorlopig)" that links to the parameter in the rules register.

Page content is Dutch on every page (also on the English interface), so values
are always formatted in Dutch here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Any

from werkpunt.rules import ParameterError, ParameterSet
from werkpunt.rules.i18n import format_date, format_money, format_number
from werkpunt.rules.money import cents
from werkpunt.rules.params import Duration, Parameter

#: ``[[name]]``, ``[[name.key]]``, ``[[name.1.key]]``; spaces inside the brackets are allowed.
PLACEHOLDER = re.compile(r"\[\[\s*([^\[\]\s]*?)\s*\]\]")
_NAME = re.compile(r"^[a-z][a-z0-9_]*(?:\.[A-Za-z0-9_-]+)*$")

MONEY_UNITS = frozenset({"eur", "eur_per_hour", "eur_per_week", "eur_per_month"})
_NUMBER_UNITS = frozenset({"hours", "weeks", "months", "years", "age", "count"})
_MONTHS_NL = (
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
)

#: Typed amounts like "€ 3,05" or "€6.000": the rule is that amounts come from parameters.
TYPED_AMOUNT = re.compile(r"(?:€|&euro;|&#8364;|EUR)\s*\d", re.IGNORECASE)


class PlaceholderError(ValueError):
    """A placeholder that does not name a parameter value; the message is Dutch."""


@dataclass(frozen=True, slots=True)
class Resolved:
    """A placeholder with its value formatted as Dutch text."""

    reference: str
    parameter: str
    text: str
    provisional: bool


def find_placeholders(text: str) -> list[str]:
    """The references inside ``[[...]]`` in ``text``, in order (duplicates kept)."""
    return [match.group(1) for match in PLACEHOLDER.finditer(text)]


def _lookup(parameter: Parameter, day: dt.date) -> tuple[Any, bool]:
    try:
        found = parameter.at(day)
    except ParameterError:
        # The first value starts after ``day``: show it, marked voorlopig.
        return parameter.entries[0].value, True
    return found.value, found.provisional


def _format(value: Any, unit: str) -> str:
    if value is None:
        return "nog niet bekend"
    if unit in MONEY_UNITS:
        # A no-break space keeps "€" and the amount on one line.
        return format_money(cents(Decimal(value)), "nl").replace("€ ", "€\u00a0")
    if unit == "percentage":
        return f"{format_number(value, 'nl', places=4)}%"
    if unit in _NUMBER_UNITS:
        return format_number(value, "nl")
    if unit == "duration":
        assert isinstance(value, Duration)
        years = f"{value.years} jaar"
        if not value.months:
            return years
        months = "1 maand" if value.months == 1 else f"{value.months} maanden"
        return f"{years} en {months}"
    if unit == "date":
        assert isinstance(value, dt.date)
        return format_date(value, "nl")
    if unit == "month_day":
        month, day = (int(part) for part in str(value).split("-"))
        return f"{day} {_MONTHS_NL[month - 1]}"
    return str(value)


def _keys(value: Any) -> str:
    if isinstance(value, Mapping):
        return ", ".join(str(key) for key in value)
    if isinstance(value, tuple):
        return ", ".join(str(number) for number in range(1, len(value) + 1))
    return ""


def resolve(reference: str, parameters: ParameterSet, day: dt.date) -> Resolved:
    """The value a placeholder stands for on ``day``; :class:`PlaceholderError` if none."""
    if not _NAME.match(reference):
        raise PlaceholderError(
            f"[[{reference}]] is geen geldige naam. Schrijf de naam van een parameter, "
            "zoals [[lkv_oudere_per_uur]]."
        )
    name, *path = reference.split(".")
    if name not in parameters:
        raise PlaceholderError(
            f"[[{reference}]]: de parameter {name!r} bestaat niet. "
            "Kijk op de pagina Regels en bedragen voor de juiste naam."
        )
    parameter = parameters[name]
    value, provisional = _lookup(parameter, day)
    unit = parameter.unit
    for step in path:
        if isinstance(value, Mapping):
            if step not in value:
                raise PlaceholderError(
                    f"[[{reference}]]: {step!r} bestaat niet in {name}. Kies uit: {_keys(value)}."
                )
            value = value[step]
            if parameter.fields and step in parameter.fields:
                unit = parameter.fields[step]
        elif isinstance(value, tuple):
            if step.isdigit() and 1 <= int(step) <= len(value):
                value = value[int(step) - 1]
            elif len(value) == 1 and isinstance(value[0], Mapping) and step in value[0]:
                value = value[0][step]
                if parameter.fields and step in parameter.fields:
                    unit = parameter.fields[step]
            else:
                raise PlaceholderError(
                    f"[[{reference}]]: {name} is een tabel met {len(value)} regels. "
                    f"Kies eerst een regel, bijvoorbeeld [[{name}.1.<veld>]]."
                )
        else:
            raise PlaceholderError(f"[[{reference}]]: {name} heeft geen onderdelen.")
    if isinstance(value, tuple) and len(value) == 1 and parameter.fields:
        value = value[0]
    if isinstance(value, Mapping | tuple):
        raise PlaceholderError(
            f"[[{reference}]]: {name} heeft meer dan één waarde. "
            f"Kies er een met een punt en de naam, uit: {_keys(value)}."
        )
    return Resolved(reference, name, _format(value, unit), provisional)


def placeholder_errors(text: str, parameters: ParameterSet, day: dt.date) -> list[str]:
    """Dutch messages for every placeholder in ``text`` that does not resolve."""
    errors: list[str] = []
    for reference in dict.fromkeys(find_placeholders(text)):
        try:
            resolve(reference, parameters, day)
        except PlaceholderError as error:
            errors.append(str(error))
    return errors


def typed_amount_errors(text: str) -> list[str]:
    """A message when ``text`` contains an amount typed by hand (``€ 3,05``)."""
    if not TYPED_AMOUNT.search(text):
        return []
    return [
        (
            "Typ geen bedragen in de tekst. Gebruik een parameter, zoals [[lkv_oudere_per_uur]]: "
            "dan klopt het bedrag ook na een wijziging."
        )
    ]


def render_text(text: str, parameters: ParameterSet, day: dt.date) -> str:
    """Replace placeholders in plain text; a provisional value gets " (voorlopig)"."""

    def replace(match: re.Match[str]) -> str:
        try:
            found = resolve(match.group(1), parameters, day)
        except PlaceholderError:
            return "[waarde onbekend]"
        return f"{found.text} (voorlopig)" if found.provisional else found.text

    return PLACEHOLDER.sub(replace, text)


def render_html(
    html: str, parameters: ParameterSet, day: dt.date, *, register_url: str = "/regels/"
) -> str:
    """Replace placeholders in HTML; a provisional value links to the rules register.

    The link text is "(voorlopig)", with a visually hidden explanation so the link
    makes sense on its own in a list of links.
    """

    def replace(match: re.Match[str]) -> str:
        try:
            found = resolve(match.group(1), parameters, day)
        except PlaceholderError:
            # clean() refuses this; an old revision or a renamed parameter shows this.
            return '<span class="werkpunt-value">[waarde onbekend]</span>'
        text = escape(found.text)
        if not found.provisional:
            return f'<span class="werkpunt-value">{text}</span>'
        href = escape(f"{register_url}#{found.parameter}")
        return (
            f'<span class="werkpunt-value werkpunt-value--provisional">{text} '
            f'<a class="utrecht-link utrecht-link--html-a werkpunt-provisional" href="{href}">'
            '(voorlopig<span class="werkpunt-visually-hidden">: dit bedrag kan nog veranderen, '
            "bekijk de bron</span>)</a></span>"
        )

    return PLACEHOLDER.sub(replace, html)
