"""Loonkostensubsidie (Participatiewet art. 10d) and loondispensatie (Wajong), by hand.

LKS per hour = min(WML × 1.08 − loonwaarde% × functieloon × 1.08, 70% × WML × 1.08)
× 1.235 (23,5% werkgeverslasten). The WML per hour is the one on max(1 January,
start date) of the year (yearly indexation, art. 10d lid 7):

* before 2024 the weekly amount ÷ full-time hours (default 38): 2019-01-01
  € 372,90, 2019-07-01 € 377,45, 2020-01-01 € 381,60, 2021-01-01 € 388,80,
  2022-01-01 € 398,10, 2023-01-01 € 446,40;
* from 2024 per hour: € 13,27 (2024-01), € 13,68 (2024-07), € 14,06 (2025-01),
  € 14,40 (2025-07), € 14,71 (2026-01), € 14,99 (2026-07).

Under 21 the youth percentage of the WML, rounded to cents. Without a
loonwaarde: 50% × WML × 1.08 × 1.235 for the first 6 months.
Loondispensatie saving = hours × functieloon × (1 − loonwaarde%) × 1.08.
"""

from __future__ import annotations

from typing import Any

import pytest

LKS = "loonkostensubsidie"
LOONDISPENSATIE = "loondispensatie"

#: A 29-year-old with bijstand in Emmen, 32 h/week, loonwaarde 40%, wage € 15.
CANDIDATE: dict[str, Any] = {
    "birth_date": "1990-01-01",
    "start_date": "2019-01-01",
    "hours_per_week": 32,
    "hourly_wage": "15.00",
    "benefit": "bijstand",
    "municipality": "emmen",
    "loonwaarde_percentage": 40,
}


def amount(outcome: Any, year: int, code: str) -> str | None:
    item = outcome.year(year).instrument(code)
    if not item.applies:
        return None
    assert item.amount is not None
    return item.amount.as_text()


# --------------------------------------------------------------------------------------
# One rate per calendar year, 2019-2027
# --------------------------------------------------------------------------------------

# Loonwaarde 40% × € 15 × 1.08 = € 6.48 per hour in every year. Hours 32 × 365 ÷ 7 =
# 1668.571 (366-day years: 1673.143). The 70% cap does not bind in these years.
LKS_YEARS = [
    # 372.90 ÷ 38 × 1.08 = 10.598211; − 6.48 = 4.118211; × 1.235 = 5.085990/h.
    pytest.param(2019, "8486.34", False, id="2019"),
    # 381.60 ÷ 38 × 1.08 = 10.845474; − 6.48 = 4.365474; × 1.235 = 5.391360/h × 1673.143 h.
    pytest.param(2020, "9020.52", False, id="2020"),
    # 388.80 ÷ 38 × 1.08 = 11.050105; − 6.48 = 4.570105; × 1.235 = 5.644080/h.
    pytest.param(2021, "9417.55", False, id="2021"),
    # 398.10 ÷ 38 × 1.08 = 11.314421; − 6.48 = 4.834421; × 1.235 = 5.970510/h.
    pytest.param(2022, "9962.22", False, id="2022"),
    # 446.40 ÷ 38 × 1.08 = 12.687158; − 6.48 = 6.207158; × 1.235 = 7.665840/h.
    pytest.param(2023, "12791.00", False, id="2023"),
    # 13.27 × 1.08 = 14.3316; − 6.48 = 7.8516; × 1.235 = 9.696726/h × 1673.143 h.
    pytest.param(2024, "16224.01", False, id="2024"),
    # 14.06 × 1.08 = 15.1848; − 6.48 = 8.7048; × 1.235 = 10.750428/h.
    pytest.param(2025, "17937.86", False, id="2025"),
    # 14.71 × 1.08 = 15.8868; − 6.48 = 9.4068; × 1.235 = 11.617398/h.
    pytest.param(2026, "19384.46", False, id="2026"),
    # 1 January 2027: last known WML 14.99 (provisional): 16.1892 − 6.48 = 9.7092;
    # × 1.235 = 11.990862/h.
    pytest.param(2027, "20007.61", True, id="2027-provisional"),
]


@pytest.mark.parametrize(("year", "expected", "provisional"), LKS_YEARS)
def test_lks_rate_per_calendar_year(compute, year, expected, provisional):
    outcome = compute(**CANDIDATE)
    item = outcome.year(year).instrument(LKS)
    assert amount(outcome, year, LKS) == expected
    assert item.amount_kind == "payment"
    assert item.provisional is provisional


def test_lks_cap_70_percent(compute):
    """2024, loonwaarde 20% of € 10: 14.3316 − 2.16 = 12.1716 > 70% × 14.3316 = 10.03212;
    capped: 10.03212 × 1.235 = 12.3896682/h × 1673.143 h = € 20.729,68."""
    fields = {**CANDIDATE, "start_date": "2024-01-01", "hourly_wage": "10.00"}
    outcome = compute(**{**fields, "loonwaarde_percentage": 20})
    assert amount(outcome, 2024, LKS) == "20729.68"


@pytest.mark.parametrize(
    ("cao", "expected"),
    [
        # Functieloon 14.71: lw 60% × 14.71 × 1.08 = 9.53208; 15.8868 − 9.53208 = 6.35472;
        # × 1.235 = 7.8480792/h × 1668.571 h = 13095.08.
        pytest.param(None, "13095.08", id="functieloon-is-wage"),
        # CAO wage 16.00: 0.6 × 16 × 1.08 = 10.368; 15.8868 − 10.368 = 5.5188;
        # × 1.235 = 6.815718/h × 1668.571 h = 11372.51 (lower).
        pytest.param("16.00", "11372.51", id="higher-cao-wage-lowers-subsidy"),
    ],
)
def test_lks_cao_wage(compute, cao, expected):
    fields = {**CANDIDATE, "start_date": "2026-01-01", "hourly_wage": "14.71"}
    outcome = compute(**{**fields, "loonwaarde_percentage": 60, "cao_hourly_wage": cao})
    assert amount(outcome, 2026, LKS) == expected


def test_lks_nothing_when_loonwaarde_in_euros_exceeds_wml(compute):
    """Loonwaarde 95% of a € 20 CAO wage = € 20,52 with holiday pay > € 15,8868: no subsidy."""
    fields = {**CANDIDATE, "start_date": "2026-01-01", "cao_hourly_wage": "20.00"}
    outcome = compute(**{**fields, "loonwaarde_percentage": 95})
    assert amount(outcome, 2026, LKS) is None


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        # 2025-01-01, age 20: youth WML 80% × 14.06 = 11.248 -> 11.25; × 1.08 = 12.15;
        # lw 50% × 11.25 × 1.08 = 6.075; 12.15 − 6.075 = 6.075 (cap 8.505); × 1.235 =
        # 7.502625/h × 1668.571 h = 12518.67.
        pytest.param(2025, "12518.67", id="2025-age-20-youth-wml"),
        # 2026-01-01, age 21: adult 15.8868 − 6.075 = 9.8118 (cap 11.12076); × 1.235 =
        # 12.117573/h × 1668.571 h = 20219.04.
        pytest.param(2026, "20219.04", id="2026-age-21-adult-wml"),
    ],
)
def test_lks_youth_minimum_wage(compute, year, expected):
    fields = {**CANDIDATE, "birth_date": "2004-06-01", "start_date": "2025-01-01"}
    outcome = compute(**{**fields, "hourly_wage": "11.25", "loonwaarde_percentage": 50})
    assert amount(outcome, year, LKS) == expected


def test_lks_youth_before_2024_weekly_amount(compute):
    """2023, age 19: 60% × € 446,40 = € 267,84 a week ÷ 38 = 7.048421; × 1.08 = 7.612295;
    lw 50% × 8.00 × 1.08 = 4.32; diff 3.292295 (cap 5.328606); × 1.235 = 4.065984/h;
    1668.571 h -> € 6.784,38."""
    fields = {**CANDIDATE, "birth_date": "2003-06-01", "start_date": "2023-01-01"}
    outcome = compute(**{**fields, "hourly_wage": "8.00", "loonwaarde_percentage": 50})
    assert amount(outcome, 2023, LKS) == "6784.38"


@pytest.mark.parametrize(
    ("fulltime", "hours", "expected"),
    [
        # 446.40 ÷ 38 = 11.747368; × 1.08 = 12.687158; lw 50% × 12 × 1.08 = 6.48;
        # 6.207158 × 1.235 = 7.665840/h; 36 × 365 ÷ 7 = 1877.143 h -> 14389.88.
        pytest.param(None, 36, "14389.88", id="default-38-hours"),
        # 446.40 ÷ 40 = 11.16; × 1.08 = 12.0528; − 6.48 = 5.5728; × 1.235 = 6.882408/h.
        pytest.param(40, 36, "12919.26", id="fulltime-40-hours"),
    ],
)
def test_lks_before_2024_weekly_wml_divided_by_fulltime_week(compute, fulltime, hours, expected):
    fields = {**CANDIDATE, "start_date": "2023-01-01", "hourly_wage": "12.00"}
    fields.update(loonwaarde_percentage=50, hours_per_week=hours, fulltime_hours_per_week=fulltime)
    outcome = compute(**fields)
    assert amount(outcome, 2023, LKS) == expected


@pytest.mark.parametrize(
    ("start", "year", "expected"),
    [
        # Start 2025-03-01: rate on 2025-03-01 (14.06) for the rest of 2025, not 14.40 from
        # July: 15.1848 − lw 50% × 15 × 1.08 (8.10) = 7.0848 × 1.235 = 8.749728/h;
        # 306 d: 32 × 306 ÷ 7 = 1398.857 h -> 12239.62.
        pytest.param("2025-03-01", 2025, "12239.62", id="start-march-2025-uses-14.06"),
        # Start 2025-09-01: 14.40 × 1.08 = 15.552 − 8.10 = 7.452 × 1.235 = 9.20322/h;
        # 122 d: 557.714 h -> 5132.77.
        pytest.param("2025-09-01", 2025, "5132.77", id="start-sept-2025-uses-14.40"),
        # Start 2024-08-01: 13.68 × 1.08 = 14.7744 − 8.10 = 6.6744 × 1.235 = 8.242884/h;
        # 1 Aug-31 Dec = 153 d: 32 × 153 ÷ 7 = 699.429 h -> 5765.31.
        pytest.param("2024-08-01", 2024, "5765.31", id="start-aug-2024-uses-13.68"),
        # Start 2026-08-01: 14.99 × 1.08 = 16.1892 − 8.10 = 8.0892 × 1.235 = 9.990162/h;
        # 153 d: 699.429 h -> 6987.40.
        pytest.param("2026-08-01", 2026, "6987.40", id="start-aug-2026-uses-14.99"),
        # Start 2019-09-01: 377.45 ÷ 38 × 1.08 = 10.727526; lw 40% × 15 × 1.08 = 6.48;
        # 4.247526 × 1.235 = 5.245695/h; 122 d: 557.714 h -> 2925.60.
        pytest.param("2019-09-01", 2019, "2925.60", id="start-sept-2019-uses-377.45"),
    ],
)
def test_lks_rate_fixed_at_start_date_in_first_year(compute, start, year, expected):
    lw = 40 if year == 2019 else 50
    outcome = compute(**{**CANDIDATE, "start_date": start, "loonwaarde_percentage": lw})
    assert amount(outcome, year, LKS) == expected


# --------------------------------------------------------------------------------------
# Forfaitaire loonkostensubsidie (no loonwaarde yet): 50% for at most 6 months
# --------------------------------------------------------------------------------------


def test_lks_forfaitair_first_six_months_is_a_minimum(compute):
    """Start 2026-03-01: fixed 50% until 2026-08-31 (184 d): 0.5 × 14.71 × 1.08 × 1.235 =
    9.810099/h; 32 × 184 ÷ 7 = 841.143 h -> € 8.251,69, 'minimum' (rest of 2026 unknown)."""
    outcome = compute(
        **{
            **CANDIDATE,
            "start_date": "2026-03-01",
            "loonwaarde_percentage": None,
            "doelgroepregister": True,
        }
    )
    item = outcome.year(2026).instrument(LKS)
    assert item.applies is True
    assert item.amount.as_text() == "8251.69"
    assert item.amount_kind == "minimum"


def test_lks_forfaitair_later_year_applies_without_amount(compute):
    outcome = compute(
        **{
            **CANDIDATE,
            "start_date": "2026-03-01",
            "loonwaarde_percentage": None,
            "doelgroepregister": True,
        }
    )
    item = outcome.year(2027).instrument(LKS)
    assert item.applies is True
    assert item.amount is None
    assert item.amount_kind is None
    assert "needs_measurement" in [r.code for r in item.reasons]


def test_lks_forfaitair_whole_employment_is_a_payment(compute):
    """Fixed-term 2026-01-01..2026-06-30 = 181 d, all inside the 6 months:
    32 × 181 ÷ 7 = 827.429 h × 9.810099 = € 8.117,16, a payment."""
    fields = {**CANDIDATE, "start_date": "2026-01-01", "end_date": "2026-06-30"}
    outcome = compute(**{**fields, "loonwaarde_percentage": None, "doelgroepregister": True})
    item = outcome.year(2026).instrument(LKS)
    assert item.amount.as_text() == "8117.16"
    assert item.amount_kind == "payment"


@pytest.mark.parametrize(
    ("year", "expected", "kind"),
    [
        # Start 2025-10-01; 6 months to 2026-03-31. 2025: 92 d, rate 14.40:
        # 0.5 × 14.40 × 1.08 × 1.235 = 9.60336/h × 420.571 h = 4038.90 (to year end).
        pytest.param(2025, "4038.90", "payment", id="2025"),
        # 2026: 1 Jan-31 Mar = 90 d, rate 14.71: 9.810099/h × 411.429 h = 4036.16; rest unknown.
        pytest.param(2026, "4036.16", "minimum", id="2026"),
    ],
)
def test_lks_forfaitair_across_new_year(compute, year, expected, kind):
    outcome = compute(
        **{
            **CANDIDATE,
            "start_date": "2025-10-01",
            "loonwaarde_percentage": None,
            "doelgroepregister": True,
        }
    )
    item = outcome.year(year).instrument(LKS)
    assert item.amount.as_text() == expected
    assert item.amount_kind == kind


def test_lks_forfaitair_before_2024(compute):
    """2023-01-01..2023-06-30 (181 d): 0.5 × 446.40 ÷ 38 × 1.08 × 1.235 = 7.83432/h;
    32 × 181 ÷ 7 = 827.429 h -> € 6.482,34."""
    fields = {**CANDIDATE, "start_date": "2023-01-01", "end_date": "2023-06-30"}
    outcome = compute(**{**fields, "loonwaarde_percentage": None, "doelgroepregister": True})
    assert amount(outcome, 2023, LKS) == "6482.34"


@pytest.mark.parametrize(
    ("fields", "applies"),
    [
        pytest.param({"loonwaarde_percentage": 100}, False, id="loonwaarde-100"),
        pytest.param({"loonwaarde_percentage": "99.99"}, True, id="loonwaarde-99.99"),
        pytest.param({"benefit": "ww"}, False, id="ww-not-participatiewet"),
        pytest.param({"benefit": "wajong"}, False, id="wajong-not-participatiewet"),
        pytest.param({"benefit": "none"}, True, id="no-benefit-participatiewet"),
        pytest.param({"benefit": "ioaw"}, True, id="ioaw"),
    ],
)
def test_lks_who(compute, fields, applies):
    """Wage € 14,71 (the WML): loonwaarde 99,99% still leaves 0.01% of € 15,8868 per hour."""
    base = {**CANDIDATE, "start_date": "2026-01-01", "hourly_wage": "14.71"}
    outcome = compute(**{**base, **fields})
    assert outcome.year(2026).instrument(LKS).applies is applies


# --------------------------------------------------------------------------------------
# Loondispensatie
# --------------------------------------------------------------------------------------

#: Wajong, loonwaarde 60%, € 11 per hour, 24 h/week, from 2019.
WAJONG: dict[str, Any] = {
    "birth_date": "1995-01-01",
    "start_date": "2019-01-01",
    "hours_per_week": 24,
    "hourly_wage": "11.00",
    "benefit": "wajong",
    "loonwaarde_percentage": 60,
}

# Saving per hour: 11 × (1 − 0.60) × 1.08 = 4.752. Hours 24 × 365 ÷ 7 = 1251.429 -> 5946.79;
# 366-day years 1254.857 h -> 5963.08.
LOONDISPENSATIE_YEARS = [
    pytest.param(2019, "5946.79", id="2019"),
    pytest.param(2020, "5963.08", id="2020-leap"),
    pytest.param(2021, "5946.79", id="2021"),
    pytest.param(2022, "5946.79", id="2022"),
    pytest.param(2023, "5946.79", id="2023"),
    pytest.param(2024, "5963.08", id="2024-leap"),
    pytest.param(2025, "5946.79", id="2025"),
    pytest.param(2026, "5946.79", id="2026"),
]


@pytest.mark.parametrize(("year", "expected"), LOONDISPENSATIE_YEARS)
def test_loondispensatie_saving_per_year(compute, year, expected):
    outcome = compute(**WAJONG)
    item = outcome.year(year).instrument(LOONDISPENSATIE)
    assert amount(outcome, year, LOONDISPENSATIE) == expected
    assert item.amount_kind == "saving"


def test_loondispensatie_uses_cao_wage(compute):
    """CAO wage 16.00, lw 50%, 2026: 32 × 365 ÷ 7 = 1668.571 h × 16 × 0.5 × 1.08 = € 14.416,46."""
    fields = {
        **WAJONG,
        "start_date": "2026-01-01",
        "hours_per_week": 32,
        "cao_hourly_wage": "16.00",
    }
    outcome = compute(**{**fields, "loonwaarde_percentage": 50})
    assert amount(outcome, 2026, LOONDISPENSATIE) == "14416.46"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # lw 75 allowed: 2025-01-01..06-30 = 181 d: 32 × 181 ÷ 7 = 827.429 h × 14.06 × 0.25
        # × 1.08 = 3141.08; the contract is exactly 6 months (end = start + 6 months − 1 day).
        pytest.param({"loonwaarde_percentage": 75}, "3141.08", id="loonwaarde-75-six-months"),
        pytest.param({"loonwaarde_percentage": "75.01"}, None, id="loonwaarde-above-75"),
        pytest.param({"end_date": "2025-06-29"}, None, id="contract-shorter-than-6-months"),
        pytest.param({"benefit": "bijstand"}, None, id="no-wajong"),
        pytest.param({"loonwaarde_percentage": None}, None, id="no-loonwaarde"),
    ],
)
def test_loondispensatie_conditions(compute, fields, expected):
    base = {
        **WAJONG,
        "start_date": "2025-01-01",
        "end_date": "2025-06-30",
        "hours_per_week": 32,
        "hourly_wage": "14.06",
        "loonwaarde_percentage": 75,
    }
    outcome = compute(**{**base, **fields})
    assert amount(outcome, 2025, LOONDISPENSATIE) == expected


def test_lks_hours_capped_at_fulltime_week(compute):
    """Pwet art. 10d lid 4: the subsidy is scaled to the agreed hours, "maximaal de
    arbeidsduur welke ... geacht wordt een volledige dienstbetrekking te vormen".
    2026, 40 h/week with a 38-hour full-time week: count 38 × 365 ÷ 7 = 1981.429 h;
    × 11.617398/h (15.8868 − 6.48 = 9.4068 × 1.235) = € 23.019,04
    (not 2085.714 h -> € 24.230,57)."""
    fields = {**CANDIDATE, "start_date": "2026-01-01", "hours_per_week": 40}
    outcome = compute(**{**fields, "fulltime_hours_per_week": 38})
    assert amount(outcome, 2026, LKS) == "23019.04"


def test_lks_not_for_a_regular_hire_without_any_indication(compute):
    """Pwet art. 10d lid 1: LKS is for a person in the doelgroep loonkostensubsidie, i.e.
    of whom the college has established that he cannot earn the WML full-time (art. 6
    lid 1 e). A 40-year-old without a benefit, not in the register, with no loonwaarde and
    a € 15 wage gives no sign of that; the engine's own no-riskpolis and jobcoach rules do
    not count this person as LKS group either. Expected: no LKS (the engine pays
    0.5 × 14.40 × 1.08 × 1.235 = 9.60336/h × 557.714 h = € 5.355,93 in 2025)."""
    outcome = compute(
        birth_date="1985-01-01",
        start_date="2025-09-01",
        hours_per_week=32,
        hourly_wage="15.00",
        benefit="none",
    )
    assert outcome.year(2025).instrument(LKS).applies is False
