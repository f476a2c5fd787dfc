"""Loonkostensubsidie (Participatiewet art. 10c/10d) and loondispensatie (Wajong art. 2:20).

Loonkostensubsidie per hour = (minimum wage − loonwaarde), both with holiday
allowance, at most 70% of the minimum wage with holiday allowance, plus 23,5%
for employer costs. The loonwaarde in euros is the loonwaarde percentage of the
wage for the job (the CAO wage when given), so a CAO wage above the minimum
lowers the subsidy. Under 21 the youth minimum wage counts. The amount is set
at the start and indexed every 1 January (art. 10d lid 7), so one rate holds
per calendar year: the one on 1 January, or on the start day in the first year.
Without a measured loonwaarde the municipality may pay a fixed 50% for at most
6 months (lid 5); after that the amount depends on the measurement.

Loondispensatie: with a Wajong and a loonwaarde of at most 75% the employer may
pay that share of the wage; the saving is the rest of the wage with holiday
allowance. It is not a payment.
"""

from __future__ import annotations

import datetime as dt

from werkpunt.rules.context import Context
from werkpunt.rules.dates import period_end
from werkpunt.rules.i18n import t
from werkpunt.rules.instruments.base import reason, result
from werkpunt.rules.money import ExactCents, Fraction, Money, percent, round_half_up
from werkpunt.rules.outcome import AmountKind, InstrumentYear, Reason
from werkpunt.rules.situation import BENEFIT_NAMES, MUNICIPAL_BENEFITS, Benefit

LKS = "loonkostensubsidie"
LOONDISPENSATIE = "loondispensatie"
PWET = "https://wetten.overheid.nl/BWBR0015703/2025-02-04#Artikel10d"
WAJONG = "https://wetten.overheid.nl/BWBR0008657"


def lks_conditions(ctx: Context) -> list[Reason]:
    s = ctx.s
    in_group = s.benefit in MUNICIPAL_BENEFITS or s.benefit == Benefit.NONE
    conditions = [
        reason(
            "participatiewet_doelgroep",
            in_group,
            t(
                "De werknemer valt onder de Participatiewet (bijstand, IOAW, IOAZ of geen uitkering): {benefit}.",
                benefit=BENEFIT_NAMES[s.benefit],
            ),
        )
    ]
    if s.loonwaarde_percentage is not None:
        conditions.append(
            reason(
                "loonwaarde_below_100",
                s.loonwaarde_percentage < 100,
                t(
                    "De loonwaarde is {value}%; die moet lager zijn dan 100%.",
                    value=s.loonwaarde_percentage,
                ),
            )
        )
    else:
        # Without a measured loonwaarde the municipality may pay a fixed amount, but only
        # for someone it counts in the doelgroep; the register is the sign we can see.
        conditions.append(
            reason(
                "loonwaarde_unknown",
                s.doelgroepregister,
                t(
                    "De loonwaarde is nog niet gemeten. Staat de werknemer in het doelgroepregister, dan kan de gemeente eerst een vast bedrag betalen: {value}.",
                    value=s.doelgroepregister,
                ),
            )
        )
    if s.municipality is None:
        conditions.append(
            reason(
                "municipality",
                None,
                t("Kies de gemeente van de werknemer; die betaalt de subsidie."),
            )
        )
    return conditions


def lks_hours(ctx: Context, span: tuple[dt.date, dt.date], reasons: list[Reason]) -> Fraction:
    """Paid hours, at most a full-time week (Participatiewet art. 10d lid 4)."""
    hours = ctx.hours(*span)
    full = ctx.fulltime_hours(*span)
    if hours > full:
        reasons.append(
            reason(
                "fulltime_cap",
                None,
                t(
                    "Er tellen ten hoogste {hours} uur per week: een volledige werkweek.",
                    hours=ctx.s.fulltime_hours_per_week,
                ),
            )
        )
        return full
    return hours


def reference_day(ctx: Context, year: int) -> dt.date:
    return max(ctx.s.start_date, dt.date(year, 1, 1))


def lks_hourly(ctx: Context, day: dt.date) -> tuple[Fraction, list[Reason]]:
    """Subsidy per hour in cents (with employer costs) for a measured loonwaarde."""
    s = ctx.s
    assert s.loonwaarde_percentage is not None
    factor = ctx.holiday_factor(day)
    wml = ctx.wml_hour_cents(day) * factor
    loonwaarde = percent(s.loonwaarde_percentage) * ctx.functieloon_cents * factor
    cap = percent(ctx.value("lks_max_percentage_wml", day)) * wml
    base = max(Fraction(0), min(wml - loonwaarde, cap))
    extra = percent(ctx.value("lks_werkgeverslasten_percentage", day))
    hourly = base * (1 + extra)
    reasons = [
        reason(
            "formula",
            None,
            t(
                "Per uur: minimumloon {wml} min loonwaarde {lw} (beide met vakantiebijslag), ten hoogste {cap}, plus {extra}% voor werkgeverslasten = {hourly}.",
                wml=ExactCents(wml),
                lw=ExactCents(loonwaarde),
                cap=ExactCents(cap),
                extra=ctx.value("lks_werkgeverslasten_percentage", day),
                hourly=ExactCents(hourly),
            ),
        )
    ]
    if ctx.age_on(day) < 21:
        reasons.append(
            reason("youth", None, t("De werknemer is jonger dan 21: het minimumjeugdloon telt."))
        )
    if s.cao_hourly_wage is not None and s.cao_hourly_wage != s.hourly_wage:
        reasons.append(
            reason(
                "cao_wage",
                None,
                t(
                    "De loonwaarde is berekend op het cao-loon van {wage} per uur.",
                    wage=Money(ctx.functieloon_cents),
                ),
            )
        )
    return hourly, reasons


def evaluate_lks(ctx: Context, year: int) -> InstrumentYear:
    ctx.begin()
    ctx.legal(PWET)
    reasons = list(ctx.once("lks_conditions", lambda: lks_conditions(ctx)))
    if any(r.met is False for r in reasons):
        return result(ctx, code=LKS, year=year, applies=False, reasons=reasons)
    span = ctx.employed_in(year)
    if span is None:
        return result(ctx, code=LKS, year=year, applies=False, reasons=reasons)
    day = reference_day(ctx, year)
    s = ctx.s
    if s.loonwaarde_percentage is not None:
        hourly, more = lks_hourly(ctx, day)
        reasons.extend(more)
        hours = lks_hours(ctx, span, reasons)
        amount = round_half_up(hours * hourly)
        reasons.append(
            reason(
                "amount",
                None,
                t(
                    "{hours} uur × {hourly} = {amount}.",
                    hours=hours,
                    hourly=ExactCents(hourly),
                    amount=Money(amount),
                ),
            )
        )
        return result(
            ctx,
            code=LKS,
            year=year,
            applies=amount > 0,
            reasons=reasons,
            amount=amount,
            kind=AmountKind.PAYMENT,
        )
    months = ctx.value("lks_forfaitair_max_maanden", s.start_date)
    fixed_last = period_end(s.start_date, months=months)
    fixed_span = ctx.clip(year, span[0], fixed_last)
    if fixed_span is None:
        reasons.append(
            reason(
                "needs_measurement",
                None,
                t(
                    "Na de eerste {months} maanden hangt het bedrag af van de gemeten loonwaarde.",
                    months=months,
                ),
            )
        )
        return result(ctx, code=LKS, year=year, applies=True, reasons=reasons)
    factor = ctx.holiday_factor(day)
    wml = ctx.wml_hour_cents(day) * factor
    share = percent(ctx.value("lks_forfaitair_percentage_wml", day))
    extra = percent(ctx.value("lks_werkgeverslasten_percentage", day))
    hourly = share * wml * (1 + extra)
    hours = lks_hours(ctx, fixed_span, reasons)
    amount = round_half_up(hours * hourly)
    reasons.append(
        reason(
            "fixed",
            None,
            t(
                "Vast bedrag van {first} tot en met {last}: {share}% van het minimumloon met vakantiebijslag, plus werkgeverslasten = {hourly} per uur; {hours} uur = {amount}.",
                first=fixed_span[0],
                last=fixed_span[1],
                share=ctx.value("lks_forfaitair_percentage_wml", day),
                hourly=ExactCents(hourly),
                hours=hours,
                amount=Money(amount),
            ),
        )
    )
    rest = fixed_span[1] < span[1]
    if rest:
        reasons.append(
            reason(
                "needs_measurement",
                None,
                t(
                    "Na {date} hangt het bedrag af van de gemeten loonwaarde; dat deel is nog niet meegeteld.",
                    date=fixed_last,
                ),
            )
        )
    return result(
        ctx,
        code=LKS,
        year=year,
        applies=True,
        reasons=reasons,
        amount=amount,
        kind=AmountKind.MINIMUM if rest else AmountKind.PAYMENT,
    )


def loondispensatie_conditions(ctx: Context) -> list[Reason]:
    s = ctx.s
    max_lw = ctx.value("loondispensatie_max_loonwaarde", s.start_date)
    min_months = ctx.value("loondispensatie_min_maanden", s.start_date)
    long_enough = s.end_date is None or s.end_date >= period_end(s.start_date, months=min_months)
    return [
        reason(
            "wajong",
            s.benefit == Benefit.WAJONG,
            t(
                "De werknemer heeft een Wajong-uitkering: {value}.",
                value=s.benefit == Benefit.WAJONG,
            ),
        ),
        reason(
            "loonwaarde",
            s.loonwaarde_percentage is not None and s.loonwaarde_percentage <= max_lw,
            t(
                "De loonwaarde is ten hoogste {max}%: {value}.",
                max=max_lw,
                value=t("niet gemeten")
                if s.loonwaarde_percentage is None
                else t("{value}%", value=s.loonwaarde_percentage),
            ),
        ),
        reason(
            "duration",
            long_enough,
            t(
                "Het dienstverband duurt minstens {months} maanden: {value}.",
                months=min_months,
                value=long_enough,
            ),
        ),
    ]


def evaluate_loondispensatie(ctx: Context, year: int) -> InstrumentYear:
    ctx.begin()
    ctx.legal(WAJONG)
    s = ctx.s
    reasons = list(ctx.once("loondispensatie_conditions", lambda: loondispensatie_conditions(ctx)))
    span = ctx.employed_in(year)
    if any(r.met is False for r in reasons) or span is None:
        return result(ctx, code=LOONDISPENSATIE, year=year, applies=False, reasons=reasons)
    assert s.loonwaarde_percentage is not None
    factor = ctx.holiday_factor(reference_day(ctx, year))
    lw = percent(s.loonwaarde_percentage)
    allowed = ctx.functieloon_cents * lw
    hours = ctx.hours(*span)
    amount = round_half_up(hours * ctx.functieloon_cents * (1 - lw) * factor)
    reasons.append(
        reason(
            "saving",
            None,
            t(
                "U mag {lw}% van het loon betalen: {allowed} in plaats van {full} per uur. Over {hours} uur, met vakantiebijslag, scheelt dat {amount}. UWV vult het inkomen van de werknemer aan.",
                lw=s.loonwaarde_percentage,
                allowed=ExactCents(allowed),
                full=Money(ctx.functieloon_cents),
                hours=hours,
                amount=Money(amount),
            ),
        )
    )
    return result(
        ctx,
        code=LOONDISPENSATIE,
        year=year,
        applies=amount > 0,
        reasons=reasons,
        amount=amount,
        kind=AmountKind.SAVING,
    )
