"""Spam and abuse measures for the question form, without third-party services.

Three measures (see ``docs/requests.md``):

- a honeypot field that people do not see and bots fill in;
- a signed timestamp: a form sent within :data:`MIN_FILL_SECONDS` of being shown, or
  more than :data:`MAX_FORM_AGE_SECONDS` later, is refused;
- a rate limit of :data:`RATE_LIMIT` submissions per :data:`RATE_WINDOW_SECONDS` per
  client. The client is known only by a keyed hash of its address, kept in the cache
  for the length of the window; the address itself is never stored.
"""

from __future__ import annotations

import time

from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

#: Name of the honeypot field. Not a name browsers or password managers fill in.
HONEYPOT_FIELD = "kenmerk"
#: Name of the hidden field with the signed time the form was shown.
TOKEN_FIELD = "formulier_tijd"  # noqa: S105 - a field name, not a password

MIN_FILL_SECONDS = 3
MAX_FORM_AGE_SECONDS = 24 * 60 * 60

RATE_LIMIT = 5
RATE_WINDOW_SECONDS = 60 * 60

_TOKEN_SALT = "werkpunt.employers.question-form"  # noqa: S105 - a salt, not a secret
_RATE_SALT = "werkpunt.employers.rate-limit"


def now() -> float:
    """The current time in seconds; one place, so tests can move the clock."""
    return time.time()


def form_token(*, issued_at: float | None = None) -> str:
    """A signed token saying when the form was shown (default: now)."""
    moment = now() if issued_at is None else issued_at
    return signing.dumps(int(moment), salt=_TOKEN_SALT, compress=False)


def form_token_age(token: str) -> float | None:
    """Seconds since the token was issued, or ``None`` when it is missing or forged."""
    if not token:
        return None
    try:
        issued = signing.loads(token, salt=_TOKEN_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(issued, int):
        return None
    return now() - issued


def form_token_is_valid(token: str) -> bool:
    """Was the form shown between 3 seconds and 1 day ago, by this site?"""
    age = form_token_age(token)
    return age is not None and MIN_FILL_SECONDS <= age <= MAX_FORM_AGE_SECONDS


def _client_cache_key(request: HttpRequest) -> str:
    """A cache key for the client: an HMAC of its address with ``SECRET_KEY``, never the address."""
    address = str(request.META.get("REMOTE_ADDR") or "")
    digest = salted_hmac(_RATE_SALT, address, algorithm="sha256").hexdigest()
    return f"werkpunt:employers:submissions:{digest}"


def is_rate_limited(request: HttpRequest) -> bool:
    """Has this client used up its submissions for the current window?"""
    count = cache.get(_client_cache_key(request), 0)
    return isinstance(count, int) and count >= RATE_LIMIT


def record_submission(request: HttpRequest) -> None:
    """Count one submission for this client; the window starts at its first submission."""
    key = _client_cache_key(request)
    cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=RATE_WINDOW_SECONDS)
