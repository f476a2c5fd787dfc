"""Writes of the candidates app. Each function is one transaction; see ``docs/candidates.md``.

Errors are :class:`django.core.exceptions.ValidationError` with Dutch messages; a message
that belongs to one input is keyed by the field's name (``home_place``, ``tasks``, ...).

The two keys of consent (:mod:`werkpunt.candidates.models`): the candidate's key
(:func:`consent_give`) and the adviser's key (:func:`consent_release`), in either order. The
profile is released only while both are turned. :func:`consent_withdraw` by either side
turns both back at once; after that a new round needs both keys again. Every change of
consent is a :class:`ConsentEvent` and an audit event.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkpunt.accounts.models import AuditAction, Role
from werkpunt.accounts.permissions import profile_of, role_of
from werkpunt.accounts.services import audit_record
from werkpunt.candidates import selectors
from werkpunt.candidates.models import (
    Candidate,
    ConsentAction,
    ConsentEvent,
    ConsentVia,
    PhysicalLoad,
    new_consent_token,
)
from werkpunt.matching import load_catalogue, load_places
from werkpunt.matching.vocab import (
    DAYS,
    EDUCATION_LEVELS,
    LANGUAGE_LEVELS,
    SECTORS,
    SUPPORT_NEEDS,
    TRAVEL_MODES,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from werkpunt.placements.models import Worker

    UserLike = User | AnonymousUser

#: The display name of an anonymised candidate (the same word as for workers).
ANONYMISED_NAME = "geanonimiseerd"
#: Days an inactive profile is kept after its last change, unless settings say otherwise.
DEFAULT_RETENTION_DAYS = 365
MAX_HOURS = Decimal(60)
MAX_TRAVEL_MINUTES = 180
MAX_EXPERIENCE_YEARS = Decimal(60)
MOTIVATION_MAX = 4000
NOTE_MAX = 300
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()-]{6,30}$")

#: The fields a caller may set with :func:`candidate_create` and :func:`candidate_update`.
EDITABLE_FIELDS = frozenset({*selectors.IDENTITY_FIELDS, *selectors.PROFILE_FIELDS, "adviser"})
REQUIRED_FIELDS = ("display_name", "home_place", "max_travel_minutes", "hours_per_week")
LIST_FIELDS = ("days", "tasks", "skills", "licences", "support_needs", "interests")
#: Identity and free text wiped by the retention job.
ANONYMISED_FIELDS = ("display_name", "email", "phone", "motivation", "worker", "consent_token")


# --- Validation ------------------------------------------------------------------------------


def _required_message(field: str) -> str:
    messages = {
        "display_name": _("Vul de naam in: voornaam en eerste letter van de achternaam."),
        "home_place": _("Kies de woonplaats uit de lijst."),
        "max_travel_minutes": _("Vul in hoeveel minuten de kandidaat wil reizen, van 0 tot 180."),
        "hours_per_week": _("Vul in hoeveel uur per week de kandidaat kan werken, van 0 tot 60."),
    }
    return messages[field]


def _as_list(value: Any) -> list[str] | None:
    """A list of texts without doubles (order kept), or ``None`` when it is not a list."""
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, Iterable):
        return None
    result: list[str] = []
    for item in value:
        if not isinstance(item, str):
            return None
        text = item.strip()
        if text and text not in result:
            result.append(text)
    return result


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        return None
    try:
        return Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return None


def _check_list(
    name: str,
    value: Any,
    allowed: Iterable[str],
    unknown_message: str,
    errors: dict[str, list[str]],
) -> list[str]:
    items = _as_list(value)
    if items is None:
        errors.setdefault(name, []).append(_("Kies uit de lijst."))
        return []
    known = set(allowed)
    wrong = [item for item in items if item not in known]
    if wrong:
        errors.setdefault(name, []).append(unknown_message % {"values": ", ".join(wrong)})
    return items


def _check_choice(
    name: str, value: Any, allowed: Iterable[str], errors: dict[str, list[str]]
) -> str:
    text = "" if value is None else str(value).strip()
    if text and text not in set(allowed):
        errors.setdefault(name, []).append(
            _("Kies een van de mogelijkheden uit de lijst. ‘%(value)s’ kennen wij niet.")
            % {"value": text}
        )
    return text


def clean_fields(fields: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
    """Check and normalise profile fields; raise one ValidationError with every problem.

    Only the given fields are checked; with ``creating`` the required ones must be there.
    """
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"onbekende velden voor een kandidaat: {sorted(unknown)}")
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    for name in REQUIRED_FIELDS:
        present = name in fields and fields[name] not in (None, "")
        if (creating or name in fields) and not (present and str(fields[name]).strip()):
            errors.setdefault(name, []).append(_required_message(name))
    catalogue = load_catalogue()
    for name, value in fields.items():
        if name in errors:
            continue
        if name == "display_name":
            text = " ".join(str(value).split())
            if len(text) > 100:
                errors.setdefault(name, []).append(
                    _("De naam is te lang. Gebruik hoogstens 100 tekens.")
                )
            clean[name] = text
        elif name == "email":
            text = str(value or "").strip()
            if text:
                try:
                    validate_email(text)
                except ValidationError:
                    errors.setdefault(name, []).append(
                        _("Dit is geen e-mailadres. Schrijf het als naam@voorbeeld.nl.")
                    )
            clean[name] = text
        elif name == "phone":
            text = " ".join(str(value or "").split())
            if text and not PHONE_PATTERN.match(text):
                errors.setdefault(name, []).append(
                    _("Dit is geen telefoonnummer. Gebruik alleen cijfers, zoals 0591 123 456.")
                )
            clean[name] = text
        elif name == "home_place":
            text = str(value).strip()
            if text not in load_places():
                errors.setdefault(name, []).append(
                    _("Wij kennen de woonplaats ‘%(value)s’ niet. Kies een plaats uit de lijst.")
                    % {"value": text}
                )
            clean[name] = text
        elif name == "travel_mode":
            clean[name] = _check_choice(name, value, TRAVEL_MODES, errors)
        elif name == "max_travel_minutes":
            number = _decimal(value)
            if number is None or number != number.to_integral_value():
                errors.setdefault(name, []).append(_("Vul een heel aantal minuten in, zoals 30."))
            elif not 0 <= number <= MAX_TRAVEL_MINUTES:
                errors.setdefault(name, []).append(
                    _("De reistijd moet tussen 0 en 180 minuten liggen.")
                )
            else:
                clean[name] = int(number)
        elif name == "hours_per_week":
            number = _decimal(value)
            if number is None or not number.is_finite():
                errors.setdefault(name, []).append(_("Vul een getal in, zoals 24 of 24,5."))
            elif not 0 <= number <= MAX_HOURS:
                errors.setdefault(name, []).append(
                    _("Het aantal uren per week moet tussen 0 en 60 liggen.")
                )
            elif number != number.quantize(Decimal("0.1")):
                errors.setdefault(name, []).append(
                    _("Gebruik hoogstens 1 cijfer achter de komma, zoals 24,5.")
                )
            else:
                clean[name] = number
        elif name == "experience_years":
            if value is None or value == "":
                clean[name] = None
                continue
            number = _decimal(value)
            if number is None or not number.is_finite():
                errors.setdefault(name, []).append(_("Vul een getal in, zoals 2 of 1,5."))
            elif not 0 <= number <= MAX_EXPERIENCE_YEARS:
                errors.setdefault(name, []).append(
                    _("De werkervaring moet tussen 0 en 60 jaar liggen.")
                )
            else:
                clean[name] = number.quantize(Decimal("0.1"))
        elif name == "education_level":
            clean[name] = _check_choice(name, value, EDUCATION_LEVELS, errors)
        elif name == "language_level":
            clean[name] = _check_choice(name, value, LANGUAGE_LEVELS, errors)
        elif name == "max_physical_load":
            clean[name] = _check_choice(name, value, PhysicalLoad.values, errors) or (
                PhysicalLoad.HEAVY.value
            )
        elif name == "days":
            clean[name] = _check_list(
                name, value, DAYS, _("Onbekende dag: %(values)s. Kies dagen uit de lijst."), errors
            )
            clean[name] = [day for day in DAYS if day in clean[name]]
        elif name == "tasks":
            clean[name] = _check_list(
                name,
                value,
                catalogue.tasks,
                _("Deze taak staat niet in de takenlijst: %(values)s."),
                errors,
            )
        elif name == "skills":
            clean[name] = _check_list(
                name,
                value,
                catalogue.skills,
                _("Deze vaardigheid staat niet in de lijst: %(values)s."),
                errors,
            )
        elif name == "licences":
            clean[name] = _check_list(
                name,
                value,
                catalogue.licences,
                _("Dit rijbewijs of certificaat kennen wij niet: %(values)s."),
                errors,
            )
        elif name == "support_needs":
            clean[name] = _check_list(
                name,
                value,
                SUPPORT_NEEDS,
                _("Deze ondersteuning kennen wij niet: %(values)s."),
                errors,
            )
        elif name == "interests":
            clean[name] = _check_list(
                name,
                value,
                [*SECTORS, *catalogue.tasks],
                _("Kies sectoren of taken uit de lijst. Niet bekend: %(values)s."),
                errors,
            )
        elif name == "motivation":
            text = str(value or "").strip()
            if len(text) > MOTIVATION_MAX:
                errors.setdefault(name, []).append(
                    _("De tekst is te lang. Gebruik hoogstens 4000 tekens.")
                )
            clean[name] = text
        elif name == "adviser":
            clean[name] = value
    if errors:
        raise ValidationError(errors)
    return clean


def _check_adviser(adviser: Any, organisation_id: int) -> None:
    """The adviser of a candidate is staff of the candidate's organisation."""
    if adviser is None:
        return
    profile = profile_of(adviser)
    if (
        profile is None
        or profile.role not in selectors.CASE_ROLES | {Role.JOBCOACH}
        or profile.organisation_id != organisation_id
        or not adviser.is_active
    ):
        raise ValidationError(
            {"adviser": [_("Kies een adviseur van de eigen organisatie van de kandidaat.")]}
        )


def _real_user(user: UserLike | None) -> User | None:
    if user is None or not user.is_authenticated:
        return None
    return user


def _require(check: bool, message: str) -> None:
    if not check:
        raise ValidationError(message)


def _not_anonymised(candidate: Candidate) -> None:
    if candidate.anonymised_at is not None:
        raise ValidationError(_("Dit profiel is geanonimiseerd. Het kan niet meer veranderen."))


# --- Create and change -----------------------------------------------------------------------


@transaction.atomic
def candidate_create(*, by: UserLike, **fields: Any) -> Candidate:
    """A new profile of ``by``'s organisation; ``by`` is its adviser unless ``adviser`` is given."""
    _require(
        role_of(by) in selectors.CASE_ROLES,
        _("Alleen een adviseur of teamleider kan een kandidaat toevoegen."),
    )
    profile = profile_of(by)
    assert profile is not None
    clean = clean_fields(fields, creating=True)
    if clean.get("adviser") is None:
        clean["adviser"] = by
    _check_adviser(clean["adviser"], profile.organisation_id)
    now = timezone.now()
    candidate = Candidate.objects.create(
        organisation_id=profile.organisation_id,
        created_by=_real_user(by),
        created_at=now,
        updated_at=now,
        **clean,
    )
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        obj=candidate,
        fields=sorted(clean),
        reason="kandidaat toegevoegd",
    )
    return candidate


@transaction.atomic
def candidate_update(*, candidate: Candidate, by: UserLike, **fields: Any) -> Candidate:
    """Change profile and identity fields; only the given fields are touched."""
    _not_anonymised(candidate)
    _require(
        selectors.can_change_candidate(user=by, candidate=candidate),
        _("U mag dit profiel niet wijzigen."),
    )
    clean = clean_fields(fields, creating=False)
    if "adviser" in clean and clean["adviser"] != candidate.adviser:
        _check_adviser(clean["adviser"], candidate.organisation_id)
    locked = Candidate.objects.select_for_update().get(pk=candidate.pk)
    changed = []
    for name, value in clean.items():
        if getattr(locked, name) != value:
            setattr(locked, name, value)
            changed.append(name)
    if changed:
        locked.updated_at = timezone.now()
        locked.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=by,
            action=AuditAction.CHANGE,
            obj=locked,
            fields=changed,
            reason="kandidaat gewijzigd",
        )
    return locked


@transaction.atomic
def candidate_create_from_worker(*, worker: Worker, by: UserLike, **fields: Any) -> Candidate:
    """A profile for the worker of a placement (for matchtafels), linked to that worker.

    The name is copied, and the hours of the latest placement and the home place (when the
    worker's municipality is also a place) are filled in; ``fields`` win over these. When the
    worker already has a profile, that one is returned unchanged.
    """
    existing = Candidate.objects.filter(worker=worker).first()
    if existing is not None:
        return existing
    if worker.anonymised_at is not None:
        raise ValidationError(
            _(
                "De gegevens van deze werknemer zijn gewist. Maak een nieuw profiel zonder koppeling."
            )
        )
    values = {**selectors.worker_profile_defaults(worker=worker), **fields}
    candidate = candidate_create(by=by, **values)
    candidate.worker = worker
    candidate.save(update_fields=["worker"])
    audit_record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=candidate,
        fields=["worker"],
        reason="kandidaat gemaakt van een werknemer van een plaatsing",
    )
    return candidate


@transaction.atomic
def candidate_deactivate(*, candidate: Candidate, by: UserLike) -> Candidate:
    """The candidate stops looking for work: out of the matching pool, kept for a while."""
    return _set_active(candidate=candidate, by=by, active=False)


@transaction.atomic
def candidate_reactivate(*, candidate: Candidate, by: UserLike) -> Candidate:
    """The candidate is looking for work again."""
    return _set_active(candidate=candidate, by=by, active=True)


def _set_active(*, candidate: Candidate, by: UserLike, active: bool) -> Candidate:
    _not_anonymised(candidate)
    _require(
        selectors.can_change_candidate(user=by, candidate=candidate),
        _("U mag dit profiel niet wijzigen."),
    )
    locked = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if locked.is_active != active:
        locked.is_active = active
        locked.updated_at = timezone.now()
        locked.save(update_fields=["is_active", "updated_at"])
        audit_record(
            actor=by,
            action=AuditAction.CHANGE,
            obj=locked,
            fields=["is_active"],
            reason="kandidaat zoekt weer werk" if active else "kandidaat zoekt geen werk meer",
        )
    return locked


# --- Two-key consent -------------------------------------------------------------------------


def _event(
    candidate: Candidate, action: ConsentAction, by: UserLike | None, note: str = ""
) -> ConsentEvent:
    return ConsentEvent.objects.create(
        candidate=candidate,
        action=action,
        at=timezone.now(),
        by=_real_user(by),
        note=note[:NOTE_MAX],
    )


def _consent_audit(candidate: Candidate, by: UserLike | None, fields: list[str], why: str) -> None:
    audit_record(actor=by, action=AuditAction.CHANGE, obj=candidate, fields=fields, reason=why)


def _lock(candidate: Candidate) -> Candidate:
    return Candidate.objects.select_for_update().get(pk=candidate.pk)


def _clean_note(note: str) -> str:
    text = " ".join(str(note or "").split())
    if len(text) > NOTE_MAX:
        raise ValidationError(
            {"note": [_("De toelichting is te lang. Gebruik hoogstens 300 tekens.")]}
        )
    return text


@transaction.atomic
def consent_give(
    *, candidate: Candidate, via: str, by: UserLike | None = None, note: str = ""
) -> Candidate:
    """The candidate's key: through the personal link (``by`` is ``None``) or recorded by the
    adviser after a paper form or a conversation. Turning it again changes nothing.

    After a withdrawal this starts a new round: the adviser must release again.
    """
    _not_anonymised(candidate)
    note = _clean_note(note)
    if by is None:
        if via != ConsentVia.LINK:
            raise ValidationError(
                {
                    "via": [
                        _("Zonder adviseur kan de kandidaat alleen toestemming geven via de link.")
                    ]
                }
            )
    else:
        _require(
            selectors.can_change_candidate(user=by, candidate=candidate),
            _("Alleen de eigen organisatie van de kandidaat kan toestemming vastleggen."),
        )
        if via not in (ConsentVia.PAPER, ConsentVia.CONVERSATION):
            raise ValidationError(
                {"via": [_("Kies hoe de kandidaat toestemming gaf: op papier of in een gesprek.")]}
            )
    locked = _lock(candidate)
    if locked.candidate_consent_at is not None:
        return locked
    locked.candidate_consent_at = timezone.now()
    locked.candidate_consent_via = str(via)
    locked.consent_withdrawn_at = None
    locked.save(
        update_fields=["candidate_consent_at", "candidate_consent_via", "consent_withdrawn_at"]
    )
    _event(locked, ConsentAction.CANDIDATE_GAVE, by, note)
    _consent_audit(
        locked,
        by,
        ["candidate_consent_at", "candidate_consent_via"],
        f"toestemming kandidaat ({ConsentVia(via).value})",
    )
    return locked


@transaction.atomic
def consent_release(*, candidate: Candidate, by: UserLike, note: str = "") -> Candidate:
    """The adviser's key, before or after the candidate's. Turning it again changes nothing.

    Only an adviser or teamleider of the candidate's own organisation may turn it.
    """
    _not_anonymised(candidate)
    note = _clean_note(note)
    _require(
        selectors.can_release(user=by, candidate=candidate),
        _(
            "Alleen een adviseur of teamleider van de eigen organisatie van de kandidaat "
            "kan het profiel vrijgeven."
        ),
    )
    locked = _lock(candidate)
    if locked.adviser_release_at is not None:
        return locked
    locked.adviser_release_at = timezone.now()
    locked.adviser_release_by = _real_user(by)
    locked.consent_withdrawn_at = None
    locked.save(update_fields=["adviser_release_at", "adviser_release_by", "consent_withdrawn_at"])
    _event(locked, ConsentAction.ADVISER_RELEASED, by, note)
    _consent_audit(locked, by, ["adviser_release_at", "adviser_release_by"], "profiel vrijgegeven")
    return locked


@transaction.atomic
def consent_withdraw(
    *, candidate: Candidate, by: UserLike | None = None, note: str = ""
) -> Candidate:
    """Withdraw: by the candidate (``by`` is ``None``, through the link) or by the adviser.

    Both keys go back at once, so :meth:`CandidateQuerySet.released` leaves the candidate
    out from this moment on. A new round needs both keys again.
    """
    _not_anonymised(candidate)
    note = _clean_note(note)
    if by is not None:
        _require(
            selectors.can_change_candidate(user=by, candidate=candidate),
            _("Alleen de eigen organisatie van de kandidaat kan de vrijgave intrekken."),
        )
    locked = _lock(candidate)
    if locked.candidate_consent_at is None and locked.adviser_release_at is None:
        raise ValidationError(_("Er is nu geen toestemming of vrijgave om in te trekken."))
    locked.candidate_consent_at = None
    locked.candidate_consent_via = ""
    locked.adviser_release_at = None
    locked.adviser_release_by = None
    locked.consent_withdrawn_at = timezone.now()
    locked.save(
        update_fields=[
            "candidate_consent_at",
            "candidate_consent_via",
            "adviser_release_at",
            "adviser_release_by",
            "consent_withdrawn_at",
        ]
    )
    action = ConsentAction.CANDIDATE_WITHDREW if by is None else ConsentAction.ADVISER_WITHDREW
    _event(locked, action, by, note)
    _consent_audit(
        locked,
        by,
        ["adviser_release_at", "candidate_consent_at", "consent_withdrawn_at"],
        "toestemming ingetrokken door de kandidaat"
        if by is None
        else "vrijgave ingetrokken door de adviseur",
    )
    return locked


@transaction.atomic
def consent_link_renew(*, candidate: Candidate, by: UserLike) -> Candidate:
    """A new personal link; the old one stops working at once."""
    _not_anonymised(candidate)
    _require(
        selectors.can_change_candidate(user=by, candidate=candidate),
        _("Alleen de eigen organisatie van de kandidaat kan een nieuwe link maken."),
    )
    locked = _lock(candidate)
    locked.consent_token = new_consent_token()
    locked.save(update_fields=["consent_token"])
    _event(locked, ConsentAction.LINK_RENEWED, by)
    _consent_audit(locked, by, ["consent_token"], "nieuwe persoonlijke link")
    return locked


def consent_link_send(*, candidate: Candidate, by: UserLike) -> None:
    """Mail the personal link to the candidate, with what an employer will see and how to
    withdraw (Dutch, B1)."""
    _not_anonymised(candidate)
    _require(
        selectors.can_change_candidate(user=by, candidate=candidate),
        _("Alleen de eigen organisatie van de kandidaat kan de link mailen."),
    )
    if not candidate.email:
        raise ValidationError(
            {
                "email": [
                    _(
                        "Er is geen e-mailadres van de kandidaat. Vul het eerst in bij "
                        "‘Wie is het’, of geef de link op papier."
                    )
                ]
            }
        )
    adviser = candidate.adviser
    with translation.override("nl"):
        context = {
            "name": candidate.display_name,
            "adviser_name": (adviser.get_full_name() or adviser.get_username()) if adviser else "",
            "organisation": candidate.organisation.name,
            "url": selectors.consent_link(candidate=candidate),
        }
        subject = _("Werkpunt: mag een werkgever zien wie u bent?")
        text = render_to_string("candidates/email/consent_link.txt", context)
        html = render_to_string("candidates/email/consent_link.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[candidate.email],
        reply_to=[adviser.email] if adviser is not None and adviser.email else None,
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    message.send()
    audit_record(
        actor=by,
        action=AuditAction.VIEW,
        obj=candidate,
        fields=["email"],
        reason="persoonlijke toestemmingslink gemaild naar de kandidaat",
    )


# --- Retention -------------------------------------------------------------------------------


def retention_days() -> int:
    return int(getattr(settings, "WERKPUNT_CANDIDATE_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def retention_cutoff(*, today: dt.date) -> dt.datetime:
    """Profiles last changed before this moment are past the retention period."""
    day = today - dt.timedelta(days=retention_days())
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _anonymise(candidate: Candidate, *, reason: str) -> Candidate:
    now = timezone.now()
    candidate.display_name = ANONYMISED_NAME
    candidate.email = ""
    candidate.phone = ""
    candidate.motivation = ""
    candidate.worker = None
    candidate.consent_token = new_consent_token()
    candidate.anonymised_at = now
    candidate.save(update_fields=[*ANONYMISED_FIELDS, "anonymised_at"])
    candidate.consent_events.exclude(note="").update(note="")
    # Open-hiring sign-ups made for this candidate kept their own copy of the contact data.
    candidate.sign_ups.update(name=ANONYMISED_NAME, email="", phone="")
    audit_record(
        actor=None,
        action=AuditAction.ANONYMISE,
        obj=candidate,
        fields=[*ANONYMISED_FIELDS, "consent_event.note"],
        reason=reason,
    )
    return candidate


def candidates_anonymise_inactive(*, today: dt.date, batch_size: int = 500) -> int:
    """Wipe the identity of profiles that stopped looking for work and were not changed for
    ``settings.WERKPUNT_CANDIDATE_RETENTION_DAYS`` days (default 365); returns how many.

    Each profile is done in its own transaction, so the job can stop and start again at any
    point. The anonymous work profile stays for the counts.
    """
    cutoff = retention_cutoff(today=today)
    count = 0
    while True:
        ids = list(
            Candidate.objects.filter(
                is_active=False, anonymised_at__isnull=True, updated_at__lt=cutoff
            )
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return count
        for pk in ids:
            with transaction.atomic():
                candidate = (
                    Candidate.objects.select_for_update()
                    .filter(
                        pk=pk, is_active=False, anonymised_at__isnull=True, updated_at__lt=cutoff
                    )
                    .first()
                )
                if candidate is None:
                    continue
                _anonymise(candidate, reason="bewaartermijn verlopen")
                count += 1


__all__ = [
    "ANONYMISED_NAME",
    "candidate_create",
    "candidate_create_from_worker",
    "candidate_deactivate",
    "candidate_reactivate",
    "candidate_update",
    "candidates_anonymise_inactive",
    "clean_fields",
    "consent_give",
    "consent_link_renew",
    "consent_link_send",
    "consent_release",
    "consent_withdraw",
    "retention_cutoff",
    "retention_days",
]
