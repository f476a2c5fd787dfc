"""Counting failed attempts (password, second factor) in the cache, per address and per account.

A counter starts at the first failure and lives for the window
(``WERKPUNT_LOGIN_WINDOW_MINUTES``, default 15). When a counter reached its limit, the
next attempt is refused without checking the password, with HTTP 429. Cache keys are
keyed hashes (HMAC with ``SECRET_KEY``): neither the address nor the typed name is
stored. With Redis as the cache (``WERKPUNT_REDIS_URL``) the counters are shared by all
app servers; the in-memory default counts per process.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

_SALT = "werkpunt.accounts.ratelimit"


def window_seconds() -> int:
    return int(getattr(settings, "WERKPUNT_LOGIN_WINDOW_MINUTES", 15)) * 60


def account_limit() -> int:
    return int(getattr(settings, "WERKPUNT_LOGIN_MAX_FAILURES", 5))


def address_limit() -> int:
    return int(getattr(settings, "WERKPUNT_LOGIN_MAX_FAILURES_PER_IP", 20))


def client_address(request: HttpRequest) -> str:
    """The client's address as the server sees it (the reverse proxy must set REMOTE_ADDR)."""
    return str(request.META.get("REMOTE_ADDR") or "")


def _key(scope: str, kind: str, value: str) -> str:
    digest = salted_hmac(_SALT, f"{scope}:{kind}:{value}", algorithm="sha256").hexdigest()
    return f"werkpunt:accounts:failures:{digest}"


@dataclass(frozen=True)
class Limiter:
    """Failure counters of one kind of attempt (``scope``: "login", "second-factor")."""

    scope: str

    def _keys(self, request: HttpRequest, account: str) -> list[tuple[str, int]]:
        keys = [(_key(self.scope, "ip", client_address(request)), address_limit())]
        if account:
            keys.append((_key(self.scope, "account", account.strip().lower()), account_limit()))
        return keys

    def blocked(self, request: HttpRequest, account: str) -> bool:
        """Has the address or the account used up its failures for now?"""
        for key, limit in self._keys(request, account):
            count = cache.get(key, 0)
            if isinstance(count, int) and count >= limit:
                return True
        return False

    def fail(self, request: HttpRequest, account: str) -> None:
        """Count one failure for the address and the account."""
        timeout = window_seconds()
        for key, _limit in self._keys(request, account):
            cache.add(key, 0, timeout=timeout)
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.set(key, 1, timeout=timeout)

    def succeed(self, request: HttpRequest, account: str) -> None:
        """Forget the account's failures (not the address's) after a success."""
        if account:
            cache.delete(_key(self.scope, "account", account.strip().lower()))


LOGIN = Limiter("login")
SECOND_FACTOR = Limiter("second-factor")
