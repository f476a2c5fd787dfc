"""The demo loader: builds the site from YAML, idempotent, and strict about its input."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision, Site

from werkpunt.cli import main
from werkpunt.content.loader import DEMO_DIRECTORY, DemoError, load, read_directory
from werkpunt.content.models import (
    GlossaryTerm,
    HomePage,
    InstrumentIndexPage,
    InstrumentPage,
    NewsPage,
    StandardPage,
    StoryPage,
)

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def demo(tmp_path):
    """A copy of the fixture files that a test may change."""
    target = tmp_path / "demo"
    shutil.copytree(FIXTURES, target)
    return target


def _snapshot():
    return {
        "pages": sorted(
            (p.url_path, p.live, p.latest_revision_id, p.last_published_at)
            for p in Page.objects.all()
        ),
        "revisions": Revision.objects.count(),
        "terms": sorted(GlossaryTerm.objects.values_list("slug", "term", "definition", "synonyms")),
    }


def test_the_loader_builds_the_whole_site():
    report = load(FIXTURES)

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert home.title == "Werkgeversservicepunt Drenthe"
    assert home.search_intro == "Zoek een regeling, een begrip of een verhaal."
    index = InstrumentIndexPage.objects.get()
    assert index.get_parent().specific == home
    assert index.slug == "regelingen"
    assert sorted(InstrumentPage.objects.live().values_list("slug", flat=True)) == [
        "lage-inkomensvoordeel",
        "loonkostenvoordeel-arbeidsgehandicapte-werknemer",
    ]
    assert StoryPage.objects.live().count() == 1
    assert NewsPage.objects.live().count() == 1
    assert sorted(StandardPage.objects.values_list("slug", flat=True)) == [
        "contact",
        "privacy",
        "toegankelijkheid",
    ]
    assert GlossaryTerm.objects.count() == 3
    assert len(report.created) == 13
    # Every page has a published revision, so editors see its history.
    assert all(p.latest_revision_id for p in Page.objects.filter(depth__gt=1))


def test_fields_come_from_the_file():
    load(FIXTURES)
    lkv = InstrumentPage.objects.get(slug="loonkostenvoordeel-arbeidsgehandicapte-werknemer")

    assert lkv.featured
    assert lkv.order == 10
    assert lkv.status == "active"
    assert lkv.instrument_codes == ["lkv_arbeidsgehandicapte_werknemer"]
    assert lkv.parameters[0] == "lkv_arbeidsgehandicapte_per_uur"
    assert lkv.wizard_preset == {"benefit": "wia_wga", "doelgroepregister": False}
    assert "<h3>Let op</h3>" in lkv.voor_wie
    assert '<a href="https://www.uwv.nl/werkgevers">de site van UWV</a>' in lkv.voor_wie
    assert [b.value["organisation"] for b in lkv.wie_voert_uit] == ["UWV", "Belastingdienst"]
    assert lkv.wie_voert_uit[1].value["url"] == ""
    steps = [b.value for b in lkv.wat_moet_u_doen]
    assert steps[0]["deadline"].startswith("binnen [[doelgroepverklaring_termijn_maanden]]")
    assert steps[1]["who"] == "werkgever"
    assert lkv.faq[0].value["answer"].source.startswith("<p>Een jaar later.")
    assert lkv.sources[0].value["url"] == "https://wetten.overheid.nl/BWBR0037522"
    assert [b.value.specific.slug for b in lkv.related] == ["lage-inkomensvoordeel"]
    assert lkv.video_url == "https://www.youtube.com/watch?v=voorbeeld"
    story = StoryPage.objects.get()
    assert story.municipality == "emmen"
    assert str(story.date) == "2026-10-01"
    assert [b.value.specific for b in story.instruments] == [lkv]
    assert StandardPage.objects.get(slug="contact").show_in_footer


def test_running_twice_changes_nothing():
    load(FIXTURES)
    before = _snapshot()

    report = load(FIXTURES)

    assert not report.changed
    assert not report.created
    assert not report.updated
    assert _snapshot() == before


def test_a_changed_file_updates_only_that_page(demo):
    load(demo)
    before = Revision.objects.count()
    path = demo / "news" / "nieuwe-bedragen-2027.yaml"
    path.write_text(path.read_text().replace("Nieuwe bedragen in 2027", "Andere titel"))

    report = load(demo)

    assert report.updated == ["news/nieuwe-bedragen-2027.yaml"]
    assert not report.created
    assert NewsPage.objects.get().title == "Andere titel"
    assert Revision.objects.count() == before + 1


def test_pages_that_are_not_in_the_files_are_left_alone():
    load(FIXTURES)
    home = HomePage.objects.get()
    extra = home.add_child(
        instance=StandardPage(
            title="Eigen pagina", slug="eigen", summary="Van een redacteur.", body="<p>x</p>"
        )
    )

    load(FIXTURES)

    assert StandardPage.objects.filter(pk=extra.pk).exists()


def test_a_missing_field_names_the_file_and_the_field(demo):
    path = demo / "instruments" / "lage-inkomensvoordeel.yaml"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(line for line in lines if not line.startswith("summary:")))

    with pytest.raises(DemoError) as error:
        load(demo)

    assert (
        "instruments/lage-inkomensvoordeel.yaml: summary: dit veld ontbreekt" in error.value.errors
    )
    assert not InstrumentPage.objects.exists()  # nothing written


def test_the_command_reports_the_file_and_field_and_fails(demo):
    path = demo / "stories" / "kwekerij-de-linde.yaml"
    path.write_text(path.read_text().replace("municipality: emmen\n", ""))

    with pytest.raises(CommandError) as error:
        call_command("demo", directory=str(demo), stdout=io.StringIO())

    assert "stories/kwekerij-de-linde.yaml: municipality: dit veld ontbreekt" in str(error.value)


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "instruments/lage-inkomensvoordeel.yaml",
            "Sinds [[liv_afgeschaft_vanaf]]",
            "Sinds [[liv_bestaat_niet]]",
            "instruments/lage-inkomensvoordeel.yaml: wat_levert_het_op: [[liv_bestaat_niet]]",
        ),
        (
            "instruments/lage-inkomensvoordeel.yaml",
            "Sinds [[liv_afgeschaft_vanaf]] krijgt",
            "Sinds 2025 krijgt u € 0 en",
            "wat_levert_het_op: Typ geen bedragen",
        ),
        (
            "instruments/lage-inkomensvoordeel.yaml",
            "status: ended",
            "status: gestopt",
            "lage-inkomensvoordeel.yaml: status: 'gestopt' kennen we niet",
        ),
        (
            "instruments/lage-inkomensvoordeel.yaml",
            "instrument_codes: [liv]",
            "instrument_codes: [liv, geen_code]",
            "instrument_codes: Deze codes kennen we niet: geen_code",
        ),
        (
            "instruments/lage-inkomensvoordeel.yaml",
            "  - organisation: UWV",
            "  - organisation: Gemeente Emmen",
            "wie_voert_uit[1].organisation: 'Gemeente Emmen' kennen we niet",
        ),
        (
            "instruments/loonkostenvoordeel-arbeidsgehandicapte-werknemer.yaml",
            "related: [lage-inkomensvoordeel]",
            "related: [bestaat-niet]",
            "related: er is geen regeling met slug 'bestaat-niet'",
        ),
        (
            "instruments/loonkostenvoordeel-arbeidsgehandicapte-werknemer.yaml",
            "deadline: binnen [[doelgroepverklaring_termijn_maanden]]",
            "deadline: binnen [[termijn]]",
            "wat_moet_u_doen[1].deadline: [[termijn]]",
        ),
        (
            "instruments/loonkostenvoordeel-arbeidsgehandicapte-werknemer.yaml",
            "wizard_preset: {benefit: wia_wga, doelgroepregister: false}",
            "wizard_preset: {uitkering: wia}",
            "wizard_preset: 'uitkering' is geen veld van de financieel CV",
        ),
        (
            "instruments/loonkostenvoordeel-arbeidsgehandicapte-werknemer.yaml",
            "[de site van UWV](https://www.uwv.nl/werkgevers)",
            "[de site van UWV](javascript:alert)",
            "voor_wie: regel 8: de link 'javascript:alert' kan niet",
        ),
        (
            "stories/kwekerij-de-linde.yaml",
            "date: 2026-10-01",
            "date: 1 oktober",
            "stories/kwekerij-de-linde.yaml: date: '1 oktober' is geen datum",
        ),
        (
            "stories/kwekerij-de-linde.yaml",
            "slug: kwekerij-de-linde",
            "slug: kwekerij-de-linde\nkleur: groen",
            "stories/kwekerij-de-linde.yaml: kleur: dit veld kennen we niet",
        ),
        (
            "news/nieuwe-bedragen-2027.yaml",
            "slug: nieuwe-bedragen-2027",
            "slug: ander-bericht",
            "slug: 'ander-bericht' moet gelijk zijn aan de bestandsnaam",
        ),
        (
            "glossary.yaml",
            "    slug: loonwaarde",
            "    slug: doelgroepverklaring",
            "glossary.yaml: terms[2].slug: 'doelgroepverklaring' staat er al eerder in",
        ),
        (
            "home.yaml",
            "title: Werkgeversservicepunt Drenthe",
            "title: Werkgeversservicepunt Drenthe\ntitle: Dubbel",
            "home.yaml: geen geldige YAML (regel 2): het veld 'title' staat er twee keer in",
        ),
        (
            "pages/contact.yaml",
            "show_in_footer: true",
            "show_in_footer: misschien",
            "pages/contact.yaml: show_in_footer: verwacht true of false",
        ),
    ],
)
def test_mistakes_are_refused_with_file_and_field(demo, file, old, new, message):
    path = demo / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))

    with pytest.raises(DemoError) as error:
        read_directory(demo)

    assert any(message in line for line in error.value.errors), error.value.errors


def test_every_mistake_is_listed_at_once(demo):
    for name in ("news/nieuwe-bedragen-2027.yaml", "pages/privacy.yaml"):
        path = demo / name
        path.write_text(path.read_text().replace("title:", "titel:"))

    with pytest.raises(DemoError) as error:
        read_directory(demo)

    files = {line.split(":")[0] for line in error.value.errors}
    assert files == {"news/nieuwe-bedragen-2027.yaml", "pages/privacy.yaml"}


def test_werkpunt_demo_is_a_shortcut_for_manage_demo(monkeypatch):
    # Django's command runner closes the database connections when it ends, which a
    # test transaction cannot survive; so check that the shortcut passes its
    # arguments on, and the command itself through call_command elsewhere.
    calls = []
    monkeypatch.setattr("werkpunt.cli.manage", lambda args: calls.append(list(args)) or 0)

    assert main(["demo", "--directory", str(FIXTURES)]) == 0

    assert calls == [["demo", "--directory", str(FIXTURES)]]


def test_the_loader_replaces_the_welcome_page_on_an_empty_tree():
    # A database where the migration found no page tree: the loader builds it.
    HomePage.objects.all().delete()
    Site.objects.all().delete()

    load(FIXTURES)

    assert Site.objects.get(is_default_site=True).root_page.specific == HomePage.objects.get()


@pytest.mark.skipif(not DEMO_DIRECTORY.is_dir(), reason="de demo-inhoud is er nog niet")
def test_the_shipped_demo_content_is_valid():
    content = read_directory(DEMO_DIRECTORY)

    assert content.pages
