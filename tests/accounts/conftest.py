"""Fixtures of the accounts tests: a clean cache (rate limits) and users with an authenticator app."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from werkpunt.accounts import totp
from werkpunt.accounts.models import TotpDevice

PASSWORD = "een-lang-wachtwoord-voor-tests"  # what tests/conftest.py's make_user sets


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hash passwords quickly in these tests (PBKDF2 with a million rounds takes a while)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _clean_cache():
    """Rate-limit counters live in the cache; every test starts without any."""
    cache.clear()
    yield
    cache.clear()


def code_for(device: TotpDevice, *, offset_steps: int = 0) -> str:
    """The code the user's app shows now (or ``offset_steps`` steps later)."""
    return totp.totp(
        totp.secret_bytes(device.secret), time.time() + offset_steps * totp.STEP_SECONDS
    )


@pytest.fixture
def with_device() -> Callable[[Any], TotpDevice]:
    """``with_device(user)``: give the user a confirmed authenticator app."""

    def _make(user: Any) -> TotpDevice:
        return TotpDevice.objects.create(
            user=user, secret=totp.new_secret(), confirmed_at=timezone.now()
        )

    return _make
