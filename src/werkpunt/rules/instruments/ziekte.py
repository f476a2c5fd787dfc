"""No-riskpolis (Ziektewet art. 29b), the compensatieregeling for older workers
(Ziektewet art. 29d) and the compensation of the transitievergoeding (BW 7:673e).

None of these pays a fixed amount: they cover costs when a worker is ill or is
dismissed after long illness. The outcome says whether the cover exists in a
year and until when.
"""

from __future__ import annotations

import datetime as dt

from werkpunt.rules.context import Context
from werkpunt.rules.dates import period_end
from werkpunt.rules.i18n import t
from werkpunt.rules.instruments.base import reason, result
from werkpunt.rules.outcome import InstrumentYear, Reason
from werkpunt.rules.situation import DISABILITY_BENEFITS, MUNICIPAL_BENEFITS, Benefit

NO_RISKPOLIS = "no_riskpolis"
COMPENSATIEREGELING = "compensatieregeling_oudere_werknemers"
TRANSITIEVERGOEDING = "compensatie_transitievergoeding"
ZW = "https://wetten.overheid.nl/BWBR0001888/2025-01-01#Artikel29b"
ZW_29D = "https://wetten.overheid.nl/BWBR0001888"
BW = "https://wetten.overheid.nl/BWBR0005290"


def no_risk_groups(ctx: Context) -> tuple[list[Reason], bool, bool]:
    """Reasons, whether the worker is in an open-ended group, and in a five-year group."""
    s = ctx.s
    lks_group = (
        (s.benefit in MUNICIPAL_BENEFITS or s.benefit == Benefit.NONE)
        and s.loonwaarde_percentage is not None
        and s.loonwaarde_percentage < 100
    )
    open_ended = s.benefit == Benefit.WAJONG or s.wsw_indicatie or s.doelgroepregister or lks_group
    five_years = (
        s.benefit in DISABILITY_BENEFITS or s.wia_rejected_within_5_years or s.scholingsbelemmerd
    )
    reasons = [
        reason(
            "open_ended_group",
            open_ended,
            t(
                "Wajong ({wajong}), Wsw-indicatie ({wsw}), doelgroepregister ({register}) of loonkostensubsidie met een loonwaarde onder het minimumloon ({lks}): de polis geldt zolang de werknemer bij u werkt.",
                wajong=s.benefit == Benefit.WAJONG,
                wsw=s.wsw_indicatie,
                register=s.doelgroepregister,
                lks=lks_group,
            ),
        ),
        reason(
            "five_year_group",
            five_years,
            t(
                "WIA-, WAO- of WAZ-uitkering ({disability}), WIA-keuring onder 35% ({rejected}) of scholingsbelemmerd ({school}): de polis geldt 5 jaar.",
                disability=s.benefit in DISABILITY_BENEFITS,
                rejected=s.wia_rejected_within_5_years,
                school=s.scholingsbelemmerd,
            ),
        ),
    ]
    return reasons, open_ended, five_years


def no_risk_last_day(ctx: Context) -> tuple[bool, dt.date | None]:
    """Whether the polis applies, and its last day (None: as long as the job lasts)."""
    _, open_ended, five_years = no_risk_groups(ctx)
    if open_ended:
        return True, None
    if five_years:
        years = ctx.value("no_riskpolis_jaren", ctx.s.start_date)
        return True, period_end(ctx.s.start_date, years=years)
    return False, None


def evaluate_no_riskpolis(ctx: Context, year: int) -> InstrumentYear:
    ctx.begin()
    ctx.legal(ZW)
    groups, _, _ = ctx.once("no_risk_groups", lambda: no_risk_groups(ctx))
    reasons = list(groups)
    applies, last = ctx.once("no_risk_last_day", lambda: no_risk_last_day(ctx))
    if not applies:
        return result(ctx, code=NO_RISKPOLIS, year=year, applies=False, reasons=reasons)
    span = ctx.clip(year, dt.date(year, 1, 1), last or dt.date(year, 12, 31))
    if last is not None:
        reasons.append(
            reason(
                "term", span is not None, t("De no-riskpolis loopt tot en met {date}.", date=last)
            )
        )
    reasons.append(
        reason(
            "what_it_pays",
            None,
            t(
                "Is de werknemer ziek? Dan betaalt UWV een Ziektewet-uitkering (70% van het dagloon, in het eerste jaar op verzoek tot 100%). U verrekent die met het loon dat u doorbetaalt."
            ),
        )
    )
    return result(ctx, code=NO_RISKPOLIS, year=year, applies=span is not None, reasons=reasons)


def compensatieregeling_window(ctx: Context) -> tuple[list[Reason], dt.date | None]:
    s = ctx.s
    born_before = ctx.fact("compensatieregeling_geboren_voor")
    weeks = ctx.fact("compensatieregeling_ww_weken")
    first = ctx.fact("compensatieregeling_start_vanaf")
    last = ctx.fact("compensatieregeling_start_tot_en_met")
    reasons = [
        reason(
            "born_before",
            s.birth_date < born_before,
            t("Geboren vóór {date}: {value}.", date=born_before, value=s.birth_date < born_before),
        ),
        reason(
            "ww_weeks",
            s.benefit == Benefit.WW and s.benefit_weeks > weeks,
            t(
                "Direct voor de start langer dan {weeks} weken WW: {value} ({benefit_weeks} weken).",
                weeks=weeks,
                value=s.benefit == Benefit.WW and s.benefit_weeks > weeks,
                benefit_weeks=s.benefit_weeks,
            ),
        ),
        reason(
            "start_window",
            first <= s.start_date <= last,
            t(
                "Begonnen tussen {first} en {last}: {value}.",
                first=first,
                last=last,
                value=first <= s.start_date <= last,
            ),
        ),
    ]
    if any(r.met is False for r in reasons):
        return reasons, None
    return reasons, period_end(s.start_date, years=ctx.fact("compensatieregeling_jaren"))


def evaluate_compensatieregeling(ctx: Context, year: int) -> InstrumentYear:
    ctx.begin()
    ctx.legal(ZW_29D)
    window, last = ctx.once("compensatieregeling", lambda: compensatieregeling_window(ctx))
    reasons = list(window)
    if last is None:
        return result(ctx, code=COMPENSATIEREGELING, year=year, applies=False, reasons=reasons)
    span = ctx.clip(year, dt.date(year, 1, 1), last)
    reasons.append(
        reason(
            "cover",
            span is not None,
            t(
                "Ziekte die begint tot en met {date} is gedekt: na {weeks} weken ziekte betaalt UWV een Ziektewet-uitkering.",
                date=last,
                weeks=ctx.fact("compensatieregeling_wachttijd_weken"),
            ),
        )
    )
    return result(
        ctx, code=COMPENSATIEREGELING, year=year, applies=span is not None, reasons=reasons
    )


def evaluate_transitievergoeding(ctx: Context, year: int) -> InstrumentYear:
    ctx.begin()
    ctx.legal(BW)
    since = ctx.fact("transitievergoeding_compensatie_vanaf")
    months = ctx.fact("transitievergoeding_aanvraag_maanden")
    reasons = [
        reason(
            "only_after_long_illness",
            None,
            t(
                "Alleen als u de werknemer na 2 jaar ziekte ontslaat en een transitievergoeding betaalt. UWV vergoedt die dan (sinds {since}). Vraag dit aan binnen {months} maanden na de betaling.",
                since=since,
                months=months,
            ),
        )
    ]
    return result(ctx, code=TRANSITIEVERGOEDING, year=year, applies=False, reasons=reasons)
