"""Lage-inkomensvoordeel (LIV, 2017–2024) and jeugd-LIV (2018–2023), Wtl hoofdstuk 3.

LIV: at least 1.248 paid hours in the calendar year at this employer and an
average hourly wage (with 8% holiday allowance) inside a band; an amount per
paid hour up to a yearly cap; hours up to the aangiftetijdvak in which the AOW
age is reached (art. 3.1 lid 2). Jeugd-LIV: for the ages in the year's table
(age on 31 December of the year before), average hourly wage inside the band
for that age; no minimum number of hours. Both are paid automatically from the
loonaangifte; no request is needed.
"""

from __future__ import annotations

import datetime as dt

from werkpunt.rules.context import Context
from werkpunt.rules.i18n import t
from werkpunt.rules.instruments.base import reason, result
from werkpunt.rules.money import ExactCents, Fraction, Money, cents, round_half_up
from werkpunt.rules.outcome import AmountKind, InstrumentYear

LIV = "liv"
JEUGD_LIV = "jeugd_liv"
WTL = "https://wetten.overheid.nl/BWBR0037522"


def average_hourly_wage(ctx: Context, day: dt.date) -> Fraction:
    """Average hourly wage in cents including holiday allowance (a constant wage is assumed)."""
    return ctx.hourly_wage_cents * ctx.holiday_factor(day)


def evaluate_liv(ctx: Context, year: int) -> InstrumentYear:
    ctx.begin()
    ctx.legal(f"{WTL}/{min(year, 2024)}-01-01#Artikel3.1")
    abolished = ctx.fact("liv_afgeschaft_vanaf")
    if dt.date(year, 1, 1) >= abolished:
        why = t("Het LIV bestaat niet meer sinds {date}.", date=abolished)
        return result(
            ctx, code=LIV, year=year, applies=False, reasons=[reason("abolished", False, why)]
        )
    first = dt.date(year, 1, 1)
    # The 1.248-hour test counts the whole year; the amount only the hours up to
    # the aangiftetijdvak in which the AOW age is reached.
    year_hours = ctx.hours_in(year)
    hours = ctx.hours_in(year, first, min(dt.date(year, 12, 31), ctx.aow_last_day))
    minimum = Fraction(ctx.value("liv_minimum_uren", first))
    average = average_hourly_wage(ctx, first)
    reasons = [
        reason(
            "min_hours",
            year_hours >= minimum,
            t(
                "Verloonde uren in {year}: {hours}; nodig is minstens {minimum}.",
                year=str(year),
                hours=year_hours,
                minimum=minimum,
            ),
        )
    ]
    if ctx.aow_last_day < dt.date(year, 12, 31):
        reasons.append(
            reason(
                "aow_end",
                None,
                t(
                    "Voor het bedrag tellen alleen de uren tot en met de maand waarin de werknemer de AOW-leeftijd bereikt ({date}).",
                    date=ctx.aow_date,
                ),
            )
        )
    band = None
    for row in ctx.value("liv_banden", first):
        if cents(row["ondergrens"]) <= average <= cents(row["bovengrens"]):
            band = row
            break
    bands = ctx.value("liv_banden", first)
    reasons.append(
        reason(
            "wage_band",
            band is not None,
            t(
                "Gemiddeld uurloon met vakantiebijslag: {wage}; dat moet liggen tussen {low} en {high}.",
                wage=ExactCents(average),
                low=Money(cents(bands[0]["ondergrens"])),
                high=Money(cents(bands[-1]["bovengrens"])),
            ),
        )
    )
    if band is None or year_hours < minimum or hours == 0:
        return result(ctx, code=LIV, year=year, applies=False, reasons=reasons)
    per_hour = cents(band["per_uur"])
    cap = cents(band["max_per_jaar"])
    raw = round_half_up(hours * per_hour)
    amount = min(raw, cap)
    reasons.append(
        reason(
            "amount",
            None,
            t(
                "{hours} uur × {rate} = {raw}; maximaal {cap} per jaar.",
                hours=hours,
                rate=Money(per_hour),
                raw=Money(raw),
                cap=Money(cap),
            ),
        )
    )
    return result(
        ctx,
        code=LIV,
        year=year,
        applies=amount > 0,
        reasons=reasons,
        amount=amount,
        kind=AmountKind.PAYMENT,
    )


def evaluate_jeugd_liv(ctx: Context, year: int) -> InstrumentYear:
    ctx.begin()
    ctx.legal(f"{WTL}/{min(year, 2023)}-01-01#Artikel3.3")
    abolished = ctx.fact("jeugd_liv_afgeschaft_vanaf")
    if dt.date(year, 1, 1) >= abolished:
        why = t("Het jeugd-LIV bestaat niet meer sinds {date}.", date=abolished)
        return result(
            ctx, code=JEUGD_LIV, year=year, applies=False, reasons=[reason("abolished", False, why)]
        )
    first = dt.date(year, 1, 1)
    age = ctx.age_on(dt.date(year - 1, 12, 31))
    rates = {row["leeftijd"]: row for row in ctx.value("jeugd_liv_bedragen", first)}
    bands = {row["leeftijd"]: row for row in ctx.value("jeugd_liv_banden", first)}
    ages = sorted(set(rates) & set(bands))
    reasons = [
        reason(
            "age",
            age in ages,
            t(
                "Leeftijd op 31 december van het jaar ervoor: {age}; het jeugd-LIV geldt voor {ages} jaar.",
                age=age,
                ages=", ".join(str(a) for a in ages),
            ),
        )
    ]
    if age not in ages:
        return result(ctx, code=JEUGD_LIV, year=year, applies=False, reasons=reasons)
    average = average_hourly_wage(ctx, first)
    low, high = cents(bands[age]["ondergrens"]), cents(bands[age]["bovengrens"])
    in_band = low <= average <= high
    reasons.append(
        reason(
            "wage_band",
            in_band,
            t(
                "Gemiddeld uurloon met vakantiebijslag: {wage}; voor {age} jaar moet dat liggen tussen {low} en {high}.",
                wage=ExactCents(average),
                age=age,
                low=Money(low),
                high=Money(high),
            ),
        )
    )
    hours = ctx.hours_in(year)
    if not in_band or hours == 0:
        return result(ctx, code=JEUGD_LIV, year=year, applies=False, reasons=reasons)
    per_hour = cents(rates[age]["per_uur"])
    cap = cents(rates[age]["max_per_jaar"])
    raw = round_half_up(hours * per_hour)
    amount = min(raw, cap)
    reasons.append(
        reason(
            "amount",
            None,
            t(
                "{hours} uur × {rate} = {raw}; maximaal {cap} per jaar.",
                hours=hours,
                rate=Money(per_hour),
                raw=Money(raw),
                cap=Money(cap),
            ),
        )
    )
    return result(
        ctx,
        code=JEUGD_LIV,
        year=year,
        applies=amount > 0,
        reasons=reasons,
        amount=amount,
        kind=AmountKind.PAYMENT,
    )
