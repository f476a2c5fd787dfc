"""``werkpunt manage import_tasks``: ESCO / CompetentNL files into an extra task list, and the
loader that adds that list to the shipped one (``WERKPUNT_TASK_LIST_DIR``)."""

from __future__ import annotations

import io
from importlib import resources
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from werkpunt.core.management.commands.import_tasks import Command
from werkpunt.matching import CatalogueError, import_files, load_catalogue
from werkpunt.matching.loader import (
    TASK_LIST_DIR_ENV,
    clear_catalogue_cache,
    load_catalogue_from,
    load_catalogue_with,
)

FIXTURES = Path(__file__).parent / "fixtures"
OCCUPATIONS = FIXTURES / "occupations_nl.csv"
SKILLS = FIXTURES / "skills_nl.csv"
RELATIONS = FIXTURES / "occupationSkillRelations_nl.csv"
COMPETENTNL = FIXTURES / "competentnl_taken.csv"
BROKEN = FIXTURES / "broken_columns.csv"
ESCO = (OCCUPATIONS, SKILLS, RELATIONS)


@pytest.fixture(autouse=True)
def _no_task_list_dir(monkeypatch, settings):
    """Start every test without an imported list, and forget the cached one afterwards."""
    monkeypatch.delenv(TASK_LIST_DIR_ENV, raising=False)
    settings.WERKPUNT_TASK_LIST_DIR = ""
    clear_catalogue_cache()
    yield
    clear_catalogue_cache()


def run(*args: object) -> str:
    out = io.StringIO()
    call_command("import_tasks", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_esco_import_reports_counts_and_writes_both_files(tmp_path):
    output = tmp_path / "takenlijst"

    text = run(*ESCO, "--output", output)

    assert "Ingelezen: 3 bestanden." in text
    # Five released occupations and nine released skills; the obsolete ones are left out.
    assert "5 taken en 9 vaardigheden." in text
    # Only the essential relations: 2 + 2 + 3 + 2 + 2 (the obsolete occupation is gone).
    assert "11 koppelingen tussen taak en vaardigheid" in text
    assert "2 regels overgeslagen: de status is niet 'released'." in text
    assert "Takenlijst geschreven in" in text
    assert (output / "tasks.yaml").is_file()
    assert (output / "skills.yaml").is_file()
    assert "ESCO-gegevens: © Europese Unie" in (output / "tasks.yaml").read_text(encoding="utf-8")


def test_skills_come_from_essential_relations_only(tmp_path):
    run(*ESCO, "--output", tmp_path)
    catalogue = load_catalogue_with(directory=tmp_path)

    shelf = catalogue.tasks["vakkenvuller"]
    assert set(shelf.skills) == {"schappen-bijvullen", "houdbaarheidsdatum-controleren"}
    assert "heftruck-besturen" not in shelf.skills  # optional relation
    assert set(catalogue.tasks["heftruckchauffeur"].skills) == {
        "heftruck-besturen",
        "veilig-werken",
    }
    assert "veilig-werken" not in catalogue.tasks["schoonmaker-kantoren"].skills  # optional
    assert shelf.sector == "detailhandel"  # ISCO 9334
    assert catalogue.tasks["afwasser"].sector == "horeca"


def test_rows_that_are_not_released_are_skipped(tmp_path):
    run(*ESCO, "--output", tmp_path)
    text = (tmp_path / "tasks.yaml").read_text(encoding="utf-8")
    skills = (tmp_path / "skills.yaml").read_text(encoding="utf-8")

    assert "turfsteker" not in text
    assert "turf" not in skills


def test_output_round_trips_through_the_loader(tmp_path, monkeypatch):
    run(*ESCO, COMPETENTNL, "--output", tmp_path)
    tasks, skills = import_files([*ESCO, COMPETENTNL])
    shipped = load_catalogue_from()

    monkeypatch.setenv(TASK_LIST_DIR_ENV, str(tmp_path))
    catalogue = load_catalogue()

    # Every shipped task is still there, unchanged; the imported ones are added.
    for task_id, task in shipped.tasks.items():
        assert catalogue.tasks[task_id] == task
    for task in tasks:
        if task.id in shipped.tasks:
            continue
        assert catalogue.tasks[task.id] == task  # id, name, sector, skills, adjacency, uri
    for skill in skills:
        assert skill.id in catalogue.skills
    assert len(catalogue.tasks) == len(shipped.tasks) + len(tasks) - 1
    assert catalogue.tasks["stekjes-verspenen-in-de-kas"].alt_labels == (
        "verspenen",
        "stekjes oppotten",
    )


def test_the_shipped_task_and_skill_win_on_a_clash(tmp_path):
    text = run(COMPETENTNL, *ESCO, "--output", tmp_path)
    catalogue = load_catalogue_with(directory=tmp_path)

    assert "1 taak met dezelfde id als een meegeleverde taak" in text
    assert "heftruck-rijden" in text
    shipped = load_catalogue_from()
    assert catalogue.tasks["heftruck-rijden"] == shipped.tasks["heftruck-rijden"]
    assert catalogue.skills["samenwerken"].name == shipped.skills["samenwerken"].name


def test_dry_run_writes_nothing(tmp_path):
    output = tmp_path / "takenlijst"

    text = run(*ESCO, "--output", output, "--dry-run")

    assert "5 taken en 9 vaardigheden." in text
    assert "Proefdraai: er is niets geschreven." in text
    assert not output.exists()


def test_dry_run_needs_no_output_directory():
    assert "Proefdraai" in run(COMPETENTNL, "--dry-run")


def test_the_setting_is_the_default_output(tmp_path, settings):
    settings.WERKPUNT_TASK_LIST_DIR = str(tmp_path)

    text = run(COMPETENTNL)

    assert (tmp_path / "tasks.yaml").is_file()
    assert "Let op" not in text  # Werkpunt reads this directory already


def test_a_second_import_replaces_the_first(tmp_path):
    run(*ESCO, "--output", tmp_path)
    text = run(COMPETENTNL, "--output", tmp_path)

    assert "Takenlijst vervangen" in text
    catalogue = load_catalogue_with(directory=tmp_path)
    assert "afwasser" not in catalogue.tasks
    assert "stekjes-verspenen-in-de-kas" in catalogue.tasks


def test_without_an_output_directory_it_refuses():
    with pytest.raises(CommandError, match="Geef met --output een map op"):
        run(*ESCO)


def test_it_never_writes_into_the_shipped_data(tmp_path):
    with resources.as_file(resources.files("werkpunt.matching").joinpath("data")) as shipped:
        before = (Path(shipped) / "tasks.yaml").read_text(encoding="utf-8")
        with pytest.raises(CommandError, match="meegeleverde takenlijst"):
            run(*ESCO, "--output", shipped)
        assert (Path(shipped) / "tasks.yaml").read_text(encoding="utf-8") == before


def test_a_broken_file_gives_a_dutch_error_and_a_failing_exit_code(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(
            ["werkpunt", "import_tasks", str(BROKEN), "--output", str(tmp_path / "uit")]
        )

    assert exit_info.value.code != 0
    err = capsys.readouterr().err
    assert "kan niet worden ingelezen" in err
    assert "onbekende kolommen" in err
    assert not (tmp_path / "uit").exists()


def test_a_file_that_is_not_utf8_or_missing_is_refused(tmp_path):
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("type,uri,label\ntaak,u1,Kaas kéren\n".encode("latin-1"))
    with pytest.raises(CommandError, match="geen UTF-8"):
        run(latin, "--output", tmp_path / "uit")
    with pytest.raises(CommandError, match="bestaat niet"):
        run(tmp_path / "weg.csv", "--output", tmp_path / "uit")


def test_skills_without_occupations_give_no_task_list(tmp_path):
    with pytest.raises(CommandError, match="geen taken"):
        run(SKILLS, "--output", tmp_path)
    assert not (tmp_path / "tasks.yaml").exists()


def test_loader_without_an_imported_list_gives_the_shipped_one(tmp_path, monkeypatch):
    monkeypatch.setenv(TASK_LIST_DIR_ENV, str(tmp_path / "nog-leeg"))
    assert load_catalogue().tasks == load_catalogue_from().tasks


def test_loader_reports_a_broken_imported_list_in_dutch(tmp_path, monkeypatch):
    run(COMPETENTNL, "--output", tmp_path)
    path = tmp_path / "tasks.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("- potgrond-mengen", "- bestaat-niet", 1),
        encoding="utf-8",
    )
    monkeypatch.setenv(TASK_LIST_DIR_ENV, str(tmp_path))

    with pytest.raises(CatalogueError, match=r"WERKPUNT_TASK_LIST_DIR .*onbekende vaardigheid"):
        load_catalogue()
