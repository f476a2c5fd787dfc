"""Writes of the employers app: the only way other code creates or changes an employer
record, its contact log, or a request.

Every function takes keyword-only arguments, does its writes in one transaction and
sends mail only after the commit. Data the model refuses raises
``django.core.exceptions.ValidationError`` with Dutch messages. See
``docs/backoffice-employers.md`` and ``docs/requests.md``.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkpunt.accounts import services as account_services
from werkpunt.accounts.models import AuditAction, Organisation, OrganisationKind, Role
from werkpunt.accounts.permissions import CASE_ROLES, role_of
from werkpunt.employers import mails, selectors
from werkpunt.employers.models import (
    ContactKind,
    ContactLogEntry,
    Employer,
    EmployerLocation,
    Language,
    PreferredContact,
    Request,
    Source,
    Status,
)
from werkpunt.employers.workdays import callback_deadline

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)


def request_create(
    *,
    name: str,
    organisation: str,
    email: str,
    topic: str,
    message: str,
    preferred_contact: str,
    consent: bool,
    phone: str = "",
    municipality: str = "",
    page_url: str = "",
    language: str = Language.DUTCH,
    source: str = Source.WEBSITE,
) -> Request:
    """Store a question, then mail the WSP and the employer once the data is committed.

    The request gets its call-back deadline (``workdays.callback_deadline``) and goes to
    the intake queue: no owner and no employer. Nobody guesses the employer from the
    name or the mail domain; an adviser links it (``request_link_employer``).

    Raises ``django.core.exceptions.ValidationError`` for data the model does not accept.
    The mails are sent after the commit; a failed mail is logged and leaves the request
    stored (``request_send_mails`` sends it again later).
    """
    now = timezone.now()
    request = Request(
        created_at=now,
        call_back_by=callback_deadline(received_at=now),
        name=name,
        organisation=organisation,
        email=email,
        phone=phone,
        municipality=municipality,
        topic=topic,
        message=message,
        preferred_contact=preferred_contact,
        page_url=page_url,
        consent=consent,
        language=language,
        source=source,
    )
    request.full_clean()
    with transaction.atomic():
        request.save()
        transaction.on_commit(partial(request_send_mails, request_id=request.pk), robust=True)
    logger.info("Vraag %s opgeslagen (onderwerp %s)", request.pk, request.topic)
    return request


def request_send_mails(*, request_id: int) -> None:
    """Send the mails of a request that have not gone out yet, and note when each went out.

    Safe to call again: a mail that was sent is not sent twice. A failure is logged; the
    request itself is never touched by it.
    """
    request = Request.objects.get(pk=request_id)
    if request.wsp_mailed_at is None:
        try:
            mails.send_wsp_mail(request)
        except Exception:
            logger.exception("Mail aan het WSP over vraag %s is niet verstuurd", request_id)
        else:
            Request.objects.filter(pk=request_id, wsp_mailed_at__isnull=True).update(
                wsp_mailed_at=timezone.now()
            )
    if request.confirmation_mailed_at is None:
        try:
            mails.send_confirmation_mail(request)
        except Exception:
            logger.exception("Bevestiging van vraag %s is niet verstuurd", request_id)
        else:
            Request.objects.filter(pk=request_id, confirmation_mailed_at__isnull=True).update(
                confirmation_mailed_at=timezone.now()
            )


def request_send_pending_mails(*, max_age_days: int = 7) -> int:
    """Send the mails that failed for requests of the last ``max_age_days`` days.

    Returns how many requests were tried. Meant for a scheduled job until the task
    queue exists: ``werkpunt manage send_request_mails``.
    """
    since = timezone.now() - dt.timedelta(days=max_age_days)
    unsent = Q(wsp_mailed_at__isnull=True) | Q(confirmation_mailed_at__isnull=True)
    ids = list(
        # Only the site's form mails; requests typed in by an adviser send nothing.
        Request.objects.filter(unsent, created_at__gte=since, source=Source.WEBSITE)
        .order_by("created_at")
        .values_list("pk", flat=True)
    )
    for request_id in ids:
        request_send_mails(request_id=request_id)
    return len(ids)


# --- Employer records ------------------------------------------------------------------------

#: The message when a KvK number is already in the register.
DUPLICATE_KVK_MESSAGE = gettext_lazy("Deze werkgever staat er al in.")


def _display(user: User | None) -> str:
    if user is None:
        return _("niemand")
    name = user.get_full_name() or user.get_username()
    profile = getattr(user, "profile", None)
    return f"{name} ({profile.organisation})" if profile is not None else name


def _check_contact_person(user: User) -> None:
    if not user.is_active or role_of(user) is not Role.ADVISER:
        raise ValidationError(
            {"contact_person": _("Kies als contactpersoon een adviseur van een van de partners.")},
            code="contact_person",
        )


def _save_employer(employer: Employer) -> None:
    """Validate and save; a KvK number that exists (also in a race) gets the Dutch message."""
    employer.full_clean(validate_unique=False)
    duplicate = Employer.objects.filter(kvk_number=employer.kvk_number).exclude(pk=employer.pk)
    if duplicate.exists():
        raise ValidationError({"kvk_number": DUPLICATE_KVK_MESSAGE}, code="duplicate_kvk")
    try:
        with transaction.atomic():
            employer.save()
    except IntegrityError as error:
        if Employer.objects.filter(kvk_number=employer.kvk_number).exclude(pk=employer.pk).exists():
            raise ValidationError(
                {"kvk_number": DUPLICATE_KVK_MESSAGE}, code="duplicate_kvk"
            ) from error
        raise


def employer_create(
    *,
    name: str,
    kvk_number: str,
    sector: str,
    size: str,
    municipality: str,
    contact_person: User,
    by: User,
) -> Employer:
    """Add an employer to the shared register, with its one contact person (an adviser).

    Raises ValidationError; a KvK number that is already in the register gives
    :data:`DUPLICATE_KVK_MESSAGE` on ``kvk_number``.
    """
    _check_contact_person(contact_person)
    employer = Employer(
        name=name.strip(),
        kvk_number=kvk_number.strip(),
        sector=sector,
        size=size,
        municipality=municipality,
        contact_person=contact_person,
    )
    with transaction.atomic():
        _save_employer(employer)
        ContactLogEntry.objects.create(
            employer=employer,
            kind=ContactKind.NOTE,
            date=timezone.localdate(),
            summary=_("Werkgever toegevoegd. Vaste contactpersoon: %(person)s.")
            % {"person": _display(contact_person)},
            by=by,
        )
    logger.info("Werkgever %s toegevoegd door %s", employer.pk, by.pk)
    return employer


def employer_update(
    *,
    employer: Employer,
    name: str,
    kvk_number: str,
    sector: str,
    size: str,
    municipality: str,
    contact_person: User,
    by: User,
) -> Employer:
    """Change the record. A new contact person replaces the old one (there is always exactly
    one) and the change is written in the contact log."""
    with transaction.atomic():
        locked = Employer.objects.select_for_update().get(pk=employer.pk)
        previous = locked.contact_person
        if contact_person.pk != previous.pk:
            _check_contact_person(contact_person)
        locked.name = name.strip()
        locked.kvk_number = kvk_number.strip()
        locked.sector = sector
        locked.size = size
        locked.municipality = municipality
        locked.contact_person = contact_person
        _save_employer(locked)
        if contact_person.pk != previous.pk:
            ContactLogEntry.objects.create(
                employer=locked,
                kind=ContactKind.NOTE,
                date=timezone.localdate(),
                summary=_("Vaste contactpersoon gewijzigd van %(old)s naar %(new)s.")
                % {"old": _display(previous), "new": _display(contact_person)},
                by=by,
            )
        if locked.organisation_id is not None:
            Organisation.objects.filter(pk=locked.organisation_id).update(name=locked.name)
    return locked


def employer_location_add(
    *,
    employer: Employer,
    street: str,
    postcode: str,
    place: str,
    municipality: str,
    name: str = "",
    by: User,
) -> EmployerLocation:
    """Add a place where the employer has work."""
    location = EmployerLocation(
        employer=employer,
        name=name.strip(),
        street=street.strip(),
        postcode=postcode.strip().upper(),
        place=place.strip(),
        municipality=municipality,
    )
    location.full_clean()
    with transaction.atomic():
        location.save()
    logger.info("Vestiging %s toegevoegd aan werkgever %s door %s", location.pk, employer.pk, by.pk)
    return location


def employer_location_remove(*, location: EmployerLocation, by: User) -> None:
    """Remove a location of an employer."""
    with transaction.atomic():
        location.delete()
    logger.info("Vestiging van werkgever %s verwijderd door %s", location.employer_id, by.pk)


def contact_log_add(
    *, employer: Employer, kind: str, date: dt.date, summary: str, by: User
) -> ContactLogEntry:
    """Write down one contact with the employer: a call, a visit, a mail or a meeting."""
    entry = ContactLogEntry(employer=employer, kind=kind, date=date, summary=summary.strip(), by=by)
    entry.full_clean()
    if kind == ContactKind.NOTE:
        raise ValidationError({"kind": _("Kies wat voor contact het was.")}, code="kind")
    with transaction.atomic():
        entry.save()
    return entry


def _organisation_slug(employer: Employer) -> str:
    base = slugify(employer.name)[:70].strip("-") or "werkgever"
    return f"{base}-{employer.kvk_number}"


def employer_ensure_organisation(*, employer: Employer) -> Organisation:
    """The employer's own organisation in accounts (kind werkgever), made when it is missing.

    Its slug is the name and the KvK number (``bakkerij-de-vries-01234567``). People of the
    employer get accounts in it (``employer_invite``); it links them to this record.
    """
    with transaction.atomic():
        current = Employer.objects.select_for_update().get(pk=employer.pk)
        if current.organisation is not None:
            employer.organisation = current.organisation
            return current.organisation
        organisation, _created = Organisation.objects.get_or_create(
            slug=_organisation_slug(current),
            defaults={"name": current.name, "kind": OrganisationKind.EMPLOYER},
        )
        taken = Employer.objects.filter(organisation=organisation).exclude(pk=current.pk).exists()
        if organisation.kind != OrganisationKind.EMPLOYER or taken:
            raise ValidationError(
                _("Er is al een andere organisatie met deze naam. Vraag de beheerder om hulp."),
                code="organisation_taken",
            )
        current.organisation = organisation
        current.save(update_fields=["organisation", "updated_at"])
    employer.organisation = organisation
    return organisation


def invitations_available() -> bool:
    """True when the accounts app can send invitations (``invitation_create`` exists)."""
    return callable(getattr(account_services, "invitation_create", None))


class InvitationsUnavailable(Exception):  # noqa: N818 - a state of the installation
    """``accounts.services.invitation_create`` does not exist (yet)."""


def employer_invite(*, employer: Employer, email: str, by: User) -> Any:
    """Invite someone of the employer to the portal (role werkgever) by mail.

    Makes the employer's organisation first (:func:`employer_ensure_organisation`). The
    invitation itself and its mail are the accounts app's (``invitation_create``).
    Raises ValidationError (Dutch) when accounts refuses, and
    :class:`InvitationsUnavailable` when accounts has no invitations.
    """
    invitation_create = getattr(account_services, "invitation_create", None)
    if invitation_create is None:
        raise InvitationsUnavailable
    with transaction.atomic():
        organisation = employer_ensure_organisation(employer=employer)
        invitation = invitation_create(
            email=email.strip(), organisation=organisation, role=Role.EMPLOYER, invited_by=by
        )
        ContactLogEntry.objects.create(
            employer=employer,
            kind=ContactKind.NOTE,
            date=timezone.localdate(),
            summary=_("Uitnodiging voor het portaal gestuurd."),
            by=by,
        )
    return invitation


# --- Requests in the back office -------------------------------------------------------------

OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS)


def request_register(
    *,
    employer: Employer | None,
    source: str,
    message: str,
    topic: str,
    name: str,
    registered_by: User,
    email: str = "",
    phone: str = "",
    organisation: str = "",
    preferred_contact: str = "",
    municipality: str = "",
) -> Request:
    """Type in a request that came in by phone or mail.

    Consent is implied: the employer asked the question themselves and expects an answer,
    so ``consent`` is stored as true (the basis is the same as for the site's form: the
    data is used only to answer). With an ``employer`` the request is linked to it and
    its owner is the employer's contact person; without one it goes to the intake queue.
    No mails are sent: the adviser is already in contact. ``preferred_contact`` defaults
    to the phone when a number is given and the call came by phone, else to e-mail.
    """
    if source not in (Source.PHONE, Source.EMAIL):
        raise ValidationError({"source": _("Kies of de vraag per telefoon of per e-mail kwam.")})
    email = email.strip()
    phone = phone.strip()
    if not preferred_contact:
        use_phone = phone and (source == Source.PHONE or not email)
        preferred_contact = PreferredContact.PHONE if use_phone else PreferredContact.EMAIL
    if not email and not phone:
        raise ValidationError(
            {"email": _("Vul een e-mailadres of een telefoonnummer in.")}, code="no_contact"
        )
    organisation = organisation.strip() or (employer.name if employer is not None else "")
    now = timezone.now()
    owner = employer.contact_person if employer is not None else None
    request = Request(
        created_at=now,
        call_back_by=callback_deadline(received_at=now),
        name=name.strip(),
        organisation=organisation,
        email=email,
        phone=phone,
        municipality=municipality or (employer.municipality if employer is not None else ""),
        topic=topic,
        message=message.strip(),
        preferred_contact=preferred_contact,
        consent=True,
        source=source,
        language=Language.DUTCH,
        employer=employer,
        owner=owner,
        status=Status.IN_PROGRESS if owner is not None else Status.NEW,
        registered_by=registered_by,
    )
    request.full_clean()
    with transaction.atomic():
        request.save()
        _audit(registered_by, AuditAction.CREATE, request, "Vraag per telefoon of e-mail ingevoerd")
    logger.info("Vraag %s ingevoerd (bron %s) door %s", request.pk, source, registered_by.pk)
    return request


def _audit(actor: User, action: AuditAction, request: Request, reason: str) -> None:
    fields = ["answer"] if action == AuditAction.CHANGE else ["name", "email", "phone", "message"]
    account_services.audit_record(
        actor=actor, action=action, obj=request, fields=fields, reason=reason
    )


def _check_owner(user: User) -> None:
    if not user.is_active or role_of(user) not in CASE_ROLES:
        raise ValidationError(
            {"owner": _("Kies een adviseur of teamleider.")}, code="owner_not_allowed"
        )


def request_assign(*, request: Request, owner: User, by: User) -> Request:
    """Make ``owner`` (an adviser or teamleider) the one who handles the request.

    "Ik pak deze op" is this with ``owner=by``. A new request becomes *in behandeling*.
    """
    _check_owner(owner)
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        locked.owner = owner
        if locked.status == Status.NEW:
            locked.status = Status.IN_PROGRESS
        locked.save(update_fields=["owner", "status"])
    logger.info("Vraag %s toegewezen aan %s door %s", request.pk, owner.pk, by.pk)
    request.owner, request.status = locked.owner, locked.status
    return request


def request_link_employer(*, request: Request, employer: Employer, by: User) -> Request:
    """Link the request to an employer record. Without an owner, the employer's contact
    person becomes the owner (and the request *in behandeling*)."""
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        locked.employer = employer
        if locked.owner_id is None:
            locked.owner = employer.contact_person
            if locked.status == Status.NEW:
                locked.status = Status.IN_PROGRESS
        locked.save(update_fields=["employer", "owner", "status"])
    logger.info("Vraag %s gekoppeld aan werkgever %s door %s", request.pk, employer.pk, by.pk)
    request.employer, request.owner, request.status = locked.employer, locked.owner, locked.status
    return request


def request_answer(*, request: Request, answer: str, by: User) -> Request:
    """Write down the answer given to the employer (by phone or mail) and close the request.

    The first answer sets ``answered_at`` (the response time ends there); a later change
    of the text keeps it. A request without owner gets ``by`` as owner. For a request of a
    known employer, the first answer is also written in the contact log. Werkpunt does not
    mail the answer: the adviser calls or mails the employer themselves.
    """
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": _("Schrijf op wat u de werkgever hebt geantwoord.")})
    now = timezone.now()
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        first = locked.answered_at is None
        locked.answer = answer
        locked.status = Status.DONE
        if first:
            locked.answered_at = now
        if locked.owner_id is None:
            locked.owner = by
        locked.save(update_fields=["answer", "status", "answered_at", "owner"])
        if first and locked.employer_id is not None:
            ContactLogEntry.objects.create(
                employer_id=locked.employer_id,
                kind=(
                    ContactKind.PHONE
                    if locked.preferred_contact == PreferredContact.PHONE
                    else ContactKind.EMAIL
                ),
                date=timezone.localdate(now),
                summary=_("Vraag %(number)s beantwoord: %(answer)s")
                % {"number": locked.pk, "answer": answer[:1000]},
                by=by,
            )
        _audit(by, AuditAction.CHANGE, locked, "Antwoord op de vraag vastgelegd")
    for field in ("answer", "status", "answered_at", "owner"):
        setattr(request, field, getattr(locked, field))
    return request


# --- Escalation ------------------------------------------------------------------------------


def request_escalate_overdue(*, now: dt.datetime) -> int:
    """Escalate the open requests whose call-back deadline passed: once per request.

    Each is claimed by setting ``escalated_at`` in an UPDATE that only succeeds while it is
    still empty, so two runs at the same time never escalate one request twice. After
    the commit the teamleiders get a mail (:func:`send_escalation_mail`); when that mail
    fails, the claim is undone and the next run tries again. Returns how many requests
    were escalated in this run.
    """
    candidates = list(
        Request.objects.filter(
            status__in=OPEN_STATUSES, call_back_by__lt=now, escalated_at__isnull=True
        )
        .order_by("call_back_by", "pk")
        .values_list("pk", flat=True)
    )
    count = 0
    for request_id in candidates:
        with transaction.atomic():
            claimed = Request.objects.filter(
                pk=request_id, escalated_at__isnull=True, status__in=OPEN_STATUSES
            ).update(escalated_at=now)
            if claimed:
                count += 1
                transaction.on_commit(
                    partial(send_escalation_mail, request_id=request_id, escalated_at=now)
                )
    if count:
        logger.info("%s vragen doorgezet naar de teamleiders", count)
    return count


def escalation_recipients(*, request: Request) -> list[str]:
    """The mail addresses of the teamleiders of the owner's organisation; for a request
    without owner those of all teamleiders; the WSP inbox when there are none."""
    owner_profile = getattr(request.owner, "profile", None) if request.owner else None
    addresses = selectors.teamleider_emails(
        organisation_id=owner_profile.organisation_id if owner_profile is not None else None
    )
    return addresses or [str(settings.WERKPUNT_WSP_EMAIL)]


def send_escalation_mail(*, request_id: int, escalated_at: dt.datetime) -> None:
    """Mail the teamleiders about one escalated request; on failure undo the claim."""
    request = Request.objects.select_related("owner__profile__organisation", "employer").get(
        pk=request_id
    )
    try:
        mails.send_escalation_mail(request, to=escalation_recipients(request=request))
    except Exception:
        logger.exception(
            "Mail over te late vraag %s is niet verstuurd; volgende keer opnieuw", request_id
        )
        Request.objects.filter(pk=request_id, escalated_at=escalated_at).update(escalated_at=None)


#: What an anonymised request shows instead of the asker's name.
ANONYMISED_NAME = "(verwijderd)"


def requests_anonymise_old(*, now: dt.datetime) -> int:
    """Wipe the asker's personal data of requests past the retention period (docs/requests.md).

    A finished request loses it ``WERKPUNT_REQUEST_RETENTION_DAYS`` (default 365) after it
    was answered (or came in, when no answer date was recorded); a request that was never
    finished loses it twice that long after it came in. Name, mail, phone, message, answer
    and page address go; the company name, topic, municipality, owner and the dates stay, so
    the response-time figures keep working. Returns how many were anonymised; running twice
    is harmless.
    """
    days = int(getattr(settings, "WERKPUNT_REQUEST_RETENTION_DAYS", 365))
    done_before = now - dt.timedelta(days=days)
    open_before = now - dt.timedelta(days=2 * days)
    expired = Request.objects.filter(anonymised_at__isnull=True).filter(
        Q(status=Status.DONE, answered_at__lt=done_before)
        | Q(status=Status.DONE, answered_at__isnull=True, created_at__lt=done_before)
        | (~Q(status=Status.DONE) & Q(created_at__lt=open_before))
    )
    return expired.update(
        name=ANONYMISED_NAME,
        email="",
        phone="",
        message="",
        answer="",
        page_url="",
        anonymised_at=now,
    )
