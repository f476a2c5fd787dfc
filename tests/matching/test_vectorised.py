"""The vectorised paths give the same numbers as the scalar scorer.

Within 1e-9 in float64. The compact all-pairs form (float32 scores, parts as bytes) keeps the
score within 1e-6 and every part within half a byte step (0.5 / 255) of the scalar value.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from werkpunt.matching.constraints import failure_bits
from werkpunt.matching.fast import PART_LEVELS, score_matrix, top_k_indices
from werkpunt.matching.vocab import PARTS

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def scalar(matcher, people, work):
    return [[matcher.match(c, d) for d in work] for c in people]


@SETTINGS
@given(data=st.data())
def test_score_matrix_equals_scalar(matcher, worlds, data):
    people, work = data.draw(worlds())
    matrix = matcher.score_matrix(people, work)
    for i, row in enumerate(scalar(matcher, people, work)):
        for j, expected in enumerate(row):
            assert matrix.score[i, j] == pytest.approx(expected.score, abs=1e-9)
            assert bool(matrix.passed[i, j]) == expected.passed
            assert int(matrix.failures[i, j]) == failure_bits(expected.failures)
            if work[j].open_hiring:
                continue
            for part in expected.parts:
                assert matrix.parts[part.name][i, j] == pytest.approx(part.value, abs=1e-9)
            assert matrix.part_values(i, j) == pytest.approx(
                {p.name: p.value for p in expected.parts}, abs=1e-9
            )


#: Half a step of a part stored as a byte, plus float32 rounding.
BYTE_STEP = 0.5 / PART_LEVELS + 1e-6


@SETTINGS
@given(data=st.data(), block=st.integers(1, 4), workers=st.integers(1, 3))
def test_compact_score_matrix_equals_scalar(matcher, worlds, data, block, workers):
    """float32 scores and byte parts, in small blocks over threads, against the scalar path."""
    people, work = data.draw(worlds())
    matrix = score_matrix(
        matcher.pool(people),
        people,
        work,
        dtype=np.float32,
        part_dtype=np.uint8,
        block=block,
        workers=workers,
    )
    assert matrix.score.dtype == np.float32
    assert matrix.part_levels == PART_LEVELS
    parts = matrix.parts
    for i, row in enumerate(scalar(matcher, people, work)):
        for j, expected in enumerate(row):
            assert matrix.score[i, j] == pytest.approx(expected.score, abs=1e-6)
            assert int(matrix.failures[i, j]) == failure_bits(expected.failures)
            if work[j].open_hiring:
                continue
            values = matrix.part_values(i, j)
            for part in expected.parts:
                assert values[part.name] == pytest.approx(part.value, abs=BYTE_STEP)
                assert parts[part.name][i, j] == pytest.approx(part.value, abs=BYTE_STEP)
                stored = int(matrix.parts_by_demand[part.name][j, i])
                assert stored == round(PART_LEVELS * part.value) or abs(
                    stored - PART_LEVELS * part.value
                ) == pytest.approx(0.5, abs=1e-6)
            # The text is made on demand by the exact scalar path, never from the bytes.
            assert matcher.explain(matrix, i, j) == expected


@SETTINGS
@given(data=st.data())
def test_pool_equals_scalar(matcher, worlds, data):
    people, work = data.draw(worlds())
    pool = matcher.pool(people)
    for j, demand in enumerate(work):
        scores = pool.score_demand(demand)
        for i, person in enumerate(people):
            expected = matcher.match(person, demand)
            assert scores.score[i] == pytest.approx(expected.score, abs=1e-9)
            assert int(scores.failures[i]) == failure_bits(expected.failures)
            assert scores.travel_minutes[i] == pytest.approx(expected.travel_minutes, abs=1e-9) or (
                np.isinf(scores.travel_minutes[i]) and np.isinf(expected.travel_minutes)
            )
            for part in expected.parts:
                assert scores.parts[part.name][i] == pytest.approx(part.value, abs=1e-9)
        assert j >= 0


@SETTINGS
@given(data=st.data(), k=st.integers(1, 8))
def test_top_k_equals_the_scalar_ranking(matcher, worlds, data, k):
    people, work = data.draw(worlds(max_candidates=30))
    pool = matcher.pool(people)
    matrix = matcher.score_matrix(people, work)
    for j, demand in enumerate(work):
        ranked = [(m.candidate_id, m.score) for m in matcher.rank(demand, people, k=k)]
        from_pool = matcher.top_k(pool, demand, k)
        from_matrix = [(people[i].id, s) for i, s in matrix.top_k(j, k)]
        assert [c for c, _ in from_pool] == [c for c, _ in ranked] == [c for c, _ in from_matrix]
        assert [s for _, s in from_pool] == pytest.approx([s for _, s in ranked], abs=1e-9)


def test_float32_and_byte_storage_are_close(matcher):
    from werkpunt.matching.synthetic import synthetic_candidates, synthetic_demands

    people = synthetic_candidates(200, catalogue=matcher.catalogue, places=matcher.places, seed=3)
    work = synthetic_demands(30, catalogue=matcher.catalogue, places=matcher.places, seed=4)
    exact = matcher.score_matrix(people, work)
    small = matcher.score_matrix(people, work, dtype=np.float32)
    assert small.score.dtype == np.float32
    assert np.abs(small.score - exact.score).max() < 1e-6
    assert (small.failures == exact.failures).all()
    for name in PARTS:
        assert np.abs(small.parts[name] - exact.parts[name]).max() < 1e-6
    compact = matcher.score_matrix(people, work, dtype=np.float32, part_dtype=np.uint8)
    assert np.abs(compact.score - exact.score).max() < 1e-6
    assert (compact.failures == exact.failures).all()
    for name in PARTS:
        assert compact.parts_by_demand[name].dtype == np.uint8
        codes = np.rint(exact.parts[name] * PART_LEVELS).T
        # Round half up in the engine, half to even in np.rint: only exact halves may differ.
        assert np.abs(compact.parts_by_demand[name].astype(int) - codes).max() <= 1
        assert np.abs(compact.parts[name] - exact.parts[name]).max() <= BYTE_STEP
    # A float64 score with byte parts: the score stays exact.
    mixed = matcher.score_matrix(people, work, part_dtype=np.uint8)
    assert np.abs(mixed.score - exact.score).max() < 1e-12
    for name in PARTS:
        # Computed in float64 or float32: only values within rounding of a half step differ.
        difference = mixed.parts_by_demand[name].astype(int) - compact.parts_by_demand[name]
        assert np.abs(difference).max() <= 1


def test_blocks_and_threads_do_not_change_a_single_value(matcher):
    from werkpunt.matching.synthetic import synthetic_candidates, synthetic_demands

    people = synthetic_candidates(300, catalogue=matcher.catalogue, places=matcher.places, seed=8)
    work = synthetic_demands(41, catalogue=matcher.catalogue, places=matcher.places, seed=9)
    pool = matcher.pool(people)
    options = {"dtype": np.float32, "part_dtype": np.uint8}
    one = score_matrix(pool, people, work, workers=1, **options)
    for block, workers in ((1, 2), (5, 3), (16, 4), (64, 2)):
        other = score_matrix(pool, people, work, block=block, workers=workers, **options)
        assert np.array_equal(other.score_by_demand, one.score_by_demand)
        assert np.array_equal(other.failures_by_demand, one.failures_by_demand)
        for name in PARTS:
            assert np.array_equal(other.parts_by_demand[name], one.parts_by_demand[name])


def test_empty_matrices(matcher, make_candidate, make_demand, make_task):
    work = [make_demand(make_task("orderpicken-magazijn", 16))]
    for options in ({}, {"dtype": np.float32, "part_dtype": np.uint8}):
        assert matcher.score_matrix([make_candidate()], [], **options).score.shape == (1, 0)
        assert matcher.score_matrix([], work, **options).passed.shape == (0, 1)


def test_rejects_other_storage_types(matcher, make_candidate, make_demand, make_task):
    people, work = [make_candidate()], [make_demand(make_task("orderpicken-magazijn", 16))]
    with pytest.raises(ValueError, match="part_dtype"):
        matcher.score_matrix(people, work, part_dtype=np.int16)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="dtype"):
        matcher.score_matrix(people, work, dtype=np.int32)  # type: ignore[arg-type]


def test_matrix_layout_and_explain(matcher, make_candidate, make_demand, make_task):
    people = [make_candidate(id="a"), make_candidate(id="b", tasks=set())]
    work = [
        make_demand(make_task("orderpicken-magazijn", 16)),
        make_demand(make_task("x", 8), id="v2"),
    ]
    matrix = matcher.score_matrix(people, work)
    assert matrix.score.shape == (2, 2)
    assert matrix.score_by_demand.shape == (2, 2)
    assert matrix.failed_constraints(0, 0) == ()
    explained = matcher.explain(matrix, 0, 0)
    assert explained.candidate_id == "a"
    assert explained.demand_id == "v1"
    assert explained.score == pytest.approx(float(matrix.score[0, 0]), abs=1e-12)
    assert explained.part("tasks").reason.text.startswith("Kan 1 van de 1 taken")


def test_top_k_indices_breaks_ties_by_id_and_skips_failures():
    score = np.array([0.5, 0.9, 0.5, 0.5, 0.1, 0.95])
    passed = np.array([True, True, True, True, True, False])
    id_rank = np.array([3, 5, 1, 2, 0, 4])
    assert top_k_indices(score, passed, id_rank, 3).tolist() == [1, 2, 3]
    assert top_k_indices(score, passed, id_rank, 10).tolist() == [1, 2, 3, 0, 4]
    assert top_k_indices(score, passed, id_rank, 0).tolist() == []
    assert top_k_indices(score, np.zeros(6, dtype=bool), id_rank, 3).tolist() == []


def test_score_matrix_can_reuse_the_memory_of_an_earlier_one(matcher):
    from werkpunt.matching.synthetic import synthetic_candidates, synthetic_demands

    people = synthetic_candidates(50, catalogue=matcher.catalogue, places=matcher.places, seed=5)
    first = synthetic_demands(7, catalogue=matcher.catalogue, places=matcher.places, seed=6)
    second = synthetic_demands(7, catalogue=matcher.catalogue, places=matcher.places, seed=7)
    fresh = matcher.score_matrix(people, second)
    previous = matcher.score_matrix(people, first)
    reused = matcher.score_matrix(people, second, out=previous)
    assert reused.score_by_demand is previous.score_by_demand
    assert np.array_equal(reused.score, fresh.score)
    assert np.array_equal(reused.failures, fresh.failures)
    for name in PARTS:
        assert np.array_equal(reused.parts[name], fresh.parts[name])
    with pytest.raises(ValueError, match="andere vorm"):
        matcher.score_matrix(people, second[:3], out=fresh)
    with pytest.raises(ValueError, match="ander type"):
        matcher.score_matrix(people, second, dtype=np.float32, out=fresh)
    with pytest.raises(ValueError, match="ander type"):
        matcher.score_matrix(people, second, part_dtype=np.uint8, out=fresh)
    options = {"dtype": np.float32, "part_dtype": np.uint8}
    compact = matcher.score_matrix(people, second, **options)
    again = matcher.score_matrix(
        people, second, **options, out=matcher.score_matrix(people, first, **options)
    )
    assert np.array_equal(again.score, compact.score)
    for name in PARTS:
        assert np.array_equal(again.parts_by_demand[name], compact.parts_by_demand[name])
