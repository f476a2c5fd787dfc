"""The shipped data: task list, skills, licences and places are complete and consistent."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from werkpunt.matching import CatalogueError
from werkpunt.matching.catalogue import validate
from werkpunt.matching.loader import load_catalogue_from, load_places_from
from werkpunt.matching.travel import great_circle_km
from werkpunt.matching.vocab import SECTORS

DRENTHE_SECTORS = [s for s in SECTORS if s != "anders"]
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def test_sector_codes_match_the_employer_model():
    from werkpunt.employers.models import Sector

    assert list(SECTORS) == [choice.value for choice in Sector]


def test_a_few_hundred_tasks_spread_over_the_drenthe_sectors(catalogue):
    assert len(catalogue.tasks) >= 300
    per_sector = Counter(t.sector for t in catalogue.tasks.values())
    assert set(per_sector) == set(DRENTHE_SECTORS)
    assert min(per_sector.values()) >= 25


def test_every_reference_in_the_task_list_resolves(catalogue):
    assert validate(catalogue.tasks.values(), catalogue.skills, catalogue.licences) == []
    for t in catalogue.tasks.values():
        assert SLUG.match(t.id), t.id
        assert t.skills, f"{t.id} heeft geen vaardigheden"
        assert all(s in catalogue.skills for s in t.skills)
        assert all(a in catalogue.tasks for a in t.adjacent)
        assert all(lic in catalogue.licences for lic in t.licences)
        assert t.name[0].isupper()
        assert t.name.strip() == t.name


def test_every_skill_is_used_and_named_in_dutch(catalogue):
    used = {s for t in catalogue.tasks.values() for s in t.skills}
    assert used == set(catalogue.skills)
    for skill in catalogue.skills.values():
        assert SLUG.match(skill.id)
        assert skill.name
        assert skill.name[0].isupper()


def test_task_names_are_unique(catalogue):
    names = Counter(t.name.lower() for t in catalogue.tasks.values())
    assert [n for n, count in names.items() if count > 1] == []


def test_almost_every_task_has_adjacent_tasks(catalogue):
    without = [t.id for t in catalogue.tasks.values() if not t.adjacent]
    assert len(without) <= 3
    # Adjacency is meaningful: the orderpicker is close to other warehouse work.
    assert catalogue.are_adjacent("heftruck-rijden", "pallets-wikkelen")
    assert "orderpicken-magazijn" in catalogue.adjacent_to(["webshop-pick-pack"])


def test_licences_cover_what_tasks_and_employers_ask(catalogue):
    for licence in ("B", "C", "CE", "heftruck", "reachtruck", "vca-basis", "code95"):
        assert licence in catalogue.licences
    assert "heftruck" in catalogue.task("heftruck-rijden").licences


def test_places_of_the_six_municipalities(places):
    municipalities = {p.municipality: p.municipality_code for p in places.places}
    assert municipalities == {
        "Emmen": "GM0114",
        "Coevorden": "GM0109",
        "Hoogeveen": "GM0118",
        "Borger-Odoorn": "GM1681",
        "Midden-Drenthe": "GM1731",
        "De Wolden": "GM1690",
    }
    assert 60 <= len(places) <= 120
    per_municipality = Counter(p.municipality for p in places.places)
    assert min(per_municipality.values()) >= 8
    for main in ("emmen", "coevorden", "hoogeveen", "borger", "beilen", "zuidwolde", "odoorn"):
        assert main in places


def test_place_coordinates_lie_in_south_east_drenthe(places):
    for p in places.places:
        assert 52.60 <= p.lat <= 53.00, p.id
        assert 6.20 <= p.lon <= 7.10, p.id
        assert SLUG.match(p.id)
    coordinates = Counter((p.lat, p.lon) for p in places.places)
    assert max(coordinates.values()) == 1


# Village centres as published by GeoNames (cities1000), to spot-check our own coordinates.
GEONAMES = {
    "emmen": (52.77917, 6.90694),
    "coevorden": (52.66103, 6.74046),
    "hoogeveen": (52.7225, 6.47639),
    "borger": (52.92333, 6.79306),
    "klazienaveen": (52.72417, 6.99028),
    "schoonebeek": (52.6625, 6.88472),
    "ruinen": (52.7625, 6.35417),
    "dalen": (52.69917, 6.75556),
    "sleen": (52.77167, 6.80278),
    "emmer-compascuum": (52.81167, 7.04722),
}


@pytest.mark.parametrize(("place_id", "reference"), GEONAMES.items())
def test_coordinates_agree_with_geonames_within_two_km(places, place_id, reference):
    p = places.get(place_id)
    assert p is not None
    assert great_circle_km(p.lat, p.lon, *reference) < 2.0


def copy_data(tmp_path: Path) -> Path:
    source = resources.files("werkpunt.matching").joinpath("data")
    for name in ("tasks.yaml", "skills.yaml", "licences.yaml", "places.csv"):
        with resources.as_file(source.joinpath(name)) as path:
            shutil.copy(path, tmp_path / name)
    return tmp_path


def test_loading_from_a_copy_gives_the_same_catalogue(tmp_path, catalogue):
    copied = load_catalogue_from(copy_data(tmp_path))
    assert copied.tasks == catalogue.tasks


def test_a_broken_reference_is_reported_in_dutch(tmp_path):
    directory = copy_data(tmp_path)
    text = (directory / "tasks.yaml").read_text(encoding="utf-8")
    text = text.replace("skills: [sorteren-op-kwaliteit,", "skills: [bestaat-niet,", 1)
    (directory / "tasks.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match="onbekende vaardigheid bestaat-niet"):
        load_catalogue_from(directory)


def test_a_duplicate_task_id_is_refused(tmp_path):
    directory = copy_data(tmp_path)
    text = (directory / "tasks.yaml").read_text(encoding="utf-8")
    text = text.replace("id: groente-oogsten", "id: aardappelen-sorteren", 1)
    (directory / "tasks.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match="dubbele taak-id"):
        load_catalogue_from(directory)


def test_an_unknown_field_or_level_is_refused(tmp_path):
    directory = copy_data(tmp_path)
    path = directory / "tasks.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("language: geen", "language: C3", 1), encoding="utf-8")
    with pytest.raises(CatalogueError, match="taalniveau"):
        load_catalogue_from(directory)
    path.write_text(original.replace("    language: geen", "    taal: geen", 1), encoding="utf-8")
    with pytest.raises(CatalogueError, match="onbekende velden"):
        load_catalogue_from(directory)


def test_places_outside_the_netherlands_or_without_numbers_are_refused(tmp_path):
    directory = copy_data(tmp_path)
    path = directory / "places.csv"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("52.7858,6.8975", "48.8566,2.3522"), encoding="utf-8")
    with pytest.raises(CatalogueError, match="niet in Nederland"):
        load_places_from(directory)
    path.write_text(original.replace("52.7858,6.8975", "noord,oost"), encoding="utf-8")
    with pytest.raises(CatalogueError, match="geen getal"):
        load_places_from(directory)
