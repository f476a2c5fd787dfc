"""The :class:`Matcher`: places and task list in one object, for the screens to call.

Usage::

    matcher = Matcher.default()                # the shipped places and task list
    result = matcher.match(candidate, demand)  # one pair, explained
    ranked = matcher.rank(demand, candidates, k=20)
    pool = matcher.pool(candidates)            # build once, reuse for many demands
    best = matcher.top_k(pool, demand, k=20)
    matrix = matcher.score_matrix(candidates, demands)
    big = matcher.score_matrix(candidates, demands, dtype=np.float32, part_dtype=np.uint8)
    table = matcher.matchtafel(candidates, [(demand, 2), (other_demand, 1)])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from werkpunt.matching.assignment import Assignment, assign
from werkpunt.matching.catalogue import TaskCatalogue
from werkpunt.matching.core import Candidate, Demand, DemandTask, Match, match
from werkpunt.matching.fast import CandidatePool, ScoreMatrix, score_matrix
from werkpunt.matching.loader import load_catalogue, load_places
from werkpunt.matching.travel import Places


@dataclass(frozen=True, slots=True)
class MatchtafelResult:
    """A matchtafel proposal: people (rows) to places (columns of ``slots``)."""

    candidate_ids: tuple[str, ...]
    #: The demand of each column (a demand with three places has three columns).
    slots: tuple[str, ...]
    assignment: Assignment

    def proposals(self) -> list[tuple[str, str, float]]:
        """(candidate id, demand id, score) per proposed pair."""
        return [
            (self.candidate_ids[r], self.slots[c], s)
            for (r, c), s in zip(self.assignment.pairs, self.assignment.scores, strict=True)
        ]


class Matcher:
    """Matching with a fixed set of places and (optionally) a task list for suggestions."""

    def __init__(self, places: Places, catalogue: TaskCatalogue | None = None) -> None:
        self.places = places
        self.catalogue = catalogue

    @classmethod
    def default(cls) -> Matcher:
        return cls(load_places(), load_catalogue())

    def demand_task(self, task_id: str, hours: float, weight: float = 1.0) -> DemandTask:
        """A demand task filled in from the task list."""
        if self.catalogue is None:
            raise ValueError("geen takenlijst geladen")
        return DemandTask.from_task(self.catalogue.task(task_id), hours, weight)

    def travel_minutes(self, candidate: Candidate, demand: Demand) -> float:
        return self.places.minutes(candidate.home_place, demand.place, candidate.travel_mode)

    def match(self, candidate: Candidate, demand: Demand) -> Match:
        return match(
            candidate,
            demand,
            travel_minutes=self.travel_minutes(candidate, demand),
            catalogue=self.catalogue,
        )

    def rank(
        self, demand: Demand, candidates: Sequence[Candidate], *, k: int | None = None
    ) -> list[Match]:
        """Passing candidates, best first (ties: smaller id first). Scalar; for small lists."""
        matches = [self.match(c, demand) for c in candidates]
        ranked = sorted((m for m in matches if m.passed), key=lambda m: (-m.score, m.candidate_id))
        return ranked if k is None else ranked[:k]

    def pool(self, candidates: Sequence[Candidate]) -> CandidatePool:
        return CandidatePool.from_candidates(candidates, self.places)

    def top_k(self, pool: CandidatePool, demand: Demand, k: int) -> list[tuple[str, float]]:
        """The ``k`` best passing candidates of ``pool`` for ``demand``: (id, score)."""
        return [(pool.ids[i], score) for i, score in pool.top_k(demand, k)]

    def score_matrix(
        self,
        candidates: Sequence[Candidate],
        demands: Sequence[Demand],
        *,
        dtype: type[np.floating] = np.float64,
        part_dtype: type[np.uint8] | type[np.floating] | None = None,
        out: ScoreMatrix | None = None,
    ) -> ScoreMatrix:
        """All pairs; ``out`` reuses (and overwrites) the memory of an earlier matrix.

        For many pairs use ``dtype=np.float32, part_dtype=np.uint8``: scores within 1e-6 of
        the scalar scorer, parts as bytes (within 0.002), a third of the memory.
        """
        return score_matrix(
            self.pool(candidates),
            candidates,
            demands,
            dtype=dtype,
            part_dtype=part_dtype,
            out=out,
        )

    def explain(self, matrix: ScoreMatrix, i: int, j: int) -> Match:
        """The full explanation (Dutch text) of one pair of a score matrix, made on demand."""
        return self.match(matrix.candidates[i], matrix.demands[j])

    def matchtafel(
        self,
        candidates: Sequence[Candidate],
        places: Sequence[tuple[Demand, int]],
        *,
        min_score: float = 0.0,
        alternatives: int = 3,
    ) -> MatchtafelResult:
        """Propose the best overall assignment of ``candidates`` to the places of the demands.

        ``places`` gives each demand with its number of places. Open-hiring demands are not
        scored and so never proposed here.
        """
        demands = [d for d, count in places if count > 0]
        counts = [count for _, count in places if count > 0]
        matrix = self.score_matrix(candidates, demands)
        columns = np.repeat(np.arange(len(demands)), counts)
        result = assign(
            matrix.score[:, columns],
            matrix.passed[:, columns],
            min_score=min_score,
            alternatives=alternatives,
            groups=[demands[j].id for j in columns],
        )
        return MatchtafelResult(
            candidate_ids=tuple(c.id for c in candidates),
            slots=tuple(demands[j].id for j in columns),
            assignment=result,
        )
