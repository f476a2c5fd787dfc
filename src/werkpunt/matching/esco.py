"""Import tasks and skills from an ESCO CSV export or a CompetentNL-like CSV.

Pure parser: it reads files and returns :class:`~werkpunt.matching.catalogue.Task` and
:class:`~werkpunt.matching.catalogue.Skill` objects in our shape; saving them is left to a
management command. Three kinds of file are recognised by their header:

- **ESCO concepts** (``occupations_nl.csv``, ``skills_nl.csv``, or one file with both): columns
  ``conceptType``, ``conceptUri``, ``preferredLabel`` and optionally ``altLabels`` (one label
  per line in the cell), ``iscoGroup``, ``status``. Rows of type ``Occupation`` become tasks,
  rows of type ``KnowledgeSkillCompetence`` become skills. Rows whose ``status`` is set and is
  not ``released`` are skipped.
- **ESCO relations** (``occupationSkillRelations.csv``): ``occupationUri``, ``relationType``,
  ``skillUri``. Only ``essential`` relations give a task its skills.
- **CompetentNL-like**: ``type`` (``taak`` or ``vaardigheid``), ``uri``, ``label`` and
  optionally ``alt_labels`` and ``skills`` (both separated by ``|``), ``sector``,
  ``physical_load``, ``language``. No public CompetentNL export could be checked when this
  was written; the shape is our assumption and is easy to adapt (see ``docs/matching.md``).

ESCO has no sector, physical load or language need. The sector comes from the ISCO group
(:func:`sector_for_isco`); load and language get the defaults ``middel`` and ``A2``, to be
reviewed by an adviser. Adjacent tasks are computed from shared skills.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from werkpunt.matching.catalogue import Skill, Task, compute_adjacency
from werkpunt.matching.vocab import PHYSICAL_LOADS, SECTORS, TASK_LANGUAGE_LEVELS

ESCO_OCCUPATION = "Occupation"
ESCO_SKILL = "KnowledgeSkillCompetence"
DEFAULT_LOAD = "middel"
DEFAULT_LANGUAGE = "A2"

#: ISCO-08 code prefixes to our sectors; the longest matching prefix wins.
ISCO_SECTORS: dict[str, str] = {
    "1": "kantoor",
    "141": "horeca",
    "2": "kantoor",
    "22": "zorg",
    "2635": "zorg",
    "3": "kantoor",
    "32": "zorg",
    "3412": "zorg",
    "4": "kantoor",
    "4224": "horeca",
    "432": "logistiek",
    "51": "horeca",
    "515": "schoonmaak",
    "516": "zorg",
    "52": "detailhandel",
    "53": "zorg",
    "54": "kantoor",
    "6": "agrarisch",
    "7": "industrie",
    "71": "bouw",
    "741": "bouw",
    "751": "food",
    "8": "industrie",
    "816": "food",
    "83": "logistiek",
    "91": "schoonmaak",
    "92": "agrarisch",
    "93": "industrie",
    "931": "bouw",
    "933": "logistiek",
    "9334": "detailhandel",  # shelf fillers (vakkenvullers)
    "94": "horeca",
    "95": "detailhandel",
    "96": "schoonmaak",
    "9621": "logistiek",
}


class EscoImportError(ValueError):
    """The file cannot be read as one of the known shapes (Dutch message)."""


@dataclass
class _Collected:
    tasks: dict[str, Task] = field(default_factory=dict)  # by uri
    skills: dict[str, Skill] = field(default_factory=dict)  # by uri
    relations: list[tuple[str, str]] = field(default_factory=list)  # (task uri, skill uri)
    task_skill_uris: dict[str, list[str]] = field(default_factory=dict)


def sector_for_isco(code: str, default: str = "anders") -> str:
    """Our sector for an ISCO-08 code (``"9333"`` → ``logistiek``)."""
    digits = re.sub(r"\D", "", code or "")
    for length in range(len(digits), 0, -1):
        sector = ISCO_SECTORS.get(digits[:length])
        if sector:
            return sector
    return default


def slugify(label: str) -> str:
    """``"Heftruck rijden (binnen)"`` → ``"heftruck-rijden-binnen"``."""
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "item"


def _labels(cell: str | None, separator: str) -> tuple[str, ...]:
    if not cell:
        return ()
    parts = cell.splitlines() if separator == "\n" else cell.split(separator)
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))


def _read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = [dict(row) for row in reader]
            return list(reader.fieldnames or ()), rows
    except UnicodeDecodeError as error:
        raise EscoImportError(f"{path.name}: het bestand is geen UTF-8") from error
    except csv.Error as error:
        raise EscoImportError(f"{path.name}: geen geldige CSV: {error}") from error


def _read_esco_concepts(path: Path, rows: list[dict[str, str]], into: _Collected) -> None:
    for number, row in enumerate(rows, start=2):
        kind = (row.get("conceptType") or "").strip()
        uri = (row.get("conceptUri") or "").strip()
        label = (row.get("preferredLabel") or "").strip()
        status = (row.get("status") or "").strip()
        if status and status != "released":
            continue
        if kind not in (ESCO_OCCUPATION, ESCO_SKILL):
            continue
        if not uri or not label:
            raise EscoImportError(f"{path.name}, regel {number}: conceptUri of label ontbreekt")
        alt = _labels(row.get("altLabels"), "\n")
        if kind == ESCO_SKILL:
            into.skills[uri] = Skill(id=slugify(label), name=label, uri=uri, alt_labels=alt)
        else:
            into.tasks[uri] = Task(
                id=slugify(label),
                name=label,
                sector=sector_for_isco(row.get("iscoGroup") or ""),
                skills=(),
                physical_load=DEFAULT_LOAD,
                language=DEFAULT_LANGUAGE,
                uri=uri,
                alt_labels=alt,
            )


def _read_esco_relations(path: Path, rows: list[dict[str, str]], into: _Collected) -> None:
    for row in rows:
        if (row.get("relationType") or "").strip() != "essential":
            continue
        task_uri = (row.get("occupationUri") or "").strip()
        skill_uri = (row.get("skillUri") or "").strip()
        if task_uri and skill_uri:
            into.relations.append((task_uri, skill_uri))


def _choice(value: str | None, allowed: Sequence[str], default: str, where: str) -> str:
    value = (value or "").strip()
    if not value:
        return default
    if value not in allowed:
        raise EscoImportError(f"{where}: onbekende waarde {value!r}")
    return value


def _read_competentnl(path: Path, rows: list[dict[str, str]], into: _Collected) -> None:
    for number, row in enumerate(rows, start=2):
        where = f"{path.name}, regel {number}"
        kind = (row.get("type") or "").strip().lower()
        uri = (row.get("uri") or "").strip()
        label = (row.get("label") or "").strip()
        if not uri or not label:
            raise EscoImportError(f"{where}: uri of label ontbreekt")
        alt = _labels(row.get("alt_labels"), "|")
        if kind == "vaardigheid":
            into.skills[uri] = Skill(id=slugify(label), name=label, uri=uri, alt_labels=alt)
        elif kind == "taak":
            into.tasks[uri] = Task(
                id=slugify(label),
                name=label,
                sector=_choice(row.get("sector"), SECTORS, "anders", where),
                skills=(),
                physical_load=_choice(
                    row.get("physical_load"), PHYSICAL_LOADS, DEFAULT_LOAD, where
                ),
                language=_choice(
                    row.get("language"), TASK_LANGUAGE_LEVELS, DEFAULT_LANGUAGE, where
                ),
                uri=uri,
                alt_labels=alt,
            )
            into.task_skill_uris[uri] = list(_labels(row.get("skills"), "|"))
        else:
            raise EscoImportError(f"{where}: type moet 'taak' of 'vaardigheid' zijn")


def _read(path: Path, into: _Collected) -> None:
    header, rows = _read_rows(path)
    columns = set(header)
    if {"conceptType", "conceptUri", "preferredLabel"} <= columns:
        _read_esco_concepts(path, rows, into)
    elif {"occupationUri", "relationType", "skillUri"} <= columns:
        _read_esco_relations(path, rows, into)
    elif {"type", "uri", "label"} <= columns:
        _read_competentnl(path, rows, into)
    else:
        raise EscoImportError(
            f"{path.name}: onbekende kolommen; verwacht een ESCO-export of CompetentNL-CSV"
        )


def _unique_ids(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Give every uri a unique id, based on its slug (``-2``, ``-3`` for repeats)."""
    result: dict[str, str] = {}
    used: set[str] = set()
    for uri, slug in items:
        candidate, number = slug, 2
        while candidate in used or candidate in SECTORS:
            candidate = f"{slug}-{number}"
            number += 1
        used.add(candidate)
        result[uri] = candidate
    return result


def import_files(paths: Iterable[str | Path]) -> tuple[list[Task], list[Skill]]:
    """Read several files (concepts and relations) into one task list and skill list."""
    collected = _Collected()
    for path in paths:
        _read(Path(path), collected)
    skill_ids = _unique_ids((uri, s.id) for uri, s in collected.skills.items())
    skills = [replace(s, id=skill_ids[uri]) for uri, s in collected.skills.items()]
    task_ids = _unique_ids((uri, t.id) for uri, t in collected.tasks.items())
    links: dict[str, list[str]] = {uri: [] for uri in collected.tasks}
    for task_uri, skill_uris in collected.task_skill_uris.items():
        links[task_uri].extend(skill_uris)
    for task_uri, skill_uri in collected.relations:
        if task_uri in links:
            links[task_uri].append(skill_uri)
    tasks = [
        replace(
            t,
            id=task_ids[uri],
            skills=tuple(dict.fromkeys(skill_ids[s] for s in links[uri] if s in skill_ids)),
        )
        for uri, t in collected.tasks.items()
    ]
    adjacency = compute_adjacency(tasks)
    return [replace(t, adjacent=adjacency[t.id]) for t in tasks], skills


def import_file(
    path: str | Path, *, relations: str | Path | None = None
) -> tuple[list[Task], list[Skill]]:
    """Read one file (and optionally an ESCO relations file) into tasks and skills."""
    return import_files([path] if relations is None else [path, relations])
