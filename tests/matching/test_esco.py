"""Importing tasks and skills from ESCO and CompetentNL-like CSV files (small samples)."""

from __future__ import annotations

from pathlib import Path

import pytest

from werkpunt.matching import EscoImportError, TaskCatalogue, import_file, import_files
from werkpunt.matching.catalogue import Licence
from werkpunt.matching.esco import sector_for_isco, slugify

DATA = Path(__file__).parent / "data"
ESCO = DATA / "esco_sample.csv"
RELATIONS = DATA / "esco_relations_sample.csv"
COMPETENTNL = DATA / "competentnl_sample.csv"


def test_esco_concepts_with_relations():
    tasks, skills = import_file(ESCO, relations=RELATIONS)
    by_id = {t.id: t for t in tasks}
    assert sorted(by_id) == [
        "heftruckchauffeur",
        "helpende-zorg-thuis",
        "medewerker-orderpicken",
        "medewerker-orderpicken-2",
        "metselaar",
        "schoonmaker-kantoren",
    ]
    picker = by_id["medewerker-orderpicken"]
    assert picker.name == "medewerker orderpicken"
    assert picker.sector == "logistiek"
    assert picker.uri == "http://data.europa.eu/esco/occupation/vb-001"
    assert picker.alt_labels == ("orderpicker", "magazijnmedewerker orders")
    # Only essential relations; the optional "veilig werken" is left out.
    assert set(picker.skills) == {"handscanner-gebruiken", "orders-verzamelen", "samenwerken"}
    assert (picker.physical_load, picker.language) == ("middel", "A2")
    assert {t.id: t.sector for t in tasks if t.id != picker.id} == {
        "heftruckchauffeur": "logistiek",
        "schoonmaker-kantoren": "schoonmaak",
        "helpende-zorg-thuis": "zorg",
        "metselaar": "bouw",
        "medewerker-orderpicken-2": "logistiek",
    }
    # A relation to an unknown skill is skipped.
    assert by_id["metselaar"].skills == ("metselen", "veilig-werken")
    assert len(skills) == 8
    assert next(s for s in skills if s.id == "handscanner-gebruiken").alt_labels == (
        "scanner bedienen",
        "barcodescanner gebruiken",
    )


def test_obsolete_concepts_are_skipped():
    tasks, _ = import_file(ESCO)
    assert "oud-beroep" not in {t.id for t in tasks}
    assert all(t.skills == () for t in tasks)  # no relations file given


def test_imported_tasks_get_adjacency_and_form_a_valid_catalogue():
    tasks, skills = import_files([ESCO, RELATIONS])
    by_id = {t.id: t for t in tasks}
    assert "heftruckchauffeur" in by_id["medewerker-orderpicken"].adjacent
    catalogue = TaskCatalogue(
        tasks=by_id, skills={s.id: s for s in skills}, licences={"B": Licence("B", "Rijbewijs B")}
    )
    assert len(catalogue.tasks) == 6


def test_competentnl_like_file():
    tasks, skills = import_file(COMPETENTNL)
    by_id = {t.id: t for t in tasks}
    assert set(by_id) == {"afrekenen-met-klanten", "schappen-bijvullen", "klanten-te-woord-staan"}
    till = by_id["afrekenen-met-klanten"]
    assert (till.sector, till.physical_load, till.language) == ("detailhandel", "licht", "A2")
    assert set(till.skills) == {"klantgericht-werken", "kassa-bedienen"}
    assert till.alt_labels == ("kassawerk",)
    assert by_id["klanten-te-woord-staan"].sector == "anders"
    assert {s.id for s in skills} == {"klantgericht-werken", "kassa-bedienen", "vakken-vullen"}


def test_unknown_shapes_and_values_are_refused(tmp_path):
    odd = tmp_path / "odd.csv"
    odd.write_text("naam,omschrijving\nx,y\n", encoding="utf-8")
    with pytest.raises(EscoImportError, match="onbekende kolommen"):
        import_file(odd)
    bad_level = tmp_path / "level.csv"
    bad_level.write_text("type,uri,label,language\ntaak,u1,Iets doen,C9\n", encoding="utf-8")
    with pytest.raises(EscoImportError, match="regel 2: onbekende waarde 'C9'"):
        import_file(bad_level)
    no_label = tmp_path / "label.csv"
    no_label.write_text("conceptType,conceptUri,preferredLabel\nOccupation,u1,\n", encoding="utf-8")
    with pytest.raises(EscoImportError, match="label ontbreekt"):
        import_file(no_label)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("type,uri,label\ntaak,u1,Caf\xe9\n".encode("latin-1"))
    with pytest.raises(EscoImportError, match="geen UTF-8"):
        import_file(latin)


def test_a_byte_order_mark_is_accepted(tmp_path):
    with_bom = tmp_path / "bom.csv"
    with_bom.write_bytes(COMPETENTNL.read_bytes().join([b"\xef\xbb\xbf", b""]))
    tasks, _ = import_file(with_bom)
    assert len(tasks) == 3


def test_sector_for_isco_and_slugify():
    assert sector_for_isco("8344") == "logistiek"
    assert sector_for_isco("7112") == "bouw"
    assert sector_for_isco("9112") == "schoonmaak"
    assert sector_for_isco("5131") == "horeca"
    assert sector_for_isco("") == "anders"
    assert sector_for_isco("0110") == "anders"
    assert slugify("Hulp in de huishouding (thuiszorg)") == "hulp-in-de-huishouding-thuiszorg"
    assert slugify("Crème brûlée maken") == "creme-brulee-maken"
    assert slugify("!!!") == "item"
