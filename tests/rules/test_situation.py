"""Validating the situation: every wrong field is named with a Dutch message."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from werkpunt.rules import Benefit, Contract, SituationError, parse_situation

BASE: dict[str, Any] = {
    "birth_date": "1980-05-01",
    "start_date": "2025-01-01",
    "hours_per_week": 32,
    "hourly_wage": "15.00",
    "benefit": "bijstand",
}


def errors(**changes: Any) -> dict[str, str]:
    data = {**BASE, **changes}
    data = {k: v for k, v in data.items() if v is not ...}
    with pytest.raises(SituationError) as info:
        parse_situation(data)
    return {e.field: e.message.render("nl") for e in info.value.errors}


def test_valid_situation_has_defaults() -> None:
    s = parse_situation(BASE)
    assert s.birth_date == dt.date(1980, 5, 1)
    assert s.hours_per_week == Decimal(32)
    assert s.hourly_wage == Decimal("15.00")
    assert s.benefit is Benefit.BIJSTAND
    assert s.contract is Contract.OPEN_ENDED
    assert s.end_date is None
    assert s.fulltime_hours_per_week == Decimal(38)
    assert not s.doelgroepregister


def test_end_date_makes_default_contract_fixed_term() -> None:
    s = parse_situation({**BASE, "end_date": "2025-12-31"})
    assert s.contract is Contract.FIXED_TERM


def test_decimal_comma_is_accepted() -> None:
    assert parse_situation({**BASE, "hourly_wage": "14,71"}).hourly_wage == Decimal("14.71")


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"birth_date": ...}, "birth_date", "verplicht"),
        ({"start_date": "2025-02-30"}, "start_date", "geen geldige datum"),
        ({"start_date": "2018-12-31"}, "start_date", "vanaf 2019"),
        ({"hourly_wage": -1}, "hourly_wage", "niet kleiner zijn dan 0"),
        ({"hourly_wage": "12.345"}, "hourly_wage", "ten hoogste 2 cijfers"),
        ({"hourly_wage": "veel"}, "hourly_wage", "geen getal"),
        ({"hourly_wage": True}, "hourly_wage", "geen ja of nee"),
        ({"hours_per_week": 61}, "hours_per_week", "niet groter zijn dan 60"),
        ({"hours_per_week": ...}, "hours_per_week", "uren per week"),
        ({"hours_per_year": 1000}, "hours_per_year", "niet allebei"),
        ({"benefit": "wwb"}, "benefit", "kennen we niet"),
        ({"benefit": ...}, "benefit", "verplicht"),
        ({"municipality": "assen"}, "municipality", "kennen we niet"),
        ({"contract": "fixed_term"}, "end_date", "tijdelijk contract hoort een einddatum"),
        ({"end_date": "2024-12-31"}, "end_date", "vóór de startdatum"),
        ({"birth_date": "2026-01-01"}, "birth_date", "vóór de startdatum"),
        ({"birth_date": "2015-01-01"}, "birth_date", "minstens 15 jaar"),
        ({"loonwaarde_percentage": 120}, "loonwaarde_percentage", "niet groter zijn dan 100"),
        ({"doelgroepregister": "misschien"}, "doelgroepregister", "ja of nee"),
        ({"benefit_weeks": -3}, "benefit_weeks", "heel getal"),
        ({"salary": 10}, "salary", "kennen we niet"),
    ],
)
def test_bad_input_names_the_field(changes: dict[str, Any], field: str, fragment: str) -> None:
    found = errors(**changes)
    assert field in found, found
    assert fragment in found[field]


def test_all_errors_are_reported_at_once() -> None:
    found = errors(hourly_wage=-1, benefit="x", start_date="gisteren")
    assert set(found) >= {"hourly_wage", "benefit", "start_date"}


def test_messages_have_an_english_translation_path() -> None:
    with pytest.raises(SituationError) as info:
        parse_situation({**BASE, "benefit": "x"})
    english = info.value.render("en")[0]
    assert english.startswith("benefit: ")


def test_not_a_mapping() -> None:
    with pytest.raises(SituationError) as info:
        parse_situation([1, 2])  # type: ignore[arg-type]
    assert info.value.errors[0].field == "situatie"
