"""The matchtafel: the best overall assignment of people to places, with alternatives.

Rows are people (e.g. workers whose contracts end), columns are places (demand slots; an
employer with three places has three columns, marked as one *group*). Given a score matrix and
which pairs are feasible, :func:`assign` finds the assignment with the highest total score,
each person at most one place and each place at most one person. Nobody has to be placed:
a person is only placed where that adds to the total.

How: ``scipy.optimize.linear_sum_assignment`` on the cost matrix ``-score`` where an
infeasible pair costs 0 ("worth nothing"), after which pairs on an infeasible cell are dropped.
Why 0 and not a large penalty: the solver must fill every row (or column) of the rectangle; with
a large penalty it would first make as *many* feasible pairs as possible and only then look at
the scores, trading one pair of 1.0 for two of 0.1. With cost 0, an infeasible cell is the same
as "not placed": any full assignment's feasible pairs form a matching, and a best matching
extends to a full assignment with the same total (scores are at least 0), so the optimum is the
maximum-weight matching. ``tests/matching/test_assignment.py`` checks this against brute force.
The result is a *proposal* for the people at the table, never a decision.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.optimize  # type: ignore[import-untyped]
from numpy.typing import ArrayLike, NDArray


@dataclass(frozen=True, slots=True)
class Assignment:
    #: (row, column) of every proposed pair, by row.
    pairs: tuple[tuple[int, int], ...]
    scores: tuple[float, ...]
    total: float
    #: Rows that get no place, and columns that get nobody.
    unassigned: tuple[int, ...]
    unfilled: tuple[int, ...]
    #: Per row: up to ``alternatives`` other feasible columns (score high to low), at most one
    #: per group and never the group of the proposed place.
    alternatives: tuple[tuple[tuple[int, float], ...], ...]

    def column_of(self, row: int) -> int | None:
        return next((c for r, c in self.pairs if r == row), None)


def assign(
    score: ArrayLike,
    feasible: ArrayLike | None = None,
    *,
    min_score: float = 0.0,
    alternatives: int = 3,
    groups: Sequence[Hashable] | None = None,
) -> Assignment:
    """Maximum total score over feasible pairs; see the module text.

    ``feasible`` defaults to every pair with a finite score. Pairs below ``min_score`` (at
    least 0) are treated as infeasible. ``groups`` labels the columns (e.g. the demand of each slot), so the
    alternatives name each employer's place once.
    """
    values = np.asarray(score, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError("de scorematrix moet twee dimensies hebben")
    n, m = values.shape
    if min_score < 0:
        raise ValueError("de minimale score moet 0 of meer zijn")
    ok = np.isfinite(values) & (values >= min_score)
    if feasible is not None:
        mask = np.asarray(feasible, dtype=np.bool_)
        if mask.shape != values.shape:
            raise ValueError("de matrix met toegestane paren heeft een andere vorm")
        ok &= mask
    labels: list[Hashable] = list(groups) if groups is not None else list(range(m))
    if len(labels) != m:
        raise ValueError("er zijn niet evenveel groepen als plaatsen")

    cost = np.where(ok, -np.where(ok, values, 0.0), 0.0)
    rows, cols = scipy.optimize.linear_sum_assignment(cost)
    chosen = [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if ok[r, c]]
    pair_scores = tuple(float(values[r, c]) for r, c in chosen)
    placed_rows = {r for r, _ in chosen}
    filled = {c for _, c in chosen}
    by_row = dict(chosen)
    return Assignment(
        pairs=tuple(chosen),
        scores=pair_scores,
        total=float(sum(pair_scores)),
        unassigned=tuple(r for r in range(n) if r not in placed_rows),
        unfilled=tuple(c for c in range(m) if c not in filled),
        alternatives=_alternatives(values, ok, labels, by_row, alternatives),
    )


def _alternatives(
    values: NDArray[np.float64],
    ok: NDArray[np.bool_],
    labels: list[Hashable],
    by_row: dict[int, int],
    count: int,
) -> tuple[tuple[tuple[int, float], ...], ...]:
    n, m = values.shape
    if count <= 0 or m == 0:
        return tuple(() for _ in range(n))
    largest_group = max(labels.count(label) for label in set(labels))
    shortlist = min(m, (count + 1) * largest_group)
    masked = np.where(ok, values, -np.inf)
    if shortlist < m:
        top = np.argpartition(-masked, shortlist - 1, axis=1)[:, :shortlist]
    else:
        top = np.broadcast_to(np.arange(m), (n, m))
    result = []
    for r in range(n):
        columns = sorted(top[r], key=lambda c: (-masked[r, c], c))
        taken = {labels[by_row[r]]} if r in by_row else set()
        found: list[tuple[int, float]] = []
        for c in columns:
            if len(found) == count or not ok[r, c]:
                break
            if labels[c] in taken:
                continue
            taken.add(labels[c])
            found.append((int(c), float(values[r, c])))
        result.append(tuple(found))
    return tuple(result)


def expand_slots(places: Sequence[tuple[str, int]]) -> list[str]:
    """Columns for ``(demand id, number of places)``: the id repeated, one column per place."""
    columns: list[str] = []
    for demand_id, count in places:
        if count < 0:
            raise ValueError(f"vraag {demand_id}: aantal plaatsen moet 0 of meer zijn")
        columns.extend([demand_id] * count)
    return columns
