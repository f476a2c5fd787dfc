"""Limits on the number of calls. Counts live in Django's cache (Redis in production).

The rates are class attributes, so the API does not depend on ``REST_FRAMEWORK``
settings; docs/api.md lists them.
"""

from __future__ import annotations

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    """Calls without a login or token (the schema and docs pages), per client address."""

    scope = "werkpunt_api_anon"
    rate = "60/min"


class UserThrottle(UserRateThrottle):
    """Calls of one user, whether by session or by token."""

    scope = "werkpunt_api_user"
    rate = "600/min"


THROTTLES = (AnonymousThrottle, UserThrottle)
