"""Actions and their due dates, worked out by hand from the law and the parameters.

* doelgroepverklaring: within 3 months after the start (start + 3 months − 1 day),
  at UWV, or at the gemeente for an oudere werknemer with a municipal benefit
  (Wtl art. 2.3); not for a banenafspraak hire from 2026 (register check instead);
* LKV indicator in the loonaangifte: the first aangifte, due at the end of the
  month after the start month;
* per year N with LKV/LIV: voorlopige berekening before 15 March, corrections
  until 1 May (last day 30 April), beschikking before 1 August (31 July),
  payment within 6 weeks after that (Wtl art. 4.1, 4.2, 4.4);
* loonkostensubsidie: apply before the start, measure the loonwaarde before the
  fixed 6 months end, re-measure after 12 months (provisional);
* no-riskpolis end, proefplaatsing (2 months before the start), contract_aanzeggen
  one month before the end of a fixed-term contract of at least 6 months
  (BW 7:668), praktijkleren deadline (16 September 2019, 17 September 2026).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

OUDERE = "lkv_oudere_werknemer"
ARBEIDSGEHANDICAPTE = "lkv_arbeidsgehandicapte_werknemer"
BANENAFSPRAAK = "lkv_banenafspraak"

OLDER: dict[str, Any] = {
    "birth_date": "1966-05-01",
    "start_date": "2025-09-01",
    "hours_per_week": 32,
    "hourly_wage": "15.00",
    "benefit": "ww",
}


def find(outcome: Any, code: str, instrument: str | None = None) -> list[Any]:
    return [
        a
        for a in outcome.actions
        if a.code == code and (instrument is None or a.instrument == instrument)
    ]


def one(outcome: Any, code: str, instrument: str | None = None) -> Any:
    found = find(outcome, code, instrument)
    assert len(found) == 1, [a.code for a in outcome.actions]
    return found[0]


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --------------------------------------------------------------------------------------
# Doelgroepverklaring / register check
# --------------------------------------------------------------------------------------


def test_doelgroepverklaring_due_three_months_after_start_at_uwv(compute):
    """Start 2025-09-01 -> due 2025-11-30. At stake: 2025 only, 122 d × 32 ÷ 7 =
    557.714 h × € 1,35 = € 752,91."""
    action = one(compute(**OLDER), "doelgroepverklaring_aanvragen", OUDERE)
    assert action.due_date == day("2025-11-30")
    assert action.actor == "werknemer"
    assert action.where.render("nl") == "bij UWV"
    assert action.amount_at_stake.as_text() == "752.91"


@pytest.mark.parametrize(
    ("benefit", "where"),
    [
        pytest.param("bijstand", "bij de gemeente", id="bijstand"),
        pytest.param("ioaw", "bij de gemeente", id="ioaw"),
        pytest.param("ioaz", "bij de gemeente", id="ioaz"),
        pytest.param("ww", "bij UWV", id="ww"),
        pytest.param("wajong", "bij UWV", id="wajong"),
    ],
)
def test_doelgroepverklaring_oudere_where(compute, benefit, where):
    action = one(compute(**{**OLDER, "benefit": benefit}), "doelgroepverklaring_aanvragen", OUDERE)
    assert action.where.render("nl") == where


def test_doelgroepverklaring_arbeidsgehandicapte_at_uwv(compute):
    """A 40-year-old with WIA, start 2025-09-01: due 2025-11-30 at UWV."""
    outcome = compute(**{**OLDER, "birth_date": "1985-01-01", "benefit": "wia_wga"})
    action = one(outcome, "doelgroepverklaring_aanvragen", ARBEIDSGEHANDICAPTE)
    assert action.due_date == day("2025-11-30")
    assert action.where.render("nl") == "bij UWV"


@pytest.mark.parametrize(
    ("start", "due"),
    [
        pytest.param("2024-03-01", "2024-05-31", id="march-1"),
        pytest.param("2025-01-15", "2025-04-14", id="january-15"),
    ],
)
def test_doelgroepverklaring_due_date(compute, start, due):
    outcome = compute(**{**OLDER, "start_date": start})
    assert one(outcome, "doelgroepverklaring_aanvragen", OUDERE).due_date == day(due)


def test_banenafspraak_2026_register_check_instead_of_verklaring(compute):
    outcome = compute(
        birth_date="1995-02-01",
        start_date="2026-04-01",
        hours_per_week=25,
        hourly_wage="14.71",
        benefit="none",
        doelgroepregister=True,
    )
    assert find(outcome, "doelgroepverklaring_aanvragen") == []
    check = one(outcome, "doelgroepregister_controleren", BANENAFSPRAAK)
    assert check.due_date == day("2026-04-01")
    assert check.actor == "werkgever"


def test_banenafspraak_pre_2026_hire_still_needs_verklaring(compute):
    outcome = compute(
        birth_date="1995-02-01",
        start_date="2025-03-01",
        hours_per_week=25,
        hourly_wage="14.06",
        benefit="none",
        doelgroepregister=True,
    )
    assert one(outcome, "doelgroepverklaring_aanvragen", BANENAFSPRAAK).due_date == day(
        "2025-05-31"
    )
    # From 2026 the new rules take over for this worker in the register: no verklaring,
    # a register check on the first day of the new rules, and the indicator for January.
    check = one(outcome, "doelgroepregister_controleren", BANENAFSPRAAK)
    assert check.due_date == day("2026-01-01")
    indicators = sorted(a.due_date for a in find(outcome, "lkv_loonaangifte_aanvragen"))
    assert indicators == [day("2025-04-30"), day("2026-02-28")]


# --------------------------------------------------------------------------------------
# Loonaangifte and the yearly Wtl calendar
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "due"),
    [
        pytest.param("2025-09-01", "2025-10-31", id="september-start"),
        pytest.param("2025-09-30", "2025-10-31", id="end-of-september-start"),
        pytest.param("2025-12-15", "2026-01-31", id="december-start"),
    ],
)
def test_lkv_loonaangifte_indicator_end_of_next_month(compute, start, due):
    outcome = compute(**{**OLDER, "start_date": start})
    assert one(outcome, "lkv_loonaangifte_aanvragen", OUDERE).due_date == day(due)


@pytest.mark.parametrize(
    ("code", "due", "actor"),
    [
        pytest.param("voorlopige_berekening_ontvangen", "2026-03-14", "uwv", id="preliminary"),
        pytest.param("loonaangifte_corrigeren", "2026-04-30", "werkgever", id="correction"),
        pytest.param("beschikking_ontvangen", "2026-07-31", "belastingdienst", id="decision"),
        # 31 July + 6 weeks (42 days) = 11 September.
        pytest.param("uitbetaling", "2026-09-11", "belastingdienst", id="payment"),
    ],
)
def test_yearly_wtl_calendar_for_lkv_year_2025(compute, code, due, actor):
    """LKV oudere only in 2025 (2025 hire): one set of yearly actions, for 2025."""
    action = one(compute(**OLDER), code)
    assert action.due_date == day(due)
    assert action.actor == actor
    assert action.amount_at_stake.as_text() == "752.91"


def test_yearly_wtl_calendar_for_each_lkv_year(compute):
    """2024 hire: LKV oudere in 2024 and 2025 -> corrections due 2025-04-30 and 2026-04-30;
    2024: 306 d × 32 ÷ 7 × € 3,05 = € 4.266,51; 2025: 1668.571 h × € 1,35 = € 2.252,57."""
    outcome = compute(**{**OLDER, "start_date": "2024-03-01"})
    corrections = find(outcome, "loonaangifte_corrigeren")
    assert [(a.due_date, a.amount_at_stake.as_text()) for a in corrections] == [
        (day("2025-04-30"), "4266.51"),
        (day("2026-04-30"), "2252.57"),
    ]
    assert [a.due_date for a in find(outcome, "uitbetaling")] == [
        day("2025-09-11"),
        day("2026-09-11"),
    ]


def test_yearly_wtl_calendar_for_liv(compute):
    """LIV 2024 (€ 13,50: 14.58 in the band; 32 h: 1673.143 h × € 0,49 = € 819,84):
    correction due 2025-04-30, decision 2025-07-31."""
    outcome = compute(
        birth_date="1990-01-01",
        start_date="2024-01-01",
        hours_per_week=32,
        hourly_wage="13.50",
        benefit="none",
    )
    correction = one(outcome, "loonaangifte_corrigeren")
    assert correction.instrument == "liv"
    assert correction.due_date == day("2025-04-30")
    assert correction.amount_at_stake.as_text() == "819.84"
    assert one(outcome, "beschikking_ontvangen").due_date == day("2025-07-31")


# --------------------------------------------------------------------------------------
# Loonkostensubsidie
# --------------------------------------------------------------------------------------

LKS_CANDIDATE: dict[str, Any] = {
    "birth_date": "1990-01-01",
    "start_date": "2026-03-01",
    "hours_per_week": 32,
    "hourly_wage": "14.71",
    "benefit": "bijstand",
    "doelgroepregister": True,
    "municipality": "emmen",
}


def test_lks_apply_before_start_at_municipality(compute):
    action = one(compute(**LKS_CANDIDATE), "loonkostensubsidie_aanvragen")
    assert action.due_date == day("2026-03-01")
    assert action.where.render("nl") == "bij de gemeente Emmen"


def test_lks_loonwaarde_measurement_before_fixed_period_ends(compute):
    """Start 2026-03-01: the fixed 6 months end 2026-08-31; re-measure 12 months later."""
    outcome = compute(**LKS_CANDIDATE)
    measure = one(outcome, "loonwaarde_meten")
    assert measure.due_date == day("2026-08-31")
    assert measure.actor == "gemeente"
    again = one(outcome, "loonwaarde_herbeoordelen")
    assert again.due_date == day("2027-08-31")
    assert again.provisional is True


def test_lks_remeasurement_with_measured_loonwaarde(compute):
    outcome = compute(**{**LKS_CANDIDATE, "loonwaarde_percentage": 60})
    assert find(outcome, "loonwaarde_meten") == []
    assert one(outcome, "loonwaarde_herbeoordelen").due_date == day("2027-03-01")


# --------------------------------------------------------------------------------------
# No-riskpolis, proefplaatsing, jobcoach, loondispensatie
# --------------------------------------------------------------------------------------

NO_RISK_WORKER: dict[str, Any] = {
    "birth_date": "1985-01-01",
    "start_date": "2022-03-01",
    "hours_per_week": 24,
    "hourly_wage": "15.00",
    "benefit": "wia_wga",
}


def test_no_riskpolis_end_after_five_years(compute):
    outcome = compute(**NO_RISK_WORKER)
    assert one(outcome, "no_riskpolis_einde").due_date == day("2027-02-28")
    assert one(outcome, "no_riskpolis_ziekmelding").due_date is None


def test_no_riskpolis_open_ended_has_no_end_action(compute):
    outcome = compute(**{**NO_RISK_WORKER, "benefit": "wajong"})
    assert find(outcome, "no_riskpolis_einde") == []
    assert len(find(outcome, "no_riskpolis_ziekmelding")) == 1


def test_no_riskpolis_end_not_when_contract_ends_first(compute):
    outcome = compute(**{**NO_RISK_WORKER, "end_date": "2026-12-31"})
    assert find(outcome, "no_riskpolis_einde") == []


@pytest.mark.parametrize(
    ("fields", "instrument", "provisional"),
    [
        pytest.param({"benefit": "ww", "benefit_weeks": 20}, "proefplaatsing_uwv", False, id="uwv"),
        # Gemeente: duration unknown -> the 2-month default, marked provisional.
        pytest.param(
            {"benefit": "bijstand", "municipality": "emmen"},
            "proefplaatsing_gemeente",
            True,
            id="gemeente",
        ),
    ],
)
def test_proefplaatsing_dates(compute, fields, instrument, provisional):
    """Start 2025-09-01; a 2-month proefplaatsing starts 2025-07-01: apply by 2025-06-30;
    it ends the day before the contract, 2025-08-31."""
    outcome = compute(**{**OLDER, "birth_date": "1985-01-01", **fields})
    request = one(outcome, "proefplaatsing_aanvragen")
    end = one(outcome, "proefplaatsing_einde")
    assert (request.instrument, request.due_date) == (instrument, day("2025-06-30"))
    assert (end.instrument, end.due_date) == (instrument, day("2025-08-31"))
    assert end.provisional is provisional


@pytest.mark.parametrize(
    ("fields", "actor", "where"),
    [
        pytest.param({"benefit": "wajong"}, "werknemer", "bij UWV", id="uwv"),
        pytest.param(
            {"benefit": "bijstand", "loonwaarde_percentage": 60},
            "werkgever",
            "bij de gemeente",
            id="gemeente",
        ),
    ],
)
def test_jobcoach_request(compute, fields, actor, where):
    outcome = compute(**{**OLDER, "birth_date": "1985-01-01", **fields})
    action = one(outcome, "jobcoach_aanvragen")
    assert action.due_date == day("2025-09-01")
    assert (action.actor, action.where.render("nl")) == (actor, where)


def test_loondispensatie_request_and_renewal(compute):
    """Decision for at most 5 years: start 2025-01-01 -> renew by 2029-12-31."""
    outcome = compute(
        birth_date="1995-01-01",
        start_date="2025-01-01",
        hours_per_week=24,
        hourly_wage="14.06",
        benefit="wajong",
        loonwaarde_percentage=60,
    )
    assert one(outcome, "loondispensatie_aanvragen").due_date == day("2025-01-01")
    assert one(outcome, "loondispensatie_verlengen").due_date == day("2029-12-31")


# --------------------------------------------------------------------------------------
# Contract and praktijkleren
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "aanzeggen"),
    [
        pytest.param("2026-12-31", "2026-11-30", id="one-year"),
        # Exactly 6 months (2026-01-01..2026-06-30): one month before the end.
        pytest.param("2026-06-30", "2026-05-30", id="six-months"),
        pytest.param("2026-06-29", None, id="shorter-than-six-months"),
    ],
)
def test_contract_aanzeggen_one_month_before_end(compute, end, aanzeggen):
    outcome = compute(**{**OLDER, "benefit": "none", "start_date": "2026-01-01", "end_date": end})
    found = find(outcome, "contract_aanzeggen")
    assert [a.due_date for a in found] == ([] if aanzeggen is None else [day(aanzeggen)])
    assert one(outcome, "contract_einde").due_date == day(end)


def test_open_ended_contract_in_writing_for_low_ww_premie(compute):
    outcome = compute(**{**OLDER, "benefit": "none"})
    assert one(outcome, "contract_schriftelijk").due_date == day("2025-09-01")
    assert find(outcome, "contract_aanzeggen") == []


def test_praktijkleren_deadlines(compute):
    """bbl from 2025-01-06: study years ending 2025..2028. Deadline 16 September for 2025
    (2020-2025 unknown -> the 2019 date, provisional), 17 September 2026 (known), and
    17 September for 2027-2028 (unknown -> provisional)."""
    outcome = compute(
        birth_date="2006-03-01",
        start_date="2025-01-06",
        hours_per_week=32,
        hourly_wage="9.00",
        benefit="none",
        bbl_student=True,
    )
    found = [
        (a.due_date, a.provisional, a.amount_at_stake.as_text())
        for a in find(outcome, "praktijkleren_aanvragen")
    ]
    assert found == [
        (day("2025-09-16"), True, "2700.00"),
        (day("2026-09-17"), False, "2700.00"),
        (day("2027-09-17"), True, "2700.00"),
        (day("2028-09-17"), True, "2700.00"),
    ]


def test_actions_sorted_by_due_date_without_date_last(compute):
    outcome = compute(**NO_RISK_WORKER)
    dated = [a.due_date for a in outcome.actions if a.due_date is not None]
    assert dated == sorted(dated)
    assert outcome.actions[-1].due_date is None
