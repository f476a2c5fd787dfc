"""Open hiring: first come, first served, only the stated basic requirements, no score."""

from __future__ import annotations

import datetime as dt

import pytest

from werkpunt.matching import SignUp, open_hiring_list

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


@pytest.fixture
def open_work(make_demand, make_task):
    return make_demand(
        make_task("orderpicken-magazijn", 16, language="B1"),
        open_hiring=True,
        required_licences={"heftruck"},
        days={"ma"},
        place="coevorden",
    )


def test_the_list_is_in_order_of_signing_up(make_candidate, open_work):
    signups = [
        SignUp(make_candidate(id="late", licences={"heftruck"}), at(30)),
        SignUp(make_candidate(id="first", licences={"heftruck"}), at(0)),
        SignUp(make_candidate(id="same-time-a", licences={"heftruck"}), at(10)),
        SignUp(make_candidate(id="same-time-b", licences={"heftruck"}), at(10)),
    ]
    result = open_hiring_list(open_work, signups)
    assert [s.candidate.id for s in result.eligible] == [
        "first",
        "same-time-a",
        "same-time-b",
        "late",
    ]
    assert result.not_eligible == ()


def test_only_basic_requirements_count(make_candidate, open_work):
    signups = [
        # Far away by bicycle and weak in Dutch: on the list (the employer asked neither).
        SignUp(
            make_candidate(
                id="far", licences={"heftruck"}, language_level="A1", max_travel_minutes=5
            ),
            at(0),
        ),
        SignUp(make_candidate(id="no-licence"), at(1)),
        SignUp(make_candidate(id="no-monday", licences={"heftruck"}, days={"di"}), at(2)),
        # A much better profile is not moved up: nothing is scored.
        SignUp(make_candidate(id="strong", licences={"heftruck", "B"}, language_level="C2"), at(3)),
    ]
    result = open_hiring_list(open_work, signups)
    assert [s.candidate.id for s in result.eligible] == ["far", "strong"]
    assert [(s.candidate.id, [f.constraint for f in f_]) for s, f_ in result.not_eligible] == [
        ("no-licence", ["licences"]),
        ("no-monday", ["days"]),
    ]


def test_only_for_open_demands(make_demand, make_task):
    with pytest.raises(ValueError, match="geen open werving"):
        open_hiring_list(make_demand(make_task("a", 8)), [])


def test_an_open_demand_gets_no_score(matcher, make_candidate, open_work):
    result = matcher.match(make_candidate(licences={"heftruck"}), open_work)
    assert not result.passed
    assert result.score == 0.0
    assert result.parts == ()
    assert result.failures[0].text.startswith(
        "Open werving: deze vraag werkt met een inschrijflijst"
    )
    matrix = matcher.score_matrix([make_candidate()], [open_work])
    assert matrix.score[0, 0] == 0
    assert not matrix.passed[0, 0]
    assert matrix.failed_constraints(0, 0) == ("open_hiring",)
    assert matcher.top_k(matcher.pool([make_candidate()]), open_work, 5) == []
