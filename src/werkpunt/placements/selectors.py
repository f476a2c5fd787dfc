"""Reads of the placements app, always scoped by the user who asks.

Who sees what (docs/privacy.md):

- advisers and teamleiders of all partners see every placement (the employer record
  is shared), but the worker's personal data (name, birth date, the situation with
  benefit and indication) only where they are *involved*: the employer's contact
  person, a helper on the placement with their own account, or whoever registered it;
- a jobcoach sees only the placements where they are a helper, with the worker's data;
- an employer sees the placements of its own organisation, with the worker's name
  (they employ them) but never the situation;
- other roles (redacteur, beheerder, bestuur) see no placements here; the board gets
  aggregates from the dashboard.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy

from werkpunt.accounts.models import Role
from werkpunt.accounts.permissions import profile_of, role_of
from werkpunt.placements.models import (
    AfterSalesTask,
    Deadline,
    DeadlineStatus,
    Helper,
    Placement,
    Sustainability,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from werkpunt.employers.models import Employer

CASE_ROLES = frozenset({Role.ADVISER, Role.TEAM_LEAD})


def placements_visible_to(*, user: User | AnonymousUser) -> QuerySet[Placement]:
    """The placements ``user`` may see at all (the worker's data is a separate check)."""
    placements = Placement.objects.select_related("employer", "worker")
    role = role_of(user)
    if role in CASE_ROLES:
        return placements.all()
    if role is Role.JOBCOACH:
        return placements.filter(helpers__user_id=user.pk or 0).distinct()
    if role is Role.EMPLOYER:
        profile = profile_of(user)
        assert profile is not None
        return placements.filter(employer__organisation_id=profile.organisation_id)
    return placements.none()


def involved_filter(*, user: User | AnonymousUser) -> Q:
    """Placements ``user`` is involved in, as a filter on Placement."""
    return (
        Q(employer__contact_person=user) | Q(helpers__user=user) | Q(created_by=user)
        if user.is_authenticated
        else Q(pk__in=[])
    )


def is_involved(*, user: User | AnonymousUser, placement: Placement) -> bool:
    """True when ``user`` works with this worker (contact person, helper, or registrar)."""
    if not user.is_authenticated:
        return False
    if user.pk in (placement.employer.contact_person_id, placement.created_by_id):
        return True
    return placement.helpers.filter(user=user).exists()


def can_see_worker_name(*, user: User | AnonymousUser, placement: Placement) -> bool:
    """The worker's name and contact moments: involved staff and the worker's own employer."""
    role = role_of(user)
    if role is Role.EMPLOYER:
        return placements_visible_to(user=user).filter(pk=placement.pk).exists()
    if role in CASE_ROLES or role is Role.JOBCOACH:
        return is_involved(user=user, placement=placement)
    return False


def can_see_situation(*, user: User | AnonymousUser, placement: Placement) -> bool:
    """The situation (benefit, indication, birth date): involved staff only, never the employer."""
    role = role_of(user)
    if role in CASE_ROLES or role is Role.JOBCOACH:
        return is_involved(user=user, placement=placement)
    return False


# --- Added for the screens, the portal, "mijn werk" and the dashboard (docs/placements.md) ---

#: Actors whose deadlines the employer acts on (the werknemer's doelgroepverklaring the
#: employer can also request with a machtiging).
EMPLOYER_ACTORS = ("werkgever", "werknemer")


def placement_get(*, user: User | AnonymousUser, pk: int) -> Placement | None:
    """One placement the user may see, or ``None`` (the view answers 404)."""
    return placements_visible_to(user=user).filter(pk=pk).first()


def placement_list(
    *,
    user: User | AnonymousUser,
    status: str = "",
    employer_id: int | None = None,
    employer_query: str = "",
    mine: bool = False,
) -> QuerySet[Placement]:
    """The visible placements, filtered, newest start first."""
    placements = placements_visible_to(user=user)
    if status:
        placements = placements.filter(status=status)
    if employer_id is not None:
        placements = placements.filter(employer_id=employer_id)
    if employer_query:
        placements = placements.filter(employer__name__icontains=employer_query)
    if mine:
        placements = placements.filter(
            pk__in=Placement.objects.filter(involved_filter(user=user)).values("pk")
        )
    return placements.order_by("-start_date", "-pk")


def involved_placement_ids(*, user: User | AnonymousUser, placement_ids: Iterable[int]) -> set[int]:
    """Of these placements, the ones ``user`` is involved in (so may see the worker's name)."""
    if role_of(user) not in CASE_ROLES | {Role.JOBCOACH}:
        return set()
    return set(
        Placement.objects.filter(pk__in=list(placement_ids))
        .filter(involved_filter(user=user))
        .values_list("pk", flat=True)
    )


def can_change_placement(*, user: User | AnonymousUser, placement: Placement) -> bool:
    """Record deadlines and contact moments, change helpers, end or change the placement:
    a teamleider, or an adviser involved in it. A jobcoach only reads."""
    role = role_of(user)
    if role is Role.TEAM_LEAD:
        return True
    return role is Role.ADVISER and is_involved(user=user, placement=placement)


def can_erase_worker(*, user: User | AnonymousUser) -> bool:
    """Only a teamleider erases a worker's data on request."""
    return role_of(user) is Role.TEAM_LEAD


def can_create_placement(*, user: User | AnonymousUser) -> bool:
    return role_of(user) in CASE_ROLES


def employer_for_new_placement(*, user: User | AnonymousUser, employer_id: int) -> Employer | None:
    """The employer a new placement is for: advisers of every partner share all employers."""
    from werkpunt.employers.models import Employer

    if role_of(user) not in CASE_ROLES:
        return None
    return Employer.objects.select_related("contact_person").filter(pk=employer_id).first()


def helper_user_choices() -> QuerySet[Any]:
    """Accounts that can be linked to a helper: jobcoaches, advisers and teamleiders."""
    from werkpunt.accounts.selectors import users_with_role

    return users_with_role(Role.JOBCOACH, Role.ADVISER, Role.TEAM_LEAD)


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One line of the placement's timeline: a deadline or a contact moment."""

    date: dt.date
    kind: str  # "deadline" or "aftersales"
    deadline: Deadline | None = None
    task: AfterSalesTask | None = None


def placement_timeline(*, placement: Placement) -> list[TimelineItem]:
    """Deadlines and contact moments merged by date (deadlines first on the same day)."""
    items = [
        TimelineItem(d.due_date, "deadline", deadline=d)
        for d in placement.deadlines.select_related("owner", "done_by").order_by("due_date", "pk")
    ]
    items.extend(
        TimelineItem(t.due_date, "aftersales", task=t)
        for t in placement.aftersales_tasks.select_related("owner", "done_by").order_by(
            "due_date", "pk"
        )
    )
    order = {"deadline": 0, "aftersales": 1}

    def key(item: TimelineItem) -> tuple[dt.date, int, int]:
        row = item.deadline if item.deadline is not None else item.task
        return (item.date, order[item.kind], row.pk if row is not None else 0)

    return sorted(items, key=key)


def helpers_of(*, placement: Placement) -> QuerySet[Helper]:
    """The people around the worker, the coordinator first."""
    return placement.helpers.select_related("user").order_by(
        "-is_coordinator", "role", "name", "pk"
    )


def whom_to_call(*, placement: Placement) -> Helper | None:
    """The coordinator, if there is one (else the employer's contact person is the one)."""
    return placement.helpers.filter(is_coordinator=True).first()


@dataclass(frozen=True, slots=True)
class AmountCell:
    text: str
    provisional: bool
    applies: bool


@dataclass(frozen=True, slots=True)
class InstrumentRow:
    code: str
    name: str
    cells: tuple[AmountCell, ...]
    applies: bool


@dataclass(frozen=True, slots=True)
class InstrumentTable:
    years: tuple[int, ...]
    rows: tuple[InstrumentRow, ...]
    totals: tuple[AmountCell, ...]


AMOUNT_KIND_LABELS = {
    "payment": gettext_lazy("u ontvangt"),
    "saving": gettext_lazy("u bespaart"),
    "maximum": gettext_lazy("ten hoogste"),
    "minimum": gettext_lazy("ten minste"),
}


def instrument_table(*, placement: Placement, as_of: dt.date) -> InstrumentTable | None:
    """The chosen instruments with their amounts per year from the rules, or ``None``
    when the rules cannot be run (the worker's data was anonymised or is incomplete)."""
    from werkpunt.placements.situations import expand_instruments, parsed_situation_for
    from werkpunt.rules import SituationError, evaluate, instrument_name
    from werkpunt.rules.i18n import format_money

    if placement.worker.anonymised_at is not None:
        return None
    try:
        outcome = evaluate(parsed_situation_for(placement), as_of=as_of)
    except SituationError:
        return None
    lang = _lang()
    chosen = expand_instruments(placement.instruments or [])
    years = tuple(year.year for year in outcome.years)
    rows = []
    totals = [0] * len(years)
    total_provisional = [False] * len(years)
    for code in [item.code for item in outcome.years[0].instruments] if outcome.years else []:
        if code not in chosen:
            continue
        cells = []
        for index, year in enumerate(outcome.years):
            item = year.instrument(code)
            if not item.applies:
                cells.append(AmountCell(str(gettext_lazy("geldt niet")), False, False))
                continue
            if item.amount is None:
                cells.append(
                    AmountCell(str(gettext_lazy("geen vast bedrag")), item.provisional, True)
                )
            else:
                kind = AMOUNT_KIND_LABELS.get(
                    item.amount_kind.value if item.amount_kind else "payment"
                )
                cells.append(
                    AmountCell(f"{kind} {format_money(item.amount, lang)}", item.provisional, True)
                )
                totals[index] += int(item.amount)
            total_provisional[index] = total_provisional[index] or item.provisional
        rows.append(
            InstrumentRow(
                code=code,
                name=instrument_name(code, lang),
                cells=tuple(cells),
                applies=any(cell.applies for cell in cells),
            )
        )
    return InstrumentTable(
        years=years,
        rows=tuple(rows),
        totals=tuple(
            AmountCell(format_money(amount, lang), provisional, True)
            for amount, provisional in zip(totals, total_provisional, strict=True)
        ),
    )


def _lang() -> str:
    from django.utils import translation

    code = (translation.get_language() or "nl").split("-")[0]
    return code if code in ("nl", "en") else "nl"


# --- For the employer portal -------------------------------------------------------------


def portal_placements(*, user: User | AnonymousUser) -> QuerySet[Placement]:
    """The placements of the employer user's own organisation, each with

    - ``employer_deadlines``: its open deadlines the employer acts on (actor werkgever or
      werknemer), by date;
    - ``helpers`` prefetched (the people around the worker, coordinator first).

    Empty for every other role. Never use it to show the situation: employers do not
    see it (``can_see_situation``).
    """
    if role_of(user) is not Role.EMPLOYER:
        return Placement.objects.none()
    return (
        placements_visible_to(user=user)
        .select_related("employer__contact_person__profile")
        .prefetch_related(
            Prefetch(
                "deadlines",
                queryset=Deadline.objects.filter(
                    status=DeadlineStatus.OPEN, actor__in=EMPLOYER_ACTORS
                ).order_by("due_date", "pk"),
                to_attr="employer_deadlines",
            ),
            Prefetch(
                "helpers",
                queryset=Helper.objects.order_by("-is_coordinator", "role", "name", "pk"),
            ),
        )
        .order_by("-start_date", "-pk")
    )


# --- For "mijn werk" ---------------------------------------------------------------------


def deadlines_open_for(*, user: User | AnonymousUser, until: dt.date) -> QuerySet[Deadline]:
    """Open deadlines due on or before ``until`` (overdue ones included), by date.

    Staff: the deadlines they own. An employer user: the open deadlines of its own
    placements that the employer acts on. Other roles: none.
    """
    deadlines = Deadline.objects.select_related("placement__employer", "placement__worker").filter(
        status=DeadlineStatus.OPEN, due_date__lte=until
    )
    role = role_of(user)
    if role in CASE_ROLES:
        deadlines = deadlines.filter(owner_id=user.pk)
    elif role is Role.EMPLOYER:
        deadlines = deadlines.filter(
            placement__in=placements_visible_to(user=user).values("pk"), actor__in=EMPLOYER_ACTORS
        )
    else:
        return Deadline.objects.none()
    return deadlines.order_by("due_date", "pk")


def deadlines_missed_for(*, user: User | AnonymousUser, since: dt.date) -> QuerySet[Deadline]:
    """Deadlines the user owns that were missed with a date on or after ``since``."""
    if role_of(user) not in CASE_ROLES:
        return Deadline.objects.none()
    return (
        Deadline.objects.select_related("placement__employer", "placement__worker")
        .filter(owner_id=user.pk, status=DeadlineStatus.MISSED, due_date__gte=since)
        .order_by("due_date", "pk")
    )


def aftersales_open_for(*, user: User | AnonymousUser, until: dt.date) -> QuerySet[AfterSalesTask]:
    """Contact moments not yet recorded, due on or before ``until``, by date.

    Advisers and teamleiders: the moments they own. A jobcoach: the moments of the
    placements where they are a helper (to know when the employer will be called).
    """
    tasks = AfterSalesTask.objects.select_related(
        "placement__employer", "placement__worker"
    ).filter(done_at__isnull=True, due_date__lte=until)
    role = role_of(user)
    if role in CASE_ROLES:
        tasks = tasks.filter(owner_id=user.pk)
    elif role is Role.JOBCOACH:
        tasks = tasks.filter(placement__in=placements_visible_to(user=user).values("pk"))
    else:
        return AfterSalesTask.objects.none()
    return tasks.order_by("due_date", "pk")


# --- Aggregates for the dashboard (no personal data) ---------------------------------------


def sustainability_counts(*, since: dt.date, until: dt.date) -> dict[str, dict[str, int]]:
    """Per check moment (``"6m"``, ``"12m"``), for checks planned from ``since`` to
    ``until``: how many were recorded as ``here``, ``elsewhere`` or ``none``, and how many
    are still ``open`` (not recorded)."""
    from django.conf import settings

    moments = tuple(settings.WERKPUNT_SUSTAINABILITY_MOMENTS)
    result = {moment: {**dict.fromkeys(Sustainability.values, 0), "open": 0} for moment in moments}
    checks = AfterSalesTask.objects.filter(
        is_sustainability_check=True, due_date__gte=since, due_date__lte=until
    )
    recorded = (
        checks.filter(done_at__isnull=False)
        .values("moment", "sustainability")
        .annotate(n=Count("pk"))
        .order_by()
    )
    still_open = (
        checks.filter(done_at__isnull=True).values("moment").annotate(n=Count("pk")).order_by()
    )
    rows = [(row["moment"], row["sustainability"], row["n"]) for row in recorded]
    rows.extend((row["moment"], "open", row["n"]) for row in still_open)
    for moment, key, n in rows:
        counts = result.setdefault(moment, {**dict.fromkeys(Sustainability.values, 0), "open": 0})
        if key in counts:
            counts[key] += n
    return result


@dataclass(frozen=True, slots=True)
class DeadlineKpis:
    """Deadlines due in a period, by how they went, with the money at stake (cents)."""

    met: int = 0
    met_cents: int = 0
    late: int = 0
    late_cents: int = 0
    missed: int = 0
    missed_cents: int = 0
    open_overdue: int = 0
    open_overdue_cents: int = 0
    open_ahead: int = 0
    not_needed: int = 0


def _kpi_aggregates(today: dt.date) -> dict[str, Any]:
    on_time = Q(status=DeadlineStatus.DONE, done_at__date__lte=F("due_date"))
    late = Q(status=DeadlineStatus.DONE, done_at__date__gt=F("due_date"))
    missed = Q(status=DeadlineStatus.MISSED)
    overdue = Q(status=DeadlineStatus.OPEN, due_date__lt=today)
    ahead = Q(status=DeadlineStatus.OPEN, due_date__gte=today)
    money = "amount_at_stake_cents"
    return {
        "met": Count("pk", filter=on_time),
        "met_cents": Sum(money, filter=on_time, default=0),
        "late": Count("pk", filter=late),
        "late_cents": Sum(money, filter=late, default=0),
        "missed": Count("pk", filter=missed),
        "missed_cents": Sum(money, filter=missed, default=0),
        "open_overdue": Count("pk", filter=overdue),
        "open_overdue_cents": Sum(money, filter=overdue, default=0),
        "open_ahead": Count("pk", filter=ahead),
        "not_needed": Count("pk", filter=Q(status=DeadlineStatus.NOT_NEEDED)),
    }


def deadline_kpis(
    *,
    since: dt.date,
    until: dt.date,
    owner_ids: Iterable[int] | None = None,
    today: dt.date | None = None,
) -> DeadlineKpis:
    """Deadlines with a date from ``since`` to ``until`` (optionally of some owners):

    - ``met``: done on or before the date; ``late``: done after it (a missed deadline
      recorded as done afterwards);
    - ``missed``: the date passed without it being done (``deadlines_mark_missed``);
    - ``open_overdue``: still open although the date passed (before the daily job ran);
    - ``open_ahead`` and ``not_needed``: counts only.
    """
    from django.utils import timezone

    deadlines = Deadline.objects.filter(due_date__gte=since, due_date__lte=until)
    if owner_ids is not None:
        deadlines = deadlines.filter(owner_id__in=list(owner_ids))
    values = deadlines.aggregate(**_kpi_aggregates(today or timezone.localdate()))
    return DeadlineKpis(**{name: int(value or 0) for name, value in values.items()})


def deadline_kpis_per_owner(
    *, since: dt.date, until: dt.date, today: dt.date | None = None
) -> dict[int, DeadlineKpis]:
    """:func:`deadline_kpis` per owner (user id), in one query: overdue work per adviser."""
    from django.utils import timezone

    rows = (
        Deadline.objects.filter(due_date__gte=since, due_date__lte=until)
        .values("owner_id")
        .annotate(**_kpi_aggregates(today or timezone.localdate()))
        .order_by()
    )
    return {
        row.pop("owner_id"): DeadlineKpis(**{name: int(value or 0) for name, value in row.items()})
        for row in rows
    }


# --- For the team screen -----------------------------------------------------------------


def deadlines_overdue(*, today: dt.date, owner_ids: Iterable[int] | None) -> QuerySet[Deadline]:
    """Open deadlines whose date has passed, of these owners (``None``: everyone's).

    For the teamleider's overview; the caller checks the role.
    """
    found = Deadline.objects.filter(status=DeadlineStatus.OPEN, due_date__lt=today)
    if owner_ids is not None:
        found = found.filter(owner_id__in=list(owner_ids))
    return found.select_related("placement__employer").order_by("due_date", "pk")


def aftersales_overdue(
    *, today: dt.date, owner_ids: Iterable[int] | None
) -> QuerySet[AfterSalesTask]:
    """After-sales moments not done whose date has passed, of these owners (``None``: all)."""
    found = AfterSalesTask.objects.filter(done_at__isnull=True, due_date__lt=today)
    if owner_ids is not None:
        found = found.filter(owner_id__in=list(owner_ids))
    return found.select_related("placement__employer").order_by("due_date", "pk")
