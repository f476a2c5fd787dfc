"""Downloads made from a :class:`~werkpunt.financieel_cv.report.Report`.

* the result as a tagged PDF (PDF/UA-1, WeasyPrint);
* a short letter to the employer, as PDF and as DOCX (python-docx);
* the deadlines as an iCalendar file, one all-day event per action with a date.

Nothing here reads a query string: the report comes from the session or from a
saved calculation. File names carry no personal data.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy

from werkpunt.financieel_cv.formatting import money
from werkpunt.financieel_cv.report import ActionView, Report

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

PDF_CSS = Path(__file__).resolve().parent / "static" / "financieel_cv" / "pdf.css"

RESULT_PDF_NAME = "financieel-cv.pdf"
LETTER_PDF_NAME = "brief-aan-werkgever.pdf"
LETTER_DOCX_NAME = "brief-aan-werkgever.docx"
ICS_NAME = "werkpunt-termijnen.ics"

#: One plain sentence per regeling for the letter. It says what the regeling does for
#: the employer, never anything about the person's health or benefit.
LETTER_DESCRIPTIONS: dict[str, StrPromise] = {
    "lkv_oudere_werknemer": gettext_lazy(
        "U krijgt een vast bedrag per betaald uur. U vraagt het aan in de loonaangifte."
    ),
    "lkv_arbeidsgehandicapte_werknemer": gettext_lazy(
        "U krijgt een vast bedrag per betaald uur. U vraagt het aan in de loonaangifte."
    ),
    "lkv_banenafspraak": gettext_lazy(
        "U krijgt een vast bedrag per betaald uur. U vraagt het aan in de loonaangifte."
    ),
    "lkv_herplaatsing": gettext_lazy(
        "U krijgt een vast bedrag per betaald uur. U vraagt het aan in de loonaangifte."
    ),
    "liv": gettext_lazy(
        "De Belastingdienst betaalt u een bedrag voor werknemers met een laag loon."
    ),
    "jeugd_liv": gettext_lazy(
        "De Belastingdienst betaalt u een bedrag voor jonge werknemers met een laag loon."
    ),
    "loonkostensubsidie": gettext_lazy("De gemeente betaalt een deel van het loon."),
    "loondispensatie": gettext_lazy(
        "U betaalt loon naar wat het werk oplevert. UWV vult het inkomen aan."
    ),
    "no_riskpolis": gettext_lazy(
        "Bij ziekteverzuim krijgt u een uitkering van UWV. Zo betaalt u minder loon door."
    ),
    "compensatieregeling_oudere_werknemers": gettext_lazy(
        "Bij ziekteverzuim vergoedt UWV een deel van het loon."
    ),
    "proefplaatsing_uwv": gettext_lazy(
        "Eerst een proefperiode bij u, zonder dat u loon betaalt. Daarna volgt een contract."
    ),
    "proefplaatsing_gemeente": gettext_lazy(
        "Eerst een proefperiode bij u, zonder dat u loon betaalt. Daarna volgt een contract."
    ),
    "jobcoach": gettext_lazy("Een jobcoach helpt op het werk, zo lang als nodig is."),
    "praktijkleren": gettext_lazy("Subsidie voor een leerwerkplek naast een bbl-opleiding."),
    "ww_premiedifferentiatie": gettext_lazy("U betaalt de lage WW-premie bij een vast contract."),
    "compensatie_transitievergoeding": gettext_lazy(
        "UWV kan een transitievergoeding aan u terugbetalen."
    ),
}

#: Actions the employer or the worker must do; the letter leaves out the letters
#: that UWV or the Belastingdienst send by themselves.
LETTER_ACTORS = frozenset({"werkgever", "werknemer", "gemeente"})
#: Routine or planned steps the letter leaves out to stay short (the result page has them).
LETTER_SKIPPED_ACTIONS = frozenset(
    {"loonaangifte_corrigeren", "proefplaatsing_einde", "loonwaarde_herbeoordelen"}
)
#: Up to this many years the letter shows one column per year; beyond, one row per year.
LETTER_YEAR_COLUMNS = 6


# --- PDF ----------------------------------------------------------------------------------


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF (PDF/UA-1): language, title, headings and table headers come from the HTML."""
    from weasyprint import CSS, HTML

    document = HTML(string=html, base_url=None)
    return bytes(
        document.write_pdf(stylesheets=[CSS(filename=str(PDF_CSS))], pdf_variant="pdf/ua-1")
    )


def result_pdf(report: Report) -> bytes:
    html = render_to_string(
        "financieel_cv/pdf/result.html", {"report": report, "lang": report.lang}
    )
    return html_to_pdf(html)


# --- Letter -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LetterRegeling:
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class LetterAmount:
    year: int
    name: str
    amount: str


@dataclass(frozen=True, slots=True)
class LetterRow:
    """One regeling with its rounded amount per year (empty where it does not apply)."""

    name: str
    amounts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LetterDeadline:
    date: str
    text: str


@dataclass(frozen=True, slots=True)
class Letter:
    lang: str
    date: str
    subject: str
    salutation: str
    opening: str
    job: str
    regelingen: tuple[LetterRegeling, ...]
    amounts: tuple[LetterAmount, ...]
    years: tuple[int, ...]
    rows: tuple[LetterRow, ...]
    year_totals: tuple[str, ...]
    total: str
    deadlines: tuple[LetterDeadline, ...]
    estimate: str
    provisional: str
    notice: str
    help: str
    closing: str
    signature: str


def letter_deadlines(actions: list[ActionView]) -> tuple[LetterDeadline, ...]:
    """The first date of each thing the employer (or the worker) must do."""
    seen: set[str] = set()
    found = []
    for action in actions:
        if (
            action.due_date is None
            or action.actor not in LETTER_ACTORS
            or action.code in LETTER_SKIPPED_ACTIONS
            or action.code in seen
        ):
            continue
        seen.add(action.code)
        found.append(LetterDeadline(action.due_text, action.what))
    return tuple(found)


def build_letter(report: Report) -> Letter:
    lang = report.lang
    with translation.override(lang):
        regelingen = tuple(
            LetterRegeling(item.name, str(LETTER_DESCRIPTIONS.get(item.code, "")))
            for item in report.applying
        )
        amounts = tuple(
            LetterAmount(line.year, item.name, money(line.cents, lang, whole=True))
            for year in report.years
            for item in report.with_amount
            for line in item.lines
            if line.year == year.year and line.cents is not None and line.cents > 0
        )
        years = tuple(year.year for year in report.years if year.cents > 0)
        rows = tuple(
            LetterRow(
                item.name,
                tuple(
                    next(
                        (
                            money(line.cents, lang, whole=True)
                            for line in item.lines
                            if line.year == year and line.cents
                        ),
                        "",
                    )
                    for year in years
                ),
            )
            for item in report.with_amount
        )
        totals = tuple(money(y.cents, lang, whole=True) for y in report.years if y.cents > 0)
        job = report.job
        job_text = gettext(
            "Ik heb gerekend met deze baan: vanaf %(start)s, %(contract)s, %(hours)s, %(wage)s."
        ) % {"start": job.start, "contract": job.contract, "hours": job.hours, "wage": job.wage}
        if job.end:
            job_text += " " + gettext("Het contract loopt tot en met %(end)s.") % {"end": job.end}
        return Letter(
            lang=lang,
            date=report.as_of_text,
            subject=gettext("Regelingen bij deze baan"),
            salutation=gettext("Geachte werkgever,"),
            opening=gettext(
                "Met deze brief laat ik u weten welke regelingen er kunnen gelden als u mij aanneemt voor deze baan. Deze regelingen maken het voor u goedkoper of makkelijker."
            ),
            job=job_text,
            regelingen=regelingen,
            amounts=amounts,
            years=years if len(years) <= LETTER_YEAR_COLUMNS else (),
            rows=rows if len(years) <= LETTER_YEAR_COLUMNS else (),
            year_totals=totals,
            total=gettext("Samen ongeveer %(total)s in %(first)s tot en met %(last)s.")
            % {
                "total": money(report.total_cents, lang, whole=True),
                "first": report.first_year,
                "last": report.last_year,
            },
            deadlines=letter_deadlines(report.actions),
            estimate=gettext(
                "De bedragen zijn een schatting. Of een regeling echt geldt en hoeveel u krijgt, beslissen UWV, de gemeente en de Belastingdienst."
            ),
            provisional=gettext(
                "Voor latere jaren zijn nog niet alle bedragen bekend. Wij rekenen dan met de laatste bedragen die wij kennen (voorlopig)."
            )
            if report.provisional
            else "",
            notice=report.notice,
            help=gettext(
                "Wilt u hulp bij het aanvragen? Het Werkgeversservicepunt Drenthe helpt u gratis. Kijk op %(site)s of mail naar %(email)s."
            )
            % {"site": settings.WERKPUNT_BASE_URL, "email": settings.WERKPUNT_WSP_EMAIL},
            closing=gettext("Met vriendelijke groet,"),
            signature=gettext("(naam)"),
        )


def letter_pdf(report: Report) -> bytes:
    letter = build_letter(report)
    html = render_to_string(
        "financieel_cv/pdf/letter.html", {"letter": letter, "lang": letter.lang}
    )
    return html_to_pdf(html)


def letter_docx(report: Report) -> bytes:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    letter = build_letter(report)
    language = "nl-NL" if letter.lang == "nl" else "en-GB"
    document = Document()
    properties = document.core_properties
    properties.title = letter.subject
    properties.language = language
    properties.author = "Werkpunt"
    properties.subject = letter.subject
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    run_properties = normal.element.get_or_add_rPr()
    lang_element = OxmlElement("w:lang")
    lang_element.set(qn("w:val"), language)
    run_properties.append(lang_element)

    with translation.override(letter.lang):
        document.add_paragraph(letter.date)
        document.add_heading(letter.subject, level=1)
        document.add_paragraph(letter.salutation)
        document.add_paragraph(letter.opening)
        document.add_paragraph(letter.job)
        document.add_heading(gettext("Welke regelingen kunnen gelden?"), level=2)
        for regeling in letter.regelingen:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(regeling.name).bold = True
            if regeling.description:
                paragraph.add_run(f": {regeling.description}")
        if letter.amounts:
            document.add_heading(gettext("Wat levert het ongeveer op?"), level=2)
            if letter.rows:
                header_texts = [gettext("Regeling"), *(str(year) for year in letter.years)]
                body = [[row.name, *row.amounts] for row in letter.rows]
                body.append([gettext("Samen"), *letter.year_totals])
            else:
                header_texts = [gettext("Jaar"), gettext("Regeling"), gettext("Ongeveer")]
                body = [[str(a.year), a.name, a.amount] for a in letter.amounts]
            table = document.add_table(rows=1, cols=len(header_texts))
            table.style = "Table Grid"
            header = table.rows[0]
            header_properties = header._tr.get_or_add_trPr()
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            header_properties.append(repeat)
            for cell, text in zip(header.cells, header_texts, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(text).bold = True
            for values in body:
                cells = table.add_row().cells
                for cell, text in zip(cells, values, strict=True):
                    cell.text = text
            document.add_paragraph(letter.total)
        if letter.deadlines:
            document.add_heading(gettext("Belangrijke termijnen"), level=2)
            for deadline in letter.deadlines:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(deadline.date).bold = True
                paragraph.add_run(f": {deadline.text}")
        document.add_heading(gettext("Goed om te weten"), level=2)
        document.add_paragraph(letter.estimate)
        if letter.provisional:
            document.add_paragraph(letter.provisional)
        document.add_paragraph(letter.notice)
        document.add_paragraph(letter.help)
        document.add_paragraph(letter.closing)
        document.add_paragraph(letter.signature)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Calendar -----------------------------------------------------------------------------


def deadlines_ics(report: Report, *, now: dt.datetime | None = None) -> bytes:
    """One all-day event per action with a due date; a stable UID per action."""
    from icalendar import Alarm, Calendar, Event

    stamp = (now or timezone.now()).astimezone(dt.UTC)
    with translation.override(report.lang):
        calendar = Calendar()
        calendar.add("prodid", "-//Werkpunt//Financieel CV//NL")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", gettext("Werkpunt: termijnen"))
        for action in report.dated_actions:
            assert action.due_date is not None
            event = Event()
            event.add("uid", action.uid)
            event.add("dtstamp", stamp)
            event.add("dtstart", action.due_date)
            event.add("dtend", action.due_date + dt.timedelta(days=1))
            event.add("summary", action.summary)
            lines = [
                action.what,
                gettext("Waar: %(where)s") % {"where": action.where},
                gettext("Wie: %(who)s") % {"who": action.actor_label},
                gettext("Regeling: %(name)s") % {"name": action.instrument_name},
            ]
            if action.provisional:
                lines.append(gettext("Deze datum is voorlopig."))
            lines.append(gettext("Berekend met het financieel CV van Werkpunt."))
            event.add("description", "\n".join(lines))
            event.add("transp", "TRANSPARENT")
            if action.actor in LETTER_ACTORS and not action.past:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", action.summary)
                alarm.add("trigger", -dt.timedelta(days=7))
                event.add_component(alarm)
            calendar.add_component(event)
    return bytes(calendar.to_ical())
