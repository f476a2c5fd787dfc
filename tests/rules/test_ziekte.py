"""No-riskpolis (ZW art. 29b), compensatieregeling (ZW art. 29d), transitievergoeding.

No-riskpolis: 5 years from the start for WIA/WAO/WAZ, a WIA-keuring under 35%
and scholingsbelemmerden (art. 29b lid 1); as long as the job lasts for
Wajong, Wsw-indicatie, the doelgroepregister and loonkostensubsidie with a
loonwaarde under 100% (lid 2, lid 11). The 5 years run to start + 5 years − 1 day.
Compensatieregeling: born before 1962, more than 52 weeks WW, started in
2018-2019; covers illness starting within 5 years.
"""

from __future__ import annotations

from typing import Any

import pytest

NO_RISK = "no_riskpolis"
COMPENSATIE = "compensatieregeling_oudere_werknemers"
TRANSITIE = "compensatie_transitievergoeding"

WORKER: dict[str, Any] = {
    "birth_date": "1985-01-01",
    "start_date": "2022-03-01",
    "hours_per_week": 24,
    "hourly_wage": "15.00",
    "benefit": "none",
}


def applies_by_year(outcome: Any, code: str) -> dict[int, bool]:
    return {y.year: y.instrument(code).applies for y in outcome.years}


FIVE_YEARS = {2022: True, 2023: True, 2024: True, 2025: True, 2026: True, 2027: True}
FIVE_YEARS |= {2028: False, 2029: False, 2030: False}
OPEN_ENDED = dict.fromkeys(range(2022, 2031), True)
NEVER = dict.fromkeys(range(2022, 2031), False)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # Start 2022-03-01: five years to 2027-02-28, so 2022-2027 yes, 2028 no.
        pytest.param({"benefit": "wia_wga"}, FIVE_YEARS, id="wia-wga-5-years"),
        pytest.param({"benefit": "wia_iva"}, FIVE_YEARS, id="wia-iva-5-years"),
        pytest.param({"benefit": "wao"}, FIVE_YEARS, id="wao-5-years"),
        pytest.param({"benefit": "waz"}, FIVE_YEARS, id="waz-5-years"),
        pytest.param({"wia_rejected_within_5_years": True}, FIVE_YEARS, id="wia-rejected"),
        pytest.param({"scholingsbelemmerd": True}, FIVE_YEARS, id="scholingsbelemmerd"),
        pytest.param({"benefit": "wajong"}, OPEN_ENDED, id="wajong-open-ended"),
        pytest.param({"wsw_indicatie": True}, OPEN_ENDED, id="wsw-open-ended"),
        pytest.param({"doelgroepregister": True}, OPEN_ENDED, id="register-open-ended"),
        pytest.param(
            {"benefit": "bijstand", "loonwaarde_percentage": 60},
            OPEN_ENDED,
            id="lks-loonwaarde-60-open-ended",
        ),
        pytest.param(
            {"benefit": "none", "loonwaarde_percentage": "99.50"},
            OPEN_ENDED,
            id="lks-no-benefit-loonwaarde-below-100",
        ),
        pytest.param(
            {"benefit": "wia_wga", "doelgroepregister": True},
            OPEN_ENDED,
            id="wia-and-register-open-ended-wins",
        ),
        pytest.param(
            {"benefit": "bijstand", "loonwaarde_percentage": 100}, NEVER, id="loonwaarde-100"
        ),
        pytest.param({"benefit": "bijstand"}, NEVER, id="bijstand-without-loonwaarde"),
        pytest.param({"benefit": "ww"}, NEVER, id="ww"),
        pytest.param({"benefit": "ziektewet"}, NEVER, id="ziektewet"),
        pytest.param({}, NEVER, id="none"),
    ],
)
def test_no_riskpolis_groups_and_duration(compute, fields, expected):
    outcome = compute(**{**WORKER, **fields})
    assert applies_by_year(outcome, NO_RISK) == expected


def test_no_riskpolis_five_years_end_date_reason(compute):
    outcome = compute(**{**WORKER, "benefit": "wia_wga"})
    texts = [r.text.render("nl") for r in outcome.year(2027).instrument(NO_RISK).reasons]
    assert any("28 februari 2027" in text for text in texts)


def test_no_riskpolis_has_no_amount(compute):
    item = compute(**{**WORKER, "benefit": "wajong"}).year(2025).instrument(NO_RISK)
    assert item.applies is True
    assert item.amount is None


def test_no_riskpolis_ends_with_the_contract(compute):
    """Fixed-term contract to 2023-12-31: nothing from 2024 (the outcome stops in 2023)."""
    outcome = compute(**{**WORKER, "benefit": "wajong", "end_date": "2023-12-31"})
    assert applies_by_year(outcome, NO_RISK) == {2022: True, 2023: True}


# --------------------------------------------------------------------------------------
# Compensatieregeling oudere werknemers
# --------------------------------------------------------------------------------------

OLDER: dict[str, Any] = {
    "birth_date": "1960-05-01",
    "start_date": "2019-06-01",
    "hours_per_week": 32,
    "hourly_wage": "15.00",
    "benefit": "ww",
    "benefit_weeks": 60,
}

COVERED_2019_TO_2024 = dict.fromkeys(range(2019, 2025), True) | dict.fromkeys(
    range(2025, 2031), False
)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # Start 2019-06-01, five years to 2024-05-31.
        pytest.param({}, COVERED_2019_TO_2024, id="covered-five-years"),
        pytest.param({"birth_date": "1961-12-31"}, COVERED_2019_TO_2024, id="born-31-dec-1961"),
        pytest.param(
            {"birth_date": "1962-01-01"},
            dict.fromkeys(range(2019, 2031), False),
            id="born-1962-not",
        ),
        pytest.param(
            {"benefit_weeks": 52},
            dict.fromkeys(range(2019, 2031), False),
            id="52-weeks-is-not-more-than-52",
        ),
        pytest.param({"benefit_weeks": 53}, COVERED_2019_TO_2024, id="53-weeks"),
        pytest.param(
            {"benefit": "bijstand"},
            dict.fromkeys(range(2019, 2031), False),
            id="not-ww",
        ),
    ],
)
def test_compensatieregeling(compute, fields, expected):
    outcome = compute(**{**OLDER, **fields})
    assert applies_by_year(outcome, COMPENSATIE) == expected


def test_compensatieregeling_not_for_starts_from_2020(compute):
    outcome = compute(**{**OLDER, "start_date": "2020-01-02"})
    assert not any(applies_by_year(outcome, COMPENSATIE).values())


def test_compensatie_transitievergoeding_never_has_an_amount(compute):
    """Only after dismissal following long illness: listed with an explanation, never applied."""
    outcome = compute(**{**WORKER, "benefit": "wia_wga"})
    for year in outcome.years:
        item = year.instrument(TRANSITIE)
        assert item.applies is False
        assert item.amount is None
        assert [r.code for r in item.reasons] == ["only_after_long_illness"]
