"""Proefplaatsing, jobcoach, praktijkleren and the WW-premie, by hand.

* Proefplaatsing UWV: UWV benefit, contract of at least 6 months afterwards,
  with WW at least 3 months unemployed; shown in the start year.
* Proefplaatsing gemeente: municipal benefit; the duration is up to the
  municipality (unknown for the six Drenthe municipalities).
* Jobcoach: UWV route (Wajong, WIA/WAO/WAZ, register with a UWV benefit) or
  gemeente route (Participatiewet with register or loonkostensubsidie).
* Praktijkleren: bbl; study year ending 31 July; at most € 2.700; the scheme
  runs to the study year 2027/2028.
* WW-premie: open-ended contracts (and bbl, and under-21s with at most 52 hours
  a month) pay the low AWf premium, 5 percentage points below the high one
  (2020: 2,94/7,94; 2021: 2,70/7,70 and 0,34/5,34 from August; 2022 2,70/7,70;
  2023-2024 2,64/7,64; 2025-2026 2,74/7,74). Saving = hours × wage × 1.08 × 5%.
  Not yet in 2019.
"""

from __future__ import annotations

from typing import Any

import pytest

PROEF_UWV = "proefplaatsing_uwv"
PROEF_GEMEENTE = "proefplaatsing_gemeente"
JOBCOACH = "jobcoach"
PRAKTIJKLEREN = "praktijkleren"
WW_PREMIE = "ww_premiedifferentiatie"

WORKER: dict[str, Any] = {
    "birth_date": "1985-01-01",
    "start_date": "2025-09-01",
    "hours_per_week": 32,
    "hourly_wage": "15.00",
    "benefit": "none",
}


def reason_codes(item: Any) -> dict[str, bool | None]:
    return {r.code: r.met for r in item.reasons}


# --------------------------------------------------------------------------------------
# Proefplaatsing UWV
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "applies"),
    [
        # Start 2025-09-01; 3 months earlier is 2025-06-01.
        pytest.param({"benefit": "ww", "benefit_weeks": 20}, True, id="ww-20-weeks"),
        # 14 weeks before = 2025-05-26 <= 2025-06-01.
        pytest.param({"benefit": "ww", "benefit_weeks": 14}, True, id="ww-14-weeks"),
        # 13 weeks before = 2025-06-02: less than 3 months.
        pytest.param({"benefit": "ww", "benefit_weeks": 13}, False, id="ww-13-weeks-too-short"),
        pytest.param({"benefit": "wia_wga"}, True, id="wia-no-waiting"),
        pytest.param({"benefit": "wajong"}, True, id="wajong"),
        pytest.param({"benefit": "ziektewet"}, True, id="ziektewet"),
        pytest.param({"benefit": "bijstand"}, False, id="bijstand-is-gemeente"),
        pytest.param({"benefit": "none"}, False, id="no-benefit"),
        # Contract afterwards must be >= 6 months: 2025-09-01..2026-02-28 is exactly 6.
        pytest.param(
            {"benefit": "wia_wga", "end_date": "2026-02-28"}, True, id="contract-6-months"
        ),
        pytest.param(
            {"benefit": "wia_wga", "end_date": "2026-02-27"}, False, id="contract-too-short"
        ),
    ],
)
def test_proefplaatsing_uwv(compute, fields, applies):
    outcome = compute(**{**WORKER, **fields})
    assert outcome.year(2025).instrument(PROEF_UWV).applies is applies


def test_proefplaatsing_uwv_only_in_start_year(compute):
    outcome = compute(**{**WORKER, "benefit": "wia_wga"})
    assert outcome.year(2026).instrument(PROEF_UWV).applies is False


@pytest.mark.parametrize(
    ("fields", "applies", "duration_reason"),
    [
        pytest.param(
            {"benefit": "bijstand", "municipality": "emmen"}, True, "duration_unknown", id="emmen"
        ),
        pytest.param(
            {"benefit": "ioaw", "municipality": "de-wolden"},
            True,
            "duration_unknown",
            id="ioaw-de-wolden",
        ),
        pytest.param({"benefit": "bijstand"}, True, "municipality", id="no-municipality-chosen"),
        pytest.param({"benefit": "ww", "municipality": "emmen"}, False, None, id="ww-not-gemeente"),
    ],
)
def test_proefplaatsing_gemeente(compute, fields, applies, duration_reason):
    item = compute(**{**WORKER, **fields}).year(2025).instrument(PROEF_GEMEENTE)
    assert item.applies is applies
    assert item.amount is None
    if duration_reason is not None:
        assert reason_codes(item)[duration_reason] is None


def test_proefplaatsing_gemeente_says_municipality_decides(compute):
    item = (
        compute(**{**WORKER, "benefit": "bijstand", "municipality": "emmen"})
        .year(2025)
        .instrument(PROEF_GEMEENTE)
    )
    texts = [r.text.render("nl") for r in item.reasons]
    assert any("De gemeente bepaalt hoe lang" in text for text in texts)


# --------------------------------------------------------------------------------------
# Jobcoach
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "route"),
    [
        pytest.param({"benefit": "wajong"}, "route_uwv", id="wajong-uwv"),
        pytest.param({"benefit": "wia_wga"}, "route_uwv", id="wia-uwv"),
        pytest.param({"benefit": "ww", "doelgroepregister": True}, "route_uwv", id="ww-register"),
        pytest.param(
            {"benefit": "bijstand", "loonwaarde_percentage": 60},
            "route_gemeente",
            id="bijstand-lks-gemeente",
        ),
        pytest.param(
            {"benefit": "none", "doelgroepregister": True}, "route_gemeente", id="register-gemeente"
        ),
        pytest.param({"benefit": "ww"}, None, id="ww-no-jobcoach"),
        pytest.param({"benefit": "bijstand"}, None, id="bijstand-no-lks-no-register"),
    ],
)
def test_jobcoach_route(compute, fields, route):
    item = compute(**{**WORKER, **fields}).year(2026).instrument(JOBCOACH)
    assert item.applies is (route is not None)
    assert item.amount is None
    if route is not None:
        assert route in reason_codes(item)


def test_jobcoach_hours_norm_by_year_after_start(compute):
    """UWV norm: year 1 at most 15%, year 2 7,5%, year 3 6% of the hours; none after."""
    outcome = compute(**{**WORKER, "benefit": "wajong"})
    norms = {
        y.year: [
            r.text.render("nl") for r in y.instrument(JOBCOACH).reasons if r.code == "hours_norm"
        ]
        for y in outcome.years
    }
    assert "15%" in norms[2025][0]
    assert "7,5%" in norms[2026][0]
    assert "6%" in norms[2027][0]
    assert norms[2028] == []


# --------------------------------------------------------------------------------------
# Praktijkleren
# --------------------------------------------------------------------------------------

BBL: dict[str, Any] = {**WORKER, "birth_date": "2005-03-01", "bbl_student": True}


@pytest.mark.parametrize(
    ("year", "expected", "provisional"),
    [
        # bbl from 2019-01-01: study years ending 31 July 2019 ... 2028 each up to € 2.700.
        pytest.param(2019, "2700.00", False, id="sy-2018-2019"),
        pytest.param(2020, "2700.00", False, id="sy-2019-2020"),
        pytest.param(2021, "2700.00", False, id="sy-2020-2021"),
        pytest.param(2022, "2700.00", False, id="sy-2021-2022"),
        pytest.param(2023, "2700.00", False, id="sy-2022-2023"),
        pytest.param(2024, "2700.00", False, id="sy-2023-2024"),
        pytest.param(2025, "2700.00", False, id="sy-2024-2025"),
        pytest.param(2026, "2700.00", False, id="sy-2025-2026"),
        # 2027-07-31 is after the amount's confirmed_until (2026-12-31).
        pytest.param(2027, "2700.00", True, id="sy-2026-2027-provisional"),
        pytest.param(2028, "2700.00", True, id="sy-2027-2028-last"),
        pytest.param(2029, None, False, id="scheme-ended"),
    ],
)
def test_praktijkleren_per_study_year(compute, year, expected, provisional):
    fields = {**BBL, "birth_date": "2001-03-01", "start_date": "2019-01-01"}
    outcome = compute(**fields)
    item = outcome.year(year).instrument(PRAKTIJKLEREN)
    assert (item.amount.as_text() if item.applies else None) == expected
    assert item.provisional is provisional
    if expected is not None:
        assert item.amount_kind == "maximum"


@pytest.mark.parametrize(
    ("fields", "year", "applies"),
    [
        # Start 2025-09-01: the study year ending 2025-07-31 is before the start.
        pytest.param({}, 2025, False, id="study-year-before-start"),
        pytest.param({}, 2026, True, id="study-year-2025-2026"),
        pytest.param({"bbl_student": False}, 2026, False, id="not-bbl"),
        # Contract ended 2026-07-31, the last day of the study year 2025/26: it still counts.
        pytest.param({"end_date": "2026-07-31"}, 2026, True, id="ended-at-study-year-end"),
    ],
)
def test_praktijkleren_conditions(compute, fields, year, applies):
    outcome = compute(**{**BBL, **fields})
    assert outcome.year(year).instrument(PRAKTIJKLEREN).applies is applies


# --------------------------------------------------------------------------------------
# WW-premie: premiedifferentiatie
# --------------------------------------------------------------------------------------

OPEN: dict[str, Any] = {**WORKER, "start_date": "2019-01-01", "hours_per_week": 36}

# 36 h/week at € 15: 365-day year 36 × 365 ÷ 7 = 1877.143 h × 15 × 1.08 × 5% = 1520.486;
# 366-day year 1882.286 h -> 1524.651.
WW_YEARS = [
    pytest.param(2019, None, False, id="2019-not-yet"),
    pytest.param(2020, "1524.65", False, id="2020-2.94-7.94"),
    pytest.param(2021, "1520.49", False, id="2021-2.70-7.70"),
    pytest.param(2022, "1520.49", False, id="2022"),
    pytest.param(2023, "1520.49", False, id="2023-2.64-7.64"),
    pytest.param(2024, "1524.65", False, id="2024"),
    pytest.param(2025, "1520.49", False, id="2025-2.74-7.74"),
    pytest.param(2026, "1520.49", False, id="2026"),
    pytest.param(2027, "1520.49", True, id="2027-provisional"),
]


@pytest.mark.parametrize(("year", "expected", "provisional"), WW_YEARS)
def test_ww_premie_open_ended_saving(compute, year, expected, provisional):
    outcome = compute(**OPEN)
    item = outcome.year(year).instrument(WW_PREMIE)
    assert (item.amount.as_text() if item.applies else None) == expected
    assert item.provisional is provisional
    if expected is not None:
        assert item.amount_kind == "saving"


def test_ww_premie_august_2021_rates_also_differ_by_5_points(compute):
    """Start 2021-08-01 (0,34% / 5,34%): 153 d; 36 × 153 ÷ 7 = 786.857 h × 15 × 1.08 × 5%
    = € 637,35."""
    outcome = compute(**{**OPEN, "start_date": "2021-08-01"})
    assert outcome.year(2021).instrument(WW_PREMIE).amount.as_text() == "637.35"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param(
            {"contract": "fixed_term", "end_date": "2026-12-31"}, None, id="fixed-term-high"
        ),
        # bbl, fixed term, from 2025-09-01 at € 8, 32 h: 122 d; 557.714 h × 8 × 1.08 × 5% = 240.93.
        pytest.param(
            {
                "birth_date": "2006-03-01",
                "bbl_student": True,
                "contract": "fixed_term",
                "end_date": "2026-08-31",
                "hourly_wage": "8.00",
                "hours_per_week": 32,
                "start_date": "2025-09-01",
            },
            "240.93",
            id="bbl-always-low",
        ),
    ],
)
def test_ww_premie_contract_kind(compute, fields, expected):
    outcome = compute(**{**OPEN, "start_date": "2025-01-01", **fields})
    item = outcome.year(2025).instrument(WW_PREMIE)
    assert (item.amount.as_text() if item.applies else None) == expected


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        # 19 years old, fixed term, 12 h/week × 52 ÷ 12 = 52 h a month (<= 52): low premium;
        # 2026: 12 × 365 ÷ 7 = 625.714 h × 10 × 1.08 × 5% = 337.886.
        pytest.param(12, "337.89", id="young-52-hours-a-month"),
        # 12.5 h/week = 54.17 h a month: high premium.
        pytest.param("12.5", None, id="young-over-52-hours"),
    ],
)
def test_ww_premie_young_small_job(compute, hours, expected):
    fields = {
        **WORKER,
        "birth_date": "2007-01-01",
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "contract": "fixed_term",
        "hourly_wage": "10.00",
        "hours_per_week": hours,
    }
    item = compute(**fields).year(2026).instrument(WW_PREMIE)
    assert (item.amount.as_text() if item.applies else None) == expected
