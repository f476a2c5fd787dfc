"""Hard constraints: each one fails on its own, with its reason in Dutch, and all are named."""

from __future__ import annotations

from werkpunt.matching.constraints import (
    BITS,
    basic_requirements,
    check_days,
    check_hours,
    check_language,
    check_licences,
    check_travel,
    failure_bits,
    failure_codes,
    hard_constraints,
)


def test_a_good_pair_passes_everything(matcher, make_candidate, make_demand, make_task):
    result = matcher.match(make_candidate(), make_demand(make_task("orderpicken-magazijn", 16)))
    assert result.passed
    assert result.failures == ()


def test_hours_below_the_minimum(make_candidate):
    failure = check_hours(make_candidate(hours_per_week=12), 16)
    assert failure is not None
    assert failure.constraint == "hours"
    assert failure.text == "Uren: beschikbaar 12 uur per week, nodig is minstens 16 uur."
    assert check_hours(make_candidate(hours_per_week=16), 16) is None


def test_no_hours_at_all_fails_even_without_a_minimum(make_candidate):
    failure = check_hours(make_candidate(hours_per_week=0), 0)
    assert failure is not None
    assert failure.text == "Uren: er staan geen beschikbare uren in het profiel."


def test_minimum_hours_defaults_to_the_smallest_task(
    matcher, make_candidate, make_demand, make_task
):
    work = make_demand(make_task("a", 8), make_task("b", 4))
    assert work.effective_min_hours == 4
    assert matcher.match(make_candidate(hours_per_week=4, tasks={"a"}), work).passed
    assert not matcher.match(make_candidate(hours_per_week=3.5, tasks={"a"}), work).passed
    stricter = make_demand(make_task("a", 8), make_task("b", 4), min_hours=10)
    assert [
        f.constraint for f in matcher.match(make_candidate(hours_per_week=8), stricter).failures
    ] == ["hours"]


def test_travel_too_long_names_minutes_and_mode(make_candidate):
    failure = check_travel(make_candidate(max_travel_minutes=30), 52.4)
    assert failure is not None
    assert failure.text == (
        "Reistijd: ongeveer 52 minuten met de fiets, meer dan de 30 minuten die de kandidaat "
        "wil reizen."
    )
    assert check_travel(make_candidate(max_travel_minutes=30), 30.0) is None


def test_travel_by_own_mode_decides(matcher, make_candidate, make_demand, make_task):
    far = make_demand(make_task("orderpicken-magazijn", 16), place="coevorden")
    assert not matcher.match(make_candidate(travel_mode="fiets", max_travel_minutes=45), far).passed
    assert matcher.match(make_candidate(travel_mode="auto", max_travel_minutes=45), far).passed


def test_unknown_place_fails_travel_with_its_own_message(
    matcher, make_candidate, make_demand, make_task
):
    result = matcher.match(
        make_candidate(home_place="atlantis"), make_demand(make_task("orderpicken-magazijn", 8))
    )
    assert [f.reason.code for f in result.failures] == ["travel-unknown"]
    assert "staat niet in de lijst met plaatsen" in result.failures[0].text


def test_language(make_candidate):
    assert check_language(make_candidate(language_level="A1"), "geen") is None
    assert check_language(make_candidate(language_level=None), "geen") is None
    assert check_language(make_candidate(language_level="B1"), "B1") is None
    low = check_language(make_candidate(language_level="A2"), "B1")
    assert low is not None
    assert low.text == "Taal: Nederlands op niveau A2, nodig is B1."
    unknown = check_language(make_candidate(language_level=None), "A2")
    assert unknown is not None
    assert unknown.reason.code == "language-unknown"


def test_required_language_is_the_stated_minimum_or_the_easiest_task(make_demand, make_task):
    work = make_demand(make_task("a", 8, language="B1"), make_task("b", 8, language="A2"))
    assert work.required_language == "A2"
    assert (
        make_demand(make_task("a", 8, language="A1"), language_min="B1").required_language == "B1"
    )


def test_licences_missing_are_listed(make_candidate):
    failure = check_licences(make_candidate(licences={"B"}), frozenset({"C", "code95", "B"}))
    assert failure is not None
    assert failure.text == "Rijbewijs of certificaat ontbreekt: C, code95."
    assert check_licences(make_candidate(licences={"B", "C"}), frozenset({"C"})) is None


def test_days(make_candidate):
    failure = check_days(make_candidate(days={"ma", "di"}), frozenset({"za", "ma", "zo"}))
    assert failure is not None
    assert failure.text == "Dagen: niet beschikbaar op zaterdag en zondag."
    unknown = check_days(make_candidate(days=set()), frozenset({"ma"}))
    assert unknown is not None
    assert unknown.reason.code == "days-unknown"
    assert check_days(make_candidate(days=set()), frozenset()) is None


def test_every_broken_constraint_is_named_in_a_fixed_order(
    matcher, make_candidate, make_demand, make_task
):
    person = make_candidate(
        hours_per_week=4, language_level="A1", licences=set(), days={"ma"}, max_travel_minutes=5
    )
    work = make_demand(
        make_task("orderpicken-magazijn", 16, language="B1"),
        place="coevorden",
        required_licences={"heftruck"},
        days={"za"},
    )
    result = matcher.match(person, work)
    assert [f.constraint for f in result.failures] == [
        "hours",
        "travel",
        "language",
        "licences",
        "days",
    ]
    assert failure_codes(failure_bits(result.failures)) == (
        "hours",
        "travel",
        "language",
        "licences",
        "days",
    )
    assert failure_bits(result.failures) == 31
    assert set(BITS.values()) >= {f.constraint for f in result.failures}
    # The score is still computed, so the adviser sees how close it was.
    assert 0 < result.score < 1


def test_basic_requirements_for_open_hiring_ignore_travel_and_task_language(
    make_candidate, make_demand, make_task
):
    work = make_demand(make_task("a", 8, language="B2"), place="coevorden", open_hiring=True)
    person = make_candidate(language_level="A1", max_travel_minutes=1)
    assert basic_requirements(person, work) == ()
    assert (
        len(
            hard_constraints(
                person, make_demand(make_task("a", 8, language="B2"), place="coevorden"), 60.0
            )
        )
        == 2
    )
    stated = make_demand(
        make_task("a", 8), language_min="A2", required_licences={"B"}, open_hiring=True
    )
    assert [f.constraint for f in basic_requirements(person, stated)] == ["language", "licences"]
