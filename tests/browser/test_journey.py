"""The employer's journey: search, read about a regeling, calculate, download.

Home page → search "loonkostensubsidie" → the instrument page → "Bereken wat het
oplevert" → the wizard (first a negative wage, then good answers) → the result →
the four downloads, each opened and read.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from browser_support import BAD_WAGE, BAD_WAGE_MESSAGE, ERROR_SUMMARY, Wizard, amounts

pytestmark = pytest.mark.browser


def _path(page) -> str:
    return urlsplit(page.url).path


def _focused_id(page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.id")


def test_employer_journey(demo_site, page, tmp_path):
    # Search from the home page.
    page.goto("/")
    page.locator("#zoeken-home").fill("loonkostensubsidie")
    with page.expect_navigation():
        page.locator("#zoeken-home").press("Enter")
    assert _path(page) == "/zoeken/"
    result_link = page.locator("main a[href$='/regelingen/loonkostensubsidie/']").first
    assert result_link.count() == 1, "loonkostensubsidie staat niet in de zoekresultaten"

    # The instrument page.
    with page.expect_navigation():
        result_link.click()
    assert _path(page) == "/regelingen/loonkostensubsidie/"
    assert "Loonkostensubsidie" in page.locator("h1").inner_text()

    # "Bereken wat het oplevert" leads to the wizard with the answers this page knows.
    with page.expect_navigation():
        page.get_by_role("link", name="Bereken wat het oplevert").first.click()
    page.wait_for_load_state()
    assert _path(page) == "/financieel-cv/"
    assert page.locator("[role=status]").filter(has_text="ingevuld").count() == 1, (
        "geen melding dat antwoorden zijn ingevuld vanaf de regelingpagina"
    )
    with page.expect_navigation():
        page.locator("main a[href$='/financieel-cv/stap/1/']").first.click()

    wizard = Wizard(page)
    wizard.fill(1)
    wizard.submit(1)
    assert _path(page) == "/financieel-cv/stap/2/"
    assert page.locator("#benefit-bijstand").is_checked(), "bijstand is niet vooraf ingevuld"
    wizard.fill(2)
    wizard.submit(2)
    assert _path(page) == "/financieel-cv/stap/3/"

    # A negative wage first: the Dutch message in the summary and next to the field.
    wizard.fill(3, hourly_wage=BAD_WAGE)
    wizard.submit(3)
    assert _path(page) == "/financieel-cv/stap/3/"
    assert page.title().startswith("Fout:"), page.title()
    summary = page.locator(ERROR_SUMMARY)
    assert summary.count() == 1
    assert BAD_WAGE_MESSAGE in summary.inner_text()
    assert page.evaluate(
        "s => document.activeElement === document.querySelector(s)", ERROR_SUMMARY
    ), f"de focus staat niet op het foutoverzicht maar op #{_focused_id(page)}"
    wage = page.locator("#hourly_wage")
    assert wage.input_value() == BAD_WAGE, "het getypte uurloon is weg"
    assert wage.get_attribute("aria-invalid") == "true"
    described_by = (wage.get_attribute("aria-describedby") or "").split()
    messages = " ".join(page.locator(f"#{name}").inner_text() for name in described_by)
    assert BAD_WAGE_MESSAGE in messages, (
        f"de melding hoort bij het veld (aria-describedby: {described_by})"
    )
    link = summary.locator("a[href='#hourly_wage']")
    assert link.count() == 1, "het foutoverzicht linkt niet naar het uurloon"
    link.click()
    assert _focused_id(page) == "hourly_wage", (
        "de link in het foutoverzicht zet de focus niet op het veld"
    )

    # Then good answers: the result.
    wizard.fill(3)
    wizard.submit(3)
    assert _path(page) == "/financieel-cv/uitkomst/"
    result_text = page.locator("main").inner_text()
    shown = amounts(result_text)
    assert shown, "de uitkomst toont geen bedragen"
    assert "Loonkostensubsidie" in result_text

    files = {}
    for name in (
        "financieel-cv.pdf",
        "brief-aan-werkgever.pdf",
        "brief-aan-werkgever.docx",
        "werkpunt-termijnen.ics",
    ):
        link = page.locator(f"main a[href$='/uitkomst/{name}']")
        assert link.count() == 1, f"geen downloadlink voor {name}"
        with page.expect_download() as info:
            link.click()
        download = info.value
        assert download.suggested_filename == name
        target = tmp_path / name
        download.save_as(target)
        files[name] = target

    from pypdf import PdfReader

    result_pdf = "\n".join(
        p.extract_text() or "" for p in PdfReader(files["financieel-cv.pdf"]).pages
    )
    assert amounts(result_pdf) & shown, (
        f"geen bedrag uit de uitkomst in de PDF; PDF: {sorted(amounts(result_pdf))[:10]}, "
        f"pagina: {sorted(shown)[:10]}"
    )

    letter_pdf = "\n".join(
        p.extract_text() or "" for p in PdfReader(files["brief-aan-werkgever.pdf"]).pages
    )
    assert "Geachte werkgever" in letter_pdf
    assert "Loonkostensubsidie" in letter_pdf
    assert re.search(r"€\s?\d", letter_pdf), "de brief (PDF) noemt geen bedrag"

    from docx import Document

    document = Document(str(files["brief-aan-werkgever.docx"]))
    docx_text = "\n".join(p.text for p in document.paragraphs)
    docx_text += "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "Geachte werkgever" in docx_text
    assert "Loonkostensubsidie" in docx_text
    assert re.search(r"€\s?\d", docx_text), "de brief (Word) noemt geen bedrag"

    from icalendar import Calendar

    calendar = Calendar.from_ical(files["werkpunt-termijnen.ics"].read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert events, "het .ics-bestand heeft geen afspraak (VEVENT)"
    assert all(event.get("dtstart") and event.get("summary") for event in events)
