"""Writes of the accounts app.

Other apps record audit events through :func:`audit_record` and invite people through
:func:`invitation_create`. The rest serves the login (sessions, the second factor) and
the beheerder's screens. See ``docs/accounts.md``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkpunt.accounts import totp
from werkpunt.accounts.models import (
    STAFF_ROLES,
    AuditAction,
    AuditEvent,
    Invitation,
    Organisation,
    OrganisationKind,
    Profile,
    RecoveryCode,
    Role,
    StaffSession,
    TotpDevice,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

#: The actor label of scheduled jobs and commands.
SYSTEM_ACTOR = "systeem"

#: How many recovery codes a user gets at a time.
RECOVERY_CODE_COUNT = 10
#: Characters of a recovery code: no 0/o, 1/l/i, so they are easy to read and type.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_CODE_LENGTH = 10

#: Wagtail's group for editors; a redacteur who accepts an invitation joins it.
EDITORS_GROUP = "Editors"


def audit_record(
    *,
    actor: User | AnonymousUser | None,
    action: AuditAction,
    obj: models.Model,
    reason: str,
    fields: Iterable[str] = (),
) -> AuditEvent:
    """Note that ``actor`` read or changed the personal data ``fields`` of ``obj``, and why.

    Call it in every view, API endpoint, export and job that shows or changes personal
    data. Only field names are stored, never their values.
    """
    user = actor if actor is not None and actor.is_authenticated else None
    label = SYSTEM_ACTOR
    if user is not None:
        label = user.get_full_name() or user.get_username()
    return AuditEvent.objects.create(
        actor=user,
        actor_label=label[:200],
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        fields=sorted(fields),
        reason=reason[:300],
    )


# --- Sessions --------------------------------------------------------------------------------


def staff_session_start(*, user: User, verified: bool) -> StaffSession:
    """A new login of ``user``; ``verified`` when no second factor is needed (employers)."""
    now = timezone.now()
    return StaffSession.objects.create(
        user=user,
        key=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
        verified_at=now if verified else None,
    )


def staff_session_verify(*, staff_session: StaffSession) -> StaffSession:
    """The second factor of this login was checked: it now counts as a full login."""
    now = timezone.now()
    StaffSession.objects.filter(pk=staff_session.pk).update(verified_at=now, last_seen_at=now)
    staff_session.verified_at = now
    staff_session.last_seen_at = now
    return staff_session


def staff_session_end(*, key: str) -> int:
    """End the login named ``key`` (logout, timeout). Returns 1 when it was still live."""
    if not key:
        return 0
    return StaffSession.objects.filter(key=key, ended_at__isnull=True).update(
        ended_at=timezone.now()
    )


def staff_sessions_end(*, user: User, keep_key: str = "") -> int:
    """End every live login of ``user`` except ``keep_key``; returns how many were ended."""
    sessions = StaffSession.objects.filter(user=user, ended_at__isnull=True)
    if keep_key:
        sessions = sessions.exclude(key=keep_key)
    return sessions.update(ended_at=timezone.now())


def staff_sessions_end_by_admin(*, user: User, actor: User) -> int:
    """The beheerder ends every login of ``user`` (a lost laptop, someone who left)."""
    with transaction.atomic():
        ended = staff_sessions_end(user=user)
        audit_record(
            actor=actor,
            action=AuditAction.CHANGE,
            obj=user,
            fields=["sessies"],
            reason="Alle sessies beëindigd door beheerder",
        )
    return ended


# --- The second factor -----------------------------------------------------------------------


def totp_device_for_enrolment(*, user: User) -> TotpDevice:
    """The not yet confirmed authenticator app of ``user``, made with a new secret if needed.

    The secret stays the same until the first code is confirmed, so reloading the page
    does not make a QR code that was already scanned useless.
    """
    device, _created = TotpDevice.objects.get_or_create(
        user=user, defaults={"secret": totp.new_secret()}
    )
    if device.confirmed_at is not None:
        raise ValueError("this user already has a confirmed authenticator app")
    return device


def _accept_totp(*, device: TotpDevice, code: str, at: float | None) -> bool:
    """Check ``code`` and, when it matches, store its step so it never works again."""
    moment = time.time() if at is None else at
    step = totp.match_step(
        totp.secret_bytes(device.secret), code, moment, last_step=device.last_step
    )
    if step is None:
        return False
    # Atomic: of two requests with the same code, only one moves last_step.
    accepted = TotpDevice.objects.filter(pk=device.pk, last_step__lt=step).update(last_step=step)
    if accepted:
        device.last_step = step
    return accepted == 1


def totp_device_confirm(*, device: TotpDevice, code: str, at: float | None = None) -> bool:
    """Confirm the app with its first code. True when the code matched."""
    if not _accept_totp(device=device, code=code, at=at):
        return False
    device.confirmed_at = timezone.now()
    device.save(update_fields=["confirmed_at"])
    return True


def has_confirmed_device(*, user: User) -> bool:
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def totp_verify(*, user: User, code: str, at: float | None = None) -> bool:
    """True when ``code`` is the current code of the user's confirmed app, used for the first time."""
    device = TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).first()
    if device is None:
        return False
    return _accept_totp(device=device, code=code, at=at)


def normalise_recovery_code(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def _hash_recovery_code(code: str, salt: str) -> str:
    digest = hashlib.sha256(f"{salt}:{normalise_recovery_code(code)}".encode()).hexdigest()
    return f"sha256${salt}${digest}"


def _recovery_code_matches(code: str, stored: str) -> bool:
    try:
        algorithm, salt, _digest = stored.split("$", 2)
    except ValueError:
        return False
    if algorithm != "sha256":
        return False
    return hmac.compare_digest(_hash_recovery_code(code, salt), stored)


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
    half = RECOVERY_CODE_LENGTH // 2
    return f"{raw[:half]}-{raw[half:]}"


def recovery_codes_replace(*, user: User) -> list[str]:
    """Make :data:`RECOVERY_CODE_COUNT` new recovery codes; the old ones stop working.

    Returns the codes in plain text, to show once. Only salted hashes are stored: a code
    has about 50 bits of chance, so a fast hash with a salt is enough (a slow password
    hash would make checking ten codes take seconds).
    """
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(user=user, code_hash=_hash_recovery_code(code, secrets.token_hex(8)))
            for code in codes
        )
    return codes


def recovery_code_use(*, user: User, code: str) -> bool:
    """True when ``code`` is one of the user's unused recovery codes; it is then used up."""
    if len(normalise_recovery_code(code)) != RECOVERY_CODE_LENGTH:
        return False
    for stored in RecoveryCode.objects.filter(user=user, used_at__isnull=True):
        if _recovery_code_matches(code, stored.code_hash):
            used = RecoveryCode.objects.filter(pk=stored.pk, used_at__isnull=True).update(
                used_at=timezone.now()
            )
            return used == 1
    return False


def recovery_codes_left(*, user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def second_factor_reset(*, user: User, actor: User) -> None:
    """The beheerder removes the app and the recovery codes of ``user`` (a lost phone).

    Every login of the user ends; at the next login they set up the app again.
    """
    with transaction.atomic():
        TotpDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        staff_sessions_end(user=user)
        audit_record(
            actor=actor,
            action=AuditAction.CHANGE,
            obj=user,
            fields=["authenticator-app", "herstelcodes"],
            reason="Tweede stap opnieuw laten instellen door beheerder",
        )


# --- Users -----------------------------------------------------------------------------------


def user_set_active(*, user: User, active: bool, actor: User) -> None:
    """Switch an account on or off. Switching off ends every login at once."""
    if user.pk == actor.pk and not active:
        raise ValidationError(_("U kunt uw eigen account niet uitzetten."), code="self")
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        if not active:
            staff_sessions_end(user=user)
        audit_record(
            actor=actor,
            action=AuditAction.CHANGE,
            obj=user,
            fields=["is_active"],
            reason="Account aangezet door beheerder"
            if active
            else "Account uitgezet door beheerder",
        )


def password_changed(*, user: User, keep_key: str = "") -> int:
    """After a new password: every other login of the user ends."""
    return staff_sessions_end(user=user, keep_key=keep_key)


# --- Invitations -----------------------------------------------------------------------------


def invitation_days() -> int:
    return int(getattr(settings, "WERKPUNT_INVITATION_DAYS", 7))


def invitation_token_hash(token: str) -> str:
    """The stored form of an invitation token (it has 256 bits of chance: no salt needed)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_role_fits(*, organisation: Organisation, role: Role) -> None:
    is_employer = organisation.kind == OrganisationKind.EMPLOYER
    if role is Role.EMPLOYER and not is_employer:
        raise ValidationError(
            _("De rol werkgever hoort bij een werkgever, niet bij een partner."), code="role"
        )
    if role in STAFF_ROLES and is_employer:
        raise ValidationError(
            _("Kies een organisatie van het WSP voor deze rol, geen werkgever."), code="role"
        )


def invitation_create(
    *, email: str, organisation: Organisation, role: Role | str, invited_by: User | None
) -> Invitation:
    """Invite ``email`` to make an account with ``role`` at ``organisation``.

    The mail with the link goes out after the transaction commits. The link works
    ``WERKPUNT_INVITATION_DAYS`` days (default 7) and once; only a hash of its token is
    stored. Earlier open invitations to the same address stop working. Raises
    :class:`~django.core.exceptions.ValidationError` (Dutch message) when an account
    with this address exists or the role does not fit the organisation, and
    :class:`ValueError` for an unknown role.
    """
    role = Role(role)
    email = email.strip()
    _check_role_fits(organisation=organisation, role=role)
    user_model = get_user_model()
    if user_model.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            _("Er is al een account met dit e-mailadres."), code="exists", params={"email": email}
        )
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(
            email__iexact=email, accepted_at__isnull=True, expires_at__gt=now
        ).update(expires_at=now)
        invitation = Invitation.objects.create(
            email=email,
            organisation=organisation,
            role=role,
            token_hash=invitation_token_hash(token),
            invited_by=invited_by,
            created_at=now,
            expires_at=now + timedelta(days=invitation_days()),
        )
        transaction.on_commit(
            partial(send_invitation_mail, invitation_id=invitation.pk, token=token), robust=True
        )
    return invitation


def send_invitation_mail(*, invitation_id: int, token: str) -> None:
    """The mail with the link to make an account, in Dutch."""
    invitation = Invitation.objects.select_related("organisation", "invited_by").get(
        pk=invitation_id
    )
    base_url = str(settings.WERKPUNT_BASE_URL).rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        link = base_url + reverse("accounts:invitation_accept", kwargs={"token": token})
        inviter = invitation.invited_by
        context: dict[str, object] = {
            "invitation": invitation,
            "link": link,
            "inviter": (inviter.get_full_name() or inviter.get_username()) if inviter else "",
            "role": invitation.get_role_display(),
            "expires_at": timezone.localtime(invitation.expires_at),
        }
        subject = " ".join(
            render_to_string("accounts/email/invitation_subject.txt", context).split()
        )
        body = render_to_string("accounts/email/invitation_body.txt", context)
    EmailMessage(subject=subject[:200], body=body, to=[invitation.email]).send()


class InvitationUnusable(Exception):  # noqa: N818 - a state, not an error of the program
    """The invitation was used already or has expired."""


def invitation_accept(
    *, invitation: Invitation, first_name: str, last_name: str, password: str
) -> User:
    """Make the account of an invitation: the user (user name = e-mail address) and profile.

    The password must have been checked with Django's password validators by the caller
    (the form). Raises :class:`InvitationUnusable` when someone else was just faster or
    the invitation expired, and ValidationError when the address has an account by now.
    """
    user_model = get_user_model()
    username = invitation.email.strip().lower()
    now = timezone.now()
    with transaction.atomic():
        taken = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, expires_at__gt=now
        ).update(accepted_at=now)
        if not taken:
            raise InvitationUnusable
        if user_model.objects.filter(
            models.Q(username__iexact=username) | models.Q(email__iexact=invitation.email)
        ).exists():
            raise ValidationError(_("Er is al een account met dit e-mailadres."), code="exists")
        user = user_model.objects.create_user(
            username=username,
            email=invitation.email,
            password=password,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
        )
        Profile.objects.create(
            user=user, organisation=invitation.organisation, role=invitation.role
        )
        if invitation.role == Role.EDITOR:
            editors = Group.objects.filter(name=EDITORS_GROUP).first()
            if editors is not None:
                user.groups.add(editors)
        audit_record(
            actor=user,
            action=AuditAction.CREATE,
            obj=user,
            fields=["email", "first_name", "last_name"],
            reason="Account gemaakt met een uitnodiging",
        )
    invitation.accepted_at = now
    return user


def staff_sessions_delete_old(*, now: datetime, keep_days: int = 30) -> int:
    """Delete login rows that ended, or were last used, more than ``keep_days`` ago.

    A live login is never older than the maximum session length (hours), so nothing in use
    is removed; the audit log keeps who logged in when. Returns how many rows went.
    """
    cutoff = now - timedelta(days=keep_days)
    deleted, _by_model = StaffSession.objects.filter(
        models.Q(ended_at__lt=cutoff) | models.Q(ended_at__isnull=True, last_seen_at__lt=cutoff)
    ).delete()
    return deleted
