"""Loonkostenvoordelen (LKV), Wet tegemoetkomingen loondomein hoofdstuk 2.

Four kinds, each an amount per paid hour with a cap per calendar year, for a
limited period from the start of the employment (stretched to whole
aangiftetijdvakken, taken as calendar months), never past the AOW age. Only the
highest LKV for a worker is paid in a year (Wtl art. 4.1 lid 3). Transitions:

* oudere werknemer: employments from 2024 get € 3,05 for 2024 hours and the
  lower 2025 amount for 2025 hours, nothing after 2025; employments from before
  2024 keep the old amount for their whole term (Wtl art. 6.2a).
* banenafspraak: from 2026 open-ended while the worker is in the
  doelgroepregister, without doelgroepverklaring or the six-month rule;
  scholingsbelemmerden are no longer a group. A running LKV of an employment
  from before 2026 becomes open-ended if the worker is in the register, and
  keeps its remaining term otherwise (Wtl art. 6.2).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from werkpunt.rules.context import Context
from werkpunt.rules.dates import add_months, end_of_month, period_end
from werkpunt.rules.i18n import t
from werkpunt.rules.instruments.base import all_met, reason, result
from werkpunt.rules.money import Fraction, Money, cents, round_half_up
from werkpunt.rules.outcome import AmountKind, InstrumentYear, Reason
from werkpunt.rules.situation import BENEFIT_NAMES, DISABILITY_BENEFITS, Benefit

WTL = "https://wetten.overheid.nl/BWBR0037522"

OUDERE = "lkv_oudere_werknemer"
ARBEIDSGEHANDICAPTE = "lkv_arbeidsgehandicapte_werknemer"
BANENAFSPRAAK = "lkv_banenafspraak"
HERPLAATSING = "lkv_herplaatsing"
#: In the order of Wtl art. 2.1; on equal amounts the first one counts.
CODES = (OUDERE, ARBEIDSGEHANDICAPTE, BANENAFSPRAAK, HERPLAATSING)

#: Benefits that qualify for the LKV oudere werknemer (Wtl art. 2.2 lid 1 a).
OUDERE_BENEFITS = frozenset(Benefit) - {Benefit.NONE, Benefit.ZIEKTEWET}


@dataclass(slots=True)
class Plan:
    """What is fixed for one LKV kind at the start of the employment."""

    code: str
    conditions: list[Reason]
    eligible: bool
    term_last: dt.date | None  # last day of the term (None: open-ended)
    needs_verklaring: bool
    legal: str
    successor: Plan | None = None  # the rules that take over (banenafspraak from 2026)
    first_day: dt.date = dt.date.min  # the first day these rules hold


def verklaring_deadline(ctx: Context) -> dt.date:
    months = ctx.value("doelgroepverklaring_termijn_maanden", ctx.s.start_date)
    return period_end(ctx.s.start_date, months=months)


def _term_last(ctx: Context, kind: str) -> dt.date:
    years = ctx.value("lkv_looptijd_jaren", ctx.s.start_date)[kind]
    return end_of_month(period_end(ctx.s.start_date, years=years))


def _common(ctx: Context, *, six_months: bool) -> list[Reason]:
    s = ctx.s
    conditions = [
        reason(
            "below_aow_age",
            s.start_date < ctx.aow_date,
            t(
                "De werknemer heeft bij de start de AOW-leeftijd nog niet (AOW-datum: {date}).",
                date=ctx.aow_date,
            ),
        )
    ]
    if six_months:
        months = ctx.value("lkv_niet_in_dienst_maanden", s.start_date)
        conditions.append(
            reason(
                "not_employed_last_6_months",
                not s.employed_by_employer_last_6_months,
                t(
                    "De werknemer was in de {months} maanden voor de start niet bij u in dienst: {value}.",
                    months=months,
                    value=not s.employed_by_employer_last_6_months,
                ),
            )
        )
    return conditions


def plan_oudere(ctx: Context) -> Plan:
    s = ctx.s
    min_age = ctx.value("lkv_oudere_minimumleeftijd", s.start_date)
    age = ctx.age_on(s.start_date)
    phase_out_from = ctx.fact("lkv_oudere_afbouw_dienstbetrekking_vanaf")
    last_phase_out_day = ctx.fact("lkv_oudere_afbouw_laatste_dag")
    conditions = [
        reason(
            "age_56_at_start",
            age >= min_age,
            t(
                "De werknemer is bij de start {age} jaar; nodig is {minimum} jaar of ouder.",
                age=age,
                minimum=min_age,
            ),
        ),
        reason(
            "benefit_before_start",
            s.benefit in OUDERE_BENEFITS,
            t(
                "De werknemer had in de maand voor de start een uitkering die telt (WW, WIA, WAO, WAZ, Wajong, bijstand, IOAW of IOAZ): {benefit}.",
                benefit=BENEFIT_NAMES[s.benefit],
            ),
        ),
        *_common(ctx, six_months=True),
    ]
    if s.start_date > last_phase_out_day:
        conditions.append(
            reason(
                "abolished_for_new_employment",
                False,
                t(
                    "Het LKV oudere werknemer bestaat niet meer voor wie vanaf {date} begint.",
                    date=last_phase_out_day + dt.timedelta(days=1),
                ),
            )
        )
    elif s.start_date >= phase_out_from:
        conditions.append(
            reason(
                "phase_out",
                None,
                t(
                    "De werknemer begon op of na {date}: het LKV wordt afgebouwd en stopt na {last}.",
                    date=phase_out_from,
                    last=last_phase_out_day,
                ),
            )
        )
    return Plan(
        OUDERE,
        conditions,
        all_met(conditions),
        _term_last(ctx, "oudere"),
        True,
        f"{WTL}/2025-01-01#Artikel2.2",
    )


def plan_arbeidsgehandicapte(ctx: Context) -> Plan:
    s = ctx.s
    disability = s.benefit in DISABILITY_BENEFITS
    conditions = [
        reason(
            "disability_benefit_or_rejected",
            disability or s.wia_rejected_within_5_years,
            t(
                "De werknemer had in de maand voor de start een WIA-, WAO- of WAZ-uitkering ({benefit}), of kreeg binnen 5 jaar een WIA-keuring onder 35% ({rejected}).",
                benefit=BENEFIT_NAMES[s.benefit],
                rejected=s.wia_rejected_within_5_years,
            ),
        ),
        reason(
            "not_herplaatsing",
            not s.herplaatsing,
            t(
                "Het gaat om een nieuwe werknemer, niet om herplaatsing bij de eigen werkgever: {value}.",
                value=not s.herplaatsing,
            ),
        ),
        *_common(ctx, six_months=True),
    ]
    return Plan(
        ARBEIDSGEHANDICAPTE,
        conditions,
        all_met(conditions),
        _term_last(ctx, "arbeidsgehandicapte"),
        True,
        f"{WTL}/2026-01-01#Artikel2.6",
    )


def _plan_banenafspraak_2026(ctx: Context, open_ended_from: dt.date) -> Plan:
    """The rules from 2026 (Wet banenafspraak): in the register, as long as the job lasts."""
    s = ctx.s
    conditions = [
        reason(
            "in_doelgroepregister",
            s.doelgroepregister,
            t(
                "De werknemer staat in het doelgroepregister banenafspraak: {value}.",
                value=s.doelgroepregister,
            ),
        ),
        *_common(ctx, six_months=False),
        reason(
            "no_verklaring_needed",
            None,
            t(
                "Vanaf {date} is geen doelgroepverklaring meer nodig en geldt het LKV zolang de werknemer bij u werkt en in het register staat.",
                date=open_ended_from,
            ),
        ),
    ]
    return Plan(
        BANENAFSPRAAK,
        conditions,
        all_met(conditions),
        None,
        False,
        f"{WTL}/2026-01-01#Artikel2.10",
        first_day=max(s.start_date, open_ended_from),
    )


def plan_banenafspraak(ctx: Context) -> Plan:
    """Until 2025 the old rules (register or scholingsbelemmerd, 3 years, verklaring);
    the 2026 rules follow as ``successor``.

    From 2026 art. 2.10 asks only that the worker is in the register in the
    aangiftetijdvak, whenever the job started; a running LKV of a worker outside
    the register (a scholingsbelemmerde) keeps its remaining term (art. 6.2 lid 1 a).
    """
    s = ctx.s
    open_ended_from = ctx.fact("lkv_banenafspraak_zonder_einde_vanaf")
    new_rules = _plan_banenafspraak_2026(ctx, open_ended_from)
    if s.start_date >= open_ended_from:
        return new_rules
    conditions = [
        reason(
            "in_doelgroep",
            s.doelgroepregister or s.scholingsbelemmerd,
            t(
                "De werknemer staat in het doelgroepregister ({register}) of is scholingsbelemmerd ({school}).",
                register=s.doelgroepregister,
                school=s.scholingsbelemmerd,
            ),
        ),
        *_common(ctx, six_months=True),
    ]
    return Plan(
        BANENAFSPRAAK,
        conditions,
        all_met(conditions),
        _term_last(ctx, "banenafspraak"),
        True,
        f"{WTL}/2025-01-01#Artikel2.10",
        successor=new_rules,
    )


def plan_for_year(ctx: Context, plan: Plan, year: int) -> Plan:
    """The plan whose rules hold in ``year`` (the old banenafspraak rules end in 2025)."""
    successor = plan.successor
    if successor is None or year < successor.first_day.year:
        return plan
    keeps_remaining_term = (
        plan.eligible
        and not ctx.s.doelgroepregister
        and plan.term_last is not None
        and plan.term_last >= successor.first_day
    )
    return plan if keeps_remaining_term else successor


def plan_herplaatsing(ctx: Context) -> Plan:
    s = ctx.s
    conditions = [
        reason(
            "herplaatsing",
            s.herplaatsing,
            t(
                "De werknemer gaat na ziekte weer aan het werk bij de eigen werkgever (herplaatsing): {value}.",
                value=s.herplaatsing,
            ),
        ),
        reason(
            "wia_benefit",
            s.benefit in DISABILITY_BENEFITS,
            t(
                "De werknemer heeft een WIA-uitkering (of WAO/WAZ): {benefit}.",
                benefit=BENEFIT_NAMES[s.benefit],
            ),
        ),
        *_common(ctx, six_months=False),
    ]
    return Plan(
        HERPLAATSING,
        conditions,
        all_met(conditions),
        _term_last(ctx, "herplaatsing"),
        True,
        f"{WTL}/2026-01-01#Artikel2.14",
    )


PLANNERS = (plan_oudere, plan_arbeidsgehandicapte, plan_banenafspraak, plan_herplaatsing)

_RATES = {
    OUDERE: ("lkv_oudere_per_uur", "lkv_oudere_max_per_jaar"),
    ARBEIDSGEHANDICAPTE: (
        "lkv_arbeidsgehandicapte_per_uur",
        "lkv_arbeidsgehandicapte_max_per_jaar",
    ),
    BANENAFSPRAAK: ("lkv_banenafspraak_per_uur", "lkv_banenafspraak_max_per_jaar"),
    HERPLAATSING: ("lkv_herplaatsing_per_uur", "lkv_herplaatsing_max_per_jaar"),
}


def _year(ctx: Context, plan: Plan, year: int) -> InstrumentYear:
    ctx.begin()
    plan = plan_for_year(ctx, plan, year)
    ctx.legal(plan.legal)
    reasons = list(plan.conditions)
    if not plan.eligible:
        return result(ctx, code=plan.code, year=year, applies=False, reasons=reasons)
    first_day = max(dt.date(year, 1, 1), plan.first_day)
    last_day = dt.date(year, 12, 31)
    rate_names = _RATES[plan.code]
    if plan.code == OUDERE:
        phase_out_from = ctx.fact("lkv_oudere_afbouw_dienstbetrekking_vanaf")
        if ctx.s.start_date >= phase_out_from:
            phase_out_last = ctx.fact("lkv_oudere_afbouw_laatste_dag")
            last_day = min(last_day, phase_out_last)
            if year >= 2025:
                rate_names = ("lkv_oudere_afbouw_per_uur", "lkv_oudere_afbouw_max_per_jaar")
    if plan.term_last is not None:
        last_day = min(last_day, plan.term_last)
    last_day = min(last_day, ctx.aow_last_day)
    span = ctx.clip(year, first_day, last_day)
    if span is None:
        if plan.term_last is not None and plan.term_last < first_day:
            why = t("De looptijd is voorbij: die eindigde op {date}.", date=plan.term_last)
        elif ctx.aow_last_day < first_day:
            why = t("De werknemer heeft de AOW-leeftijd bereikt op {date}.", date=ctx.aow_date)
        else:
            why = t("Er zijn in {year} geen uren waarover dit LKV geldt.", year=str(year))
        reasons.append(reason("period", False, why))
        return result(ctx, code=plan.code, year=year, applies=False, reasons=reasons)
    per_hour = cents(ctx.value(rate_names[0], span[0]))
    cap = cents(ctx.value(rate_names[1], span[0]))
    hours = ctx.hours(*span)
    raw = round_half_up(hours * per_hour)
    amount = min(raw, cap)
    reasons.append(
        reason(
            "hours",
            None,
            t(
                "Verloonde uren van {first} tot en met {last}: {hours} × {rate} = {raw}.",
                first=span[0],
                last=span[1],
                hours=hours,
                rate=Money(per_hour),
                raw=Money(raw),
            ),
        )
    )
    if raw > cap:
        reasons.append(
            reason(
                "cap", None, t("Het maximum per jaar is {cap}; dat bedrag telt.", cap=Money(cap))
            )
        )
    if plan.term_last is None:
        pass
    elif plan.term_last <= dt.date(year, 12, 31):
        reasons.append(
            reason("term_end", None, t("De looptijd eindigt op {date}.", date=plan.term_last))
        )
    if ctx.aow_last_day <= dt.date(year, 12, 31):
        reasons.append(
            reason(
                "aow_end",
                None,
                t(
                    "De werknemer bereikt de AOW-leeftijd op {date}; uren daarna tellen niet.",
                    date=ctx.aow_date,
                ),
            )
        )
    return result(
        ctx,
        code=plan.code,
        year=year,
        applies=amount > 0,
        reasons=reasons,
        amount=amount,
        kind=AmountKind.PAYMENT,
        provisional=ctx.aow_provisional and ctx.aow_last_day <= dt.date(year, 12, 31),
    )


def evaluate(ctx: Context, years: range) -> tuple[list[Plan], dict[int, list[InstrumentYear]]]:
    """All four LKV kinds per year, with only the highest one applying."""
    plans = []
    for planner in PLANNERS:
        ctx.begin()
        plans.append(planner(ctx))
    by_year: dict[int, list[InstrumentYear]] = {}
    for year in years:
        items = [_year(ctx, plan, year) for plan in plans]
        applying = [item for item in items if item.applies]
        if len(applying) > 1:
            best = max(applying, key=lambda item: (item.amount or 0, -CODES.index(item.code)))
            for item in applying:
                if item is not best:
                    item.applies = False
                    item.reasons.append(
                        reason(
                            "only_highest",
                            False,
                            t(
                                "Er geldt ook een hoger LKV ({best}). Per werknemer krijgt u alleen het hoogste.",
                                best=best.code,
                            ),
                        )
                    )
                    item.amount = None
                    item.amount_kind = None
                    item.provisional = False
        by_year[year] = items
    return plans, by_year


def first_payroll_deadline(day: dt.date) -> dt.date:
    """The loonaangifte over the month of ``day`` is due at the end of the next month."""
    return end_of_month(add_months(day.replace(day=1), 1))


__all__ = [
    "CODES",
    "Fraction",
    "Plan",
    "evaluate",
    "first_payroll_deadline",
    "plan_for_year",
    "verklaring_deadline",
]
