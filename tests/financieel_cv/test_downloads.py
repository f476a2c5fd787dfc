"""Downloads: the result as a tagged PDF, the letter (PDF and DOCX), the deadlines as .ics."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from icalendar import Calendar
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_result_pdf_is_a_tagged_pdf_with_the_amounts(client, walk):
    walk()

    response = client.get("/financieel-cv/uitkomst/financieel-cv.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="financieel-cv.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    assert "€ 752,91" in text
    assert "€ 8.062,24" in text
    assert "LKV oudere werknemer" in text
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title == "Financieel CV — Werkpunt"


def test_result_pdf_in_english(client, walk):
    walk(prefix="/en")

    response = client.get("/en/financieel-cv/uitkomst/financieel-cv.pdf")

    assert PdfReader(io.BytesIO(response.content)).trailer["/Root"]["/Lang"] == "en"
    assert "€752.91" in _pdf_text(response.content)


def test_letter_pdf(client, walk):
    walk()

    response = client.get("/financieel-cv/uitkomst/brief-aan-werkgever.pdf")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    assert "Geachte werkgever," in text
    assert "LKV oudere werknemer" in text
    assert "schatting" in text
    assert "Werkgeversservicepunt" in text
    assert "30 november 2025" in text  # the doelgroepverklaring deadline


def test_letter_docx_opens_and_says_nothing_about_health_or_benefit(client, walk):
    walk()

    response = client.get("/financieel-cv/uitkomst/brief-aan-werkgever.docx")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="brief-aan-werkgever.docx"'
    document = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    text = "\n".join(paragraphs)
    assert "Geachte werkgever," in paragraphs
    assert "Lage WW-premie" in text
    assert "ongeveer" in text
    assert "Doelgroepverklaring".lower() in text.lower()
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "€ 753" in cells  # rounded: "roughly what it yields"
    for word in ("1966", "WW-uitkering", "werkloos", "ziek ", "Wajong", "beperking"):
        assert word not in text, word
    assert document.core_properties.language == "nl-NL"
    assert document.core_properties.title == "Regelingen bij deze baan"
    assert any(p.style.name.startswith("Heading") for p in document.paragraphs)


def test_ics_has_one_event_per_dated_action(client, walk):
    walk()

    response = client.get("/financieel-cv/uitkomst/werkpunt-termijnen.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == 'attachment; filename="werkpunt-termijnen.ics"'
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 9
    by_day = {event.decoded("dtstart"): event for event in events}
    verklaring = by_day[dt.date(2025, 11, 30)]
    assert str(verklaring["summary"]) == "Doelgroepverklaring aanvragen"
    assert "bij UWV" in str(verklaring["description"])
    assert "de werknemer" in str(verklaring["description"])
    assert verklaring.decoded("dtend") == dt.date(2025, 12, 1)
    assert "dtstamp" in verklaring
    uids = [str(event["uid"]) for event in events]
    assert len(set(uids)) == len(uids)
    assert all(isinstance(event.decoded("dtstart"), dt.date) for event in events)
    assert not any(isinstance(event.decoded("dtstart"), dt.datetime) for event in events)


def test_ics_uids_are_stable(client, walk):
    walk()

    first = Calendar.from_ical(client.get("/financieel-cv/uitkomst/werkpunt-termijnen.ics").content)
    second = Calendar.from_ical(
        client.get("/financieel-cv/uitkomst/werkpunt-termijnen.ics").content
    )

    assert [str(e["uid"]) for e in first.walk("VEVENT")] == [
        str(e["uid"]) for e in second.walk("VEVENT")
    ]


def test_downloads_come_from_the_session_never_from_the_query_string(client, walk):
    # Without answers in the session a query string does not make a document.
    response = client.get(
        "/financieel-cv/uitkomst/financieel-cv.pdf?birth_date=1966-03-10&benefit=ww"
        "&start_date=2025-09-01&hours_per_week=32&hourly_wage=15.20"
    )
    assert response.status_code == 302
    walk()
    plain = _pdf_text(client.get("/financieel-cv/uitkomst/financieel-cv.pdf").content)
    changed = _pdf_text(
        client.get(
            "/financieel-cv/uitkomst/financieel-cv.pdf?hourly_wage=99&hours_per_week=1"
        ).content
    )
    assert "€ 15,20 bruto per uur" in plain
    assert "€ 15,20 bruto per uur" in changed


def test_unknown_download_is_404(client, walk):
    walk()
    assert client.get("/financieel-cv/uitkomst/geheim.pdf").status_code == 404
