"""Signal receivers of the accounts app, connected in ``AccountsConfig.ready``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest

from werkpunt.accounts import services
from werkpunt.accounts.permissions import STAFF_SESSION_KEY


@receiver(user_logged_out, dispatch_uid="werkpunt.accounts.end_staff_session")
def end_staff_session(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    """Every logout (ours, Wagtail's, the admin's) ends the login on the server too.

    Without this, a copy of the signed session cookie would still name a live
    StaffSession and keep working after the logout.
    """
    if request is None or not hasattr(request, "session"):
        return
    services.staff_session_end(key=str(request.session.get(STAFF_SESSION_KEY) or ""))
