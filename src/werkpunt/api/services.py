"""Writes of the api app: making and revoking personal API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkpunt.accounts.permissions import needs_second_factor, role_of
from werkpunt.api.access import API_ROLES, has_confirmed_second_factor
from werkpunt.api.models import ApiToken

if TYPE_CHECKING:
    from django.contrib.auth.models import User

#: Every token starts with this, so a leaked token is easy to recognise (secret scanners).
TOKEN_PREFIX = "wpt_"  # noqa: S105 - a public prefix, not a secret
#: Longest token name (the model field's max_length).
NAME_MAX_LENGTH = 100
#: How often ``last_used_at`` is written at most, so a busy client does not write on every call.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def token_hash(raw: str) -> str:
    """The stored form of a token. A token has 256 random bits, so one SHA-256 is enough."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a token for ``user``; returns the row and the token, which is never shown again.

    Raises ``ValidationError`` (Dutch) when the user may not have a token: inactive, no role
    that the API serves, or staff without a confirmed authenticator app.
    """
    name = name.strip()
    if not name or len(name) > NAME_MAX_LENGTH:
        raise ValidationError(_("Geef de token een naam van 1 tot 100 tekens."))
    if not user.is_active:
        raise ValidationError(_("Dit account is niet actief."))
    role = role_of(user)
    if role not in API_ROLES:
        raise ValidationError(_("Met de rol van dit account kunt u de API niet gebruiken."))
    if needs_second_factor(user) and not has_confirmed_second_factor(user):
        raise ValidationError(
            _(
                "Dit account heeft nog geen tweede stap (authenticator-app) ingesteld. "
                "Stel die eerst in en maak dan de token."
            )
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name, token_hash=token_hash(raw))
    return token, raw


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Stop a token from working. Revoking twice keeps the first date."""
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    token.refresh_from_db()
    return token


def api_token_mark_used(*, token: ApiToken) -> None:
    """Note that the token was used now (at most once a minute per token)."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
