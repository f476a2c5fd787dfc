"""Actions with due dates that follow from an outcome.

These are the deadlines the back office guards (doelgroepverklaring, register
check, loonaangifte indicator, corrections before 1 May, end of a
proefplaatsing or no-riskpolis, the loonwaarde re-measurement, the end of a
fixed-term contract). They are derived here, from the same rules, so no other
part of Werkpunt computes a deadline of its own.
"""

from __future__ import annotations

import datetime as dt

from werkpunt.rules.context import Context
from werkpunt.rules.dates import add_months, end_of_month, period_end
from werkpunt.rules.i18n import t
from werkpunt.rules.instruments import lks, lkv, werk, ziekte
from werkpunt.rules.money import Money
from werkpunt.rules.outcome import Action, Actor, InstrumentYear, YearOutcome
from werkpunt.rules.situation import MUNICIPAL_BENEFITS, MUNICIPALITY_NAMES, Benefit, Contract

LKV_NAMES = {
    lkv.OUDERE: t("LKV oudere werknemer"),
    lkv.ARBEIDSGEHANDICAPTE: t("LKV arbeidsgehandicapte werknemer"),
    lkv.BANENAFSPRAAK: t("LKV banenafspraak"),
    lkv.HERPLAATSING: t("LKV herplaatsen arbeidsgehandicapte werknemer"),
}


def _month_day(year: int, month_day: str) -> dt.date:
    return dt.date.fromisoformat(f"{year}-{month_day}")


def _lkv_actions(ctx: Context, years: list[YearOutcome], plans: list[lkv.Plan]) -> list[Action]:
    """Per LKV kind, and per set of rules it fell under (banenafspraak changes in 2026):
    the doelgroepverklaring or the register check, and the loonaangifte indicator."""
    s = ctx.s
    actions: list[Action] = []
    for plan in plans:
        regimes: dict[int, tuple[lkv.Plan, list[InstrumentYear]]] = {}
        for year in years:
            item = year.instrument(plan.code)
            if item.applies:
                regime = lkv.plan_for_year(ctx, plan, year.year)
                regimes.setdefault(id(regime), (regime, []))[1].append(item)
        for regime, paid in regimes.values():
            at_stake = Money(sum(i.amount or 0 for i in paid))
            provisional = any(i.provisional for i in paid)
            name = LKV_NAMES[plan.code]
            first_day = max(s.start_date, regime.first_day)
            if regime.needs_verklaring:
                municipal = plan.code == lkv.OUDERE and s.benefit in MUNICIPAL_BENEFITS
                actions.append(
                    Action(
                        code="doelgroepverklaring_aanvragen",
                        instrument=plan.code,
                        due_date=lkv.verklaring_deadline(ctx),
                        actor=Actor.WERKNEMER,
                        where=t("bij de gemeente") if municipal else t("bij UWV"),
                        what=t(
                            "Vraag de doelgroepverklaring aan voor het {name}. Dat doet de werknemer, of u met een machtiging. Te laat betekent: geen LKV.",
                            name=name,
                        ),
                        amount_at_stake=at_stake,
                        provisional=provisional,
                    )
                )
            else:
                actions.append(
                    Action(
                        code="doelgroepregister_controleren",
                        instrument=plan.code,
                        due_date=first_day,
                        actor=Actor.WERKGEVER,
                        where=t("in het werkgeversportaal van UWV"),
                        what=t(
                            "Controleer of de werknemer in het doelgroepregister staat. Een doelgroepverklaring is niet meer nodig."
                        ),
                        amount_at_stake=at_stake,
                        provisional=provisional,
                    )
                )
            actions.append(
                Action(
                    code="lkv_loonaangifte_aanvragen",
                    instrument=plan.code,
                    due_date=lkv.first_payroll_deadline(first_day),
                    actor=Actor.WERKGEVER,
                    where=t("in de loonaangifte"),
                    what=t(
                        "Vraag het {name} aan in de loonaangifte (zet het vinkje voor deze werknemer), vanaf de eerste aangifte.",
                        name=name,
                    ),
                    amount_at_stake=at_stake,
                    provisional=provisional,
                )
            )
    return actions


def _yearly_wtl_actions(ctx: Context, years: list[YearOutcome]) -> list[Action]:
    actions: list[Action] = []
    codes = (*lkv.CODES, "liv", "jeugd_liv")
    for year in years:
        items = [i for i in year.instruments if i.code in codes and i.applies]
        if not items:
            continue
        n = year.year
        at_stake = Money(sum(i.amount or 0 for i in items))
        provisional = any(i.provisional for i in items)
        first = dt.date(n + 1, 1, 1)
        preliminary = _month_day(n + 1, ctx.value("lkv_liv_voorlopige_berekening_voor", first))
        correction = _month_day(n + 1, ctx.value("lkv_liv_correctie_tot", first)) - dt.timedelta(
            days=1
        )
        decision = _month_day(n + 1, ctx.value("lkv_liv_beschikking_voor", first)) - dt.timedelta(
            days=1
        )
        weeks = ctx.value("lkv_liv_betaling_weken", first)
        label = str(n)
        actions.extend(
            [
                Action(
                    "voorlopige_berekening_ontvangen",
                    items[0].code,
                    preliminary - dt.timedelta(days=1),
                    Actor.UWV,
                    t("per post of in Mijn UWV"),
                    t(
                        "U krijgt de voorlopige berekening over {year}. Controleer of deze werknemer erop staat.",
                        year=label,
                    ),
                    at_stake,
                    provisional,
                ),
                Action(
                    "loonaangifte_corrigeren",
                    items[0].code,
                    correction,
                    Actor.WERKGEVER,
                    t("in de loonaangifte"),
                    t(
                        "Laatste dag om de loonaangifte over {year} te verbeteren. Later tellen verbeteringen niet mee.",
                        year=label,
                    ),
                    at_stake,
                    provisional,
                ),
                Action(
                    "beschikking_ontvangen",
                    items[0].code,
                    decision,
                    Actor.BELASTINGDIENST,
                    t("per post"),
                    t(
                        "De Belastingdienst stuurt de beschikking over {year} met het definitieve bedrag.",
                        year=label,
                    ),
                    at_stake,
                    provisional,
                ),
                Action(
                    "uitbetaling",
                    items[0].code,
                    decision + dt.timedelta(weeks=weeks),
                    Actor.BELASTINGDIENST,
                    t("op uw rekening"),
                    t(
                        "Het geld over {year} wordt uiterlijk {weeks} weken na de beschikking betaald.",
                        year=label,
                        weeks=weeks,
                    ),
                    at_stake,
                    provisional,
                ),
            ]
        )
    return actions


def _lks_actions(ctx: Context, years: list[YearOutcome]) -> list[Action]:
    s = ctx.s
    paid = [y.instrument(lks.LKS) for y in years if y.instrument(lks.LKS).applies]
    if not paid:
        return []
    at_stake = Money(sum(i.amount or 0 for i in paid))
    where = (
        t("bij de gemeente {name}", name=MUNICIPALITY_NAMES[s.municipality])
        if s.municipality
        else t("bij de gemeente")
    )
    actions = [
        Action(
            "loonkostensubsidie_aanvragen",
            lks.LKS,
            s.start_date,
            Actor.WERKGEVER,
            where,
            t(
                "Vraag de loonkostensubsidie aan vóór de eerste werkdag. Elke gemeente heeft eigen termijnen; vraag het uw contactpersoon."
            ),
            at_stake,
            False,
        )
    ]
    if s.loonwaarde_percentage is None:
        months = ctx.value("lks_forfaitair_max_maanden", s.start_date)
        actions.append(
            Action(
                "loonwaarde_meten",
                lks.LKS,
                period_end(s.start_date, months=months),
                Actor.GEMEENTE,
                where,
                t(
                    "Laat de loonwaarde meten. Het vaste bedrag stopt na {months} maanden.",
                    months=months,
                ),
                at_stake,
                False,
            )
        )
    months = ctx.value("lks_herbeoordeling_maanden", s.start_date)
    first_measured = (
        s.start_date
        if s.loonwaarde_percentage is not None
        else period_end(s.start_date, months=ctx.value("lks_forfaitair_max_maanden", s.start_date))
    )
    actions.append(
        Action(
            "loonwaarde_herbeoordelen",
            lks.LKS,
            add_months(first_measured, months),
            Actor.GEMEENTE,
            where,
            t(
                "Laat de loonwaarde opnieuw bepalen. Groeit de werknemer, dan daalt de subsidie. De gemeente spreekt de termijn met u af; Werkpunt plant na {months} maanden.",
                months=months,
            ),
            None,
            True,
        )
    )
    return actions


def _other_actions(ctx: Context, years: list[YearOutcome]) -> list[Action]:
    s = ctx.s
    actions: list[Action] = []

    def applies(code: str) -> bool:
        return any(y.instrument(code).applies for y in years)

    if applies(lks.LOONDISPENSATIE):
        actions.append(
            Action(
                "loondispensatie_aanvragen",
                lks.LOONDISPENSATIE,
                s.start_date,
                Actor.WERKGEVER,
                t("bij UWV"),
                t(
                    "Vraag loondispensatie aan. Die geldt vanaf de eerste dag van de maand waarin u aanvraagt."
                ),
            )
        )
        years_max = ctx.value("loondispensatie_max_jaren", s.start_date)
        renewal = period_end(s.start_date, years=years_max)
        if s.end_date is None or s.end_date > renewal:
            actions.append(
                Action(
                    "loondispensatie_verlengen",
                    lks.LOONDISPENSATIE,
                    renewal,
                    Actor.WERKGEVER,
                    t("bij UWV"),
                    t(
                        "Het besluit over loondispensatie loopt af. Vraag op tijd een nieuw besluit aan."
                    ),
                )
            )
    if applies(ziekte.NO_RISKPOLIS):
        actions.append(
            Action(
                "no_riskpolis_ziekmelding",
                ziekte.NO_RISKPOLIS,
                None,
                Actor.WERKGEVER,
                t("bij UWV"),
                t(
                    "Meldt de werknemer zich ziek? Meld dit dan bij UWV en vraag de Ziektewet-uitkering aan (no-riskpolis)."
                ),
            )
        )
        _, last = ziekte.no_risk_last_day(ctx)
        if last is not None and (s.end_date is None or s.end_date > last):
            actions.append(
                Action(
                    "no_riskpolis_einde",
                    ziekte.NO_RISKPOLIS,
                    last,
                    Actor.WERKGEVER,
                    t("bij UWV"),
                    t(
                        "De no-riskpolis stopt. Daarna betaalt u bij ziekte zelf het loon door; kijk of verlenging mogelijk is."
                    ),
                )
            )
    if applies(werk.PROEF_UWV) or applies(werk.PROEF_GEMEENTE):
        uwv = applies(werk.PROEF_UWV)
        months = (
            ctx.value("proefplaatsing_uwv_maanden", s.start_date)
            if uwv
            else werk.gemeente_months(ctx)
        )
        begin = add_months(s.start_date, -(months or 2))
        actions.append(
            Action(
                "proefplaatsing_aanvragen",
                werk.PROEF_UWV if uwv else werk.PROEF_GEMEENTE,
                begin - dt.timedelta(days=1),
                Actor.WERKGEVER,
                t("bij UWV") if uwv else t("bij de gemeente"),
                t(
                    "Wilt u eerst een proefplaatsing? Vraag die aan voordat die begint. UWV beslist meestal binnen 2 weken."
                ),
                None,
                months is None,
            )
        )
        actions.append(
            Action(
                "proefplaatsing_einde",
                werk.PROEF_UWV if uwv else werk.PROEF_GEMEENTE,
                s.start_date - dt.timedelta(days=1),
                Actor.WERKGEVER,
                t("met de kandidaat en uw contactpersoon"),
                t("Einde van de proefplaatsing: beslis of de kandidaat in dienst komt."),
                None,
                months is None,
            )
        )
    if applies(werk.JOBCOACH):
        uwv = werk.jobcoach_route(ctx) == "uwv"
        actions.append(
            Action(
                "jobcoach_aanvragen",
                werk.JOBCOACH,
                s.start_date,
                Actor.WERKNEMER if uwv else Actor.WERKGEVER,
                t("bij UWV") if uwv else t("bij de gemeente"),
                t("Vraag een jobcoach aan vóór de start; UWV beslist binnen 8 weken."),
            )
        )
    for year in years:
        item = year.instrument(werk.PRAKTIJKLEREN)
        if item.applies:
            day = dt.date(year.year, 7, 31)
            deadline = _month_day(year.year, ctx.value("praktijkleren_aanvragen_tot", day))
            provisional = ctx.params["praktijkleren_aanvragen_tot"].at(day).provisional
            actions.append(
                Action(
                    "praktijkleren_aanvragen",
                    werk.PRAKTIJKLEREN,
                    deadline,
                    Actor.WERKGEVER,
                    t("bij RVO"),
                    t(
                        "Vraag de subsidie praktijkleren aan voor het studiejaar dat eindigde op {date}.",
                        date=day,
                    ),
                    item.amount,
                    provisional,
                )
            )
    if applies(werk.WW_PREMIE) and s.contract == Contract.OPEN_ENDED:
        actions.append(
            Action(
                "contract_schriftelijk",
                werk.WW_PREMIE,
                s.start_date,
                Actor.WERKGEVER,
                t("in uw administratie"),
                t(
                    "Leg het vaste contract op papier vast vóór de eerste loonaangifte. Alleen dan geldt de lage WW-premie."
                ),
            )
        )
    if s.contract == Contract.FIXED_TERM and s.end_date is not None:
        if s.end_date >= period_end(s.start_date, months=6):
            months = ctx.value("aanzegtermijn_maanden", s.end_date)
            actions.append(
                Action(
                    "contract_aanzeggen",
                    "arbeidsovereenkomst",
                    add_months(s.end_date, -months),
                    Actor.WERKGEVER,
                    t("schriftelijk aan de werknemer"),
                    t(
                        "Laat de werknemer uiterlijk vandaag schriftelijk weten of het contract doorgaat, en zo ja hoe."
                    ),
                )
            )
        chain = ctx.value("ketenregeling", s.end_date)[0]
        actions.append(
            Action(
                "contract_einde",
                "arbeidsovereenkomst",
                s.end_date,
                Actor.WERKGEVER,
                t("met de werknemer en uw contactpersoon"),
                t(
                    "Het tijdelijke contract eindigt. Na {count} contracten of {months} maanden wordt een nieuw contract vast. Zoek samen met Werkpunt naar vervolgwerk als u niet verlengt.",
                    count=chain["contracten"],
                    months=chain["maanden"],
                ),
            )
        )
    return actions


def derive_actions(ctx: Context, years: list[YearOutcome], plans: list[lkv.Plan]) -> list[Action]:
    ctx.begin()
    actions = [
        *_lkv_actions(ctx, years, plans),
        *_yearly_wtl_actions(ctx, years),
        *_lks_actions(ctx, years),
        *_other_actions(ctx, years),
    ]
    far = dt.date.max
    return sorted(actions, key=lambda a: (a.due_date or far, a.code))


__all__ = ["Benefit", "derive_actions", "end_of_month"]
