"""One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238), written out in full.

Pure Python, no Django. An authenticator app and Werkpunt share a random secret; both
compute ``HOTP(secret, counter)`` where the counter is the number of 30-second steps
since the Unix epoch. Werkpunt accepts the code of the current step and of one step
before and after it (clocks of phones drift), and never the same step twice: the
caller passes the last accepted step and stores the one :func:`match_step` returns.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlencode

#: Length of a step in seconds (RFC 6238's X).
STEP_SECONDS = 30
#: Number of digits of a code.
DIGITS = 6
#: How many steps before and after the current one are accepted.
WINDOW = 1
#: Length of a new secret in bytes: 160 bits, as RFC 4226 recommends for HMAC-SHA1.
SECRET_BYTES = 20

#: A hash constructor such as ``hashlib.sha1`` (RFC 6238 also has SHA-256 and SHA-512).
Digest = Callable[[], Any]


def new_secret() -> str:
    """A new random secret, in base32 without padding (what authenticator apps expect)."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii").rstrip("=")


def secret_bytes(secret: str) -> bytes:
    """The bytes of a base32 secret; spaces and lower case are allowed, padding is optional."""
    cleaned = "".join(secret.split()).upper()
    cleaned += "=" * (-len(cleaned) % 8)
    return base64.b32decode(cleaned)


def hotp(key: bytes, counter: int, *, digits: int = DIGITS, digest: Digest = hashlib.sha1) -> str:
    """The HOTP value of ``counter`` (RFC 4226, section 5.3), as a string of ``digits`` digits."""
    if counter < 0:
        raise ValueError("counter must not be negative")
    mac = hmac.new(key, struct.pack(">Q", counter), digest).digest()
    offset = mac[-1] & 0x0F
    binary = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(binary % 10**digits).zfill(digits)


def time_step(at: float, *, step: int = STEP_SECONDS, t0: int = 0) -> int:
    """The number of whole steps between ``t0`` and ``at`` (Unix seconds)."""
    return int((at - t0) // step)


def totp(
    key: bytes,
    at: float,
    *,
    step: int = STEP_SECONDS,
    digits: int = DIGITS,
    digest: Digest = hashlib.sha1,
) -> str:
    """The TOTP value at time ``at`` (Unix seconds), RFC 6238 section 4."""
    return hotp(key, time_step(at, step=step), digits=digits, digest=digest)


def normalise_code(code: str) -> str:
    """The digits of a typed code: spaces and dashes are dropped ("123 456" → "123456")."""
    return "".join(ch for ch in code if not ch.isspace() and ch != "-")


def match_step(
    key: bytes,
    code: str,
    at: float,
    *,
    last_step: int = 0,
    window: int = WINDOW,
    digits: int = DIGITS,
) -> int | None:
    """The step whose code equals ``code``, or ``None``.

    Steps from ``window`` before to ``window`` after the current one are tried; a step
    at or before ``last_step`` (already used) never matches, so a code works only once.
    Codes are compared in constant time.
    """
    code = normalise_code(code)
    if len(code) != digits or not code.isascii() or not code.isdigit():
        return None
    current = time_step(at)
    found: int | None = None
    for candidate in range(current - window, current + window + 1):
        if candidate <= last_step or candidate < 0:
            continue
        # Compare every candidate (no early exit), so timing says nothing about which matched.
        if hmac.compare_digest(hotp(key, candidate, digits=digits), code) and found is None:
            found = candidate
    return found


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """The ``otpauth://`` link an authenticator app reads from the QR code."""
    label = quote(f"{issuer}:{account}", safe="")
    query = urlencode(
        {
            "secret": secret,
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": DIGITS,
            "period": STEP_SECONDS,
        },
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{query}"


def grouped(secret: str, size: int = 4) -> str:
    """The secret in groups of four characters, for typing it over by hand."""
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))
