"""Small parts: reading dates and numbers, prefill, formatting, the report."""

from __future__ import annotations

import pytest

from werkpunt.financieel_cv import questions
from werkpunt.financieel_cv.charts import bar_chart, nice_step
from werkpunt.financieel_cv.formatting import money
from werkpunt.financieel_cv.report import build_report


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("31-12-2025", "2025-12-31"),
        ("1-9-2025", "2025-09-01"),
        ("01/09/2025", "2025-09-01"),
        ("01.09.2025", "2025-09-01"),
        ("2025-09-01", "2025-09-01"),
        (" 2025-9-1 ", "2025-09-01"),
        ("31-02-2025", None),
        ("morgen", None),
        ("2025", None),
    ],
)
def test_normalize_date(typed, iso):
    assert questions.normalize_date(typed) == iso


@pytest.mark.parametrize(
    ("typed", "number"),
    [("15,20", "15.20"), ("€ 1.234,50", "1234.50"), ("15.20", "15.20"), ("50 %", "50")],
)
def test_normalize_number(typed, number):
    assert questions.normalize_number(typed) == number


def test_prefill_accepts_words_for_yes_and_no():
    assert questions.prefill({"doelgroepregister": "ja", "bbl_student": "nee"}) == {
        "doelgroepregister": "true",
        "bbl_student": "false",
    }


def test_prefill_uses_the_rules_validation():
    assert questions.prefill({"loonwaarde_percentage": "55,5"}) == {"loonwaarde_percentage": "55.5"}
    assert questions.prefill({"loonwaarde_percentage": "101"}) == {}
    assert questions.prefill({"hourly_wage": "15.123"}) == {}
    assert questions.prefill({"contract": "fixed_term"}) == {"contract": "fixed_term"}


def test_every_situation_field_is_asked_once():
    assert len(questions.FIELDS) == len(set(questions.FIELDS))
    assert set(questions.FIELDS) <= {
        "birth_date",
        "start_date",
        "end_date",
        "hours_per_week",
        "hourly_wage",
        "benefit",
        "contract",
        "cao_hourly_wage",
        "loonwaarde_percentage",
        "benefit_weeks",
        "doelgroepregister",
        "scholingsbelemmerd",
        "wia_rejected_within_5_years",
        "herplaatsing",
        "wsw_indicatie",
        "bbl_student",
        "municipality",
        "employed_by_employer_last_6_months",
        "fulltime_hours_per_week",
    }


@pytest.mark.parametrize(
    ("cents", "lang", "whole", "text"),
    [
        (75291, "nl", False, "€ 752,91"),
        (806224, "nl", False, "€ 8.062,24"),
        (806224, "en", False, "€8,062.24"),
        (75291, "nl", True, "€ 753"),
        (-150, "nl", False, "-€ 1,50"),
    ],
)
def test_money(cents, lang, whole, text):
    assert money(cents, lang, whole=whole) == text


def test_nice_step():
    assert nice_step(137_332) == 50_000
    assert nice_step(0) == 10_000


def test_bar_chart_scales_to_the_largest_amount():
    chart = bar_chart([("2025", 100_00, False), ("2026", 200_00, True), ("2027", -5, False)], "nl")

    widths = [bar.width for bar in chart.bars]
    assert widths[1] == max(widths)
    assert widths[0] == pytest.approx(widths[1] / 2)
    assert widths[2] == 0


def test_report_of_the_example(example_answers, fixed_today):
    report = build_report(example_answers, "nl", as_of=fixed_today)

    assert report.total == "€ 8.062,24"
    assert [y.year for y in report.years] == list(range(2025, 2031))
    lkv = next(item for item in report.applying if item.code == "lkv_oudere_werknemer")
    assert [line.text for line in lkv.lines] == ["u ontvangt € 752,91"]
    assert lkv.years_text == "Geldt in 2025."
    ww = next(item for item in report.applying if item.code == "ww_premiedifferentiatie")
    # A reason whose text differs per year names its years.
    assert any(reason.years for reason in ww.reasons)
    assert {r.met for r in lkv.reasons} == {True, None}
    dates = [a.due_date for a in report.actions if a.due_date]
    assert dates == sorted(dates)
    assert all(a.past for a in report.actions)  # the job started in 2025
    codes = {n.code for n in report.not_applying}
    assert "loonkostensubsidie" in codes
    assert all(n.why for n in report.not_applying)
