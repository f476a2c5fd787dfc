"""From a placement to a ``werkpunt.rules`` situation, and from rules actions to deadlines.

A placement stores only the answers the rules need *beyond* the placement's own fields
(:data:`EXTRA_FIELDS`: benefit, indications, loonwaarde, ...) in ``Placement.situation``.
The fields the placement already has (birth date of the worker, start and end, hours,
wage, contract, the worker's municipality) are filled in from the placement every time
(:func:`situation_for`), so they can never disagree.

Which actions become deadlines (:func:`action_selected`):

- actions of the contract itself (instrument ``arbeidsovereenkomst``: aanzegging, end of
  a fixed-term contract and the chain rule) always, while the placement runs;
- the yearly Wet tegemoetkomingen loondomein actions (voorlopige berekening, correction
  before 1 May, beschikking, payment) when any LKV, LIV or jeugd-LIV was chosen, because
  the rules give them one instrument code for all of these together;
- every other action when its instrument was chosen. ``lkv`` stands for the four LKV
  kinds and ``proefplaatsing`` for both kinds of proefplaatsing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from werkpunt.placements.models import ContractKind
from werkpunt.rules import INSTRUMENT_CODES, Action, Situation, parse_situation

if TYPE_CHECKING:
    from werkpunt.placements.models import Placement

#: The pseudo-instrument of the contract's own actions (aanzeggen, einde, ketenregeling).
CONTRACT_INSTRUMENT = "arbeidsovereenkomst"

#: The four LKV kinds.
LKV_CODES = frozenset(code for code in INSTRUMENT_CODES if code.startswith("lkv_"))
#: Paid through the Wet tegemoetkomingen loondomein, with shared yearly actions.
WTL_CODES = LKV_CODES | {"liv", "jeugd_liv"}
WTL_YEARLY_ACTIONS = frozenset(
    {
        "voorlopige_berekening_ontvangen",
        "loonaangifte_corrigeren",
        "beschikking_ontvangen",
        "uitbetaling",
    }
)
#: Short codes that stand for a group of rules instruments.
ALIASES: dict[str, frozenset[str]] = {
    "lkv": LKV_CODES,
    "proefplaatsing": frozenset({"proefplaatsing_uwv", "proefplaatsing_gemeente"}),
}
#: Codes accepted in ``Placement.instruments``.
KNOWN_INSTRUMENTS = frozenset(INSTRUMENT_CODES) | frozenset(ALIASES)

#: Situation fields that come from the placement and its worker, never from ``situation``.
PLACEMENT_FIELDS = frozenset(
    {
        "birth_date",
        "start_date",
        "end_date",
        "hours_per_week",
        "hours_per_year",
        "hourly_wage",
        "contract",
        "municipality",
        "as_of",
    }
)
#: The answers a placement keeps in ``Placement.situation``.
EXTRA_FIELDS = (
    "benefit",
    "benefit_weeks",
    "doelgroepregister",
    "scholingsbelemmerd",
    "wia_rejected_within_5_years",
    "herplaatsing",
    "wsw_indicatie",
    "bbl_student",
    "employed_by_employer_last_6_months",
    "loonwaarde_percentage",
    "cao_hourly_wage",
    "fulltime_hours_per_week",
)
#: What stays of ``Placement.situation`` after anonymisation: nothing about the person.
#: The worker's municipality stays on the Worker row (counts per municipality).
KEPT_AFTER_ANONYMISATION: tuple[str, ...] = ()


def expand_instruments(codes: Iterable[str]) -> frozenset[str]:
    """The rules instrument codes behind the chosen codes (aliases resolved)."""
    result: set[str] = set()
    for code in codes:
        result |= ALIASES.get(code, {code})
    return frozenset(result)


def action_selected(
    action: Action, chosen: Iterable[str], *, contract_running: bool = True
) -> bool:
    """Does this action become a deadline for a placement with these instruments?"""
    if action.instrument == CONTRACT_INSTRUMENT:
        return contract_running
    expanded = expand_instruments(chosen)
    if action.code in WTL_YEARLY_ACTIONS:
        return bool(expanded & WTL_CODES)
    return action.instrument in expanded


def situation_contract(kind: str, end_date: dt.date | None) -> str:
    """The rules' ``contract`` for a placement's contract kind."""
    if kind == ContractKind.FIXED:
        return "fixed_term"
    if kind == ContractKind.OPEN_ENDED:
        return "open_ended"
    return "fixed_term" if end_date is not None else "open_ended"


def cents_to_euros(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def extras_only(situation: Mapping[str, Any]) -> dict[str, Any]:
    """The answers that are not placement fields, empty ones left out."""
    return {
        name: value
        for name, value in situation.items()
        if name not in PLACEMENT_FIELDS and value is not None and value != ""
    }


def compose(
    *,
    extras: Mapping[str, Any],
    birth_date: dt.date | None,
    start_date: dt.date,
    end_date: dt.date | None,
    hours_per_week: Decimal,
    hourly_wage_cents: int,
    contract: str,
    municipality: str,
) -> dict[str, Any]:
    """A full situation (JSON form) from the answers and the placement's own fields."""
    data: dict[str, Any] = dict(extras_only(extras))
    data.update(
        {
            "birth_date": birth_date.isoformat() if birth_date else None,
            "start_date": start_date.isoformat(),
            "end_date": end_date.isoformat() if end_date else None,
            "hours_per_week": str(hours_per_week),
            "hourly_wage": cents_to_euros(hourly_wage_cents),
            "contract": situation_contract(contract, end_date),
        }
    )
    if municipality:
        data["municipality"] = municipality
    return data


def effective_end(placement: Placement) -> dt.date | None:
    """The last day the placement runs: the day it stopped, or else the contract's end."""
    end = placement.end_date
    if placement.ended_on is not None and (end is None or placement.ended_on < end):
        return placement.ended_on
    return end


def situation_for(placement: Placement) -> dict[str, Any]:
    """The situation (JSON form) of a placement as it stands, for ``parse_situation``."""
    worker = placement.worker
    return compose(
        extras=placement.situation or {},
        birth_date=worker.birth_date,
        start_date=placement.start_date,
        end_date=effective_end(placement),
        hours_per_week=placement.hours_per_week,
        hourly_wage_cents=placement.hourly_wage_cents,
        contract=placement.contract,
        municipality=worker.municipality,
    )


def parsed_situation_for(placement: Placement) -> Situation:
    """The validated situation; raises :class:`werkpunt.rules.SituationError`."""
    return parse_situation(situation_for(placement))
