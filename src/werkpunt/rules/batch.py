"""Batch: the same rules over many situations at once, vectorised with numpy.

:func:`evaluate_batch` gives, for every situation-year, exactly what
:func:`werkpunt.rules.engine.evaluate` gives for ``applies``, ``amount`` and
``provisional`` of each of the 16 instruments (a property-based test compares
the two paths). It does so with whole-array integer arithmetic instead of one
:class:`~werkpunt.rules.context.Context` per situation.

What the batch does *not* give: reasons and their texts, sources, the
``amount_kind`` and the actions with due dates. Those need the one-by-one path.

Layout
    Input is a :class:`SituationArrays` (one numpy column per situation field).
    Output is a :class:`BatchOutcome` with one *row* per situation-year, in
    situation order and, within a situation, in year order; the years are
    exactly :func:`~werkpunt.rules.engine.outcome_years`.

Parameters
    Every number comes from the :class:`~werkpunt.rules.params.ParameterSet`;
    none is typed in here. :class:`_Lookup` repeats :meth:`Parameter.at` for many
    days at once: the entry in force (``np.searchsorted`` over the entry start
    dates, stepping back over ``unknown`` entries) and the same *provisional*
    flag. For the days 2019-2105 the answers are precomputed per day, so a lookup
    is a gather; other days are searched. A lookup is made for exactly the rows on
    which the scalar rule makes it, so a row is provisional under the same
    conditions, and a missing value raises the same ``ParameterError``. Values
    become integer cents or exact Fractions per entry, once per ParameterSet.

AOW date
    :meth:`Context._aow_date` adds the AOW age in months to the birth date; which
    age applies depends only on the birth year and month. So the scalar Context is
    asked once per birth month and the months are then added per birth date
    (see :meth:`_ParameterTables.aow_months`).

Speed and memory
    Situations are computed in chunks of :data:`CHUNK_SIZE`, so temporaries stay
    small and in cache; the outcome arrays are allocated once and filled per
    chunk. An instrument that never has an amount (or never applies) shares one
    read-only broadcast constant instead of a full array. The calendar tables run
    to 2400, so ``as_of`` must be before 2396.

Exactness
    Days are int64 day numbers (days since 1970-01-01). Money is int64 cents;
    hours are int64 *centi-hours* (hours × 100); a loonwaarde is int64
    hundredths of a percent. Every quantity the scalar code keeps as a Fraction
    is written here as an integer numerator over an integer denominator, and
    every ``round_half_up`` becomes ``floor((2·n + d) / (2·d))``.

    The paid hours on the days ``first..last`` of a year are ``T / S`` with
    ``T = c · days`` (``c`` the centi-hours per week or per year) and
    ``S = 100 · 7`` or ``S = 100 · days_in_year``. With the input limits of
    :func:`~werkpunt.rules.situation.parse_situation` (at most 60 hours a week,
    3120 a year, € 1000 an hour) ``T ≤ 312000 · 366 < 2**27``. Most amounts are
    ``round_half_up(T/S · rate)`` with a rate of a few hundred cents and fit
    easily. The loonkostensubsidie rate has a denominator up to
    ``5·10**8 · 4000`` (holiday allowance, employer costs, the 70% cap, the
    loonwaarde in hundredths and, before 2024, the full-time week in
    centi-hours), so ``T · rate-numerator`` can need ~70 bits. :func:`_rhu_ratio`
    then divides in two exact stages (see there). Every product that could grow
    large goes through :func:`_mul`, which checks the bound from the actual
    maxima with Python integers and raises :class:`OverflowError` rather than
    wrap; with inputs inside the limits above this never happens.
"""

from __future__ import annotations

import datetime as dt
import itertools
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from fractions import Fraction
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from werkpunt.rules.context import HOURLY_WML_FROM, Context
from werkpunt.rules.engine import FIRST_YEAR, INSTRUMENT_CODES, YEARS_AHEAD
from werkpunt.rules.instruments import liv, lks, lkv, werk, ziekte
from werkpunt.rules.money import cents, percent
from werkpunt.rules.params import Parameter, ParameterError, ParameterSet, default_parameters
from werkpunt.rules.situation import (
    DISABILITY_BENEFITS,
    EARLIEST_START,
    LATEST_DATE,
    MUNICIPAL_BENEFITS,
    Benefit,
    Contract,
    Municipality,
    Situation,
)

I64 = npt.NDArray[np.int64]
Bool = npt.NDArray[np.bool_]
#: Entry indices (int8 from the dense tables, int64 otherwise).
Index = npt.NDArray[np.integer[Any]]
Days = npt.NDArray[np.datetime64]

#: Integer codes of the enum columns: the position in these tuples.
BENEFITS: tuple[Benefit, ...] = tuple(Benefit)
CONTRACTS: tuple[Contract, ...] = tuple(Contract)
MUNICIPALITIES: tuple[Municipality, ...] = tuple(Municipality)

#: Codes of the instruments that never have an amount.
NO_AMOUNT_CODES = frozenset(
    {
        ziekte.NO_RISKPOLIS,
        ziekte.COMPENSATIEREGELING,
        werk.PROEF_UWV,
        werk.PROEF_GEMEENTE,
        werk.JOBCOACH,
        ziekte.TRANSITIEVERGOEDING,
    }
)

_EPOCH = dt.date(1970, 1, 1)
#: Products are kept below this bound, so that ``2·n + d`` still fits in int64.
_SAFE = 2**62
#: "No end": a day number far after any date the rules compute with.
_FAR = 10**7
_HUNDRED_PERCENT = 10_000  # a loonwaarde of 100% in hundredths of a percent

# -- calendar ------------------------------------------------------------------------
_CAL_FIRST_YEAR = 1800
#: Day number of the first day of every month from 1800-01 to 2401-01.
_MONTH_START: I64 = (
    np.arange(np.datetime64("1800-01"), np.datetime64("2401-02"), dtype="datetime64[M]")
    .astype("datetime64[D]")
    .astype(np.int64)
)
#: Per day number from 1800-01-01 on: its month index (months since 1800-01). A
#: gather from this table is much faster than numpy's datetime64 conversion.
_DAY_MONTH = np.repeat(np.arange(len(_MONTH_START) - 1, dtype=np.int16), np.diff(_MONTH_START))


def _day_number(day: dt.date) -> int:
    return (day - _EPOCH).days


def _date(day_number: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=day_number)


def _month_index(days: I64) -> I64:
    """Months since 1800-01 of each day number (1800-01-01 to 2400-12-31)."""
    return cast(I64, _DAY_MONTH[days - _MONTH_START[0]].astype(np.int64))


def _add_months(month_index: I64, day_of_month: I64, months: I64 | int) -> I64:
    """:func:`werkpunt.rules.dates.add_months` for a day given as (month index, day)."""
    target = month_index + months
    first = _MONTH_START[target]
    length = _MONTH_START[target + 1] - first
    return cast(I64, first + np.minimum(day_of_month, length) - 1)


def _period_end(month_index: I64, day_of_month: I64, months: I64 | int) -> I64:
    """:func:`werkpunt.rules.dates.period_end`: the day before the same date
    ``months`` later, or the end of the target month when that date does not exist
    (``min(day - 1, length)`` covers both, and gives the month before for the 1st)."""
    target = month_index + months
    first = _MONTH_START[target]
    length = _MONTH_START[target + 1] - first
    return cast(I64, first + np.minimum(day_of_month - 1, length) - 1)


def _end_of_month_after(month_index: I64, day_of_month: I64, months: I64 | int) -> I64:
    """``end_of_month(period_end(day, months=months))`` for a day given as (month
    index, day): the period ends in the month before the target month when ``day``
    is the 1st, else in the target month."""
    target = month_index + months
    month_end = np.where(day_of_month == 1, _MONTH_START[target], _MONTH_START[target + 1]) - 1
    return cast(I64, month_end)


def _jan1(year: I64 | int) -> Any:
    return _MONTH_START[(np.asarray(year) - _CAL_FIRST_YEAR) * 12]


def _age_on(birth_year: I64, birth_md: I64, year: I64, md: I64) -> I64:
    """:func:`werkpunt.rules.dates.age_on`; ``md`` is ``month·32 + day``."""
    return year - birth_year - (md < birth_md)


# -- exact integer arithmetic ----------------------------------------------------------
def _max(values: I64 | int) -> int:
    """The largest absolute value (0 for an empty array), as a Python int."""
    array = np.asarray(values)
    if not array.size:
        return 0
    return max(int(array.max()), -int(array.min()))


def _mul(a: I64, b: I64 | int) -> I64:
    """``a · b`` after checking with Python integers that no row can overflow."""
    if _max(a) * _max(b) >= _SAFE:
        raise OverflowError("batch: een tussenresultaat past niet in 64 bits")
    return np.multiply(a, b, dtype=np.int64)


def _rhu_ratio(u: I64, v: I64, du: I64 | int, dv: I64 | int, d2: I64 | int) -> I64:
    """``round_half_up(u/du · v/dv / d2)`` exactly, for ``u, v ≥ 0`` and positive divisors.

    When ``2·u·v + d`` fits (``d = du·dv·d2``) this is ``(2·u·v + d) // (2·d)``.
    Otherwise, with ``d1 = du·dv < 2**31``, write ``u = qu·d1 + ru`` and
    ``v = qv·d1 + rv``; then

        u·v = (qu·qv·d1 + qu·rv + ru·qv)·d1 + ru·rv

    so ``q1 = floor(u·v / d1) = qu·qv·d1 + qu·rv + ru·qv + (ru·rv) // d1`` with
    remainder ``r1 = (ru·rv) mod d1``; every term is at most ``u·v/d1``, ``u``,
    ``v`` or ``d1**2 < 2**62``. Dividing ``q1`` by ``d2`` (``q2``, remainder
    ``r2``) gives ``u·v = q2·d + (r2·d1 + r1)`` with ``0 ≤ r2·d1 + r1 < d``, and
    the rounded value is ``q2 + [2·(r2·d1 + r1) ≥ d]``. ``u·v/d1`` is bounded by
    ``(u//du + 1)·(v//dv + 1)``: hours times a rate, which stays small.
    """
    d1 = np.multiply(du, dv, dtype=np.int64)
    d = _mul(np.asarray(d1, dtype=np.int64), d2)
    if 2 * _max(u) * _max(v) + _max(d) < _SAFE * 2 and 2 * _max(d) < _SAFE * 2:
        d = np.asarray(d, dtype=np.int64)
        return np.asarray((2 * u * v + d) // (2 * d), dtype=np.int64)
    if _max(d1) >= 2**31 or 2 * _max(d) >= _SAFE * 2:
        raise OverflowError("batch: een noemer past niet in 64 bits")
    bound = (_max(u // du) + 1) * (_max(v // dv) + 1)
    if bound >= _SAFE:
        raise OverflowError("batch: een bedrag past niet in 64 bits")
    qu, ru = np.divmod(u, d1)
    qv, rv = np.divmod(v, d1)
    low = ru * rv
    q1 = qu * qv * d1 + qu * rv + ru * qv + low // d1
    r1 = low % d1
    q2, r2 = np.divmod(q1, d2)
    remainder = r2 * d1 + r1
    return np.asarray(q2 + (2 * remainder >= d), dtype=np.int64)


def _rhu_scaled(value: I64, num: I64 | int, den: I64 | int) -> I64:
    """``round_half_up(value · num / den)`` for small non-negative operands."""
    n = _mul(value, num)
    return np.asarray((2 * n + den) // (2 * np.asarray(den, dtype=np.int64)), dtype=np.int64)


def _fraction_columns(values: Sequence[Fraction]) -> tuple[I64, I64]:
    return (
        np.array([f.numerator for f in values], dtype=np.int64),
        np.array([f.denominator for f in values], dtype=np.int64),
    )


def _combine(parts: Sequence[tuple[Index, Sequence[Fraction]]], scale: Fraction) -> tuple[I64, I64]:
    """Per row the product ``scale · Π table[index]`` as (numerator, denominator).

    Each part is (entry index per row, one Fraction per entry). The products are
    computed exactly with Fractions for every combination of entries (there are
    only a few) and then gathered.
    """
    shape = tuple(len(table) for _, table in parts)
    numerators = np.zeros(shape, dtype=np.int64)
    denominators = np.ones(shape, dtype=np.int64)
    for combo in itertools.product(*(range(n) for n in shape)):
        value = scale
        for (_, table), k in zip(parts, combo, strict=True):
            value *= table[k]
        if abs(value.numerator) >= _SAFE or value.denominator >= _SAFE:
            raise OverflowError("batch: een parameterbreuk past niet in 64 bits")
        numerators[combo] = value.numerator
        denominators[combo] = value.denominator
    if all(n == 1 for n in shape):
        rows = len(parts[0][0]) if parts else 0
        return np.full(rows, numerators.flat[0]), np.full(rows, denominators.flat[0])
    flat = np.zeros(len(parts[0][0]), dtype=np.int64)
    for (index, _), n in zip(parts, shape, strict=True):
        flat = flat * n + index
    return numerators.ravel()[flat], denominators.ravel()[flat]


# -- parameters ------------------------------------------------------------------------
class _Lookup:
    """:meth:`Parameter.at` for many days at once.

    ``at`` gives per day the index of the entry whose value counts (stepping
    back over unknown entries) and whether the value is provisional (the day is
    after ``confirmed_until`` or an unknown entry was stepped over).
    """

    __slots__ = (
        "confirmed_until",
        "dense_index",
        "dense_provisional",
        "known",
        "parameter",
        "single",
        "starts",
        "walked",
    )

    def __init__(self, parameter: Parameter) -> None:
        self.parameter = parameter
        entries = parameter.entries
        self.starts = np.array([_day_number(e.start) for e in entries], dtype=np.int64)
        known = np.empty(len(entries), dtype=np.int64)
        walked = np.zeros(len(entries), dtype=np.bool_)
        for i in range(len(entries)):
            j = i
            while j >= 0 and entries[j].unknown:
                j -= 1
                walked[i] = True
            known[i] = j
        self.known = known
        self.walked = walked
        self.confirmed_until = _day_number(parameter.confirmed_until)
        self.single = len(entries) == 1
        # the same answers for every day from 2019 to 2105, to gather instead of search
        index, provisional = self._search(np.arange(_DENSE_FIRST, _DENSE_LAST + 1))
        assert len(entries) < 127
        self.dense_index = index.astype(np.int8)
        self.dense_provisional = provisional

    @property
    def values(self) -> list[Any]:
        """The value of every entry (None for unknown entries, never selected)."""
        return [e.value for e in self.parameter.entries]

    def _search(self, days: I64) -> tuple[I64, Bool]:
        raw = np.searchsorted(self.starts, days, side="right") - 1
        index = np.where(raw >= 0, self.known[np.maximum(raw, 0)], -1)
        return index, (days > self.confirmed_until) | self.walked[np.maximum(raw, 0)]

    def at(self, days: I64) -> tuple[Index, Bool]:
        """Entry index (``-1``: no value on that day) and provisional flag per day."""
        if days.size and int(days.min()) >= _DENSE_FIRST and int(days.max()) <= _DENSE_LAST:
            offset = days - _DENSE_FIRST
            provisional = self.dense_provisional[offset]
            if self.single and self.dense_index[0] == 0:
                return np.zeros(days.size, dtype=np.int8), provisional
            return self.dense_index[offset], provisional
        return self._search(days)

    def check(self, index: Index, days: I64 | Callable[[], I64]) -> None:
        """Raise the scalar :class:`ParameterError` if a needed day has no value."""
        if index.size and int(index.min()) < 0:
            wanted = days() if callable(days) else days
            self.parameter.at(_date(int(wanted[np.argmin(index)])))
            raise ParameterError(f"{self.parameter.name}: geen waarde")  # pragma: no cover

    def map(self, convert: Callable[[Any], Any]) -> list[Any]:
        return [None if e.unknown else convert(e.value) for e in self.parameter.entries]


_DENSE_FIRST = _day_number(EARLIEST_START)
_DENSE_LAST = _day_number(dt.date(2105, 12, 31))


def _fact(params: ParameterSet, name: str) -> Any:
    """:meth:`Context.fact`: the latest known value."""
    return next(e for e in reversed(params[name].entries) if not e.unknown).value


def _holiday_factor(value: Decimal) -> Fraction:
    return 1 + percent(value)


# -- input and output --------------------------------------------------------------------
_FLAGS = (
    "doelgroepregister",
    "scholingsbelemmerd",
    "wia_rejected_within_5_years",
    "herplaatsing",
    "wsw_indicatie",
    "bbl_student",
    "employed_by_employer_last_6_months",
)


def _hundredths(value: Decimal | None) -> int:
    """A Decimal with at most 2 decimals (hours, euros, percent) times 100; -1 if missing."""
    return -1 if value is None else cents(value)


@dataclass(frozen=True, slots=True, eq=False)
class SituationArrays:
    """N situations as columns (build with :meth:`create` or :meth:`from_situations`).

    Dates are ``datetime64[D]`` (``NaT``: no end date). Amounts in integer cents,
    hours in integer centi-hours (hours × 100), the loonwaarde in hundredths of a
    percent; ``-1`` marks a missing optional number. ``benefit``, ``contract``
    and ``municipality`` are positions in :data:`BENEFITS`, :data:`CONTRACTS` and
    :data:`MUNICIPALITIES` (``-1``: no municipality). The ``as_of`` field of a
    situation is not a column: :func:`evaluate_batch` takes one ``as_of``.
    """

    birth_date: Days
    start_date: Days
    end_date: Days
    hours_per_week_centi: I64
    hours_per_year_centi: I64
    hourly_wage_cents: I64
    cao_hourly_wage_cents: I64
    loonwaarde_hundredths: I64
    benefit: I64
    contract: I64
    municipality: I64
    benefit_weeks: I64
    fulltime_centi: I64
    doelgroepregister: Bool
    scholingsbelemmerd: Bool
    wia_rejected_within_5_years: Bool
    herplaatsing: Bool
    wsw_indicatie: Bool
    bbl_student: Bool
    employed_by_employer_last_6_months: Bool

    def __len__(self) -> int:
        return int(self.birth_date.shape[0])

    @classmethod
    def create(
        cls,
        *,
        birth_date: npt.ArrayLike,
        start_date: npt.ArrayLike,
        hourly_wage_cents: npt.ArrayLike,
        benefit: npt.ArrayLike,
        end_date: npt.ArrayLike | None = None,
        hours_per_week_centi: npt.ArrayLike | None = None,
        hours_per_year_centi: npt.ArrayLike | None = None,
        cao_hourly_wage_cents: npt.ArrayLike | None = None,
        loonwaarde_hundredths: npt.ArrayLike | None = None,
        contract: npt.ArrayLike | None = None,
        municipality: npt.ArrayLike | None = None,
        benefit_weeks: npt.ArrayLike | None = None,
        fulltime_centi: npt.ArrayLike | None = None,
        flags: Mapping[str, npt.ArrayLike] | None = None,
    ) -> SituationArrays:
        """Build from array-likes, with the defaults of :func:`parse_situation`.

        Missing optional columns are all-missing (``-1``/``NaT``) or their
        default; ``contract`` defaults per row to fixed-term when there is an end
        date. ``flags`` maps the boolean field names to columns (default False).
        Values are validated against the same limits as ``parse_situation``.
        """
        births = np.asarray(birth_date, dtype="datetime64[D]")
        n = births.shape[0]

        def column(value: npt.ArrayLike | None, default: int) -> I64:
            if value is None:
                return np.full(n, default, dtype=np.int64)
            return np.array(value, dtype=np.int64)

        ends = (
            np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
            if end_date is None
            else np.array(end_date, dtype="datetime64[D]")
        )
        if contract is None:
            fixed = CONTRACTS.index(Contract.FIXED_TERM)
            open_ended = CONTRACTS.index(Contract.OPEN_ENDED)
            contracts = np.where(np.isnat(ends), open_ended, fixed).astype(np.int64)
        else:
            contracts = np.array(contract, dtype=np.int64)
        unknown = set(flags or {}) - set(_FLAGS)
        if unknown:
            raise ValueError(f"unknown flags: {sorted(unknown)}")
        flag_columns = {
            name: (
                np.zeros(n, dtype=np.bool_)
                if flags is None or name not in flags
                else np.array(flags[name], dtype=np.bool_)
            )
            for name in _FLAGS
        }
        return cls(
            birth_date=births,
            start_date=np.array(start_date, dtype="datetime64[D]"),
            end_date=ends,
            hours_per_week_centi=column(hours_per_week_centi, -1),
            hours_per_year_centi=column(hours_per_year_centi, -1),
            hourly_wage_cents=np.array(hourly_wage_cents, dtype=np.int64),
            cao_hourly_wage_cents=column(cao_hourly_wage_cents, -1),
            loonwaarde_hundredths=column(loonwaarde_hundredths, -1),
            benefit=np.array(benefit, dtype=np.int64),
            contract=contracts,
            municipality=column(municipality, -1),
            benefit_weeks=column(benefit_weeks, 0),
            fulltime_centi=column(fulltime_centi, 3800),
            **flag_columns,
        )

    @classmethod
    def from_situations(cls, situations: Sequence[Situation]) -> SituationArrays:
        """Columns for validated :class:`Situation` objects (``as_of`` is not kept)."""
        benefit_code = {b: i for i, b in enumerate(BENEFITS)}
        contract_code = {c: i for i, c in enumerate(CONTRACTS)}
        municipality_code = {m: i for i, m in enumerate(MUNICIPALITIES)}
        return cls.create(
            birth_date=np.array([s.birth_date for s in situations], dtype="datetime64[D]"),
            start_date=np.array([s.start_date for s in situations], dtype="datetime64[D]"),
            end_date=np.array(
                [s.end_date if s.end_date is not None else "NaT" for s in situations],
                dtype="datetime64[D]",
            ),
            hours_per_week_centi=[_hundredths(s.hours_per_week) for s in situations],
            hours_per_year_centi=[_hundredths(s.hours_per_year) for s in situations],
            hourly_wage_cents=[cents(s.hourly_wage) for s in situations],
            cao_hourly_wage_cents=[_hundredths(s.cao_hourly_wage) for s in situations],
            loonwaarde_hundredths=[_hundredths(s.loonwaarde_percentage) for s in situations],
            benefit=[benefit_code[s.benefit] for s in situations],
            contract=[contract_code[s.contract] for s in situations],
            municipality=[
                -1 if s.municipality is None else municipality_code[s.municipality]
                for s in situations
            ],
            benefit_weeks=[s.benefit_weeks for s in situations],
            fulltime_centi=[cents(s.fulltime_hours_per_week) for s in situations],
            flags={name: [getattr(s, name) for s in situations] for name in _FLAGS},
        )

    def slice(self, lo: int, hi: int) -> SituationArrays:
        """Situations ``lo`` to ``hi`` (views of these columns, validated already)."""
        part = object.__new__(SituationArrays)
        for f in fields(self):
            object.__setattr__(part, f.name, getattr(self, f.name)[lo:hi])
        return part

    def __post_init__(self) -> None:
        n = len(self)
        for f in fields(self):
            name = f.name
            value = getattr(self, name)
            if not isinstance(value, np.ndarray) or value.shape != (n,):
                raise ValueError(f"{name}: expected a 1-D array of length {n}")
        for f in fields(self):
            dtype = getattr(self, f.name).dtype
            expected = (
                np.dtype("datetime64[D]")
                if f.name in ("birth_date", "start_date", "end_date")
                else np.dtype(np.bool_)
                if f.name in _FLAGS
                else np.dtype(np.int64)
            )
            if dtype != expected:
                raise ValueError(f"{f.name}: expected {expected}, not {dtype}")
        if n == 0:
            return
        self._validate()

    def _validate(self) -> None:
        birth = self.birth_date.astype(np.int64)
        start = self.start_date.astype(np.int64)
        has_end = ~np.isnat(self.end_date)
        end = self.end_date[has_end].astype(np.int64)
        checks: list[tuple[str, Any]] = [
            (
                "birth_date/start_date missing",
                np.isnat(self.birth_date) | np.isnat(self.start_date),
            ),
            ("birth_date before 1900", birth < _day_number(dt.date(1900, 1, 1))),
            ("start_date before 2019 or after 2100", start < _day_number(EARLIEST_START)),
            ("start_date after 2100", start > _day_number(LATEST_DATE)),
            ("birth_date not before start_date", birth >= start),
            (
                "employee younger than 15 (by year) at the start",
                self.start_date.astype("datetime64[Y]").astype(np.int64)
                - self.birth_date.astype("datetime64[Y]").astype(np.int64)
                < 15,
            ),
            ("end_date before start_date", end < start[has_end]),
            ("end_date after 2100", end > _day_number(LATEST_DATE)),
        ]
        hpw, hpy = self.hours_per_week_centi, self.hours_per_year_centi
        checks += [
            ("give exactly one of hours_per_week and hours_per_year", (hpw >= 0) == (hpy >= 0)),
            ("hours_per_week out of range", (hpw == 0) | (hpw < -1) | (hpw > 6000)),
            ("hours_per_year out of range", (hpy == 0) | (hpy < -1) | (hpy > 312000)),
            ("hourly_wage out of range", (self.hourly_wage_cents < 0) | (self.hourly_wage_cents > 100000)),
            ("cao_hourly_wage out of range", (self.cao_hourly_wage_cents < -1) | (self.cao_hourly_wage_cents > 100000)),
            ("loonwaarde out of range", (self.loonwaarde_hundredths < -1) | (self.loonwaarde_hundredths > 10000)),
            ("fulltime hours out of range", (self.fulltime_centi < 3000) | (self.fulltime_centi > 4000)),
            ("benefit_weeks out of range", (self.benefit_weeks < 0) | (self.benefit_weeks > 5200)),
            ("benefit code out of range", (self.benefit < 0) | (self.benefit >= len(BENEFITS))),
            ("contract code out of range", (self.contract < 0) | (self.contract >= len(CONTRACTS))),
            ("municipality code out of range", (self.municipality < -1) | (self.municipality >= len(MUNICIPALITIES))),
        ]  # fmt: skip
        for message, bad in checks:
            if np.any(bad):
                first = int(np.flatnonzero(bad)[0]) if np.ndim(bad) else 0
                raise ValueError(f"SituationArrays: {message} (first at index {first})")


@dataclass(frozen=True, slots=True, eq=False)
class BatchOutcome:
    """The outcome of many situations: one row per situation-year.

    ``applies``, ``amount_cents`` and ``provisional`` map each instrument code (in
    :data:`~werkpunt.rules.engine.INSTRUMENT_CODES` order) to an array over the
    rows. ``amount_cents`` is ``-1`` where the scalar amount is None. For an
    instrument that never has an amount (or never applies) the array is a
    read-only broadcast constant. ``total_cents`` and ``year_provisional`` are
    :attr:`YearOutcome.total` and :attr:`YearOutcome.provisional`.
    """

    situation_index: I64
    year: I64
    applies: Mapping[str, Bool]
    amount_cents: Mapping[str, I64]
    provisional: Mapping[str, Bool]
    total_cents: I64
    year_provisional: Bool

    def __len__(self) -> int:
        return int(self.year.shape[0])


# -- the evaluator ---------------------------------------------------------------------
_MUNICIPAL = np.array([b in MUNICIPAL_BENEFITS for b in BENEFITS])
_DISABILITY = np.array([b in DISABILITY_BENEFITS for b in BENEFITS])
_OUDERE = np.array([b in lkv.OUDERE_BENEFITS for b in BENEFITS])
_UWV_PROEF = np.array([b in werk.UWV_PROEF_BENEFITS for b in BENEFITS])
_NONE = BENEFITS.index(Benefit.NONE)
_WW = BENEFITS.index(Benefit.WW)
_WAJONG = BENEFITS.index(Benefit.WAJONG)
_OPEN_ENDED = CONTRACTS.index(Contract.OPEN_ENDED)
_HOURLY_WML_FROM = _day_number(HOURLY_WML_FROM)
#: From this year the phase-out rates of the LKV oudere werknemer count; the scalar
#: :func:`lkv._year` has the year in its code, not in a parameter.
_AFBOUW_RATES_FROM = 2025


class _ParameterTables:
    """What the batch derives from one :class:`ParameterSet`, kept between calls
    (:func:`_tables_for`): vectorised lookups, per-entry tables and, per birth
    month, the months until the AOW age."""

    def __init__(self, params: ParameterSet) -> None:
        self._params = weakref.ref(params)  # the cache must not keep the set alive
        self.lookups: dict[str, _Lookup] = {}
        self.tables: dict[tuple[str, str], Any] = {}
        self.aow: dict[int, tuple[int, bool]] = {}

    @property
    def params(self) -> ParameterSet:
        params = self._params()
        assert params is not None  # the caller of evaluate_batch holds it
        return params

    def lookup(self, name: str) -> _Lookup:
        if name not in self.lookups:
            self.lookups[name] = _Lookup(self.params[name])
        return self.lookups[name]

    def aow_months(self, birth_month: int) -> tuple[int, bool]:
        """After how many months someone born in ``birth_month`` (months since
        1800-01) reaches the AOW age, and whether that is provisional, by the
        scalar :class:`Context` itself.

        :meth:`Context._aow_date` tries ``add_months(birth, n)`` for the AOW age
        ``n`` of successive years and keeps the first whose *year* matches. The
        year of ``add_months`` does not depend on the day of the month, so ``n``
        and the provisional flag are the same for every birth day in a month:
        asking the Context for the 1st of the month is enough, and the AOW date of
        any birth date is then ``add_months(birth, n)``.
        """
        if birth_month not in self.aow:
            year, month0 = divmod(birth_month, 12)
            birth = dt.date(_CAL_FIRST_YEAR + year, month0 + 1, 1)
            situation = Situation(
                birth_date=birth,
                start_date=birth,
                end_date=None,
                hours_per_week=Decimal(1),
                hours_per_year=None,
                hourly_wage=Decimal(0),
                benefit=Benefit.NONE,
                contract=Contract.OPEN_ENDED,
            )
            ctx = Context(situation, self.params)
            aow = ctx.aow_date
            months = (aow.year - birth.year) * 12 + aow.month - birth.month
            self.aow[birth_month] = (months, ctx.aow_provisional)
        return self.aow[birth_month]


_TABLES: dict[int, tuple[weakref.ref[ParameterSet], _ParameterTables]] = {}


def _forget(key: int) -> Callable[[weakref.ref[ParameterSet]], None]:
    """Drop the tables of a ParameterSet that is gone (safe during shutdown too)."""
    tables = _TABLES

    def forget(_: weakref.ref[ParameterSet]) -> None:
        tables.pop(key, None)

    return forget


def _tables_for(params: ParameterSet) -> _ParameterTables:
    """The tables of ``params``, built once per ParameterSet object."""
    key = id(params)
    cached = _TABLES.get(key)
    if cached is None or cached[0]() is not params:
        cached = (weakref.ref(params, _forget(key)), _ParameterTables(params))
        _TABLES[key] = cached
    return cached[1]


def _aow_dates(birth: I64, tables: _ParameterTables) -> tuple[I64, Bool, I64]:
    """Per birth day number: the AOW date, whether it is provisional, and
    :attr:`Context.aow_last_day` (the end of the month of the day before it)."""
    birth_month = _month_index(birth)
    birth_dom = birth - _MONTH_START[birth_month] + 1
    first = int(birth_month.min()) if birth.size else 0
    last = int(birth_month.max()) if birth.size else -1
    found = [tables.aow_months(m) for m in range(first, last + 1)]
    months = np.array([f[0] for f in found], dtype=np.int64)[birth_month - first]
    provisional = np.array([f[1] for f in found], dtype=np.bool_)[birth_month - first]
    aow = _add_months(birth_month, birth_dom, months)
    return aow, provisional, _end_of_month_after(birth_month, birth_dom, months)


class _Plan:
    """What one :func:`evaluate_batch` call shares between its chunks: the rows
    (situation-years, exactly as :func:`engine.outcome_years`), the AOW table and
    the parameter tables."""

    def __init__(self, arrays: SituationArrays, as_of: dt.date, params: ParameterSet) -> None:
        self.arrays = arrays
        self.params = params
        self.cache = _tables_for(params)
        self.tables = self.cache.tables
        start_year = _month_index(arrays.start_date.view(np.int64)) // 12 + _CAL_FIRST_YEAR
        first = np.maximum(start_year, FIRST_YEAR)
        last = np.full_like(first, as_of.year + YEARS_AHEAD)
        has_end = ~np.isnat(arrays.end_date)
        end_year = _month_index(arrays.end_date[has_end].view(np.int64)) // 12 + _CAL_FIRST_YEAR
        last[has_end] = np.minimum(last[has_end], end_year)
        self.count = np.maximum(first, last) - first + 1
        self.row_start = np.cumsum(self.count) - self.count
        self.rows = int(self.count.sum())
        self.sit = np.repeat(np.arange(len(arrays), dtype=np.int64), self.count)
        self.year = np.repeat(first - self.row_start, self.count) + np.arange(self.rows)
        self.years = np.arange(int(first.min()), int((first + self.count).max()), dtype=np.int64)

    def lookup(self, name: str) -> _Lookup:
        return self.cache.lookup(name)


class _Evaluator:
    """One chunk of situations. Arrays indexed by ``s`` are per situation of the
    chunk; arrays indexed by ``rows`` are per situation-year of the chunk."""

    def __init__(self, plan: _Plan, lo: int, hi: int) -> None:
        self.plan = plan
        self.params = plan.params
        self._at_start: dict[str, tuple[Index, Bool]] = {}
        self._at_jan1: dict[str, tuple[Index, Bool]] = {}
        a = plan.arrays.slice(lo, hi)
        self.a = a
        # -- per situation
        self.birth = a.birth_date.view(np.int64)
        self.start = a.start_date.view(np.int64)
        self.has_end = ~np.isnat(a.end_date)
        self.end = np.where(self.has_end, a.end_date.view(np.int64), _FAR)
        birth_month = _month_index(self.birth)
        birth_dom = self.birth - _MONTH_START[birth_month] + 1
        self.birth_year = birth_month // 12 + _CAL_FIRST_YEAR
        self.birth_md = (birth_month % 12 + 1) * 32 + birth_dom
        self.start_month = _month_index(self.start)
        self.start_dom = self.start - _MONTH_START[self.start_month] + 1
        self.start_year = self.start_month // 12 + _CAL_FIRST_YEAR
        start_md = (self.start_month % 12 + 1) * 32 + self.start_dom
        self.age_start = _age_on(self.birth_year, self.birth_md, self.start_year, start_md)
        self.born_jan1 = self.birth_md == 1 * 32 + 1
        self.per_year = a.hours_per_year_centi >= 0
        self.centi_hours = np.where(self.per_year, a.hours_per_year_centi, a.hours_per_week_centi)
        self.wage = a.hourly_wage_cents
        self.functieloon = np.where(
            a.cao_hourly_wage_cents >= 0, a.cao_hourly_wage_cents, a.hourly_wage_cents
        )
        self.lw = a.loonwaarde_hundredths
        self.lw_known = self.lw >= 0
        self.municipal = _MUNICIPAL[a.benefit]
        self.disability = _DISABILITY[a.benefit]
        self.participatiewet = self.municipal | (a.benefit == _NONE)
        self.aow, self.aow_provisional, self.aow_last = _aow_dates(self.birth, plan.cache)
        # -- rows
        self.r0 = int(plan.row_start[lo])
        self.r1 = int(plan.row_start[hi]) if hi < len(plan.count) else plan.rows
        self.count = plan.count[lo:hi]
        self.row_start = plan.row_start[lo:hi] - self.r0
        self.sit = plan.sit[self.r0 : self.r1] - lo
        self.year = plan.year[self.r0 : self.r1]
        self.R = self.r1 - self.r0
        self.year_min = int(plan.years[0])
        self.yoff = self.year - self.year_min
        jan1 = _jan1(plan.years)
        self.jan1_of = jan1
        self.dec31_of = _jan1(plan.years + 1) - 1
        self.diy_of = self.dec31_of - jan1 + 1
        # the first row is the start year (start dates are from 2019 on)
        self.first_row = np.zeros(self.R, dtype=np.bool_)
        self.first_row[self.row_start] = True
        # employment within each year: [e_lo, e_hi]; never empty for an outcome year
        self.e_lo = jan1[self.yoff]
        self.e_lo[self.row_start] = self.start
        self.e_hi = self.dec31_of[self.yoff]
        with_end = np.flatnonzero(self.has_end)
        last_rows = self.row_start[with_end] + self.count[with_end] - 1
        self.e_hi[last_rows] = np.minimum(self.e_hi[last_rows], self.end[with_end])
        # paid hours over the whole employment in each row's year, as T / S
        self.t_year, self.s_year = self.hours(np.arange(self.R), self.sit, self.e_lo, self.e_hi)

    def rows_for(self, mask: Bool) -> tuple[I64, I64]:
        """The rows of the situations in ``mask``, and their situation indices."""
        chosen = np.flatnonzero(mask)
        counts = self.count[chosen]
        total = int(counts.sum())
        offsets = np.cumsum(counts) - counts
        rows = np.repeat(self.row_start[chosen] - offsets, counts) + np.arange(total)
        return rows, np.repeat(chosen, counts)

    # -- parameters --------------------------------------------------------------------------
    def lookup(self, name: str) -> _Lookup:
        return self.plan.lookup(name)

    def at(self, name: str, days: I64) -> tuple[Index, Bool]:
        """Entry index and provisional flag of a parameter on each day."""
        lookup = self.lookup(name)
        index, provisional = lookup.at(days)
        lookup.check(index, days)
        return index, provisional

    def at_start(self, name: str, s: I64) -> tuple[Index, Bool]:
        """On each situation's start date."""
        if name not in self._at_start:
            self._at_start[name] = self.lookup(name).at(self.start)
        index, provisional = self._at_start[name]
        index = index[s]
        self.lookup(name).check(index, lambda: self.start[s])
        return index, provisional[s]

    def at_jan1(self, name: str, rows: I64) -> tuple[Index, Bool]:
        """On 1 January of each row's year."""
        if name not in self._at_jan1:
            self._at_jan1[name] = self.lookup(name).at(self.jan1_of)
        index, provisional = self._at_jan1[name]
        y = self.yoff[rows]
        self.lookup(name).check(index[y], lambda: self.jan1_of[y])
        return index[y], provisional[y]

    def at_ref(self, name: str, rows: I64) -> tuple[Index, Bool]:
        """On the reference day ``max(start, 1 January)`` (:func:`lks.reference_day`),
        which is where the employment starts in the row's year."""
        return self.at(name, self.e_lo[rows])

    def fact(self, name: str) -> Any:
        return _fact(self.params, name)

    def int_table(self, name: str, convert: Callable[[Any], int] = int) -> I64:
        """One integer per entry of a parameter (0 for unknown entries, never selected)."""
        key = (name, getattr(convert, "__name__", repr(convert)))
        if key not in self.plan.tables:
            values = self.lookup(name).map(convert)
            self.plan.tables[key] = np.array(
                [0 if x is None else x for x in values], dtype=np.int64
            )
        table: I64 = self.plan.tables[key]
        return table

    # -- shared quantities ---------------------------------------------------------------
    def hours(self, rows: I64, s: I64, lo: I64, hi: I64) -> tuple[I64, I64]:
        """Paid hours on ``lo..hi`` (0 when empty) as ``T / S`` (:meth:`Context.hours`)."""
        days = np.maximum(hi - lo + 1, 0)
        t = self.centi_hours[s] * days
        s_ = np.where(self.per_year[s], 100 * self.diy_of[self.yoff[rows]], 700)
        return t, s_

    def lks_hours(self, rows: I64, s: I64, lo: I64, hi: I64) -> tuple[I64, I64]:
        """:func:`lks.lks_hours`: the paid hours, at most a full-time week on those days
        (``fulltime_centi · days / 700``); ``T/S > F/700`` ⇔ ``T·700 > F·S``."""
        t, s_ = self.hours(rows, s, lo, hi)
        full = self.a.fulltime_centi[s] * np.maximum(hi - lo + 1, 0)
        over = _mul(t, 700) > _mul(full, s_)
        return np.where(over, full, t), np.where(over, 700, s_)

    def age_ref(self, rows: I64, s: I64) -> I64:
        """Age on the reference day (the start in the first year, else 1 January)."""
        on_jan1 = self.year[rows] - self.birth_year[s] - ~self.born_jan1[s]
        return np.where(self.first_row[rows], self.age_start[s], on_jan1)

    def holiday(self, index: Index) -> tuple[I64, I64]:
        table = self.lookup("vakantiebijslag_percentage").map(_holiday_factor)
        num, den = _fraction_columns([f or Fraction(0) for f in table])
        return num[index], den[index]

    def wml(self, rows: I64, s: I64) -> tuple[I64, I64, Bool]:
        """:meth:`Context.wml_hour_cents` on the reference day as ``Wn / Wd``, and
        whether a provisional value was used."""
        day = self.e_lo[rows]
        age = self.age_ref(rows, s)
        bbl = self.a.bbl_student[s]
        share_num = np.empty(rows.size, dtype=np.int64)
        share_den = np.empty(rows.size, dtype=np.int64)
        provisional = np.zeros(rows.size, dtype=np.bool_)
        for name, mask in (
            ("minimumjeugdloon_percentage", ~bbl),
            ("minimumjeugdloon_percentage_bbl", bbl),
        ):
            part = np.flatnonzero(mask)
            if not part.size:
                continue
            index, prov = self.at_ref(name, rows[part])
            num_table, den_table = self.youth_table(name)
            ages = np.clip(age[part], 0, num_table.shape[1] - 1)
            share_num[part] = num_table[index, ages]
            share_den[part] = den_table[index, ages]
            provisional[part] = prov
        if (share_den <= 0).any():
            raise ParameterError("minimumjeugdloon: een leeftijd ontbreekt in de tabel")
        w_num = np.empty(rows.size, dtype=np.int64)
        w_den = np.ones(rows.size, dtype=np.int64)
        hourly = day >= _HOURLY_WML_FROM
        part = np.flatnonzero(hourly)
        if part.size:
            index, prov = self.at_ref("wml_hour_21plus", rows[part])
            adult = self.int_table("wml_hour_21plus", cents)[index]
            w_num[part] = _rhu_scaled(adult, share_num[part], share_den[part])
            provisional[part] |= prov
        part = np.flatnonzero(~hourly)
        if part.size:
            index, prov = self.at_ref("wml_week_21plus", rows[part])
            week = self.int_table("wml_week_21plus", cents)[index]
            youth_week = _rhu_scaled(week, share_num[part], share_den[part])
            # per hour: youth week / full-time hours = youth week · 100 / centi-hours
            w_num[part] = youth_week * 100
            w_den[part] = self.a.fulltime_centi[s[part]]
            provisional[part] |= prov
        return w_num, w_den, provisional

    def wml_provisional(self, rows: I64, s: I64) -> Bool:
        """Only whether :meth:`Context.wml_hour_cents` used a provisional value."""
        bbl = self.a.bbl_student[s]
        _, youth = self.at_ref("minimumjeugdloon_percentage", rows)
        _, youth_bbl = self.at_ref("minimumjeugdloon_percentage_bbl", rows)
        provisional = np.where(bbl, youth_bbl, youth)
        hourly = self.e_lo[rows] >= _HOURLY_WML_FROM
        for name, mask in (("wml_hour_21plus", hourly), ("wml_week_21plus", ~hourly)):
            part = np.flatnonzero(mask)
            if part.size:
                provisional[part] |= self.at_ref(name, rows[part])[1]
        return provisional

    def youth_table(self, name: str) -> tuple[I64, I64]:
        """Per entry and age 0..A: the share of the adult minimum wage (num, den),
        as :meth:`Context.youth_percentage`; den 0 marks an age missing from a table."""
        key = (name, "youth")
        if key in self.plan.tables:
            cached: tuple[I64, I64] = self.plan.tables[key]
            return cached
        tables: list[dict[str, Decimal] | None] = self.lookup(name).values
        oldest_all = max(max(int(k) for k in t) for t in tables if t is not None)
        width = oldest_all + 2
        num = np.zeros((len(tables), width), dtype=np.int64)
        den = np.zeros((len(tables), width), dtype=np.int64)
        for i, table in enumerate(tables):
            if table is None:
                continue
            oldest = max(int(k) for k in table)
            youngest = min(int(k) for k in table)
            for age in range(width):
                if age > oldest:
                    share = Fraction(1)
                else:
                    age_key = str(max(age, youngest))
                    if age_key not in table:
                        continue
                    share = percent(table[age_key])
                num[i, age], den[i, age] = share.numerator, share.denominator
        self.plan.tables[key] = (num, den)
        return num, den


# -- instruments ----------------------------------------------------------------------------
@dataclass(slots=True)
class _Result:
    rows: I64
    applies: Bool
    amount: I64 | None
    provisional: Bool


def _lkv_year(
    ev: _Evaluator,
    *,
    eligible: Bool,
    term_last: I64,
    rates: tuple[str, str],
    phase_out: Bool | None = None,
    first_day: I64 | None = None,
    row_filter: Callable[[I64, I64], Bool] | None = None,
) -> _Result:
    """:func:`lkv._year` for one plan, before the only-the-highest rule.

    ``eligible``, ``term_last`` and ``first_day`` are per situation; ``row_filter``
    keeps the rows (years) in which this plan's rules hold (:func:`lkv.plan_for_year`).
    """
    rows, s = ev.rows_for(eligible)
    if row_filter is not None:
        keep = np.flatnonzero(row_filter(rows, s))
        rows, s = rows[keep], s[keep]
    year = ev.year[rows]
    dec31 = ev.dec31_of[ev.yoff[rows]]
    last_day = dec31
    afbouw = np.zeros(rows.size, dtype=np.bool_)
    if phase_out is not None:
        phase_last = _day_number(ev.fact("lkv_oudere_afbouw_laatste_dag"))
        po = phase_out[s]
        last_day = np.where(po, np.minimum(last_day, phase_last), last_day)
        afbouw = po & (year >= _AFBOUW_RATES_FROM)
    last_day = np.minimum(np.minimum(last_day, term_last[s]), ev.aow_last[s])
    lo = ev.e_lo[rows] if first_day is None else np.maximum(ev.e_lo[rows], first_day[s])
    hi = np.minimum(ev.e_hi[rows], last_day)
    keep = np.flatnonzero(lo <= hi)
    rows, s, lo, hi, dec31, afbouw = (
        rows[keep],
        s[keep],
        lo[keep],
        hi[keep],
        dec31[keep],
        afbouw[keep],
    )
    per_hour = np.zeros(rows.size, dtype=np.int64)
    cap = np.zeros(rows.size, dtype=np.int64)
    provisional = ev.aow_provisional[s] & (ev.aow_last[s] <= dec31)
    for names, mask in (
        (rates, ~afbouw),
        (("lkv_oudere_afbouw_per_uur", "lkv_oudere_afbouw_max_per_jaar"), afbouw),
    ):
        part = np.flatnonzero(mask)
        if not part.size:
            continue
        for name, target in zip(names, (per_hour, cap), strict=True):
            index, prov = ev.at(name, lo[part])
            target[part] = ev.int_table(name, cents)[index]
            provisional[part] |= prov
    t, s_ = ev.hours(rows, s, lo, hi)
    amount = np.minimum(_rhu_ratio(t, per_hour, s_, 1, 1), cap)
    applies = amount > 0
    return _Result(rows, applies, amount, applies & provisional)


def _lkv(ev: _Evaluator) -> list[_Result]:
    a = ev.a
    all_s = np.arange(len(a), dtype=np.int64)
    below_aow = ev.start < ev.aow
    not_employed_before = ~a.employed_by_employer_last_6_months
    index, _ = ev.at_start("lkv_looptijd_jaren", all_s)
    looptijd = ev.lookup("lkv_looptijd_jaren").values

    def term(kind: str) -> I64:
        years = np.array([0 if t is None else int(t[kind]) for t in looptijd], dtype=np.int64)
        return _end_of_month_after(ev.start_month, ev.start_dom, 12 * years[index])

    min_age_index, _ = ev.at_start("lkv_oudere_minimumleeftijd", all_s)
    min_age = ev.int_table("lkv_oudere_minimumleeftijd")[min_age_index]
    phase_from = _day_number(ev.fact("lkv_oudere_afbouw_dienstbetrekking_vanaf"))
    phase_last = _day_number(ev.fact("lkv_oudere_afbouw_laatste_dag"))
    oudere = (
        (ev.age_start >= min_age)
        & _OUDERE[a.benefit]
        & below_aow
        & not_employed_before
        & (ev.start <= phase_last)
    )
    arbeidsgehandicapte = (
        (ev.disability | a.wia_rejected_within_5_years)
        & ~a.herplaatsing
        & below_aow
        & not_employed_before
    )
    herplaatsing = a.herplaatsing & ev.disability & below_aow
    return [
        _lkv_year(
            ev,
            eligible=oudere,
            term_last=term("oudere"),
            rates=("lkv_oudere_per_uur", "lkv_oudere_max_per_jaar"),
            phase_out=ev.start >= phase_from,
        ),
        _lkv_year(
            ev,
            eligible=arbeidsgehandicapte,
            term_last=term("arbeidsgehandicapte"),
            rates=("lkv_arbeidsgehandicapte_per_uur", "lkv_arbeidsgehandicapte_max_per_jaar"),
        ),
        _banenafspraak(ev, below_aow, not_employed_before, term("banenafspraak")),
        _lkv_year(
            ev,
            eligible=herplaatsing,
            term_last=term("herplaatsing"),
            rates=("lkv_herplaatsing_per_uur", "lkv_herplaatsing_max_per_jaar"),
        ),
    ]


def _banenafspraak(
    ev: _Evaluator, below_aow: Bool, not_employed_before: Bool, term_last: I64
) -> _Result:
    """The LKV banenafspraak under the rules of each year (:func:`lkv.plan_for_year`).

    Employments from 2026 (``open_from``) have only the new rules: in the register,
    no end. An earlier employment has the old rules (register or scholingsbelemmerd,
    three years) before 2026; from 2026 it keeps the old plan only while an eligible
    worker outside the register still has term left, else the new rules hold from
    ``open_from``. The two sets of rows do not overlap (from 2026 the old plan needs
    a worker outside the register, the new one a worker in it).
    """
    a = ev.a
    rates = ("lkv_banenafspraak_per_uur", "lkv_banenafspraak_max_per_jaar")
    open_from = _day_number(ev.fact("lkv_banenafspraak_zonder_einde_vanaf"))
    open_year = _date(open_from).year
    old_start = ev.start < open_from
    old_eligible = (
        old_start & (a.doelgroepregister | a.scholingsbelemmerd) & below_aow & not_employed_before
    )
    keeps_term = ~a.doelgroepregister & (term_last >= open_from)
    old = _lkv_year(
        ev,
        eligible=old_eligible,
        term_last=term_last,
        rates=rates,
        row_filter=lambda rows, s: (ev.year[rows] < open_year) | keeps_term[s],
    )
    # new rules: first day max(start, open_from); for an old employment from open_year on
    new = _lkv_year(
        ev,
        eligible=a.doelgroepregister & below_aow,
        term_last=np.full(len(a), _FAR, dtype=np.int64),
        rates=rates,
        first_day=np.maximum(ev.start, open_from),
        row_filter=lambda rows, s: ~old_start[s] | (ev.year[rows] >= open_year),
    )
    return _Result(
        np.concatenate([old.rows, new.rows]),
        np.concatenate([old.applies, new.applies]),
        np.concatenate([_amount(old), _amount(new)]),
        np.concatenate([old.provisional, new.provisional]),
    )


def _amount(result: _Result) -> I64:
    assert result.amount is not None
    return result.amount


def _liv(ev: _Evaluator) -> _Result:
    """:func:`liv.evaluate_liv`."""
    abolished = _day_number(ev.fact("liv_afgeschaft_vanaf"))
    rows = np.flatnonzero(ev.jan1_of[ev.yoff] < abolished)
    s = ev.sit[rows]
    band_index, band_prov = ev.at_jan1("liv_banden", rows)
    holiday_index, holiday_prov = ev.at_jan1("vakantiebijslag_percentage", rows)
    f_num, f_den = ev.holiday(holiday_index)
    bands = ev.lookup("liv_banden").values
    width = max(len(b) for b in bands if b is not None)
    low = np.ones((len(bands), width), dtype=np.int64)
    high = np.zeros((len(bands), width), dtype=np.int64)
    per_hour = np.zeros((len(bands), width), dtype=np.int64)
    cap = np.zeros((len(bands), width), dtype=np.int64)
    for i, entry in enumerate(bands):
        for k, band in enumerate(entry or ()):
            low[i, k], high[i, k] = cents(band["ondergrens"]), cents(band["bovengrens"])
            per_hour[i, k], cap[i, k] = cents(band["per_uur"]), cents(band["max_per_jaar"])
    # average = wage · f_num / f_den; low ≤ average ≤ high without dividing
    average = _mul(ev.wage[s], f_num)
    chosen = np.full(rows.size, -1, dtype=np.int64)
    for k in range(width):
        inside = (_mul(low[band_index, k], f_den) <= average) & (
            average <= _mul(high[band_index, k], f_den)
        )
        chosen = np.where((chosen < 0) & inside, k, chosen)
    keep = np.flatnonzero(chosen >= 0)
    rows, s, chosen = rows[keep], s[keep], chosen[keep]
    band_index, provisional = band_index[keep], band_prov[keep] | holiday_prov[keep]
    minimum_index, minimum_prov = ev.at_jan1("liv_minimum_uren", rows)
    minimum_num, minimum_den = _fraction_columns(
        [Fraction(x or 0) for x in ev.lookup("liv_minimum_uren").values]
    )
    provisional |= minimum_prov
    # the 1.248-hour test counts the whole year: hours ≥ minimum ⇔ T·den ≥ num·S
    t_year, s_year = ev.t_year[rows], ev.s_year[rows]
    enough = _mul(t_year, minimum_den[minimum_index]) >= _mul(s_year, minimum_num[minimum_index])
    # the amount only the hours up to the aangiftetijdvak of the AOW age
    lo = ev.e_lo[rows]
    hi = np.minimum(ev.e_hi[rows], ev.aow_last[s])
    t, s_ = ev.hours(rows, s, lo, hi)
    raw = _rhu_ratio(t, per_hour[band_index, chosen], s_, 1, 1)
    amount = np.minimum(raw, cap[band_index, chosen])
    applies = enough & (t > 0) & (amount > 0)
    return _Result(rows, applies, amount, applies & provisional)


def _jeugd_liv(ev: _Evaluator) -> _Result:
    """:func:`liv.evaluate_jeugd_liv`."""
    abolished = _day_number(ev.fact("jeugd_liv_afgeschaft_vanaf"))
    rows = np.flatnonzero(ev.jan1_of[ev.yoff] < abolished)
    s = ev.sit[rows]
    age = ev.year[rows] - 1 - ev.birth_year[s]  # age on 31 December of the year before
    rate_index, rate_prov = ev.at_jan1("jeugd_liv_bedragen", rows)
    band_index, band_prov = ev.at_jan1("jeugd_liv_banden", rows)
    rates = ev.lookup("jeugd_liv_bedragen").values
    bands = ev.lookup("jeugd_liv_banden").values
    oldest = max(int(r["leeftijd"]) for t in (*rates, *bands) if t is not None for r in t)
    width = oldest + 2
    has_rate = np.zeros((len(rates), width), dtype=np.bool_)
    per_hour = np.zeros((len(rates), width), dtype=np.int64)
    cap = np.zeros((len(rates), width), dtype=np.int64)
    for i, entry in enumerate(rates):
        for r in entry or ():
            k = int(r["leeftijd"])
            has_rate[i, k] = True
            per_hour[i, k], cap[i, k] = cents(r["per_uur"]), cents(r["max_per_jaar"])
    has_band = np.zeros((len(bands), width), dtype=np.bool_)
    low = np.zeros((len(bands), width), dtype=np.int64)
    high = np.zeros((len(bands), width), dtype=np.int64)
    for i, entry in enumerate(bands):
        for r in entry or ():
            k = int(r["leeftijd"])
            has_band[i, k] = True
            low[i, k], high[i, k] = cents(r["ondergrens"]), cents(r["bovengrens"])
    age = np.clip(age, 0, width - 1)  # width - 1 is past every table: no rate
    known = has_rate[rate_index, age] & has_band[band_index, age]
    keep = np.flatnonzero(known)
    rows, s, age = rows[keep], s[keep], age[keep]
    rate_index, band_index = rate_index[keep], band_index[keep]
    provisional = rate_prov[keep] | band_prov[keep]
    holiday_index, holiday_prov = ev.at_jan1("vakantiebijslag_percentage", rows)
    f_num, f_den = ev.holiday(holiday_index)
    provisional |= holiday_prov
    average = _mul(ev.wage[s], f_num)
    in_band = (_mul(low[band_index, age], f_den) <= average) & (
        average <= _mul(high[band_index, age], f_den)
    )
    t, s_ = ev.t_year[rows], ev.s_year[rows]
    raw = _rhu_ratio(t, per_hour[rate_index, age], s_, 1, 1)
    amount = np.minimum(raw, cap[rate_index, age])
    applies = in_band & (t > 0) & (amount > 0)
    return _Result(rows, applies, amount, applies & provisional)


def _percent_table(ev: _Evaluator, name: str) -> list[Fraction]:
    return [Fraction(0) if x is None else percent(x) for x in ev.lookup(name).values]


def _lks(ev: _Evaluator) -> list[_Result]:
    """:func:`lks.evaluate_lks`: measured loonwaarde, and the fixed amount without one."""
    group = ev.participatiewet & np.where(
        ev.lw_known, ev.lw < _HUNDRED_PERCENT, ev.a.doelgroepregister
    )
    results = []
    # -- measured loonwaarde (lks_hourly)
    rows, s = ev.rows_for(group & ev.lw_known)
    if rows.size:
        holiday_index, provisional = ev.at_ref("vakantiebijslag_percentage", rows)
        w_num, w_den, w_prov = ev.wml(rows, s)
        max_index, max_prov = ev.at_ref("lks_max_percentage_wml", rows)
        extra_index, extra_prov = ev.at_ref("lks_werkgeverslasten_percentage", rows)
        provisional = provisional | w_prov | max_prov | extra_prov
        maximum = _percent_table(ev, "lks_max_percentage_wml")
        m_num, m_den = _fraction_columns(maximum)
        m_num, m_den = m_num[max_index], m_den[max_index]
        holiday = ev.lookup("vakantiebijslag_percentage").map(_holiday_factor)
        extra = [1 + p for p in _percent_table(ev, "lks_werkgeverslasten_percentage")]
        # base = F · max(0, min(W − lw·f, M·W)) with W = Wn/Wd, lw = lw_h/10⁴, M = m/md;
        # over the common denominator 10⁴·md·Wd: A = (Wn·10⁴ − lw_h·f·Wd)·md, B = m·Wn·10⁴
        lw_f = _mul(_mul(ev.lw[s], ev.functieloon[s]), w_den)
        a_ = _mul(_mul(w_num, 10_000) - lw_f, m_den)
        b_ = _mul(_mul(w_num, m_num), 10_000)
        x = np.maximum(np.minimum(a_, b_), 0)
        # hourly = F·E·X / (10⁴·md·Wd); F·E/(10⁴·md) is the constant k_num/k_den
        k_num, k_den = _combine(
            [
                (holiday_index, holiday),
                (extra_index, extra),
                (max_index, [Fraction(1, f.denominator) for f in maximum]),
            ],
            Fraction(1, 10_000),
        )
        t, s_ = ev.lks_hours(rows, s, ev.e_lo[rows], ev.e_hi[rows])
        amount = _rhu_ratio(t, _mul(x, k_num), s_, w_den, k_den)
        applies = amount > 0
        results.append(_Result(rows, applies, amount, applies & provisional))
    # -- no measurement yet: the fixed share for at most some months
    rows, s = ev.rows_for(group & ~ev.lw_known)
    if rows.size:
        months_index, months_prov = ev.at_start("lks_forfaitair_max_maanden", s)
        months = ev.int_table("lks_forfaitair_max_maanden")
        fixed_last = _period_end(ev.start_month[s], ev.start_dom[s], months[months_index])
        lo = ev.e_lo[rows]
        hi = np.minimum(ev.e_hi[rows], fixed_last)
        fixed = lo <= hi
        amount = np.full(rows.size, -1, dtype=np.int64)
        provisional = months_prov.copy()
        part = np.flatnonzero(fixed)
        if part.size:
            r, sp = rows[part], s[part]
            holiday_index, prov = ev.at_ref("vakantiebijslag_percentage", r)
            w_num, w_den, w_prov = ev.wml(r, sp)
            share_index, share_prov = ev.at_ref("lks_forfaitair_percentage_wml", r)
            extra_index, extra_prov = ev.at_ref("lks_werkgeverslasten_percentage", r)
            provisional[part] |= prov | w_prov | share_prov | extra_prov
            # hourly = share · W · F · E = k · Wn / Wd
            k_num, k_den = _combine(
                [
                    (holiday_index, ev.lookup("vakantiebijslag_percentage").map(_holiday_factor)),
                    (share_index, _percent_table(ev, "lks_forfaitair_percentage_wml")),
                    (
                        extra_index,
                        [1 + p for p in _percent_table(ev, "lks_werkgeverslasten_percentage")],
                    ),
                ],
                Fraction(1),
            )
            t, s_ = ev.lks_hours(r, sp, lo[part], hi[part])
            amount[part] = _rhu_ratio(t, _mul(w_num, k_num), s_, w_den, k_den)
        applies = np.ones(rows.size, dtype=np.bool_)
        results.append(_Result(rows, applies, amount, provisional))
    return results


def _loondispensatie(ev: _Evaluator) -> _Result:
    """:func:`lks.evaluate_loondispensatie`."""
    a = ev.a
    all_s = np.arange(len(a), dtype=np.int64)
    max_index, max_prov = ev.at_start("loondispensatie_max_loonwaarde", all_s)
    months_index, months_prov = ev.at_start("loondispensatie_min_maanden", all_s)
    max_num, max_den = _fraction_columns(
        [Fraction(x or 0) for x in ev.lookup("loondispensatie_max_loonwaarde").values]
    )
    months = ev.int_table("loondispensatie_min_maanden")
    # lw_h / 100 ≤ max  ⇔  lw_h · den ≤ num · 100
    low_enough = ev.lw_known & (_mul(ev.lw, max_den[max_index]) <= _mul(max_num[max_index], 100))
    period_last = _period_end(ev.start_month, ev.start_dom, months[months_index])
    long_enough = ~ev.has_end | (ev.end >= period_last)
    eligible = (a.benefit == _WAJONG) & low_enough & long_enough
    rows, s = ev.rows_for(eligible)
    holiday_index, provisional = ev.at_ref("vakantiebijslag_percentage", rows)
    provisional |= max_prov[s] | months_prov[s]
    f_num, f_den = ev.holiday(holiday_index)
    t, s_ = ev.t_year[rows], ev.s_year[rows]
    # hours · f · (1 − lw_h/10⁴) · F
    rate = _mul(_mul(ev.functieloon[s], _HUNDRED_PERCENT - ev.lw[s]), f_num)
    amount = _rhu_ratio(t, rate, s_, 1, _mul(f_den, _HUNDRED_PERCENT))
    applies = amount > 0
    return _Result(rows, applies, amount, applies & provisional)


def _no_riskpolis(ev: _Evaluator) -> _Result:
    """:func:`ziekte.evaluate_no_riskpolis`."""
    a = ev.a
    lks_group = ev.participatiewet & ev.lw_known & (ev.lw < _HUNDRED_PERCENT)
    open_ended = (a.benefit == _WAJONG) | a.wsw_indicatie | a.doelgroepregister | lks_group
    five_years = ev.disability | a.wia_rejected_within_5_years | a.scholingsbelemmerd
    all_s = np.arange(len(a), dtype=np.int64)
    index, prov = ev.at_start("no_riskpolis_jaren", all_s)
    years = ev.int_table("no_riskpolis_jaren")
    term_last = _period_end(ev.start_month, ev.start_dom, 12 * years[index])
    last = np.where(open_ended, _FAR, term_last)
    provisional = ~open_ended & prov
    rows, s = ev.rows_for(open_ended | five_years)
    applies = ev.e_lo[rows] <= np.minimum(ev.e_hi[rows], last[s])
    return _Result(rows, applies, None, applies & provisional[s])


def _compensatieregeling(ev: _Evaluator) -> _Result:
    """:func:`ziekte.evaluate_compensatieregeling` (facts only: never provisional)."""
    a = ev.a
    born_before = _day_number(ev.fact("compensatieregeling_geboren_voor"))
    weeks = int(ev.fact("compensatieregeling_ww_weken"))
    first = _day_number(ev.fact("compensatieregeling_start_vanaf"))
    last = _day_number(ev.fact("compensatieregeling_start_tot_en_met"))
    years = int(ev.fact("compensatieregeling_jaren"))
    eligible = (
        (ev.birth < born_before)
        & (a.benefit == _WW)
        & (a.benefit_weeks > weeks)
        & (first <= ev.start)
        & (ev.start <= last)
    )
    cover_last = _period_end(ev.start_month, ev.start_dom, 12 * years)
    rows, s = ev.rows_for(eligible)
    applies = ev.e_lo[rows] <= np.minimum(ev.e_hi[rows], cover_last[s])
    return _Result(rows, applies, None, np.zeros(rows.size, dtype=np.bool_))


def _months_at_start(ev: _Evaluator, name: str) -> tuple[I64, Bool]:
    all_s = np.arange(len(ev.a), dtype=np.int64)
    index, prov = ev.at_start(name, all_s)
    return ev.int_table(name)[index], prov


def _proefplaatsingen(ev: _Evaluator) -> list[_Result]:
    """:func:`werk.evaluate_proefplaatsing_uwv` and ``_gemeente``: the start year only."""
    a = ev.a
    contract_months, provisional = _months_at_start(ev, "proefplaatsing_contract_min_maanden")
    _, prov = _months_at_start(ev, "proefplaatsing_uwv_maanden")
    provisional = provisional | prov
    _, prov = _months_at_start(ev, "proefplaatsing_uwv_max_maanden")
    provisional |= prov
    ww_months, ww_prov = _months_at_start(ev, "proefplaatsing_ww_min_maanden")
    ww = a.benefit == _WW
    provisional |= ww & ww_prov
    contract_last = _period_end(ev.start_month, ev.start_dom, contract_months)
    long_enough = ~ev.has_end | (ev.end >= contract_last)
    benefit_start = ev.start - 7 * a.benefit_weeks
    long_unemployed = benefit_start <= _add_months(ev.start_month, ev.start_dom, -ww_months)
    uwv = _UWV_PROEF[a.benefit] & long_enough & (~ww | long_unemployed)
    chosen = np.flatnonzero(uwv)
    rows = ev.row_start[chosen]
    uwv_result = _Result(rows, np.ones(rows.size, dtype=np.bool_), None, provisional[chosen])
    chosen = np.flatnonzero(ev.municipal)
    _, table_prov = ev.at_start("proefplaatsing_gemeente_maanden", chosen)
    rows = ev.row_start[chosen]
    # the table is only consulted when a municipality is given
    gemeente_prov = (a.municipality[chosen] >= 0) & table_prov
    gemeente = _Result(rows, np.ones(rows.size, dtype=np.bool_), None, gemeente_prov)
    return [uwv_result, gemeente]


def _jobcoach(ev: _Evaluator) -> _Result:
    """:func:`werk.evaluate_jobcoach`: applies on both routes; the UWV route reads
    parameters (so may be provisional), the municipal route does not."""
    a = ev.a
    lks_group = ev.lw_known & (ev.lw < _HUNDRED_PERCENT)
    gemeente = ev.participatiewet & (a.doelgroepregister | lks_group)
    uwv = ~ev.participatiewet & (ev.disability | (a.benefit == _WAJONG) | a.doelgroepregister)
    rows, s = ev.rows_for(gemeente | uwv)
    provisional = np.zeros(rows.size, dtype=np.bool_)
    part = np.flatnonzero(uwv[s])
    if part.size:
        r, sp = rows[part], s[part]
        prov = ev.wml_provisional(r, sp)
        for name in (
            "jobcoach_intern_min_maanden",
            "jobcoach_intern_min_uren_per_week",
            "jobcoach_intern_min_loon_percentage_wml",
            "jobcoach_uren_norm",
        ):
            prov |= ev.at_ref(name, r)[1]
        provisional[part] = prov
    return _Result(rows, np.ones(rows.size, dtype=np.bool_), None, provisional)


def _praktijkleren(ev: _Evaluator) -> _Result:
    """:func:`werk.evaluate_praktijkleren`: the study year that ends on 31 July."""
    ends = _day_number(ev.fact("praktijkleren_laatste_studiejaar_eindigt"))
    rows, s = ev.rows_for(ev.a.bbl_student)
    year = ev.year[rows]
    august = (year - _CAL_FIRST_YEAR) * 12 + 7  # month index of 1 August of ``year``
    first = _MONTH_START[august - 12]
    last = _MONTH_START[august] - 1
    applies = (last <= ends) & (ev.start[s] <= last) & (~ev.has_end[s] | (ev.end[s] >= first))
    keep = np.flatnonzero(applies)
    rows, last = rows[keep], last[keep]
    index, provisional = ev.at("praktijkleren_max_per_plaats", last)
    amount = ev.int_table("praktijkleren_max_per_plaats", cents)[index]
    return _Result(rows, np.ones(rows.size, dtype=np.bool_), amount, provisional)


def _ww_premie(ev: _Evaluator) -> _Result:
    """:func:`werk.evaluate_ww_premie`."""
    a = ev.a
    first_rates = ev.params["awf_premie"].entries[0].start.year
    rows = np.flatnonzero(ev.year >= first_rates)
    s = ev.sit[rows]
    hours_index, provisional = ev.at_ref("awf_laag_jongeren_max_uren_per_maand", rows)
    low = (a.contract == _OPEN_ENDED) | a.bbl_student
    low_row = low[s]
    part = np.flatnonzero(~low_row)
    if part.size:
        sp = s[part]
        young = ev.age_ref(rows[part], sp) < 21
        limit = [Fraction(x or 0) for x in ev.lookup("awf_laag_jongeren_max_uren_per_maand").values]
        l_num, l_den = _fraction_columns(limit)
        l_num, l_den = l_num[hours_index[part]], l_den[hours_index[part]]
        # hours per week · 52/12 ≤ limit, with hours per week = c/100 or c/100 · 7/365
        c = ev.centi_hours[sp]
        per_year = ev.per_year[sp]
        lhs = _mul(_mul(c, np.where(per_year, 7 * 52, 52)), l_den)
        rhs = _mul(l_num, np.where(per_year, 365 * 1200, 1200))
        low_row[part] = young & (lhs <= rhs)
    keep = np.flatnonzero(low_row)
    rows, s, provisional = rows[keep], s[keep], provisional[keep]
    rate_index, rate_prov = ev.at_ref("awf_premie", rows)
    holiday_index, holiday_prov = ev.at_ref("vakantiebijslag_percentage", rows)
    provisional |= rate_prov | holiday_prov
    difference = [
        Fraction(0) if r is None else percent(r[0]["hoog"]) - percent(r[0]["laag"])
        for r in ev.lookup("awf_premie").values
    ]
    k_num, k_den = _combine(
        [
            (rate_index, difference),
            (holiday_index, ev.lookup("vakantiebijslag_percentage").map(_holiday_factor)),
        ],
        Fraction(1),
    )
    t, s_ = ev.t_year[rows], ev.s_year[rows]
    # round_half_up is symmetric around 0: round |x| and put the sign back
    sign = np.sign(k_num)
    amount = sign * _rhu_ratio(t, _mul(ev.wage[s], np.abs(k_num)), s_, 1, k_den)
    applies = amount > 0
    return _Result(rows, applies, amount, applies & provisional)


# -- assembling the outcome -----------------------------------------------------------------
#: Situations per chunk: small enough that temporaries stay in cache and are reused.
CHUNK_SIZE = 1 << 16


class _Output:
    """The arrays of a :class:`BatchOutcome`, filled one chunk at a time."""

    def __init__(self, n_rows: int) -> None:
        self.applies = {code: np.zeros(n_rows, dtype=np.bool_) for code in INSTRUMENT_CODES}
        self.provisional = {code: np.zeros(n_rows, dtype=np.bool_) for code in INSTRUMENT_CODES}
        never = np.broadcast_to(np.int64(-1), (n_rows,))
        self.amounts: dict[str, I64] = {
            code: never if code in NO_AMOUNT_CODES else np.full(n_rows, -1, dtype=np.int64)
            for code in INSTRUMENT_CODES
        }
        self.total = np.zeros(n_rows, dtype=np.int64)
        self.year_provisional = np.zeros(n_rows, dtype=np.bool_)
        self.window = slice(0, 0)
        self.with_provisional: set[str] = set()

    def begin(self, r0: int, r1: int) -> None:
        self.window = slice(r0, r1)
        self.with_provisional = set()

    def store(self, code: str, result: _Result) -> None:
        """Write the applying rows of one instrument (all other rows stay
        not applying, amount -1, not provisional)."""
        hit = np.flatnonzero(result.applies)
        rows = result.rows[hit]
        self.applies[code][self.window][rows] = True
        provisional = result.provisional[hit]
        if provisional.any():
            self.provisional[code][self.window][rows] = provisional
            self.with_provisional.add(code)
        if result.amount is not None:
            self.amounts[code][self.window][rows] = result.amount[hit]

    def end(self) -> None:
        """:attr:`YearOutcome.total` and :attr:`YearOutcome.provisional` of the chunk's
        rows, over contiguous memory."""
        w = self.window
        part = np.empty(w.stop - w.start, dtype=np.int64)
        for code in INSTRUMENT_CODES:
            if code not in NO_AMOUNT_CODES:
                np.maximum(self.amounts[code][w], 0, out=part)
                self.total[w] += part
            if code in self.with_provisional:
                self.year_provisional[w] |= self.provisional[code][w]


def evaluate_batch(
    arrays: SituationArrays,
    *,
    as_of: dt.date,
    params: ParameterSet | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> BatchOutcome:
    """Evaluate every situation in ``arrays`` for the years up to ``as_of.year + 4``.

    Gives, per situation-year and instrument, the same ``applies``, amount and
    ``provisional`` as :func:`werkpunt.rules.engine.evaluate` with this ``as_of``.
    The situations are processed ``chunk_size`` at a time (the result does not
    depend on it).
    """
    params = params or default_parameters()
    if len(arrays) == 0:
        return _empty_outcome()
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    if as_of.year + YEARS_AHEAD >= _CAL_FIRST_YEAR + len(_MONTH_START) // 12 - 1:
        raise ValueError("as_of: the batch calendar ends in 2400")
    plan = _Plan(arrays, as_of, params)
    out = _Output(plan.rows)
    for lo in range(0, len(arrays), chunk_size):
        ev = _Evaluator(plan, lo, min(lo + chunk_size, len(arrays)))
        out.begin(ev.r0, ev.r1)
        _evaluate_chunk(ev, out.store)
        out.end()
    # the compensation of the transitievergoeding never applies
    out.applies[ziekte.TRANSITIEVERGOEDING] = np.broadcast_to(np.False_, (plan.rows,))
    out.provisional[ziekte.TRANSITIEVERGOEDING] = np.broadcast_to(np.False_, (plan.rows,))
    return BatchOutcome(
        situation_index=plan.sit,
        year=plan.year,
        applies=out.applies,
        amount_cents=out.amounts,
        provisional=out.provisional,
        total_cents=out.total,
        year_provisional=out.year_provisional,
    )


def _evaluate_chunk(ev: _Evaluator, store: Callable[[str, _Result], None]) -> None:
    lkv_results = _lkv(ev)
    _only_highest(lkv_results, ev.R)
    for code, result in zip(lkv.CODES, lkv_results, strict=True):
        store(code, result)
    store(liv.LIV, _liv(ev))
    store(liv.JEUGD_LIV, _jeugd_liv(ev))
    for result in _lks(ev):
        store(lks.LKS, result)
    store(lks.LOONDISPENSATIE, _loondispensatie(ev))
    store(ziekte.NO_RISKPOLIS, _no_riskpolis(ev))
    store(ziekte.COMPENSATIEREGELING, _compensatieregeling(ev))
    uwv, gemeente = _proefplaatsingen(ev)
    store(werk.PROEF_UWV, uwv)
    store(werk.PROEF_GEMEENTE, gemeente)
    store(werk.JOBCOACH, _jobcoach(ev))
    store(werk.PRAKTIJKLEREN, _praktijkleren(ev))
    store(werk.WW_PREMIE, _ww_premie(ev))


def _only_highest(results: list[_Result], n_rows: int) -> None:
    """Wtl art. 4.1 lid 3: of the applying LKV kinds only the highest amount counts;
    on equal amounts the first in :data:`lkv.CODES`. The others stop applying."""
    count = np.zeros(n_rows, dtype=np.int8)
    for result in results:
        count[result.rows[result.applies]] += 1  # a plan has each row at most once
    clash = np.flatnonzero(count > 1)
    if not clash.size:
        return
    position = np.full(n_rows, -1, dtype=np.int64)
    position[clash] = np.arange(clash.size)
    kinds = len(results)
    key = np.full((kinds, clash.size), -1, dtype=np.int64)
    for k, result in enumerate(results):
        p = position[result.rows]
        at = np.flatnonzero((p >= 0) & result.applies)
        # a higher amount wins; on a tie the lower k (kinds - 1 - k is larger)
        key[k, p[at]] = _amount(result)[at] * kinds + (kinds - 1 - k)
    best = np.argmax(key, axis=0)
    for k, result in enumerate(results):
        p = position[result.rows]
        lose = (p >= 0) & result.applies
        lose[lose] = best[p[lose]] != k
        result.applies = result.applies & ~lose
        result.provisional = result.provisional & ~lose


def _empty_outcome() -> BatchOutcome:
    empty_i = np.zeros(0, dtype=np.int64)
    empty_b = np.zeros(0, dtype=np.bool_)
    return BatchOutcome(
        situation_index=empty_i,
        year=empty_i,
        applies=dict.fromkeys(INSTRUMENT_CODES, empty_b),
        amount_cents=dict.fromkeys(INSTRUMENT_CODES, empty_i),
        provisional=dict.fromkeys(INSTRUMENT_CODES, empty_b),
        total_cents=empty_i,
        year_provisional=empty_b,
    )


__all__ = [
    "BENEFITS",
    "CONTRACTS",
    "MUNICIPALITIES",
    "BatchOutcome",
    "SituationArrays",
    "evaluate_batch",
]
