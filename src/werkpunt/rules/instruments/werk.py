"""Proefplaatsing (UWV and gemeente), jobcoach, praktijkleren and the WW-premie.

Proefplaatsing and jobcoach have no amount Werkpunt can compute (jobcoach
tariffs are not published in a source we can cite); the outcome says whether
they are possible and what to do. Praktijkleren is a maximum per study year.
The WW-premie saving is the difference between the high and the low premium
over the wage with holiday allowance.
"""

from __future__ import annotations

import datetime as dt

from werkpunt.rules.context import Context
from werkpunt.rules.dates import add_months, period_end
from werkpunt.rules.i18n import t
from werkpunt.rules.instruments.base import reason, result
from werkpunt.rules.money import ExactCents, Fraction, Money, cents, percent, round_half_up
from werkpunt.rules.outcome import AmountKind, InstrumentYear, Reason
from werkpunt.rules.situation import (
    BENEFIT_NAMES,
    DISABILITY_BENEFITS,
    MUNICIPAL_BENEFITS,
    Benefit,
    Contract,
)

PROEF_UWV = "proefplaatsing_uwv"
PROEF_GEMEENTE = "proefplaatsing_gemeente"
JOBCOACH = "jobcoach"
PRAKTIJKLEREN = "praktijkleren"
WW_PREMIE = "ww_premiedifferentiatie"

UWV_PROEF_BENEFITS = DISABILITY_BENEFITS | {Benefit.WW, Benefit.WAJONG, Benefit.ZIEKTEWET}
PROEF_URL = "https://zoek.officielebekendmakingen.nl/stcrt-2012-25702.html"
JOBCOACH_URL = "https://wetten.overheid.nl/BWBR0019057"
PRAKTIJKLEREN_URL = "https://wetten.overheid.nl/BWBR0034925"
WFSV_URL = "https://wetten.overheid.nl/BWBR0017745/2026-01-01#Artikel27"


def _long_enough(ctx: Context, months: int) -> bool:
    s = ctx.s
    return s.end_date is None or s.end_date >= period_end(s.start_date, months=months)


def proefplaatsing_uwv_conditions(ctx: Context) -> list[Reason]:
    s = ctx.s
    contract_months = ctx.value("proefplaatsing_contract_min_maanden", s.start_date)
    conditions = [
        reason(
            "uwv_benefit",
            s.benefit in UWV_PROEF_BENEFITS,
            t(
                "De werknemer heeft een uitkering van UWV (WW, WIA, WAO, WAZ, Wajong of Ziektewet): {benefit}.",
                benefit=BENEFIT_NAMES[s.benefit],
            ),
        ),
        reason(
            "contract_after",
            _long_enough(ctx, contract_months),
            t(
                "U wilt daarna een contract geven van minstens {months} maanden: {value}.",
                months=contract_months,
                value=_long_enough(ctx, contract_months),
            ),
        ),
    ]
    if s.benefit == Benefit.WW:
        min_months = ctx.value("proefplaatsing_ww_min_maanden", s.start_date)
        benefit_start = s.start_date - dt.timedelta(weeks=s.benefit_weeks)
        long_unemployed = benefit_start <= add_months(s.start_date, -min_months)
        conditions.append(
            reason(
                "ww_three_months",
                long_unemployed,
                t(
                    "Met WW: minstens {months} maanden werkloos ({weeks} weken). Jonger dan 27 zonder startkwalificatie mag het eerder.",
                    months=min_months,
                    weeks=s.benefit_weeks,
                ),
            )
        )
    return conditions


def evaluate_proefplaatsing_uwv(ctx: Context, year: int) -> InstrumentYear:
    ctx.begin()
    ctx.legal(PROEF_URL)
    reasons = list(ctx.once("proefplaatsing_uwv", lambda: proefplaatsing_uwv_conditions(ctx)))
    months = ctx.value("proefplaatsing_uwv_maanden", ctx.s.start_date)
    maximum = ctx.value("proefplaatsing_uwv_max_maanden", ctx.s.start_date)
    reasons.append(
        reason(
            "what",
            None,
            t(
                "De kandidaat werkt {months} maanden (ten hoogste {maximum}) bij u met behoud van uitkering. U betaalt geen loon en er is daarna geen proeftijd.",
                months=months,
                maximum=maximum,
            ),
        )
    )
    applies = year == ctx.s.start_date.year and all(r.met is not False for r in reasons)
    return result(ctx, code=PROEF_UWV, year=year, applies=applies, reasons=reasons)


def gemeente_months(ctx: Context) -> int | None:
    if ctx.s.municipality is None:
        return None
    table: dict[str, int | None] = ctx.value("proefplaatsing_gemeente_maanden", ctx.s.start_date)
    return table.get(ctx.s.municipality.value)


def evaluate_proefplaatsing_gemeente(ctx: Context, year: int) -> InstrumentYear:
    ctx.begin()
    ctx.legal("https://wetten.overheid.nl/BWBR0015703")
    s = ctx.s
    reasons = [
        reason(
            "municipal_benefit",
            s.benefit in MUNICIPAL_BENEFITS,
            t(
                "De werknemer heeft een uitkering van de gemeente (bijstand, IOAW of IOAZ): {benefit}.",
                benefit=BENEFIT_NAMES[s.benefit],
            ),
        )
    ]
    months = gemeente_months(ctx)
    if s.municipality is None:
        reasons.append(
            reason(
                "municipality",
                None,
                t("Kies de gemeente; elke gemeente heeft eigen regels voor een proefplaatsing."),
            )
        )
    elif months is None:
        reasons.append(
            reason(
                "duration_unknown",
                None,
                t(
                    "De gemeente bepaalt hoe lang de proefplaatsing duurt. Vraag het uw contactpersoon."
                ),
            )
        )
    else:
        reasons.append(
            reason("duration", None, t("De proefplaatsing duurt {months} maanden.", months=months))
        )
    applies = year == s.start_date.year and s.benefit in MUNICIPAL_BENEFITS
    return result(ctx, code=PROEF_GEMEENTE, year=year, applies=applies, reasons=reasons)


def jobcoach_route(ctx: Context) -> str | None:
    """'uwv', 'gemeente' or None."""
    s = ctx.s
    if s.benefit in MUNICIPAL_BENEFITS or s.benefit == Benefit.NONE:
        lks_group = s.loonwaarde_percentage is not None and s.loonwaarde_percentage < 100
        return "gemeente" if (s.doelgroepregister or lks_group) else None
    if s.benefit in DISABILITY_BENEFITS or s.benefit == Benefit.WAJONG or s.doelgroepregister:
        return "uwv"
    return None


def evaluate_jobcoach(ctx: Context, year: int) -> InstrumentYear:
    ctx.begin()
    ctx.legal(JOBCOACH_URL)
    s = ctx.s
    route = jobcoach_route(ctx)
    reasons = [
        reason(
            "group",
            route is not None,
            t(
                "Een jobcoach is er voor mensen met een arbeidsbeperking: Wajong, WIA, WAO, WAZ, het doelgroepregister of loonkostensubsidie."
            ),
        )
    ]
    span = ctx.employed_in(year)
    if route is None or span is None:
        return result(ctx, code=JOBCOACH, year=year, applies=False, reasons=reasons)
    if route == "uwv":
        day = max(s.start_date, dt.date(year, 1, 1))
        min_months = ctx.value("jobcoach_intern_min_maanden", day)
        min_hours = Fraction(ctx.value("jobcoach_intern_min_uren_per_week", day))
        min_share = percent(ctx.value("jobcoach_intern_min_loon_percentage_wml", day))
        wage_ok = ctx.hourly_wage_cents >= min_share * ctx.wml_hour_cents(day)
        internal = _long_enough(ctx, min_months) and ctx.hours_per_week() >= min_hours and wage_ok
        reasons.append(
            reason(
                "route_uwv",
                None,
                t(
                    "UWV regelt de jobcoach. De werknemer vraagt die aan; UWV beslist binnen 8 weken."
                ),
            )
        )
        reasons.append(
            reason(
                "internal_possible",
                None,
                t(
                    "Een eigen (interne) jobcoach kan als het contract minstens {months} maanden duurt, minstens {hours} uur per week en het loon minstens {share}% van het minimumloon is: {value}.",
                    months=min_months,
                    hours=min_hours,
                    share=ctx.value("jobcoach_intern_min_loon_percentage_wml", day),
                    value=internal,
                ),
            )
        )
        norms: dict[str, object] = ctx.value("jobcoach_uren_norm", day)
        index = str(year - s.start_date.year + 1)
        if index in norms:
            reasons.append(
                reason(
                    "hours_norm",
                    None,
                    t(
                        "Begeleiding in jaar {index} na de start: ten hoogste {share}% van de werkuren.",
                        index=index,
                        share=norms[index],
                    ),
                )
            )
    else:
        reasons.append(
            reason(
                "route_gemeente",
                None,
                t("De gemeente regelt de jobcoach volgens haar eigen regels."),
            )
        )
    reasons.append(
        reason(
            "amount_unknown",
            None,
            t(
                "Het bedrag hangt af van de afspraken met UWV of de gemeente; Werkpunt rekent het niet uit."
            ),
        )
    )
    return result(ctx, code=JOBCOACH, year=year, applies=True, reasons=reasons)


def study_year(year: int) -> tuple[dt.date, dt.date]:
    """The study year that ends on 31 July of ``year``."""
    return dt.date(year - 1, 8, 1), dt.date(year, 7, 31)


def evaluate_praktijkleren(ctx: Context, year: int) -> InstrumentYear:
    ctx.begin()
    ctx.legal(PRAKTIJKLEREN_URL)
    s = ctx.s
    first, last = study_year(year)
    reasons = [
        reason(
            "bbl",
            s.bbl_student,
            t(
                "De werknemer volgt een bbl-opleiding (leren en werken): {value}.",
                value=s.bbl_student,
            ),
        )
    ]
    ends = ctx.fact("praktijkleren_laatste_studiejaar_eindigt")
    if last > ends:
        reasons.append(
            reason(
                "scheme_ends",
                False,
                t("De regeling loopt tot en met het studiejaar dat eindigt op {date}.", date=ends),
            )
        )
    overlap = s.start_date <= last and (s.end_date is None or s.end_date >= first)
    reasons.append(
        reason(
            "study_year",
            overlap,
            t(
                "De werknemer werkte in het studiejaar {first} tot en met {last}: {value}.",
                first=first,
                last=last,
                value=overlap,
            ),
        )
    )
    if any(r.met is False for r in reasons):
        return result(ctx, code=PRAKTIJKLEREN, year=year, applies=False, reasons=reasons)
    amount = cents(ctx.value("praktijkleren_max_per_plaats", last))
    reasons.append(
        reason(
            "maximum",
            None,
            t(
                "Ten hoogste {amount} per leerplaats per studiejaar, als u een erkend leerbedrijf bent. Het bedrag kan lager zijn als veel bedrijven aanvragen of de leerplaats korter duurde.",
                amount=Money(amount),
            ),
        )
    )
    return result(
        ctx,
        code=PRAKTIJKLEREN,
        year=year,
        applies=True,
        reasons=reasons,
        amount=amount,
        kind=AmountKind.MAXIMUM,
    )


def low_premium_reason(ctx: Context, day: dt.date) -> tuple[bool, list[Reason]]:
    s = ctx.s
    max_hours = Fraction(ctx.value("awf_laag_jongeren_max_uren_per_maand", day))
    young_small = ctx.age_on(day) < 21 and ctx.hours_per_week() * 52 / 12 <= max_hours
    open_ended = s.contract == Contract.OPEN_ENDED
    reasons = [
        reason(
            "open_ended",
            open_ended,
            t(
                "Vast contract (schriftelijk, voor onbepaalde tijd, geen oproepcontract): {value}.",
                value=open_ended,
            ),
        ),
    ]
    if s.bbl_student:
        reasons.append(reason("bbl", True, t("Voor een bbl-leerling geldt altijd de lage premie.")))
    if young_small:
        reasons.append(
            reason(
                "young_small",
                True,
                t(
                    "Jonger dan 21 en ten hoogste {hours} uur per maand: de lage premie geldt.",
                    hours=max_hours,
                ),
            )
        )
    return open_ended or s.bbl_student or young_small, reasons


def evaluate_ww_premie(ctx: Context, year: int) -> InstrumentYear:
    ctx.begin()
    ctx.legal(WFSV_URL)
    first_rates = ctx.params["awf_premie"].entries[0].start
    if year < first_rates.year:
        why = t("De lage en hoge WW-premie bestaan sinds {date}.", date=first_rates)
        return result(
            ctx, code=WW_PREMIE, year=year, applies=False, reasons=[reason("not_yet", False, why)]
        )
    span = ctx.employed_in(year)
    day = max(ctx.s.start_date, dt.date(year, 1, 1))
    low, reasons = low_premium_reason(ctx, day)
    if not low or span is None:
        return result(ctx, code=WW_PREMIE, year=year, applies=False, reasons=reasons)
    rates = ctx.value("awf_premie", day)[0]
    difference = percent(rates["hoog"]) - percent(rates["laag"])
    wage = ctx.hours(*span) * ctx.hourly_wage_cents * ctx.holiday_factor(day)
    amount = round_half_up(wage * difference)
    reasons.append(
        reason(
            "saving",
            None,
            t(
                "U betaalt {low}% WW-premie in plaats van {high}%. Over een loon van {wage} (met vakantiebijslag) scheelt dat {amount}.",
                low=rates["laag"],
                high=rates["hoog"],
                wage=ExactCents(wage),
                amount=Money(amount),
            ),
        )
    )
    return result(
        ctx,
        code=WW_PREMIE,
        year=year,
        applies=amount > 0,
        reasons=reasons,
        amount=amount,
        kind=AmountKind.SAVING,
    )
