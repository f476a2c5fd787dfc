"""Every read the dashboard does in other apps, in one place.

The dashboard has no models. It reads requests (``employers.selectors``), placements,
deadlines and after-sales tasks (``placements.selectors``) and users through the owning
apps' selectors. The board's aggregates are in ``dashboard.aggregates``.

Nothing here adds rows per row: every function is one or two queries whatever the
number of results, with the related objects the screens show already joined.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F

from werkpunt.accounts.models import PARTNER_KINDS, Role
from werkpunt.employers import selectors as employer_selectors
from werkpunt.matchtafels import selectors as matchtafel_selectors
from werkpunt.placements import selectors as placement_selectors
from werkpunt.placements.models import (
    AfterSalesTask,
    Deadline,
    PlacementStatus,
    Sustainability,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from werkpunt.employers.models import Employer, Request
    from werkpunt.placements.models import Placement
    from werkpunt.placements.selectors import DeadlineKpis

    AnyUser = User | AnonymousUser


# --- "Mijn werk" ------------------------------------------------------------------------------


def requests_to_call_back(*, user: AnyUser) -> list[Request]:
    """The user's own open requests, the earliest call-back time first (none last)."""
    found = employer_selectors.requests_open_for(user=user).order_by(
        F("call_back_by").asc(nulls_last=True), "created_at", "pk"
    )
    return list(found)


def deadlines_open(*, user: AnyUser, until: dt.date) -> list[Deadline]:
    """The user's own open deadlines due on or before ``until`` (overdue ones included)."""
    return list(placement_selectors.deadlines_open_for(user=user, until=until))


def aftersales_open(*, user: AnyUser, until: dt.date) -> list[AfterSalesTask]:
    """After-sales tasks not done, due on or before ``until``: the user's own (adviser,
    teamleider) or those of the placements where the user is a helper (jobcoach)."""
    return list(
        placement_selectors.aftersales_open_for(user=user, until=until).select_related("owner")
    )


# --- Team ------------------------------------------------------------------------------------

#: Roles listed on the team screen also when they have nothing overdue.
TEAM_ROLES = (Role.ADVISER, Role.TEAM_LEAD)


def team_members(*, organisation_id: int | None) -> list[Any]:
    """Active advisers and teamleiders of one organisation, or of all partners (``None``)."""
    users = get_user_model().objects.filter(
        is_active=True,
        profile__role__in=TEAM_ROLES,
        profile__organisation__kind__in=PARTNER_KINDS,
    )
    if organisation_id is not None:
        users = users.filter(profile__organisation_id=organisation_id)
    return list(
        users.select_related("profile__organisation").order_by("first_name", "last_name", "pk")
    )


def users_by_id(ids: Iterable[int]) -> dict[int, Any]:
    """Users (with profile and organisation) by id, in one query."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    users = get_user_model().objects.filter(pk__in=wanted).select_related("profile__organisation")
    return {user.pk: user for user in users}


def organisation_member_ids(*, organisation_id: int) -> list[int]:
    """Ids of every user of one organisation (any role): whose work the team figures count."""
    return list(
        get_user_model()
        .objects.filter(profile__organisation_id=organisation_id)
        .values_list("pk", flat=True)
    )


def requests_overdue(*, now: dt.datetime, owner_ids: Sequence[int] | None) -> list[Request]:
    """Open requests past their call-back time (``None``: all, also those without owner)."""
    return list(employer_selectors.requests_overdue(now=now, owner_ids=owner_ids))


def unassigned_overdue_count(*, user: AnyUser, now: dt.datetime) -> int:
    """Open requests without an owner whose call-back time has passed (the intake queue)."""
    return (
        employer_selectors.request_queue(user=user, tab="intake", now=now)
        .filter(call_back_by__lt=now)
        .count()
    )


def deadlines_overdue(*, today: dt.date, owner_ids: Sequence[int] | None) -> list[Deadline]:
    """Open deadlines whose date has passed (``owner_ids=None``: everyone's)."""
    return list(placement_selectors.deadlines_overdue(today=today, owner_ids=owner_ids))


def aftersales_overdue(*, today: dt.date, owner_ids: Sequence[int] | None) -> list[AfterSalesTask]:
    """After-sales tasks not done whose date has passed (``owner_ids=None``: everyone's)."""
    return list(placement_selectors.aftersales_overdue(today=today, owner_ids=owner_ids))


def group_by_owner(items: Iterable[Any]) -> dict[int | None, list[Any]]:
    """Items (requests, deadlines, after-sales tasks) by ``owner_id``."""
    grouped: dict[int | None, list[Any]] = defaultdict(list)
    for item in items:
        grouped[item.owner_id].append(item)
    return grouped


def _fraction(value: Decimal | float | None) -> Fraction | None:
    return None if value is None else Fraction(str(value))


@dataclass(frozen=True)
class RequestKpis:
    """``employers.selectors.request_kpis`` with exact numbers for formatting."""

    count: int
    answered: int
    median_hours: Fraction | None
    on_time_share: Fraction | None
    overdue_open: int


def request_kpis(
    *, since: dt.date, until: dt.date, owner_ids: Sequence[int] | None, now: dt.datetime
) -> RequestKpis:
    """The call-back KPIs of the requests received in the period (definitions: the selector)."""
    found = employer_selectors.request_kpis(since=since, until=until, owner_ids=owner_ids, now=now)
    return RequestKpis(
        count=int(found["count"]),
        answered=int(found["answered"]),
        median_hours=_fraction(found["median_hours"]),
        on_time_share=_fraction(found["on_time_share"]),
        overdue_open=int(found["overdue_open"]),
    )


def deadline_kpis(
    *, since: dt.date, until: dt.date, owner_ids: Sequence[int] | None, today: dt.date
) -> DeadlineKpis:
    """Deadlines due in the period by how they went, with the money (definitions: the selector)."""
    return placement_selectors.deadline_kpis(
        since=since, until=until, owner_ids=owner_ids, today=today
    )


def sustainability_moments() -> tuple[str, ...]:
    """The check moments (``6m``, ``12m``): settings.WERKPUNT_SUSTAINABILITY_MOMENTS."""
    return tuple(getattr(settings, "WERKPUNT_SUSTAINABILITY_MOMENTS", ("6m", "12m")))


#: The three outcomes of a sustainability check, in the order the screens show them.
OUTCOMES = (Sustainability.STILL_HERE, Sustainability.ELSEWHERE, Sustainability.NOT_WORKING)


def sustainability_counts(*, since: dt.date, until: dt.date) -> dict[str, dict[str, int]]:
    """Per check moment: checks planned in the period by outcome, and ``open`` (not recorded).

    The selector counts the whole region (it has no owner filter).
    """
    found = placement_selectors.sustainability_counts(since=since, until=until)
    empty = {**{str(key): 0 for key in OUTCOMES}, "open": 0}
    return {moment: {**empty, **found.get(moment, {})} for moment in sustainability_moments()}


# --- Employer portal -------------------------------------------------------------------------


def employer_for_portal(*, user: AnyUser) -> Employer | None:
    """The employer record of an employer user's organisation, or ``None``."""
    return employer_selectors.employer_for_portal(user=user)


def portal_placements(*, user: AnyUser) -> list[Placement]:
    """The employer's own placements, working ones first, then planned, then ended.

    Each has ``employer_deadlines`` (open deadlines the employer acts on) and its
    helpers prefetched (``placements.selectors.portal_placements``).
    """
    placements = list(placement_selectors.portal_placements(user=user))
    rank: dict[str, int] = {
        PlacementStatus.ACTIVE: 0,
        PlacementStatus.PLANNED: 1,
        PlacementStatus.ENDED: 2,
    }
    return sorted(placements, key=lambda p: rank.get(p.status, 3))


def requests_of_employer(*, user: AnyUser) -> list[Request]:
    """The requests of the employer user's own organisation, newest first."""
    return list(
        employer_selectors.requests_for_employer_user(user=user).order_by("-created_at", "-pk")
    )


def matchtafel_kpis(*, since: dt.date, until: dt.date) -> matchtafel_selectors.MatchtafelKpis:
    """Matchtafels held in the period: people brought and what came of it (whole region)."""
    return matchtafel_selectors.matchtafel_kpis(since=since, until=until)
