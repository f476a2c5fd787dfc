"""Reads of the accounts app."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db.models import QuerySet

from werkpunt.accounts.models import AuditEvent, Organisation, OrganisationKind, Role


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
