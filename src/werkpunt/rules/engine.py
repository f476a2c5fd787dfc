"""The engine: a situation in, an outcome per calendar year out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from werkpunt.rules.actions import derive_actions
from werkpunt.rules.context import Context
from werkpunt.rules.dates import today
from werkpunt.rules.instruments import liv, lks, lkv, werk, ziekte
from werkpunt.rules.outcome import InstrumentYear, Outcome, YearOutcome
from werkpunt.rules.params import ParameterSet, default_parameters
from werkpunt.rules.situation import Situation

#: The first calendar year Werkpunt computes.
FIRST_YEAR = 2019
#: How many years after the current one the outcome looks ahead.
YEARS_AHEAD = 4

YearRule = Callable[[Context, int], InstrumentYear]

#: The instruments after the four LKV kinds, in the order the outcome lists them.
YEAR_RULES: tuple[tuple[str, YearRule], ...] = (
    (liv.LIV, liv.evaluate_liv),
    (liv.JEUGD_LIV, liv.evaluate_jeugd_liv),
    (lks.LKS, lks.evaluate_lks),
    (lks.LOONDISPENSATIE, lks.evaluate_loondispensatie),
    (ziekte.NO_RISKPOLIS, ziekte.evaluate_no_riskpolis),
    (ziekte.COMPENSATIEREGELING, ziekte.evaluate_compensatieregeling),
    (werk.PROEF_UWV, werk.evaluate_proefplaatsing_uwv),
    (werk.PROEF_GEMEENTE, werk.evaluate_proefplaatsing_gemeente),
    (werk.JOBCOACH, werk.evaluate_jobcoach),
    (werk.PRAKTIJKLEREN, werk.evaluate_praktijkleren),
    (werk.WW_PREMIE, werk.evaluate_ww_premie),
    (ziekte.TRANSITIEVERGOEDING, ziekte.evaluate_transitievergoeding),
)

#: Every instrument code, in outcome order.
INSTRUMENT_CODES: tuple[str, ...] = (*lkv.CODES, *(code for code, _ in YEAR_RULES))


def outcome_years(situation: Situation, as_of: dt.date) -> range:
    """From the start year (2019 at the earliest) to the end of the employment or
    the fourth year after the current one, whichever comes first."""
    first = max(situation.start_date.year, FIRST_YEAR)
    last = as_of.year + YEARS_AHEAD
    if situation.end_date is not None:
        last = min(last, situation.end_date.year)
    return range(first, max(first, last) + 1)


def evaluate(
    situation: Situation, *, params: ParameterSet | None = None, as_of: dt.date | None = None
) -> Outcome:
    """Compute the outcome of one situation.

    ``as_of`` (else ``situation.as_of``, else today) only decides how far ahead
    the years run; the rules themselves depend on the dates in the situation.
    """
    params = params or default_parameters()
    as_of = as_of or situation.as_of or today()
    ctx = Context(situation, params)
    years = outcome_years(situation, as_of)
    plans, lkv_years = lkv.evaluate(ctx, years)
    outcome_years_list = []
    for year in years:
        items = list(lkv_years[year])
        items.extend(rule(ctx, year) for _, rule in YEAR_RULES)
        outcome_years_list.append(YearOutcome(year, items))
    actions = derive_actions(ctx, outcome_years_list, plans)
    return Outcome(situation=situation, as_of=as_of, years=outcome_years_list, actions=actions)
