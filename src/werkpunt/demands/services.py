"""Writes of the demands app: demands as tasks, weights, proposals, the log, open hiring.

Every function is keyword-only and atomic, and raises ``ValidationError`` with Dutch
messages keyed by field (``title``, ``place``, ``tasks``, ``note``, …; ``__all__`` for the
whole). Every decision about matching leaves a :class:`MatchLogEntry` that is never changed:
weights (WEIGHTS), a proposal (PROPOSED), its outcome (STATUS, WITHDRAWN), "past niet"
(NOT_SUITABLE) and an adviser opening a ranking (VIEWED, once per adviser per demand per day).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkpunt.accounts.models import AuditAction, Role
from werkpunt.accounts.permissions import role_of
from werkpunt.accounts.services import audit_record
from werkpunt.candidates.models import Candidate
from werkpunt.demands import selectors
from werkpunt.demands.models import (
    Demand,
    DemandStatus,
    DemandTask,
    MatchAction,
    MatchLogEntry,
    MatchProposal,
    OpenHiringSignUp,
    ProposalStatus,
)
from werkpunt.employers.models import validate_phone
from werkpunt.matching import PARTS, load_catalogue, load_places
from werkpunt.matching.vocab import DAYS, SUPPORT_NEEDS, TASK_LANGUAGE_LEVELS

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from werkpunt.employers.models import Employer

#: Most hours per week of one task, and of the demand's minimum.
MAX_HOURS = Decimal(60)
#: Highest weight of one task.
MAX_TASK_WEIGHT = Decimal(5)
MAX_POSITIONS = 50
NOTE_MAX = 500

TaskSpec = tuple[str, Any] | tuple[str, Any, Any]

#: The fields :func:`demand_update` may change.
UPDATABLE = frozenset(
    {
        "title",
        "description",
        "place",
        "positions",
        "min_hours",
        "days",
        "required_licences",
        "language_min",
        "support_offered",
        "open_hiring",
        "basic_requirements",
        "status",
    }
)


def _single_line(value: str) -> str:
    return re.sub(r"\s+", " ", value or "").strip()


def _decimal(value: Any) -> Decimal | None:
    """A number from a form or code (``"12,5"``, ``12.5``, ``Decimal``); ``None`` if it is not."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int | float):
        result = Decimal(str(value))
    else:
        text = str(value or "").strip().replace(",", ".")
        if not text:
            return None
        try:
            result = Decimal(text)
        except InvalidOperation:
            return None
    return result if result.is_finite() else None


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError({key: messages for key, messages in errors.items() if messages})


def _log(
    *,
    demand: Demand,
    action: MatchAction,
    by: User | None,
    candidate: Candidate | None = None,
    proposal: MatchProposal | None = None,
    details: Mapping[str, Any] | None = None,
) -> MatchLogEntry:
    return MatchLogEntry.objects.create(
        demand=demand,
        action=action,
        by=by,
        candidate=candidate,
        proposal=proposal,
        details=dict(details or {}),
    )


def _touch(demand: Demand) -> None:
    demand.updated_at = timezone.now()
    demand.save(update_fields=["updated_at"])


# --- Demands -----------------------------------------------------------------------------------


def _check_codes(
    values: Iterable[str], allowed: Iterable[str], key: str, message: str
) -> tuple[list[str], dict[str, list[str]]]:
    chosen = [str(v) for v in values]
    known = set(allowed)
    if any(v not in known for v in chosen):
        return chosen, {key: [message]}
    # Keep the order of ``allowed`` and drop repeats.
    return [v for v in allowed if v in set(chosen)], {}


def _clean_fields(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Check and normalise the demand's own fields (only the ones given)."""
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    if "title" in values:
        title = _single_line(str(values["title"] or ""))
        if not title:
            errors["title"] = [_("Vul een titel in, bijvoorbeeld ‘Medewerker magazijn’.")]
        elif len(title) > 200:
            errors["title"] = [_("De titel is te lang. Gebruik maximaal 200 tekens.")]
        clean["title"] = title
    if "description" in values:
        description = str(values["description"] or "").strip()
        if len(description) > 4000:
            errors["description"] = [_("De toelichting is te lang. Gebruik maximaal 4000 tekens.")]
        clean["description"] = description
    if "place" in values:
        place = str(values["place"] or "")
        if place not in load_places():
            errors["place"] = [_("Kies de plaats van het werk uit de lijst.")]
        clean["place"] = place
    if "positions" in values:
        try:
            positions = int(values["positions"])
        except (TypeError, ValueError):
            positions = 0
        if not 1 <= positions <= MAX_POSITIONS:
            errors["positions"] = [
                _("Vul in hoeveel mensen de werkgever zoekt: 1 tot en met %(max)s.")
                % {"max": MAX_POSITIONS}
            ]
        clean["positions"] = positions
    if "min_hours" in values:
        raw = values["min_hours"]
        if raw is None or str(raw).strip() == "":
            clean["min_hours"] = None
        else:
            hours = _decimal(raw)
            if hours is None or not Decimal(0) <= hours <= MAX_HOURS:
                errors["min_hours"] = [
                    _(
                        "Vul het minimum aantal uren in als getal van 0 tot en met 60, of laat het leeg."
                    )
                ]
            else:
                clean["min_hours"] = hours.quantize(Decimal("0.1"))
    if "days" in values:
        clean["days"], problem = _check_codes(
            values["days"] or (), DAYS, "days", _("Kies de dagen uit de lijst.")
        )
        errors.update(problem)
    if "required_licences" in values:
        clean["required_licences"], problem = _check_codes(
            values["required_licences"] or (),
            load_catalogue().licences,
            "required_licences",
            _("Kies de rijbewijzen en certificaten uit de lijst."),
        )
        errors.update(problem)
    if "support_offered" in values:
        clean["support_offered"], problem = _check_codes(
            values["support_offered"] or (),
            SUPPORT_NEEDS,
            "support_offered",
            _("Kies de ondersteuning uit de lijst."),
        )
        errors.update(problem)
    if "language_min" in values:
        language = str(values["language_min"] or "geen")
        if language not in TASK_LANGUAGE_LEVELS:
            errors["language_min"] = [_("Kies een taalniveau uit de lijst.")]
        clean["language_min"] = language
    if "open_hiring" in values:
        clean["open_hiring"] = bool(values["open_hiring"])
    if "basic_requirements" in values:
        text = str(values["basic_requirements"] or "").strip()
        if len(text) > 2000:
            errors["basic_requirements"] = [
                _("De basiseisen zijn te lang. Gebruik maximaal 2000 tekens.")
            ]
        clean["basic_requirements"] = text
    if "status" in values:
        status = str(values["status"] or "")
        if status not in DemandStatus.values:
            errors["status"] = [_("Kies een status uit de lijst.")]
        clean["status"] = status
    return clean, errors


def _check_open_hiring(open_hiring: bool, basic_requirements: str) -> dict[str, list[str]]:
    if open_hiring and not basic_requirements:
        return {
            "basic_requirements": [
                _(
                    "Schrijf de basiseisen op, in de woorden van de werkgever. Bij open hiring "
                    "zijn dat de enige eisen."
                )
            ]
        }
    return {}


def _clean_tasks(
    tasks: Sequence[TaskSpec],
) -> tuple[list[tuple[str, Decimal, Decimal]], dict[str, list[str]]]:
    """Check (task id, hours, weight) rows against the shipped task list."""
    catalogue = load_catalogue()
    messages: list[str] = []
    clean: list[tuple[str, Decimal, Decimal]] = []
    seen: set[str] = set()
    for spec in tasks:
        task_id = str(spec[0] or "")
        task = catalogue.tasks.get(task_id)
        if task is None:
            messages.append(_("Kies elke taak uit de takenlijst."))
            continue
        name = task.name
        if task_id in seen:
            messages.append(_("De taak ‘%(task)s’ staat er twee keer in.") % {"task": name})
            continue
        seen.add(task_id)
        hours = _decimal(spec[1])
        if hours is None or not Decimal(0) < hours <= MAX_HOURS:
            messages.append(
                _("Vul bij ‘%(task)s’ de uren per week in: meer dan 0 en hoogstens 60.")
                % {"task": name}
            )
            continue
        weight = _decimal(spec[2]) if len(spec) > 2 else Decimal(1)
        if weight is None or not Decimal(0) < weight <= MAX_TASK_WEIGHT:
            messages.append(
                _("Het gewicht van ‘%(task)s’ moet meer dan 0 en hoogstens 5 zijn.")
                % {"task": name}
            )
            continue
        clean.append((task_id, hours.quantize(Decimal("0.1")), weight.quantize(Decimal("0.1"))))
    if not tasks:
        messages.append(_("Kies minstens één taak. Een werkvraag bestaat uit taken."))
    return clean, ({"tasks": messages} if messages else {})


def _task_row(demand: Demand, task_id: str, hours: Decimal, weight: Decimal) -> DemandTask:
    """A task row filled in from the shipped task list."""
    task = load_catalogue().task(task_id)
    return DemandTask(
        demand=demand,
        task_id=task.id,
        name=task.name,
        hours=hours,
        weight=weight,
        skills=sorted(task.skills),
        physical_load=task.physical_load,
        language=task.language,
        sector=task.sector,
    )


@transaction.atomic
def demand_create(
    *,
    employer: Employer,
    by: User | None,
    title: str,
    place: str,
    tasks: Sequence[TaskSpec],
    description: str = "",
    positions: int = 1,
    min_hours: Decimal | float | str | None = None,
    days: Iterable[str] = (),
    required_licences: Iterable[str] = (),
    language_min: str = "geen",
    support_offered: Iterable[str] = (),
    open_hiring: bool = False,
    basic_requirements: str = "",
) -> Demand:
    """A new demand of ``employer``, cut into tasks: ``tasks`` = [(task id, hours, weight)]
    (weight may be left out: 1). Skills, load, language and sector of each task come from the
    shipped task list."""
    clean, errors = _clean_fields(
        {
            "title": title,
            "description": description,
            "place": place,
            "positions": positions,
            "min_hours": min_hours,
            "days": list(days),
            "required_licences": list(required_licences),
            "language_min": language_min,
            "support_offered": list(support_offered),
            "open_hiring": open_hiring,
            "basic_requirements": basic_requirements,
        }
    )
    rows, task_errors = _clean_tasks(tasks)
    errors.update(task_errors)
    errors.update(_check_open_hiring(clean["open_hiring"], clean["basic_requirements"]))
    _raise(errors)
    now = timezone.now()
    demand = Demand.objects.create(
        employer=employer, created_by=by, created_at=now, updated_at=now, **clean
    )
    DemandTask.objects.bulk_create([_task_row(demand, *row) for row in rows])
    return demand


@transaction.atomic
def demand_update(
    *,
    demand: Demand,
    by: User | None,
    tasks: Sequence[TaskSpec] | None = None,
    **changes: Any,
) -> Demand:
    """Change the demand's own fields and, with ``tasks``, make its tasks exactly these
    (rows added, changed and removed as needed). Everything is checked before anything is
    saved."""
    unknown = set(changes) - UPDATABLE
    if unknown:
        raise ValueError(f"onbekende velden: {sorted(unknown)}")
    clean, errors = _clean_fields(changes)
    errors.update(
        _check_open_hiring(
            clean.get("open_hiring", demand.open_hiring),
            clean.get("basic_requirements", demand.basic_requirements),
        )
    )
    if tasks is not None:
        errors.update(_clean_tasks(tasks)[1])
    _raise(errors)
    for name, value in clean.items():
        setattr(demand, name, value)
    demand.updated_at = timezone.now()
    demand.save()
    if tasks is not None:
        demand_tasks_replace(demand=demand, tasks=tasks, by=by)
    return demand


@transaction.atomic
def demand_task_add(
    *, demand: Demand, task_id: str, hours: Any, weight: Any = 1, by: User | None
) -> DemandTask:
    rows, errors = _clean_tasks([(task_id, hours, weight)])
    if not errors and demand.tasks.filter(task_id=task_id).exists():
        errors = {"tasks": [_("Deze taak staat al in de werkvraag.")]}
    _raise(errors)
    task = _task_row(demand, *rows[0])
    task.save()
    _touch(demand)
    return task


@transaction.atomic
def demand_task_update(*, task: DemandTask, hours: Any, weight: Any, by: User | None) -> DemandTask:
    hours_value = _decimal(hours)
    weight_value = _decimal(weight)
    errors: dict[str, list[str]] = {}
    if hours_value is None or not Decimal(0) < hours_value <= MAX_HOURS:
        errors["hours"] = [_("Vul de uren per week in: meer dan 0 en hoogstens 60.")]
    if weight_value is None or not Decimal(0) < weight_value <= MAX_TASK_WEIGHT:
        errors["weight"] = [_("Het gewicht moet meer dan 0 en hoogstens 5 zijn.")]
    _raise(errors)
    assert hours_value is not None
    assert weight_value is not None
    task.hours = hours_value.quantize(Decimal("0.1"))
    task.weight = weight_value.quantize(Decimal("0.1"))
    task.save(update_fields=["hours", "weight"])
    _touch(task.demand)
    return task


@transaction.atomic
def demand_task_remove(*, task: DemandTask, by: User | None) -> None:
    demand = task.demand
    if demand.tasks.count() <= 1:
        raise ValidationError(
            {"tasks": [_("Een werkvraag heeft minstens één taak. Voeg eerst een andere taak toe.")]}
        )
    task.delete()
    _touch(demand)


@transaction.atomic
def demand_tasks_replace(*, demand: Demand, tasks: Sequence[TaskSpec], by: User | None) -> None:
    """Make the demand's tasks exactly ``tasks``: add, change and remove rows as needed."""
    rows, errors = _clean_tasks(tasks)
    _raise(errors)
    wanted = {task_id: (hours, weight) for task_id, hours, weight in rows}
    for task in list(demand.tasks.all()):
        if task.task_id not in wanted:
            task.delete()
            continue
        hours, weight = wanted.pop(task.task_id)
        if (task.hours, task.weight) != (hours, weight):
            task.hours, task.weight = hours, weight
            task.save(update_fields=["hours", "weight"])
    DemandTask.objects.bulk_create(
        [_task_row(demand, task_id, hours, weight) for task_id, (hours, weight) in wanted.items()]
    )
    _touch(demand)


# --- Weights -----------------------------------------------------------------------------------


@transaction.atomic
def weights_set(*, demand: Demand, weights: Mapping[str, Any] | None, by: User | None) -> Demand:
    """Set the demand's weights, on the form's scale of 0 to 5 per part; parts not given keep
    their default. ``None`` or ``{}`` restores the defaults. Logged (WEIGHTS)."""
    before = dict(demand.weights or {})
    errors: dict[str, list[str]] = {}
    new: dict[str, float] = {}
    if weights:
        unknown = set(weights) - set(PARTS)
        if unknown:
            errors["__all__"] = [_("Onbekend onderdeel van de score.")]
        defaults = selectors.default_form_weights()
        for part in PARTS:
            value = _decimal(weights.get(part, defaults[part]))
            if value is None or not Decimal(0) <= value <= selectors.WEIGHT_MAX:
                errors[part] = [
                    _("Vul bij ‘%(part)s’ een getal in van 0 tot en met 5.")
                    % {"part": selectors.PART_LABELS[part]}
                ]
            else:
                new[part] = float(value.quantize(Decimal("0.01")))
        if not errors and sum(new.values()) <= 0:
            errors["__all__"] = [_("Geef minstens één onderdeel een gewicht hoger dan 0.")]
    _raise(errors)
    if new == selectors.default_form_weights():
        new = {}
    demand.weights = new
    demand.updated_at = timezone.now()
    demand.save(update_fields=["weights", "updated_at"])
    _log(
        demand=demand,
        action=MatchAction.WEIGHTS,
        by=by,
        details={"weights": new, "before": before, "defaults": not new},
    )
    return demand


# --- Proposals ---------------------------------------------------------------------------------


def _parts_record(match: Any) -> list[dict[str, Any]]:
    return [
        {
            "name": p.name,
            "value": round(p.value, 4),
            "weight": round(p.weight, 4),
            "text": p.reason.text,
        }
        for p in match.parts
    ]


@transaction.atomic
def proposal_create(
    *, demand: Demand, candidate: Candidate, by: User | None, note: str = ""
) -> MatchProposal:
    """The adviser confirms a proposal of ``candidate`` for ``demand``.

    The match is computed again now and stored as it is (score, parts, weights, the tasks
    the candidate covers). A candidate who breaks a hard constraint is refused, unless the
    ``note`` explains why the adviser proposes anyway. Logged (PROPOSED).
    """
    demand = Demand.objects.select_for_update().get(pk=demand.pk)
    note = str(note or "").strip()
    errors: dict[str, list[str]] = {}
    if len(note) > NOTE_MAX:
        errors["note"] = [_("De toelichting is te lang. Gebruik maximaal 500 tekens.")]
    if demand.open_hiring:
        errors["__all__"] = [
            _("Bij open hiring stelt u niemand voor: de volgorde van aanmelden telt.")
        ]
    elif demand.status != DemandStatus.OPEN:
        errors["__all__"] = [_("Deze werkvraag is niet meer open.")]
    elif not candidate.is_active or candidate.anonymised_at is not None:
        errors["candidate"] = [_("Deze kandidaat zoekt geen werk meer.")]
    elif (
        MatchProposal.objects.filter(demand=demand, candidate=candidate)
        .exclude(status=ProposalStatus.WITHDRAWN)
        .exists()
    ):
        errors["candidate"] = [_("Deze kandidaat is al voorgesteld voor deze werkvraag.")]
    _raise(errors)
    try:
        result = selectors.match_one(demand=demand, candidate=candidate)
    except ValueError as error:
        raise ValidationError(
            {"__all__": [_("Matchen lukt niet: vul eerst de werkvraag en het profiel aan.")]}
        ) from error
    if not result.passed and not note:
        reasons = " ".join(f.reason.text for f in result.failures)
        raise ValidationError(
            {
                "note": [
                    _(
                        "Deze kandidaat voldoet niet aan een harde eis: %(reasons)s Schrijf in de "
                        "toelichting waarom u toch voorstelt."
                    )
                    % {"reasons": reasons}
                ]
            }
        )
    task_ids = list(result.partial.task_ids) if result.partial else []
    weights = {k: round(v, 4) for k, v in result.weights.items()}
    try:
        with transaction.atomic():
            proposal = MatchProposal.objects.create(
                demand=demand,
                candidate=candidate,
                score=result.score,
                parts=_parts_record(result),
                weights=weights,
                task_ids=task_ids,
                note=note,
                proposed_by=by,
                proposed_at=timezone.now(),
            )
    except IntegrityError as error:
        raise ValidationError(
            {"candidate": [_("Deze kandidaat is al voorgesteld voor deze werkvraag.")]}
        ) from error
    _log(
        demand=demand,
        action=MatchAction.PROPOSED,
        by=by,
        candidate=candidate,
        proposal=proposal,
        details={
            "score": round(result.score, 4),
            "passed": result.passed,
            "failures": [f.reason.text for f in result.failures],
            "weights": weights,
            "task_ids": task_ids,
            "note": note,
        },
    )
    return proposal


#: Which outcome may follow which.
NEXT_STATUSES: dict[str, frozenset[str]] = {
    ProposalStatus.PROPOSED: frozenset(
        {
            ProposalStatus.INVITED,
            ProposalStatus.HIRED,
            ProposalStatus.DECLINED,
            ProposalStatus.WITHDRAWN,
        }
    ),
    ProposalStatus.INVITED: frozenset(
        {ProposalStatus.HIRED, ProposalStatus.DECLINED, ProposalStatus.WITHDRAWN}
    ),
    ProposalStatus.HIRED: frozenset(),
    ProposalStatus.DECLINED: frozenset(),
    ProposalStatus.WITHDRAWN: frozenset(),
}


@transaction.atomic
def proposal_set_status(
    *, proposal: MatchProposal, status: str, by: User | None, note: str = ""
) -> MatchProposal:
    """Record what happened with a proposal: invited, hired, declined or withdrawn. An
    employer user may only record invited or declined, and only while the candidate is
    released. Logged (STATUS, or WITHDRAWN)."""
    proposal = (
        MatchProposal.objects.select_for_update(of=("self",))
        .select_related("candidate")
        .get(pk=proposal.pk)
    )
    note = str(note or "").strip()
    errors: dict[str, list[str]] = {}
    if len(note) > NOTE_MAX:
        errors["note"] = [_("De toelichting is te lang. Gebruik maximaal 500 tekens.")]
    if status not in NEXT_STATUSES or status == ProposalStatus.PROPOSED:
        errors["status"] = [_("Kies wat er met het voorstel is gebeurd.")]
    elif role_of(by) is Role.EMPLOYER and (
        status not in selectors.EMPLOYER_STATUSES or not proposal.candidate.is_released
    ):
        errors["status"] = [_("Dit kunt u niet vastleggen bij dit voorstel.")]
    elif status == proposal.status:
        errors["status"] = [_("Het voorstel heeft deze status al.")]
    elif status not in NEXT_STATUSES[proposal.status]:
        errors["status"] = [
            _("Over dit voorstel is al besloten: %(status)s.")
            % {"status": proposal.get_status_display()}
        ]
    _raise(errors)
    before = proposal.status
    proposal.status = status
    if status in selectors.FINAL_STATUSES:
        proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_at"])
    _log(
        demand=proposal.demand,
        action=MatchAction.WITHDRAWN if status == ProposalStatus.WITHDRAWN else MatchAction.STATUS,
        by=by,
        candidate=proposal.candidate,
        proposal=proposal,
        details={"status": status, "before": before, "note": note},
    )
    return proposal


@transaction.atomic
def mark_not_suitable(
    *, demand: Demand, candidate: Candidate, by: User | None, reason: str
) -> MatchLogEntry:
    """The adviser finds that ``candidate`` does not fit ``demand``; the candidate leaves
    that demand's ranking. Logged (NOT_SUITABLE) with the reason."""
    reason = _single_line(str(reason or ""))
    if not reason:
        raise ValidationError({"reason": [_("Schrijf kort op waarom deze kandidaat niet past.")]})
    if len(reason) > NOTE_MAX:
        raise ValidationError({"reason": [_("De reden is te lang. Gebruik maximaal 500 tekens.")]})
    return _log(
        demand=demand,
        action=MatchAction.NOT_SUITABLE,
        by=by,
        candidate=candidate,
        details={"reason": reason},
    )


def ranking_viewed(*, demand: Demand, by: User) -> bool:
    """Log that an adviser opened the ranking, at most once per adviser per demand per day.
    True when a line was written."""
    today = timezone.localdate()
    if selectors.viewed_today(demand=demand, user=by, today=today):
        return False
    _log(demand=demand, action=MatchAction.VIEWED, by=by)
    return True


# --- Open hiring -------------------------------------------------------------------------------


def _digits(phone: str) -> str:
    return "".join(c for c in phone if c.isdigit())


@transaction.atomic
def open_hiring_sign_up(
    *,
    demand: Demand,
    name: str = "",
    email: str = "",
    phone: str = "",
    meets_requirements: bool,
    candidate: Candidate | None = None,
    by: User | None = None,
) -> OpenHiringSignUp:
    """Put someone on the sign-up list of an open-hiring demand: a person themselves (name and
    a phone number or mail address), or a candidate signed up by an adviser (``candidate``).

    Only for an open-hiring demand that is open. The person confirms they meet the employer's
    basic requirements; nothing else is asked or scored. Nobody is on one list twice.
    """
    demand = Demand.objects.select_for_update().get(pk=demand.pk)
    errors: dict[str, list[str]] = {}
    if not demand.open_hiring or demand.status != DemandStatus.OPEN:
        raise ValidationError(
            {"__all__": [_("Aanmelden kan niet meer: deze werkvraag is gesloten.")]}
        )
    if not meets_requirements:
        errors["meets_requirements"] = [
            _("Zet een vinkje als u voldoet aan de basiseisen. Alleen dan kunt u zich aanmelden.")
        ]
    now = timezone.now()
    if candidate is not None:
        if not candidate.is_active or candidate.anonymised_at is not None:
            errors["candidate"] = [_("Deze kandidaat zoekt geen werk meer.")]
        existing = OpenHiringSignUp.objects.filter(demand=demand, candidate=candidate).first()
        if existing is not None and existing.cancelled_at is None:
            errors["candidate"] = [_("Deze kandidaat staat al op de lijst.")]
        _raise(errors)
        if existing is not None:
            # Signed off earlier: back on the list, at the end (the time of signing up now).
            existing.cancelled_at = None
            existing.signed_up_at = now
            existing.signed_up_by = by
            existing.meets_requirements = True
            existing.save(
                update_fields=["cancelled_at", "signed_up_at", "signed_up_by", "meets_requirements"]
            )
            return existing
        return OpenHiringSignUp.objects.create(
            demand=demand,
            candidate=candidate,
            meets_requirements=True,
            signed_up_at=now,
            signed_up_by=by,
        )

    name = _single_line(name)
    email = str(email or "").strip()
    phone = _single_line(phone)
    if not name:
        errors["name"] = [_("Vul uw naam in.")]
    elif len(name) > 100:
        errors["name"] = [_("Uw naam is te lang. Gebruik maximaal 100 tekens.")]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Vul een e-mailadres in zoals naam@voorbeeld.nl.")]
        if len(email) > 254:
            errors["email"] = [_("Het e-mailadres is te lang.")]
    if phone:
        try:
            validate_phone(phone)
        except ValidationError as error:
            errors["phone"] = list(error.messages)
    if not email and not phone:
        errors["phone"] = [
            _("Vul een telefoonnummer of een e-mailadres in. Dan kan de werkgever u bereiken.")
        ]
    _raise(errors)
    active = OpenHiringSignUp.objects.filter(demand=demand, cancelled_at__isnull=True)
    if (email and active.filter(email__iexact=email).exists()) or (
        phone
        and any(
            _digits(p) == _digits(phone)
            for p in active.exclude(phone="").values_list("phone", flat=True)
        )
    ):
        raise ValidationError({"__all__": [_("U staat al op de lijst voor dit werk.")]})
    sign_up = OpenHiringSignUp.objects.create(
        demand=demand,
        name=name,
        email=email,
        phone=phone,
        meets_requirements=True,
        signed_up_at=now,
        signed_up_by=by,
    )
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        obj=sign_up,
        fields=["name", "email", "phone"],
        reason="aanmelding open hiring",
    )
    return sign_up


@transaction.atomic
def sign_up_cancel(*, sign_up: OpenHiringSignUp, by: User | None) -> OpenHiringSignUp:
    """Take someone off the list (their place is gone; signing up again puts them last)."""
    if sign_up.cancelled_at is None:
        sign_up.cancelled_at = timezone.now()
        sign_up.save(update_fields=["cancelled_at"])
    return sign_up
