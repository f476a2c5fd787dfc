"""Who may call which part of the API, and the second-factor rule for staff.

The rules are the same as for the screens (``accounts.permissions.role_required``):

- a role that has no screen for a resource gets 403 from its endpoints;
- staff (every role but werkgever) need a verified second factor: with a session, the
  login must have passed it (``accounts.permissions.mfa_verified``); with a personal
  API token, the user must have a confirmed authenticator app (``TotpDevice``);
- which objects a role sees is decided by the selectors (``api.scoping``); an object
  outside that scope answers 404, as on the screens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import BasePermission

from werkpunt.accounts.models import Role
from werkpunt.accounts.permissions import mfa_verified, needs_second_factor, role_of
from werkpunt.accounts.services import has_confirmed_device

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser, User
    from rest_framework.request import Request
    from rest_framework.views import APIView

#: Advisers and teamleiders: the shared employer record, requests, all placements.
CASE_ROLES = frozenset({Role.ADVISER, Role.TEAM_LEAD})
#: Who may read employers (an employer user only its own record).
EMPLOYER_READ_ROLES = CASE_ROLES | {Role.EMPLOYER}
#: Who may read requests (an employer user only its own).
REQUEST_READ_ROLES = CASE_ROLES | {Role.EMPLOYER}
#: Who may read placements and deadlines (a jobcoach only own placements).
PLACEMENT_READ_ROLES = CASE_ROLES | {Role.JOBCOACH, Role.EMPLOYER}
#: Who may mark a deadline as done: a teamleider, or an adviser involved in the placement
#: (``placements.selectors.can_change_placement``); a jobcoach only reads, as on the screen.
DEADLINE_COMPLETE_ROLES = CASE_ROLES
#: Every role that can use at least one endpoint; only these get a token.
API_ROLES = EMPLOYER_READ_ROLES | REQUEST_READ_ROLES | PLACEMENT_READ_ROLES

MFA_MISSING_SESSION = _(
    "Uw inlog is nog niet bevestigd met de tweede stap. Log in met uw code en probeer het opnieuw."
)
MFA_MISSING_TOKEN = _(
    "Uw account heeft geen tweede stap (authenticator-app). Stel die eerst in; tot dan werkt "
    "deze token niet."
)
ROLE_MISSING = _("U mag dit niet doen met uw rol.")
NOT_INVOLVED = _(
    "Alleen een teamleider of een adviseur die bij deze plaatsing betrokken is, kan dit doen."
)


def has_confirmed_second_factor(user: AbstractBaseUser | AnonymousUser) -> bool:
    """True when ``user`` has an authenticator app whose first code was accepted."""
    if not user.is_authenticated:
        return False
    return has_confirmed_device(user=cast("User", user))


def second_factor_ok(request: Request) -> bool:
    """Staff need a verified second factor (see the module text); employers do not.

    "Staff" is ``accounts.permissions.needs_second_factor``: every account but a plain
    werkgever (superusers and Django staff included).
    """
    user = request.user
    if not needs_second_factor(user):
        return True
    if isinstance(request.successful_authenticator, SessionAuthentication):
        # The StaffSessionMiddleware already ended stale logins and noted last_seen_at.
        return mfa_verified(request._request)
    return has_confirmed_second_factor(user)


class RoleAccess(BasePermission):
    """The view's ``read_roles`` may read, its ``write_roles`` may change (unsafe methods)."""

    message = ROLE_MISSING

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        if user is None or not user.is_authenticated:
            return False  # DRF answers 401 (not logged in)
        if not second_factor_ok(request):
            self.message = (
                MFA_MISSING_SESSION
                if isinstance(request.successful_authenticator, SessionAuthentication)
                else MFA_MISSING_TOKEN
            )
            return False
        self.message = ROLE_MISSING
        return role_of(user) in roles_for(request, view)


def roles_for(request: Request, view: Any) -> frozenset[Role]:
    """The roles that may do what this request asks of ``view``."""
    if request.method in ("GET", "HEAD"):
        return frozenset(getattr(view, "read_roles", frozenset()))
    return frozenset(getattr(view, "write_roles", frozenset()))
