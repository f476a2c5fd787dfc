"""Shared helpers for instrument modules."""

from __future__ import annotations

from werkpunt.rules.context import Context
from werkpunt.rules.i18n import Text
from werkpunt.rules.money import Money
from werkpunt.rules.outcome import AmountKind, InstrumentYear, Reason


def reason(code: str, met: bool | None, text: Text) -> Reason:
    return Reason(code, met, text)


def result(
    ctx: Context,
    *,
    code: str,
    year: int,
    applies: bool,
    reasons: list[Reason],
    amount: int | None = None,
    kind: AmountKind | None = None,
    provisional: bool = False,
) -> InstrumentYear:
    """Build an instrument-year; provisional when any parameter used was."""
    return InstrumentYear(
        code=code,
        year=year,
        applies=applies,
        amount=Money(amount) if amount is not None and applies else None,
        provisional=applies and (provisional or ctx.used_provisional),
        amount_kind=kind if applies and amount is not None else None,
        reasons=reasons,
        sources=tuple(ctx.sources),
    )


def all_met(reasons: list[Reason]) -> bool:
    return all(r.met is not False for r in reasons)
