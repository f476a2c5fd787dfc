"""An editor manages the content in the Wagtail admin at /cms/, without a developer."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from werkpunt.content.models import (
    GlossaryTerm,
    HomePage,
    InstrumentIndexPage,
    InstrumentPage,
    StandardPage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(site, client, login):
    user = get_user_model().objects.create_superuser("redacteur", "r@example.nl", "geheim-123")
    # /cms/ needs a login that passed the second factor (accounts middleware).
    return login(client, user)


def test_the_admin_opens(editor):
    assert editor.get("/cms/").status_code == 200


@pytest.mark.parametrize("model", [HomePage, InstrumentIndexPage, InstrumentPage, StandardPage])
def test_every_page_type_opens_in_the_editor(editor, model):
    page = model.objects.first()

    response = editor.get(f"/cms/pages/{page.pk}/edit/")

    assert response.status_code == 200
    # The admin may run its own scripts; the public site keeps its strict policy.
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_the_glossary_is_a_snippet(editor):
    term = GlossaryTerm.objects.get(slug="loonwaarde")

    assert editor.get("/cms/snippets/content/glossaryterm/").status_code == 200
    assert editor.get(f"/cms/snippets/content/glossaryterm/edit/{term.pk}/").status_code == 200


def test_an_editor_publishes_a_new_page(editor, client):
    home = HomePage.objects.get()
    data = nested_form_data(
        {
            "title": "Bijeenkomsten",
            "slug": "bijeenkomsten",
            "summary": "Kom naar een bijeenkomst voor werkgevers.",
            "body": rich_text("<p>Elke maand in Assen.</p>"),
            "seo_title": "",
            "show_in_footer": "",
            "action-publish": "publish",
        }
    )

    response = editor.post(f"/cms/pages/add/content/standardpage/{home.pk}/", data)

    assert response.status_code == 302
    page = StandardPage.objects.get(slug="bijeenkomsten")
    assert page.live
    assert client.get("/bijeenkomsten/").status_code == 200


def _instrument_form(wat_levert_het_op: str) -> dict[str, object]:
    data: dict[str, object] = nested_form_data(
        {
            "title": "Proefplaatsing",
            "slug": "proefplaatsing",
            "summary": "Iemand werkt eerst een paar maanden met behoud van uitkering.",
            "status": "active",
            "featured": "",
            "order": "20",
            "voor_wie": rich_text("<p>Voor werkgevers.</p>"),
            "wie_voert_uit": streamfield(
                [
                    (
                        "organisation",
                        {
                            "organisation": "UWV",
                            "role": "Regelt het.",
                            "contact": "Via uw adviseur.",
                            "url": "",
                        },
                    )
                ]
            ),
            "hoe_werkt_het": rich_text("<p>Zo werkt het.</p>"),
            "wat_moet_u_doen": streamfield(
                [("step", {"step": "Bel ons.", "deadline": "", "who": "werkgever"})]
            ),
            "wat_levert_het_op": rich_text(wat_levert_het_op),
            "faq": streamfield([]),
            "sources": streamfield(
                [("source", {"title": "UWV", "url": "https://www.uwv.nl/werkgevers"})]
            ),
            "related": streamfield([]),
            "wizard_preset": "{}",
            "video_title": "",
            "video_url": "",
            "video_transcript": "",
            "seo_title": "",
            "action-publish": "publish",
        }
    )
    # Checkboxes: one value per ticked box (nested_form_data would number them).
    data["parameters"] = ["proefplaatsing_uwv_maanden"]
    data["instrument_codes"] = ["proefplaatsing_uwv"]
    return data


def test_an_editor_publishes_an_instrument_with_a_placeholder(editor, client, soup, text):
    index = InstrumentIndexPage.objects.get()
    data = _instrument_form("<p>Het duurt [[proefplaatsing_uwv_maanden]] maanden.</p>")

    response = editor.post(f"/cms/pages/add/content/instrumentpage/{index.pk}/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    page = InstrumentPage.objects.get(slug="proefplaatsing")
    assert page.live
    assert page.parameters == ["proefplaatsing_uwv_maanden"]
    html = soup(client.get("/regelingen/proefplaatsing/").content)
    assert "Het duurt 2 maanden." in text(html.find(id="wat-levert-het-op").parent)


def test_the_editor_sees_an_unknown_placeholder_as_an_error(editor):
    index = InstrumentIndexPage.objects.get()
    data = _instrument_form("<p>Het duurt [[proefplaatsing_duur]] maanden.</p>")

    response = editor.post(f"/cms/pages/add/content/instrumentpage/{index.pk}/", data)

    assert response.status_code == 200
    assert not InstrumentPage.objects.filter(slug="proefplaatsing").exists()
    assert "proefplaatsing_duur" in response.content.decode()
    assert "bestaat niet" in response.content.decode()
