"""Load the shipped data: the task list (tasks, skills, licences) and the places.

The files live in ``werkpunt/matching/data/`` and are read through ``importlib.resources``,
so they work from an installed wheel too (the package-data glob ``matching/data/*`` must be in
``pyproject.toml``). Loading validates every reference; a broken file raises
:class:`~werkpunt.matching.catalogue.CatalogueError` with a Dutch message.

An imported task list (``werkpunt manage import_tasks``, from ESCO or CompetentNL) lives
outside the package, in the directory named by the environment variable
``WERKPUNT_TASK_LIST_DIR``: ``tasks.yaml`` and ``skills.yaml`` in the same shape as the
shipped files (``licences.yaml`` is optional). :func:`load_catalogue` adds those tasks to the
shipped ones; on a clash of ids the shipped task, skill or licence wins. A directory without
``tasks.yaml`` adds nothing. This module stays pure: it reads ``os.environ``, not Django.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from werkpunt.matching.catalogue import CatalogueError, Licence, Skill, Task, TaskCatalogue
from werkpunt.matching.travel import Place, Places

PACKAGE = "werkpunt.matching"
PLACE_COLUMNS = ("id", "name", "municipality", "municipality_code", "lat", "lon")
TASK_KEYS = {
    "id",
    "name",
    "sector",
    "skills",
    "physical_load",
    "language",
    "licences",
    "adjacent",
    # Optional, written by the import: where the task came from (ESCO or CompetentNL).
    "uri",
    "alt_labels",
}
#: The environment variable with the directory of an imported task list.
TASK_LIST_DIR_ENV = "WERKPUNT_TASK_LIST_DIR"


def _read(name: str, directory: Path | None) -> str:
    if directory is not None:
        return (directory / name).read_text(encoding="utf-8")
    return resources.files(PACKAGE).joinpath("data", name).read_text(encoding="utf-8")


def _yaml(name: str, key: str, directory: Path | None) -> Any:
    try:
        raw = yaml.safe_load(_read(name, directory))
    except yaml.YAMLError as error:
        raise CatalogueError(f"{name}: geen geldige YAML: {error}") from error
    if not isinstance(raw, dict) or raw.get("version") != 1 or key not in raw:
        raise CatalogueError(f"{name}: verwacht 'version: 1' en '{key}'")
    return raw[key]


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CatalogueError(f"{where}: verwacht een lijst met teksten")
    return tuple(value)


def parse_tasks(raw: Any) -> list[Task]:
    if not isinstance(raw, list):
        raise CatalogueError("tasks.yaml: 'tasks' moet een lijst zijn")
    tasks = []
    for number, item in enumerate(raw, start=1):
        where = f"tasks.yaml, taak {number}"
        if not isinstance(item, dict):
            raise CatalogueError(f"{where}: verwacht een mapping")
        unknown = set(item) - TASK_KEYS
        if unknown:
            raise CatalogueError(f"{where}: onbekende velden {sorted(unknown)}")
        try:
            tasks.append(
                Task(
                    id=str(item["id"]),
                    name=str(item["name"]),
                    sector=str(item["sector"]),
                    skills=_str_list(item.get("skills"), where),
                    physical_load=str(item["physical_load"]),
                    language=str(item["language"]),
                    licences=_str_list(item.get("licences"), where),
                    adjacent=_str_list(item.get("adjacent"), where),
                    uri=str(item.get("uri") or ""),
                    alt_labels=_str_list(item.get("alt_labels"), where),
                )
            )
        except KeyError as error:
            raise CatalogueError(f"{where}: veld {error} ontbreekt") from error
        except ValueError as error:
            raise CatalogueError(f"{where}: {error}") from error
    return tasks


def _names(raw: Any, name: str) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in raw.items()
    ):
        raise CatalogueError(f"{name}: verwacht id: naam")
    return raw


def load_catalogue_from(directory: Path | None = None) -> TaskCatalogue:
    """Read and validate the task list (from ``directory``, or the shipped data)."""
    skills = _names(_yaml("skills.yaml", "skills", directory), "skills.yaml")
    licences = _names(_yaml("licences.yaml", "licences", directory), "licences.yaml")
    tasks = parse_tasks(_yaml("tasks.yaml", "tasks", directory))
    ids = [t.id for t in tasks]
    if len(set(ids)) != len(ids):
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        raise CatalogueError(f"tasks.yaml: dubbele taak-id's {duplicates}")
    return TaskCatalogue(
        tasks={t.id: t for t in tasks},
        skills={k: Skill(k, v) for k, v in skills.items()},
        licences={k: Licence(k, v) for k, v in licences.items()},
    )


def parse_places(text: str) -> Places:
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != PLACE_COLUMNS:
        raise CatalogueError(f"places.csv: verwacht de kolommen {', '.join(PLACE_COLUMNS)}")
    places = []
    for row in reader:
        where = f"places.csv, regel {reader.line_num}"
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError as error:
            raise CatalogueError(f"{where}: coördinaat is geen getal") from error
        if not (50.7 <= lat <= 53.7 and 3.3 <= lon <= 7.3):
            raise CatalogueError(f"{where}: coördinaat ligt niet in Nederland")
        places.append(
            Place(
                id=row["id"],
                name=row["name"],
                municipality=row["municipality"],
                municipality_code=row["municipality_code"],
                lat=lat,
                lon=lon,
            )
        )
    try:
        return Places(places)
    except ValueError as error:
        raise CatalogueError(str(error)) from error


def load_places_from(directory: Path | None = None) -> Places:
    return parse_places(_read("places.csv", directory))


def task_list_dir() -> Path | None:
    """The directory of the imported task list (``WERKPUNT_TASK_LIST_DIR``), if set."""
    value = os.environ.get(TASK_LIST_DIR_ENV, "").strip()
    return Path(value).expanduser() if value else None


@dataclass(frozen=True)
class TaskList:
    """Tasks, skills and licences as read from files, before they are checked against the
    shipped list (imported tasks may use the shipped skills and licences)."""

    tasks: dict[str, Task] = field(default_factory=dict)
    skills: dict[str, Skill] = field(default_factory=dict)
    licences: dict[str, Licence] = field(default_factory=dict)


def read_task_list(*, directory: Path) -> TaskList | None:
    """The imported task list in ``directory``, or ``None`` when it has no ``tasks.yaml``."""
    if not (directory / "tasks.yaml").is_file():
        return None
    try:
        tasks = parse_tasks(_yaml("tasks.yaml", "tasks", directory))
        skills = (
            _names(_yaml("skills.yaml", "skills", directory), "skills.yaml")
            if (directory / "skills.yaml").is_file()
            else {}
        )
        licences = (
            _names(_yaml("licences.yaml", "licences", directory), "licences.yaml")
            if (directory / "licences.yaml").is_file()
            else {}
        )
    except CatalogueError as error:
        raise CatalogueError(f"{TASK_LIST_DIR_ENV} ({directory}): {error}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogueError(
            f"{TASK_LIST_DIR_ENV} ({directory}): kan het bestand niet lezen: {error}"
        ) from error
    ids = [t.id for t in tasks]
    if len(set(ids)) != len(ids):
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        raise CatalogueError(
            f"{TASK_LIST_DIR_ENV} ({directory}): tasks.yaml: dubbele taak-id's {duplicates}"
        )
    return TaskList(
        tasks={t.id: t for t in tasks},
        skills={k: Skill(k, v) for k, v in skills.items()},
        licences={k: Licence(k, v) for k, v in licences.items()},
    )


def merge_catalogues(*, shipped: TaskCatalogue, imported: TaskList) -> TaskCatalogue:
    """The shipped list plus the imported tasks, skills and licences; shipped ids win.

    Raises :class:`CatalogueError` when an imported task refers to a skill, licence or
    adjacent task that is in neither list.
    """
    return TaskCatalogue(
        tasks={**imported.tasks, **shipped.tasks},
        skills={**imported.skills, **shipped.skills},
        licences={**imported.licences, **shipped.licences},
    )


def load_catalogue_with(*, directory: Path | None) -> TaskCatalogue:
    """The shipped task list plus the imported one in ``directory`` (if any)."""
    shipped = load_catalogue_from()
    imported = read_task_list(directory=directory) if directory is not None else None
    if imported is None:
        return shipped
    try:
        return merge_catalogues(shipped=shipped, imported=imported)
    except CatalogueError as error:
        raise CatalogueError(f"{TASK_LIST_DIR_ENV} ({directory}): {error}") from error


@cache
def _catalogue_for(directory: str) -> TaskCatalogue:
    return load_catalogue_with(directory=Path(directory) if directory else None)


def load_catalogue() -> TaskCatalogue:
    """The task list: the shipped one plus the imported one in ``WERKPUNT_TASK_LIST_DIR``.

    Loaded once per process (per value of the variable): restart the web and worker
    processes after an import, or call :func:`clear_catalogue_cache`.
    """
    directory = task_list_dir()
    return _catalogue_for(str(directory) if directory else "")


def clear_catalogue_cache() -> None:
    """Forget the loaded task list, so the next :func:`load_catalogue` reads the files again."""
    _catalogue_for.cache_clear()


@cache
def load_places() -> Places:
    """The shipped places, loaded once per process."""
    return load_places_from()
