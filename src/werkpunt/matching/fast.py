"""Vectorised matching with numpy: the same numbers as :func:`werkpunt.matching.core.match`.

Two paths:

- :meth:`CandidatePool.score_demand` / :meth:`CandidatePool.top_k`: one demand against many
  candidates (500,000 in the benchmark). The pool keeps every set (tasks, skills, interests,
  licences) as a sparse row structure (CSR: ``indptr`` + ``indices``); a demand becomes small
  lookup tables over those vocabularies, and each part is a gather plus ``np.bincount``.
- :func:`score_matrix`: all candidates × all demands, in blocks of a few demands that fit in
  the cache, spread over threads (numpy releases the GIL). Coverage and interests are sparse
  additions (only candidates sharing a task or sector with a demand), skills a weighted sum of
  a few per-task recall rows per demand, travel a row copy from a place × candidate table,
  hours and constraints outer comparisons. Every output is written once, in place.

The *explanation* of a pair is its six part values, which are computed and kept for every
pair (as floats, or as one byte each: ``part_dtype=np.uint8``). Dutch text is made only on
demand (``Matcher.explain`` runs the scalar explainer for that one pair).
``tests/matching/test_vectorised.py`` checks that both paths equal the scalar scorer on random
inputs: within 1e-9 in float64, 1e-6 in float32, and parts stored as bytes within half a step
(0.5 / 255).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

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

#: With ``part_dtype=np.uint8`` a part value v (0-1) is stored as the byte ``round(255 × v)``.
PART_LEVELS = 255

#: Pairs per block of work: with 10,000 candidates a block is 26 demands and the scratch of
#: one worker (four parts and a spare, 4 bytes each) about 5 MB, which stays in the L3 cache.
#: Smaller blocks spend more time in Python (holding the GIL) per pair, larger ones in memory.
BLOCK_VALUES = 2**18
#: With the default ``workers``, a thread only for each so many pairs (threads cost too).
PAIRS_PER_WORKER = 2**18


@dataclass(frozen=True)
class ScoreMatrix:
    """Scores, part values and failed constraints for every (candidate, demand) pair.

    Stored demand-major (one contiguous row of candidates per demand, which is what a ranking
    per demand reads); :attr:`score`, :attr:`parts` and :attr:`failures` are (candidates ×
    demands) views of that storage.

    ``part_levels`` is 0 when the parts are stored as floats (their values). Otherwise each
    part is stored as a byte: the value rounded to a whole number of steps of
    ``1 / part_levels`` (255 steps: at most 0.002 off). The score is always computed from the
    unrounded parts.
    """

    candidates: Sequence[Candidate]
    demands: Sequence[Demand]
    score_by_demand: NDArray[np.floating]
    parts_by_demand: dict[str, NDArray[np.number]]
    failures_by_demand: NDArray[np.uint8]
    id_rank: IntArray
    part_levels: int = 0

    @property
    def score(self) -> NDArray[np.floating]:
        return self.score_by_demand.T

    @property
    def parts(self) -> dict[str, NDArray[np.floating]]:
        """Part values, (candidates × demands) per part.

        Views of the storage when parts are stored as floats. When stored as bytes these are
        new float32 arrays (4 bytes per pair and part): for a few pairs use
        :meth:`part_values`.
        """
        if not self.part_levels:
            return {
                name: cast("NDArray[np.floating]", value.T)
                for name, value in self.parts_by_demand.items()
            }
        levels = np.float32(self.part_levels)
        return {
            name: np.divide(value.T, levels, dtype=np.float32)
            for name, value in self.parts_by_demand.items()
        }

    @property
    def failures(self) -> NDArray[np.uint8]:
        return self.failures_by_demand.T

    @property
    def passed(self) -> NDArray[np.bool_]:
        result: NDArray[np.bool_] = self.failures_by_demand.T == 0
        return result

    def part_values(self, i: int, j: int) -> dict[str, float]:
        levels = self.part_levels or 1
        return {name: float(self.parts_by_demand[name][j, i]) / levels for name in PARTS}

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
    part_dtype: type[np.uint8] | type[np.floating] | None = None,
    block: int | None = None,
    workers: int | None = None,
    out: ScoreMatrix | None = None,
) -> ScoreMatrix:
    """Score every candidate of ``pool`` (built from ``candidates``) against every demand.

    ``dtype``: the type of the scores and of the computing. float64 (default) equals the
    scalar scorer within 1e-9; float32 within 1e-6, in half the memory.

    ``part_dtype``: how the five part matrices are stored. Default: as ``dtype``.
    ``np.uint8``: one byte per part and pair (``round(255 × value)``, see
    :class:`ScoreMatrix`); the scores are still computed from the exact parts.

    The work is done in blocks of ``block`` demands (default: about 260,000 pairs), each in a
    scratch that stays in the cache; every output is written once, straight into its place.
    ``workers`` threads take blocks in turn (numpy releases the GIL while it computes);
    default: the number of cores, at most 4, and one per 260,000 pairs. ``workers=1`` uses
    no threads. Neither changes a single result.

    ``out``: an earlier matrix of the same shape and types whose memory is reused (and
    overwritten). Fresh memory from the operating system costs a lot here (it is zeroed on
    first touch), so a process that recomputes often should pass its previous matrix.
    """
    n, m = len(pool), len(demands)
    compute = np.dtype(dtype)
    stored = np.dtype(part_dtype if part_dtype is not None else dtype)
    if compute.kind != "f":
        raise ValueError("dtype moet een float-type zijn")
    if stored == np.dtype(np.uint8):
        levels = PART_LEVELS
    elif stored.kind == "f":
        levels = 0
    else:
        raise ValueError("part_dtype moet uint8 of een float-type zijn")
    if out is not None:
        if out.score_by_demand.shape != (m, n):
            raise ValueError("out heeft een andere vorm")
        if out.score_by_demand.dtype != compute or out.parts_by_demand["tasks"].dtype != stored:
            raise ValueError("out heeft een ander type")
        score = out.score_by_demand
        parts = {name: out.parts_by_demand[name] for name in MATRIX_PARTS}
        failures = out.failures_by_demand
    else:
        score = np.empty((m, n), dtype=compute)
        parts = {name: np.empty((m, n), dtype=stored) for name in MATRIX_PARTS}
        failures = np.empty((m, n), dtype=np.uint8)

    plan = _MatrixPlan.build(pool, demands, compute.type, stored, levels)
    rows = block if block is not None else max(1, min(64, BLOCK_VALUES // max(n, 1)))
    blocks = [(start, min(m, start + rows)) for start in range(0, m, rows)]
    if workers is None:
        workers = min(4, os.cpu_count() or 1, m * n // PAIRS_PER_WORKER)
    count = max(1, min(workers, len(blocks)))
    queue = _BlockQueue(blocks)
    if count == 1:
        _MatrixWorker(plan, rows, score, parts, failures).run(queue)
    else:
        with ThreadPoolExecutor(max_workers=count) as executor:
            running = [
                executor.submit(_MatrixWorker(plan, rows, score, parts, failures).run, queue)
                for _ in range(count)
            ]
            for future in running:
                future.result()

    if plan.open_hiring.any():
        closed = np.flatnonzero(plan.open_hiring)
        score[closed] = 0
        for name in MATRIX_PARTS:
            parts[name][closed] = 0
        failures[closed] = OPEN_HIRING
    completeness = _stored(pool.completeness, stored, levels)
    stored_parts: dict[str, NDArray[np.number]] = {
        **parts,
        "completeness": np.broadcast_to(completeness[None, :], (m, n)),
    }
    return ScoreMatrix(
        candidates, demands, score, stored_parts, failures, pool.id_rank, part_levels=levels
    )


def _stored(values: FloatArray, stored: np.dtype[np.number], levels: int) -> NDArray[np.number]:
    """Values (0-1) as stored: floats, or bytes rounded half up like the blocks do."""
    if levels:
        return np.floor(values * levels + 0.5).astype(stored)
    return values.astype(stored)


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


def _key_ids(code: IntArray) -> tuple[IntArray, IntArray]:
    """The distinct codes (ignoring -1) and, per entry, the index of its code (or -1)."""
    keys = np.unique(code[code >= 0])
    return keys, np.where(code >= 0, np.searchsorted(keys, code), -1)


def _grouped(keys: IntArray, rows: IntArray, width: int) -> tuple[IntArray, IntArray]:
    """CSR ``(pointer, rows)`` from (key, row) pairs already sorted by key."""
    pointer = np.zeros(width + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=width), out=pointer[1:])
    return pointer, rows


@dataclass(frozen=True)
class _Additions:
    """Sparse additions to a part: per demand some weighted keys, per key its candidates.

    Entry e (of demand ``base[e] // n``) adds ``weight[e]`` to the candidates
    ``holders[first[e] : first[e] + count[e]]``. Entries are sorted by demand, and those of
    demand j are ``bounds[j]:bounds[j + 1]``.
    """

    n: int
    bounds: IntArray
    base: IntArray  # demand × candidates: the flat index of the demand's first pair
    first: IntArray
    count: IntArray
    weight: NDArray[np.floating]
    holders: IntArray

    @classmethod
    def build(
        cls,
        *,
        demand: IntArray,
        key: IntArray,
        weight: FloatArray,
        grouped: tuple[IntArray, IntArray],
        shape: tuple[int, int],
        dtype: type[np.floating],
    ) -> _Additions:
        pointer, holders = grouped
        m, n = shape
        known = key >= 0
        count = np.zeros(key.size, dtype=np.int64)
        count[known] = pointer[key[known] + 1] - pointer[key[known]]
        keep = count > 0  # entries that add to nobody are left out
        demand = demand[keep]
        return cls(
            n=n,
            bounds=np.searchsorted(demand, np.arange(m + 1)),
            base=demand * n,
            first=pointer[key[keep]],
            count=count[keep],
            weight=weight[keep].astype(dtype),
            holders=holders,
        )

    def add_to(self, out: NDArray[np.floating], start: int, stop: int) -> None:
        """Add the entries of demands ``start:stop`` to ``out`` (their rows, C-contiguous)."""
        lo, hi = int(self.bounds[start]), int(self.bounds[stop])
        if lo == hi:
            return
        count = self.count[lo:hi]
        ends = np.cumsum(count)
        # Pair p of entry e sits at holders[first[e] + p]: one arange plus a per-entry shift.
        position = np.repeat(self.first[lo:hi] - (ends - count), count)
        position += np.arange(int(ends[-1]))
        flat = self.holders[position]
        flat += np.repeat(self.base[lo:hi] - start * self.n, count)
        np.add.at(out.reshape(-1), flat, np.repeat(self.weight[lo:hi], count))


@dataclass(frozen=True)
class _MatrixPlan:
    """Everything prepared once for :func:`score_matrix`, read (never written) by the workers.

    Parts are computed in ``scale`` units plus ``offset``: ``scale × value + offset``. For
    parts stored as floats that is the value itself (1 and 0); for bytes it is
    ``255 × value + 0.5``, which a cast to uint8 rounds to the nearest step. The score takes
    the scale and offset back out (``coef`` and ``shift``).
    """

    n: int
    dtype: type[np.floating]
    coverage: _Additions
    interest_tasks: _Additions  # an interest by task id, when its sector is not one already
    interest_sectors: _Additions
    interest_base: NDArray[np.floating]  # per candidate: neutral (no interests) and offset
    skill_bounds: IntArray  # skills: per demand a weighted sum of rows of ``recall``
    skill_set: IntArray
    skill_weight: NDArray[np.floating]
    recall: NDArray[np.floating]  # (distinct skill sets, candidates)
    offset: float
    place: IntArray
    travel: NDArray[np.floating]  # (places + 1, candidates): the values, for the score
    travel_stored: NDArray[np.number]  # the same as stored (bytes or floats)
    travel_failed: NDArray[np.uint8]
    hours: NDArray[np.floating]
    total_hours: NDArray[np.floating]
    hours_factor: NDArray[np.floating]  # scale / total hours
    coef: NDArray[np.floating]  # (demands, parts): weight / sum of weights / scale
    shift: NDArray[np.floating]  # what the offsets add to the score
    completeness: NDArray[np.floating]
    open_hiring: NDArray[np.bool_]
    min_hours: FloatArray
    hours_for_check: FloatArray  # -inf for no hours at all, so one comparison fails them
    language: NDArray[np.int8]  # required level, -1 when nothing is required
    language_c: NDArray[np.int8]
    days: NDArray[np.uint8]
    days_c: NDArray[np.uint8]
    licence_required: NDArray[np.uint8]  # (bytes, demands) bit masks, 8 licences a byte
    licence_held: NDArray[np.uint8]  # (bytes, candidates) bit masks

    @classmethod
    def build(
        cls,
        pool: CandidatePool,
        demands: Sequence[Demand],
        dtype: type[np.floating],
        stored: np.dtype[np.number],
        levels: int,
    ) -> _MatrixPlan:
        n, m = len(pool), len(demands)
        scale = float(levels or 1)
        offset = 0.5 if levels else 0.0
        language_index = {level: i for i, level in enumerate(LANGUAGE_LEVELS)}
        load_index = {load: i for i, load in enumerate(PHYSICAL_LOADS)}
        sector_index = {sector: i for i, sector in enumerate(SECTORS)}
        task_vocab = pool.task_vocab
        position = pool.places.position
        place_count = len(pool.places) + 1
        skillsets: dict[frozenset[str], int] = {}
        licence_bit: dict[str, int] = {}
        weights: list[tuple[float, ...]] = []
        per_demand: list[tuple[float, float, int, int, int, bool]] = []
        licence_masks: list[int] = []
        entries: list[tuple[int, int, float, int, int, int, int]] = []
        sector_entries: list[tuple[int, int, float]] = []
        # One pass in plain Python (numpy per item is slow); arrays are made once at the end.
        for j, demand in enumerate(demands):
            total = demand.total_weight
            weights.append(demand.effective_weights)
            per_demand.append(
                (
                    demand.total_hours,
                    demand.effective_min_hours,
                    language_index[demand.required_language],
                    _day_mask(demand.days),
                    position(demand.place) % place_count,
                    demand.open_hiring,
                )
            )
            mask = 0
            for lic in demand.required_licences:
                mask |= 1 << licence_bit.setdefault(lic, len(licence_bit))
            licence_masks.append(mask)
            by_sector: dict[int, float] = {}
            for task in demand.tasks:
                share = task.weight / total
                sector = sector_index[task.sector]
                entries.append(
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
                by_sector[sector] = by_sector.get(sector, 0.0) + share
            sector_entries.extend((j, s, w) for s, w in by_sector.items())

        table = np.array(entries, dtype=np.float64).reshape(-1, 7)
        e_share = table[:, 2] * scale
        e_demand, e_task, e_language, e_load, e_sector, e_set = (
            table[:, c].astype(np.int64) for c in (0, 1, 3, 4, 5, 6)
        )
        known = e_task >= 0

        # Coverage: per (task, language, load) the holders of the task who can take it on.
        levels_l, loads = len(LANGUAGE_LEVELS), len(PHYSICAL_LOADS)
        code = np.where(known, (e_task * levels_l + e_language) * loads + e_load, -1)
        keys, key = _key_ids(code)
        k_entry, cand = _join(keys // (levels_l * loads), pool.tasks.pointer, pool.tasks.holders)
        k_code = keys[k_entry]
        ok = (pool.language_tasks[cand] >= (k_code // loads) % levels_l) & (
            pool.load[cand] >= k_code % loads
        )
        coverage = _Additions.build(
            demand=e_demand,
            key=key,
            weight=e_share,
            grouped=_grouped(k_entry[ok], cand[ok], keys.size),
            shape=(m, n),
            dtype=dtype,
        )

        # Interest by task id: per (task, sector) those who name the task but not the sector.
        code = np.where(known, e_task * len(SECTORS) + e_sector, -1)
        keys, key = _key_ids(code)
        k_entry, cand = _join(
            keys // len(SECTORS), pool.interest_tasks.pointer, pool.interest_tasks.holders
        )
        ok = ((pool.interest_sectors[cand] >> (keys[k_entry] % len(SECTORS))) & 1) == 0
        interest_tasks = _Additions.build(
            demand=e_demand,
            key=key,
            weight=e_share,
            grouped=_grouped(k_entry[ok], cand[ok], keys.size),
            shape=(m, n),
            dtype=dtype,
        )

        # Interest by sector: every candidate with that sector among the interests.
        sectors = np.array(sector_entries, dtype=np.float64).reshape(-1, 3)
        members = pool.sector_members
        sector_pointer = np.zeros(len(SECTORS) + 1, dtype=np.int64)
        np.cumsum([len(x) for x in members], out=sector_pointer[1:])
        interest_sectors = _Additions.build(
            demand=sectors[:, 0].astype(np.int64),
            key=sectors[:, 1].astype(np.int64),
            weight=sectors[:, 2] * scale,
            grouped=(sector_pointer, np.concatenate(members)),
            shape=(m, n),
            dtype=dtype,
        )

        # Skills: recall (share of the needed skills held) of every skill set, per candidate.
        # Plain numpy, no BLAS: OpenBLAS threads would keep spinning on the cores the
        # workers need next.
        vocab, unknown = pool.skill_vocab, len(pool.skill_vocab)
        held = np.zeros((unknown + 1, n), dtype=np.bool_)  # skill × candidate; last: nobody
        held[pool.skills.indices, pool.skills.rows] = True
        recall = np.ones((len(skillsets), n), dtype=dtype)
        for s, skills in enumerate(skillsets):
            if skills:
                ids = [vocab.get(skill, unknown) for skill in skills]
                np.add.reduce(held[ids], axis=0, dtype=dtype, out=recall[s])
                recall[s] /= len(skills)

        # Travel: value and failure for every (place of a demand, candidate).
        # (C order: each block copies whole rows; a transposed view would be read across.)
        minutes = np.ascontiguousarray(pool.travel_table[pool.mode, pool.place].T)
        travel = _travel_value(minutes, pool.max_minutes[None, :])
        travel_failed = (~(minutes <= pool.max_minutes[None, :])).view(np.uint8) * np.uint8(TRAVEL)

        words = -(-len(licence_bit) // 8)
        licence_required = np.array(
            [[(mask >> (8 * w)) & 255 for mask in licence_masks] for w in range(words)],
            dtype=np.uint8,
        ).reshape(words, m)
        licence_held = np.zeros((words, n), dtype=np.uint8)
        for lic, b in licence_bit.items():
            owners = pool.licences.holding(pool.licence_vocab.get(lic, -1))
            licence_held[b // 8, owners] |= np.uint8(1 << (b % 8))

        alpha = np.array(weights, dtype=np.float64).reshape(m, len(PARTS))
        # Weights divided by their sum: the score is then a plain weighted sum.
        alpha /= alpha.sum(axis=1, keepdims=True)
        coef = alpha.copy()
        # Parts computed in scale units plus offset (all but travel and completeness).
        scaled = [PARTS.index(name) for name in ("tasks", "skills", "hours", "interests")]
        coef[:, scaled] /= scale
        facts = np.array(per_demand, dtype=np.float64).reshape(m, 6)
        language = facts[:, 2].astype(np.int8)
        return cls(
            n=n,
            dtype=dtype,
            coverage=coverage,
            interest_tasks=interest_tasks,
            interest_sectors=interest_sectors,
            interest_base=(pool.neutral * scale + offset).astype(dtype),
            skill_bounds=np.searchsorted(e_demand, np.arange(m + 1)),
            skill_set=e_set,
            skill_weight=e_share.astype(dtype),
            recall=recall,
            offset=offset,
            # An unknown place is the last row of the travel table (infinite minutes).
            place=facts[:, 4].astype(np.int64),
            travel=travel.astype(dtype),
            travel_stored=_stored(travel, stored, levels),
            travel_failed=travel_failed,
            hours=pool.hours.astype(dtype),
            total_hours=facts[:, 0].astype(dtype),
            hours_factor=(scale / facts[:, 0]).astype(dtype),
            coef=coef.astype(dtype),
            shift=(alpha[:, scaled].sum(axis=1) * offset / scale).astype(dtype),
            completeness=pool.completeness.astype(dtype),
            open_hiring=facts[:, 5].astype(np.bool_),
            min_hours=facts[:, 1].copy(),
            hours_for_check=pool.hours_for_check,
            language=np.where(language > 0, language, -1).astype(np.int8),
            language_c=pool.language.astype(np.int8),
            days=facts[:, 3].astype(np.uint8),
            days_c=pool.days.astype(np.uint8),
            licence_required=licence_required,
            licence_held=licence_held,
        )


class _BlockQueue:
    """Blocks of demands handed out one at a time to the workers."""

    def __init__(self, blocks: list[tuple[int, int]]) -> None:
        self._blocks = iter(blocks)
        self._lock = threading.Lock()

    def next(self) -> tuple[int, int] | None:
        with self._lock:
            return next(self._blocks, None)


class _MatrixWorker:
    """Fills blocks of demands (rows) of every output, using its own scratch."""

    def __init__(
        self,
        plan: _MatrixPlan,
        rows: int,
        score: NDArray[np.floating],
        parts: dict[str, NDArray[np.number]],
        failures: NDArray[np.uint8],
    ) -> None:
        self.plan = plan
        self.score = score
        self.parts = parts
        self.failures = failures
        # tasks, skills, hours and interests; travel is copied from a table.
        self.scratch = np.empty((4, rows, plan.n), dtype=plan.dtype)
        self.spare = np.empty((rows, plan.n), dtype=plan.dtype)
        self.flag = np.empty((rows, plan.n), dtype=np.bool_)
        self.byte = np.empty((rows, plan.n), dtype=np.uint8)

    def run(self, queue: _BlockQueue) -> None:
        while (block := queue.next()) is not None:
            self.score_block(*block)

    def score_block(self, start: int, stop: int) -> None:
        """Fill rows ``start:stop`` (demands) of every output, each written once, in place."""
        plan, b = self.plan, stop - start
        tasks, skills, hours, interests = self.scratch[:, :b]
        spare, flag = self.spare[:b], self.flag[:b]
        offset = plan.offset
        place = plan.place[start:stop]

        tasks.fill(offset)
        plan.coverage.add_to(tasks, start, stop)
        np.copyto(interests, plan.interest_base[None, :])
        plan.interest_tasks.add_to(interests, start, stop)
        plan.interest_sectors.add_to(interests, start, stop)
        bounds = plan.skill_bounds[start : stop + 1].tolist()
        for i in range(b):
            lo, hi = bounds[i], bounds[i + 1]
            np.dot(plan.skill_weight[lo:hi], plan.recall[plan.skill_set[lo:hi]], out=skills[i])
        if offset:
            skills += offset
        np.minimum(plan.hours[None, :], plan.total_hours[start:stop, None], out=hours)
        hours *= plan.hours_factor[start:stop, None]
        if offset:
            hours += offset

        # The score, summed in the order of PARTS (as the scalar scorer does).
        score = self.score[start:stop]
        coef = plan.coef[start:stop]
        np.multiply(tasks, coef[:, 0, None], out=score)
        np.multiply(skills, coef[:, 1, None], out=spare)
        score += spare
        # mode="clip": with "raise" numpy buffers ``out`` (the indices are valid anyway).
        np.take(plan.travel, place, axis=0, out=spare, mode="clip")
        spare *= coef[:, 2, None]
        score += spare
        for p, value in ((3, hours), (4, interests)):
            np.multiply(value, coef[:, p, None], out=spare)
            score += spare
        np.multiply(plan.completeness[None, :], coef[:, 5, None], out=spare)
        score += spare
        if offset:
            score -= plan.shift[start:stop, None]

        for name, value in (
            ("tasks", tasks),
            ("skills", skills),
            ("hours", hours),
            ("interests", interests),
        ):
            np.copyto(self.parts[name][start:stop], value, casting="unsafe")
        np.take(
            plan.travel_stored, place, axis=0, out=self.parts["travel"][start:stop], mode="clip"
        )

        bits = self.failures[start:stop]
        np.take(plan.travel_failed, place, axis=0, out=bits, mode="clip")
        np.less(plan.hours_for_check[None, :], plan.min_hours[start:stop, None], out=flag)
        _set_bit(bits, flag, HOURS)
        language = plan.language[start:stop, None]
        if (language > 0).any():
            np.less(plan.language_c[None, :], language, out=flag)
            _set_bit(bits, flag, LANGUAGE)
        byte = self.byte[:b]
        for word in range(plan.licence_required.shape[0]):
            required = plan.licence_required[word, start:stop, None]
            if required.any():
                np.bitwise_and(plan.licence_held[word, None, :], required, out=byte)
                np.not_equal(byte, required, out=flag)
                _set_bit(bits, flag, LICENCES)
        days = plan.days[start:stop, None]
        if days.any():
            np.bitwise_and(plan.days_c[None, :], days, out=byte)
            np.not_equal(byte, days, out=flag)
            _set_bit(bits, flag, DAYS_BIT)


def _set_bit(bits: NDArray[np.uint8], flag: NDArray[np.bool_], bit: int) -> None:
    """``bits |= bit`` where ``flag`` is true, without temporaries (``flag`` is used up)."""
    as_int = flag.view(np.uint8)
    np.multiply(as_int, np.uint8(bit), out=as_int)
    np.bitwise_or(bits, as_int, out=bits)
