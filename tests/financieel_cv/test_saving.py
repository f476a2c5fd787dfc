"""Saving a calculation: only with an explicit checkbox, for 30 days, behind a private link."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from werkpunt.financieel_cv.models import SavedCalculation
from werkpunt.financieel_cv.services import (
    saved_calculation_create,
    saved_calculations_delete_expired,
)

pytestmark = pytest.mark.django_db


def test_save_needs_the_checkbox(client, walk, parse, text):
    walk()

    response = client.post("/financieel-cv/bewaren/", {})

    assert response.status_code == 200
    assert SavedCalculation.objects.count() == 0
    page = parse(response.content)
    summary = text(page.find_all("div", role="alert")[0])
    assert "Zet een vinkje" in summary
    assert page.by_id("toestemming")["attrs"]["aria-invalid"] == "true"


def test_save_creates_a_row_with_expiry_and_a_private_link(client, walk, visible):
    walk()
    before = timezone.now()

    response = client.post("/financieel-cv/bewaren/", {"toestemming": "ja"})

    saved = SavedCalculation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/financieel-cv/bewaard/{saved.token}/"
    assert len(saved.token) >= 32
    assert saved.situation["benefit"] == "ww"
    assert saved.situation["birth_date"] == "1966-03-10"
    assert saved.expires_at - saved.created_at == dt.timedelta(days=30)
    assert before <= saved.created_at <= timezone.now()

    page = client.get(response["Location"])
    assert page.status_code == 200
    content = visible(page.content)
    assert "Uw berekening is bewaard" in content
    assert f"http://testserver/financieel-cv/bewaard/{saved.token}/" in content
    assert "€ 752,91" in content
    assert "no-store" in page["Cache-Control"]
    assert page["X-Robots-Tag"] == "noindex, nofollow"


def test_private_link_works_in_another_browser(client, walk, visible):
    walk()
    client.post("/financieel-cv/bewaren/", {"toestemming": "ja"})
    token = SavedCalculation.objects.get().token
    other = Client()

    response = other.get(f"/financieel-cv/bewaard/{token}/")

    assert response.status_code == 200
    assert "€ 752,91" in visible(response.content)
    assert "Uw berekening is bewaard" not in visible(response.content)
    pdf = other.get(f"/financieel-cv/bewaard/{token}/financieel-cv.pdf")
    assert pdf.status_code == 200
    assert "€ 752,91" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    ics = other.get(f"/financieel-cv/bewaard/{token}/werkpunt-termijnen.ics")
    assert ics["Content-Type"].startswith("text/calendar")


def test_change_answers_of_a_saved_calculation(walk, client, parse):
    walk()
    client.post("/financieel-cv/bewaren/", {"toestemming": "ja"})
    token = SavedCalculation.objects.get().token
    other = Client()

    response = other.post(f"/financieel-cv/bewaard/{token}/wijzigen/")

    assert response["Location"] == "/financieel-cv/stap/1/"
    page = parse(other.get("/financieel-cv/stap/1/").content)
    assert page.by_id("birth_date")["attrs"]["value"] == "1966-03-10"


def test_delete_now(client, walk, visible):
    walk()
    client.post("/financieel-cv/bewaren/", {"toestemming": "ja"})
    token = SavedCalculation.objects.get().token

    response = client.post(f"/financieel-cv/bewaard/{token}/verwijderen/")

    assert response["Location"] == "/financieel-cv/?verwijderd=1"
    assert SavedCalculation.objects.count() == 0
    gone = client.get(f"/financieel-cv/bewaard/{token}/")
    assert gone.status_code == 404
    assert "Deze berekening is er niet meer" in visible(gone.content)
    assert client.get(f"/financieel-cv/bewaard/{token}/verwijderen/").status_code == 405


def test_expired_link_gives_a_friendly_page_and_is_removed(client, example_answers, visible):
    saved = saved_calculation_create(answers=example_answers)
    SavedCalculation.objects.filter(pk=saved.pk).update(
        created_at=timezone.now() - dt.timedelta(days=31),
        expires_at=timezone.now() - dt.timedelta(days=1),
    )

    response = client.get(f"/financieel-cv/bewaard/{saved.token}/")

    assert response.status_code == 404
    assert "Wij bewaren een berekening 30 dagen" in visible(response.content)
    assert client.get(f"/financieel-cv/bewaard/{saved.token}/financieel-cv.pdf").status_code == 404
    assert SavedCalculation.objects.count() == 0


def test_unknown_token_is_a_friendly_404(client, visible):
    response = client.get("/financieel-cv/bewaard/bestaat-niet/")

    assert response.status_code == 404
    assert "Wij kunnen deze berekening niet vinden" in visible(response.content)


def test_cleanup_command_deletes_only_expired_rows(example_answers):
    fresh = saved_calculation_create(answers=example_answers)
    old = saved_calculation_create(answers=example_answers)
    SavedCalculation.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=40),
        expires_at=timezone.now() - dt.timedelta(days=10),
    )
    out = io.StringIO()

    call_command("financieel_cv_opschonen", stdout=out)

    assert list(SavedCalculation.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert "Verlopen berekeningen verwijderd: 1." in out.getvalue()


def test_delete_expired_uses_the_given_moment(example_answers):
    saved_calculation_create(answers=example_answers)

    assert saved_calculations_delete_expired(now=timezone.now()) == 0
    assert saved_calculations_delete_expired(now=timezone.now() + dt.timedelta(days=31)) == 1


def test_tokens_are_random_and_unique(example_answers):
    tokens = {saved_calculation_create(answers=example_answers).token for _ in range(20)}

    assert len(tokens) == 20


def test_only_known_fields_are_stored(example_answers):
    saved = saved_calculation_create(answers={**example_answers, "naam": "Jan"})

    assert "naam" not in saved.situation
