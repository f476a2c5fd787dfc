"""Regelingen as code: the employer instruments, pure Python without Django.

Public surface::

    from werkpunt.rules import parse_situation, evaluate, to_json, to_text
    outcome = evaluate(parse_situation({...}))

Parameters live as YAML under ``parameters/``; see ``docs/rules.md``.
"""

from werkpunt.rules.engine import INSTRUMENT_CODES, evaluate, outcome_years
from werkpunt.rules.outcome import Action, AmountKind, InstrumentYear, Outcome, YearOutcome
from werkpunt.rules.params import (
    ParameterError,
    ParameterSet,
    default_parameters,
    load_directory,
    staleness,
)
from werkpunt.rules.render import instrument_name, to_json, to_text
from werkpunt.rules.situation import (
    Benefit,
    Contract,
    Municipality,
    Situation,
    SituationError,
    parse_situation,
)

__all__ = [
    "INSTRUMENT_CODES",
    "Action",
    "AmountKind",
    "Benefit",
    "Contract",
    "InstrumentYear",
    "Municipality",
    "Outcome",
    "ParameterError",
    "ParameterSet",
    "Situation",
    "SituationError",
    "YearOutcome",
    "default_parameters",
    "evaluate",
    "instrument_name",
    "load_directory",
    "outcome_years",
    "parse_situation",
    "staleness",
    "to_json",
    "to_text",
]
