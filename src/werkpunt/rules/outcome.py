"""The *outcome* of the rules: per year, per instrument, with reasons and actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from werkpunt.rules.i18n import Text
from werkpunt.rules.money import Money
from werkpunt.rules.situation import Situation


class AmountKind(StrEnum):
    """What an amount means for the employer."""

    PAYMENT = "payment"  # money the employer receives
    SAVING = "saving"  # costs the employer does not have (lower wage or premium)
    MAXIMUM = "maximum"  # at most this much; the real payment may be lower
    MINIMUM = "minimum"  # at least this much; part of the year is still unknown


class Actor(StrEnum):
    WERKGEVER = "werkgever"
    WERKNEMER = "werknemer"
    UWV = "uwv"
    GEMEENTE = "gemeente"
    BELASTINGDIENST = "belastingdienst"
    RVO = "rvo"


@dataclass(frozen=True, slots=True)
class Reason:
    """One checked condition (``met`` true/false) or an explanation (``met`` None)."""

    code: str
    met: bool | None
    text: Text


@dataclass(slots=True)
class InstrumentYear:
    code: str
    year: int
    applies: bool
    amount: Money | None
    provisional: bool
    amount_kind: AmountKind | None
    reasons: list[Reason]
    sources: tuple[str, ...]


@dataclass(slots=True)
class YearOutcome:
    year: int
    instruments: list[InstrumentYear]
    _by_code: dict[str, InstrumentYear] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_code = {item.code: item for item in self.instruments}

    @property
    def total(self) -> Money:
        return Money(sum(i.amount for i in self.instruments if i.applies and i.amount is not None))

    @property
    def provisional(self) -> bool:
        return any(i.provisional for i in self.instruments if i.applies)

    def instrument(self, code: str) -> InstrumentYear:
        return self._by_code[code]


@dataclass(frozen=True, slots=True)
class Action:
    """Something somebody must do, by a date where the rules give one."""

    code: str
    instrument: str
    due_date: dt.date | None
    actor: Actor
    where: Text
    what: Text
    amount_at_stake: Money | None = None
    provisional: bool = False


@dataclass(slots=True)
class Outcome:
    situation: Situation
    as_of: dt.date
    years: list[YearOutcome]
    actions: list[Action] = field(default_factory=list)

    @property
    def total(self) -> Money:
        return Money(sum(y.total for y in self.years))

    def year(self, year: int) -> YearOutcome:
        for item in self.years:
            if item.year == year:
                return item
        raise KeyError(year)
