"""Reads of the accounts app, scoped by the user who asks where the data is not their own."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from werkpunt.accounts.models import (
    AuditEvent,
    Invitation,
    Organisation,
    OrganisationKind,
    Role,
    StaffSession,
    TotpDevice,
)
from werkpunt.accounts.permissions import role_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def partner_organisations() -> QuerySet[Organisation]:
    """The six municipalities, UWV and the programme office."""
    return Organisation.objects.exclude(kind=OrganisationKind.EMPLOYER)


def users_with_role(*roles: Role) -> QuerySet[AbstractUser]:
    """Active users with one of ``roles``, by name."""
    user_model = get_user_model()
    return (
        user_model.objects.filter(is_active=True, profile__role__in=[str(r) for r in roles])
        .select_related("profile__organisation")
        .order_by("first_name", "last_name", "pk")
    )


def audit_events_for(*, object_type: str, object_id: str) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type=object_type, object_id=object_id)


def is_administrator(user: User | AnonymousUser | None) -> bool:
    return role_of(user) is Role.ADMINISTRATOR


# --- Sessions --------------------------------------------------------------------------------


def idle_limit() -> timedelta:
    """A login ends after this long without a request (``WERKPUNT_STAFF_IDLE_MINUTES``)."""
    return timedelta(minutes=int(getattr(settings, "WERKPUNT_STAFF_IDLE_MINUTES", 30)))


def age_limit() -> timedelta:
    """A login ends this long after it started (``WERKPUNT_STAFF_MAX_HOURS``)."""
    return timedelta(hours=int(getattr(settings, "WERKPUNT_STAFF_MAX_HOURS", 12)))


def live_sessions_filter(*, prefix: str = "", now: dt.datetime | None = None) -> Q:
    """StaffSession rows that still count as a login: verified, not ended, not timed out.

    ``prefix`` is the path to StaffSession from the model filtered (``"staff_sessions__"``).
    """
    now = now or timezone.now()
    idle = idle_limit()
    age = age_limit()
    return Q(
        **{
            f"{prefix}ended_at__isnull": True,
            f"{prefix}verified_at__isnull": False,
            f"{prefix}created_at__gt": now - age,
            f"{prefix}last_seen_at__gt": now - idle,
        }
    )


def sessions_of(*, user: User) -> QuerySet[StaffSession]:
    """The user's own live logins, the most recent first."""
    return StaffSession.objects.filter(live_sessions_filter(), user=user).order_by(
        "-last_seen_at", "-pk"
    )


# --- Invitations -----------------------------------------------------------------------------


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation of a link's token (used or not), or ``None``."""
    from werkpunt.accounts.services import invitation_token_hash

    if not token or len(token) > 200:
        return None
    return (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )


def invitation_is_open(invitation: Invitation) -> bool:
    return invitation.accepted_at is None and invitation.expires_at > timezone.now()


# --- The beheerder ---------------------------------------------------------------------------


def users_visible_to(
    *,
    user: User | AnonymousUser,
    organisation: Organisation | None = None,
    role: str = "",
) -> QuerySet[Any]:
    """Every account, for the beheerder only, with organisation, role and login facts.

    Each user carries ``has_device`` (a confirmed authenticator app) and
    ``live_sessions`` (the number of live logins).
    """
    user_model = get_user_model()
    if not is_administrator(user):
        return user_model.objects.none()
    users = user_model.objects.select_related("profile__organisation").annotate(
        has_device=Exists(
            TotpDevice.objects.filter(user=OuterRef("pk"), confirmed_at__isnull=False)
        ),
        live_sessions=Count(
            "staff_sessions", filter=live_sessions_filter(prefix="staff_sessions__")
        ),
    )
    if organisation is not None:
        users = users.filter(profile__organisation=organisation)
    if role:
        users = users.filter(profile__role=role)
    return users.order_by("profile__organisation__name", "first_name", "last_name", "pk")


def user_for_admin(*, user: User | AnonymousUser, pk: int) -> Any:
    """One account the beheerder may change; raises DoesNotExist for everyone else."""
    return users_visible_to(user=user).get(pk=pk)


def audit_events_visible_to(*, user: User | AnonymousUser) -> QuerySet[AuditEvent]:
    """The audit trail: the beheerder sees all of it, newest first; nobody else sees any."""
    if not is_administrator(user):
        return AuditEvent.objects.none()
    return AuditEvent.objects.order_by("-at", "-pk")


def audit_events_filtered(
    *,
    user: User | AnonymousUser,
    actor: str = "",
    object_type: str = "",
    object_id: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """The audit trail with the log's filters. ``actor`` is a user id or ``"systeem"``.

    Dates are whole days in Dutch time, both included.
    """
    events = audit_events_visible_to(user=user)
    if actor == "systeem":
        events = events.filter(actor__isnull=True)
    elif actor:
        events = events.filter(actor_id=int(actor))
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    zone = timezone.get_default_timezone()
    if date_from:
        events = events.filter(at__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=zone))
    if date_to:
        next_day = date_to + timedelta(days=1)
        events = events.filter(at__lt=dt.datetime.combine(next_day, dt.time.min, tzinfo=zone))
    return events


def audit_actors(*, user: User | AnonymousUser) -> QuerySet[Any]:
    """The people who appear in the audit trail, by name (for the filter)."""
    user_model = get_user_model()
    if not is_administrator(user):
        return user_model.objects.none()
    return user_model.objects.filter(
        pk__in=AuditEvent.objects.filter(actor__isnull=False).values("actor_id")
    ).order_by("first_name", "last_name", "pk")


def audit_object_types(*, user: User | AnonymousUser) -> list[str]:
    if not is_administrator(user):
        return []
    return list(
        AuditEvent.objects.order_by("object_type").values_list("object_type", flat=True).distinct()
    )
