"""The fixed vocabularies of matching: sectors, levels, travel modes, days and score parts.

Everything here is an ordered tuple, so a level can be compared by its position
(``LANGUAGE_LEVELS.index("B1") > LANGUAGE_LEVELS.index("A2")``). The Dutch labels are
for explanation texts; the codes are what the data files and the database store.
"""

from __future__ import annotations

from collections.abc import Iterable

#: Sector codes, the same as ``werkpunt.employers.models.Sector`` (kept in sync by a test).
SECTORS: tuple[str, ...] = (
    "agrarisch",
    "food",
    "industrie",
    "logistiek",
    "detailhandel",
    "horeca",
    "schoonmaak",
    "zorg",
    "bouw",
    "kantoor",
    "anders",
)

SECTOR_LABELS: dict[str, str] = {
    "agrarisch": "Landbouw en tuinbouw",
    "food": "Voedingsmiddelen",
    "industrie": "Industrie en maakbedrijf",
    "logistiek": "Transport en logistiek",
    "detailhandel": "Detailhandel",
    "horeca": "Horeca en recreatie",
    "schoonmaak": "Schoonmaak",
    "zorg": "Zorg en welzijn",
    "bouw": "Bouw en installatie",
    "kantoor": "Kantoor en dienstverlening",
    "anders": "Anders",
}

#: Dutch language level, CEFR-like. Tasks use ``geen`` up to ``B2``; people can be higher.
LANGUAGE_LEVELS: tuple[str, ...] = ("geen", "A1", "A2", "B1", "B2", "C1", "C2")
TASK_LANGUAGE_LEVELS: tuple[str, ...] = LANGUAGE_LEVELS[:5]

#: Physical load of a task, and the most a person says they can take on.
PHYSICAL_LOADS: tuple[str, ...] = ("licht", "middel", "zwaar")

#: How a person travels. ``geen`` means: no vehicle, on foot.
TRAVEL_MODES: tuple[str, ...] = ("auto", "fiets", "ov", "geen")
TRAVEL_MODE_PHRASES: dict[str, str] = {
    "auto": "met de auto",
    "fiets": "met de fiets",
    "ov": "met het openbaar vervoer",
    "geen": "lopend",
}

DAYS: tuple[str, ...] = ("ma", "di", "wo", "do", "vr", "za", "zo")
DAY_NAMES: dict[str, str] = {
    "ma": "maandag",
    "di": "dinsdag",
    "wo": "woensdag",
    "do": "donderdag",
    "vr": "vrijdag",
    "za": "zaterdag",
    "zo": "zondag",
}

#: Shown on a profile, never scored: selecting on skills, not diplomas, is the point.
EDUCATION_LEVELS: tuple[str, ...] = (
    "geen",
    "basisonderwijs",
    "praktijkonderwijs",
    "vso",
    "vmbo",
    "entree",
    "mbo2",
    "mbo3",
    "mbo4",
    "havo-vwo",
    "hbo",
    "wo",
)

#: Support a person may need. A need is never scored: it is shown so the adviser arranges it.
SUPPORT_NEEDS: dict[str, str] = {
    "jobcoach": "een jobcoach",
    "aanpassing-werkplek": "een aangepaste werkplek",
    "aangepaste-werktijden": "aangepaste werktijden",
    "vaste-collega": "een vaste collega of buddy",
    "vervoer": "hulp bij vervoer",
    "taalondersteuning": "ondersteuning bij de Nederlandse taal",
    "begeleiding-bij-start": "begeleiding bij de start",
}

#: The parts of a score, in the order they are shown and summed.
PARTS: tuple[str, ...] = ("tasks", "skills", "travel", "hours", "interests", "completeness")
PART_LABELS: dict[str, str] = {
    "tasks": "Taken",
    "skills": "Vaardigheden",
    "travel": "Reistijd",
    "hours": "Uren",
    "interests": "Interesses",
    "completeness": "Volledig profiel",
}

#: Default weight of each part (they add up to 1; an adviser may change them per demand).
DEFAULT_WEIGHTS: dict[str, float] = {
    "tasks": 0.35,
    "skills": 0.25,
    "travel": 0.15,
    "hours": 0.10,
    "interests": 0.10,
    "completeness": 0.05,
}

#: Score of the interests part when a profile has no interests at all: neutral, not zero.
NEUTRAL_INTERESTS = 0.5


def level_index(levels: tuple[str, ...], value: str | None) -> int:
    """Position of ``value`` in ``levels``; -1 for ``None`` (not filled in)."""
    if value is None:
        return -1
    return levels.index(value)


def check_choice(value: str, allowed: Iterable[str], what: str) -> None:
    """Raise ``ValueError`` (Dutch) when ``value`` is not one of ``allowed``."""
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValueError(f"{what}: onbekende waarde {value!r}; kies uit {', '.join(allowed)}")


def format_number(value: float, decimals: int = 1) -> str:
    """A number the Dutch way: ``12`` or ``12,5`` (no trailing ``,0``)."""
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def join_dutch(items: Iterable[str]) -> str:
    """``a``, ``a en b``, ``a, b en c``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]
