"""The loonkostensubsidie explorer: growth of the loonwaarde lowers the subsidy."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from werkpunt.financieel_cv.explorer import ExplorerInput, explore, read_form


def _input(**changes) -> ExplorerInput:
    values = {
        "start_year": 2026,
        "hours_per_week": Decimal(32),
        "hourly_wage": Decimal("15.50"),
        "cao_hourly_wage": None,
        "loonwaarde": Decimal(50),
        "growth": Decimal(10),
        "years": 5,
        "adult": True,
    }
    values.update(changes)
    return ExplorerInput(**values)


def test_subsidy_decreases_as_the_loonwaarde_grows():
    result = explore(_input(), "nl")

    subsidies = [row.subsidy_cents for row in result.rows]
    employer = [row.employer_cents for row in result.rows]
    assert [row.loonwaarde for row in result.rows] == [50, 60, 70, 80, 90]
    assert [row.year for row in result.rows] == [2026, 2027, 2028, 2029, 2030]
    assert all(a > b for a, b in itertools.pairwise(subsidies))
    assert all(a < b for a, b in itertools.pairwise(employer))
    # The employer pays more than the extra work is worth (the 23,5% surcharge goes too).
    assert result.employer_rise_is_larger


def test_the_subsidy_is_the_rules_engine_amount():
    from werkpunt.rules import evaluate, parse_situation

    row = explore(_input(years=1), "nl").rows[0]
    outcome = evaluate(
        parse_situation(
            {
                "birth_date": "1996-01-01",
                "start_date": "2026-01-01",
                "hours_per_week": "32",
                "hourly_wage": "15.50",
                "loonwaarde_percentage": "50",
                "benefit": "bijstand",
                "doelgroepregister": True,
            }
        ),
        as_of=dt.date(2026, 11, 28),
    )
    assert row.subsidy_cents == outcome.year(2026).instrument("loonkostensubsidie").amount


def test_wage_cost_includes_holiday_allowance():
    row = explore(_input(years=1), "nl").rows[0]

    # 15,50 × 1,08 × 32 × 365 / 7 = 27.931,89
    assert row.wage_cost_cents == 2793189
    assert row.employer_cents == row.wage_cost_cents - row.subsidy_cents


def test_loonwaarde_stops_at_100_and_the_subsidy_at_zero():
    result = explore(_input(loonwaarde=Decimal(80), growth=Decimal(15), years=3), "nl")

    assert [row.loonwaarde for row in result.rows] == [80, 95, 100]
    assert result.rows[-1].subsidy_cents == 0


@pytest.mark.django_db
def test_page_shows_table_chart_and_explanation(client, visible, parse):
    response = client.get(
        "/financieel-cv/loonkostensubsidie-verloop/?start_year=2026&hours_per_week=32"
        "&hourly_wage=15%2C50&cao_hourly_wage=&loonwaarde=50&growth=10&years=5&adult=true"
    )

    assert response.status_code == 200
    page = parse(response.content)
    svg = page.find_all("svg")[0]
    assert svg["attrs"]["role"] == "img"
    assert page.by_id("lijn-titel")["tag"] == "title"
    content = visible(response.content)
    assert "Loonkostensubsidie en loonkosten per jaar" in content
    assert "Groeit de werknemer, dan betaalt u meer" in content
    assert "U betaalt dus meer dan het extra werk oplevert." in content
    assert page.by_id("hourly_wage")["attrs"]["value"] == "15,50"


@pytest.mark.django_db
def test_page_works_without_a_query_with_defaults(client):
    response = client.get("/financieel-cv/loonkostensubsidie-verloop/")

    assert response.status_code == 200
    assert b"<table" in response.content


@pytest.mark.django_db
def test_bad_input_gets_dutch_messages_and_no_result(client, visible, parse):
    response = client.get(
        "/financieel-cv/loonkostensubsidie-verloop/?start_year=1990&hours_per_week=80"
        "&hourly_wage=veel&loonwaarde=120&growth=&years=12"
    )

    page = parse(response.content)
    content = visible(response.content)
    assert page.find_all("div", role="alert")
    assert "Vul een jaar in van 2019" in content
    assert "niet groter zijn dan 60" in content
    assert "veel is geen getal." in content
    assert "niet groter zijn dan 100" in content
    assert "Geen groei? Vul 0 in." in content
    assert "1 tot en met 8" in content
    assert b"<table" not in response.content


@pytest.mark.parametrize("adult", [True, False])
def test_read_form(adult):
    query = {
        "start_year": "2026",
        "hours_per_week": "24,5",
        "hourly_wage": "€ 15,50",
        "cao_hourly_wage": "",
        "loonwaarde": "50",
        "growth": "7,5",
        "years": "3",
    }
    if adult:
        query["adult"] = "true"

    form = read_form(query, dt.date(2026, 11, 28))

    assert form.errors == {}
    assert form.data is not None
    assert form.data.hours_per_week == Decimal("24.5")
    assert form.data.growth == Decimal("7.5")
    assert form.data.adult is adult
    assert len(explore(form.data, "nl").rows) == 3
