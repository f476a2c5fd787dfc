"""``werkpunt manage import_tasks <files...> [--output DIR] [--dry-run]``.

Reads an ESCO CSV export (occupations and skills, plus ``occupationSkillRelations``) or a
CompetentNL-like CSV with :func:`werkpunt.matching.esco.import_files`, reports what it found in
Dutch, checks the result together with the shipped task list, and writes it as ``tasks.yaml``
and ``skills.yaml`` (the shape of ``werkpunt/matching/data/``) into the output directory:
``--output``, else the setting or environment variable ``WERKPUNT_TASK_LIST_DIR``. It never
writes into the shipped package data. ``werkpunt.matching.load_catalogue()`` adds the imported
tasks to the shipped ones when ``WERKPUNT_TASK_LIST_DIR`` points at that directory; the shipped
ids win on a clash. See docs/matching.md ("Importing a task list").
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from werkpunt.matching.catalogue import CatalogueError, Skill, Task
from werkpunt.matching.esco import EscoImportError, import_files
from werkpunt.matching.loader import (
    TASK_LIST_DIR_ENV,
    TaskList,
    clear_catalogue_cache,
    load_catalogue_from,
    merge_catalogues,
)
from werkpunt.matching.vocab import SECTOR_LABELS

ESCO_NOTICE = (
    "# ESCO-gegevens: © Europese Unie, https://esco.ec.europa.eu (Besluit 2011/833/EU).\n"
    "# Fysieke belasting en taalniveau van ESCO-taken zijn standaardwaarden (middel, A2):\n"
    "# laat een adviseur ze nakijken.\n"
)


def shipped_data_dir() -> Path:
    """The directory of the shipped task list, inside the installed package."""
    with resources.as_file(resources.files("werkpunt.matching").joinpath("data")) as path:
        return Path(path).resolve()


def default_output() -> str:
    """``WERKPUNT_TASK_LIST_DIR`` from the settings, else from the environment."""
    value = getattr(settings, "WERKPUNT_TASK_LIST_DIR", "") or os.environ.get(TASK_LIST_DIR_ENV, "")
    return str(value or "").strip()


def skipped_rows(*, paths: Sequence[Path]) -> int:
    """How many ESCO concept rows the parser leaves out because they are not ``released``."""
    skipped = 0
    for path in paths:
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                if "conceptUri" not in (reader.fieldnames or ()):
                    continue
                skipped += sum(
                    1 for row in reader if (row.get("status") or "").strip() not in ("", "released")
                )
        except (OSError, UnicodeDecodeError, csv.Error):
            continue  # the parser has reported it already
    return skipped


def plural(*, count: int, one: str, many: str) -> str:
    """``1 taak``, ``3 taken``."""
    return f"{count} {one if count == 1 else many}"


def task_entry(*, task: Task) -> dict[str, Any]:
    """One task in the YAML shape of ``tasks.yaml`` (empty optional fields left out)."""
    entry: dict[str, Any] = {
        "id": task.id,
        "name": task.name,
        "sector": task.sector,
        "skills": list(task.skills),
        "physical_load": task.physical_load,
        "language": task.language,
    }
    if task.licences:
        entry["licences"] = list(task.licences)
    entry["adjacent"] = list(task.adjacent)
    if task.uri:
        entry["uri"] = task.uri
    if task.alt_labels:
        entry["alt_labels"] = list(task.alt_labels)
    return entry


def task_list_yaml(*, tasks: Sequence[Task], sources: Sequence[Path], today: dt.date) -> str:
    header = (
        "# Takenlijst, geïmporteerd met 'werkpunt manage import_tasks' op "
        f"{today.isoformat()}.\n"
        f"# Bronnen: {', '.join(p.name for p in sources)}.\n"
        "# Werkpunt leest deze map als WERKPUNT_TASK_LIST_DIR ernaar wijst; bij dezelfde id\n"
        "# wint de meegeleverde takenlijst. Zie docs/matching.md.\n" + ESCO_NOTICE
    )
    body = yaml.safe_dump(
        {"version": 1, "tasks": [task_entry(task=t) for t in tasks]},
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    return header + body


def skill_list_yaml(*, skills: Sequence[Skill], today: dt.date) -> str:
    header = (
        "# Vaardigheden bij de geïmporteerde takenlijst (id: naam), "
        f"geïmporteerd op {today.isoformat()}.\n" + ESCO_NOTICE
    )
    body = yaml.safe_dump(
        {"version": 1, "skills": {s.id: s.name for s in skills}},
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    return header + body


def write_atomically(*, path: Path, text: str) -> None:
    """Write to a temporary file next to ``path``, then rename: never half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Command(BaseCommand):
    help = (
        "Lees taken en vaardigheden uit een ESCO-export (beroepen, vaardigheden en de relaties) "
        "of een CompetentNL-achtig CSV-bestand en schrijf ze als takenlijst (tasks.yaml en "
        "skills.yaml) in de map van WERKPUNT_TASK_LIST_DIR."
    )
    requires_system_checks: list[str] = []  # noqa: RUF012 - Django's own attribute

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", help="CSV-bestanden (ESCO of CompetentNL)")
        parser.add_argument(
            "--output",
            default="",
            help=f"map voor tasks.yaml en skills.yaml (standaard: {TASK_LIST_DIR_ENV})",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="alleen lezen en tellen; er wordt niets geschreven",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths = [Path(name) for name in options["files"]]
        dry_run = bool(options["dry_run"])
        output = self._output(str(options["output"] or ""), dry_run=dry_run)
        for path in paths:
            if not path.is_file():
                raise CommandError(f"Het bestand {path} bestaat niet.")

        try:
            tasks, skills = import_files(paths)
        except EscoImportError as error:
            raise CommandError(f"Het bestand kan niet worden ingelezen. {error}") from error
        except OSError as error:
            raise CommandError(f"Het bestand kan niet worden gelezen: {error}") from error
        if not tasks:
            raise CommandError(
                "Er staan geen taken in deze bestanden. Geef ook het bestand met de beroepen "
                "(ESCO) of de regels met type 'taak' (CompetentNL) mee."
            )

        shipped = load_catalogue_from()
        imported = TaskList(tasks={t.id: t for t in tasks}, skills={s.id: s for s in skills})
        try:
            merge_catalogues(shipped=shipped, imported=imported)
        except CatalogueError as error:
            raise CommandError(f"De ingelezen takenlijst klopt niet: {error}") from error

        self._report(paths=paths, tasks=tasks, skills=skills, shipped_ids=set(shipped.tasks))
        if dry_run:
            self.stdout.write("Proefdraai: er is niets geschreven.")
            return
        assert output is not None
        self._write(output=output, paths=paths, tasks=tasks, skills=skills)

    def _output(self, given: str, *, dry_run: bool) -> Path | None:
        value = given.strip() or default_output()
        if not value:
            if dry_run:
                return None
            raise CommandError(
                "Geef met --output een map op voor de takenlijst, of zet "
                f"{TASK_LIST_DIR_ENV} in de instellingen. De meegeleverde takenlijst wordt "
                "nooit overschreven."
            )
        output = Path(value).expanduser().resolve()
        shipped = shipped_data_dir()
        if output == shipped or shipped in output.parents or output in shipped.parents:
            raise CommandError(
                f"De map {output} hoort bij de meegeleverde takenlijst. Die wordt nooit "
                "overschreven: kies een andere map."
            )
        if output.exists() and not output.is_dir():
            raise CommandError(f"{output} is een bestand, geen map.")
        return output

    def _report(
        self,
        *,
        paths: Sequence[Path],
        tasks: list[Task],
        skills: list[Skill],
        shipped_ids: set[str],
    ) -> None:
        write = self.stdout.write
        links = sum(len(t.skills) for t in tasks)
        without = sum(1 for t in tasks if not t.skills)
        clashes = sorted(t.id for t in tasks if t.id in shipped_ids)
        skipped = skipped_rows(paths=paths)
        write(f"Ingelezen: {plural(count=len(paths), one='bestand', many='bestanden')}.")
        write(
            f"  {plural(count=len(tasks), one='taak', many='taken')} en "
            f"{plural(count=len(skills), one='vaardigheid', many='vaardigheden')}."
        )
        write(
            f"  {plural(count=links, one='koppeling', many='koppelingen')} tussen taak en "
            "vaardigheid (bij ESCO alleen de relaties 'essential')."
        )
        if without:
            write(
                f"  {plural(count=without, one='taak', many='taken')} zonder vaardigheden. "
                "Geef bij ESCO ook het bestand met de relaties mee."
            )
        if skipped:
            write(
                f"  {plural(count=skipped, one='regel', many='regels')} overgeslagen: "
                "de status is niet 'released'."
            )
        per_sector = Counter(t.sector for t in tasks)
        sectors = ", ".join(
            f"{SECTOR_LABELS.get(sector, sector)} {count}"
            for sector, count in sorted(per_sector.items(), key=lambda item: (-item[1], item[0]))
        )
        write(f"  Per sector: {sectors}.")
        if clashes:
            write(
                f"  {plural(count=len(clashes), one='taak', many='taken')} met dezelfde id als "
                f"een meegeleverde taak; de meegeleverde taak blijft: {', '.join(clashes[:10])}"
                + (" …" if len(clashes) > 10 else "")
            )

    def _write(
        self, *, output: Path, paths: Sequence[Path], tasks: list[Task], skills: list[Skill]
    ) -> None:
        try:
            output.mkdir(parents=True, exist_ok=True)
            replaced = (output / "tasks.yaml").exists()
            today = timezone.localdate()
            write_atomically(
                path=output / "skills.yaml", text=skill_list_yaml(skills=skills, today=today)
            )
            write_atomically(
                path=output / "tasks.yaml",
                text=task_list_yaml(tasks=tasks, sources=paths, today=today),
            )
        except OSError as error:
            raise CommandError(f"Kan niet schrijven in {output}: {error}") from error
        clear_catalogue_cache()
        self.stdout.write(
            self.style.SUCCESS(
                f"Takenlijst {'vervangen' if replaced else 'geschreven'} in {output} "
                "(tasks.yaml en skills.yaml)."
            )
        )
        configured = default_output()
        if not configured or Path(configured).expanduser().resolve() != output:
            self.stdout.write(
                f"Let op: Werkpunt leest deze map pas als {TASK_LIST_DIR_ENV}={output} is gezet."
            )
        self.stdout.write("Start de webserver en de achtergrondtaken opnieuw om de lijst te laden.")
