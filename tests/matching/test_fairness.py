"""Protected attributes never influence matching.

A profile has no field for age, gender, origin, health or subsidy amounts, so the scorer
cannot see them. The property test below carries such attributes *alongside* each profile
(as a back office would hold them elsewhere), changes them at random, reorders the
candidates by them, and shows that the ranking (scalar, pool and matrix) never changes.
"""

from __future__ import annotations

import dataclasses
import inspect
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from werkpunt.matching import (
    Candidate,
    CandidatePool,
    Demand,
    DemandTask,
    Matcher,
    ScoreMatrix,
    core,
    fast,
)

FORBIDDEN = (
    "age",
    "leeftijd",
    "birth",
    "geboorte",
    "gender",
    "geslacht",
    "sex",
    "origin",
    "herkomst",
    "nationality",
    "nationaliteit",
    "ethnic",
    "health",
    "gezondheid",
    "diagnos",
    "disab",
    "beperking",
    "subsid",
    "loonkosten",
    "lks",
)

GENDERS = ("man", "vrouw", "anders", "onbekend")
ORIGINS = ("Nederland", "Syrië", "Polen", "Eritrea", "Turkije", "Suriname")
HEALTH = ("geen", "chronisch ziek", "psychisch", "lichamelijke beperking")


def forbidden_names(names: list[str]) -> list[str]:
    """Names with a part (split on ``_``) that is or starts with a forbidden word."""
    return [
        name
        for name in names
        if any(part.startswith(word) for part in name.lower().split("_") for word in FORBIDDEN)
    ]


def protected(rng: random.Random) -> dict[str, object]:
    return {
        "age": rng.randint(16, 67),
        "gender": rng.choice(GENDERS),
        "origin": rng.choice(ORIGINS),
        "health": rng.choice(HEALTH),
        "subsidy": rng.randint(0, 3_000_000),  # loonkostensubsidie per year in cents
    }


def ranking(matcher: Matcher, demand: Demand, people: list[Candidate]) -> dict[str, list[str]]:
    pool = matcher.pool(people)
    matrix = matcher.score_matrix(people, [demand])
    return {
        "scalar": [m.candidate_id for m in matcher.rank(demand, people)],
        "pool": [c for c, _ in matcher.top_k(pool, demand, len(people))],
        "matrix": [people[i].id for i, _ in matrix.top_k(0, len(people))],
    }


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), seed=st.integers(0, 2**32 - 1))
def test_changing_protected_attributes_never_changes_a_ranking(matcher, worlds, data, seed):
    people, work = data.draw(worlds(max_candidates=30, max_demands=3))
    rng = random.Random(seed)
    records = [(person, protected(rng)) for person in people]
    before = {d.id: ranking(matcher, d, [p for p, _ in records]) for d in work}

    # Change every protected attribute, and let them decide the order of the list.
    changed = [(person, protected(rng)) for person, _ in records]
    key = rng.choice(["age", "gender", "origin", "health", "subsidy"])
    changed.sort(key=lambda record: (str(record[1][key]), rng.random()))
    after = {d.id: ranking(matcher, d, [p for p, _ in changed]) for d in work}

    assert after == before
    for result in before.values():
        assert result["scalar"] == result["pool"] == result["matrix"]


def test_a_profile_has_no_field_for_protected_attributes():
    names = [f.name for f in dataclasses.fields(Candidate)]
    assert forbidden_names(names) == []
    assert forbidden_names(["age", "birth_date", "gender", "health_notes", "subsidy_cents"]) == [
        "age",
        "birth_date",
        "gender",
        "health_notes",
        "subsidy_cents",
    ]
    with pytest.raises(TypeError):
        Candidate(  # type: ignore[call-arg]
            id="k",
            home_place="emmen",
            travel_mode="auto",
            max_travel_minutes=30,
            hours_per_week=24,
            age=40,
        )


def test_demands_and_pools_carry_no_protected_attributes_either():
    for cls in (Demand, DemandTask, CandidatePool, ScoreMatrix):
        assert forbidden_names([f.name for f in dataclasses.fields(cls)]) == [], cls


def test_the_scorer_signatures_name_no_protected_attribute():
    functions = [core.match, core.score_parts, fast.score_matrix, Matcher.match, Matcher.rank]
    functions += [
        Matcher.top_k,
        Matcher.score_matrix,
        Matcher.matchtafel,
        CandidatePool.score_demand,
    ]
    functions += [getattr(core, name) for name in dir(core) if name.startswith("part_")]
    for function in functions:
        assert forbidden_names(list(inspect.signature(function).parameters)) == [], function


def test_support_needs_never_lower_a_score(matcher, make_candidate, make_demand, make_task):
    work = make_demand(make_task("orderpicken-magazijn", 16))
    base = matcher.match(make_candidate(), work).score
    for needs in ({"jobcoach"}, {"aanpassing-werkplek", "vaste-collega"}):
        assert matcher.match(make_candidate(support_needs=needs), work).score == base
