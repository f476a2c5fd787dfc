"""Facts derived once per situation that every instrument uses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any, TypeVar, cast

from werkpunt.rules.dates import add_months, age_on, days_in_year, days_inclusive, end_of_month
from werkpunt.rules.money import Fraction, cents, percent, round_half_up
from werkpunt.rules.params import Duration, Entry, Lookup, ParameterSet
from werkpunt.rules.situation import Situation

T = TypeVar("T")


@lru_cache(maxsize=64)
def _one_plus(percentage: Decimal) -> Fraction:
    return 1 + percent(percentage)


#: The first day on which the statutory minimum wage is an hourly amount.
HOURLY_WML_FROM = dt.date(2024, 1, 1)


class Context:
    """A situation plus what follows from it; also records parameter use.

    Instruments read parameters through :meth:`value`, which remembers whether a
    provisional value was used and which sources were consulted, so that every
    instrument-year can say so.
    """

    __slots__ = (
        "_facts",
        "_hours_factor",
        "_lookups",
        "_memo",
        "aow_date",
        "aow_provisional",
        "employment_end",
        "functieloon_cents",
        "hourly_wage_cents",
        "params",
        "s",
        "sources",
        "used_provisional",
    )

    def __init__(self, situation: Situation, params: ParameterSet) -> None:
        self.s = situation
        self.params = params
        self.used_provisional = False
        self.sources: list[str] = []
        self.hourly_wage_cents = cents(situation.hourly_wage)
        self.functieloon_cents = cents(situation.functieloon)
        self.employment_end = situation.end_date
        self.aow_date, self.aow_provisional = self._aow_date()
        self._memo: dict[str, tuple[Any, list[str], bool]] = {}
        self._lookups: dict[tuple[str, dt.date], Lookup] = {}
        self._facts: dict[str, Entry] = {}
        if situation.hours_per_year is not None:
            self._hours_factor = Fraction(situation.hours_per_year)
        else:
            assert situation.hours_per_week is not None
            self._hours_factor = Fraction(situation.hours_per_week) / 7

    # -- parameters ---------------------------------------------------------------
    def begin(self) -> None:
        """Start recording for a new instrument-year."""
        self.used_provisional = False
        self.sources = []

    def value(self, name: str, day: dt.date) -> Any:
        key = (name, day)
        lookup = self._lookups.get(key)
        if lookup is None:
            lookup = self._lookups[key] = self.params[name].at(day)
        if lookup.provisional:
            self.used_provisional = True
        source = lookup.entry.source
        if source not in self.sources:
            self.sources.append(source)
        return lookup.value

    def fact(self, name: str) -> Any:
        """The latest known value of a parameter that states a fixed fact of the law,
        such as the date a transition starts. Such a value does not depend on the
        day it is asked on."""
        entry = self._facts.get(name)
        if entry is None:
            entry = self._facts[name] = next(
                e for e in reversed(self.params[name].entries) if not e.unknown
            )
        if entry.source not in self.sources:
            self.sources.append(entry.source)
        return entry.value

    def once(self, key: str, compute: Callable[[], T]) -> T:
        """Compute something that does not depend on the year only once per situation.

        The sources and the provisional flag it recorded are replayed on later
        calls, so every instrument-year still names them.
        """
        if key in self._memo:
            value, sources, provisional = self._memo[key]
            for source in sources:
                self.legal(source)
            self.used_provisional = self.used_provisional or provisional
            return cast(T, value)
        outer_sources, outer_provisional = self.sources, self.used_provisional
        self.sources, self.used_provisional = [], False
        value = compute()
        recorded = (value, self.sources, self.used_provisional)
        self._memo[key] = recorded
        self.sources, self.used_provisional = outer_sources, outer_provisional
        for source in recorded[1]:
            self.legal(source)
        self.used_provisional = self.used_provisional or recorded[2]
        return value

    def legal(self, url: str) -> None:
        if url not in self.sources:
            self.sources.append(url)

    # -- the person ------------------------------------------------------------------
    def _aow_date(self) -> tuple[dt.date, bool]:
        birth = self.s.birth_date
        aow = self.params["aow_leeftijd"]
        for year in range(birth.year + 60, birth.year + 72):
            lookup = aow.at(dt.date(year, 1, 1))
            duration: Duration = lookup.value
            reached = add_months(birth, duration.years * 12 + duration.months)
            if reached.year == year:
                return reached, lookup.provisional
        # The AOW age only grows by at most a few months a year, so a year always matches.
        raise AssertionError("AOW-datum niet gevonden")  # pragma: no cover

    def age_on(self, day: dt.date) -> int:
        return age_on(self.s.birth_date, day)

    @property
    def aow_last_day(self) -> dt.date:
        """The last day counted before the AOW age: the end of the aangiftetijdvak
        (a month) in which the day before the AOW date falls (Wtl art. 3.1 lid 2)."""
        return end_of_month(self.aow_date - dt.timedelta(days=1))

    # -- time ------------------------------------------------------------------------
    def employed_in(self, year: int) -> tuple[dt.date, dt.date] | None:
        """First and last day of employment within ``year``, or None."""
        first = max(self.s.start_date, dt.date(year, 1, 1))
        last = dt.date(year, 12, 31)
        if self.employment_end is not None:
            last = min(last, self.employment_end)
        return (first, last) if first <= last else None

    def clip(self, year: int, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date] | None:
        """The part of [first, last] that lies in the employment within ``year``."""
        span = self.employed_in(year)
        if span is None:
            return None
        lo, hi = max(span[0], first), min(span[1], last)
        return (lo, hi) if lo <= hi else None

    def hours(self, first: dt.date, last: dt.date) -> Fraction:
        """Paid hours on the days ``first``..``last`` (inside one calendar year).

        Hours per week × days ÷ 7; with ``hours_per_year``, that amount times the
        share of the calendar year.
        """
        days = days_inclusive(first, last)
        if self.s.hours_per_year is not None:
            return self._hours_factor * days / days_in_year(first.year)
        return self._hours_factor * days

    def fulltime_hours(self, first: dt.date, last: dt.date) -> Fraction:
        """The hours of a full-time week over the days ``first``..``last``."""
        return Fraction(self.s.fulltime_hours_per_week) * days_inclusive(first, last) / 7

    def hours_in(
        self, year: int, first: dt.date | None = None, last: dt.date | None = None
    ) -> Fraction:
        span = self.clip(year, first or dt.date(year, 1, 1), last or dt.date(year, 12, 31))
        return self.hours(*span) if span else Fraction(0)

    def hours_per_week(self) -> Fraction:
        if self.s.hours_per_week is not None:
            return Fraction(self.s.hours_per_week)
        assert self.s.hours_per_year is not None
        return Fraction(self.s.hours_per_year) * 7 / 365

    # -- wages -----------------------------------------------------------------------
    def holiday_factor(self, day: dt.date) -> Fraction:
        return _one_plus(self.value("vakantiebijslag_percentage", day))

    def youth_percentage(self, day: dt.date) -> Fraction:
        """The share of the adult minimum wage for this person on ``day``."""
        name = (
            "minimumjeugdloon_percentage_bbl"
            if self.s.bbl_student
            else "minimumjeugdloon_percentage"
        )
        table: dict[str, Decimal] = self.value(name, day)
        age = self.age_on(day)
        oldest = max(int(k) for k in table)
        if age > oldest:
            return Fraction(1)
        return percent(table[str(max(age, min(int(k) for k in table)))])

    def wml_hour_cents(self, day: dt.date) -> Fraction:
        """Minimum wage per hour in cents for this person on ``day`` (youth wage below 21).

        From 2024 the hourly amount; youth amounts are rounded to whole cents as
        published. Before 2024 the weekly amount (youth amounts rounded to cents)
        divided by the employer's full-time week.
        """
        share = self.youth_percentage(day)
        if day >= HOURLY_WML_FROM:
            adult = cents(self.value("wml_hour_21plus", day))
            return Fraction(adult if share == 1 else round_half_up(adult * share))
        week = cents(self.value("wml_week_21plus", day))
        youth_week = week if share == 1 else round_half_up(week * share)
        return Fraction(youth_week) / Fraction(self.s.fulltime_hours_per_week)
