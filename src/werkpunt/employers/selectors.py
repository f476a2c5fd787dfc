"""Reads of the employers app, always scoped by who asks.

Who sees what (``docs/backoffice-employers.md``):

- advisers and teamleiders of all seven partners share every employer record and every
  request (the record is shared on purpose: one contact person, one history);
- a user of an employer organisation (role werkgever) sees only its own employer and
  the requests linked to it;
- other roles (jobcoach, redacteur, beheerder, bestuur) see no employer and no request
  here; the board gets aggregates (:func:`request_kpis`, no personal data).

The three ``request_*`` functions at the top predate step 3: they serve the CMS and are
scoped by Django's ``employers.view_request`` permission.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Final

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, PermissionsMixin
from django.db.models import Q, QuerySet
from django.utils import timezone

from werkpunt.accounts.models import Role
from werkpunt.accounts.permissions import CASE_ROLES, profile_of, role_of
from werkpunt.employers.models import Employer, Request, Status
from werkpunt.employers.workdays import AMSTERDAM

if TYPE_CHECKING:
    from django.contrib.auth.models import User

#: The permission that lets someone read requests (Django's automatic "view" permission).
VIEW_PERMISSION = "employers.view_request"

#: Statuses of a request that still needs work.
OPEN_STATUSES: Final = (Status.NEW, Status.IN_PROGRESS)


def _can_view(user: AbstractBaseUser | AnonymousUser) -> bool:
    return isinstance(user, PermissionsMixin) and user.is_active and user.has_perm(VIEW_PERMISSION)


def request_list_recent(
    *, user: AbstractBaseUser | AnonymousUser, limit: int = 20, status: str | None = None
) -> QuerySet[Request]:
    """The newest requests first, at most ``limit``; nothing for someone who may not see them."""
    if limit < 1 or not _can_view(user):
        return Request.objects.none()
    requests = Request.objects.all()
    if status is not None:
        requests = requests.filter(status=status)
    return requests.order_by("-created_at", "-pk")[:limit]


def request_count_open(*, user: AbstractBaseUser | AnonymousUser) -> int:
    """How many requests are not finished yet (new or in progress)."""
    if not _can_view(user):
        return 0
    return Request.objects.exclude(status=Status.DONE).count()


def request_get(*, user: AbstractBaseUser | AnonymousUser, request_id: int) -> Request | None:
    """One request, or ``None`` when it does not exist or the user may not see it."""
    if not _can_view(user):
        return None
    return Request.objects.filter(pk=request_id).first()


# --- Employers -------------------------------------------------------------------------------


def _employers() -> QuerySet[Employer]:
    return Employer.objects.select_related("contact_person__profile__organisation", "organisation")


def employers_visible_to(*, user: User | AnonymousUser) -> QuerySet[Employer]:
    """The employer records ``user`` may open: all for advisers and teamleiders, the own one
    for an employer user, none for anyone else."""
    role = role_of(user)
    if role in CASE_ROLES:
        return _employers().all()
    if role is Role.EMPLOYER:
        profile = profile_of(user)
        assert profile is not None
        return _employers().filter(organisation_id=profile.organisation_id)
    return Employer.objects.none()


def employer_for_portal(*, user: User | AnonymousUser) -> Employer | None:
    """The employer of an employer user (role werkgever), or ``None`` for everyone else."""
    if role_of(user) is not Role.EMPLOYER:
        return None
    return employers_visible_to(user=user).first()


def employer_search(
    *,
    user: User | AnonymousUser,
    query: str = "",
    municipality: str = "",
    contact_person_id: int | None = None,
    sector: str = "",
) -> QuerySet[Employer]:
    """Employers ``user`` may see, filtered: ``query`` matches the name (part of it) or the
    KvK number (its start); the other filters are exact. Ordered by name."""
    employers = employers_visible_to(user=user)
    query = query.strip()
    if query:
        digits = query.replace(" ", "")
        match = Q(name__icontains=query)
        if digits.isdigit():
            match |= Q(kvk_number__startswith=digits)
        employers = employers.filter(match)
    if municipality:
        employers = employers.filter(municipality=municipality)
    if contact_person_id is not None:
        employers = employers.filter(contact_person_id=contact_person_id)
    if sector:
        employers = employers.filter(sector=sector)
    return employers.order_by("name", "pk")


def contact_person_choices() -> QuerySet[Any]:
    """Who can be an employer's contact person: active advisers of any partner, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, profile__role=Role.ADVISER)
        .select_related("profile__organisation")
        .order_by("first_name", "last_name", "pk")
    )


def request_owner_choices() -> QuerySet[Any]:
    """Who can own a request: active advisers and teamleiders of any partner, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, profile__role__in=[Role.ADVISER, Role.TEAM_LEAD])
        .select_related("profile__organisation")
        .order_by("first_name", "last_name", "pk")
    )


def teamleider_emails(*, organisation_id: int | None) -> list[str]:
    """Mail addresses of the active teamleiders of one partner, or of all (``None``)."""
    leads = (
        get_user_model()
        .objects.filter(is_active=True, profile__role=Role.TEAM_LEAD)
        .exclude(email="")
    )
    if organisation_id is not None:
        leads = leads.filter(profile__organisation_id=organisation_id)
    return sorted({address.lower() for address in leads.values_list("email", flat=True)})


# --- Requests --------------------------------------------------------------------------------


def _requests() -> QuerySet[Request]:
    return Request.objects.select_related(
        "employer", "owner__profile__organisation", "registered_by"
    )


def requests_visible_to(*, user: User | AnonymousUser) -> QuerySet[Request]:
    """Requests ``user`` may open: all for advisers and teamleiders, the own employer's for
    an employer user, none for anyone else."""
    role = role_of(user)
    if role in CASE_ROLES:
        return _requests().all()
    if role is Role.EMPLOYER:
        return requests_for_employer_user(user=user)
    return Request.objects.none()


def requests_for_employer_user(*, user: User | AnonymousUser) -> QuerySet[Request]:
    """The requests linked to the employer of an employer user (the portal), newest first."""
    if role_of(user) is not Role.EMPLOYER:
        return Request.objects.none()
    profile = profile_of(user)
    assert profile is not None
    return _requests().filter(employer__organisation_id=profile.organisation_id)


def requests_open_for(*, user: User | AnonymousUser) -> QuerySet[Request]:
    """Open requests owned by ``user`` ("mijn werk"), the earliest deadline first."""
    if role_of(user) not in CASE_ROLES:
        return Request.objects.none()
    return (
        _requests()
        .filter(owner_id=user.pk, status__in=OPEN_STATUSES)
        .order_by("call_back_by", "created_at", "pk")
    )


def requests_overdue(
    *, now: dt.datetime, owner_ids: Sequence[int] | None = None
) -> QuerySet[Request]:
    """Open requests whose call-back deadline has passed, the oldest deadline first.

    ``owner_ids`` limits them to those owners (``None``: all, also those without owner).
    Not scoped by a user: it is for the teamleider screen, whose view checks the role.
    """
    requests = _requests().filter(status__in=OPEN_STATUSES, call_back_by__lt=now)
    if owner_ids is not None:
        requests = requests.filter(owner_id__in=owner_ids)
    return requests.order_by("call_back_by", "pk")


#: The tabs of the request list.
REQUEST_TABS: Final = ("mine", "intake", "overdue", "open", "done")


def request_queue(
    *, user: User | AnonymousUser, tab: str, now: dt.datetime | None = None
) -> QuerySet[Request]:
    """The requests of one tab of the list (``REQUEST_TABS``), for an adviser or teamleider.

    mine: open and owned by ``user``; intake: open without owner; overdue: open and past
    the deadline; open: all open; done: finished, last answered first.
    """
    now = now or timezone.now()
    requests = requests_visible_to(user=user)
    open_requests = requests.filter(status__in=OPEN_STATUSES)
    by_deadline = ("call_back_by", "created_at", "pk")
    if tab == "mine":
        return open_requests.filter(owner_id=user.pk).order_by(*by_deadline)
    if tab == "intake":
        return open_requests.filter(owner__isnull=True).order_by(*by_deadline)
    if tab == "overdue":
        return open_requests.filter(call_back_by__lt=now).order_by(*by_deadline)
    if tab == "open":
        return open_requests.order_by(*by_deadline)
    if tab == "done":
        return requests.filter(status=Status.DONE).order_by("-answered_at", "-created_at", "-pk")
    raise ValueError(f"Onbekend tabblad {tab!r}")


def requests_of_employer(*, user: User | AnonymousUser, employer: Employer) -> QuerySet[Request]:
    """The requests linked to ``employer`` that ``user`` may see, newest first."""
    return requests_visible_to(user=user).filter(employer=employer).order_by("-created_at", "-pk")


# --- Response times and KPIs -----------------------------------------------------------------

HOURS_PLACES: Final = Decimal("0.1")
SHARE_PLACES: Final = Decimal("0.001")


@dataclass(frozen=True)
class ResponseTime:
    """How long one request waited for its first answer."""

    request_id: int
    owner_id: int | None
    created_at: dt.datetime
    answered_at: dt.datetime
    call_back_by: dt.datetime | None
    #: Calendar hours from received to answered, one decimal.
    hours: Decimal

    @property
    def on_time(self) -> bool | None:
        """Answered by the deadline; ``None`` for a request without a deadline (before step 3)."""
        if self.call_back_by is None:
            return None
        return self.answered_at <= self.call_back_by


def _period(since: dt.date, until: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[since 00:00, the day after until 00:00) in Amsterdam time."""
    start = dt.datetime.combine(since, dt.time(), tzinfo=AMSTERDAM)
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), tzinfo=AMSTERDAM)
    return start, end


def _received_in(
    since: dt.date, until: dt.date, owner_ids: Sequence[int] | None
) -> QuerySet[Request]:
    start, end = _period(since, until)
    requests = Request.objects.filter(created_at__gte=start, created_at__lt=end)
    if owner_ids is not None:
        requests = requests.filter(owner_id__in=owner_ids)
    return requests


def _hours(delta: dt.timedelta) -> Decimal:
    seconds = Decimal(delta.days * 86400 + delta.seconds) + Decimal(delta.microseconds) / 10**6
    return (seconds / 3600).quantize(HOURS_PLACES, rounding=ROUND_HALF_UP)


def request_response_times(
    *, since: dt.date, until: dt.date, owner_ids: Sequence[int] | None = None
) -> list[ResponseTime]:
    """The answered requests received from ``since`` to ``until`` (inclusive, Amsterdam
    dates), with their response time in calendar hours. Aggregate use only: no personal data."""
    rows = (
        _received_in(since, until, owner_ids)
        .filter(answered_at__isnull=False)
        .order_by("created_at", "pk")
        .values_list("pk", "owner_id", "created_at", "answered_at", "call_back_by")
    )
    times = []
    for pk, owner_id, created_at, answered_at, call_back_by in rows:
        assert answered_at is not None  # filtered above
        times.append(
            ResponseTime(
                request_id=pk,
                owner_id=owner_id,
                created_at=created_at,
                answered_at=answered_at,
                call_back_by=call_back_by,
                hours=_hours(answered_at - created_at),
            )
        )
    return times


def request_kpis(
    *,
    since: dt.date,
    until: dt.date,
    owner_ids: Sequence[int] | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The call-back KPIs of the requests received from ``since`` to ``until`` (inclusive).

    Keys:

    - ``count``: requests received in the period;
    - ``answered``: of those, how many have a first answer (``answered_at``);
    - ``median_hours``: median calendar hours from received to first answer, one decimal
      (``Decimal``), ``None`` when none was answered;
    - ``on_time_share``: of the received requests with a deadline that are *decided* —
      answered, or still unanswered while the deadline has passed — the share answered by
      the deadline (``Decimal`` 0–1, three decimals), ``None`` when none is decided yet;
    - ``overdue_open``: requests open *now* whose deadline has passed, of any period (a
      figure of today, not of the period), for the same owners.

    ``owner_ids`` limits everything to requests of those owners; ``None`` counts all,
    also those without owner. ``now`` defaults to the current time.
    """
    now = now or timezone.now()
    received = _received_in(since, until, owner_ids)
    count = received.count()
    times = request_response_times(since=since, until=until, owner_ids=owner_ids)
    median_hours: Decimal | None = None
    if times:
        median = statistics.median(t.hours for t in times)
        median_hours = Decimal(median).quantize(HOURS_PLACES, rounding=ROUND_HALF_UP)
    on_time = sum(1 for t in times if t.on_time)
    answered_with_deadline = sum(1 for t in times if t.on_time is not None)
    late_unanswered = received.filter(answered_at__isnull=True, call_back_by__lt=now).count()
    decided = answered_with_deadline + late_unanswered
    on_time_share: Decimal | None = None
    if decided:
        on_time_share = (Decimal(on_time) / Decimal(decided)).quantize(
            SHARE_PLACES, rounding=ROUND_HALF_UP
        )
    overdue = Request.objects.filter(status__in=OPEN_STATUSES, call_back_by__lt=now)
    if owner_ids is not None:
        overdue = overdue.filter(owner_id__in=owner_ids)
    return {
        "count": count,
        "answered": len(times),
        "median_hours": median_hours,
        "on_time_share": on_time_share,
        "overdue_open": overdue.count(),
    }
