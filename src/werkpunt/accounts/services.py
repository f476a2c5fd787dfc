"""Writes of the accounts app. Other apps record audit events through :func:`audit_record`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import models

from werkpunt.accounts.models import AuditAction, AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

#: The actor label of scheduled jobs and commands.
SYSTEM_ACTOR = "systeem"


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
