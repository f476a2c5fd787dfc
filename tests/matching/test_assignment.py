"""The matchtafel assignment is optimal (checked against brute force) and well-formed."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from werkpunt.matching import assign, expand_slots


def brute_force(score: np.ndarray, feasible: np.ndarray) -> float:
    """Best total over every way to give each row at most one column (and vice versa)."""
    n, m = score.shape

    @cache
    def best(row: int, used: int) -> float:
        if row == n:
            return 0.0
        result = best(row + 1, used)  # this person is not placed
        for col in range(m):
            if feasible[row, col] and not used & (1 << col):
                result = max(result, score[row, col] + best(row + 1, used | (1 << col)))
        return result

    return best(0, 0)


@st.composite
def instances(draw):
    n = draw(st.integers(1, 7))
    m = draw(st.integers(1, 7))
    score = draw(
        arrays(np.float64, (n, m), elements=st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.7, 0.9, 1.0]))
    )
    feasible = draw(arrays(np.bool_, (n, m)))
    return score, feasible


@settings(max_examples=300, deadline=None)
@given(instances())
def test_assignment_is_optimal_against_brute_force(instance):
    score, feasible = instance
    result = assign(score, feasible)
    assert result.total == pytest.approx(brute_force(score, feasible), abs=1e-9)
    rows = [r for r, _ in result.pairs]
    cols = [c for _, c in result.pairs]
    assert len(set(rows)) == len(rows)
    assert len(set(cols)) == len(cols)
    assert all(feasible[r, c] for r, c in result.pairs)
    assert set(result.unassigned) == set(range(score.shape[0])) - set(rows)
    assert set(result.unfilled) == set(range(score.shape[1])) - set(cols)


def test_a_high_score_is_not_traded_for_more_pairs():
    # Maximum cardinality would place both (0->1, 1->0: total 0.2); maximum score places one.
    score = np.array([[1.0, 0.1], [0.1, 0.0]])
    feasible = np.array([[True, True], [True, False]])
    result = assign(score, feasible)
    assert result.pairs == ((0, 0),)
    assert result.total == 1.0
    assert result.unassigned == (1,)


def test_infeasible_pairs_are_never_proposed():
    score = np.array([[0.9, 0.8], [0.95, 0.1]])
    feasible = np.array([[False, True], [False, False]])
    result = assign(score, feasible)
    assert result.pairs == ((0, 1),)
    assert result.alternatives == ((), ())


def test_min_score_leaves_weak_pairs_out():
    score = np.array([[0.3, 0.6]])
    assert assign(score, min_score=0.5).pairs == ((0, 1),)
    assert assign(score, min_score=0.7).pairs == ()


def test_non_finite_scores_count_as_infeasible():
    result = assign(np.array([[np.nan, 0.4], [np.inf, -np.inf]]))
    assert result.pairs == ((0, 1),)


def test_alternatives_are_other_employers_best_first():
    # Columns: two slots of employer A, one of B, one of C.
    groups = ["A", "A", "B", "C"]
    score = np.array(
        [
            [0.9, 0.9, 0.5, 0.7],
            [0.8, 0.8, 0.6, 0.2],
        ]
    )
    result = assign(score, groups=groups, alternatives=3)
    assert sorted(result.pairs) == [(0, 0), (1, 1)]
    # Never the own employer again, one entry per employer, highest first.
    assert result.alternatives[0] == ((3, 0.7), (2, 0.5))
    assert result.alternatives[1] == ((2, 0.6), (3, 0.2))


def test_alternatives_for_someone_not_placed():
    score = np.array([[0.9], [0.5]])
    result = assign(score, alternatives=2)
    assert result.pairs == ((0, 0),)
    assert result.alternatives[1] == ((0, 0.5),)


def test_shapes_are_checked():
    with pytest.raises(ValueError, match="twee dimensies"):
        assign(np.zeros(3))
    with pytest.raises(ValueError, match="andere vorm"):
        assign(np.zeros((2, 2)), np.zeros((2, 3), dtype=bool))
    with pytest.raises(ValueError, match="groepen"):
        assign(np.zeros((2, 2)), groups=["A"])
    with pytest.raises(ValueError, match="minimale score"):
        assign(np.zeros((2, 2)), min_score=-0.1)


def test_expand_slots():
    assert expand_slots([("v1", 2), ("v2", 0), ("v3", 1)]) == ["v1", "v1", "v3"]
    with pytest.raises(ValueError, match="aantal plaatsen"):
        expand_slots([("v1", -1)])


def test_matchtafel_with_several_places_per_employer(
    matcher, make_candidate, make_demand, make_task
):
    picking = make_demand(make_task("orderpicken-magazijn", 16), id="magazijn")
    cleaning = make_demand(make_task("kantoren-schoonmaken", 16), id="schoonmaak")
    people = [
        make_candidate(id="p1"),
        make_candidate(id="p2"),
        make_candidate(id="p3", tasks={"kantoren-schoonmaken"}, interests={"schoonmaak"}),
        make_candidate(id="p4", hours_per_week=0),
    ]
    result = matcher.matchtafel(people, [(picking, 2), (cleaning, 1)])
    assert result.slots == ("magazijn", "magazijn", "schoonmaak")
    proposals = {c: d for c, d, _ in result.proposals()}
    assert proposals == {"p1": "magazijn", "p2": "magazijn", "p3": "schoonmaak"}
    assert result.assignment.unassigned == (3,)
    # p1's alternative is the cleaning place, never the other warehouse slot.
    assert [result.slots[c] for c, _ in result.assignment.alternatives[0]] == ["schoonmaak"]


def test_matchtafel_never_proposes_open_hiring(matcher, make_candidate, make_demand, make_task):
    open_work = make_demand(make_task("orderpicken-magazijn", 16), open_hiring=True)
    result = matcher.matchtafel([make_candidate()], [(open_work, 3)])
    assert result.assignment.pairs == ()
