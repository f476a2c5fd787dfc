"""Hard constraints: a pair that breaks one is never proposed, and the reason is named.

All constraints are checked (not only the first that fails), so the adviser sees every reason
at once. Each has a bit, so the vectorised engine can store failures for millions of pairs in
one byte each (:data:`BITS`).

- hours: the candidate is available at least the demand's minimum hours (default: the
  smallest task), and more than 0;
- travel: the approximate travel time by the candidate's own mode is at most the candidate's
  maximum (unknown place or mode: fails);
- language: the candidate's Dutch level reaches the demand's level (the stated minimum, or
  the lowest level any task needs when that is higher); ``geen`` always passes;
- licences: the candidate holds every licence or certificate the demand requires;
- days: the candidate is available on every day the demand needs someone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from werkpunt.matching import explain as ex
from werkpunt.matching.explain import Reason, reason
from werkpunt.matching.vocab import (
    DAY_NAMES,
    DAYS,
    LANGUAGE_LEVELS,
    TRAVEL_MODE_PHRASES,
    format_number,
    join_dutch,
    level_index,
)

if TYPE_CHECKING:
    from werkpunt.matching.core import Candidate, Demand

HOURS = 1
TRAVEL = 2
LANGUAGE = 4
LICENCES = 8
DAYS_BIT = 16
OPEN_HIRING = 32

#: Constraint code by bit, in the order they are checked and shown.
BITS: dict[int, str] = {
    HOURS: "hours",
    TRAVEL: "travel",
    LANGUAGE: "language",
    LICENCES: "licences",
    DAYS_BIT: "days",
    OPEN_HIRING: "open_hiring",
}
CODES: dict[str, int] = {code: bit for bit, code in BITS.items()}


@dataclass(frozen=True, slots=True)
class Failure:
    """A broken hard constraint: its code (``hours``, ``travel``, …) and a Dutch reason."""

    constraint: str
    reason: Reason

    @property
    def text(self) -> str:
        return self.reason.text

    @property
    def bit(self) -> int:
        return CODES[self.constraint]


def check_hours(candidate: Candidate, minimum: float) -> Failure | None:
    available = candidate.hours_per_week
    if available >= minimum and available > 0:
        return None
    if available <= 0:
        return Failure("hours", reason("hours-none", ex.FAIL_HOURS_NONE))
    return Failure(
        "hours",
        reason(
            "hours",
            ex.FAIL_HOURS,
            available=format_number(available),
            minimum=format_number(minimum),
        ),
    )


def check_travel(candidate: Candidate, minutes: float) -> Failure | None:
    if minutes <= candidate.max_travel_minutes:
        return None
    if not math.isfinite(minutes) or candidate.travel_mode is None:
        return Failure("travel", reason("travel-unknown", ex.FAIL_TRAVEL_UNKNOWN))
    return Failure(
        "travel",
        reason(
            "travel",
            ex.FAIL_TRAVEL,
            minutes=format_number(round(minutes)),
            mode=TRAVEL_MODE_PHRASES[candidate.travel_mode],
            max=format_number(candidate.max_travel_minutes),
        ),
    )


def check_language(candidate: Candidate, required: str) -> Failure | None:
    needed = LANGUAGE_LEVELS.index(required)
    have = level_index(LANGUAGE_LEVELS, candidate.language_level)
    if needed == 0 or have >= needed:
        return None
    if candidate.language_level is None:
        return Failure(
            "language", reason("language-unknown", ex.FAIL_LANGUAGE_UNKNOWN, required=required)
        )
    return Failure(
        "language",
        reason("language", ex.FAIL_LANGUAGE, level=candidate.language_level, required=required),
    )


def check_licences(candidate: Candidate, required: frozenset[str]) -> Failure | None:
    missing = sorted(required - candidate.licences)
    if not missing:
        return None
    return Failure("licences", reason("licences", ex.FAIL_LICENCES, missing=", ".join(missing)))


def check_days(candidate: Candidate, needed: frozenset[str]) -> Failure | None:
    missing = [d for d in DAYS if d in needed and d not in candidate.days]
    if not missing:
        return None
    names = join_dutch(DAY_NAMES[d] for d in missing)
    if not candidate.days:
        return Failure("days", reason("days-unknown", ex.FAIL_DAYS_UNKNOWN, days=names))
    return Failure("days", reason("days", ex.FAIL_DAYS, days=names))


def hard_constraints(
    candidate: Candidate, demand: Demand, travel_minutes: float
) -> tuple[Failure, ...]:
    """Every hard constraint the pair breaks, in a fixed order (empty: it passes)."""
    checks = (
        check_hours(candidate, demand.effective_min_hours),
        check_travel(candidate, travel_minutes),
        check_language(candidate, demand.required_language),
        check_licences(candidate, demand.required_licences),
        check_days(candidate, demand.days),
    )
    return tuple(f for f in checks if f is not None)


def basic_requirements(candidate: Candidate, demand: Demand) -> tuple[Failure, ...]:
    """The employer's stated basic requirements, for open hiring.

    Only what the employer wrote down counts: hours, days, licences and the stated language
    minimum (not the level of each task, and not travel: whoever signs up decides that).
    """
    checks = (
        check_hours(candidate, demand.effective_min_hours),
        check_language(candidate, demand.language_min),
        check_licences(candidate, demand.required_licences),
        check_days(candidate, demand.days),
    )
    return tuple(f for f in checks if f is not None)


def open_hiring_failure() -> Failure:
    return Failure("open_hiring", reason("open-hiring", ex.FAIL_OPEN_HIRING))


def failure_bits(failures: tuple[Failure, ...]) -> int:
    bits = 0
    for failure in failures:
        bits |= failure.bit
    return bits


def failure_codes(bits: int) -> tuple[str, ...]:
    """The constraint codes set in ``bits``, in the order of :data:`BITS`."""
    return tuple(code for bit, code in BITS.items() if bits & bit)
