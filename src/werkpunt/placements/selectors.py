"""Reads of the placements app, always scoped by the user who asks.

Who sees what (docs/privacy.md):

- advisers and teamleiders of all partners see every placement (the employer record
  is shared), but the worker's personal data (name, birth date, the situation with
  benefit and indication) only where they are *involved*: the employer's contact
  person, a helper on the placement with their own account, or whoever registered it;
- a jobcoach sees only the placements where they are a helper, with the worker's data;
- an employer sees the placements of its own organisation, with the worker's name
  (they employ them) but never the situation;
- other roles (redacteur, beheerder, bestuur) see no placements here; the board gets
  aggregates from the dashboard.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from werkpunt.accounts.models import Role
from werkpunt.accounts.permissions import profile_of, role_of
from werkpunt.placements.models import Placement

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

CASE_ROLES = frozenset({Role.ADVISER, Role.TEAM_LEAD})


def placements_visible_to(*, user: User | AnonymousUser) -> QuerySet[Placement]:
    """The placements ``user`` may see at all (the worker's data is a separate check)."""
    placements = Placement.objects.select_related("employer", "worker")
    role = role_of(user)
    if role in CASE_ROLES:
        return placements.all()
    if role is Role.JOBCOACH:
        return placements.filter(helpers__user_id=user.pk or 0).distinct()
    if role is Role.EMPLOYER:
        profile = profile_of(user)
        assert profile is not None
        return placements.filter(employer__organisation_id=profile.organisation_id)
    return placements.none()


def involved_filter(*, user: User | AnonymousUser) -> Q:
    """Placements ``user`` is involved in, as a filter on Placement."""
    return (
        Q(employer__contact_person=user) | Q(helpers__user=user) | Q(created_by=user)
        if user.is_authenticated
        else Q(pk__in=[])
    )


def is_involved(*, user: User | AnonymousUser, placement: Placement) -> bool:
    """True when ``user`` works with this worker (contact person, helper, or registrar)."""
    if not user.is_authenticated:
        return False
    if user.pk in (placement.employer.contact_person_id, placement.created_by_id):
        return True
    return placement.helpers.filter(user=user).exists()


def can_see_worker_name(*, user: User | AnonymousUser, placement: Placement) -> bool:
    """The worker's name and contact moments: involved staff and the worker's own employer."""
    role = role_of(user)
    if role is Role.EMPLOYER:
        return placements_visible_to(user=user).filter(pk=placement.pk).exists()
    if role in CASE_ROLES or role is Role.JOBCOACH:
        return is_involved(user=user, placement=placement)
    return False


def can_see_situation(*, user: User | AnonymousUser, placement: Placement) -> bool:
    """The situation (benefit, indication, birth date): involved staff only, never the employer."""
    role = role_of(user)
    if role in CASE_ROLES or role is Role.JOBCOACH:
        return is_involved(user=user, placement=placement)
    return False
