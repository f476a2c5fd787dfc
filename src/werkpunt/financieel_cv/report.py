"""The result of the financieel CV as a view model for the page, the PDF, the letter and the .ics.

:func:`build_report` evaluates the rules exactly once and turns
``werkpunt.rules.to_json`` into what the templates need. The report describes a
job and the regelingen; it has no score and never ranks a person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from werkpunt.financieel_cv import questions
from werkpunt.financieel_cv.charts import BarChart, bar_chart
from werkpunt.financieel_cv.formatting import cents_from_text, day, money, number
from werkpunt.rules import evaluate, instrument_name, to_json

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


def today() -> dt.date:
    """The calculation date: today in the Netherlands. One place, so tests can fix it."""
    return timezone.localdate()


KIND_LABELS: dict[str, StrPromise] = {
    "payment": gettext_lazy("u ontvangt"),
    "saving": gettext_lazy("u bespaart"),
    "maximum": gettext_lazy("ten hoogste"),
    "minimum": gettext_lazy("ten minste"),
}

ACTOR_LABELS: dict[str, StrPromise] = {
    "werkgever": gettext_lazy("u, de werkgever"),
    "werknemer": gettext_lazy("de werknemer"),
    "uwv": gettext_lazy("UWV"),
    "gemeente": gettext_lazy("de gemeente"),
    "belastingdienst": gettext_lazy("de Belastingdienst"),
    "rvo": gettext_lazy("RVO"),
}

REASON_LABELS: dict[bool | None, StrPromise] = {
    True: gettext_lazy("Klopt"),
    False: gettext_lazy("Klopt niet"),
    None: gettext_lazy("Uitleg"),
}
REASON_MARKS: dict[bool | None, str] = {True: "✓", False: "✗", None: "i"}


@dataclass(frozen=True, slots=True)
class ReasonView:
    met: bool | None
    text: str
    years: str | None = None

    @property
    def status(self) -> str:
        return str(REASON_LABELS[self.met])

    @property
    def mark(self) -> str:
        return REASON_MARKS[self.met]

    @property
    def modifier(self) -> str:
        return {True: "met", False: "not-met", None: "info"}[self.met]


@dataclass(frozen=True, slots=True)
class SourceLink:
    url: str
    label: str


@dataclass(frozen=True, slots=True)
class AmountLine:
    year: int
    cents: int | None
    kind: str
    amount: str
    provisional: bool

    @property
    def text(self) -> str:
        return f"{self.kind} {self.amount}".strip()


@dataclass(slots=True)
class InstrumentView:
    code: str
    name: str
    lines: list[AmountLine]
    reasons: list[ReasonView]
    sources: list[SourceLink]
    years_text: str
    provisional: bool

    @property
    def has_amount(self) -> bool:
        return any(line.cents is not None for line in self.lines)


@dataclass(frozen=True, slots=True)
class NotApplyingView:
    code: str
    name: str
    why: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class YearItem:
    code: str
    name: str
    kind: str
    amount: str
    cents: int | None
    provisional: bool

    @property
    def text(self) -> str:
        return f"{self.kind} {self.amount}".strip()


@dataclass(frozen=True, slots=True)
class YearView:
    year: int
    cents: int
    total: str
    provisional: bool
    items: tuple[YearItem, ...]


@dataclass(frozen=True, slots=True)
class ActionView:
    code: str
    instrument: str
    instrument_name: str
    due_date: dt.date | None
    due_text: str
    past: bool
    actor: str
    actor_label: str
    where: str
    what: str
    provisional: bool
    summary: str
    uid: str


@dataclass(frozen=True, slots=True)
class JobView:
    start: str
    start_date: dt.date
    end: str | None
    contract: str
    hours: str
    wage: str


@dataclass(slots=True)
class Report:
    lang: str
    as_of: dt.date
    as_of_text: str
    answers: dict[str, str]
    job: JobView
    years: list[YearView]
    total_cents: int
    total: str
    provisional: bool
    applying: list[InstrumentView]
    not_applying: list[NotApplyingView]
    actions: list[ActionView]
    notice: str
    chart: BarChart
    data: dict[str, Any] = field(repr=False)

    @property
    def first_year(self) -> int:
        return self.years[0].year

    @property
    def last_year(self) -> int:
        return self.years[-1].year

    @property
    def with_amount(self) -> list[InstrumentView]:
        return [item for item in self.applying if item.has_amount]

    @property
    def without_amount(self) -> list[InstrumentView]:
        return [item for item in self.applying if not item.has_amount]

    @property
    def dated_actions(self) -> list[ActionView]:
        return [action for action in self.actions if action.due_date is not None]


#: Short calendar titles per action code; other actions use the instrument name.
ACTION_SUMMARIES: dict[str, StrPromise] = {
    "doelgroepverklaring_aanvragen": gettext_lazy("Doelgroepverklaring aanvragen"),
    "doelgroepregister_controleren": gettext_lazy("Doelgroepregister controleren"),
    "lkv_loonaangifte_aanvragen": gettext_lazy("LKV aanvragen in de loonaangifte"),
    "voorlopige_berekening_ontvangen": gettext_lazy("Voorlopige berekening LKV/LIV controleren"),
    "loonaangifte_corrigeren": gettext_lazy("Laatste dag: loonaangifte verbeteren"),
    "beschikking_ontvangen": gettext_lazy("Beschikking van de Belastingdienst"),
    "uitbetaling": gettext_lazy("Uitbetaling LKV/LIV"),
    "loonkostensubsidie_aanvragen": gettext_lazy("Loonkostensubsidie aanvragen"),
    "loonwaarde_meten": gettext_lazy("Loonwaarde laten meten"),
    "loonwaarde_herbeoordelen": gettext_lazy("Loonwaarde opnieuw laten bepalen"),
    "loondispensatie_aanvragen": gettext_lazy("Loondispensatie aanvragen"),
    "loondispensatie_verlengen": gettext_lazy("Loondispensatie verlengen"),
    "no_riskpolis_einde": gettext_lazy("Einde no-riskpolis"),
    "proefplaatsing_aanvragen": gettext_lazy("Proefplaatsing aanvragen"),
    "proefplaatsing_einde": gettext_lazy("Einde proefplaatsing"),
    "jobcoach_aanvragen": gettext_lazy("Jobcoach aanvragen"),
    "praktijkleren_aanvragen": gettext_lazy("Subsidie praktijkleren aanvragen"),
    "contract_schriftelijk": gettext_lazy("Vast contract op papier zetten"),
    "contract_aanzeggen": gettext_lazy("Laten weten of het contract doorgaat"),
    "contract_einde": gettext_lazy("Einde tijdelijk contract"),
}

CONTRACT_LABELS: dict[str, StrPromise] = {
    "open_ended": gettext_lazy("vast contract"),
    "fixed_term": gettext_lazy("tijdelijk contract"),
}


def source_label(url: str) -> str:
    """A short readable name for a source link: the site, and the article if it names one."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    if parts.fragment.lower().startswith("artikel"):
        article = parts.fragment[len("artikel") :]
        return gettext("%(site)s, artikel %(article)s") % {"site": host, "article": article}
    return host or url


def kind_and_amount(kind: str | None, cents: int | None, lang: str) -> tuple[str, str]:
    """``("u ontvangt", "€ 752,91")``; without an amount ``("geen vast bedrag", "")``."""
    if cents is None:
        return gettext("geen vast bedrag"), ""
    label = KIND_LABELS.get(kind or "payment", KIND_LABELS["payment"])
    return str(label), money(cents, lang)


def years_text(years: list[int], all_years: list[int]) -> str:
    """``Geldt in 2025.`` / ``Geldt in 2025 tot en met 2030.`` / ``Geldt in 2025, 2027.``"""
    if years == all_years and len(years) > 1:
        return gettext("Geldt in alle jaren van deze berekening.")
    if len(years) == 1:
        return gettext("Geldt in %(year)s.") % {"year": years[0]}
    if years == list(range(years[0], years[-1] + 1)):
        return gettext("Geldt in %(first)s tot en met %(last)s.") % {
            "first": years[0],
            "last": years[-1],
        }
    return gettext("Geldt in %(years)s.") % {"years": ", ".join(str(y) for y in years)}


def _reasons(items: list[tuple[int, dict[str, Any]]]) -> list[ReasonView]:
    """The reasons of the years an instrument applies, once each; a reason whose text
    differs between years (hours, amounts) is shown with the years it belongs to."""
    by_code: dict[str, dict[tuple[bool | None, str], list[int]]] = {}
    for year, item in items:
        for reason in item["reasons"]:
            texts = by_code.setdefault(reason["code"], {})
            texts.setdefault((reason["met"], reason["text"]), []).append(year)
    views: list[ReasonView] = []
    for texts in by_code.values():
        for (met, text), years in texts.items():
            views.append(ReasonView(met, text, _year_list(years) if len(texts) > 1 else None))
    return views


def _year_list(years: list[int]) -> str:
    if len(years) > 2 and years == list(range(years[0], years[-1] + 1)):
        return gettext("%(first)s tot en met %(last)s") % {"first": years[0], "last": years[-1]}
    return ", ".join(str(year) for year in years)


def _why_not(items: list[dict[str, Any]]) -> tuple[str, ...]:
    unmet: list[str] = []
    for item in items:
        for reason in item["reasons"]:
            if reason["met"] is False and reason["text"] not in unmet:
                unmet.append(reason["text"])
    if unmet:
        return tuple(unmet)
    for item in items:
        for reason in item["reasons"]:
            if reason["met"] is None:
                return (reason["text"],)
    return ()


def _job(answers: Mapping[str, str], data: dict[str, Any], lang: str) -> JobView:
    situation = data["situation"]
    start = dt.date.fromisoformat(situation["start_date"])
    end = situation.get("end_date")
    hours = situation.get("hours_per_week") or "0"
    return JobView(
        start=day(start, lang),
        start_date=start,
        end=day(dt.date.fromisoformat(end), lang) if end else None,
        contract=str(CONTRACT_LABELS.get(situation["contract"], situation["contract"])),
        hours=gettext("%(hours)s uur per week") % {"hours": number(Decimal(hours), lang)},
        wage=gettext("%(wage)s bruto per uur")
        % {"wage": money(cents_from_text(situation["hourly_wage"]) or 0, lang)},
    )


def build_report(answers: Mapping[str, str], lang: str, *, as_of: dt.date | None = None) -> Report:
    """Evaluate the answers once and build everything the outputs show.

    Raises :class:`werkpunt.rules.SituationError` when the answers are incomplete or wrong.
    """
    as_of = as_of or today()
    situation = questions.parse_answers(answers)
    outcome = evaluate(situation, as_of=as_of)
    data = to_json(outcome, lang)
    names: dict[str, str] = {}
    per_code: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    years: list[YearView] = []
    all_years = [y["year"] for y in data["years"]]
    for year in data["years"]:
        items = []
        for item in year["instruments"]:
            names[item["code"]] = item["name"]
            per_code.setdefault(item["code"], []).append((year["year"], item))
            if item["applies"]:
                cents = cents_from_text(item["amount"])
                items.append(
                    YearItem(
                        item["code"],
                        item["name"],
                        *kind_and_amount(item["amount_kind"], cents, lang),
                        cents,
                        item["provisional"],
                    )
                )
        cents = cents_from_text(year["total"]) or 0
        years.append(
            YearView(year["year"], cents, money(cents, lang), year["provisional"], tuple(items))
        )

    applying: list[InstrumentView] = []
    not_applying: list[NotApplyingView] = []
    for code, entries in per_code.items():
        applied = [(y, item) for y, item in entries if item["applies"]]
        if not applied:
            not_applying.append(
                NotApplyingView(code, names[code], _why_not([item for _, item in entries]))
            )
            continue
        sources: list[str] = []
        for _, item in applied:
            sources.extend(s for s in item["sources"] if s not in sources)
        lines = []
        for y, item in applied:
            cents = cents_from_text(item["amount"])
            lines.append(
                AmountLine(
                    y,
                    cents,
                    *kind_and_amount(item["amount_kind"], cents, lang),
                    item["provisional"],
                )
            )
        applying.append(
            InstrumentView(
                code=code,
                name=names[code],
                lines=lines,
                reasons=_reasons(applied),
                sources=[SourceLink(url, source_label(url)) for url in sources],
                years_text=years_text([y for y, _ in applied], all_years),
                provisional=any(item["provisional"] for _, item in applied),
            )
        )

    actions: list[ActionView] = []
    seen_uids: set[str] = set()
    far = dt.date.max
    for action in sorted(
        data["actions"],
        key=lambda a: (a["due_date"] or far.isoformat(), a["code"]),
    ):
        due = dt.date.fromisoformat(action["due_date"]) if action["due_date"] else None
        uid = f"{action['code']}-{action['instrument']}-{action['due_date'] or 'zonder-datum'}"
        while uid in seen_uids:
            uid += "-2"
        seen_uids.add(uid)
        name = names.get(action["instrument"]) or instrument_name(action["instrument"], lang)
        summary = ACTION_SUMMARIES.get(action["code"])
        actions.append(
            ActionView(
                code=action["code"],
                instrument=action["instrument"],
                instrument_name=name,
                due_date=due,
                due_text=day(due, lang) if due else gettext("wanneer nodig"),
                past=due is not None and due < as_of,
                actor=action["actor"],
                actor_label=str(ACTOR_LABELS.get(action["actor"], action["actor"])),
                where=action["where"],
                what=action["what"],
                provisional=action["provisional"],
                summary=str(summary) if summary else name,
                uid=f"{uid}@werkpunt",
            )
        )

    total_cents = cents_from_text(data["total"]) or 0
    return Report(
        lang=lang,
        as_of=as_of,
        as_of_text=day(as_of, lang),
        answers=dict(questions.situation_input(answers)),
        job=_job(answers, data, lang),
        years=years,
        total_cents=total_cents,
        total=money(total_cents, lang),
        provisional=bool(data["provisional"]),
        applying=applying,
        not_applying=not_applying,
        actions=actions,
        notice=data["notice"],
        chart=bar_chart([(str(y.year), y.cents, y.provisional) for y in years], lang),
        data=data,
    )
