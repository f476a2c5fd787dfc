"""Load the shipped data: the task list (tasks, skills, licences) and the places.

The files live in ``werkpunt/matching/data/`` and are read through ``importlib.resources``,
so they work from an installed wheel too (the package-data glob ``matching/data/*`` must be in
``pyproject.toml``). Loading validates every reference; a broken file raises
:class:`~werkpunt.matching.catalogue.CatalogueError` with a Dutch message.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from werkpunt.matching.catalogue import CatalogueError, Licence, Skill, Task, TaskCatalogue
from werkpunt.matching.travel import Place, Places

PACKAGE = "werkpunt.matching"
PLACE_COLUMNS = ("id", "name", "municipality", "municipality_code", "lat", "lon")
TASK_KEYS = {"id", "name", "sector", "skills", "physical_load", "language", "licences", "adjacent"}


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


@cache
def load_catalogue() -> TaskCatalogue:
    """The shipped task list, loaded once per process."""
    return load_catalogue_from()


@cache
def load_places() -> Places:
    """The shipped places, loaded once per process."""
    return load_places_from()
