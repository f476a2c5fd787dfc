"""Loonkostenvoordelen (Wtl hoofdstuk 2), with amounts computed by hand.

Hours rule: paid hours in a year = hours per week × days employed (within the
LKV period) ÷ 7. Amount = hours × rate, rounded half-up to cents, then capped.
Parameters (parameters/loonkostenvoordeel.yaml):

* oudere werknemer € 3,05 / max € 6.000 (employment from before 2024, whole
  3-year term); from 2024: € 3,05 for 2024 hours, € 1,35 / max € 2.600 for
  2025 hours, nothing after 31-12-2025 (Wtl art. 2.5, 6.2a);
* arbeidsgehandicapte € 3,05 / € 6.000, 3 years; herplaatsing € 3,05 /
  € 6.000, 1 year; banenafspraak € 1,01 / € 2.000, 3 years until 2025 and
  open-ended for the register from 2026 (art. 2.10-2.13, 6.2);
* the period runs to the end of the aangiftetijdvak (month) in which it ends
  (art. 2.4 lid 2), and stops after the month in which the day before the AOW
  date falls.
"""

from __future__ import annotations

from typing import Any

import pytest

OUDERE = "lkv_oudere_werknemer"
ARBEIDSGEHANDICAPTE = "lkv_arbeidsgehandicapte_werknemer"
BANENAFSPRAAK = "lkv_banenafspraak"
HERPLAATSING = "lkv_herplaatsing"
LKV_CODES = (OUDERE, ARBEIDSGEHANDICAPTE, BANENAFSPRAAK, HERPLAATSING)

#: A 56-year-old (at a 2023-2025 start) with WW, 32 h/week.
OLDER: dict[str, Any] = {
    "birth_date": "1966-05-01",
    "hours_per_week": 32,
    "hourly_wage": "15.00",
    "benefit": "ww",
}
#: A 44-year-old with a WIA (WGA) benefit.
DISABLED: dict[str, Any] = {
    "birth_date": "1980-01-01",
    "hours_per_week": 24,
    "hourly_wage": "15.00",
    "benefit": "wia_wga",
}
#: A 30-year-old in the doelgroepregister without a benefit.
REGISTER: dict[str, Any] = {
    "birth_date": "1995-02-01",
    "hours_per_week": 30,
    "hourly_wage": "14.00",
    "benefit": "none",
    "doelgroepregister": True,
}


def lkv_paid(outcome: Any, year: int) -> dict[str, str]:
    """The LKV kinds that are paid in ``year``, with the amount in euros."""
    return {
        item.code: item.amount.as_text()
        for item in outcome.year(year).instruments
        if item.code in LKV_CODES and item.applies
    }


def expect(code: str, amount: str | None) -> dict[str, str]:
    return {} if amount is None else {code: amount}


# --------------------------------------------------------------------------------------
# LKV oudere werknemer: the transition by start year
# --------------------------------------------------------------------------------------

OUDERE_BY_START = [
    # Started 1 March 2023 (before 2024): € 3,05 for the whole term 2023-03-01..2026-02-28.
    # 32 × 306 d ÷ 7 = 1398.857 h × 3.05 = 4266.514
    pytest.param("2023-03-01", 2023, "4266.51", id="pre2024-start-2023"),
    # 32 × 366 ÷ 7 = 1673.143 h × 3.05 = 5103.086
    pytest.param("2023-03-01", 2024, "5103.09", id="pre2024-2024-leap"),
    # 32 × 365 ÷ 7 = 1668.571 h × 3.05 = 5089.143
    pytest.param("2023-03-01", 2025, "5089.14", id="pre2024-keeps-3.05-in-2025"),
    # 1 Jan-28 Feb = 59 d: 32 × 59 ÷ 7 = 269.714 h × 3.05 = 822.629
    pytest.param("2023-03-01", 2026, "822.63", id="pre2024-keeps-3.05-in-2026"),
    pytest.param("2023-03-01", 2027, None, id="pre2024-term-over"),
    # Started 1 March 2024: € 3,05 for 2024, € 1,35 for 2025, nothing from 2026.
    # 306 d: 1398.857 h × 3.05
    pytest.param("2024-03-01", 2024, "4266.51", id="start2024-3.05-in-2024"),
    # 1668.571 h × 1.35 = 2252.571
    pytest.param("2024-03-01", 2025, "2252.57", id="start2024-1.35-in-2025"),
    pytest.param("2024-03-01", 2026, None, id="start2024-nothing-in-2026"),
    # Started in 2026: abolished for new employment.
    pytest.param("2026-01-05", 2026, None, id="start2026-abolished"),
    pytest.param("2026-01-05", 2027, None, id="start2026-abolished-2027"),
    # Boundaries of the transition (Wtl art. 6.2a: "aangevangen voor 1 januari 2024").
    # 1668.571 h × 3.05
    pytest.param("2023-12-31", 2025, "5089.14", id="start-31-dec-2023-old-amount"),
    # term to 2026-12-30, stretched to 2026-12-31
    pytest.param("2023-12-31", 2026, "5089.14", id="start-31-dec-2023-runs-through-2026"),
    # 1668.571 h × 1.35
    pytest.param("2024-01-01", 2025, "2252.57", id="start-1-jan-2024-phase-out"),
    # 32 × 1 ÷ 7 = 4.571 h × 1.35 = 6.171
    pytest.param("2025-12-31", 2025, "6.17", id="start-31-dec-2025-one-day"),
    pytest.param("2026-01-01", 2026, None, id="start-1-jan-2026-abolished"),
]


@pytest.mark.parametrize(("start", "year", "amount"), OUDERE_BY_START)
def test_lkv_oudere_by_start_year(compute, start, year, amount):
    outcome = compute(**OLDER, start_date=start)
    assert lkv_paid(outcome, year) == expect(OUDERE, amount)


def test_lkv_oudere_started_2025_gets_1_35_only_in_2025(compute):
    """Start 1 Feb 2025, 24 h/week, bijstand: 1 Feb-31 Dec = 334 days;
    24 × 334 ÷ 7 = 1145.143 h × € 1,35 = € 1.545,94. Nothing in 2026."""
    outcome = compute(
        **{**OLDER, "hours_per_week": 24, "benefit": "bijstand"}, start_date="2025-02-01"
    )
    assert lkv_paid(outcome, 2025) == {OUDERE: "1545.94"}
    assert lkv_paid(outcome, 2026) == {}


@pytest.mark.parametrize(
    ("year", "amount"),
    [
        # Start 2019-01-01, 24 h/week; term 2019-01-01..2021-12-31.
        # 24 × 365 ÷ 7 = 1251.429 h × 3.05 = 3816.857
        pytest.param(2019, "3816.86", id="2019"),
        # 24 × 366 ÷ 7 = 1254.857 h × 3.05 = 3827.314
        pytest.param(2020, "3827.31", id="2020-leap"),
        pytest.param(2021, "3816.86", id="2021"),
        pytest.param(2022, None, id="2022-term-over"),
    ],
)
def test_lkv_oudere_2019_hire_runs_three_calendar_years(compute, year, amount):
    fields = {**OLDER, "birth_date": "1960-05-01", "hours_per_week": 24}
    outcome = compute(**fields, start_date="2019-01-01")
    assert lkv_paid(outcome, year) == expect(OUDERE, amount)


def test_lkv_oudere_2022_hire(compute):
    """Start 2022-01-01 at 61, 24 h/week: 2022 = 1251.429 h × € 3,05 = € 3.816,86."""
    fields = {**OLDER, "birth_date": "1960-05-01", "hours_per_week": 24}
    outcome = compute(**fields, start_date="2022-01-01")
    assert lkv_paid(outcome, 2022) == {OUDERE: "3816.86"}


def test_lkv_oudere_2024_hire_cap_2600_in_2025(compute):
    """40 h/week: 40 × 365 ÷ 7 = 2085.714 h × € 1,35 = € 2.815,71 > € 2.600 cap."""
    outcome = compute(**{**OLDER, "hours_per_week": 40}, start_date="2024-03-01")
    assert lkv_paid(outcome, 2025) == {OUDERE: "2600.00"}


def test_lkv_oudere_pre2024_hire_cap_6000(compute):
    """40 h/week in 2025: 2085.714 h × € 3,05 = € 6.361,43 > € 6.000 cap."""
    outcome = compute(**{**OLDER, "hours_per_week": 40}, start_date="2023-03-01")
    assert lkv_paid(outcome, 2025) == {OUDERE: "6000.00"}


# Start 1 March 2025, 32 h/week: 1 Mar-31 Dec = 306 d; 32 × 306 ÷ 7 = 1398.857 h × 1.35 = 1888.457.
AGE_CASES = [
    pytest.param("1969-03-01", "1888.46", id="56-on-start-day"),
    pytest.param("1969-03-02", None, id="55-turns-56-next-day"),
    pytest.param("1960-01-01", "1888.46", id="65"),
]


@pytest.mark.parametrize(("birth", "amount"), AGE_CASES)
def test_lkv_oudere_age_56_at_start(compute, birth, amount):
    outcome = compute(**{**OLDER, "birth_date": birth}, start_date="2025-03-01")
    assert lkv_paid(outcome, 2025) == expect(OUDERE, amount)


@pytest.mark.parametrize(
    ("benefit", "amount"),
    [
        pytest.param("ww", "1888.46", id="ww"),
        pytest.param("bijstand", "1888.46", id="bijstand"),
        pytest.param("ioaw", "1888.46", id="ioaw"),
        pytest.param("ioaz", "1888.46", id="ioaz"),
        pytest.param("wajong", "1888.46", id="wajong"),
        pytest.param("ziektewet", None, id="ziektewet-not-listed"),
        pytest.param("none", None, id="no-benefit"),
    ],
)
def test_lkv_oudere_benefit_in_month_before_start(compute, benefit, amount):
    """Wtl art. 2.2 lid 1 a lists WW, WIA, WAO, Wajong, WAZ, Participatiewet, IOAW,
    IOAZ (not Ziektewet). Start 2025-03-01, 56 years: 1398.857 h × € 1,35."""
    outcome = compute(
        **{**OLDER, "birth_date": "1969-03-01", "benefit": benefit}, start_date="2025-03-01"
    )
    assert lkv_paid(outcome, 2025) == expect(OUDERE, amount)


def test_lkv_oudere_not_when_employed_by_employer_in_last_6_months(compute):
    outcome = compute(**OLDER, start_date="2023-03-01", employed_by_employer_last_6_months=True)
    assert all(lkv_paid(outcome, year) == {} for year in range(2023, 2031))


def test_lkv_oudere_with_disability_benefit_counts_too(compute):
    """A WAO benefit counts for the oudere LKV as well; pre-2024 hire, equal
    € 3,05 amounts: the oudere LKV (listed first in the law) is the one paid."""
    outcome = compute(**{**OLDER, "benefit": "wao"}, start_date="2023-03-01")
    assert lkv_paid(outcome, 2024) == {OUDERE: "5103.09"}


# --------------------------------------------------------------------------------------
# Term: three years (one for herplaatsing), stretched to the end of the month
# --------------------------------------------------------------------------------------


def test_term_stretched_to_end_of_month(compute):
    """Start 2023-03-15: 3 years end 2026-03-14, stretched to 2026-03-31.
    2026: 1 Jan-31 Mar = 90 d; 32 × 90 ÷ 7 = 411.429 h × € 3,05 = € 1.254,86
    (without the stretch 73 days would give € 1.017,83)."""
    outcome = compute(**OLDER, start_date="2023-03-15")
    assert lkv_paid(outcome, 2026) == {OUDERE: "1254.86"}


def test_term_starting_on_first_of_month_ends_day_before(compute):
    """Start 2023-03-01: term ends 2026-02-28 (already a month end); March 2026 is out.
    2026: 59 d × 32 ÷ 7 = 269.714 h × € 3,05 = € 822,63."""
    outcome = compute(**OLDER, start_date="2023-03-01")
    item = outcome.year(2026).instrument(OUDERE)
    assert item.amount is not None
    assert item.amount.as_text() == "822.63"
    assert "term_end" in [r.code for r in item.reasons]


# --------------------------------------------------------------------------------------
# LKV arbeidsgehandicapte werknemer
# --------------------------------------------------------------------------------------

ARBEIDSGEHANDICAPTE_YEARS = [
    # 24 h/week: 365-day year 1251.429 h × 3.05 = 3816.857; 366-day 1254.857 h × 3.05 = 3827.314
    pytest.param("2019-01-01", 2019, "3816.86", id="hire2019-2019"),
    pytest.param("2019-01-01", 2020, "3827.31", id="hire2019-2020"),
    pytest.param("2019-01-01", 2021, "3816.86", id="hire2019-2021"),
    pytest.param("2019-01-01", 2022, None, id="hire2019-2022-over"),
    pytest.param("2022-01-01", 2022, "3816.86", id="hire2022-2022"),
    pytest.param("2022-01-01", 2023, "3816.86", id="hire2022-2023"),
    pytest.param("2022-01-01", 2024, "3827.31", id="hire2022-2024"),
    pytest.param("2022-01-01", 2025, None, id="hire2022-2025-over"),
    pytest.param("2025-01-01", 2025, "3816.86", id="hire2025-2025"),
    pytest.param("2025-01-01", 2026, "3816.86", id="hire2025-2026"),
]


@pytest.mark.parametrize(("start", "year", "amount"), ARBEIDSGEHANDICAPTE_YEARS)
def test_lkv_arbeidsgehandicapte_by_year(compute, start, year, amount):
    outcome = compute(**DISABLED, start_date=start)
    assert lkv_paid(outcome, year) == expect(ARBEIDSGEHANDICAPTE, amount)


@pytest.mark.parametrize(
    ("year", "amount"),
    [
        # Start 2024-06-10, 20 h/week; 3 years end 2027-06-09, stretched to 2027-06-30.
        # 10 Jun-31 Dec 205 d: 585.714 h × 3.05
        pytest.param(2024, "1786.43", id="2024"),
        # 20 × 365 ÷ 7 = 1042.857 h × 3.05
        pytest.param(2025, "3180.71", id="2025"),
        pytest.param(2026, "3180.71", id="2026"),
        # 181 d: 517.143 h × 3.05
        pytest.param(2027, "1577.29", id="2027-ends-mid-year"),
        pytest.param(2028, None, id="2028"),
    ],
)
def test_lkv_arbeidsgehandicapte_term_ending_mid_year(compute, year, amount):
    outcome = compute(**{**DISABLED, "hours_per_week": 20}, start_date="2024-06-10")
    assert lkv_paid(outcome, year) == expect(ARBEIDSGEHANDICAPTE, amount)


@pytest.mark.parametrize(
    ("fields", "amount"),
    [
        pytest.param({"benefit": "wia_wga"}, "3816.86", id="wia-wga"),
        pytest.param({"benefit": "wia_iva"}, "3816.86", id="wia-iva"),
        pytest.param({"benefit": "wao"}, "3816.86", id="wao"),
        pytest.param({"benefit": "waz"}, "3816.86", id="waz"),
        pytest.param(
            {"benefit": "none", "wia_rejected_within_5_years": True},
            "3816.86",
            id="wia-rejected-within-5-years",
        ),
        pytest.param({"benefit": "wajong"}, None, id="wajong-not-this-lkv"),
        pytest.param({"benefit": "ww"}, None, id="ww"),
        pytest.param({"benefit": "none"}, None, id="none"),
        pytest.param(
            {"benefit": "wia_wga", "employed_by_employer_last_6_months": True},
            None,
            id="employed-last-6-months",
        ),
    ],
)
def test_lkv_arbeidsgehandicapte_groups(compute, fields, amount):
    """Start 2025-01-01, 24 h/week: 1251.429 h × € 3,05 = € 3.816,86."""
    outcome = compute(**{**DISABLED, **fields}, start_date="2025-01-01")
    assert lkv_paid(outcome, 2025) == expect(ARBEIDSGEHANDICAPTE, amount)


def test_lkv_arbeidsgehandicapte_cap_6000(compute):
    """40 h/week full year: 40 × 365 ÷ 7 = 2085.714 h × € 3,05 = € 6.361,43 > € 6.000."""
    outcome = compute(**{**DISABLED, "hours_per_week": 40}, start_date="2025-01-01")
    item = outcome.year(2026).instrument(ARBEIDSGEHANDICAPTE)
    assert item.amount.as_text() == "6000.00"
    assert "cap" in [r.code for r in item.reasons]


def test_lkv_stops_at_contract_end(compute):
    """Fixed term 2025-01-01..2025-06-30 (181 d): 24 × 181 ÷ 7 = 620.571 h × € 3,05 =
    € 1.892,74; the outcome ends with 2025."""
    outcome = compute(**DISABLED, start_date="2025-01-01", end_date="2025-06-30")
    assert lkv_paid(outcome, 2025) == {ARBEIDSGEHANDICAPTE: "1892.74"}
    assert [y.year for y in outcome.years] == [2025]


def test_lkv_hours_per_year(compute):
    """1560 h/year, start 2025-07-01: 1 Jul-31 Dec = 184 d; 1560 × 184 ÷ 365 = 786.411 h;
    × € 3,05 = € 2.398,55."""
    fields = {**DISABLED, "hours_per_week": None, "hours_per_year": 1560}
    outcome = compute(**fields, start_date="2025-07-01")
    assert lkv_paid(outcome, 2025) == {ARBEIDSGEHANDICAPTE: "2398.55"}


def test_lkv_after_confirmed_until_is_provisional(compute):
    """The LKV amounts are confirmed until 2026-12-31: 2027 is provisional, 2026 not."""
    outcome = compute(**{**DISABLED, "hours_per_week": 20}, start_date="2024-06-10")
    assert outcome.year(2026).instrument(ARBEIDSGEHANDICAPTE).provisional is False
    assert outcome.year(2027).instrument(ARBEIDSGEHANDICAPTE).provisional is True


# --------------------------------------------------------------------------------------
# LKV banenafspraak (and scholingsbelemmerden until 2025)
# --------------------------------------------------------------------------------------

BANENAFSPRAAK_CASES = [
    # Register, hired 2021-05-10, 30 h/week; term ends 2024-05-09 -> 2024-05-31.
    # 236 d: 30 × 236 ÷ 7 = 1011.429 h × 1.01 = 1021.543
    pytest.param({}, "2021-05-10", 2021, "1021.54", id="2021-hire-2021"),
    # 1 Jan-31 May 2024 = 152 d: 651.429 h × 1.01 = 657.943
    pytest.param({}, "2021-05-10", 2024, "657.94", id="2021-hire-ends-may-2024"),
    pytest.param({}, "2021-05-10", 2025, None, id="2021-hire-over"),
    # Register, hired 2019-01-01: 2019 30 × 365 ÷ 7 = 1564.286 h × 1.01 = 1579.929.
    pytest.param({}, "2019-01-01", 2019, "1579.93", id="2019-hire-2019"),
    # 2020: 30 × 366 ÷ 7 = 1568.571 h × 1.01 = 1584.257.
    pytest.param({}, "2019-01-01", 2020, "1584.26", id="2019-hire-2020"),
    # Register, hired 2024-03-01: still running in 2026, so open-ended (art. 6.2 lid 1 b).
    # 306 d: 1311.429 h × 1.01 = 1324.543
    pytest.param({}, "2024-03-01", 2024, "1324.54", id="2024-register-2024"),
    pytest.param({}, "2024-03-01", 2026, "1579.93", id="2024-register-2026"),
    pytest.param({}, "2024-03-01", 2027, "1579.93", id="2024-register-continues-after-3-years"),
    pytest.param({}, "2024-03-01", 2028, "1584.26", id="2024-register-2028-leap"),
    pytest.param({}, "2024-03-01", 2030, "1579.93", id="2024-register-2030"),
    # Scholingsbelemmerd (not in the register), hired 2024-03-01: stops after its 3 years.
    pytest.param(
        {"doelgroepregister": False, "scholingsbelemmerd": True},
        "2024-03-01",
        2025,
        "1579.93",
        id="2024-scholingsbelemmerd-2025",
    ),
    # 1 Jan-28 Feb 2027 = 59 d: 252.857 h × 1.01 = 255.386
    pytest.param(
        {"doelgroepregister": False, "scholingsbelemmerd": True},
        "2024-03-01",
        2027,
        "255.39",
        id="2024-scholingsbelemmerd-ends-feb-2027",
    ),
    pytest.param(
        {"doelgroepregister": False, "scholingsbelemmerd": True},
        "2024-03-01",
        2028,
        None,
        id="2024-scholingsbelemmerd-over",
    ),
    # Pre-2026: six-month rule applies.
    pytest.param(
        {"employed_by_employer_last_6_months": True},
        "2025-03-01",
        2025,
        None,
        id="2025-hire-employed-last-6-months",
    ),
    # From 2026: register only, no six-month rule, open-ended.
    # 1 Apr-31 Dec = 275 d: 25 × 275 ÷ 7 = 982.143 h × 1.01 = 991.964
    pytest.param(
        {"hours_per_week": 25, "employed_by_employer_last_6_months": True},
        "2026-04-01",
        2026,
        "991.96",
        id="2026-hire-register",
    ),
    # 25 × 365 ÷ 7 = 1303.571 h × 1.01 = 1316.607
    pytest.param(
        {"hours_per_week": 25},
        "2026-04-01",
        2030,
        "1316.61",
        id="2026-hire-register-2030",
    ),
    pytest.param(
        {"doelgroepregister": False, "scholingsbelemmerd": True},
        "2026-04-01",
        2026,
        None,
        id="2026-hire-scholingsbelemmerd-no-longer-a-group",
    ),
    pytest.param({"doelgroepregister": False}, "2026-04-01", 2026, None, id="2026-not-in-register"),
    # Cap: 40 h/week full year 2085.714 h × 1.01 = 2106.57 > 2000.
    pytest.param({"hours_per_week": 40}, "2025-01-01", 2025, "2000.00", id="cap-2000"),
]


@pytest.mark.parametrize(("fields", "start", "year", "amount"), BANENAFSPRAAK_CASES)
def test_lkv_banenafspraak(compute, fields, start, year, amount):
    outcome = compute(**{**REGISTER, **fields}, start_date=start)
    assert lkv_paid(outcome, year) == expect(BANENAFSPRAAK, amount)


# --------------------------------------------------------------------------------------
# LKV herplaatsing (one year)
# --------------------------------------------------------------------------------------

HERPLAATST: dict[str, Any] = {
    **DISABLED,
    "herplaatsing": True,
    "employed_by_employer_last_6_months": True,
}


@pytest.mark.parametrize(
    ("year", "amount"),
    [
        # Start 2025-04-15, 24 h/week; 1 year ends 2026-04-14, stretched to 2026-04-30.
        # 15 Apr-31 Dec = 261 d: 894.857 h × 3.05 = 2729.314
        pytest.param(2025, "2729.31", id="2025"),
        # 120 d: 411.429 h × 3.05
        pytest.param(2026, "1254.86", id="2026-to-end-april"),
        pytest.param(2027, None, id="2027"),
    ],
)
def test_lkv_herplaatsing_one_year(compute, year, amount):
    outcome = compute(**HERPLAATST, start_date="2025-04-15")
    assert lkv_paid(outcome, year) == expect(HERPLAATSING, amount)


def test_lkv_herplaatsing_needs_a_wia_benefit(compute):
    outcome = compute(**{**HERPLAATST, "benefit": "none"}, start_date="2025-04-15")
    assert lkv_paid(outcome, 2025) == {}


# --------------------------------------------------------------------------------------
# Only the highest LKV per worker per year (Wtl art. 4.1 lid 3)
# --------------------------------------------------------------------------------------

#: 60 years old at the start, WIA benefit, 32 h/week.
OLD_AND_DISABLED: dict[str, Any] = {**OLDER, "birth_date": "1964-01-10", "benefit": "wia_wga"}


@pytest.mark.parametrize(
    ("year", "paid"),
    [
        # 2024: both € 3,05 over 1398.857 h = 4266.51; equal -> the oudere LKV (listed first).
        pytest.param(2024, {OUDERE: "4266.51"}, id="2024-equal-first-listed"),
        # 2025: oudere 1668.571 h × 1.35 = 2252.57 < arbeidsgehandicapte × 3.05 = 5089.14.
        pytest.param(2025, {ARBEIDSGEHANDICAPTE: "5089.14"}, id="2025-higher-wins"),
        # 2026: only the arbeidsgehandicapte LKV is left.
        pytest.param(2026, {ARBEIDSGEHANDICAPTE: "5089.14"}, id="2026"),
        # 2027: term to 2027-02-28: 59 d: 269.714 h × 3.05 = 822.63.
        pytest.param(2027, {ARBEIDSGEHANDICAPTE: "822.63"}, id="2027-term-end"),
    ],
)
def test_only_highest_lkv_2024_hire(compute, year, paid):
    outcome = compute(**OLD_AND_DISABLED, start_date="2024-03-01")
    assert lkv_paid(outcome, year) == paid


def test_highest_lkv_loser_says_why(compute):
    outcome = compute(**OLD_AND_DISABLED, start_date="2024-03-01")
    loser = outcome.year(2025).instrument(OUDERE)
    assert loser.applies is False
    assert loser.amount is None
    assert [r.met for r in loser.reasons if r.code == "only_highest"] == [False]


def test_equal_lkv_pre2024_hire_oudere_listed_first(compute):
    """Pre-2024 hire, 2025: both € 3,05 × 1668.571 h = € 5.089,14 -> oudere."""
    outcome = compute(**OLD_AND_DISABLED, start_date="2023-03-01")
    assert lkv_paid(outcome, 2025) == {OUDERE: "5089.14"}


@pytest.mark.parametrize(
    ("year", "paid"),
    [
        # 2025: arbeidsgehandicapte 1251.429 h × 3.05 = 3816.86 > banenafspraak × 1.01 = 1263.94.
        pytest.param(2025, {ARBEIDSGEHANDICAPTE: "3816.86"}, id="2025-arbeidsgehandicapte"),
        # 2028: arbeidsgehandicapte over (2027-12-31); banenafspraak open-ended (register):
        # 24 × 366 ÷ 7 = 1254.857 h × 1.01 = 1267.406.
        pytest.param(2028, {BANENAFSPRAAK: "1267.41"}, id="2028-banenafspraak-left"),
    ],
)
def test_highest_lkv_register_and_wia(compute, year, paid):
    outcome = compute(**{**DISABLED, "doelgroepregister": True}, start_date="2025-01-01")
    assert lkv_paid(outcome, year) == paid


# --------------------------------------------------------------------------------------
# AOW age during the term
# --------------------------------------------------------------------------------------

AOW_CASES = [
    # Oudere, pre-2024 hire 2023-09-01 (term to 2026-08-31), 36 h/week; AOW age 67 in 2026.
    # Born 1959-06-20: AOW 2026-06-20; day before in June -> hours to 2026-06-30 (181 d):
    # 36 × 181 ÷ 7 = 930.857 h × 3.05 = 2839.114.
    pytest.param("1959-06-20", 2026, "2839.11", id="aow-mid-june"),
    # Born 1959-07-01: AOW 2026-07-01, day before is 30 June -> July does not count.
    pytest.param("1959-07-01", 2026, "2839.11", id="aow-on-first-of-month"),
    # Born 1959-07-02: AOW 2026-07-02, day before 1 July -> July counts (212 d):
    # 36 × 212 ÷ 7 = 1090.286 h × 3.05 = 3325.371.
    pytest.param("1959-07-02", 2026, "3325.37", id="aow-second-of-month"),
    pytest.param("1959-06-20", 2027, None, id="after-aow"),
]


@pytest.mark.parametrize(("birth", "year", "amount"), AOW_CASES)
def test_lkv_stops_after_aow_month(compute, birth, year, amount):
    outcome = compute(
        **{**OLDER, "birth_date": birth, "hours_per_week": 36}, start_date="2023-09-01"
    )
    assert lkv_paid(outcome, year) == expect(OUDERE, amount)


def test_lkv_aow_2022_age_66_7(compute):
    """AOW age in 2022 is 66 years 7 months: born 1955-09-10 -> AOW 2022-04-10; hours to
    2022-04-30 = 120 d; 30 × 120 ÷ 7 = 514.286 h × € 3,05 = € 1.568,57 (WIA, hired 2021 at
    65, so the oudere and arbeidsgehandicapte LKV are equal and the oudere one counts)."""
    fields = {**DISABLED, "birth_date": "1955-09-10", "hours_per_week": 30}
    outcome = compute(**fields, start_date="2021-01-01")
    assert lkv_paid(outcome, 2022) == {OUDERE: "1568.57"}
    assert lkv_paid(outcome, 2023) == {}


def test_lkv_not_after_aow_at_start(compute):
    """Born 1957-01-01: AOW age reached in 2023, so a 2025 start gets no LKV."""
    outcome = compute(**{**DISABLED, "birth_date": "1957-01-01"}, start_date="2025-01-06")
    assert lkv_paid(outcome, 2025) == {}


def test_lkv_banenafspraak_register_worker_gets_2026_rules_whenever_hired(compute):
    """Register hire 2023-01-01: the old 3 years run 2023-01-01..2025-12-31, so 2025 pays
    30 × 365 ÷ 7 = 1564.286 h × € 1,01 = € 1.579,93. From 2026 Wtl art. 2.10 (2026 text)
    asks only that the worker is in the register in the aangiftetijdvak, whenever the
    job started (decision in docs/rules.md): 2026 pays 1564.286 h × € 1,01 = € 1.579,93 again."""
    outcome = compute(**REGISTER, start_date="2023-01-01")
    assert lkv_paid(outcome, 2025) == {BANENAFSPRAAK: "1579.93"}
    assert lkv_paid(outcome, 2026) == {BANENAFSPRAAK: "1579.93"}


def test_lkv_scholingsbelemmerde_term_ending_31_december_2025_is_not_continued(compute):
    """A scholingsbelemmerde outside the register hired 2023-01-01: the 3 years end on
    2025-12-31. Art. 6.2 lid 1 a keeps only a right that had not ended before 2026, and
    the 2026 rules need the register, so 2026 pays nothing."""
    fields = {**REGISTER, "doelgroepregister": False, "scholingsbelemmerd": True}
    outcome = compute(**fields, start_date="2023-01-01")
    assert lkv_paid(outcome, 2025) == {BANENAFSPRAAK: "1579.93"}
    assert lkv_paid(outcome, 2026) == {}
