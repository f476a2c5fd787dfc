"""Ending logins on the server, although the session lives in a signed cookie (ADR 0005).

:class:`StaffSessionMiddleware` runs after Django's authentication and message
middleware. For a logged-in user whose session names a
:class:`~werkpunt.accounts.models.StaffSession` it

- logs the user out when that row was ended (logout, "end other sessions", the
  beheerder), is missing, has been idle longer than ``WERKPUNT_STAFF_IDLE_MINUTES``
  (default 30) or is older than ``WERKPUNT_STAFF_MAX_HOURS`` (default 12);
- otherwise notes ``last_seen_at``, at most once a minute.

A session without a StaffSession key (``force_login`` in tests) is left alone; for
staff it simply counts as "second factor not passed" (``permissions.role_required``).

It also guards Wagtail's ``/cms/`` and Django's admin ``/beheer/``: their own login
pages send people to ``accounts:login`` (so no one logs in there without the second
factor), and a logged-in user who needs a second factor (staff, superusers) gets in
only with a verified StaffSession.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.contrib import auth, messages
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from werkpunt.accounts import services
from werkpunt.accounts.models import StaffSession
from werkpunt.accounts.permissions import STAFF_SESSION_KEY, needs_second_factor
from werkpunt.accounts.selectors import age_limit, idle_limit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

#: ``last_seen_at`` is written at most this often.
SEEN_INTERVAL = timedelta(minutes=1)

#: Paths (no language prefix) that need a full login with the second factor.
PROTECTED_PREFIXES = ("/cms/", "/beheer/")
#: The admin's own login pages, replaced by ``accounts:login`` (prefix -> where to go next).
LOGIN_PATHS = {"/cms/login/": "/cms/", "/beheer/login/": "/beheer/"}
#: The admin's own password reset pages, replaced by ``accounts:password_reset``.
PASSWORD_RESET_PREFIXES = ("/cms/password_reset/", "/beheer/password_reset/")


def ended_reason(staff_session: StaffSession | None) -> str:
    """Why this login is over ("" while it is live): ended, idle or expired."""
    if staff_session is None or staff_session.ended_at is not None:
        return "ended"
    now = timezone.now()
    if now - staff_session.created_at > age_limit():
        return "expired"
    if now - staff_session.last_seen_at > idle_limit():
        return "idle"
    return ""


def _logout_message(reason: str) -> str:
    if reason == "idle":
        return _(
            "U bent uitgelogd, omdat u %(minutes)s minuten niets heeft gedaan. Log opnieuw in."
        ) % {"minutes": int(idle_limit().total_seconds() // 60)}
    if reason == "expired":
        return _("U bent uitgelogd, omdat u al %(hours)s uur was ingelogd. Log opnieuw in.") % {
            "hours": int(age_limit().total_seconds() // 3600)
        }
    return _("U bent uitgelogd. Log opnieuw in om verder te gaan.")


class StaffSessionMiddleware:
    """Checks the StaffSession of each logged-in request; guards /cms/ and /beheer/."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.check(request)
        if response is not None:
            return response
        return self.get_response(request)

    def check(self, request: HttpRequest) -> HttpResponseBase | None:
        path = request.path_info
        if path in LOGIN_PATHS:
            next_path = request.GET.get("next") or LOGIN_PATHS[path]
            return redirect_to_login(next_path, reverse("accounts:login"))
        if path.startswith(PASSWORD_RESET_PREFIXES):
            return redirect("accounts:password_reset")
        protected = path.startswith(PROTECTED_PREFIXES)
        # Do not load the user (a database query) for visitors who never logged in.
        if SESSION_KEY not in request.session or not request.user.is_authenticated:
            return None
        staff_session = self._live_session(request)
        if not protected:
            return None
        if SESSION_KEY not in request.session:
            return None  # logged out just now; the admin sends to its login page, then here
        if needs_second_factor(request.user):
            if staff_session is None:
                return redirect_to_login(request.get_full_path(), reverse("accounts:login"))
            if staff_session.verified_at is None:
                return redirect("accounts:second_factor")
        if not self._may_use_admin(request.user, path):
            # Logged in properly but not for this admin (an employer, an adviser): a 403
            # page here, rather than the admin's login page, which would send them back.
            raise PermissionDenied
        return None

    @staticmethod
    def _may_use_admin(user: Any, path: str) -> bool:
        if path.startswith("/beheer/"):
            return bool(user.is_active and user.is_staff)
        return bool(user.has_perm("wagtailadmin.access_admin"))

    def _live_session(self, request: HttpRequest) -> StaffSession | None:
        """The request's StaffSession if still live; logs out when it is over."""
        key = request.session.get(STAFF_SESSION_KEY)
        if not key:
            return None
        user: User = request.user  # type: ignore[assignment]
        staff_session = StaffSession.objects.filter(key=key, user_id=user.pk).first()
        reason = ended_reason(staff_session)
        if reason:
            services.staff_session_end(key=str(key))
            auth.logout(request)
            messages.info(request, _logout_message(reason), fail_silently=True)
            return None
        assert staff_session is not None
        now = timezone.now()
        if now - staff_session.last_seen_at >= SEEN_INTERVAL:
            StaffSession.objects.filter(pk=staff_session.pk).update(last_seen_at=now)
            staff_session.last_seen_at = now
        return staff_session
