"""The task list: tasks, skills and licences, with adjacency between tasks.

A *task* is a piece of work an employer can ask for and a person can do ("Orders picken in
het magazijn"). It needs *skills* ("Werken met een handscanner"), has a physical load and a
language need, and sometimes a licence ("heftruck"). *Adjacent* tasks are close enough that
someone who can do one can learn the other; matching uses them for suggestions.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from werkpunt.matching.vocab import PHYSICAL_LOADS, SECTORS, TASK_LANGUAGE_LEVELS, check_choice


class CatalogueError(ValueError):
    """The task list is inconsistent (a Dutch message says where)."""


@dataclass(frozen=True, slots=True)
class Skill:
    id: str
    name: str
    uri: str = ""
    alt_labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Licence:
    """A driving licence or certificate (``B``, ``C``, ``heftruck``, ``vca-basis``)."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Task:
    id: str
    name: str
    sector: str
    skills: tuple[str, ...]
    physical_load: str = "middel"
    language: str = "A2"
    licences: tuple[str, ...] = ()
    adjacent: tuple[str, ...] = ()
    uri: str = ""
    alt_labels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_choice(self.sector, SECTORS, f"taak {self.id}: sector")
        check_choice(self.physical_load, PHYSICAL_LOADS, f"taak {self.id}: fysieke belasting")
        check_choice(self.language, TASK_LANGUAGE_LEVELS, f"taak {self.id}: taalniveau")


@dataclass(frozen=True)
class TaskCatalogue:
    """Tasks, skills and licences by id. Built by :mod:`werkpunt.matching.loader`."""

    tasks: Mapping[str, Task]
    skills: Mapping[str, Skill]
    licences: Mapping[str, Licence] = field(default_factory=dict)

    def __post_init__(self) -> None:
        problems = validate(self.tasks.values(), self.skills, self.licences)
        if problems:
            raise CatalogueError("; ".join(problems[:10]))

    def task(self, task_id: str) -> Task:
        return self.tasks[task_id]

    def name(self, task_id: str) -> str:
        """The Dutch name of a task, or the id itself for a task not in the list."""
        task = self.tasks.get(task_id)
        return task.name if task else task_id

    def in_sector(self, sector: str) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks.values() if t.sector == sector)

    def are_adjacent(self, a: str, b: str) -> bool:
        """True when either task lists the other as adjacent."""
        ta, tb = self.tasks.get(a), self.tasks.get(b)
        return bool((ta and b in ta.adjacent) or (tb and a in tb.adjacent))

    def adjacent_to(self, task_ids: Iterable[str], *, exclude: Iterable[str] = ()) -> list[str]:
        """Tasks adjacent to any of ``task_ids``, most often named first, then by id."""
        own = set(task_ids)
        skip = own | set(exclude)
        counts: Counter[str] = Counter()
        for task_id in own:
            task = self.tasks.get(task_id)
            if task:
                counts.update(a for a in task.adjacent if a not in skip)
        # Adjacency as listed by the other side counts too.
        for task in self.tasks.values():
            if task.id not in skip:
                counts[task.id] += len(own.intersection(task.adjacent))
        counts = +counts  # drop the zeros
        return sorted(counts, key=lambda t: (-counts[t], t))

    def skills_for_tasks(self, task_ids: Iterable[str]) -> frozenset[str]:
        """The skills that go with the given tasks (to prefill a profile)."""
        result: set[str] = set()
        for task_id in task_ids:
            task = self.tasks.get(task_id)
            if task:
                result.update(task.skills)
        return frozenset(result)


def validate(
    tasks: Iterable[Task], skills: Mapping[str, Skill], licences: Mapping[str, Licence]
) -> list[str]:
    """Every broken reference or duplicate, as Dutch messages (empty when all is well)."""
    problems: list[str] = []
    task_list = list(tasks)
    ids = Counter(t.id for t in task_list)
    problems += [f"taak-id {i} staat er {n} keer in" for i, n in ids.items() if n > 1]
    known = set(ids)
    for task_id in known & set(SECTORS):
        problems.append(f"taak-id {task_id} is ook een sectorcode")
    for task in task_list:
        if not task.name.strip():
            problems.append(f"taak {task.id}: naam ontbreekt")
        if len(set(task.skills)) != len(task.skills):
            problems.append(f"taak {task.id}: een vaardigheid staat er dubbel in")
        problems += [
            f"taak {task.id}: onbekende vaardigheid {s}" for s in task.skills if s not in skills
        ]
        problems += [
            f"taak {task.id}: onbekend rijbewijs of certificaat {lic}"
            for lic in task.licences
            if lic not in licences
        ]
        problems += [
            f"taak {task.id}: onbekende aangrenzende taak {a}"
            for a in task.adjacent
            if a not in known
        ]
        if task.id in task.adjacent:
            problems.append(f"taak {task.id}: grenst aan zichzelf")
    return problems


def compute_adjacency(
    tasks: Sequence[Task],
    *,
    limit: int = 4,
    threshold: float = 0.25,
    same_sector_bonus: float = 0.1,
) -> dict[str, tuple[str, ...]]:
    """Adjacent tasks by shared skills, weighted so that rare skills count more.

    Similarity of two tasks = (sum of the weights of the shared skills) / (sum over the union),
    with weight log(1 + number of tasks / number of tasks with that skill): sharing "Lassen"
    says more than sharing "Samenwerken". Tasks of the same sector get a small bonus. Per task
    the ``limit`` most similar tasks above ``threshold`` are kept (ties by id).
    Used to make the shipped adjacency once and for tasks imported from ESCO.
    """
    n = len(tasks)
    frequency: Counter[str] = Counter(s for t in tasks for s in set(t.skills))
    weight = {s: math.log(1 + n / f) for s, f in frequency.items()}
    by_skill: dict[str, list[int]] = {}
    for i, task in enumerate(tasks):
        for skill in set(task.skills):
            by_skill.setdefault(skill, []).append(i)
    result: dict[str, tuple[str, ...]] = {}
    for i, task in enumerate(tasks):
        own = set(task.skills)
        own_weight = sum(weight[s] for s in own)
        others = {j for s in own for j in by_skill[s] if j != i}
        scored: list[tuple[float, str]] = []
        for j in others:
            other = tasks[j]
            theirs = set(other.skills)
            shared = sum(weight[s] for s in own & theirs)
            union = own_weight + sum(weight[s] for s in theirs - own)
            similarity = shared / union if union else 0.0
            if other.sector == task.sector:
                similarity += same_sector_bonus
            if similarity >= threshold:
                scored.append((-similarity, other.id))
        scored.sort()
        result[task.id] = tuple(task_id for _, task_id in scored[:limit])
    return result
