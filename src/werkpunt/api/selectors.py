"""Reads of the api app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from werkpunt.api.models import ApiToken

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def api_token_find(*, token_hash: str) -> ApiToken | None:
    """The live token with this hash and its user, or ``None`` (unknown or revoked)."""
    return (
        ApiToken.objects.select_related("user", "user__profile")
        .filter(token_hash=token_hash, revoked_at__isnull=True)
        .first()
    )


def api_tokens_of(*, user: User, live_only: bool = False) -> QuerySet[ApiToken]:
    """The tokens of ``user``, newest first; with ``live_only`` not the revoked ones."""
    tokens = ApiToken.objects.filter(user=user)
    return tokens.filter(revoked_at__isnull=True) if live_only else tokens


def api_token_get(*, token_id: int) -> ApiToken | None:
    """One token by its number (for the beheerder's command), or ``None``."""
    return ApiToken.objects.filter(pk=token_id).first()
