"""Loonkostensubsidie over time: what happens when the loonwaarde grows.

For each year the rules engine is asked for the loonkostensubsidie of a job that
started on 1 January of the start year, with that year's loonwaarde (benefit
bijstand, in the doelgroepregister). The employer's part is the wage with 8%
holiday allowance minus the subsidy. This shows the point the regional advice
makes: as the worker grows, the subsidy falls, often faster than the extra work
is worth to the employer.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext, gettext_lazy

from werkpunt.financieel_cv.charts import LineChart, line_chart
from werkpunt.financieel_cv.formatting import money, number
from werkpunt.financieel_cv.questions import normalize_number, rules_errors
from werkpunt.rules import evaluate, parse_situation

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

LKS = "loonkostensubsidie"
HOLIDAY_ALLOWANCE = Fraction(108, 100)
MAX_YEARS = 8
FIRST_YEAR = 2019

#: The form's fields in order, with their labels (for the error summary).
FORM_LABELS: dict[str, StrPromise] = {
    "start_year": gettext_lazy("Startjaar"),
    "hours_per_week": gettext_lazy("Uren per week"),
    "hourly_wage": gettext_lazy("Bruto uurloon"),
    "cao_hourly_wage": gettext_lazy("Uurloon volgens de cao (niet verplicht)"),
    "loonwaarde": gettext_lazy("Loonwaarde in het eerste jaar"),
    "growth": gettext_lazy("Groei van de loonwaarde per jaar"),
    "years": gettext_lazy("Aantal jaren"),
}
NUMBER_FIELDS = ("hours_per_week", "hourly_wage", "cao_hourly_wage", "loonwaarde", "growth")

#: Form field → situation field, for the rules' own messages.
RULE_FIELDS = {
    "hours_per_week": "hours_per_week",
    "hourly_wage": "hourly_wage",
    "cao_hourly_wage": "cao_hourly_wage",
    "loonwaarde": "loonwaarde_percentage",
}


def defaults(today: dt.date) -> dict[str, str]:
    return {
        "start_year": str(today.year),
        "hours_per_week": "32",
        "hourly_wage": "15.50",
        "cao_hourly_wage": "",
        "loonwaarde": "50",
        "growth": "10",
        "years": "5",
        "adult": "true",
    }


@dataclass(frozen=True, slots=True)
class ExplorerInput:
    start_year: int
    hours_per_week: Decimal
    hourly_wage: Decimal
    cao_hourly_wage: Decimal | None
    loonwaarde: Decimal
    growth: Decimal
    years: int
    adult: bool

    @property
    def functieloon(self) -> Decimal:
        return self.cao_hourly_wage if self.cao_hourly_wage is not None else self.hourly_wage


@dataclass(frozen=True, slots=True)
class ExplorerForm:
    values: dict[str, str]
    errors: dict[str, str]
    data: ExplorerInput | None


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def read_form(query: Mapping[str, Any], today: dt.date) -> ExplorerForm:
    """The form from the query string; the defaults when nothing was sent."""
    if "start_year" not in query:
        values = defaults(today)
    else:
        values = {
            name: (query.get(name) or "").strip()
            for name in (
                "start_year",
                "hours_per_week",
                "hourly_wage",
                "cao_hourly_wage",
                "loonwaarde",
                "growth",
                "years",
            )
        }
        values["adult"] = "true" if query.get("adult") in {"true", "on"} else ""
    errors: dict[str, str] = {}
    last_year = today.year + 5
    start_year = values["start_year"]
    if not start_year.isdigit() or not FIRST_YEAR <= int(start_year) <= last_year:
        errors["start_year"] = gettext("Vul een jaar in van %(first)s tot en met %(last)s.") % {
            "first": FIRST_YEAR,
            "last": last_year,
        }
    numbers = {name: normalize_number(values[name]) for name in NUMBER_FIELDS}
    required = {
        "hours_per_week": gettext("Vul het aantal uren per week in."),
        "hourly_wage": gettext("Vul het bruto uurloon in."),
        "loonwaarde": gettext("Vul de loonwaarde in het eerste jaar in."),
        "growth": gettext("Vul in hoeveel de loonwaarde per jaar groeit. Geen groei? Vul 0 in."),
    }
    errors.update({name: message for name, message in required.items() if not numbers[name]})
    situation = {
        "birth_date": "1990-01-01",
        "start_date": "2026-01-01",
        "benefit": "bijstand",
        **{
            field: numbers[name]
            for name, field in RULE_FIELDS.items()
            if numbers[name] and name not in errors
        },
    }
    found = rules_errors(situation)
    for name, field in RULE_FIELDS.items():
        if field in found and name not in errors:
            errors[name] = found[field]
    growth = _decimal(numbers["growth"]) if "growth" not in errors else None
    if "growth" not in errors and (
        growth is None or not 0 <= growth <= 50 or growth != growth.quantize(Decimal("0.01"))
    ):
        errors["growth"] = gettext(
            "Vul een getal in van 0 tot en met 50, met ten hoogste 2 cijfers achter de komma."
        )
    years = values["years"]
    if not years.isdigit() or not 1 <= int(years) <= MAX_YEARS:
        errors["years"] = gettext("Vul een heel getal in van 1 tot en met %(max)s.") % {
            "max": MAX_YEARS
        }
    if errors:
        return ExplorerForm(values, errors, None)
    cao = _decimal(numbers["cao_hourly_wage"]) if numbers["cao_hourly_wage"] else None
    data = ExplorerInput(
        start_year=int(start_year),
        hours_per_week=Decimal(numbers["hours_per_week"]),
        hourly_wage=Decimal(numbers["hourly_wage"]),
        cao_hourly_wage=cao,
        loonwaarde=Decimal(numbers["loonwaarde"]),
        growth=growth or Decimal(0),
        years=int(years),
        adult=values["adult"] == "true",
    )
    return ExplorerForm(values, errors, data)


@dataclass(frozen=True, slots=True)
class ExplorerRow:
    year: int
    loonwaarde: Decimal
    loonwaarde_text: str
    work_value_cents: int
    work_value: str
    subsidy_cents: int
    subsidy: str
    wage_cost_cents: int
    wage_cost: str
    employer_cents: int
    employer: str
    provisional: bool


@dataclass(frozen=True, slots=True)
class ExplorerResult:
    rows: tuple[ExplorerRow, ...]
    chart: LineChart
    growth_points: str
    subsidy_drop: str
    employer_rise: str
    work_rise: str
    employer_rise_is_larger: bool
    provisional: bool

    @property
    def first(self) -> ExplorerRow:
        return self.rows[0]

    @property
    def last(self) -> ExplorerRow:
        return self.rows[-1]


def _round_half_up(value: Fraction) -> int:
    return int((2 * value.numerator + value.denominator) // (2 * value.denominator))


def _paid_hours(hours_per_week: Decimal, year: int) -> Fraction:
    """Hours in a whole calendar year: hours per week × days ÷ 7 (as the rules count)."""
    days = 366 if calendar.isleap(year) else 365
    return Fraction(hours_per_week) * days / 7


def birth_date_for(data: ExplorerInput) -> dt.date:
    """A worker of 30 (21 or older), or one who is 18 on 1 January of the start year."""
    if data.adult:
        return dt.date(data.start_year - 30, 1, 1)
    return dt.date(data.start_year - 19, 7, 1)


def explore(data: ExplorerInput, lang: str) -> ExplorerResult:
    rows: list[ExplorerRow] = []
    start = dt.date(data.start_year, 1, 1)
    for index in range(data.years):
        year = data.start_year + index
        loonwaarde = min(Decimal(100), data.loonwaarde + data.growth * index)
        fields: dict[str, Any] = {
            "birth_date": birth_date_for(data).isoformat(),
            "start_date": start.isoformat(),
            "hours_per_week": str(data.hours_per_week),
            "hourly_wage": str(data.hourly_wage),
            "loonwaarde_percentage": str(loonwaarde),
            "benefit": "bijstand",
            "doelgroepregister": True,
            "contract": "open_ended",
        }
        if data.cao_hourly_wage is not None:
            fields["cao_hourly_wage"] = str(data.cao_hourly_wage)
        # ``as_of`` only decides how far ahead the outcome runs: up to this year.
        outcome = evaluate(parse_situation(fields), as_of=dt.date(max(year - 4, 2019), 1, 1))
        item = outcome.year(year).instrument(LKS)
        subsidy = int(item.amount) if item.applies and item.amount is not None else 0
        hours = _paid_hours(data.hours_per_week, year)
        wage_cost = _round_half_up(Fraction(data.hourly_wage) * 100 * HOLIDAY_ALLOWANCE * hours)
        work_value = _round_half_up(
            Fraction(loonwaarde)
            / 100
            * Fraction(data.functieloon)
            * 100
            * HOLIDAY_ALLOWANCE
            * hours
        )
        rows.append(
            ExplorerRow(
                year=year,
                loonwaarde=loonwaarde,
                loonwaarde_text=f"{number(loonwaarde, lang)}%",
                work_value_cents=work_value,
                work_value=money(work_value, lang),
                subsidy_cents=subsidy,
                subsidy=money(subsidy, lang),
                wage_cost_cents=wage_cost,
                wage_cost=money(wage_cost, lang),
                employer_cents=wage_cost - subsidy,
                employer=money(wage_cost - subsidy, lang),
                provisional=item.provisional,
            )
        )
    first, last = rows[0], rows[-1]
    chart = line_chart(
        [(str(row.year), row.loonwaarde_text) for row in rows],
        [
            ("subsidy", gettext("Gemeente betaalt"), [row.subsidy_cents for row in rows]),
            ("employer", gettext("U betaalt"), [row.employer_cents for row in rows]),
        ],
        lang,
    )
    employer_rise = last.employer_cents - first.employer_cents
    work_rise = last.work_value_cents - first.work_value_cents
    return ExplorerResult(
        rows=tuple(rows),
        chart=chart,
        growth_points=number(last.loonwaarde - first.loonwaarde, lang),
        subsidy_drop=money(first.subsidy_cents - last.subsidy_cents, lang),
        employer_rise=money(employer_rise, lang),
        work_rise=money(work_rise, lang),
        employer_rise_is_larger=employer_rise > work_rise,
        provisional=any(row.provisional for row in rows),
    )
