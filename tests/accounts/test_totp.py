"""TOTP and HOTP against the test vectors of RFC 4226 and RFC 6238; replay and time window."""

from __future__ import annotations

import hashlib
import time
from urllib.parse import parse_qs, urlparse

import pytest

from werkpunt.accounts import services, totp
from werkpunt.accounts.models import TotpDevice

RFC4226_KEY = b"12345678901234567890"

# RFC 4226, appendix D: HOTP values for counters 0..9.
RFC4226_VALUES = [
    "755224",
    "287082",
    "359152",
    "969429",
    "338314",
    "254676",
    "287922",
    "162583",
    "399871",
    "520489",
]

# RFC 6238, appendix B: (time, SHA-1, SHA-256, SHA-512), 8 digits.
RFC6238_VALUES = [
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1111111111, "14050471", "67062674", "99943326"),
    (1234567890, "89005924", "91819424", "93441116"),
    (2000000000, "69279037", "90698825", "38618901"),
    (20000000000, "65353130", "77737706", "47863826"),
]
SHA1_KEY = b"12345678901234567890"
SHA256_KEY = b"12345678901234567890123456789012"
SHA512_KEY = b"1234567890123456789012345678901234567890123456789012345678901234"


@pytest.mark.parametrize(("counter", "expected"), list(enumerate(RFC4226_VALUES)))
def test_hotp_rfc4226_vectors(counter, expected):
    assert totp.hotp(RFC4226_KEY, counter) == expected


@pytest.mark.parametrize(("at", "sha1", "sha256", "sha512"), RFC6238_VALUES)
def test_totp_rfc6238_vectors(at, sha1, sha256, sha512):
    assert totp.totp(SHA1_KEY, at, digits=8) == sha1
    assert totp.totp(SHA256_KEY, at, digits=8, digest=hashlib.sha256) == sha256
    assert totp.totp(SHA512_KEY, at, digits=8, digest=hashlib.sha512) == sha512


def test_six_digit_code_is_the_last_six_digits_of_the_rfc_value():
    # 8-digit 94287082 at t=59 -> the 6-digit code keeps the low digits, zero-padded.
    assert totp.totp(SHA1_KEY, 59) == "287082"
    assert totp.totp(SHA1_KEY, 1111111109) == "081804"  # a leading zero stays


def test_time_step_boundaries():
    assert totp.time_step(0) == 0
    assert totp.time_step(29.999) == 0
    assert totp.time_step(30) == 1
    assert totp.time_step(59) == 1


def test_match_step_accepts_one_step_either_side_and_no_further():
    at = 1_700_000_000.0
    step = totp.time_step(at)
    for offset in (-1, 0, 1):
        code = totp.hotp(SHA1_KEY, step + offset)
        assert totp.match_step(SHA1_KEY, code, at) == step + offset
    for offset in (-2, 2):
        code = totp.hotp(SHA1_KEY, step + offset)
        assert totp.match_step(SHA1_KEY, code, at) is None


def test_match_step_refuses_steps_already_used():
    at = 1_700_000_000.0
    step = totp.time_step(at)
    code = totp.hotp(SHA1_KEY, step)
    assert totp.match_step(SHA1_KEY, code, at, last_step=step) is None
    assert totp.match_step(SHA1_KEY, code, at, last_step=step - 1) == step


@pytest.mark.parametrize("bad", ["", "12345", "1234567", "abcdef", "１２３４５６", "12 34 5x"])
def test_match_step_refuses_malformed_codes(bad):
    assert totp.match_step(SHA1_KEY, bad, 1_700_000_000.0) is None


def test_match_step_allows_spaces_and_dashes():
    at = 1_700_000_000.0
    code = totp.totp(SHA1_KEY, at)
    assert totp.match_step(SHA1_KEY, f"{code[:3]} {code[3:]}", at) is not None
    assert totp.match_step(SHA1_KEY, f"{code[:3]}-{code[3:]}", at) is not None


def test_new_secret_is_base32_of_160_bits_and_round_trips():
    secret = totp.new_secret()
    assert len(totp.secret_bytes(secret)) == 20
    assert totp.secret_bytes(totp.grouped(secret).lower()) == totp.secret_bytes(secret)
    assert totp.new_secret() != secret


def test_provisioning_uri_names_issuer_account_and_parameters():
    uri = totp.provisioning_uri("JBSWY3DPEHPK3PXP", account="jan@emmen.nl", issuer="Werkpunt")
    parsed = urlparse(uri)
    assert parsed.scheme == "otpauth"
    assert parsed.netloc == "totp"
    assert parsed.path == "/Werkpunt%3Ajan%40emmen.nl"
    query = parse_qs(parsed.query)
    assert query == {
        "secret": ["JBSWY3DPEHPK3PXP"],
        "issuer": ["Werkpunt"],
        "algorithm": ["SHA1"],
        "digits": ["6"],
        "period": ["30"],
    }


@pytest.mark.django_db
def test_a_code_is_never_accepted_twice(make_user, with_device):
    user = make_user(role="adviseur")
    device = with_device(user)
    now = time.time()
    code = totp.totp(totp.secret_bytes(device.secret), now)
    assert services.totp_verify(user=user, code=code, at=now)
    assert not services.totp_verify(user=user, code=code, at=now)
    # The previous step's code is older than the one used: refused as well.
    previous = totp.totp(totp.secret_bytes(device.secret), now - 30)
    assert not services.totp_verify(user=user, code=previous, at=now)
    # The next step's code is still fine.
    following = totp.totp(totp.secret_bytes(device.secret), now + 30)
    assert services.totp_verify(user=user, code=following, at=now)
    device.refresh_from_db()
    assert device.last_step == totp.time_step(now) + 1


@pytest.mark.django_db
def test_unconfirmed_device_does_not_count_for_login(make_user):
    user = make_user(role="adviseur")
    device = services.totp_device_for_enrolment(user=user)
    now = time.time()
    code = totp.totp(totp.secret_bytes(device.secret), now)
    assert not services.totp_verify(user=user, code=code, at=now)
    assert services.totp_device_confirm(device=device, code=code, at=now)
    assert TotpDevice.objects.get(user=user).confirmed_at is not None
    # The code used to confirm cannot be used again to log in.
    assert not services.totp_verify(user=user, code=code, at=now)


@pytest.mark.django_db
def test_enrolment_keeps_the_secret_until_confirmed(make_user):
    user = make_user(role="jobcoach")
    first = services.totp_device_for_enrolment(user=user)
    again = services.totp_device_for_enrolment(user=user)
    assert first.secret == again.secret


@pytest.mark.django_db
def test_recovery_codes_work_once_and_only_hashes_are_stored(make_user):
    from werkpunt.accounts.models import RecoveryCode

    user = make_user(role="adviseur")
    codes = services.recovery_codes_replace(user=user)
    assert len(codes) == 10
    assert len(set(codes)) == 10
    stored = list(RecoveryCode.objects.filter(user=user).values_list("code_hash", flat=True))
    assert all(code not in "".join(stored) for code in codes)
    assert all(h.startswith("sha256$") for h in stored)
    # Upper case and without the dash are accepted too.
    assert services.recovery_code_use(user=user, code=codes[0].upper().replace("-", ""))
    assert not services.recovery_code_use(user=user, code=codes[0])
    assert services.recovery_codes_left(user=user) == 9
    # New codes: the old ones stop working.
    services.recovery_codes_replace(user=user)
    assert not services.recovery_code_use(user=user, code=codes[1])
