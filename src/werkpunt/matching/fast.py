"""Vectorised matching with numpy: the same numbers as :func:`werkpunt.matching.core.match`.

Two paths:

- :meth:`CandidatePool.score_demand` / :meth:`CandidatePool.top_k`: one demand against many
  candidates (500,000 in the benchmark). The pool keeps every set (tasks, skills, interests,
  licences) as a sparse row structure (CSR: ``indptr`` + ``indices``); a demand becomes small
  lookup tables over those vocabularies, and each part is a gather plus ``np.bincount``.
- :func:`score_matrix`: all candidates × all demands. The demand side becomes dense matrices
  (task keys × demands, skills × demands); the candidate side becomes 0/1 matrices per chunk
  of rows; coverage, skills and interests are then matrix products, travel a gather from the
  place-to-place table, hours and constraints outer comparisons.

The *explanation* of a pair is its six part values, which are computed and kept for every
pair. Dutch text is made only on demand (:meth:`ScoreMatrix.explain` runs the scalar
explainer for that one pair). ``tests/matching/test_vectorised.py`` checks that both paths
equal the scalar scorer within 1e-9 on random inputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from werkpunt.matching.constraints import (
    DAYS_BIT,
    HOURS,
    LANGUAGE,
    LICENCES,
    OPEN_HIRING,
    TRAVEL,
    failure_codes,
)
from werkpunt.matching.vocab import (
    DAYS,
    LANGUAGE_LEVELS,
    NEUTRAL_INTERESTS,
    PARTS,
    PHYSICAL_LOADS,
    SECTORS,
    TRAVEL_MODES,
)

if TYPE_CHECKING:
    from werkpunt.matching.core import Candidate, Demand
    from werkpunt.matching.travel import Places

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: Parts kept as full (candidates × demands) matrices; completeness depends only on the
#: candidate and is a read-only broadcast view of one column.
MATRIX_PARTS = ("tasks", "skills", "travel", "hours", "interests")


def _bincount(rows: IntArray, weights: FloatArray, n: int) -> FloatArray:
    """Sum of ``weights`` per row, always float64 (numpy gives int64 for empty input)."""
    result: FloatArray = np.bincount(rows, weights=weights, minlength=n).astype(
        np.float64, copy=False
    )
    return result


def _day_mask(days: Iterable[str]) -> int:
    mask = 0
    for day in days:
        mask |= 1 << DAYS.index(day)
    return mask


def _sector_mask(sectors: Iterable[str]) -> int:
    mask = 0
    for sector in sectors:
        mask |= 1 << SECTORS.index(sector)
    return mask


@dataclass(frozen=True)
class _Csr:
    """Sets of ids per row: row r holds ``indices[indptr[r]:indptr[r + 1]]``.

    ``holders`` is the transpose: the rows holding id v are
    ``holders[pointer[v]:pointer[v + 1]]`` (each row at most once per id).
    """

    indptr: IntArray
    indices: IntArray
    rows: IntArray  # the row of every entry
    pointer: IntArray
    holders: IntArray

    @classmethod
    def build(cls, sets: Sequence[Iterable[str]], vocab: dict[str, int]) -> _Csr:
        lengths = np.zeros(len(sets), dtype=np.int64)
        flat: list[int] = []
        for r, items in enumerate(sets):
            before = len(flat)
            flat.extend(vocab.setdefault(item, len(vocab)) for item in items)
            lengths[r] = len(flat) - before
        return cls.from_arrays(lengths, np.array(flat, dtype=np.int64), len(vocab))

    @classmethod
    def from_arrays(cls, lengths: IntArray, indices: IntArray, width: int) -> _Csr:
        indptr = np.zeros(lengths.size + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        rows = np.repeat(np.arange(lengths.size, dtype=np.int64), lengths)
        pointer = np.zeros(width + 1, dtype=np.int64)
        np.cumsum(np.bincount(indices, minlength=width), out=pointer[1:])
        holders = rows[np.argsort(indices, kind="stable")]
        return cls(indptr, indices, rows, pointer, holders)

    def holding(self, item: int) -> IntArray:
        """The rows that hold id ``item`` (empty for -1, an id nobody holds)."""
        if item < 0 or item + 1 >= self.pointer.size:
            return self.holders[:0]
        return self.holders[self.pointer[item] : self.pointer[item + 1]]

    def dense(self, start: int, stop: int, width: int) -> NDArray[np.bool_]:
        """0/1 matrix of rows ``start:stop`` with ``width`` columns (one spare at the end)."""
        out = np.zeros((stop - start, width), dtype=np.bool_)
        lo, hi = self.indptr[start], self.indptr[stop]
        out[self.rows[lo:hi] - start, self.indices[lo:hi]] = True
        return out


@dataclass(frozen=True)
class CandidatePool:
    """Many candidates as arrays, built once and reused for every demand."""

    ids: tuple[str, ...]
    id_rank: IntArray
    places: Places
    task_vocab: dict[str, int]
    skill_vocab: dict[str, int]
    licence_vocab: dict[str, int]
    tasks: _Csr
    interest_tasks: _Csr
    skills: _Csr
    licences: _Csr
    sector_members: tuple[IntArray, ...]  # per sector: candidates with it as an interest
    interest_sectors: NDArray[np.int64]  # bit mask per candidate
    has_interests: NDArray[np.bool_]
    neutral: FloatArray  # 0.5 for a candidate without any interest, else 0
    language: NDArray[np.int64]  # -1: not filled in
    language_tasks: NDArray[np.int64]  # for task coverage, not filled in counts as "geen"
    load: NDArray[np.int64]
    hours: FloatArray
    hours_for_check: FloatArray  # -inf when no hours, so one comparison fails them
    days: NDArray[np.int64]
    place: IntArray  # index in the travel table; unknown: the last one
    mode: IntArray  # index in the travel table; unknown: the last one
    mode_place: IntArray  # mode * (places + 1) + place
    max_minutes: FloatArray
    completeness: FloatArray
    travel_table: FloatArray  # (modes + 1 unknown, places + 1 unknown, places + 1 unknown)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_candidates(cls, candidates: Sequence[Candidate], places: Places) -> CandidatePool:
        n = len(candidates)
        task_vocab: dict[str, int] = {}
        skill_vocab: dict[str, int] = {}
        licence_vocab: dict[str, int] = {}
        sector_codes = frozenset(SECTORS)
        tasks = _Csr.build([c.tasks for c in candidates], task_vocab)
        interest_tasks = _Csr.build([c.interests - sector_codes for c in candidates], task_vocab)
        # Both use one vocabulary: rebuild the transposes at its final width.
        tasks = _Csr.from_arrays(np.diff(tasks.indptr), tasks.indices, len(task_vocab))
        interest_tasks = _Csr.from_arrays(
            np.diff(interest_tasks.indptr), interest_tasks.indices, len(task_vocab)
        )
        skills = _Csr.build([c.skills for c in candidates], skill_vocab)
        licences = _Csr.build([c.licences for c in candidates], licence_vocab)
        ids = tuple(c.id for c in candidates)
        id_rank = np.empty(n, dtype=np.int64)
        id_rank[np.argsort(np.array(ids, dtype=object), kind="stable")] = np.arange(n)
        language_index = {level: i for i, level in enumerate(LANGUAGE_LEVELS)}
        load_index = {load: i for i, load in enumerate(PHYSICAL_LOADS)}
        mode_index = {m: i for i, m in enumerate(TRAVEL_MODES)}
        sector_bit = {s: 1 << i for i, s in enumerate(SECTORS)}
        language = np.array(
            [language_index.get(c.language_level or "", -1) for c in candidates], dtype=np.int64
        )
        interest_sectors = np.array(
            [sum(sector_bit[s] for s in c.interests & sector_codes) for c in candidates],
            dtype=np.int64,
        )
        has_interests = np.array([bool(c.interests) for c in candidates], dtype=np.bool_)
        hours = np.array([c.hours_per_week for c in candidates], dtype=np.float64)
        place = np.array([places.position(c.home_place) for c in candidates], dtype=np.int64)
        place %= len(places) + 1
        mode = np.array(
            [mode_index.get(c.travel_mode or "", len(TRAVEL_MODES)) for c in candidates],
            dtype=np.int64,
        )
        table = np.concatenate(
            [places.table, np.full((1, *places.table.shape[1:]), np.inf)], axis=0
        )
        table.setflags(write=False)
        return cls(
            ids=ids,
            id_rank=id_rank,
            places=places,
            task_vocab=task_vocab,
            skill_vocab=skill_vocab,
            licence_vocab=licence_vocab,
            tasks=tasks,
            interest_tasks=interest_tasks,
            skills=skills,
            licences=licences,
            sector_members=tuple(
                np.flatnonzero((interest_sectors >> s) & 1) for s in range(len(SECTORS))
            ),
            interest_sectors=interest_sectors,
            has_interests=has_interests,
            neutral=np.where(has_interests, 0.0, NEUTRAL_INTERESTS),
            language=language,
            language_tasks=np.maximum(language, 0),
            load=np.array([load_index[c.max_physical_load] for c in candidates], dtype=np.int64),
            hours=hours,
            hours_for_check=np.where(hours > 0, hours, -np.inf),
            days=np.array([_day_mask(c.days) for c in candidates], dtype=np.int64),
            place=place,
            mode=mode,
            mode_place=mode * (len(places) + 1) + place,
            max_minutes=np.array([c.max_travel_minutes for c in candidates], dtype=np.float64),
            completeness=np.array([c.completeness for c in candidates], dtype=np.float64),
            travel_table=table,
        )

    # --- One demand against the whole pool ---------------------------------------------------

    def score_demand(self, demand: Demand) -> DemandScores:
        """All parts, the score and the failed constraints of every candidate for ``demand``.

        Each set-based part only touches the candidates holding one of the demand's few tasks,
        skills or sectors (``holders``); the rest are whole-array operations.
        """
        n = len(self)
        place = self.places.position(demand.place) % (len(self.places) + 1)
        minutes = self.travel_table[:, :, place].ravel()[self.mode_place]
        failures = np.zeros(n, dtype=np.uint8)
        if demand.open_hiring:
            failures[:] = OPEN_HIRING
            zero = np.zeros(n)
            return DemandScores(demand.id, zero, dict.fromkeys(PARTS, zero), failures, minutes)

        total = demand.total_weight
        coverage = np.zeros(n)
        interests = self.neutral.copy()
        skill_weight: dict[int, float] = {}
        skills_constant = 0.0
        sector_weight = np.zeros(len(SECTORS))
        for task in demand.tasks:
            share = task.weight / total
            sector = SECTORS.index(task.sector)
            sector_weight[sector] += share
            v = self.task_vocab.get(task.task_id, -1)
            holders = self.tasks.holding(v)
            ok = (self.language_tasks[holders] >= LANGUAGE_LEVELS.index(task.language)) & (
                self.load[holders] >= PHYSICAL_LOADS.index(task.physical_load)
            )
            coverage[holders[ok]] += share
            fans = self.interest_tasks.holding(v)
            interests[fans[((self.interest_sectors[fans] >> sector) & 1) == 0]] += share
            if not task.skills:
                skills_constant += share
            for skill in task.skills:
                s = self.skill_vocab.get(skill, -1)
                skill_weight[s] = skill_weight.get(s, 0.0) + task.weight / (
                    total * len(task.skills)
                )
        for wanted in np.flatnonzero(sector_weight):
            interests[self.sector_members[wanted]] += sector_weight[wanted]
        skills = np.full(n, skills_constant)
        for s, weight in skill_weight.items():
            skills[self.skills.holding(s)] += weight

        travel = _travel_value(minutes, self.max_minutes)
        hours = np.minimum(self.hours, demand.total_hours)
        hours /= demand.total_hours
        parts = {
            "tasks": coverage,
            "skills": skills,
            "travel": travel,
            "hours": hours,
            "interests": interests,
            "completeness": self.completeness,
        }
        alpha = demand.effective_weights
        score = alpha[0] * coverage
        for p, name in enumerate(PARTS[1:], start=1):
            score += alpha[p] * parts[name]
        score /= sum(alpha)

        failures |= (self.hours_for_check < demand.effective_min_hours).view(np.uint8) * np.uint8(
            HOURS
        )
        failures |= (~(minutes <= self.max_minutes)).view(np.uint8) * np.uint8(TRAVEL)
        needed = LANGUAGE_LEVELS.index(demand.required_language)
        if needed > 0:
            failures |= (self.language < needed).view(np.uint8) * np.uint8(LANGUAGE)
        if demand.required_licences:
            held = np.zeros(n, dtype=np.int64)
            for lic in demand.required_licences:
                held[self.licences.holding(self.licence_vocab.get(lic, -1))] += 1
            lacking = held < len(demand.required_licences)
            failures |= lacking.view(np.uint8) * np.uint8(LICENCES)
        if demand.days:
            mask = _day_mask(demand.days)
            failures |= ((self.days & mask) != mask).view(np.uint8) * np.uint8(DAYS_BIT)
        return DemandScores(demand.id, score, parts, failures, minutes)

    def top_k(self, demand: Demand, k: int) -> list[tuple[int, float]]:
        """The ``k`` best candidates that pass every hard constraint: (index, score)."""
        scores = self.score_demand(demand)
        chosen = top_k_indices(scores.score, scores.passed, self.id_rank, k)
        return [(int(i), float(scores.score[i])) for i in chosen]


@dataclass(frozen=True)
class DemandScores:
    demand_id: str
    score: FloatArray
    parts: dict[str, FloatArray]
    failures: NDArray[np.uint8]
    travel_minutes: FloatArray

    @property
    def passed(self) -> NDArray[np.bool_]:
        result: NDArray[np.bool_] = self.failures == 0
        return result


def _travel_value(minutes: FloatArray, max_minutes: FloatArray) -> FloatArray:
    """Vectorised :func:`werkpunt.matching.core.travel_value` (broadcasts)."""
    positive = max_minutes > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        falling = np.clip(1.0 - minutes / max_minutes, 0.0, 1.0)
    result: FloatArray = np.where(positive, falling, (minutes <= 0).astype(np.float64))
    return result


def top_k_indices(
    score: NDArray[np.floating], passed: NDArray[np.bool_], id_rank: IntArray, k: int
) -> IntArray:
    """Indices of the ``k`` highest scores among ``passed``; ties go to the smaller id.

    ``argpartition`` finds the k-th best score in linear time; everything at least that good is
    then sorted by (score descending, id), so the result does not depend on the order in which
    candidates were given.
    """
    valid = np.flatnonzero(passed)
    if k <= 0 or valid.size == 0:
        return np.zeros(0, dtype=np.int64)
    values = score[valid]
    if valid.size > k:
        kth = np.argpartition(-values, k - 1)[k - 1]
        keep = values >= values[kth]
        valid, values = valid[keep], values[keep]
    order = np.lexsort((id_rank[valid], -values))
    result: IntArray = valid[order][:k].astype(np.int64)
    return result


# --- All candidates × all demands ---------------------------------------------------------------


@dataclass(frozen=True)
class ScoreMatrix:
    """Scores, part values and failed constraints for every (candidate, demand) pair.

    Stored demand-major (one contiguous row of candidates per demand, which is what a ranking
    per demand reads); :attr:`score`, :attr:`parts` and :attr:`failures` are (candidates ×
    demands) views of that storage.
    """

    candidates: Sequence[Candidate]
    demands: Sequence[Demand]
    score_by_demand: NDArray[np.floating]
    parts_by_demand: dict[str, NDArray[np.floating]]
    failures_by_demand: NDArray[np.uint8]
    id_rank: IntArray

    @property
    def score(self) -> NDArray[np.floating]:
        return self.score_by_demand.T

    @property
    def parts(self) -> dict[str, NDArray[np.floating]]:
        return {name: value.T for name, value in self.parts_by_demand.items()}

    @property
    def failures(self) -> NDArray[np.uint8]:
        return self.failures_by_demand.T

    @property
    def passed(self) -> NDArray[np.bool_]:
        result: NDArray[np.bool_] = self.failures_by_demand.T == 0
        return result

    def part_values(self, i: int, j: int) -> dict[str, float]:
        return {name: float(self.parts_by_demand[name][j, i]) for name in PARTS}

    def failed_constraints(self, i: int, j: int) -> tuple[str, ...]:
        return failure_codes(int(self.failures_by_demand[j, i]))

    def top_k(self, j: int, k: int) -> list[tuple[int, float]]:
        """The ``k`` best passing candidates for demand ``j``: (candidate index, score)."""
        row = self.score_by_demand[j]
        chosen = top_k_indices(row, self.failures_by_demand[j] == 0, self.id_rank, k)
        return [(int(i), float(row[i])) for i in chosen]


def score_matrix(
    pool: CandidatePool,
    candidates: Sequence[Candidate],
    demands: Sequence[Demand],
    *,
    dtype: type[np.floating] = np.float64,
    block: int = 16,
    out: ScoreMatrix | None = None,
) -> ScoreMatrix:
    """Score every candidate of ``pool`` (built from ``candidates``) against every demand.

    Work is done per block of ``block`` demands, so the temporaries stay small and every
    result is written once, straight into its place. Stored as ``dtype``: float64 (default)
    equals the scalar scorer within 1e-9; float32 halves memory and writing.

    ``out``: an earlier matrix of the same shape and dtype whose memory is reused (and
    overwritten). Fresh memory from the operating system costs about as much as the
    computing itself for 10,000 × 3,000 pairs, so a process that recomputes often should
    pass its previous matrix.
    """
    n, m = len(pool), len(demands)
    buffers = None
    if out is not None:
        if out.score_by_demand.shape != (m, n) or out.score_by_demand.dtype != np.dtype(dtype):
            raise ValueError("out heeft een andere vorm of een ander type")
        buffers = (out.score_by_demand, out.parts_by_demand, out.failures_by_demand)
    context = _MatrixContext.build(pool, demands, dtype, buffers)
    for start in range(0, m, block):
        context.score_block(start, min(m, start + block))
    if context.open_hiring.any():
        rows = np.flatnonzero(context.open_hiring)
        context.score[rows] = 0
        for name in MATRIX_PARTS:
            context.parts[name][rows] = 0
        context.failures[rows] = OPEN_HIRING
    completeness = np.broadcast_to(pool.completeness.astype(dtype)[None, :], (m, n))
    parts: dict[str, NDArray[np.floating]] = {**context.parts, "completeness": completeness}
    return ScoreMatrix(candidates, demands, context.score, parts, context.failures, pool.id_rank)


def _join(entry_ids: IntArray, pointer: IntArray, rows: IntArray) -> tuple[IntArray, IntArray]:
    """For every entry, every row holding its id: (entry index, row) pairs, in entry order."""
    known = entry_ids >= 0
    if pointer.size < 2 or not known.any():
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    safe = np.where(known, entry_ids, 0)
    counts = np.where(known, pointer[safe + 1] - pointer[safe], 0)
    entry = np.repeat(np.arange(entry_ids.size, dtype=np.int64), counts)
    first = np.cumsum(counts) - counts
    position = np.arange(entry.size, dtype=np.int64) - first[entry] + pointer[safe][entry]
    return entry, rows[position]


@dataclass
class _MatrixContext:
    """Everything prepared once for :func:`score_matrix`, and the outputs being filled.

    Pairs are "flat" indices ``demand * candidates + candidate``, sorted by demand, so the
    pairs of a block of demands are one slice and ``np.bincount`` sums them.
    """

    n: int
    dtype: type[np.floating]
    coverage_flat: IntArray  # pairs where the candidate lists the task and can do it
    coverage_weight: FloatArray
    coverage_demand: IntArray
    interest_flat: IntArray  # interest by sector, and by task id when the sector is not one
    interest_weight: FloatArray
    interest_demand: IntArray
    neutral: NDArray[np.floating]  # per candidate: 0.5 without any interest, else 0
    entry_demand: IntArray  # skills: per demand a weighted sum of rows of ``recall``
    entry_skillset: IntArray
    entry_weight: NDArray[np.floating]
    recall: NDArray[np.floating]  # (distinct skill sets, candidates)
    place: IntArray
    travel_value: NDArray[np.floating]  # (places + 1, candidates)
    travel_failed: NDArray[np.uint8]
    total_hours: NDArray[np.floating]
    min_hours: FloatArray
    language: IntArray  # required level, -1 when nothing is required
    days: IntArray
    licence_required: NDArray[np.uint64]  # (words, demands) bit masks
    alpha: NDArray[np.floating]  # (demands, parts), divided by their sum
    open_hiring: NDArray[np.bool_]
    hours: NDArray[np.floating]
    hours_for_check: FloatArray  # -inf for no hours at all, so one comparison fails them
    language_c: IntArray
    days_c: IntArray
    licence_held: NDArray[np.uint64]  # (words, candidates) bit masks
    completeness: NDArray[np.floating]
    score: NDArray[np.floating]  # outputs, demand-major
    parts: dict[str, NDArray[np.floating]]
    failures: NDArray[np.uint8]

    @classmethod
    def build(
        cls,
        pool: CandidatePool,
        demands: Sequence[Demand],
        dtype: type[np.floating],
        buffers: tuple[NDArray[np.floating], dict[str, NDArray[np.floating]], NDArray[np.uint8]]
        | None = None,
    ) -> _MatrixContext:
        n, m = len(pool), len(demands)
        skillsets: dict[frozenset[str], int] = {}
        rows: list[tuple[int, int, float, int, int, int, int]] = []
        sector_weight = np.zeros((m, len(SECTORS)))
        required_ids = sorted({lic for d in demands for lic in d.required_licences})
        bit_of = {lic: b for b, lic in enumerate(required_ids)}
        words = max(1, -(-len(required_ids) // 64))
        licence_required = np.zeros((words, m), dtype=np.uint64)
        alpha = np.empty((m, len(PARTS)))
        per_demand = np.empty((m, 6))  # total hours, min hours, language, days, place, open
        language_index = {level: i for i, level in enumerate(LANGUAGE_LEVELS)}
        load_index = {load: i for i, load in enumerate(PHYSICAL_LOADS)}
        sector_index = {sector: i for i, sector in enumerate(SECTORS)}
        task_vocab = pool.task_vocab
        for j, demand in enumerate(demands):
            total = demand.total_weight
            alpha[j] = demand.effective_weights
            per_demand[j] = (
                demand.total_hours,
                demand.effective_min_hours,
                language_index[demand.required_language],
                _day_mask(demand.days),
                pool.places.position(demand.place) % (len(pool.places) + 1),
                demand.open_hiring,
            )
            for task in demand.tasks:
                share = task.weight / total
                sector = sector_index[task.sector]
                rows.append(
                    (
                        j,
                        task_vocab.get(task.task_id, -1),
                        share,
                        language_index[task.language],
                        load_index[task.physical_load],
                        sector,
                        skillsets.setdefault(task.skills, len(skillsets)),
                    )
                )
                sector_weight[j, sector] += share
            for lic in demand.required_licences:
                licence_required[bit_of[lic] // 64, j] |= np.uint64(1 << (bit_of[lic] % 64))
        table = np.array(rows, dtype=np.float64).reshape(-1, 7)
        entry_weight = table[:, 2].copy()
        entry_demand, entry_task, entry_language, entry_load, entry_sector, entry_skillset = (
            table[:, c].astype(np.int64) for c in (0, 1, 3, 4, 5, 6)
        )

        # Coverage: (entry, candidate) where the candidate lists the task and can take it on.
        entry, cand = _join(entry_task, pool.tasks.pointer, pool.tasks.holders)
        ok = (pool.language_tasks[cand] >= entry_language[entry]) & (
            pool.load[cand] >= entry_load[entry]
        )
        entry, cand = entry[ok], cand[ok]
        coverage_demand = entry_demand[entry]
        coverage = (coverage_demand * n + cand, entry_weight[entry], coverage_demand)

        # Interest by task id, only where the task's sector is not already an interest.
        entry, cand = _join(entry_task, pool.interest_tasks.pointer, pool.interest_tasks.holders)
        ok = ((pool.interest_sectors[cand] >> entry_sector[entry]) & 1) == 0
        entry, cand = entry[ok], cand[ok]
        interest_demand = entry_demand[entry]
        interest = (interest_demand * n + cand, entry_weight[entry], interest_demand)

        # Interest by sector: (demand, candidate with that sector among the interests).
        sector_demands, sectors = np.nonzero(sector_weight)
        sector_pointer = np.zeros(len(SECTORS) + 1, dtype=np.int64)
        np.cumsum([len(x) for x in pool.sector_members], out=sector_pointer[1:])
        entry, cand = _join(sectors, sector_pointer, np.concatenate(pool.sector_members))
        sector_demand = sector_demands[entry]
        merged = np.concatenate([interest[2], sector_demand])
        order = np.argsort(merged, kind="stable")
        interest = (
            np.concatenate([interest[0], sector_demand * n + cand])[order],
            np.concatenate([interest[1], sector_weight[sector_demands[entry], sectors[entry]]])[
                order
            ],
            merged[order],
        )

        # Skills: recall (share of the needed skills held) of every skill set, per candidate.
        sets = list(skillsets)
        set_skill = np.zeros((len(sets), len(pool.skill_vocab) + 1))
        for s, skills in enumerate(sets):
            for skill in skills:
                set_skill[s, pool.skill_vocab.get(skill, len(pool.skill_vocab))] += 1 / len(skills)
        held = pool.skills.dense(0, n, len(pool.skill_vocab) + 1).astype(np.float64)
        recall = set_skill @ held.T
        recall[[s for s, skills in enumerate(sets) if not skills]] = 1.0

        # Travel: value and failure for every (place of a demand, candidate).
        minutes = pool.travel_table[pool.mode, pool.place].T
        travel_value = _travel_value(minutes, pool.max_minutes[None, :])
        travel_failed = (~(minutes <= pool.max_minutes[None, :])).view(np.uint8) * np.uint8(TRAVEL)

        licence_held = np.zeros((words, n), dtype=np.uint64)
        for lic, b in bit_of.items():
            v = pool.licence_vocab.get(lic)
            if v is not None:
                owners = pool.licences.rows[pool.licences.indices == v]
                licence_held[b // 64, owners] |= np.uint64(1 << (b % 64))
        language = per_demand[:, 2].astype(np.int64)
        return cls(
            n=n,
            dtype=dtype,
            coverage_flat=coverage[0],
            coverage_weight=coverage[1],
            coverage_demand=coverage[2],
            interest_flat=interest[0],
            interest_weight=interest[1],
            interest_demand=interest[2],
            neutral=pool.neutral.astype(dtype),
            entry_demand=entry_demand,
            entry_skillset=entry_skillset,
            entry_weight=entry_weight.astype(dtype),
            recall=recall.astype(dtype),
            # An unknown place is the last row of the travel table (infinite minutes).
            place=per_demand[:, 4].astype(np.int64),
            travel_value=travel_value.astype(dtype),
            travel_failed=travel_failed,
            total_hours=per_demand[:, 0].astype(dtype),
            min_hours=per_demand[:, 1].copy(),
            language=np.where(language > 0, language, -1),
            days=per_demand[:, 3].astype(np.int64),
            licence_required=licence_required,
            # Weights divided by their sum: the score is then a plain weighted sum.
            alpha=(alpha / alpha.sum(axis=1, keepdims=True)).astype(dtype),
            open_hiring=per_demand[:, 5].astype(np.bool_),
            hours=pool.hours.astype(dtype),
            hours_for_check=pool.hours_for_check,
            language_c=pool.language,
            days_c=pool.days,
            licence_held=licence_held,
            completeness=pool.completeness.astype(dtype),
            score=buffers[0] if buffers else np.empty((m, n), dtype=dtype),
            parts={
                name: buffers[1][name] if buffers else np.empty((m, n), dtype=dtype)
                for name in MATRIX_PARTS
            },
            failures=buffers[2] if buffers else np.empty((m, n), dtype=np.uint8),
        )

    def _sparse_block(
        self,
        pairs: tuple[IntArray, FloatArray, IntArray],
        start: int,
        stop: int,
        out: NDArray[np.floating],
    ) -> None:
        flat, weight, demand = pairs
        lo, hi = np.searchsorted(demand, [start, stop])
        summed = _bincount(flat[lo:hi] - start * self.n, weight[lo:hi], (stop - start) * self.n)
        out[...] = summed.reshape(stop - start, self.n)

    def score_block(self, start: int, stop: int) -> None:
        """Fill rows ``start:stop`` (demands) of every output, each written once, in place."""
        rows = slice(start, stop)
        tasks, skills, travel, hours, interests = (self.parts[p][rows] for p in MATRIX_PARTS)
        self._sparse_block(
            (self.coverage_flat, self.coverage_weight, self.coverage_demand), start, stop, tasks
        )
        self._sparse_block(
            (self.interest_flat, self.interest_weight, self.interest_demand), start, stop, interests
        )
        interests += self.neutral[None, :]
        bounds = np.searchsorted(self.entry_demand, np.arange(start, stop + 1))
        for i in range(stop - start):
            lo, hi = bounds[i], bounds[i + 1]
            np.dot(self.entry_weight[lo:hi], self.recall[self.entry_skillset[lo:hi]], out=skills[i])
        # mode="clip": with "raise" numpy buffers ``out`` (the indices are valid anyway).
        np.take(self.travel_value, self.place[rows], axis=0, out=travel, mode="clip")
        total_hours = self.total_hours[rows, None]
        np.minimum(self.hours[None, :], total_hours, out=hours)
        hours /= total_hours

        score = self.score[rows]
        alpha = self.alpha[rows]
        scratch = np.empty_like(score)
        np.multiply(tasks, alpha[:, 0, None], out=score)
        for p, value in ((1, skills), (2, travel), (3, hours), (4, interests)):
            np.multiply(value, alpha[:, p, None], out=scratch)
            score += scratch
        np.multiply(self.completeness[None, :], alpha[:, 5, None], out=scratch)
        score += scratch

        bits = self.failures[rows]
        np.take(self.travel_failed, self.place[rows], axis=0, out=bits, mode="clip")
        flag = np.empty(bits.shape, dtype=np.bool_)
        np.less(self.hours_for_check[None, :], self.min_hours[rows, None], out=flag)
        _set_bit(bits, flag, HOURS)
        if (self.language[rows] > 0).any():
            np.less(self.language_c[None, :], self.language[rows, None], out=flag)
            _set_bit(bits, flag, LANGUAGE)
        for word in range(self.licence_required.shape[0]):
            required = self.licence_required[word, rows, None]
            if required.any():
                np.not_equal(self.licence_held[word, None, :] & required, required, out=flag)
                _set_bit(bits, flag, LICENCES)
        days = self.days[rows, None]
        if days.any():
            np.not_equal(self.days_c[None, :] & days, days, out=flag)
            _set_bit(bits, flag, DAYS_BIT)


def _set_bit(bits: NDArray[np.uint8], flag: NDArray[np.bool_], bit: int) -> None:
    """``bits |= bit`` where ``flag`` is true, without temporaries (``flag`` is used up)."""
    as_int = flag.view(np.uint8)
    np.multiply(as_int, np.uint8(bit), out=as_int)
    np.bitwise_or(bits, as_int, out=bits)
