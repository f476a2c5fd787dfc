"""Who may do what: roles, the second factor, and the view decorators that check both.

Every back-office view is wrapped in :func:`role_required`. It lets a request through
only when the user is logged in, has a :class:`~werkpunt.accounts.models.Profile` with
one of the given roles and, for staff, a login whose second factor was checked
(:func:`mfa_verified`). Object permissions (which employer, which placement) are
checked by the selectors of each app, which take the user as an argument.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from werkpunt.accounts.models import STAFF_ROLES, Profile, Role, StaffSession

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

#: The session key that names the :class:`StaffSession` of this login.
STAFF_SESSION_KEY = "werkpunt_staff_session"

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])

#: Roles that work with employers and placements in the back office.
CASE_ROLES = frozenset({Role.ADVISER, Role.TEAM_LEAD})


def profile_of(user: User | AnonymousUser | None) -> Profile | None:
    """The user's profile, or ``None`` for anonymous users and users without one."""
    if user is None or not user.is_authenticated:
        return None
    try:
        profile: Profile = user.profile
    except Profile.DoesNotExist:
        return None
    return profile


def role_of(user: User | AnonymousUser | None) -> Role | None:
    profile = profile_of(user)
    return Role(profile.role) if profile is not None else None


def is_staff_member(user: User | AnonymousUser | None) -> bool:
    """True for users of the seven partners and the programme office (they need a second factor)."""
    return role_of(user) in STAFF_ROLES


def has_role(user: User | AnonymousUser | None, roles: Iterable[Role]) -> bool:
    return role_of(user) in set(roles)


def needs_second_factor(user: User | AnonymousUser | None) -> bool:
    """True for every account except a plain employer user (role werkgever).

    Staff roles need it; so do superusers and Django staff (``createsuperuser``), with
    or without a profile, and users without a profile (editors made in the CMS).
    Employers may log in with only a password (``docs/accounts.md``).
    """
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return role_of(user) is not Role.EMPLOYER


def current_staff_session(request: HttpRequest) -> StaffSession | None:
    """The live :class:`StaffSession` of this request's login, if any."""
    key = request.session.get(STAFF_SESSION_KEY)
    if not key or not request.user.is_authenticated:
        return None
    return (
        StaffSession.objects.filter(key=key, user=request.user, ended_at__isnull=True)
        .order_by()
        .first()
    )


def mfa_verified(request: HttpRequest) -> bool:
    """True when this login passed the second factor and was not ended on the server."""
    session = current_staff_session(request)
    return session is not None and session.verified_at is not None


def role_required(*roles: Role) -> Callable[[ViewFunc], ViewFunc]:
    """Let the view run only for a logged-in user with one of ``roles``.

    Anonymous users go to the login page. Staff whose login has not passed the second
    factor go to that step. Users with another role get a 403 page.
    """
    allowed = frozenset(roles)

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            role = role_of(request.user)
            if role in STAFF_ROLES and not mfa_verified(request):
                return redirect("accounts:second_factor")
            if role not in allowed:
                raise PermissionDenied
            # last_seen_at is kept up to date by accounts.middleware.StaffSessionMiddleware.
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
