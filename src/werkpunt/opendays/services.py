"""Writes of the opendays app (``docs/opendays.md``).

An employer opens its doors once for the job seekers of all seven partners:

- :func:`open_day_create` plans the day with its slots (one upcoming open day per employer);
  :func:`slot_add` and :func:`slot_remove` change the slots; :func:`open_day_cancel` calls it
  off and tells everyone who registered;
- :func:`invite_fitting` invites the candidates of all partners who gave their own consent
  and fit, and mails each one a personal link (candidates without a mail address are listed
  for their adviser to call);
- :func:`register` (capacity checked under a row lock), :func:`decline` and :func:`cancel`
  are what a candidate does through the link, or an adviser on their behalf;
- :func:`send_reminders` mails one reminder with an .ics file the day before.

Errors are ``ValidationError`` with Dutch messages keyed by field. Mails go out after the
rows are committed; a mail that fails is logged and sent by the next run.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from werkpunt.matching import load_places
from werkpunt.opendays import mail, selectors
from werkpunt.opendays.models import (
    Invitation,
    InvitationStatus,
    OpenDay,
    OpenDaySlot,
    OpenDayStatus,
)
from werkpunt.opendays.text import day_text

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from werkpunt.demands.models import Demand
    from werkpunt.employers.models import Employer

    UserLike = User | AnonymousUser

logger = logging.getLogger(__name__)

#: Places per slot: at least 1, at most this many.
MAX_CAPACITY = 200
#: An open day has at most this many slots.
MAX_SLOTS = 12
#: How many candidates one click on "invite" invites at most, by default.
DEFAULT_INVITE_LIMIT = 50
#: The most one click may invite.
MAX_INVITE_LIMIT = 500
#: Reminders go out this many days before the open day.
REMINDER_DAYS_BEFORE = 1

#: Mail errors that leave a row unsent, to be sent by the next run.
MAIL_ERRORS = (smtplib.SMTPException, OSError)

#: (starts at, ends at, capacity).
SlotSpec = tuple[dt.datetime, dt.datetime, int]

ModelT = TypeVar("ModelT", bound=models.Model)


def _error(field_name: str, message: str) -> ValidationError:
    return ValidationError({field_name: [message]})


def _real_user(user: UserLike | None) -> User | None:
    """The user for a foreign key: ``None`` for nobody or an anonymous user."""
    if user is None or not user.is_authenticated:
        return None
    return user


def _aware(moment: dt.datetime) -> dt.datetime:
    if timezone.is_naive(moment):
        return timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def _claim(model: type[ModelT], pk: int) -> ModelT | None:
    """The row, locked for this transaction; ``None`` when another worker holds it.

    PostgreSQL: ``SELECT ... FOR UPDATE SKIP LOCKED``, so a second worker does not wait for
    a send in progress but leaves it to the first. SQLite has no row locks (Django leaves
    the clause out); the embedded default runs tasks one at a time in one process.
    """
    rows = model._default_manager.filter(pk=pk)
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True)
    else:
        rows = rows.select_for_update()
    return rows.first()


def _check_open(open_day: OpenDay, today: dt.date, field_name: str = NON_FIELD_ERRORS) -> None:
    if open_day.status == OpenDayStatus.CANCELLED:
        raise _error(field_name, gettext("Deze open dag gaat niet door."))
    if open_day.date < today:
        raise _error(field_name, gettext("Deze open dag is al voorbij."))


# --- Planning the day ----------------------------------------------------------------------


def slot_problems(*, date: dt.date, slot: SlotSpec) -> list[str]:
    """Dutch messages for one slot that is not on ``date``, not in order, or too big."""
    starts_at, ends_at, capacity = slot
    problems: list[str] = []
    start, end = timezone.localtime(_aware(starts_at)), timezone.localtime(_aware(ends_at))
    if start.date() != date or end.date() != date:
        problems.append(gettext("Begin en einde moeten op de dag van de open dag liggen."))
    elif end <= start:
        problems.append(gettext("De eindtijd moet later zijn dan de begintijd."))
    if not 1 <= int(capacity) <= MAX_CAPACITY:
        problems.append(
            gettext("Het aantal plaatsen moet tussen 1 en %(max)s liggen.") % {"max": MAX_CAPACITY}
        )
    return problems


def slot_errors(*, date: dt.date, slots: Sequence[SlotSpec]) -> list[str]:
    """Dutch messages for all slots, each with its number ("Tijdvak 2: …")."""
    if not slots:
        return [gettext("Geef minstens één tijdvak op, met een begintijd, eindtijd en plaatsen.")]
    errors: list[str] = []
    if len(slots) > MAX_SLOTS:
        errors.append(
            gettext("Een open dag heeft hoogstens %(max)s tijdvakken.") % {"max": MAX_SLOTS}
        )
    for number, slot in enumerate(slots, start=1):
        errors.extend(
            gettext("Tijdvak %(n)s: %(problem)s") % {"n": number, "problem": problem}
            for problem in slot_problems(date=date, slot=slot)
        )
    return errors


def _day_errors(
    *,
    employer: Employer,
    title: str,
    date: dt.date,
    address: str,
    place: str,
    description: str,
    demand: Demand | None,
    today: dt.date,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not title:
        add("title", gettext("Vul een titel in, bijvoorbeeld ‘Kijkdag in de kwekerij’."))
    elif len(title) > 200:
        add("title", gettext("De titel is te lang. Gebruik hoogstens 200 tekens."))
    if date <= today:
        add("date", gettext("Kies een datum na vandaag."))
    if not address:
        add("address", gettext("Vul het adres in waar de open dag is."))
    elif len(address) > 300:
        add("address", gettext("Het adres is te lang. Gebruik hoogstens 300 tekens."))
    if place not in load_places():
        add("place", gettext("Kies de plaats uit de lijst."))
    if len(description) > 4000:
        add("description", gettext("De tekst is te lang. Gebruik hoogstens 4000 tekens."))
    if demand is not None and demand.employer_id != employer.pk:
        add("demand", gettext("Deze werkvraag hoort bij een andere werkgever."))
    return errors


@transaction.atomic
def open_day_create(
    *,
    employer: Employer,
    by: UserLike | None,
    title: str,
    date: dt.date,
    address: str,
    place: str,
    description: str = "",
    demand: Demand | None = None,
    slots: Sequence[SlotSpec],
    today: dt.date | None = None,
) -> OpenDay:
    """Plan an open day with its slots. Refused while the employer has another upcoming
    open day (not cancelled): one open day for all seven partners is the point."""
    from werkpunt.employers.models import Employer as EmployerModel

    today = today or timezone.localdate()
    title, address, description = title.strip(), address.strip(), description.strip()
    errors = _day_errors(
        employer=employer,
        title=title,
        date=date,
        address=address,
        place=place,
        description=description,
        demand=demand,
        today=today,
    )
    problems = slot_errors(date=date, slots=slots) if "date" not in errors else []
    if problems:
        errors["slots"] = problems
    # The employer row is the lock: two advisers planning at once cannot make two days.
    EmployerModel.objects.select_for_update().filter(pk=employer.pk).first()
    existing = selectors.upcoming_open_day_of(employer=employer, today=today)
    if existing is not None:
        errors.setdefault(NON_FIELD_ERRORS, []).append(
            gettext(
                "%(employer)s heeft al een open dag op %(day)s. Er is één open dag tegelijk, "
                "zodat de kandidaten van alle partners op dezelfde dag komen. Pas die open dag "
                "aan, of annuleer hem eerst."
            )
            % {"employer": employer.name, "day": day_text(existing.date)}
        )
    if errors:
        raise ValidationError(errors)
    open_day = OpenDay.objects.create(
        employer=employer,
        demand=demand,
        title=title,
        date=date,
        address=address,
        place=place,
        description=description,
        created_by=_real_user(by),
    )
    OpenDaySlot.objects.bulk_create(
        OpenDaySlot(
            open_day=open_day,
            starts_at=_aware(starts_at),
            ends_at=_aware(ends_at),
            capacity=int(capacity),
        )
        for starts_at, ends_at, capacity in sorted(slots, key=lambda s: (_aware(s[0]), s[1]))
    )
    return open_day


@transaction.atomic
def slot_add(
    *,
    open_day: OpenDay,
    by: UserLike | None,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    capacity: int,
    today: dt.date | None = None,
) -> OpenDaySlot:
    """Add a slot to an open day that is not cancelled or over."""
    today = today or timezone.localdate()
    day = OpenDay.objects.select_for_update().get(pk=open_day.pk)
    _check_open(day, today)
    problems = slot_problems(date=day.date, slot=(starts_at, ends_at, capacity))
    if day.slots.count() >= MAX_SLOTS:
        problems.append(
            gettext("Een open dag heeft hoogstens %(max)s tijdvakken.") % {"max": MAX_SLOTS}
        )
    if problems:
        raise ValidationError({"slots": problems})
    return OpenDaySlot.objects.create(
        open_day=day, starts_at=_aware(starts_at), ends_at=_aware(ends_at), capacity=int(capacity)
    )


@transaction.atomic
def slot_remove(*, slot: OpenDaySlot, by: UserLike | None, today: dt.date | None = None) -> None:
    """Remove a slot nobody registered for; the last slot of a day stays."""
    today = today or timezone.localdate()
    day = OpenDay.objects.select_for_update().get(pk=slot.open_day_id)
    _check_open(day, today)
    if day.slots.count() <= 1:
        raise _error(
            NON_FIELD_ERRORS,
            gettext("Dit is het laatste tijdvak. Een open dag heeft minstens één tijdvak."),
        )
    if Invitation.objects.filter(slot_id=slot.pk, status=InvitationStatus.REGISTERED).exists():
        raise _error(
            NON_FIELD_ERRORS,
            gettext(
                "Voor dit tijdvak zijn al mensen aangemeld. Zet hen eerst over naar een ander "
                "tijdvak."
            ),
        )
    OpenDaySlot.objects.filter(pk=slot.pk).delete()


# --- Inviting ----------------------------------------------------------------------------


@dataclass(frozen=True)
class InviteResult:
    """What :func:`invite_fitting` did."""

    #: New invitations made by this run.
    invited: int
    #: Invitation mails sent by this run (new ones and earlier ones that had failed).
    mailed: int = 0
    #: Mails that could not be sent now; the next run sends them.
    failed: int = 0
    #: New invitations of candidates without a mail address: their adviser calls them.
    without_email: list[Invitation] = field(default_factory=list)


def invite_fitting(
    *,
    open_day: OpenDay,
    by: UserLike,
    limit: int = DEFAULT_INVITE_LIMIT,
    min_score: float = 0.3,
    today: dt.date | None = None,
) -> InviteResult:
    """Invite the candidates of all partners who fit, at most ``limit`` new ones.

    Who fits is decided by :func:`werkpunt.opendays.selectors.fitting_candidates`: active,
    own consent given and not withdrawn, not invited yet, and with a demand the core's hard
    constraints and a score of at least ``min_score`` (without a demand: the travel time to
    the open day). The rows are made in one transaction under a lock on the open day;
    then each candidate with a mail address gets the invitation mail (and earlier ones that
    failed are tried again). The advisers of candidates without an address get one mail
    with the references to call.
    """
    today = today or timezone.localdate()
    if not 1 <= limit <= MAX_INVITE_LIMIT:
        raise _error(
            "limit",
            gettext("Nodig tussen 1 en %(max)s mensen tegelijk uit.") % {"max": MAX_INVITE_LIMIT},
        )
    if not 0.0 <= min_score <= 1.0:
        raise _error("min_score", gettext("De minimale score ligt tussen 0 en 1."))
    created: list[Invitation] = []
    with transaction.atomic():
        day = (
            OpenDay.objects.select_for_update(of=("self",))
            .select_related("demand")
            .get(pk=open_day.pk)
        )
        _check_open(day, today)
        if not day.slots.exists():
            raise _error(NON_FIELD_ERRORS, gettext("Voeg eerst een tijdvak toe."))
        try:
            fits = selectors.fitting_candidates(
                user=by, open_day=day, limit=limit, min_score=min_score
            )
        except selectors.DemandNotUsable as error:
            raise _error("demand", str(error)) from error
        for fit in fits:
            invitation, made = Invitation.objects.get_or_create(
                open_day=day,
                candidate=fit.candidate,
                defaults={
                    "score": round(fit.score, 4) if fit.score is not None else None,
                    "invited_by": _real_user(by),
                },
            )
            if made:
                created.append(invitation)
        if created and day.status == OpenDayStatus.DRAFT:
            day.status = OpenDayStatus.PUBLISHED
            day.save(update_fields=["status"])
    mailed, failed = send_pending_invitations(open_day=day)
    without_email = [i for i in created if not i.candidate.email]
    _send_call_lists(open_day=day, invitations=without_email)
    logger.info(
        "Open dag %s: %s uitgenodigd, %s mails verstuurd, %s mislukt, %s zonder e-mail",
        day.pk,
        len(created),
        mailed,
        failed,
        len(without_email),
    )
    return InviteResult(
        invited=len(created), mailed=mailed, failed=failed, without_email=without_email
    )


def invitation_send(*, invitation_id: int) -> bool:
    """Send one invitation mail unless it went out already; ``True`` when sent now.

    The row is locked while the mail is sent and marked sent in the same transaction
    (at least once: see ``docs/opendays.md``). Raises what the mail backend raises.
    """
    with transaction.atomic():
        invitation = _claim(Invitation, invitation_id)
        if invitation is None or invitation.invitation_sent_at is not None:
            return False
        if invitation.status != InvitationStatus.INVITED or not invitation.candidate.email:
            return False
        if invitation.open_day.status == OpenDayStatus.CANCELLED:
            return False
        mail.invitation_message(invitation=invitation).send(fail_silently=False)
        invitation.invitation_sent_at = timezone.now()
        invitation.save(update_fields=["invitation_sent_at"])
    return True


def send_pending_invitations(*, open_day: OpenDay) -> tuple[int, int]:
    """Send every invitation mail of ``open_day`` that has not gone out: (sent, failed)."""
    pending = (
        Invitation.objects.filter(
            open_day=open_day,
            status=InvitationStatus.INVITED,
            invitation_sent_at__isnull=True,
        )
        .exclude(candidate__email="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    sent = failed = 0
    for pk in list(pending):
        try:
            sent += invitation_send(invitation_id=pk)
        except MAIL_ERRORS:
            failed += 1
            logger.exception("Uitnodiging %s voor open dag %s niet verstuurd", pk, open_day.pk)
    return sent, failed


def _send_call_lists(*, open_day: OpenDay, invitations: Sequence[Invitation]) -> None:
    """One mail per adviser with the references of their candidates without a mail address."""
    per_adviser: dict[int, tuple[Any, list[str]]] = {}
    for invitation in invitations:
        adviser = invitation.candidate.adviser
        if adviser is None or not adviser.email or not adviser.is_active:
            continue
        per_adviser.setdefault(adviser.pk, (adviser, []))[1].append(invitation.candidate.reference)
    for adviser, references in per_adviser.values():
        try:
            mail.call_list_message(
                adviser=adviser, open_day=open_day, references=sorted(references)
            ).send(fail_silently=False)
        except MAIL_ERRORS:
            logger.exception("Bellijst voor open dag %s niet verstuurd", open_day.pk)


# --- Registering -------------------------------------------------------------------------


def _lock_slot(pk: int) -> OpenDaySlot | None:
    """The slot, locked until the transaction ends.

    PostgreSQL: ``SELECT ... FOR UPDATE``; a second registration for the same slot waits
    until the first committed and then counts it. SQLite has no row locks: an update that
    changes nothing makes this transaction the database's only writer at once, so the
    next registration waits (busy timeout) and counts after this one committed.
    """
    if not connection.features.has_select_for_update:
        OpenDaySlot.objects.filter(pk=pk).update(capacity=F("capacity"))
    return OpenDaySlot.objects.select_for_update().filter(pk=pk).first()


def register(
    *,
    invitation: Invitation,
    slot: OpenDaySlot,
    by: UserLike | None = None,
    today: dt.date | None = None,
) -> Invitation:
    """Register the invited candidate for ``slot``; moving to another slot is allowed.

    The slot is locked while its registrations are counted, so a slot never gets more
    people than places. A full slot, a slot of another day, a cancelled or past day: a
    Dutch error on ``slot``. With ``by`` (an adviser did it for the candidate) the
    candidate gets a confirmation mail.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        locked_slot = _lock_slot(slot.pk)
        current = Invitation.objects.select_for_update().get(pk=invitation.pk)
        day = OpenDay.objects.get(pk=current.open_day_id)
        _check_open(day, today, "slot")
        if locked_slot is None or locked_slot.open_day_id != day.pk:
            raise _error("slot", gettext("Kies een van de tijden van deze open dag."))
        if locked_slot.starts_at <= now:
            raise _error("slot", gettext("Deze tijd is al begonnen. Kies een latere tijd."))
        if current.status == InvitationStatus.REGISTERED and current.slot_id == locked_slot.pk:
            return current
        taken = (
            Invitation.objects.filter(slot=locked_slot, status=InvitationStatus.REGISTERED)
            .exclude(pk=current.pk)
            .count()
        )
        if taken >= locked_slot.capacity:
            raise _error("slot", gettext("Deze tijd is vol. Kies een andere tijd."))
        current.status = InvitationStatus.REGISTERED
        current.slot = locked_slot
        current.registered_at = now
        # A new time is a new reminder.
        current.reminder_sent_at = None
        current.save(update_fields=["status", "slot", "registered_at", "reminder_sent_at"])
    if by is not None and by.is_authenticated and current.candidate.email:
        try:
            mail.registered_message(invitation=current).send(fail_silently=False)
        except MAIL_ERRORS:
            logger.exception("Bevestiging van aanmelding %s niet verstuurd", current.pk)
    return current


def _leave(
    *, invitation: Invitation, status: InvitationStatus, today: dt.date | None
) -> Invitation:
    today = today or timezone.localdate()
    with transaction.atomic():
        current = Invitation.objects.select_for_update().get(pk=invitation.pk)
        _check_open(OpenDay.objects.get(pk=current.open_day_id), today)
        if status == InvitationStatus.CANCELLED and current.status != InvitationStatus.REGISTERED:
            raise _error(
                NON_FIELD_ERRORS, gettext("U bent niet aangemeld. Er is niets om af te melden.")
            )
        current.status = status
        current.slot = None
        current.registered_at = None
        current.reminder_sent_at = None
        current.save(update_fields=["status", "slot", "registered_at", "reminder_sent_at"])
    return current


def decline(
    *,
    invitation: Invitation,
    by: UserLike | None = None,
    today: dt.date | None = None,
) -> Invitation:
    """The candidate cannot come (a registration is given up too); they may still register
    later while the day is open."""
    return _leave(invitation=invitation, status=InvitationStatus.DECLINED, today=today)


def cancel(
    *,
    invitation: Invitation,
    by: UserLike | None = None,
    today: dt.date | None = None,
) -> Invitation:
    """Cancel a registration: the place is free again. Only for a registered invitation."""
    return _leave(invitation=invitation, status=InvitationStatus.CANCELLED, today=today)


# --- Cancelling the day ------------------------------------------------------------------


def open_day_cancel(*, open_day: OpenDay, by: UserLike, today: dt.date | None = None) -> int:
    """Call the open day off and mail everyone registered; returns how many were mailed.

    Invitations keep their status (the link then says the day does not go ahead). A mail
    that fails is logged; the adviser sees who was registered on the page.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        day = OpenDay.objects.select_for_update().get(pk=open_day.pk)
        _check_open(day, today)
        day.status = OpenDayStatus.CANCELLED
        day.save(update_fields=["status"])
        registered = list(
            Invitation.objects.filter(open_day=day, status=InvitationStatus.REGISTERED)
            .exclude(candidate__email="")
            .select_related("candidate__adviser", "slot", "open_day__employer")
            .order_by("pk")
        )
    mailed = 0
    for invitation in registered:
        try:
            mail.cancelled_message(invitation=invitation).send(fail_silently=False)
        except MAIL_ERRORS:
            logger.exception("Afzegging %s van open dag %s niet verstuurd", invitation.pk, day.pk)
        else:
            mailed += 1
    return mailed


def open_days_mark_held(*, today: dt.date) -> int:
    """Open days whose date has passed (and that were not cancelled) are marked held."""
    return (
        OpenDay.objects.filter(date__lt=today)
        .exclude(status__in=[OpenDayStatus.CANCELLED, OpenDayStatus.HELD])
        .update(status=OpenDayStatus.HELD)
    )


# --- Reminders ---------------------------------------------------------------------------


class ReminderOutcome(StrEnum):
    SENT = "sent"
    #: Sent before, or no longer registered / the day is off: nothing done.
    ALREADY_DONE = "already_done"
    #: Another worker holds the row right now (PostgreSQL); it sends the mail.
    BUSY = "busy"


@dataclass
class ReminderRun:
    """What one run of :func:`send_reminders` did."""

    sent: int = 0
    skipped: int = 0
    failed: int = 0


def reminder_send(*, invitation_id: int, now: dt.datetime | None = None) -> ReminderOutcome:
    """Send the one reminder of a registration, unless it went out already.

    Lock the row (skip it when another worker holds it), check it is still registered and
    not reminded, send the mail **while holding the lock**, then set ``reminder_sent_at``
    in the same transaction. A mail error rolls back: the row stays unsent and the next
    run sends it. Only a crash after the mail server accepted the mail and before the
    commit sends it twice (same Message-ID). Raises what the mail backend raises.
    """
    now = now or timezone.now()
    with transaction.atomic():
        invitation = _claim(Invitation, invitation_id)
        if invitation is None:
            return ReminderOutcome.BUSY
        if (
            invitation.reminder_sent_at is not None
            or invitation.status != InvitationStatus.REGISTERED
            or invitation.slot is None
            or invitation.open_day.status == OpenDayStatus.CANCELLED
            or not invitation.candidate.email
        ):
            return ReminderOutcome.ALREADY_DONE
        mail.reminder_message(invitation=invitation).send(fail_silently=False)
        # From here until the commit returns, a crash means a second mail (same Message-ID).
        invitation.reminder_sent_at = now
        invitation.save(update_fields=["reminder_sent_at"])
    return ReminderOutcome.SENT


def send_reminders(
    *, today: dt.date, days_before: int = REMINDER_DAYS_BEFORE, now: dt.datetime | None = None
) -> ReminderRun:
    """Remind everyone registered for an open day from ``today`` up to ``today`` +
    ``days_before`` whose slot has not started: one mail each, however often this runs.

    ``today`` is in the window too, so a run missed yesterday still reminds on the day.
    """
    now = now or timezone.now()
    pending = (
        Invitation.objects.filter(
            status=InvitationStatus.REGISTERED,
            reminder_sent_at__isnull=True,
            open_day__date__gte=today,
            open_day__date__lte=today + dt.timedelta(days=days_before),
            slot__starts_at__gt=now,
        )
        .exclude(open_day__status=OpenDayStatus.CANCELLED)
        .exclude(candidate__email="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    run = ReminderRun()
    for pk in list(pending):
        try:
            outcome = reminder_send(invitation_id=pk, now=now)
        except MAIL_ERRORS:
            run.failed += 1
            logger.exception("Herinnering voor uitnodiging %s niet verstuurd", pk)
            continue
        if outcome is ReminderOutcome.SENT:
            run.sent += 1
        else:
            run.skipped += 1
    return run
