"""Lage-inkomensvoordeel (LIV) and jeugd-LIV, with amounts computed by hand.

LIV (Wtl art. 3.1-3.2): at least 1.248 paid hours in the calendar year and an
average hourly wage including 8% holiday allowance inside the band; amount per
paid hour, capped per year; abolished from 2025. Bands and amounts from
parameters/lage_inkomensvoordeel.yaml:

* 2019: € 10,05-11,07 → € 1,01 (max € 2.000); > € 11,07-12,58 → € 0,51 (max € 1.000)
* 2020: € 10,29-12,87 → € 0,51 (max € 1.000)
* 2021: € 10,48-13,12; 2022: € 10,73-13,43; 2023: € 12,04-15,06;
  2024: € 14,33-14,91 → € 0,49 (max € 960)

Jeugd-LIV (art. 3.3): age on 31 December of the year before; amounts 2018
(used, provisional, for 2019): 18 € 0,23, 19 € 0,28, 20 € 1,02, 21 € 1,58;
from 2020: 18 € 0,07 (max € 135,20), 19 € 0,08 (€ 166,40), 20 € 0,30
(€ 613,60); bands per age; the 2021 bands are unknown, so the 2020 bands are
used (provisional); abolished from 2024.
"""

from __future__ import annotations

from typing import Any

import pytest

LIV = "liv"
JEUGD_LIV = "jeugd_liv"

#: A 29-year-old without a benefit, employed from 1 January 2019.
WORKER: dict[str, Any] = {
    "birth_date": "1990-01-01",
    "start_date": "2019-01-01",
    "hours_per_week": 32,
    "hourly_wage": "10.00",
    "benefit": "none",
}


def paid(outcome: Any, year: int, code: str) -> str | None:
    item = outcome.year(year).instrument(code)
    if not item.applies:
        return None
    assert item.amount is not None
    return item.amount.as_text()


# --------------------------------------------------------------------------------------
# LIV: one case per year and the band edges
# --------------------------------------------------------------------------------------

LIV_CASES = [
    # 2019, 32 h/week: 32 × 365 ÷ 7 = 1668.571 h.
    # 9.50 × 1.08 = 10.26, band 1 (10.05-11.07): 1668.571 h × 1.01 = 1685.257.
    pytest.param(2019, "9.50", 32, "1685.26", id="2019-band1"),
    # 10.25 × 1.08 = 11.07 exactly: still band 1 ("niet meer dan € 11,07").
    pytest.param(2019, "10.25", 32, "1685.26", id="2019-exactly-11.07-is-band1"),
    # 11.00 × 1.08 = 11.88, band 2 (over 11.07-12.58): 1668.571 h × 0.51 = 850.971.
    pytest.param(2019, "11.00", 32, "850.97", id="2019-band2"),
    # 11.64 × 1.08 = 12.5712, not above 12.58: band 2.
    pytest.param(2019, "11.64", 32, "850.97", id="2019-band2-top"),
    # 9.30 × 1.08 = 10.044, below 10.05.
    pytest.param(2019, "9.30", 32, None, id="2019-below"),
    # 11.65 × 1.08 = 12.582, above 12.58.
    pytest.param(2019, "11.65", 32, None, id="2019-above"),
    # 40 h: 2085.714 h × 1.01 = 2106.57, capped at 2000.
    pytest.param(2019, "9.50", 40, "2000.00", id="2019-cap"),
    # 2020 (366 days): 10.00 × 1.08 = 10.80 in 10.29-12.87; 1673.143 h × 0.51 = 853.303.
    pytest.param(2020, "10.00", 32, "853.30", id="2020"),
    # 9.52 × 1.08 = 10.2816, below 10.29.
    pytest.param(2020, "9.52", 32, None, id="2020-below"),
    # 2021: 11.00 × 1.08 = 11.88 in 10.48-13.12; 1668.571 h × 0.49 = 817.60.
    pytest.param(2021, "11.00", 32, "817.60", id="2021"),
    # 12.14 × 1.08 = 13.1112, not above 13.12.
    pytest.param(2021, "12.14", 32, "817.60", id="2021-top"),
    # 12.15 × 1.08 = 13.122, above 13.12.
    pytest.param(2021, "12.15", 32, None, id="2021-above"),
    # 2022: 10.80 in 10.73-13.43; 36 × 365 ÷ 7 = 1877.143 h × 0.49 = 919.80.
    pytest.param(2022, "10.00", 36, "919.80", id="2022"),
    # 40 h: 2085.714 h × 0.49 = 1022.00, capped at 960.
    pytest.param(2022, "10.00", 40, "960.00", id="2022-cap"),
    # 9.93 × 1.08 = 10.7244, below 10.73.
    pytest.param(2022, "9.93", 36, None, id="2022-below"),
    # 2023: 12.00 × 1.08 = 12.96 in 12.04-15.06; 1668.571 h × 0.49 = 817.60.
    pytest.param(2023, "12.00", 32, "817.60", id="2023"),
    # 11.14 × 1.08 = 12.0312, below 12.04.
    pytest.param(2023, "11.14", 32, None, id="2023-below"),
    # 2024 (366 days): 13.50 × 1.08 = 14.58 in 14.33-14.91; 1673.143 h × 0.49 = 819.84.
    pytest.param(2024, "13.50", 32, "819.84", id="2024"),
    # 13.27 × 1.08 = 14.3316, not below 14.33.
    pytest.param(2024, "13.27", 32, "819.84", id="2024-bottom"),
    # 13.26 × 1.08 = 14.3208, below 14.33.
    pytest.param(2024, "13.26", 32, None, id="2024-below"),
    # 14.00 × 1.08 = 15.12, above 14.91 (and above the disputed 14.99).
    pytest.param(2024, "14.00", 32, None, id="2024-above"),
    # Abolished from 2025.
    pytest.param(2025, "13.50", 32, None, id="2025-abolished"),
    pytest.param(2026, "14.00", 32, None, id="2026-abolished"),
]


@pytest.mark.parametrize(("year", "wage", "hours", "amount"), LIV_CASES)
def test_liv(compute, year, wage, hours, amount):
    outcome = compute(**{**WORKER, "hourly_wage": wage, "hours_per_week": hours})
    assert paid(outcome, year, LIV) == amount


@pytest.mark.parametrize(
    ("hours_per_year", "year", "amount"),
    [
        # 1248 h/year over a whole year = 1248 h exactly: "ten minste 1248".
        # 1248 × 0.51
        pytest.param(1248, 2020, "636.48", id="exactly-1248-2020"),
        # 1248 × 0.49
        pytest.param(1248, 2021, "611.52", id="exactly-1248-2021"),
        pytest.param("1247.99", 2020, None, id="just-below-1248"),
    ],
)
def test_liv_minimum_1248_hours(compute, hours_per_year, year, amount):
    fields = {**WORKER, "hours_per_week": None, "hours_per_year": hours_per_year}
    outcome = compute(**fields)
    assert paid(outcome, year, LIV) == amount


@pytest.mark.parametrize(
    ("start", "amount"),
    [
        # 1 May-31 Dec 2023 = 245 d: 36 × 245 ÷ 7 = 1260 h >= 1248; × 0.49 = 617.40.
        pytest.param("2023-05-01", "617.40", id="start-may-1-enough-hours"),
        # 5 May-31 Dec = 241 d: 36 × 241 ÷ 7 = 1239.43 h < 1248.
        pytest.param("2023-05-05", None, id="start-may-5-too-few-hours"),
    ],
)
def test_liv_part_year_hours_not_scaled(compute, start, amount):
    fields = {**WORKER, "hourly_wage": "12.00", "hours_per_week": 36, "start_date": start}
    outcome = compute(**fields)
    assert paid(outcome, 2023, LIV) == amount


def test_liv_hours_after_aow_month_excluded(compute):
    """Born 1957-10-10: AOW age 67 in 2024 -> AOW 2024-10-10; hours to 2024-10-31 count:
    1 Jan-31 Oct 2024 = 305 d; 40 × 305 ÷ 7 = 1742.857 h (>= 1248); × € 0,49 = € 854,00
    (the whole year would give 2091.43 h and the € 960 cap)."""
    fields = {**WORKER, "birth_date": "1957-10-10", "start_date": "2023-01-01"}
    outcome = compute(**{**fields, "hourly_wage": "13.50", "hours_per_week": 40})
    assert paid(outcome, 2024, LIV) == "854.00"


def test_liv_1248_test_counts_hours_after_aow(compute):
    """UWV (verloonde uren bij bereiken AOW-leeftijd): hours after the AOW date count for
    the 1.248-hour test; the amount is over the hours up to the AOW tijdvak.
    Born 1956-08-20: AOW age 66y10m in 2023 -> 2023-06-20; 40 h/week.
    Whole year 40 × 365 ÷ 7 = 2085.714 h >= 1248, so LIV applies; amount over
    1 Jan-30 Jun = 181 d: 40 × 181 ÷ 7 = 1034.286 h × € 0,49 = € 506,80."""
    fields = {**WORKER, "birth_date": "1956-08-20", "start_date": "2022-01-01"}
    outcome = compute(**{**fields, "hourly_wage": "12.00", "hours_per_week": 40})
    assert paid(outcome, 2023, LIV) == "506.80"


def test_liv_is_not_provisional(compute):
    outcome = compute(**{**WORKER, "hourly_wage": "13.50"})
    assert outcome.year(2024).instrument(LIV).provisional is False


# --------------------------------------------------------------------------------------
# Jeugd-LIV
# --------------------------------------------------------------------------------------

JEUGD_CASES = [
    # 2019: 2018 amounts (provisional). 24 h/week: 24 × 365 ÷ 7 = 1251.429 h.
    # Born 1999-06-01: 19 on 2018-12-31; band 5.82-8.45; 6.00 × 1.08 = 6.48; × 0.28 = 350.40.
    pytest.param("1999-06-01", "2019-01-01", 2019, "6.00", 24, "350.40", True, id="2019-age19"),
    # Born 1997-06-01: 21 on 2018-12-31 (2019 still up to 21); band 9.36-10.05;
    # 9.00 × 1.08 = 9.72; 1251.429 h × 1.58 = 1977.257.
    pytest.param("1997-06-01", "2019-01-01", 2019, "9.00", 24, "1977.26", True, id="2019-age21"),
    # 2020: born 1999-06-01 is 20 on 2019-12-31; band 8.30-10.29; 8.50 × 1.08 = 9.18;
    # 20 × 366 ÷ 7 = 1045.714 h × 0.30 = 313.714.
    pytest.param("1999-06-01", "2019-01-01", 2020, "8.50", 20, "313.71", False, id="2020-age20"),
    # 40 h: 2091.429 h × 0.30 = 627.43 > max 613.60.
    pytest.param(
        "1999-06-01", "2019-01-01", 2020, "8.50", 40, "613.60", False, id="2020-age20-cap"
    ),
    # 21 on 2019-12-31: no jeugd-LIV from 2020.
    pytest.param("1998-06-01", "2019-01-01", 2020, "9.00", 20, None, False, id="2020-age21"),
    # 2021: 2020 bands (provisional). Born 2002-03-01: 18 on 2020-12-31; 4.85 × 1.08 = 5.238
    # is inside the 2020 band 5.19-6.93 (not the 2022 band from 5.42);
    # 20 × 365 ÷ 7 = 1042.857 h × 0.07 = 73.00.
    pytest.param("2002-03-01", "2021-01-01", 2021, "4.85", 20, "73.00", True, id="2021-2020-bands"),
    # 2022: born 2002-03-01 is 19 on 2021-12-31; band 6.50-9.65; 7.00 × 1.08 = 7.56;
    # 1042.857 h × 0.08 = 83.429.
    pytest.param("2002-03-01", "2022-01-01", 2022, "7.00", 20, "83.43", False, id="2022-age19"),
    # Born 2003-12-31 is 18 on 2021-12-31; band 5.42-7.24; 5.50 × 1.08 = 5.94; × 0.07 = 73.00.
    pytest.param(
        "2003-12-31", "2022-01-01", 2022, "5.50", 20, "73.00", False, id="2022-age18-boundary"
    ),
    # Born 2004-01-01 is 17 on 2021-12-31.
    pytest.param("2004-01-01", "2022-01-01", 2022, "5.50", 20, None, False, id="2022-age17"),
    # 2023: born 2002-03-01 is 20 on 2022-12-31; band 9.79-12.04; 10.00 × 1.08 = 10.80;
    # 1042.857 h × 0.30 = 312.857.
    pytest.param("2002-03-01", "2023-01-01", 2023, "10.00", 20, "312.86", False, id="2023-age20"),
    # 9.00 × 1.08 = 9.72 < 9.79.
    pytest.param("2002-03-01", "2023-01-01", 2023, "9.00", 20, None, False, id="2023-below-band"),
    # Abolished from 2024 (born 2003-06-01 is 20 on 2023-12-31).
    pytest.param("2003-06-01", "2024-01-01", 2024, "11.00", 20, None, False, id="2024-abolished"),
]


@pytest.mark.parametrize(
    ("birth", "start", "year", "wage", "hours", "amount", "provisional"), JEUGD_CASES
)
def test_jeugd_liv(compute, birth, start, year, wage, hours, amount, provisional):
    outcome = compute(
        **{
            **WORKER,
            "birth_date": birth,
            "start_date": start,
            "hourly_wage": wage,
            "hours_per_week": hours,
        }
    )
    item = outcome.year(year).instrument(JEUGD_LIV)
    assert paid(outcome, year, JEUGD_LIV) == amount
    assert item.provisional is provisional
