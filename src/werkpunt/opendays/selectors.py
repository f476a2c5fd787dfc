"""Reads of the opendays app, always scoped by who asks.

Who sees what (``docs/opendays.md``):

- advisers, teamleiders and jobcoaches of all seven partners see every open day, its slots
  and its invitations; a candidate's **name** (and phone number) only when they work for the
  candidate's own organisation or are the candidate's adviser (:func:`can_see_identity`),
  everyone else sees the anonymous reference (K-000123). Scores are for staff only;
- an employer user (role werkgever) sees only the open days of its own employer, the slots
  with counts, and who registered: by name only when the candidate turned both keys
  (``candidate.is_released``), else the reference. Never a score;
- the candidate sees their own invitation through the secret link
  (:func:`invitation_by_token`); no login;
- other roles see nothing here.

The matching part (:func:`fitting_candidates`) turns database rows into the pure core's
:class:`werkpunt.matching.Candidate` and :class:`werkpunt.matching.Demand` (with
``candidates.selectors.as_match_candidate`` and ``demands.selectors.as_match_demand``) and
asks :class:`werkpunt.matching.Matcher` who fits.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from werkpunt.accounts.models import Role
from werkpunt.accounts.permissions import profile_of, role_of
from werkpunt.candidates import selectors as candidate_selectors
from werkpunt.candidates.models import Candidate
from werkpunt.candidates.selectors import as_match_candidate
from werkpunt.demands.models import Demand, DemandStatus
from werkpunt.demands.selectors import as_match_demand
from werkpunt.matching import Matcher
from werkpunt.matching import core as match_core
from werkpunt.matching.constraints import basic_requirements, check_travel
from werkpunt.opendays.models import (
    Invitation,
    InvitationStatus,
    OpenDay,
    OpenDaySlot,
    OpenDayStatus,
)
from werkpunt.opendays.text import slot_text, where_text

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from werkpunt.employers.models import Employer

logger = logging.getLogger(__name__)

#: Roles that open the back-office screens of open days (read).
STAFF_ROLES = frozenset({Role.ADVISER, Role.TEAM_LEAD, Role.JOBCOACH})
#: Roles that create open days, invite, and cancel them.
MANAGE_ROLES = frozenset({Role.ADVISER, Role.TEAM_LEAD})

#: The order in which invitations are shown, grouped by status.
STATUS_ORDER = (
    InvitationStatus.REGISTERED,
    InvitationStatus.INVITED,
    InvitationStatus.DECLINED,
    InvitationStatus.CANCELLED,
)


# --- Open days ------------------------------------------------------------------------------


def _open_days() -> QuerySet[OpenDay]:
    return OpenDay.objects.select_related("employer", "demand")


def open_days_visible_to(*, user: User | AnonymousUser) -> QuerySet[OpenDay]:
    """Every open day for staff; the own employer's for an employer user; none otherwise."""
    role = role_of(user)
    if role in STAFF_ROLES:
        return _open_days().all()
    if role is Role.EMPLOYER:
        profile = profile_of(user)
        assert profile is not None
        return _open_days().filter(employer__organisation_id=profile.organisation_id)
    return OpenDay.objects.none()


def open_day_get(*, user: User | AnonymousUser, pk: int) -> OpenDay | None:
    """One open day the user may see, or ``None`` (the view answers 404)."""
    return open_days_visible_to(user=user).filter(pk=pk).first()


@dataclass(frozen=True)
class DayRow:
    """An open day in a list, with its numbers."""

    open_day: OpenDay
    registered: int
    capacity: int
    slot_count: int


def open_day_list(
    *, user: User | AnonymousUser, today: dt.date
) -> tuple[list[DayRow], list[DayRow]]:
    """(upcoming, past) open days the user may see; upcoming soonest first, past latest first."""
    days = list(open_days_visible_to(user=user).order_by("date", "pk"))
    ids = [day.pk for day in days]
    registered = dict(
        Invitation.objects.filter(open_day_id__in=ids, status=InvitationStatus.REGISTERED)
        .values("open_day_id")
        .annotate(n=Count("pk"))
        .values_list("open_day_id", "n")
    )
    totals: dict[int, tuple[int, int]] = {}
    for slot in OpenDaySlot.objects.filter(open_day_id__in=ids).only("open_day_id", "capacity"):
        count, capacity = totals.get(slot.open_day_id, (0, 0))
        totals[slot.open_day_id] = (count + 1, capacity + slot.capacity)
    upcoming: list[DayRow] = []
    past: list[DayRow] = []
    for day in days:
        slot_count, capacity = totals.get(day.pk, (0, 0))
        row = DayRow(day, registered.get(day.pk, 0), capacity, slot_count)
        (upcoming if day.date >= today else past).append(row)
    past.reverse()
    return upcoming, past


def can_manage(*, user: User | AnonymousUser) -> bool:
    """Create open days, invite, register on someone's behalf, cancel: advisers, teamleiders."""
    return role_of(user) in MANAGE_ROLES


def is_open_for_changes(*, open_day: OpenDay, today: dt.date) -> bool:
    """Not cancelled and not over: invitations, registrations and slots may change."""
    return open_day.status != OpenDayStatus.CANCELLED and open_day.date >= today


def employer_for_new_open_day(*, user: User | AnonymousUser, employer_id: int) -> Employer | None:
    """The employer a new open day is for: advisers of every partner share all employers."""
    from werkpunt.employers.models import Employer

    if not can_manage(user=user):
        return None
    return Employer.objects.filter(pk=employer_id).first()


def demands_for_open_day(*, user: User | AnonymousUser, employer: Employer) -> QuerySet[Demand]:
    """The employer's open demands an open day can be about (newest first)."""
    if not can_manage(user=user):
        return Demand.objects.none()
    return Demand.objects.filter(employer=employer, status=DemandStatus.OPEN).order_by(
        "-created_at", "-pk"
    )


def upcoming_open_day_of(
    *, employer: Employer, today: dt.date, exclude_pk: int | None = None
) -> OpenDay | None:
    """The employer's next open day that is not cancelled (today counts), if any."""
    days = OpenDay.objects.filter(employer=employer, date__gte=today).exclude(
        status=OpenDayStatus.CANCELLED
    )
    if exclude_pk is not None:
        days = days.exclude(pk=exclude_pk)
    return days.order_by("date", "pk").first()


# --- Slots ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SlotCount:
    """A slot with how many registered; ``text`` is "9:00 tot 10:00"."""

    slot: OpenDaySlot
    registered: int

    @property
    def capacity(self) -> int:
        return self.slot.capacity

    @property
    def left(self) -> int:
        return max(self.slot.capacity - self.registered, 0)

    @property
    def full(self) -> bool:
        return self.left <= 0

    @property
    def text(self) -> str:
        return slot_text(self.slot)


def slot_counts(*, open_day: OpenDay) -> list[SlotCount]:
    """The slots of ``open_day`` (in time order) with the number of registrations.

    Only for an open day the caller got through a scoped selector (or the secret link).
    """
    slots = (
        OpenDaySlot.objects.filter(open_day=open_day)
        .annotate(
            registered=Count(
                "registrations", filter=Q(registrations__status=InvitationStatus.REGISTERED)
            )
        )
        .order_by("starts_at", "pk")
    )
    return [SlotCount(slot=slot, registered=slot.registered) for slot in slots]


# --- Who may see a candidate's identity -----------------------------------------------------


def can_see_identity(*, user: User | AnonymousUser, candidate: Candidate) -> bool:
    """The candidate's name and phone: staff of the candidate's own organisation and the
    candidate's adviser; an employer only when the candidate is released (both keys)."""
    role = role_of(user)
    if role in STAFF_ROLES:
        return candidate_selectors.can_see_identity(user=user, candidate=candidate)
    if role is Role.EMPLOYER:
        # The candidate registered for this employer's own open day (the caller's scope).
        return candidate.is_released
    return False


@dataclass(frozen=True)
class InvitationRow:
    """One invitation as the back office shows it."""

    invitation: Invitation
    show_name: bool
    #: The name for own staff and the adviser, else the reference.
    label: str
    slot_text: str
    #: No mail address: the adviser calls the candidate.
    needs_call: bool
    #: The invitation mail did not go out (yet) although there is an address.
    not_sent: bool

    @property
    def reference(self) -> str:
        return self.invitation.candidate.reference

    @property
    def phone(self) -> str:
        return self.invitation.candidate.phone if self.show_name else ""

    @property
    def score_percent(self) -> int | None:
        score = self.invitation.score
        return None if score is None else round(100 * score)


def _invitations(open_day: OpenDay) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(open_day=open_day)
        .select_related("candidate", "slot")
        .order_by("slot__starts_at", "invited_at", "pk")
    )


def invitation_rows(
    *, user: User | AnonymousUser, open_day: OpenDay
) -> list[tuple[str, str, list[InvitationRow]]]:
    """(status, Dutch label, rows) per status, for staff; empty for everyone else."""
    if role_of(user) not in STAFF_ROLES:
        return []
    groups: dict[str, list[InvitationRow]] = {str(s): [] for s in STATUS_ORDER}
    for invitation in _invitations(open_day):
        candidate = invitation.candidate
        show = can_see_identity(user=user, candidate=candidate)
        groups.setdefault(invitation.status, []).append(
            InvitationRow(
                invitation=invitation,
                show_name=show,
                label=candidate.display_name if show else candidate.reference,
                slot_text=slot_text(invitation.slot) if invitation.slot else "",
                needs_call=not candidate.email,
                not_sent=bool(candidate.email) and invitation.invitation_sent_at is None,
            )
        )
    labels = dict(InvitationStatus.choices)
    return [(status, str(labels[status]), rows) for status, rows in groups.items()]


def to_call(*, rows: Iterable[tuple[str, str, list[InvitationRow]]]) -> list[InvitationRow]:
    """Invited candidates without a mail address: their adviser calls them."""
    return [
        row
        for status, _label, group in rows
        if status == InvitationStatus.INVITED
        for row in group
        if row.needs_call
    ]


@dataclass(frozen=True)
class PortalSlot:
    """A slot for the employer: counts and who is coming (name only when released)."""

    count: SlotCount
    people: list[tuple[Candidate, str]]


def portal_slots(*, user: User | AnonymousUser, open_day: OpenDay) -> list[PortalSlot]:
    """For an employer user on their own open day: each slot with the registered people,
    named only when released (``candidate.is_released``), else the reference. No scores."""
    if role_of(user) is not Role.EMPLOYER:
        return []
    if not open_days_visible_to(user=user).filter(pk=open_day.pk).exists():
        return []
    registered: dict[int, list[tuple[Candidate, str]]] = {}
    for invitation in _invitations(open_day).filter(status=InvitationStatus.REGISTERED):
        candidate = invitation.candidate
        label = candidate.display_name if candidate.is_released else candidate.reference
        assert invitation.slot_id is not None
        registered.setdefault(invitation.slot_id, []).append((candidate, label))
    return [
        PortalSlot(count=count, people=registered.get(count.slot.pk, []))
        for count in slot_counts(open_day=open_day)
    ]


def invitation_counts(*, open_day: OpenDay) -> dict[str, int]:
    """How many invitations per status (numbers only; fine for the employer too)."""
    rows = (
        Invitation.objects.filter(open_day=open_day)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {**{str(s): 0 for s in STATUS_ORDER}, **dict(rows)}


# --- The candidate's own link ---------------------------------------------------------------


def invitation_by_token(*, token: str) -> Invitation | None:
    """The invitation of a secret link, or ``None`` for an unknown or malformed token."""
    if not token or len(token) > 64 or not all(c.isalnum() or c in "-_" for c in token):
        return None
    return (
        Invitation.objects.select_related("open_day__employer", "slot", "candidate")
        .filter(token=token)
        .first()
    )


def invitation_get(*, user: User | AnonymousUser, open_day: OpenDay, pk: int) -> Invitation | None:
    """One invitation of an open day the user could open (staff only)."""
    if role_of(user) not in STAFF_ROLES:
        return None
    return (
        Invitation.objects.select_related("candidate", "slot", "open_day__employer")
        .filter(open_day=open_day, pk=pk)
        .first()
    )


def invitation_url(*, invitation: Invitation) -> str:
    """The absolute personal link ``/open-dag/<token>/`` (Dutch, without prefix)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("opendays_public:invitation", kwargs={"token": invitation.token})
    return f"{str(settings.WERKPUNT_BASE_URL).rstrip('/')}{path}"


def open_day_url(*, open_day: OpenDay) -> str:
    """The absolute back-office link of an open day."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("opendays:detail", kwargs={"pk": open_day.pk})
    return f"{str(settings.WERKPUNT_BASE_URL).rstrip('/')}{path}"


# --- The calendar file ----------------------------------------------------------------------


def ics_uid(*, invitation: Invitation) -> str:
    """The same UID for an invitation whatever slot it has: a move updates the event."""
    domain = urlsplit(str(settings.WERKPUNT_BASE_URL)).hostname or "werkpunt.localhost"
    return f"werkpunt-opendag-{invitation.pk}@{domain}"


def ics_for_invitation(*, invitation: Invitation, now: dt.datetime | None = None) -> bytes:
    """The registered slot as one VEVENT in Europe/Amsterdam time (with a VTIMEZONE).

    Only what the day is: employer, title, address, the employer's description. No name,
    no mail address, no personal link, nothing about support or health. Raises
    ``ValueError`` when the invitation has no slot.
    """
    from icalendar import Alarm, Calendar, Event

    slot = invitation.slot
    if slot is None:
        raise ValueError("uitnodiging zonder tijdvak")
    open_day = invitation.open_day
    zone = ZoneInfo(settings.TIME_ZONE)
    stamp = (now or timezone.now()).astimezone(dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//Werkpunt//Open dag//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", ics_uid(invitation=invitation))
    event.add("dtstamp", stamp)
    event.add("dtstart", slot.starts_at.astimezone(zone))
    event.add("dtend", slot.ends_at.astimezone(zone))
    # Grows with every move to another slot, so calendar apps replace the old time.
    registered = invitation.registered_at or open_day.created_at
    event.add("sequence", max(int((registered - open_day.created_at).total_seconds() // 60), 0))
    event.add(
        "summary", gettext("Open dag bij %(employer)s") % {"employer": open_day.employer.name}
    )
    event.add("location", where_text(open_day))
    lines = [open_day.title]
    if open_day.description:
        lines.append(open_day.description)
    lines.append(
        gettext("Kunt u niet komen? Zeg het via de link in de uitnodiging, of bel uw adviseur.")
    )
    event.add("description", "\n\n".join(lines))
    cancelled = open_day.status == OpenDayStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if not cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", gettext("Open dag over een uur"))
        alarm.add("trigger", -dt.timedelta(hours=1))
        event.add_component(alarm)
    calendar.add_component(event)
    local_day = timezone.localtime(slot.starts_at).date()
    calendar.add_missing_timezones(
        first_date=local_day - dt.timedelta(days=366), last_date=local_day + dt.timedelta(days=366)
    )
    return bytes(calendar.to_ical())


# --- Who fits: the matching core ------------------------------------------------------------


class DemandNotUsable(ValueError):  # noqa: N818 - a state, not an error of the program
    """The demand cannot be matched (no tasks, or data the core does not accept)."""


def match_demand(*, demand: Demand) -> match_core.Demand:
    """The demand for the core; :class:`DemandNotUsable` (Dutch) when it cannot be matched."""
    if not demand.tasks.exists():
        raise DemandNotUsable(
            gettext("De werkvraag heeft nog geen taken. Voeg eerst taken toe aan de werkvraag.")
        )
    try:
        return as_match_demand(demand=demand)
    except ValueError as error:
        raise DemandNotUsable(
            gettext("De werkvraag is niet compleet: %(reason)s") % {"reason": error}
        ) from error


@dataclass(frozen=True)
class Fit:
    """A candidate who fits an open day: the score (with a demand) and the travel time."""

    candidate: Candidate
    score: float | None
    travel_minutes: float


def invitable_candidates(*, open_day: OpenDay) -> QuerySet[Candidate]:
    """Candidates of all partners who may be invited: looking for work, not anonymised,
    gave their own consent and did not withdraw it, and not invited to this day yet."""
    return (
        Candidate.objects.active()
        .filter(candidate_consent_at__isnull=False, consent_withdrawn_at__isnull=True)
        .exclude(open_day_invitations__open_day=open_day)
        .order_by("pk")
    )


def fitting_candidates(
    *, user: User | AnonymousUser, open_day: OpenDay, limit: int, min_score: float
) -> list[Fit]:
    """Who to invite, best first, at most ``limit`` (nobody for who may not manage).

    - With a demand (not open hiring): the hard constraints of the core and a score of at
      least ``min_score``; best score first, then the smaller id.
    - With an open-hiring demand: the employer's stated basic requirements (no score), and
      the travel time to the open day; nearest first.
    - Without a demand: only the travel time from home to the open day's place with the
      candidate's own mode and maximum; nearest first.

    Raises :class:`DemandNotUsable` when the demand has no tasks.
    """
    if not can_manage(user=user) or limit <= 0:
        return []
    rows = list(invitable_candidates(open_day=open_day))
    profiles: list[tuple[Candidate, match_core.Candidate]] = []
    for row in rows:
        try:
            profiles.append((row, as_match_candidate(candidate=row)))
        except ValueError as error:
            logger.warning("Kandidaat %s overgeslagen voor open dag: %s", row.pk, error)
    demand = match_demand(demand=open_day.demand) if open_day.demand is not None else None
    if not profiles:
        return []
    matcher = Matcher.default()
    fits: list[Fit] = []
    if demand is not None and not demand.open_hiring:
        pool = matcher.pool([profile for _, profile in profiles])
        scores = pool.score_demand(demand)
        for i, (row, _profile) in enumerate(profiles):
            score = float(scores.score[i])
            if bool(scores.passed[i]) and score >= min_score:
                fits.append(Fit(row, score, float(scores.travel_minutes[i])))
        fits.sort(key=lambda fit: (-(fit.score or 0.0), fit.candidate.pk))
        return fits[:limit]
    for row, profile in profiles:
        minutes = matcher.places.minutes(profile.home_place, open_day.place, profile.travel_mode)
        if check_travel(profile, minutes) is not None:
            continue
        if demand is not None and basic_requirements(profile, demand):
            continue
        fits.append(Fit(row, None, minutes))
    fits.sort(
        key=lambda fit: (
            fit.travel_minutes if math.isfinite(fit.travel_minutes) else 1e9,
            fit.candidate.pk,
        )
    )
    return fits[:limit]
