"""Fixtures for the matching core: pure Python, no database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from werkpunt.matching import Candidate, Demand, DemandTask, Matcher


@pytest.fixture(scope="session")
def matcher() -> Matcher:
    return Matcher.default()


@pytest.fixture(scope="session")
def catalogue(matcher: Matcher):
    assert matcher.catalogue is not None
    return matcher.catalogue


@pytest.fixture(scope="session")
def places(matcher: Matcher):
    return matcher.places


def candidate(**fields: Any) -> Candidate:
    """A complete profile living in Emmen, cycling, available 24 hours on weekdays."""
    defaults: dict[str, Any] = {
        "id": "k1",
        "home_place": "emmen",
        "travel_mode": "fiets",
        "max_travel_minutes": 30,
        "hours_per_week": 24,
        "days": {"ma", "di", "wo", "do", "vr"},
        "tasks": {"orderpicken-magazijn"},
        "skills": {"orderpicken", "scanner-gebruiken"},
        "experience_years": 2,
        "education_level": "vmbo",
        "language_level": "A2",
        "interests": {"logistiek"},
        "motivation": "Wil graag in een magazijn werken.",
    }
    defaults.update(fields)
    return Candidate(**defaults)


def task(task_id: str, hours: float, weight: float = 1.0, **fields: Any) -> DemandTask:
    defaults: dict[str, Any] = {"skills": frozenset(), "sector": "logistiek", "name": task_id}
    defaults.update(fields)
    return DemandTask(task_id=task_id, hours=hours, weight=weight, **defaults)


def demand(*tasks: DemandTask, **fields: Any) -> Demand:
    defaults: dict[str, Any] = {"id": "v1", "place": "emmen"}
    defaults.update(fields)
    return Demand(tasks=tasks, **defaults)


@pytest.fixture
def make_candidate() -> Callable[..., Candidate]:
    return candidate


@pytest.fixture
def make_task() -> Callable[..., DemandTask]:
    return task


@pytest.fixture
def make_demand() -> Callable[..., Demand]:
    return demand


# --- Random small worlds for the property tests -------------------------------------------------

TASK_IDS = ("t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7")
SKILL_IDS = ("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9")
PLACE_IDS = ("emmen", "coevorden", "borger", "hoogeveen", "beilen", "onbekend")
LICENCE_IDS = ("B", "C", "heftruck", "vca-basis")


def random_world(seed: int, n: int, m: int) -> tuple[list[Candidate], list[Demand]]:
    """A small random world; every field takes edge values too (0 hours, no mode, ...)."""
    import random

    from werkpunt.matching.vocab import (
        DAYS,
        LANGUAGE_LEVELS,
        PARTS,
        PHYSICAL_LOADS,
        SECTORS,
        TASK_LANGUAGE_LEVELS,
        TRAVEL_MODES,
    )

    rng = random.Random(seed)

    def subset(items: tuple[str, ...], most: int) -> frozenset[str]:
        return frozenset(rng.sample(items, rng.randint(0, most)))

    people = [
        Candidate(
            id=rng.choice("abc") + f"{i:03d}",
            home_place=rng.choice(PLACE_IDS),
            travel_mode=rng.choice((*TRAVEL_MODES, None)),
            max_travel_minutes=rng.choice([0, 10, 25, 40, 60, 90]),
            hours_per_week=rng.choice([0, 4, 8, 16, 24, 32, 40]),
            days=subset(DAYS, 7),
            tasks=subset(TASK_IDS, 4),
            skills=subset(SKILL_IDS, 6),
            experience_years=rng.choice([None, 0, 3]),
            language_level=rng.choice((*LANGUAGE_LEVELS, None)),
            licences=subset(LICENCE_IDS, 3),
            support_needs=subset(("jobcoach", "aanpassing-werkplek"), 2),
            interests=subset(TASK_IDS + SECTORS[:4], 3),
            max_physical_load=rng.choice(PHYSICAL_LOADS),
            motivation=rng.choice(["", "Gemotiveerd."]),
        )
        for i in range(n)
    ]
    work = []
    for j in range(m):
        tasks = tuple(
            DemandTask(
                task_id=task_id,
                hours=rng.choice([2.0, 4.0, 8.0, 12.5]),
                weight=rng.choice([0.5, 1.0, 2.0, 3.0]),
                skills=subset(SKILL_IDS, 4),
                physical_load=rng.choice(PHYSICAL_LOADS),
                language=rng.choice(TASK_LANGUAGE_LEVELS),
                sector=rng.choice(SECTORS[:4]),
            )
            for task_id in rng.sample(TASK_IDS, rng.randint(1, 4))
        )
        weights = None
        if rng.random() < 0.4:
            weights = {p: rng.choice([0.0, 0.2, 1.0, 3.0]) for p in rng.sample(PARTS, 3)}
            weights["tasks"] = 1.0
        work.append(
            Demand(
                id=f"v{j:02d}",
                place=rng.choice(PLACE_IDS),
                tasks=tasks,
                min_hours=rng.choice([None, 0.0, 10.0]),
                days=subset(DAYS, 2),
                required_licences=subset(LICENCE_IDS, 2),
                language_min=rng.choice(TASK_LANGUAGE_LEVELS),
                open_hiring=rng.random() < 0.1,
                weights=weights,
            )
        )
    return people, work


def _world_strategy():
    from hypothesis import strategies as st

    def world(max_candidates: int = 25, max_demands: int = 5):
        return st.builds(
            random_world,
            seed=st.integers(0, 2**32 - 1),
            n=st.integers(1, max_candidates),
            m=st.integers(1, max_demands),
        )

    return world


@pytest.fixture(scope="session")
def worlds():
    """A strategy for (candidates, demands): draw with ``data.draw(worlds())``."""
    return _world_strategy()
