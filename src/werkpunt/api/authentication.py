"""Authentication of API calls: personal API tokens and the browser session.

``Authorization: Token <value>`` finds the :class:`~werkpunt.api.models.ApiToken` by the
hash of its value. A wrong token is counted per client address; after too many wrong
tokens in a short time the address gets 429 before any token is looked up.

The session (:class:`CsrfSessionAuthentication`) is DRF's: the CSRF token is required
for every unsafe method (POST, PUT, PATCH, DELETE).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, SessionAuthentication
from rest_framework.throttling import SimpleRateThrottle

from werkpunt.api.errors import TOKEN_FAILURES_CODE
from werkpunt.api.selectors import api_token_find
from werkpunt.api.services import api_token_mark_used, token_hash

if TYPE_CHECKING:
    from rest_framework.request import Request

    from werkpunt.api.models import ApiToken

KEYWORD = "Token"
#: Wrong tokens allowed per client address per window before it gets 429.
FAILURE_LIMIT = 20
FAILURE_WINDOW_SECONDS = 10 * 60
_LONGEST_TOKEN = 100

INVALID_TOKEN = _("Deze token is onbekend of ingetrokken.")
MALFORMED_HEADER = _("Stuur de token zo mee: Authorization: Token <uw token>.")


class _Ident(SimpleRateThrottle):
    """Only for ``get_ident``: the client address as DRF's throttles see it (NUM_PROXIES)."""

    rate = "1/s"

    def get_cache_key(self, request: Any, view: Any) -> str | None:  # pragma: no cover
        return None


def _failure_key(request: Request) -> str:
    return f"werkpunt-api-token-failures:{_Ident().get_ident(request)}"


class ApiTokenAuthentication(BaseAuthentication):
    """``Authorization: Token <value>`` with a personal API token."""

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not isinstance(header, str) or not header:
            return None
        parts = header.split()
        if not parts or parts[0].lower() != KEYWORD.lower():
            return None  # another scheme: not ours
        if len(parts) != 2 or len(parts[1]) > _LONGEST_TOKEN:
            raise exceptions.AuthenticationFailed(MALFORMED_HEADER)
        key = _failure_key(request)
        if int(cache.get(key, 0)) >= FAILURE_LIMIT:
            raise exceptions.Throttled(wait=FAILURE_WINDOW_SECONDS, code=TOKEN_FAILURES_CODE)
        token = api_token_find(token_hash=token_hash(parts[1]))
        if token is None or not token.user.is_active:
            if cache.add(key, 1, FAILURE_WINDOW_SECONDS) is False:
                try:
                    cache.incr(key)
                except ValueError:  # expired between add and incr
                    cache.set(key, 1, FAILURE_WINDOW_SECONDS)
            raise exceptions.AuthenticationFailed(INVALID_TOKEN)
        api_token_mark_used(token=token)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return KEYWORD


class CsrfSessionAuthentication(SessionAuthentication):
    """DRF's session authentication: the logged-in browser user, CSRF checked on writes."""
