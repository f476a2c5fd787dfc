"""The batch path (numpy) gives exactly the outcomes of the one-by-one path.

The property test generates valid situations over every benefit and flag, start
dates 2019-2030, with and without end dates, hours per week or per year, ages
15-70 at the start (people reaching the AOW age during the job), wages around
the minimum wage and the LIV bands, CAO wages, loonwaarden and municipalities,
and compares every instrument-year with :func:`werkpunt.rules.evaluate`.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import gc
import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from werkpunt.cli import InputError, main
from werkpunt.rules import (
    INSTRUMENT_CODES,
    Benefit,
    Municipality,
    ParameterError,
    ParameterSet,
    Situation,
    default_parameters,
    evaluate,
    outcome_years,
    parse_situation,
)
from werkpunt.rules import batch as batch_module
from werkpunt.rules.batch import (
    BENEFITS,
    BatchOutcome,
    SituationArrays,
    _aow_dates,
    _rhu_ratio,
    _tables_for,
    evaluate_batch,
)
from werkpunt.rules.batch_csv import OUTPUT_HEADER, run_batch_csv
from werkpunt.rules.context import Context
from werkpunt.rules.money import cents, percent
from werkpunt.rules.params import Entry

AS_OF = dt.date(2026, 11, 28)


# -- comparing the two paths ---------------------------------------------------------------
def mismatches(
    situations: Sequence[Situation],
    batch: BatchOutcome,
    *,
    as_of: dt.date,
    params: ParameterSet | None = None,
) -> list[str]:
    """Every difference between the batch rows and :func:`evaluate`, as text."""
    problems: list[str] = []
    row = 0
    for index, situation in enumerate(situations):
        outcome = evaluate(situation, as_of=as_of, params=params)
        for year in outcome.years:
            where = f"situation {index} ({situation}), {year.year}"
            if row >= len(batch):
                return [*problems, f"{where}: no batch row"]
            if (batch.situation_index[row], batch.year[row]) != (index, year.year):
                return [
                    *problems,
                    f"{where}: batch row {row} is {batch.situation_index[row]}/{batch.year[row]}",
                ]
            for item in year.instruments:
                code = item.code
                got = (
                    bool(batch.applies[code][row]),
                    int(batch.amount_cents[code][row]),
                    bool(batch.provisional[code][row]),
                )
                expected = (
                    item.applies,
                    -1 if item.amount is None else int(item.amount),
                    item.provisional,
                )
                if got != expected:
                    problems.append(f"{where}: {code} batch {got} != scalar {expected}")
            if int(batch.total_cents[row]) != year.total:
                problems.append(f"{where}: total {batch.total_cents[row]} != {year.total}")
            if bool(batch.year_provisional[row]) != year.provisional:
                problems.append(f"{where}: year provisional differs")
            row += 1
    if row != len(batch):
        problems.append(f"batch has {len(batch)} rows, scalar {row}")
    return problems


# -- generating situations -------------------------------------------------------------------
def _interesting_wages() -> list[int]:
    """Hourly wages (cents) at and next to the edges the rules test: the LIV and
    jeugd-LIV bands (on the wage with holiday allowance) and the minimum wage."""
    params = default_parameters()
    factor = 1 + percent(params["vakantiebijslag_percentage"].entries[-1].value)
    edges: set[int] = set()
    for name in ("liv_banden", "jeugd_liv_banden"):
        for entry in params[name].entries:
            for band in entry.value or ():
                for key in ("ondergrens", "bovengrens"):
                    wage = Fraction(cents(band[key])) / factor
                    edges.update(range(math.floor(wage) - 1, math.ceil(wage) + 2))
    for entry in params["wml_hour_21plus"].entries:
        edges.update(range(cents(entry.value) - 1, cents(entry.value) + 2))
    for entry in params["wml_week_21plus"].entries:
        per_hour = Fraction(cents(entry.value), 38)
        edges.update(range(math.floor(per_hour) - 1, math.ceil(per_hour) + 2))
    return sorted(e for e in edges if 0 <= e <= 4000)


WAGES = _interesting_wages()


def _money(value: int) -> str:
    return str(Decimal(value) / 100)


#: Start dates where rules change or months are short.
EDGE_DAYS = [
    dt.date(2019, 1, 1),
    dt.date(2019, 1, 31),
    dt.date(2019, 8, 31),
    dt.date(2019, 12, 31),
    dt.date(2020, 2, 29),
    dt.date(2023, 12, 31),
    dt.date(2024, 1, 1),
    dt.date(2025, 12, 31),
    dt.date(2026, 1, 1),
    dt.date(2028, 7, 31),
]


@st.composite
def situation_data(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(
        st.one_of(st.dates(dt.date(2019, 1, 1), dt.date(2030, 12, 31)), st.sampled_from(EDGE_DAYS))
    )
    # 15..70 at the start, with extra weight around the AOW age
    age = draw(st.one_of(st.integers(15, 70), st.integers(63, 68), st.integers(15, 22)))
    birth = draw(st.dates(dt.date(start.year - age, 1, 1), dt.date(start.year - age, 12, 31)))
    data: dict[str, Any] = {
        "birth_date": birth.isoformat(),
        "start_date": start.isoformat(),
        "benefit": draw(st.sampled_from(list(Benefit))).value,
    }
    end: dt.date | None = None
    if draw(st.booleans()):
        days = draw(st.one_of(st.integers(0, 4200), st.integers(170, 200), st.integers(0, 40)))
        end = start + dt.timedelta(days=days)
        data["end_date"] = end.isoformat()
    contract = draw(st.sampled_from([None, "open_ended", "fixed_term"]))
    if contract == "fixed_term" and end is None:
        contract = None
    if contract is not None:
        data["contract"] = contract
    if draw(st.booleans()):
        data["hours_per_week"] = _money(draw(st.integers(1, 6000)))
    else:
        # 1248 hours: the LIV minimum
        data["hours_per_year"] = _money(
            draw(st.one_of(st.integers(1, 312000), st.sampled_from([124799, 124800])))
        )
    data["hourly_wage"] = _money(
        draw(st.one_of(st.integers(0, 4000), st.sampled_from(WAGES), st.integers(1000, 1700)))
    )
    if draw(st.booleans()):
        data["cao_hourly_wage"] = _money(draw(st.integers(0, 4000)))
    if draw(st.booleans()):
        data["loonwaarde_percentage"] = _money(
            draw(st.one_of(st.integers(0, 10000), st.sampled_from([0, 7499, 7500, 7501, 9999])))
        )
    data["benefit_weeks"] = draw(
        st.one_of(st.integers(0, 5200), st.sampled_from([0, 12, 13, 14, 51, 52, 53]))
    )
    for flag in (
        "doelgroepregister",
        "scholingsbelemmerd",
        "wia_rejected_within_5_years",
        "herplaatsing",
        "wsw_indicatie",
        "bbl_student",
        "employed_by_employer_last_6_months",
    ):
        data[flag] = draw(st.booleans())
    municipality = draw(st.none() | st.sampled_from(list(Municipality)))
    if municipality is not None:
        data["municipality"] = municipality.value
    if draw(st.booleans()):
        data["fulltime_hours_per_week"] = _money(draw(st.integers(3000, 4000)))
    return data


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    data=st.lists(situation_data(), min_size=1, max_size=20),
    as_of=st.one_of(st.just(AS_OF), st.dates(dt.date(2018, 6, 1), dt.date(2032, 12, 31))),
    chunk_size=st.integers(1, 25),
)
def test_batch_equals_scalar(data: list[dict[str, Any]], as_of: dt.date, chunk_size: int) -> None:
    situations = [parse_situation(d) for d in data]
    batch = evaluate_batch(
        SituationArrays.from_situations(situations), as_of=as_of, chunk_size=chunk_size
    )
    assert mismatches(situations, batch, as_of=as_of) == []


# -- fixed cases ---------------------------------------------------------------------------------
BASE: dict[str, Any] = {
    "birth_date": "1962-03-31",
    "start_date": "2023-01-31",
    "hours_per_week": "32",
    "hourly_wage": "14.20",
    "loonwaarde_percentage": "60",
    "benefit_weeks": 60,
    "municipality": "emmen",
}


def test_empty_batch() -> None:
    batch = evaluate_batch(SituationArrays.from_situations([]), as_of=AS_OF)
    assert len(batch) == 0
    assert set(batch.applies) == set(batch.amount_cents) == set(INSTRUMENT_CODES)
    assert all(a.shape == (0,) for a in batch.amount_cents.values())
    assert batch.total_cents.shape == (0,)


def test_one_row_per_benefit_matches_scalar_and_lays_out_the_years() -> None:
    situations = [parse_situation({**BASE, "benefit": b.value}) for b in Benefit]
    batch = evaluate_batch(SituationArrays.from_situations(situations), as_of=AS_OF)
    assert mismatches(situations, batch, as_of=AS_OF) == []
    expected_years = [list(outcome_years(s, AS_OF)) for s in situations]
    assert batch.year.tolist() == [y for years in expected_years for y in years]
    assert batch.situation_index.tolist() == [
        i for i, years in enumerate(expected_years) for _ in years
    ]
    assert batch.amount_cents["loondispensatie"].dtype == np.int64
    # not vacuous: money and provisional values come out of several instruments
    with_money = {c for c in INSTRUMENT_CODES if (batch.amount_cents[c] > 0).any()}
    assert {
        "lkv_oudere_werknemer",
        "loonkostensubsidie",
        "loondispensatie",
        "ww_premiedifferentiatie",
    } <= with_money
    # at 60 with WIA the oudere and arbeidsgehandicapte LKV are equal: the first one counts
    assert "lkv_arbeidsgehandicapte_werknemer" not in with_money
    assert batch.year_provisional.any()
    wajong = BENEFITS.index(Benefit.WAJONG)
    rows = batch.situation_index == wajong
    assert batch.applies["loondispensatie"][rows].all()


def test_the_result_does_not_depend_on_the_chunk_size() -> None:
    situations = [
        parse_situation({**BASE, "benefit": b.value, "start_date": f"{2019 + i}-0{1 + i % 9}-28"})
        for i, b in enumerate(Benefit)
    ]
    arrays = SituationArrays.from_situations(situations)
    whole = evaluate_batch(arrays, as_of=AS_OF)
    for size in (1, 2, 7):
        part = evaluate_batch(arrays, as_of=AS_OF, chunk_size=size)
        for code in INSTRUMENT_CODES:
            assert np.array_equal(whole.amount_cents[code], part.amount_cents[code])
            assert np.array_equal(whole.applies[code], part.applies[code])
            assert np.array_equal(whole.provisional[code], part.provisional[code])
        assert np.array_equal(whole.total_cents, part.total_cents)


def test_only_the_highest_lkv_applies() -> None:
    # WIA and herplaatsing and 56+ with WW-like benefit: several LKV kinds qualify
    situation = parse_situation(
        {
            **BASE,
            "birth_date": "1965-06-15",
            "benefit": "wia_wga",
            "herplaatsing": False,
            "wia_rejected_within_5_years": True,
        }
    )
    batch = evaluate_batch(SituationArrays.from_situations([situation]), as_of=AS_OF)
    lkv = [c for c in INSTRUMENT_CODES if c.startswith("lkv_")]
    applying = np.array([batch.applies[c] for c in lkv]).sum(axis=0)
    assert (applying <= 1).all()
    assert mismatches([situation], batch, as_of=AS_OF) == []


def test_aow_dates_follow_the_context_for_every_birth_day() -> None:
    params = default_parameters()
    first, last = dt.date(1955, 1, 1), dt.date(1963, 12, 31)
    days = np.arange((first - dt.date(1970, 1, 1)).days, (last - dt.date(1970, 1, 1)).days + 1)
    aow, provisional, aow_last = _aow_dates(days, _tables_for(params))
    for k in range(0, len(days), 7):  # every 7th day: all weekdays and month ends
        birth = first + dt.timedelta(days=k)
        situation = dataclasses.replace(
            parse_situation({**BASE, "benefit": "none"}), birth_date=birth
        )
        ctx = Context(situation, params)
        assert dt.date(1970, 1, 1) + dt.timedelta(days=int(aow[k])) == ctx.aow_date
        assert bool(provisional[k]) == ctx.aow_provisional
        assert dt.date(1970, 1, 1) + dt.timedelta(days=int(aow_last[k])) == ctx.aow_last_day


@example(u=1, v=1, du=1, dv=1, d2=2)  # exactly half a cent: up
@example(u=12_000_000 * 3**17, v=2**33 + 1, du=4000, dv=3000, d2=2)  # a half, two stages
@example(u=12_000_000 * 3**17, v=2**33 - 1, du=4000, dv=3000, d2=2)
@example(u=12_000_000 * 3**17 - 1, v=2**33 + 1, du=4000, dv=3000, d2=2)
@given(
    u=st.integers(0, 2**40),
    v=st.integers(0, 2**44),
    du=st.integers(1, 40_000),
    dv=st.integers(1, 4_000),
    d2=st.integers(1, 10**9),
)
def test_exact_rounding_of_large_products(u: int, v: int, du: int, dv: int, d2: int) -> None:
    """``_rhu_ratio`` rounds ``u/du · v/dv / d2`` half up exactly, also when ``u·v``
    does not fit in 64 bits (then it divides in two stages)."""
    value = Fraction(u * v, du * dv * d2)
    expected = math.floor(value + Fraction(1, 2))
    try:
        got = _rhu_ratio(np.array([u]), np.array([v]), du, dv, d2)
    except OverflowError:
        # only refused when the rounded amount itself could not be shown in 64 bits
        assert (u // du + 1) * (v // dv + 1) >= 2**62
        return
    assert int(got[0]) == expected


# -- parameters come from the ParameterSet ------------------------------------------------------
def _replace_values(params: ParameterSet, name: str, **changes: Any) -> ParameterSet:
    values = dict(params.items())
    parameter = values[name]
    entries = [
        dataclasses.replace(e, value=changes.get(e.start.isoformat(), e.value))
        for e in parameter.entries
    ]
    values[name] = dataclasses.replace(parameter, entries=entries)
    return ParameterSet(values)


def test_changed_parameters_change_the_batch_like_the_scalar_path() -> None:
    params = default_parameters()
    changed = _replace_values(
        params, "vakantiebijslag_percentage", **{"2015-01-01": Decimal("8.33")}
    )
    changed = _replace_values(
        changed, "lkv_arbeidsgehandicapte_per_uur", **{"2018-01-01": Decimal("2.51")}
    )
    wml = dict(changed.items())
    hourly = wml["wml_hour_21plus"]
    # an unknown 2026 value: from 2026 the previous one counts, as provisional
    unknown = Entry(
        dt.date(2026, 1, 1), None, hourly.entries[-1].source, hourly.entries[-1].checked, True
    )
    wml["wml_hour_21plus"] = dataclasses.replace(
        hourly,
        entries=[*(e for e in hourly.entries if e.start < dt.date(2026, 1, 1)), unknown],
        confirmed_until=dt.date(2025, 12, 31),
    )
    # jobcoach_uren_norm alone confirmed until 2024: the UWV route is provisional after
    wml["jobcoach_uren_norm"] = dataclasses.replace(
        wml["jobcoach_uren_norm"], confirmed_until=dt.date(2024, 12, 31)
    )
    changed = ParameterSet(wml)
    situations = [
        parse_situation(
            {**BASE, "birth_date": "1990-03-31", "benefit": b.value, "doelgroepregister": True}
        )
        for b in (Benefit.NONE, Benefit.WIA_WGA, Benefit.WAJONG, Benefit.BIJSTAND)
    ]
    arrays = SituationArrays.from_situations(situations)
    batch = evaluate_batch(arrays, as_of=AS_OF, params=changed)
    assert mismatches(situations, batch, as_of=AS_OF, params=changed) == []
    default = evaluate_batch(arrays, as_of=AS_OF, params=params)
    for code in ("lkv_arbeidsgehandicapte_werknemer", "loonkostensubsidie", "loondispensatie"):
        assert not np.array_equal(batch.amount_cents[code], default.amount_cents[code]), code
    lks_2026 = (batch.year == 2026) & batch.applies["loonkostensubsidie"]
    assert lks_2026.any()
    assert batch.provisional["loonkostensubsidie"][lks_2026].all()
    jobcoach_2025 = (batch.year == 2025) & batch.applies["jobcoach"]
    wia = batch.situation_index == 1
    assert batch.provisional["jobcoach"][jobcoach_2025 & wia].all()
    assert not default.provisional["jobcoach"][jobcoach_2025 & wia].any()


def test_a_parameter_without_a_value_fails_like_the_scalar_path() -> None:
    params = default_parameters()
    values = dict(params.items())
    rates = values["lkv_arbeidsgehandicapte_per_uur"]
    later = dataclasses.replace(rates.entries[0], start=dt.date(2024, 1, 1))
    values["lkv_arbeidsgehandicapte_per_uur"] = dataclasses.replace(rates, entries=[later])
    broken = ParameterSet(values)
    situation = parse_situation(
        {**BASE, "birth_date": "1990-03-31", "benefit": "wia_wga", "start_date": "2021-03-01"}
    )
    with pytest.raises(ParameterError):
        evaluate(situation, params=broken, as_of=AS_OF)
    with pytest.raises(ParameterError):
        evaluate_batch(SituationArrays.from_situations([situation]), as_of=AS_OF, params=broken)


def test_the_tables_of_a_parameter_set_do_not_keep_it_alive() -> None:
    situation = parse_situation({**BASE, "benefit": "none"})
    params = ParameterSet(dict(default_parameters().items()))
    key = id(params)
    evaluate_batch(SituationArrays.from_situations([situation]), as_of=AS_OF, params=params)
    assert key in batch_module._TABLES
    del params
    gc.collect()
    assert key not in batch_module._TABLES


def test_situation_arrays_refuse_values_outside_the_limits() -> None:
    good: dict[str, Any] = {
        "birth_date": ["1990-01-01"],
        "start_date": ["2024-01-01"],
        "hourly_wage_cents": [1500],
        "benefit": [0],
        "hours_per_week_centi": [3200],
    }
    assert len(SituationArrays.create(**good)) == 1
    with pytest.raises(ValueError, match="exactly one of hours_per_week"):
        SituationArrays.create(**good, hours_per_year_centi=[100000])
    with pytest.raises(ValueError, match="start_date"):
        SituationArrays.create(**{**good, "start_date": ["2018-12-31"]})
    with pytest.raises(ValueError, match="hourly_wage"):
        SituationArrays.create(**{**good, "hourly_wage_cents": [100001]})
    with pytest.raises(ValueError, match="unknown flags"):
        SituationArrays.create(**good, flags={"bbl": [True]})
    arrays = SituationArrays.create(**good)
    with pytest.raises(ValueError, match="benefit_weeks: expected int64, not int16"):
        dataclasses.replace(arrays, benefit_weeks=np.array([5200], dtype=np.int16))


def _both(
    data: list[dict[str, Any]], as_of: dt.date = AS_OF, params: ParameterSet | None = None
) -> tuple[list[Situation], BatchOutcome]:
    situations = [parse_situation(d) for d in data]
    arrays = SituationArrays.from_situations(situations)
    batch = evaluate_batch(arrays, as_of=as_of, params=params)
    assert mismatches(situations, batch, as_of=as_of, params=params) == []
    return situations, batch


def _at(batch: BatchOutcome, index: int, year: int, code: str) -> tuple[bool, int, bool]:
    row = int(np.flatnonzero((batch.situation_index == index) & (batch.year == year))[0])
    return (
        bool(batch.applies[code][row]),
        int(batch.amount_cents[code][row]),
        bool(batch.provisional[code][row]),
    )


def test_liv_needs_at_least_1248_hours_in_the_year() -> None:
    data = {
        "birth_date": "1980-01-01",
        "start_date": "2022-01-01",
        "hourly_wage": "11.50",  # with 8% holiday allowance inside the 2023 band
        "benefit": "none",
    }
    _, batch = _both([{**data, "hours_per_year": "1248"}, {**data, "hours_per_year": "1247.99"}])
    assert _at(batch, 0, 2023, "liv") == (True, 61152, False)  # 1248 × € 0,49
    assert _at(batch, 1, 2023, "liv") == (False, -1, False)


def test_an_aow_date_in_december_of_a_provisional_year_makes_the_lkv_provisional() -> None:
    # 67 years and 3 months on 15 December 2031: the AOW age for 2031 is not yet confirmed
    data = {
        "birth_date": "1964-09-15",
        "start_date": "2029-03-01",
        "hours_per_week": "30",
        "hourly_wage": "16.00",
        "benefit": "wia_wga",
    }
    # confirm the LKV rates far ahead, so that only the AOW age can be provisional
    values = dict(default_parameters().items())
    for name in ("lkv_arbeidsgehandicapte_per_uur", "lkv_arbeidsgehandicapte_max_per_jaar"):
        values[name] = dataclasses.replace(values[name], confirmed_until=dt.date(2040, 12, 31))
    _, batch = _both([data], as_of=dt.date(2027, 6, 1), params=ParameterSet(values))
    applies, amount, provisional = _at(batch, 0, 2031, "lkv_arbeidsgehandicapte_werknemer")
    assert applies
    assert amount > 0
    assert provisional
    assert _at(batch, 0, 2030, "lkv_arbeidsgehandicapte_werknemer")[2] is False


def test_the_compensatieregeling_needs_more_than_52_weeks_of_ww() -> None:
    data = {
        "birth_date": "1958-04-01",
        "start_date": "2019-06-01",
        "hours_per_week": "30",
        "hourly_wage": "16.00",
        "benefit": "ww",
    }
    _, batch = _both([{**data, "benefit_weeks": 52}, {**data, "benefit_weeks": 53}])
    code = "compensatieregeling_oudere_werknemers"
    assert _at(batch, 0, 2020, code) == (False, -1, False)
    assert _at(batch, 1, 2020, code) == (True, -1, False)
    assert _at(batch, 1, 2024, code)[0] is True  # five years: until 31 May 2024


def test_fixed_term_ending_in_2019_has_its_contract_actions() -> None:
    """A fixed-term job that ends in 2019 falls under the chain rule of before 2020
    (3 contracts in 24 months); the contract-end action names it."""
    situation = parse_situation(
        {**BASE, "benefit": "none", "start_date": "2019-01-01", "end_date": "2019-12-31"}
    )
    outcome = evaluate(situation, as_of=AS_OF)
    end = next(a for a in outcome.actions if a.code == "contract_einde")
    assert end.due_date == dt.date(2019, 12, 31)
    assert end.what.params["months"] == 24


# -- CSV ------------------------------------------------------------------------------------------
HEADER = "birth_date,start_date,end_date,hours_per_week,hourly_wage,benefit,loonwaarde_percentage,municipality\n"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_run_batch_csv_writes_outcomes_and_errors(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "situaties.csv",
        HEADER
        + "1966-03-10,2025-09-01,,32,15.20,ww,,emmen\n"
        + "1990-01-01,2025-13-01,,30,15.00,ww,,\n"
        + "1998-06-01,2024-02-01,2026-06-30,24,14.00,bijstand,60,hoogeveen\n"
        + "2001-01-01,2024-02-01,,24,veel,,,\n",
    )
    out = tmp_path / "uitkomsten.csv"
    summary = run_batch_csv(source, out, None, as_of=AS_OF, progress=False)
    errors = tmp_path / "uitkomsten.errors.csv"
    assert summary == (
        f"2 situaties berekend, 2 ongeldige regels (zie {errors}); 9 jaarregels in {out}."
    )
    lines = _read_csv(out)
    assert tuple(lines[0]) == OUTPUT_HEADER
    assert len(OUTPUT_HEADER) == 4 + 2 * len(INSTRUMENT_CODES)
    valid = {
        1: {"birth_date": "1966-03-10", "start_date": "2025-09-01", "hours_per_week": "32",
            "hourly_wage": "15.20", "benefit": "ww", "municipality": "emmen"},
        3: {"birth_date": "1998-06-01", "start_date": "2024-02-01", "end_date": "2026-06-30",
            "hours_per_week": "24", "hourly_wage": "14.00", "benefit": "bijstand",
            "loonwaarde_percentage": "60", "municipality": "hoogeveen"},
    }  # fmt: skip
    expected: list[list[str]] = []
    for row, data in valid.items():
        for year in evaluate(parse_situation(data), as_of=AS_OF).years:
            line = [str(row), str(year.year), year.total.as_text(), str(year.provisional).lower()]
            for item in year.instruments:
                amount = "" if item.amount is None else item.amount.as_text()
                line += [str(item.applies).lower(), amount]
            expected.append(line)
    assert lines[1:] == expected
    assert any(line[OUTPUT_HEADER.index("loonkostensubsidie_amount")] for line in lines[1:])
    error_lines = _read_csv(errors)
    assert error_lines[0] == ["row", "reason"]
    assert [line[0] for line in error_lines[1:]] == ["2", "4"]
    assert "2025-13-01 is geen geldige datum" in error_lines[1][1]
    assert error_lines[2][1] == (
        "hourly_wage: veel is geen getal.; "
        "benefit: Dit veld is verplicht. Kies uit: none, ww, bijstand, ioaw, ioaz, wia_wga, "
        "wia_iva, wao, waz, wajong, ziektewet."
    )


def test_semicolons_decimal_commas_and_a_byte_order_mark(tmp_path: Path) -> None:
    source = tmp_path / "excel.csv"
    source.write_text(
        "\ufeffbirth_date;start_date;hours_per_week;hourly_wage;benefit\n"
        "1980-05-05;2025-01-01;32,5;14,75;none\n"
        "\n"
        "1980-05-05;2025-01-01;32,5;14,75;none;extra\n",
        encoding="utf-8",
    )
    errors = tmp_path / "fouten.csv"
    summary = run_batch_csv(source, tmp_path / "out.csv", errors, as_of=AS_OF, progress=False)
    assert summary.startswith("1 situatie berekend, 1 ongeldige regel")
    assert _read_csv(errors)[1] == ["3", "Deze regel heeft 6 cellen; de kopregel heeft er 5."]
    first = _read_csv(tmp_path / "out.csv")[1]
    outcome = evaluate(
        parse_situation(
            {"birth_date": "1980-05-05", "start_date": "2025-01-01", "hours_per_week": "32.5",
             "hourly_wage": "14.75", "benefit": "none"}
        ),
        as_of=AS_OF,
    )  # fmt: skip
    assert first[:3] == ["1", "2025", outcome.years[0].total.as_text()]


def test_files_that_cannot_be_used_give_a_dutch_input_error(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    with pytest.raises(
        InputError, match="kan niet worden gelezen: het bestand of de map bestaat niet"
    ):
        run_batch_csv(tmp_path / "missing.csv", out, None, as_of=AS_OF, progress=False)
    with pytest.raises(InputError, match="geen kopregel"):
        run_batch_csv(_write(tmp_path / "empty.csv", ""), out, None, as_of=AS_OF, progress=False)
    no_header = _write(tmp_path / "data.csv", "1966-03-10,2025-09-01,,32,15.20,ww\n")
    with pytest.raises(InputError, match="kolommen die we niet kennen: '1966-03-10'"):
        run_batch_csv(no_header, out, None, as_of=AS_OF, progress=False)
    with pytest.raises(InputError, match="verschillende bestanden"):
        run_batch_csv(no_header, no_header, None, as_of=AS_OF, progress=False)


def test_the_cli_runs_a_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _write(tmp_path / "in.csv", HEADER + "1966-03-10,2025-09-01,,32,15.20,ww,,emmen\n")
    out = tmp_path / "out.csv"
    code = main(
        ["financieel-cv", "--batch", str(source), "--out", str(out), "--as-of", "2026-11-28"]
    )
    assert code == 0
    assert "1 situatie berekend, geen ongeldige regels" in capsys.readouterr().err
    assert len(_read_csv(out)) == 1 + len(evaluate(parse_situation({
        "birth_date": "1966-03-10", "start_date": "2025-09-01", "hours_per_week": "32",
        "hourly_wage": "15.20", "benefit": "ww"}), as_of=AS_OF).years)  # fmt: skip
    assert _read_csv(tmp_path / "out.errors.csv") == [["row", "reason"]]
    assert main(["financieel-cv", "--batch", str(tmp_path / "nope.csv"), "--out", str(out)]) == 2
