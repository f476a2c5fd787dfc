"""Outcomes as JSON (for machines) and as readable text (for people)."""

from __future__ import annotations

from typing import Any

from werkpunt.rules.i18n import format_date, format_money, gettext_for, t
from werkpunt.rules.outcome import Outcome

NAMES = {
    "lkv_oudere_werknemer": t("LKV oudere werknemer"),
    "lkv_arbeidsgehandicapte_werknemer": t("LKV arbeidsgehandicapte werknemer"),
    "lkv_banenafspraak": t("LKV banenafspraak"),
    "lkv_herplaatsing": t("LKV herplaatsen arbeidsgehandicapte werknemer"),
    "liv": t("Lage-inkomensvoordeel (LIV)"),
    "jeugd_liv": t("Jeugd-LIV"),
    "loonkostensubsidie": t("Loonkostensubsidie"),
    "loondispensatie": t("Loondispensatie"),
    "no_riskpolis": t("No-riskpolis"),
    "compensatieregeling_oudere_werknemers": t("Compensatieregeling oudere werknemers"),
    "proefplaatsing_uwv": t("Proefplaatsing (UWV)"),
    "proefplaatsing_gemeente": t("Proefplaatsing (gemeente)"),
    "jobcoach": t("Jobcoach"),
    "praktijkleren": t("Subsidie praktijkleren"),
    "ww_premiedifferentiatie": t("Lage WW-premie"),
    "compensatie_transitievergoeding": t("Compensatie transitievergoeding"),
    "arbeidsovereenkomst": t("Arbeidscontract"),
}

ACTORS = {
    "werkgever": t("werkgever"),
    "werknemer": t("werknemer"),
    "uwv": t("UWV"),
    "gemeente": t("gemeente"),
    "belastingdienst": t("Belastingdienst"),
    "rvo": t("RVO"),
}

KINDS = {
    "payment": t("u ontvangt"),
    "saving": t("u bespaart"),
    "maximum": t("ten hoogste"),
    "minimum": t("ten minste"),
}


def instrument_name(code: str, lang: str = "nl") -> str:
    return NAMES[code].render(lang) if code in NAMES else code


def to_json(outcome: Outcome, lang: str = "nl") -> dict[str, Any]:
    """The outcome as a JSON-ready dict; amounts in euros as decimal strings."""
    years = [
        {
            "year": year.year,
            "total": year.total.as_text(),
            "provisional": year.provisional,
            "instruments": [
                {
                    "code": item.code,
                    "name": instrument_name(item.code, lang),
                    "applies": item.applies,
                    "amount": item.amount.as_text() if item.amount is not None else None,
                    "amount_kind": item.amount_kind.value if item.amount_kind else None,
                    "provisional": item.provisional,
                    "reasons": [
                        {"code": r.code, "met": r.met, "text": r.text.render(lang)}
                        for r in item.reasons
                    ],
                    "sources": list(item.sources),
                }
                for item in year.instruments
            ],
        }
        for year in outcome.years
    ]
    return {
        "as_of": outcome.as_of.isoformat(),
        "situation": outcome.situation.to_json(),
        "years": years,
        "total": outcome.total.as_text(),
        "provisional": any(y.provisional for y in outcome.years),
        "actions": [
            {
                "code": a.code,
                "instrument": a.instrument,
                "due_date": a.due_date.isoformat() if a.due_date else None,
                "actor": a.actor.value,
                "where": a.where.render(lang),
                "what": a.what.render(lang),
                "amount_at_stake": a.amount_at_stake.as_text()
                if a.amount_at_stake is not None
                else None,
                "provisional": a.provisional,
            }
            for a in outcome.actions
        ],
        "notice": gettext_for(lang, NOTICE),
    }


NOTICE = (
    "Dit is een schatting op basis van de regels die wij kennen. U kunt er geen rechten aan ontlenen. "
    "Het gaat over de baan en de regelingen, niet over de waarde van een persoon."
)


def to_text(outcome: Outcome, lang: str = "nl", *, reasons: bool = True) -> str:
    """A readable report: per year the instruments that apply, then the actions."""
    _ = lambda message: gettext_for(lang, message)  # noqa: E731
    lines = [_("Financieel CV"), "=" * len(_("Financieel CV")), ""]
    s = outcome.situation
    lines.append(
        _("Baan vanaf {start}{end}, {hours}.").format(
            start=format_date(s.start_date, lang),
            end=(
                _(" tot en met {end}").format(end=format_date(s.end_date, lang))
                if s.end_date
                else ""
            ),
            hours=(
                _("{n} uur per week").format(n=s.hours_per_week)
                if s.hours_per_week is not None
                else _("{n} uur per jaar").format(n=s.hours_per_year)
            ),
        )
    )
    lines.append("")
    for year in outcome.years:
        mark = " " + _("(voorlopig)") if year.provisional else ""
        lines.append(f"{year.year}: {format_money(year.total, lang)}{mark}")
        for item in year.instruments:
            if not item.applies:
                continue
            amount = ""
            if item.amount is not None and item.amount_kind is not None:
                amount = f": {KINDS[item.amount_kind.value].render(lang)} {format_money(item.amount, lang)}"
            elif item.amount is None:
                amount = ": " + _("geen vast bedrag")
            flag = " " + _("(voorlopig)") if item.provisional else ""
            lines.append(f"  - {instrument_name(item.code, lang)}{amount}{flag}")
            if reasons:
                for r in item.reasons:
                    marker = {True: "+", False: "-", None: "·"}[r.met]
                    lines.append(f"      {marker} {r.text.render(lang)}")
        lines.append("")
    lines.append(_("Totaal: {total}").format(total=format_money(outcome.total, lang)))
    lines.append("")
    if outcome.actions:
        lines.append(_("Wat moet er gebeuren"))
        lines.append("-" * len(_("Wat moet er gebeuren")))
        for a in outcome.actions:
            when = format_date(a.due_date, lang) if a.due_date else _("wanneer nodig")
            lines.append(
                f"- {when} ({ACTORS[a.actor.value].render(lang)}, {a.where.render(lang)}): {a.what.render(lang)}"
            )
        lines.append("")
    lines.append(_(NOTICE))
    return "\n".join(lines)
