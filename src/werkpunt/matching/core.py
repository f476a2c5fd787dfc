"""Candidates, demands and the explainable score of one pair (the scalar reference).

A :class:`Candidate` is an anonymous work profile: what someone can do and under which
conditions. By design it has **no field** for age, gender, origin, health or subsidy amounts,
so nothing in matching can use them (``tests/matching/test_fairness.py`` checks both the
fields and the rankings). Support needs are functional ("jobcoach"), never a diagnosis, and
they never lower a score: they are shown so the adviser can arrange them.

A :class:`Demand` is an employer's request as tasks, so a job can be cut into pieces and a
candidate can fill part of one. :func:`match` checks the hard constraints
(:mod:`werkpunt.matching.constraints`) and computes six parts, each 0-1 with a Dutch
explanation line, and their weighted mean. The vectorised engine in
:mod:`werkpunt.matching.fast` computes the same numbers for many pairs; a property test keeps
the two equal.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from werkpunt.matching import explain as ex
from werkpunt.matching.constraints import Failure, hard_constraints, open_hiring_failure
from werkpunt.matching.explain import Reason, reason
from werkpunt.matching.vocab import (
    DAYS,
    DEFAULT_WEIGHTS,
    EDUCATION_LEVELS,
    LANGUAGE_LEVELS,
    NEUTRAL_INTERESTS,
    PART_LABELS,
    PARTS,
    PHYSICAL_LOADS,
    SECTORS,
    SUPPORT_NEEDS,
    TASK_LANGUAGE_LEVELS,
    TRAVEL_MODE_PHRASES,
    TRAVEL_MODES,
    check_choice,
    format_number,
    join_dutch,
    level_index,
)

if TYPE_CHECKING:
    from werkpunt.matching.catalogue import Task, TaskCatalogue


def _frozen(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, frozenset):
        return value
    if isinstance(value, str):
        raise TypeError("verwacht een verzameling, geen losse tekst")
    return frozenset(value)


_DAY_SET = frozenset(DAYS)


#: The fields that make a profile complete, with their Dutch names (licences and support
#: needs are left out: "none" is a complete answer there).
COMPLETENESS_FIELDS: tuple[tuple[str, str], ...] = (
    ("home_place", "woonplaats"),
    ("travel_mode", "vervoer"),
    ("max_travel_minutes", "maximale reistijd"),
    ("hours_per_week", "uren per week"),
    ("days", "beschikbare dagen"),
    ("tasks", "taken"),
    ("skills", "vaardigheden"),
    ("experience_years", "werkervaring"),
    ("education_level", "opleiding"),
    ("language_level", "taalniveau"),
    ("interests", "interesses"),
    ("motivation", "motivatie"),
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """An anonymous work profile. Sets may be passed as any iterable of strings."""

    id: str
    home_place: str
    travel_mode: str | None
    max_travel_minutes: float
    hours_per_week: float
    days: frozenset[str] = frozenset()
    tasks: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()
    experience_years: float | None = None
    education_level: str | None = None
    language_level: str | None = None
    licences: frozenset[str] = frozenset()
    support_needs: frozenset[str] = frozenset()
    #: Task ids and/or sector codes the person would like to work in.
    interests: frozenset[str] = frozenset()
    #: The heaviest work the person says they can do (not a diagnosis).
    max_physical_load: str = "zwaar"
    #: The adviser's words; shown, counted for completeness, never scored.
    motivation: str = ""

    def __post_init__(self) -> None:
        for name in ("days", "tasks", "skills", "licences", "support_needs", "interests"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))
        if self.travel_mode is not None:
            check_choice(self.travel_mode, TRAVEL_MODES, "vervoer")
        if self.language_level is not None:
            check_choice(self.language_level, LANGUAGE_LEVELS, "taalniveau")
        if self.education_level is not None:
            check_choice(self.education_level, EDUCATION_LEVELS, "opleiding")
        check_choice(self.max_physical_load, PHYSICAL_LOADS, "fysieke belasting")
        if not self.days <= _DAY_SET:
            for day in self.days:
                check_choice(day, DAYS, "dag")
        for number, what in (
            (self.max_travel_minutes, "maximale reistijd"),
            (self.hours_per_week, "uren per week"),
        ):
            if not math.isfinite(number) or number < 0:
                raise ValueError(f"{what}: moet 0 of meer zijn")

    @property
    def interest_sectors(self) -> frozenset[str]:
        return self.interests & frozenset(SECTORS)

    @property
    def interest_tasks(self) -> frozenset[str]:
        return self.interests - frozenset(SECTORS)

    def _filled(self) -> tuple[bool, ...]:
        """Per field of :data:`COMPLETENESS_FIELDS`: is it filled in?"""
        return (
            bool(self.home_place),
            self.travel_mode is not None,
            self.max_travel_minutes > 0,
            self.hours_per_week > 0,
            bool(self.days),
            bool(self.tasks),
            bool(self.skills),
            self.experience_years is not None,
            self.education_level is not None,
            self.language_level is not None,
            bool(self.interests),
            bool(self.motivation.strip()),
        )

    @property
    def missing_fields(self) -> tuple[str, ...]:
        """Dutch names of the profile fields that are still empty."""
        return tuple(
            label
            for (_, label), filled in zip(COMPLETENESS_FIELDS, self._filled(), strict=True)
            if not filled
        )

    @property
    def completeness(self) -> float:
        """Share of the profile fields that are filled in (0-1)."""
        return sum(self._filled()) / len(COMPLETENESS_FIELDS)


@dataclass(frozen=True, slots=True)
class DemandTask:
    """One task in a demand: hours per week, weight, and what it needs."""

    task_id: str
    hours: float
    weight: float = 1.0
    skills: frozenset[str] = frozenset()
    physical_load: str = "middel"
    language: str = "geen"
    sector: str = "anders"
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "skills", _frozen(self.skills))
        check_choice(self.physical_load, PHYSICAL_LOADS, f"taak {self.task_id}: belasting")
        check_choice(self.language, TASK_LANGUAGE_LEVELS, f"taak {self.task_id}: taalniveau")
        check_choice(self.sector, SECTORS, f"taak {self.task_id}: sector")
        if not (math.isfinite(self.hours) and self.hours > 0):
            raise ValueError(f"taak {self.task_id}: uren moeten meer dan 0 zijn")
        if not (math.isfinite(self.weight) and self.weight > 0):
            raise ValueError(f"taak {self.task_id}: gewicht moet meer dan 0 zijn")

    @classmethod
    def from_task(cls, task: Task, hours: float, weight: float = 1.0) -> DemandTask:
        """A demand task filled in from the task list (skills, load, language, sector)."""
        return cls(
            task_id=task.id,
            hours=hours,
            weight=weight,
            skills=frozenset(task.skills),
            physical_load=task.physical_load,
            language=task.language,
            sector=task.sector,
            name=task.name,
        )

    @property
    def label(self) -> str:
        return self.name or self.task_id


@dataclass(frozen=True, slots=True)
class Demand:
    """An employer's request, as tasks."""

    id: str
    place: str
    tasks: tuple[DemandTask, ...]
    #: The fewest hours per week a person must be available; ``None``: the smallest task.
    min_hours: float | None = None
    #: Days on which someone is needed; the candidate must be available on all of them.
    days: frozenset[str] = frozenset()
    required_licences: frozenset[str] = frozenset()
    #: Language level the employer asks for the whole job (the tasks may ask more).
    language_min: str = "geen"
    #: Open hiring: a first-come sign-up list with basic requirements, no score.
    open_hiring: bool = False
    #: Per-demand weights set by the adviser; missing parts keep their default weight.
    weights: Mapping[str, float] | None = None
    support_offered: frozenset[str] = frozenset()
    employer_id: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "tasks", tuple(self.tasks))
        for name in ("days", "required_licences", "support_offered"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))
        if not self.tasks:
            raise ValueError(f"vraag {self.id}: er is minstens één taak nodig")
        ids = [t.task_id for t in self.tasks]
        if len(set(ids)) != len(ids):
            raise ValueError(f"vraag {self.id}: een taak staat er dubbel in")
        check_choice(self.language_min, TASK_LANGUAGE_LEVELS, f"vraag {self.id}: taalniveau")
        for day in self.days:
            check_choice(day, DAYS, "dag")
        if self.min_hours is not None and not (
            math.isfinite(self.min_hours) and self.min_hours >= 0
        ):
            raise ValueError(f"vraag {self.id}: minimum uren moet 0 of meer zijn")
        if self.weights is not None:
            unknown = set(self.weights) - set(PARTS)
            if unknown:
                raise ValueError(f"vraag {self.id}: onbekend onderdeel {sorted(unknown)}")
            if any(not (math.isfinite(w) and w >= 0) for w in self.weights.values()):
                raise ValueError(f"vraag {self.id}: een gewicht moet 0 of meer zijn")
            object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))
        if sum(self.effective_weights) <= 0:
            raise ValueError(f"vraag {self.id}: de gewichten zijn samen 0")

    @property
    def total_hours(self) -> float:
        return sum(t.hours for t in self.tasks)

    @property
    def total_weight(self) -> float:
        return sum(t.weight for t in self.tasks)

    @property
    def effective_min_hours(self) -> float:
        if self.min_hours is not None:
            return self.min_hours
        return min(t.hours for t in self.tasks)

    @property
    def required_language(self) -> str:
        """The stated minimum, or the lowest level any task needs if that is higher."""
        lowest_task = min(TASK_LANGUAGE_LEVELS.index(t.language) for t in self.tasks)
        return TASK_LANGUAGE_LEVELS[max(TASK_LANGUAGE_LEVELS.index(self.language_min), lowest_task)]

    @property
    def effective_weights(self) -> tuple[float, ...]:
        """Weights in the order of :data:`PARTS` (defaults, overridden per demand)."""
        overrides = self.weights or {}
        return tuple(float(overrides.get(p, DEFAULT_WEIGHTS[p])) for p in PARTS)


# --- The result of matching one pair ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Part:
    name: str
    value: float
    weight: float
    reason: Reason

    @property
    def label(self) -> str:
        return PART_LABELS[self.name]


@dataclass(frozen=True, slots=True)
class PartialJob:
    """The tasks of a demand a candidate can do, and the hours they make together."""

    task_ids: tuple[str, ...]
    hours: float
    share_of_hours: float
    #: Tasks the candidate lists but cannot take on here (too heavy, too much language).
    not_doable: tuple[Reason, ...] = ()
    #: Tasks of the demand the candidate does not list.
    missing: tuple[str, ...] = ()
    reason: Reason | None = None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A task of the demand the candidate could learn, because it is adjacent to one they do."""

    task_id: str
    via_task_id: str
    reason: Reason


@dataclass(frozen=True, slots=True)
class Match:
    candidate_id: str
    demand_id: str
    passed: bool
    failures: tuple[Failure, ...]
    #: Weighted mean of the parts, 0-1. For an open-hiring demand always 0 (no score).
    score: float
    parts: tuple[Part, ...]
    travel_minutes: float
    partial: PartialJob | None = None
    suggestions: tuple[Suggestion, ...] = ()
    notes: tuple[Reason, ...] = ()
    weights: Mapping[str, float] = field(default_factory=dict)

    def part(self, name: str) -> Part:
        return next(p for p in self.parts if p.name == name)

    @property
    def explanation(self) -> tuple[str, ...]:
        """All lines as Dutch text: failures first, then the parts, the partial job, notes."""
        lines = [f.reason.text for f in self.failures]
        lines += [f"{p.label}: {p.reason.text}" for p in self.parts]
        if self.partial and self.partial.reason:
            lines.append(self.partial.reason.text)
        lines += [r.text for r in self.partial.not_doable] if self.partial else []
        lines += [s.reason.text for s in self.suggestions]
        lines += [n.text for n in self.notes]
        return tuple(lines)


# --- The parts, each 0-1 ----------------------------------------------------------------------


def language_level_for_tasks(candidate: Candidate) -> int:
    """Candidate language as an index; an empty field counts as ``geen`` for task coverage."""
    return max(level_index(LANGUAGE_LEVELS, candidate.language_level), 0)


def doable(candidate: Candidate, task: DemandTask) -> Reason | None:
    """``None`` when the candidate can take this task on, else why not."""
    if PHYSICAL_LOADS.index(task.physical_load) > PHYSICAL_LOADS.index(candidate.max_physical_load):
        return reason("load", ex.NOT_DOABLE_LOAD, task=task.label)
    if LANGUAGE_LEVELS.index(task.language) > language_level_for_tasks(candidate):
        return reason("language", ex.NOT_DOABLE_LANGUAGE, task=task.label, required=task.language)
    return None


def covered_tasks(candidate: Candidate, demand: Demand) -> list[DemandTask]:
    """Demand tasks the candidate lists and can take on."""
    return [
        t for t in demand.tasks if t.task_id in candidate.tasks and doable(candidate, t) is None
    ]


def part_tasks(candidate: Candidate, demand: Demand) -> tuple[float, Reason]:
    covered = covered_tasks(candidate, demand)
    value = sum(t.weight for t in covered) / demand.total_weight
    if not covered:
        return value, reason("tasks-none", ex.TASKS_NONE, total=len(demand.tasks))
    return value, reason(
        "tasks",
        ex.TASKS_COVERED,
        covered=len(covered),
        total=len(demand.tasks),
        percent=format_number(round(100 * value)),
    )


def part_skills(candidate: Candidate, demand: Demand) -> tuple[float, Reason]:
    total = demand.total_weight
    value = 0.0
    for task in demand.tasks:
        share = len(task.skills & candidate.skills) / len(task.skills) if task.skills else 1.0
        value += task.weight * share / total
    needed = frozenset().union(*(t.skills for t in demand.tasks))
    if not needed:
        return value, reason("skills-not-asked", ex.SKILLS_NOT_ASKED)
    if not candidate.skills:
        return value, reason("skills-empty", ex.SKILLS_EMPTY, need=len(needed))
    return value, reason(
        "skills", ex.SKILLS_HAVE, have=len(needed & candidate.skills), need=len(needed)
    )


def travel_value(minutes: float, max_minutes: float) -> float:
    """1 next door, falling linearly to 0 at the candidate's maximum travel time."""
    if max_minutes > 0:
        return min(1.0, max(0.0, 1.0 - minutes / max_minutes))
    return 1.0 if minutes <= 0 else 0.0


def part_travel(candidate: Candidate, minutes: float) -> tuple[float, Reason]:
    value = travel_value(minutes, candidate.max_travel_minutes)
    if not math.isfinite(minutes) or candidate.travel_mode is None:
        return value, reason("travel-unknown", ex.TRAVEL_UNKNOWN)
    return value, reason(
        "travel",
        ex.TRAVEL_OK,
        minutes=format_number(round(minutes)),
        mode=TRAVEL_MODE_PHRASES[candidate.travel_mode],
        max=format_number(candidate.max_travel_minutes),
    )


def part_hours(candidate: Candidate, demand: Demand) -> tuple[float, Reason]:
    total = demand.total_hours
    value = min(candidate.hours_per_week, total) / total
    return value, reason(
        "hours",
        ex.HOURS_FIT,
        available=format_number(candidate.hours_per_week),
        total=format_number(total),
    )


def part_interests(candidate: Candidate, demand: Demand) -> tuple[float, Reason]:
    if not candidate.interests:
        return NEUTRAL_INTERESTS, reason(
            "interests-empty", ex.INTERESTS_EMPTY, neutral=format_number(NEUTRAL_INTERESTS)
        )
    matched = [
        t
        for t in demand.tasks
        if t.task_id in candidate.interest_tasks or t.sector in candidate.interest_sectors
    ]
    value = sum(t.weight for t in matched) / demand.total_weight
    return value, reason(
        "interests", ex.INTERESTS_MATCH, matched=len(matched), total=len(demand.tasks)
    )


def part_completeness(candidate: Candidate) -> tuple[float, Reason]:
    value = candidate.completeness
    percent = format_number(round(100 * value))
    missing = candidate.missing_fields
    if missing:
        return value, reason(
            "completeness-missing",
            ex.COMPLETENESS_MISSING,
            percent=percent,
            missing=join_dutch(missing),
        )
    return value, reason("completeness", ex.COMPLETENESS, percent=percent)


def weighted_score(values: Iterable[float], weights: Iterable[float]) -> float:
    """Weighted mean, summed in the order of :data:`PARTS` (the vectorised path does the same)."""
    total = 0.0
    weight_sum = 0.0
    for value, weight in zip(values, weights, strict=True):
        total += weight * value
        weight_sum += weight
    return total / weight_sum


def score_parts(
    candidate: Candidate, demand: Demand, travel_minutes: float
) -> tuple[tuple[float, Reason], ...]:
    """The six parts in the order of :data:`PARTS`."""
    return (
        part_tasks(candidate, demand),
        part_skills(candidate, demand),
        part_travel(candidate, travel_minutes),
        part_hours(candidate, demand),
        part_interests(candidate, demand),
        part_completeness(candidate),
    )


# --- Partial jobs, suggestions and notes --------------------------------------------------------


def partial_job(candidate: Candidate, demand: Demand) -> PartialJob:
    """The subset of the demand's tasks the candidate covers, and its hours."""
    covered = covered_tasks(candidate, demand)
    hours = sum(t.hours for t in covered)
    share = hours / demand.total_hours
    not_doable = tuple(
        r
        for t in demand.tasks
        if t.task_id in candidate.tasks and (r := doable(candidate, t)) is not None
    )
    missing = tuple(t.task_id for t in demand.tasks if t.task_id not in candidate.tasks)
    if covered:
        text = reason(
            "partial",
            ex.PARTIAL_JOB,
            tasks=join_dutch(t.label for t in covered),
            hours=format_number(hours),
            percent=format_number(round(100 * share)),
        )
    else:
        text = reason("partial-none", ex.PARTIAL_NONE)
    return PartialJob(
        task_ids=tuple(t.task_id for t in covered),
        hours=hours,
        share_of_hours=share,
        not_doable=not_doable,
        missing=missing,
        reason=text,
    )


def adjacent_suggestions(
    candidate: Candidate, demand: Demand, catalogue: TaskCatalogue
) -> tuple[Suggestion, ...]:
    """Demand tasks the candidate does not list but that are adjacent to a task they do.

    Only tasks the candidate could take on (physical load, language) are suggested.
    """
    result: list[Suggestion] = []
    own = sorted(candidate.tasks)
    for task in demand.tasks:
        if task.task_id in candidate.tasks or doable(candidate, task) is not None:
            continue
        via = next((t for t in own if catalogue.are_adjacent(t, task.task_id)), None)
        if via is not None:
            result.append(
                Suggestion(
                    task_id=task.task_id,
                    via_task_id=via,
                    reason=reason(
                        "adjacent", ex.ADJACENT, task=task.label, via=catalogue.name(via)
                    ),
                )
            )
    return tuple(result)


def support_notes(candidate: Candidate, demand: Demand) -> tuple[Reason, ...]:
    """What support the candidate needs and whether the employer offers it. Never scored."""
    notes = []
    for need in sorted(candidate.support_needs):
        label = SUPPORT_NEEDS.get(need, need)
        template = ex.SUPPORT_OFFERED if need in demand.support_offered else ex.SUPPORT_TO_ARRANGE
        notes.append(reason("support", template, need=label))
    return tuple(notes)


def match(
    candidate: Candidate,
    demand: Demand,
    *,
    travel_minutes: float,
    catalogue: TaskCatalogue | None = None,
) -> Match:
    """Check the hard constraints, then score and explain one candidate for one demand.

    ``travel_minutes`` comes from :meth:`werkpunt.matching.travel.Places.minutes` (``inf``
    when a place is unknown). With a ``catalogue``, adjacent-task suggestions are added.
    The score is computed also when a constraint fails (so the adviser sees how close it
    was), but only ``passed`` matches are ranked or proposed.
    """
    weights = MappingProxyType(dict(zip(PARTS, demand.effective_weights, strict=True)))
    if demand.open_hiring:
        return Match(
            candidate_id=candidate.id,
            demand_id=demand.id,
            passed=False,
            failures=(open_hiring_failure(),),
            score=0.0,
            parts=(),
            travel_minutes=travel_minutes,
            weights=weights,
        )
    failures = hard_constraints(candidate, demand, travel_minutes)
    computed = score_parts(candidate, demand, travel_minutes)
    parts = tuple(
        Part(name, value, weights[name], why)
        for name, (value, why) in zip(PARTS, computed, strict=True)
    )
    return Match(
        candidate_id=candidate.id,
        demand_id=demand.id,
        passed=not failures,
        failures=failures,
        score=weighted_score((p.value for p in parts), demand.effective_weights),
        parts=parts,
        travel_minutes=travel_minutes,
        partial=partial_job(candidate, demand),
        suggestions=adjacent_suggestions(candidate, demand, catalogue) if catalogue else (),
        notes=support_notes(candidate, demand),
        weights=weights,
    )
