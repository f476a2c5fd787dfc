"""Writes of the placements app. Each function is one transaction; see docs/placements.md.

Errors are :class:`django.core.exceptions.ValidationError` with Dutch messages. Where a
message belongs to one input it is keyed by the argument's name (``worker_name``,
``consent_recorded``, ``hourly_wage_cents``, ...) or, for the answers in ``situation``,
by the situation field (``benefit``, ``loonwaarde_percentage``, ...).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from werkpunt.accounts.models import AuditAction, Role
from werkpunt.accounts.permissions import role_of
from werkpunt.accounts.services import audit_record
from werkpunt.placements.models import (
    AfterSalesTask,
    ContractKind,
    Deadline,
    DeadlineStatus,
    Helper,
    HelperRole,
    Placement,
    PlacementStatus,
    Sustainability,
    Worker,
)
from werkpunt.placements.situations import (
    CONTRACT_INSTRUMENT,
    KEPT_AFTER_ANONYMISATION,
    KNOWN_INSTRUMENTS,
    action_selected,
    compose,
    extras_only,
    situation_for,
)
from werkpunt.rules import Action, Municipality, SituationError, evaluate, parse_situation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from werkpunt.employers.models import Employer

    UserLike = User | AnonymousUser

#: The display name of an anonymised worker.
ANONYMISED_NAME = "geanonimiseerd"
#: Longest text of a deadline's title (the model's max_length).
TITLE_MAX = 300
#: Roles whose account may be linked to a helper (they then see the placement).
HELPER_USER_ROLES = frozenset({Role.JOBCOACH, Role.ADVISER, Role.TEAM_LEAD})
#: Situation fields whose rules messages belong to a placement argument.
RULES_FIELD_TO_ARGUMENT = {
    "birth_date": "worker_birth_date",
    "municipality": "worker_municipality",
    "hourly_wage": "hourly_wage_cents",
    "hours_per_year": "hours_per_week",
}
MUNICIPALITY_CODES = frozenset(m.value for m in Municipality)
PHONE_PATTERN = re.compile(r"^\+?[0-9 -]+$")
MAX_WAGE_CENTS = 100_000


# --- Small helpers -------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months; a day that does not exist becomes the month's last day
    (31 January + 1 month = 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def moment_date(start: dt.date, unit: str, amount: int) -> dt.date:
    """The date of an after-sales moment: ``("weeks", 2)``, ``("months", 3)`` or ``("days", n)``."""
    if unit == "weeks":
        return start + dt.timedelta(weeks=amount)
    if unit == "months":
        return add_months(start, amount)
    if unit == "days":
        return start + dt.timedelta(days=amount)
    raise ValueError(f"onbekende eenheid {unit!r} in WERKPUNT_AFTERSALES_MOMENTS")


def _real_user(user: UserLike | None) -> User | None:
    """The user for a foreign key: ``None`` for nobody or an anonymous user."""
    if user is None or not user.is_authenticated:
        return None
    return user


def _today() -> dt.date:
    return timezone.localdate()


def _decimal(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _errors_from_situation(error: SituationError) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in error.errors:
        key = RULES_FIELD_TO_ARGUMENT.get(item.field, item.field)
        found.setdefault(key, []).append(item.message.render("nl"))
    return found


@dataclass(frozen=True, slots=True)
class PlacementFields:
    """The placement's own fields, checked together (create and update)."""

    birth_date: dt.date | None
    municipality: str
    start_date: dt.date
    end_date: dt.date | None
    hours_per_week: Decimal
    hourly_wage_cents: int
    contract: str
    extras: dict[str, Any]


def _check_fields(fields: PlacementFields, errors: dict[str, list[str]]) -> None:
    """Add the errors of the placement fields and of the rules situation to ``errors``."""
    if fields.contract not in ContractKind.values:
        errors.setdefault("contract", []).append(_("Kies een soort contract uit de lijst."))
    if fields.contract == ContractKind.FIXED and fields.end_date is None:
        errors.setdefault("end_date", []).append(
            _("Vul de einddatum in. Een tijdelijk contract heeft een einddatum.")
        )
    if fields.contract == ContractKind.OPEN_ENDED and fields.end_date is not None:
        errors.setdefault("end_date", []).append(
            _(
                "Een vast contract heeft geen einddatum. Laat de einddatum leeg of kies ‘Tijdelijk contract’."
            )
        )
    if fields.end_date is not None and fields.end_date < fields.start_date:
        errors.setdefault("end_date", []).append(
            _("De einddatum ligt vóór de eerste werkdag. Kies een latere datum.")
        )
    hours = _decimal(fields.hours_per_week)
    if (
        hours is None
        or not Decimal(0) < hours <= Decimal(60)
        or hours != hours.quantize(Decimal("0.1"))
    ):
        errors.setdefault("hours_per_week", []).append(
            _(
                "Vul een aantal uren per week in van meer dan 0 tot en met 60, met hoogstens 1 cijfer achter de komma."
            )
        )
    if not 0 <= fields.hourly_wage_cents <= MAX_WAGE_CENTS:
        errors.setdefault("hourly_wage_cents", []).append(
            _("Vul een bruto uurloon in tussen € 0 en € 1.000.")
        )
    if fields.municipality and fields.municipality not in MUNICIPALITY_CODES:
        errors.setdefault("worker_municipality", []).append(
            _("Kies een van de zes gemeenten, of laat de woongemeente leeg.")
        )
    if errors:
        return
    try:
        parse_situation(
            compose(
                extras=fields.extras,
                birth_date=fields.birth_date,
                start_date=fields.start_date,
                end_date=fields.end_date,
                hours_per_week=fields.hours_per_week,
                hourly_wage_cents=fields.hourly_wage_cents,
                contract=fields.contract,
                municipality=fields.municipality,
            )
        )
    except SituationError as error:
        for key, messages in _errors_from_situation(error).items():
            errors.setdefault(key, []).extend(messages)


def _raise(errors: Mapping[str, list[str]]) -> None:
    if errors:
        raise ValidationError({key: list(messages) for key, messages in errors.items()})


# --- Placements ----------------------------------------------------------------------------


def placement_create(
    *,
    employer: Employer,
    worker_name: str,
    worker_birth_date: dt.date,
    worker_municipality: str,
    consent_recorded: bool,
    job_title: str,
    start_date: dt.date,
    end_date: dt.date | None,
    hours_per_week: Decimal,
    hourly_wage_cents: int,
    contract: str,
    situation: Mapping[str, Any],
    instruments: Iterable[str],
    created_by: UserLike,
    as_of: dt.date,
) -> Placement:
    """Register a placement: the worker (with consent), the placement, its deadlines and
    its after-sales plan, and an audit event. Nothing is stored when anything is wrong.

    ``situation`` holds the answers the rules need beyond the placement's own fields
    (``benefit``, ``doelgroepregister``, ``loonwaarde_percentage``, ...; field names as in
    ``werkpunt.rules``). Placement fields in it are ignored: the arguments win.
    """
    if not consent_recorded:
        raise ValidationError(
            {
                "consent_recorded": [
                    _(
                        "Leg eerst vast dat de werknemer toestemming gaf. Zonder toestemming "
                        "legt Werkpunt geen gegevens van de werknemer vast."
                    )
                ]
            }
        )
    errors: dict[str, list[str]] = {}
    name = " ".join(str(worker_name).split())
    if not name:
        errors["worker_name"] = [_("Vul de naam van de werknemer in.")]
    elif len(name) > 100:
        errors["worker_name"] = [_("De naam is te lang. Gebruik hoogstens 100 tekens.")]
    title = " ".join(str(job_title).split())
    if not title:
        errors["job_title"] = [_("Vul de functie in.")]
    elif len(title) > 200:
        errors["job_title"] = [_("De functie is te lang. Gebruik hoogstens 200 tekens.")]
    chosen = list(dict.fromkeys(str(code) for code in instruments))
    unknown = [code for code in chosen if code not in KNOWN_INSTRUMENTS]
    if unknown:
        errors["instruments"] = [
            _("Deze regeling kennen we niet: %(codes)s.") % {"codes": ", ".join(unknown)}
        ]
    extras = extras_only(situation)
    _check_fields(
        PlacementFields(
            birth_date=worker_birth_date,
            municipality=worker_municipality or "",
            start_date=start_date,
            end_date=end_date,
            hours_per_week=hours_per_week,
            hourly_wage_cents=hourly_wage_cents,
            contract=contract,
            extras=extras,
        ),
        errors,
    )
    _raise(errors)
    now = timezone.now()
    with transaction.atomic():
        worker = Worker.objects.create(
            display_name=name,
            birth_date=worker_birth_date,
            municipality=worker_municipality or "",
            consent_at=now,
            consent_by=_real_user(created_by),
        )
        placement = Placement.objects.create(
            employer=employer,
            worker=worker,
            job_title=title,
            start_date=start_date,
            end_date=end_date,
            hours_per_week=hours_per_week,
            hourly_wage_cents=hourly_wage_cents,
            contract=contract,
            status=PlacementStatus.PLANNED if start_date > as_of else PlacementStatus.ACTIVE,
            situation=extras,
            instruments=chosen,
            created_by=_real_user(created_by),
            created_at=now,
        )
        deadlines_sync(placement=placement, as_of=as_of)
        aftersales_plan_create(placement=placement)
        audit_record(
            actor=created_by,
            action=AuditAction.CREATE,
            obj=placement,
            fields=[
                "worker.display_name",
                "worker.birth_date",
                "worker.municipality",
                "worker.consent_at",
                "situation",
            ],
            reason="plaatsing vastgelegd met toestemming van de werknemer",
        )
    return placement


def placement_update(
    *,
    placement: Placement,
    hours_per_week: Decimal,
    hourly_wage_cents: int,
    end_date: dt.date | None,
    by: UserLike,
    as_of: dt.date | None = None,
) -> Placement:
    """Change hours, wage or the contract's end date, and compute the deadlines again."""
    if placement.worker.anonymised_at is not None:
        raise ValidationError(
            _(
                "De gegevens van deze werknemer zijn verwijderd. Deze plaatsing kan niet meer veranderen."
            )
        )
    errors: dict[str, list[str]] = {}
    _check_fields(
        PlacementFields(
            birth_date=placement.worker.birth_date,
            municipality=placement.worker.municipality,
            start_date=placement.start_date,
            end_date=end_date,
            hours_per_week=hours_per_week,
            hourly_wage_cents=hourly_wage_cents,
            contract=placement.contract,
            extras=placement.situation or {},
        ),
        errors,
    )
    _raise(errors)
    with transaction.atomic():
        locked = Placement.objects.select_for_update().get(pk=placement.pk)
        locked.hours_per_week = hours_per_week
        locked.hourly_wage_cents = hourly_wage_cents
        locked.end_date = end_date
        locked.save(update_fields=["hours_per_week", "hourly_wage_cents", "end_date"])
        deadlines_sync(placement=locked, as_of=as_of or _today())
        audit_record(
            actor=by,
            action=AuditAction.CHANGE,
            obj=locked,
            fields=["hours_per_week", "hourly_wage_cents", "end_date"],
            reason="plaatsing gewijzigd",
        )
    placement.refresh_from_db()
    return placement


def placement_end(
    *, placement: Placement, ended_on: dt.date, by: UserLike, as_of: dt.date | None = None
) -> Placement:
    """The worker stopped on ``ended_on``: the placement ends.

    The deadlines are computed again for the employment as it really ran (the contract's
    own actions stop). Contact moments after ``ended_on`` are removed, except the
    sustainability checks: they stay open and record where the worker is then
    (at another employer, or not working).
    """
    if placement.status == PlacementStatus.ENDED:
        raise ValidationError({"ended_on": [_("Deze plaatsing is al gestopt.")]})
    if ended_on < placement.start_date:
        raise ValidationError(
            {"ended_on": [_("De datum ligt vóór de eerste werkdag. Kies een latere datum.")]}
        )
    with transaction.atomic():
        locked = Placement.objects.select_for_update().select_related("worker").get(pk=placement.pk)
        locked.status = PlacementStatus.ENDED
        locked.ended_on = ended_on
        locked.save(update_fields=["status", "ended_on"])
        locked.aftersales_tasks.filter(
            done_at__isnull=True, due_date__gt=ended_on, is_sustainability_check=False
        ).delete()
        if locked.worker.anonymised_at is None:
            deadlines_sync(placement=locked, as_of=as_of or _today())
        audit_record(
            actor=by,
            action=AuditAction.CHANGE,
            obj=locked,
            fields=["status", "ended_on"],
            reason="plaatsing gestopt",
        )
    placement.refresh_from_db()
    return placement


def placements_start_due(*, today: dt.date) -> int:
    """Planned placements whose first working day has come are now active; returns how many."""
    with transaction.atomic():
        return Placement.objects.filter(
            status=PlacementStatus.PLANNED, start_date__lte=today
        ).update(status=PlacementStatus.ACTIVE)


# --- Deadlines -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SyncResult:
    created: int
    updated: int
    removed: int


def deadline_title(action: Action) -> str:
    """The Dutch title of a deadline: what to do, and where."""
    text = f"{action.what.render('nl')} ({action.where.render('nl')})"
    return text if len(text) <= TITLE_MAX else text[: TITLE_MAX - 1] + "…"


def deadlines_sync(*, placement: Placement, as_of: dt.date) -> SyncResult:
    """Make the placement's deadlines equal to the rules' actions for its situation.

    One open deadline per action with a due date whose instrument was chosen (see
    ``situations.action_selected``), owned by the employer's contact person. Deadlines
    that are done, missed or not needed stay as they are. Open deadlines the rules no
    longer give are removed. A new action whose date is already before ``as_of`` is not
    added: Werkpunt guards what is still ahead from the moment it knows the placement.
    """
    with transaction.atomic():
        locked = (
            Placement.objects.select_for_update()
            .select_related("worker", "employer")
            .get(pk=placement.pk)
        )
        if locked.worker.anonymised_at is not None:
            return SyncResult(0, 0, 0)
        outcome = evaluate(parse_situation(situation_for(locked)), as_of=as_of)
        running = locked.status != PlacementStatus.ENDED
        wanted: dict[tuple[str, dt.date], dict[str, Any]] = {}
        for action in outcome.actions:
            if action.due_date is None:
                continue
            if not action_selected(action, locked.instruments or [], contract_running=running):
                continue
            key = (action.code, action.due_date)
            amount = int(action.amount_at_stake) if action.amount_at_stake is not None else None
            if key in wanted:  # two instruments with the same action on the same day
                same = wanted[key]
                if amount is not None:
                    same["amount_at_stake_cents"] = (same["amount_at_stake_cents"] or 0) + amount
                same["provisional"] = same["provisional"] or action.provisional
                continue
            wanted[key] = {
                "title": deadline_title(action),
                "instrument": action.instrument,
                "actor": action.actor.value,
                "amount_at_stake_cents": amount,
                "provisional": action.provisional,
            }
        owner_id = locked.employer.contact_person_id
        existing = {(d.code, d.due_date): d for d in locked.deadlines.all()}
        removed = 0
        stale = [
            d.pk
            for key, d in existing.items()
            if d.status == DeadlineStatus.OPEN and key not in wanted
        ]
        if stale:
            removed, _per_model = Deadline.objects.filter(pk__in=stale).delete()
        created = updated = 0
        new_rows: list[Deadline] = []
        for (code, due), values in wanted.items():
            row = existing.get((code, due))
            if row is None:
                if due < as_of:
                    continue
                new_rows.append(
                    Deadline(placement=locked, code=code, due_date=due, owner_id=owner_id, **values)
                )
                continue
            if row.status != DeadlineStatus.OPEN:
                continue
            changed = [name for name, value in values.items() if getattr(row, name) != value]
            if row.owner_id != owner_id:
                row.owner_id = owner_id
                changed.append("owner")
            if changed:
                for name in changed:
                    if name != "owner":
                        setattr(row, name, values[name])
                row.save(update_fields=changed)
                updated += 1
        Deadline.objects.bulk_create(new_rows)
        created = len(new_rows)
    return SyncResult(created, updated, removed)


def deadline_complete(*, deadline: Deadline, by: UserLike) -> Deadline:
    """It was done. An open or missed deadline becomes done (a missed one counts as late)."""
    with transaction.atomic():
        locked = Deadline.objects.select_for_update().get(pk=deadline.pk)
        if locked.status not in (DeadlineStatus.OPEN, DeadlineStatus.MISSED):
            raise ValidationError(_("Deze termijn is al afgehandeld."))
        locked.status = DeadlineStatus.DONE
        locked.done_at = timezone.now()
        locked.done_by = _real_user(by)
        locked.save(update_fields=["status", "done_at", "done_by"])
    return locked


def deadline_mark_not_needed(*, deadline: Deadline, by: UserLike, reason: str) -> Deadline:
    """An open deadline does not apply to this placement, for ``reason``."""
    reason = " ".join(str(reason).split())
    if not reason:
        raise ValidationError({"reason": [_("Schrijf kort op waarom dit niet nodig is.")]})
    if len(reason) > 300:
        raise ValidationError({"reason": [_("De reden is te lang. Gebruik hoogstens 300 tekens.")]})
    with transaction.atomic():
        locked = Deadline.objects.select_for_update().get(pk=deadline.pk)
        if locked.status != DeadlineStatus.OPEN:
            raise ValidationError(_("Alleen een open termijn kan op ‘niet nodig’ worden gezet."))
        locked.status = DeadlineStatus.NOT_NEEDED
        locked.note = reason
        locked.done_at = timezone.now()
        locked.done_by = _real_user(by)
        locked.save(update_fields=["status", "note", "done_at", "done_by"])
    return locked


def deadlines_mark_missed(*, today: dt.date) -> int:
    """Every open deadline whose date has passed (before ``today``) is missed; returns how many."""
    with transaction.atomic():
        return Deadline.objects.filter(status=DeadlineStatus.OPEN, due_date__lt=today).update(
            status=DeadlineStatus.MISSED
        )


def placement_owners_sync(*, employer: Employer) -> int:
    """Give the open deadlines and contact moments of ``employer``'s placements to its
    current contact person (call after the contact person changed); returns how many moved."""
    owner_id = employer.contact_person_id
    with transaction.atomic():
        moved = (
            Deadline.objects.filter(placement__employer=employer, status=DeadlineStatus.OPEN)
            .exclude(owner_id=owner_id)
            .update(owner_id=owner_id)
        )
        moved += (
            AfterSalesTask.objects.filter(placement__employer=employer, done_at__isnull=True)
            .exclude(owner_id=owner_id)
            .update(owner_id=owner_id)
        )
    return moved


# --- After-sales -------------------------------------------------------------------------


def aftersales_plan_create(*, placement: Placement) -> list[AfterSalesTask]:
    """The contact moments of the year after the start (settings.WERKPUNT_AFTERSALES_MOMENTS),
    each a task of the employer's contact person. Moments that exist already are kept."""
    checks = set(settings.WERKPUNT_SUSTAINABILITY_MOMENTS)
    owner_id = placement.employer.contact_person_id
    tasks = []
    with transaction.atomic():
        for moment, (unit, amount) in settings.WERKPUNT_AFTERSALES_MOMENTS.items():
            task, _created = AfterSalesTask.objects.get_or_create(
                placement=placement,
                moment=moment,
                defaults={
                    "due_date": moment_date(placement.start_date, unit, int(amount)),
                    "owner_id": owner_id,
                    "is_sustainability_check": moment in checks,
                },
            )
            tasks.append(task)
    return tasks


def aftersales_task_complete(
    *, task: AfterSalesTask, by: UserLike, notes: str, sustainability: str
) -> AfterSalesTask:
    """Record a contact moment: notes, and on a check moment where the worker works now."""
    notes = str(notes).strip()
    sustainability = str(sustainability or "")
    errors: dict[str, list[str]] = {}
    if len(notes) > 4000:
        errors["notes"] = [_("De aantekeningen zijn te lang. Gebruik hoogstens 4000 tekens.")]
    if task.is_sustainability_check:
        if not sustainability:
            errors["sustainability"] = [
                _(
                    "Kies waar de werknemer nu werkt: nog bij deze werkgever, bij een andere "
                    "werkgever, of niet meer."
                )
            ]
        elif sustainability not in Sustainability.values:
            errors["sustainability"] = [_("Kies een van de drie antwoorden.")]
        else:
            placement = task.placement
            if (
                sustainability == Sustainability.STILL_HERE
                and placement.ended_on is not None
                and placement.ended_on < task.due_date
            ):
                errors["sustainability"] = [
                    _(
                        "Deze plaatsing is gestopt op %(date)s. Kies ‘Werkt bij een andere "
                        "werkgever’ of ‘Werkt niet meer’."
                    )
                    % {"date": placement.ended_on.strftime("%d-%m-%Y")}
                ]
    else:
        sustainability = ""
    _raise(errors)
    with transaction.atomic():
        locked = AfterSalesTask.objects.select_for_update().get(pk=task.pk)
        if locked.done_at is not None:
            raise ValidationError(_("Dit nazorgmoment is al afgerond."))
        locked.done_at = timezone.now()
        locked.done_by = _real_user(by)
        locked.notes = notes
        locked.sustainability = sustainability
        locked.save(update_fields=["done_at", "done_by", "notes", "sustainability"])
        audit_record(
            actor=by,
            action=AuditAction.CHANGE,
            obj=locked,
            fields=["notes", "sustainability"],
            reason="nazorgmoment afgerond",
        )
    return locked


# --- The people around the worker --------------------------------------------------------


def helper_add(
    *,
    placement: Placement,
    role: str,
    name: str,
    organisation_name: str,
    phone: str,
    email: str,
    user: Any = None,
    is_coordinator: bool = False,
    by: UserLike,
) -> Helper:
    """Add a person around the worker. A new coordinator replaces the old one."""
    errors: dict[str, list[str]] = {}
    name = " ".join(str(name).split())
    organisation_name = " ".join(str(organisation_name).split())
    phone = " ".join(str(phone).split())
    email = str(email).strip()
    if role not in HelperRole.values:
        errors["role"] = [_("Kies een rol uit de lijst.")]
    if not name:
        errors["name"] = [_("Vul de naam in.")]
    elif len(name) > 200:
        errors["name"] = [_("De naam is te lang. Gebruik hoogstens 200 tekens.")]
    if len(organisation_name) > 200:
        errors["organisation_name"] = [
            _("De naam van de organisatie is te lang. Gebruik hoogstens 200 tekens.")
        ]
    digits = sum(character.isdigit() for character in phone)
    if phone and (len(phone) > 30 or not PHONE_PATTERN.fullmatch(phone) or not 6 <= digits <= 15):
        errors["phone"] = [
            _(
                "Vul een telefoonnummer in met alleen cijfers, spaties, + of -. Bijvoorbeeld 0591 123 456."
            )
        ]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Vul een e-mailadres in zoals naam@organisatie.nl.")]
    if user is not None:
        if role_of(user) not in HELPER_USER_ROLES or not user.is_active:
            errors["user"] = [
                _(
                    "Alleen een jobcoach, adviseur of teamleider met een account kan worden gekoppeld."
                )
            ]
        elif placement.helpers.filter(user=user).exists():
            errors["user"] = [_("Deze persoon staat al bij de betrokkenen.")]
    _raise(errors)
    with transaction.atomic():
        Placement.objects.select_for_update().filter(pk=placement.pk).first()
        if is_coordinator:
            placement.helpers.filter(is_coordinator=True).update(is_coordinator=False)
        helper = Helper.objects.create(
            placement=placement,
            role=role,
            name=name,
            organisation_name=organisation_name,
            phone=phone,
            email=email,
            user=user,
            is_coordinator=is_coordinator,
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=helper,
            fields=["name", "organisation_name", "phone", "email"],
            reason="betrokkene toegevoegd",
        )
    return helper


def helper_set_coordinator(*, helper: Helper, by: UserLike) -> Helper:
    """Make ``helper`` the one coordinator of the placement."""
    with transaction.atomic():
        Placement.objects.select_for_update().filter(pk=helper.placement_id).first()
        Helper.objects.filter(placement_id=helper.placement_id, is_coordinator=True).exclude(
            pk=helper.pk
        ).update(is_coordinator=False)
        Helper.objects.filter(pk=helper.pk).update(is_coordinator=True)
        audit_record(
            actor=by,
            action=AuditAction.CHANGE,
            obj=helper,
            fields=["is_coordinator"],
            reason="coördinator gekozen",
        )
    helper.refresh_from_db()
    return helper


def helper_remove(*, helper: Helper, by: UserLike) -> None:
    """Remove a person from the placement (a removed coordinator leaves no coordinator)."""
    with transaction.atomic():
        audit_record(
            actor=by,
            action=AuditAction.DELETE,
            obj=helper,
            fields=["name", "organisation_name", "phone", "email"],
            reason="betrokkene verwijderd",
        )
        helper.delete()


# --- Retention and erasure ---------------------------------------------------------------

#: What anonymisation removes, for the audit trail (names only).
ANONYMISED_FIELDS = (
    "worker.display_name",
    "worker.birth_date",
    "placement.situation",
    "helper.name",
    "helper.phone",
    "helper.email",
    "aftersales.notes",
    "deadline.note",
)


def _anonymise(worker: Worker, *, actor: UserLike | None, reason: str, erasure: bool) -> Worker:
    now = timezone.now()
    locked = Worker.objects.select_for_update().get(pk=worker.pk)
    locked.display_name = ANONYMISED_NAME
    locked.birth_date = None
    locked.anonymised_at = now
    update = ["display_name", "birth_date", "anonymised_at"]
    if erasure and locked.consent_withdrawn_at is None:
        locked.consent_withdrawn_at = now
        update.append("consent_withdrawn_at")
    locked.save(update_fields=update)
    for placement in Placement.objects.select_for_update().filter(worker=locked):
        kept = {
            k: v for k, v in (placement.situation or {}).items() if k in KEPT_AFTER_ANONYMISATION
        }
        placement.situation = kept
        placement.save(update_fields=["situation"])
    placements = Placement.objects.filter(worker=locked)
    Helper.objects.filter(placement__in=placements).update(name="", phone="", email="")
    AfterSalesTask.objects.filter(placement__in=placements).update(notes="")
    Deadline.objects.filter(placement__in=placements).update(note="")
    audit_record(
        actor=actor,
        action=AuditAction.ANONYMISE,
        obj=locked,
        fields=ANONYMISED_FIELDS,
        reason=reason,
    )
    return locked


def workers_expired_filter(*, today: dt.date) -> Q:
    """Workers whose every placement ended (or whose contract ran out) more than
    ``settings.WERKPUNT_RETENTION_DAYS`` ago, and who are not anonymised yet."""
    cutoff = today - dt.timedelta(days=settings.WERKPUNT_RETENTION_DAYS)
    live = (
        Placement.objects.annotate(last_day=Coalesce("ended_on", "end_date"))
        .filter(Q(last_day__isnull=True) | Q(last_day__gte=cutoff))
        .values("worker_id")
    )
    return Q(anonymised_at__isnull=True, placements__isnull=False) & ~Q(pk__in=live)


def workers_anonymise_expired(*, today: dt.date, batch_size: int = 500) -> int:
    """Anonymise every worker past the retention period; returns how many.

    Each worker is done in its own transaction, so a crash leaves no half-done worker
    and the next run goes on where this one stopped. Placements, their dates and hours,
    deadlines (with the money at stake) and sustainability checks remain for the counts.
    """
    count = 0
    while True:
        ids = list(
            Worker.objects.filter(workers_expired_filter(today=today))
            .values_list("pk", flat=True)
            .distinct()
            .order_by("pk")[:batch_size]
        )
        if not ids:
            return count
        for worker_id in ids:
            with transaction.atomic():
                worker = (
                    Worker.objects.select_for_update()
                    .filter(pk=worker_id, anonymised_at__isnull=True)
                    .first()
                )
                if worker is None:
                    continue
                _anonymise(worker, actor=None, reason="bewaartermijn verlopen", erasure=False)
                count += 1


def worker_erase(*, worker: Worker, by: UserLike, reason: str) -> Worker:
    """Right to erasure: anonymise the worker now, on their request (a teamleider does this)."""
    reason = " ".join(str(reason).split())
    if role_of(by) is not Role.TEAM_LEAD:
        raise ValidationError(_("Alleen een teamleider kan de gegevens van een werknemer wissen."))
    if not reason:
        raise ValidationError(
            {
                "reason": [
                    _(
                        "Schrijf op waarom de gegevens worden gewist, bijvoorbeeld ‘verzoek van de werknemer op 3 maart’."
                    )
                ]
            }
        )
    if len(reason) > 280:
        raise ValidationError({"reason": [_("De reden is te lang. Gebruik hoogstens 280 tekens.")]})
    if worker.anonymised_at is not None:
        raise ValidationError(_("De gegevens van deze werknemer zijn al gewist."))
    with transaction.atomic():
        return _anonymise(worker, actor=by, reason=f"wissen op verzoek: {reason}", erasure=True)


__all__ = [
    "ANONYMISED_NAME",
    "CONTRACT_INSTRUMENT",
    "SyncResult",
    "add_months",
    "aftersales_plan_create",
    "aftersales_task_complete",
    "deadline_complete",
    "deadline_mark_not_needed",
    "deadline_title",
    "deadlines_mark_missed",
    "deadlines_sync",
    "helper_add",
    "helper_remove",
    "helper_set_coordinator",
    "moment_date",
    "placement_create",
    "placement_end",
    "placement_owners_sync",
    "placement_update",
    "placements_start_due",
    "worker_erase",
    "workers_anonymise_expired",
]
