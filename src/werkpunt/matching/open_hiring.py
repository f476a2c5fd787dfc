"""Open hiring: a first-come, first-served sign-up list, without any score.

A demand marked ``open_hiring`` is never scored or ranked. Whoever signs up and meets the
employer's stated basic requirements (:func:`werkpunt.matching.constraints.basic_requirements`)
is on the list, in the order of signing up; the employer calls the next person on the list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from werkpunt.matching.constraints import Failure, basic_requirements
from werkpunt.matching.core import Candidate, Demand


@dataclass(frozen=True, slots=True)
class SignUp:
    candidate: Candidate
    signed_up_at: dt.datetime


@dataclass(frozen=True, slots=True)
class OpenHiringList:
    demand_id: str
    #: Sign-ups that meet the basic requirements, first come first.
    eligible: tuple[SignUp, ...]
    #: The others, with the requirements they do not meet (for the adviser, not the employer).
    not_eligible: tuple[tuple[SignUp, tuple[Failure, ...]], ...]


def open_hiring_list(demand: Demand, signups: Iterable[SignUp]) -> OpenHiringList:
    """The sign-up list of an open-hiring demand: time of signing up decides, nothing else.

    Ties in time keep the order in which the sign-ups were given.
    """
    if not demand.open_hiring:
        raise ValueError(f"vraag {demand.id}: is geen open werving")
    ordered = sorted(enumerate(signups), key=lambda item: (item[1].signed_up_at, item[0]))
    eligible: list[SignUp] = []
    not_eligible: list[tuple[SignUp, tuple[Failure, ...]]] = []
    for _, signup in ordered:
        failures = basic_requirements(signup.candidate, demand)
        if failures:
            not_eligible.append((signup, failures))
        else:
            eligible.append(signup)
    return OpenHiringList(demand.id, tuple(eligible), tuple(not_eligible))
