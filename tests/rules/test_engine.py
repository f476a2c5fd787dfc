"""The engine as a whole: instrument codes, outcome years, AOW dates, rounding,
provisional values and the guardrail (the outcome is about the job, not the person)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from werkpunt.rules import INSTRUMENT_CODES, default_parameters, parse_situation, to_json, to_text
from werkpunt.rules.context import Context

BASE: dict[str, Any] = {
    "birth_date": "1985-01-01",
    "start_date": "2025-09-01",
    "hours_per_week": 32,
    "hourly_wage": "15.00",
    "benefit": "none",
}

ALL_CODES = (
    "lkv_oudere_werknemer",
    "lkv_arbeidsgehandicapte_werknemer",
    "lkv_banenafspraak",
    "lkv_herplaatsing",
    "liv",
    "jeugd_liv",
    "loonkostensubsidie",
    "loondispensatie",
    "no_riskpolis",
    "compensatieregeling_oudere_werknemers",
    "proefplaatsing_uwv",
    "proefplaatsing_gemeente",
    "jobcoach",
    "praktijkleren",
    "ww_premiedifferentiatie",
    "compensatie_transitievergoeding",
)


def test_instrument_codes_in_outcome_order():
    assert ALL_CODES == INSTRUMENT_CODES


def test_every_year_lists_every_instrument_once_in_order(compute):
    outcome = compute(**BASE)
    for year in outcome.years:
        assert tuple(item.code for item in year.instruments) == INSTRUMENT_CODES
        assert all(item.year == year.year for item in year.instruments)


#: For every instrument a situation and a year in which it applies.
APPLIES = {
    "lkv_oudere_werknemer": ({"birth_date": "1966-05-01", "benefit": "ww"}, 2025),
    "lkv_arbeidsgehandicapte_werknemer": ({"benefit": "wia_wga"}, 2026),
    "lkv_banenafspraak": ({"doelgroepregister": True}, 2026),
    "lkv_herplaatsing": ({"benefit": "wia_wga", "herplaatsing": True}, 2025),
    "liv": ({"start_date": "2024-01-01", "hourly_wage": "13.50"}, 2024),
    "jeugd_liv": (
        {"birth_date": "2002-03-01", "start_date": "2023-01-01", "hourly_wage": "10.00"},
        2023,
    ),
    "loonkostensubsidie": (
        {"benefit": "bijstand", "municipality": "emmen", "loonwaarde_percentage": 50},
        2026,
    ),
    "loondispensatie": ({"benefit": "wajong", "loonwaarde_percentage": 60}, 2026),
    "no_riskpolis": ({"benefit": "wajong"}, 2030),
    "compensatieregeling_oudere_werknemers": (
        {
            "birth_date": "1960-05-01",
            "start_date": "2019-06-01",
            "benefit": "ww",
            "benefit_weeks": 60,
        },
        2024,
    ),
    "proefplaatsing_uwv": ({"benefit": "ww", "benefit_weeks": 26}, 2025),
    "proefplaatsing_gemeente": ({"benefit": "bijstand", "municipality": "coevorden"}, 2025),
    "jobcoach": ({"benefit": "wajong"}, 2027),
    "praktijkleren": ({"birth_date": "2006-03-01", "bbl_student": True}, 2026),
    "ww_premiedifferentiatie": ({}, 2026),
}


@pytest.mark.parametrize("code", [c for c in ALL_CODES if c in APPLIES])
def test_every_instrument_can_apply(compute, code):
    fields, year = APPLIES[code]
    item = compute(**{**BASE, **fields}).year(year).instrument(code)
    assert item.applies is True
    assert item.sources, "every instrument-year names its sources"


def test_transitievergoeding_is_listed_but_never_applies(compute):
    outcome = compute(**{**BASE, "benefit": "wia_wga"})
    assert not any(y.instrument("compensatie_transitievergoeding").applies for y in outcome.years)


# --------------------------------------------------------------------------------------
# Outcome years
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "years"),
    [
        # From the start year to as_of 2026 + 4 = 2030.
        pytest.param({"start_date": "2019-03-01"}, range(2019, 2031), id="from-2019"),
        pytest.param({"start_date": "2026-11-01"}, range(2026, 2031), id="start-this-year"),
        pytest.param(
            {"start_date": "2024-05-01", "end_date": "2026-06-30"},
            range(2024, 2027),
            id="to-end-year",
        ),
        pytest.param(
            {"start_date": "2029-01-01", "end_date": "2035-12-31"},
            range(2029, 2031),
            id="end-after-horizon",
        ),
        pytest.param(
            {"start_date": "2026-01-01", "as_of": "2028-02-01"},
            range(2026, 2033),
            id="as-of-2028",
        ),
    ],
)
def test_outcome_years(compute, fields, years):
    outcome = compute(**{**BASE, **fields})
    assert [y.year for y in outcome.years] == list(years)


# --------------------------------------------------------------------------------------
# AOW date (AOW art. 7a): the age of the calendar year in which it is reached
# --------------------------------------------------------------------------------------


def aow(birth: str) -> tuple[dt.date, bool]:
    situation = parse_situation({**BASE, "birth_date": birth, "start_date": "2019-01-01"})
    ctx = Context(situation, default_parameters())
    return ctx.aow_date, ctx.aow_provisional


@pytest.mark.parametrize(
    ("birth", "date", "provisional"),
    [
        pytest.param("1953-05-20", "2019-09-20", False, id="2019-66y4m"),
        pytest.param("1954-03-10", "2020-07-10", False, id="2020-66y4m"),
        pytest.param("1955-02-10", "2021-06-10", False, id="2021-66y4m"),
        pytest.param("1955-09-10", "2022-04-10", False, id="2022-66y7m"),
        # Reaches 66y7m on 2022-12-15, so the 2022 age applies (not 66y10m of 2023).
        pytest.param("1956-05-15", "2022-12-15", False, id="2022-66y7m-late-1956"),
        pytest.param("1956-08-20", "2023-06-20", False, id="2023-66y10m"),
        pytest.param("1957-10-10", "2024-10-10", False, id="2024-67y"),
        pytest.param("1958-04-30", "2025-04-30", False, id="2025-67y"),
        pytest.param("1959-06-20", "2026-06-20", False, id="2026-67y"),
        pytest.param("1960-05-01", "2027-05-01", False, id="2027-67y"),
        pytest.param("1961-05-10", "2028-08-10", False, id="2028-67y3m"),
        pytest.param("1963-06-15", "2030-09-15", False, id="2030-67y3m-confirmed"),
        # After the AOW parameter's confirmed_until (2030-12-31): provisional.
        pytest.param("1964-03-15", "2031-06-15", True, id="2031-provisional"),
    ],
)
def test_aow_date(birth, date, provisional):
    assert aow(birth) == (dt.date.fromisoformat(date), provisional)


# --------------------------------------------------------------------------------------
# Rounding, totals, provisional
# --------------------------------------------------------------------------------------


def test_half_cent_rounds_up(compute):
    """0.14 h/week for all of 2025: 0.14 × 365 ÷ 7 = 7.3 h × € 3,05 = € 22,265 -> € 22,27
    (half-up, not half-even)."""
    fields = {**BASE, "benefit": "wia_wga", "start_date": "2025-01-01", "hours_per_week": "0.14"}
    item = compute(**fields).year(2025).instrument("lkv_arbeidsgehandicapte_werknemer")
    assert item.amount.as_text() == "22.27"


def test_year_total_sums_what_applies(compute):
    """56+ with WW, hired 2023-03-01, open-ended, € 15: 2023 = LKV 1398.857 h × € 3,05
    (€ 4.266,51) + lage WW-premie 1398.857 h × € 15 × 1.08 × 5% (€ 1.133,07) = € 5.399,58."""
    outcome = compute(
        **{**BASE, "birth_date": "1966-05-01", "benefit": "ww", "start_date": "2023-03-01"}
    )
    assert outcome.year(2023).total.as_text() == "5399.58"
    assert outcome.total == sum(y.total for y in outcome.years)


def test_year_provisional_after_confirmed_values(compute):
    """LKV and WW-premie values are confirmed until 2026-12-31."""
    outcome = compute(**{**BASE, "benefit": "wia_wga", "start_date": "2025-01-01"})
    assert outcome.year(2026).provisional is False
    assert outcome.year(2027).provisional is True


# --------------------------------------------------------------------------------------
# Guardrail: about the job, never a ranking or judgement of the person
# --------------------------------------------------------------------------------------

FORBIDDEN_KEYS = {"score", "rank", "ranking", "rating", "judgement", "judgment"}


def all_keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        keys = set(value)
        for item in value.values():
            keys |= all_keys(item)
        return keys
    if isinstance(value, list):
        return set().union(*(all_keys(item) for item in value)) if value else set()
    return set()


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"birth_date": "1966-05-01", "benefit": "ww"}, id="older-ww"),
        pytest.param(
            {"benefit": "bijstand", "municipality": "emmen", "loonwaarde_percentage": 40},
            id="lks",
        ),
        pytest.param({"benefit": "wajong", "doelgroepregister": True}, id="register"),
    ],
)
def test_json_has_no_ranking_or_score(compute, fields):
    data = to_json(compute(**{**BASE, **fields}))
    keys = {key.lower() for key in all_keys(data)}
    assert not keys & FORBIDDEN_KEYS
    assert not any("score" in key or "rank" in key for key in keys)


def test_notice_says_it_is_about_the_job(compute):
    outcome = compute(**BASE)
    notice = to_json(outcome)["notice"]
    assert "over de baan" in notice
    assert "niet over de waarde van een persoon" in notice
    assert notice in to_text(outcome)
