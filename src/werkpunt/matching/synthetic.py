"""Synthetic candidates and demands with a fixed seed, for benchmarks, tests and demos.

The mix follows the estimates for the Drenthe region in the project's research notes: people
live in the kernen of the six municipalities, about 45% travel by car and the rest by bicycle,
public transport or on foot; 8-40 hours; about one in five below language level B1; a quarter
needs support. Profiles are built around a home sector (most tasks from it), and some fields
are left empty so completeness varies. Nothing here is real data.
"""

from __future__ import annotations

import numpy as np

from werkpunt.matching.catalogue import TaskCatalogue
from werkpunt.matching.core import Candidate, Demand, DemandTask
from werkpunt.matching.travel import Places
from werkpunt.matching.vocab import (
    DAYS,
    DEFAULT_WEIGHTS,
    EDUCATION_LEVELS,
    LANGUAGE_LEVELS,
    PARTS,
    PHYSICAL_LOADS,
    SUPPORT_NEEDS,
    TRAVEL_MODES,
)

MODE_SHARES = (0.45, 0.30, 0.15, 0.10)  # auto, fiets, ov, geen
MAX_MINUTES = {"auto": (20, 60), "fiets": (15, 45), "ov": (30, 75), "geen": (10, 30)}
LANGUAGE_SHARES = (0.04, 0.05, 0.11, 0.30, 0.25, 0.15, 0.10)  # geen .. C2
LOAD_SHARES = (0.12, 0.30, 0.58)  # licht, middel, zwaar
LICENCE_SHARES = {
    "B": 0.55,
    "heftruck": 0.08,
    "reachtruck": 0.03,
    "C": 0.03,
    "vca-basis": 0.08,
    "vog": 0.15,
    "sociale-hygiene": 0.04,
    "chauffeurskaart": 0.02,
    "T": 0.03,
}
WEEKDAYS = frozenset(DAYS[:5])
ALL_DAYS = frozenset(DAYS)


def _sectors(catalogue: TaskCatalogue) -> list[str]:
    return sorted({t.sector for t in catalogue.tasks.values()})


def synthetic_candidates(
    n: int, *, catalogue: TaskCatalogue, places: Places, seed: int = 1, prefix: str = "k"
) -> list[Candidate]:
    """``n`` candidates; all random numbers are drawn up front, so 500,000 take seconds."""
    rng = np.random.default_rng(seed)
    sectors = _sectors(catalogue)
    by_sector = [[t.id for t in catalogue.in_sector(s)] for s in sectors]
    task_skills = {t.id: t.skills for t in catalogue.tasks.values()}
    all_tasks = sorted(catalogue.tasks)
    place_ids = [p.id for p in places.places]
    supports = sorted(SUPPORT_NEEDS)
    licences = list(LICENCE_SHARES)
    width = len(str(max(n - 1, 0)))

    home = rng.integers(0, len(place_ids), n)
    mode = rng.choice(len(TRAVEL_MODES), n, p=MODE_SHARES)
    hours = rng.integers(4, 21, n) * 2
    language = rng.choice(len(LANGUAGE_LEVELS), n, p=LANGUAGE_SHARES)
    load = rng.choice(len(PHYSICAL_LOADS), n, p=LOAD_SHARES)
    sector = rng.integers(0, len(sectors), n)
    n_tasks = rng.integers(1, 9, n)
    task_draw = rng.random((n, 8))
    foreign = np.where(rng.random((n, 2)) < 0.25, rng.integers(0, len(all_tasks), (n, 2)), -1)
    skill_keep = rng.random((n, 40)) < 0.8
    day_kind = rng.random(n)
    day_draw = rng.random((n, 7)) < 0.6
    empty = rng.random((n, 6)) < 0.12
    support = rng.random(n) < 0.25
    licence_held = rng.random((n, len(licences))) < np.array(list(LICENCE_SHARES.values()))
    interest_kind = rng.random(n)
    unit = rng.random((n, 4))

    candidates = []
    for i in range(n):
        own = by_sector[sector[i]]
        picked = {own[int(u * len(own))] for u in task_draw[i, : n_tasks[i]]}
        picked.update(all_tasks[j] for j in foreign[i] if j >= 0)
        ordered = sorted(picked)
        needed = sorted({s for t in ordered for s in task_skills[t]})
        keep = skill_keep[i]
        skills = (
            frozenset(s for k, s in enumerate(needed) if keep[k % 40]) if not empty[i, 0] else ()
        )
        mode_name = TRAVEL_MODES[mode[i]]
        low, high = MAX_MINUTES[mode_name]
        if day_kind[i] < 0.6:
            days: frozenset[str] = WEEKDAYS
        elif day_kind[i] < 0.85:
            days = ALL_DAYS
        else:
            days = frozenset(d for d, keep_day in zip(DAYS, day_draw[i], strict=True) if keep_day)
        if interest_kind[i] < 0.35:
            interests = frozenset({sectors[sector[i]]})
        elif interest_kind[i] < 0.65:
            interests = frozenset(ordered[:2])
        else:
            interests = frozenset()
        candidates.append(
            Candidate(
                id=f"{prefix}{i:0{width}d}",
                home_place=place_ids[home[i]],
                travel_mode=mode_name,
                max_travel_minutes=float(low + int(unit[i, 0] * (high - low))),
                hours_per_week=float(hours[i]),
                days=days if not empty[i, 1] else frozenset(),
                tasks=frozenset(ordered),
                skills=frozenset(skills),
                experience_years=None if empty[i, 2] else float(int(unit[i, 1] * 20)),
                education_level=None
                if empty[i, 3]
                else EDUCATION_LEVELS[int(unit[i, 2] * len(EDUCATION_LEVELS))],
                language_level=None if empty[i, 4] else LANGUAGE_LEVELS[language[i]],
                licences=frozenset(
                    lic for lic, h in zip(licences, licence_held[i], strict=True) if h
                ),
                support_needs=frozenset({supports[int(unit[i, 3] * len(supports))]})
                if support[i]
                else frozenset(),
                interests=interests,
                max_physical_load=PHYSICAL_LOADS[load[i]],
                motivation="" if empty[i, 5] else "Wil graag aan de slag.",
            )
        )
    return candidates


def synthetic_demands(
    m: int,
    *,
    catalogue: TaskCatalogue,
    places: Places,
    seed: int = 2,
    prefix: str = "v",
    open_share: float = 0.0,
) -> list[Demand]:
    rng = np.random.default_rng(seed)
    sectors = _sectors(catalogue)
    place_ids = [p.id for p in places.places]
    width = len(str(max(m - 1, 0)))
    demands = []
    for j in range(m):
        sector = sectors[rng.integers(0, len(sectors))]
        own = catalogue.in_sector(sector)
        count = int(rng.integers(2, 9))
        chosen = [own[k] for k in rng.choice(len(own), min(count, len(own)), replace=False)]
        tasks = tuple(
            DemandTask.from_task(
                t, hours=float(rng.integers(1, 9) * 2), weight=float(rng.integers(1, 4))
            )
            for t in chosen
        )
        weights = None
        if rng.random() < 0.1:
            weights = {p: float(DEFAULT_WEIGHTS[p] * rng.uniform(0.5, 2.0)) for p in PARTS}
        days: frozenset[str] = frozenset()
        if rng.random() < 0.3:
            days = frozenset({DAYS[int(rng.integers(0, 7))]})
        demands.append(
            Demand(
                id=f"{prefix}{j:0{width}d}",
                place=place_ids[rng.integers(0, len(place_ids))],
                tasks=tasks,
                min_hours=None if rng.random() < 0.7 else float(rng.integers(2, 7) * 4),
                days=days,
                required_licences=frozenset(lic for t in chosen for lic in t.licences),
                language_min="geen" if rng.random() < 0.8 else "A2",
                open_hiring=bool(rng.random() < open_share),
                weights=weights,
                support_offered=frozenset({"jobcoach"}) if rng.random() < 0.4 else frozenset(),
                employer_id=f"w{int(rng.integers(0, max(1, m // 3)))}",
            )
        )
    return demands
