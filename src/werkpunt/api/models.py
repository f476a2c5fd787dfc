"""Data of the api app: personal API tokens for partners' systems.

A token is shown once, when it is made (``werkpunt manage api_token_create``); only a
SHA-256 hash of it is stored. A token acts as its user, with that user's role and
scope. It stops working when it is revoked or the user is no longer active.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A personal API token of one user, for one system (the name says which)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="werkpunt_api_tokens",
        verbose_name=_("gebruiker"),
    )
    #: What the token is for, e.g. "Koppeling klantvolgsysteem Emmen".
    name = models.CharField(_("naam"), max_length=100)
    #: SHA-256 of the token, in hexadecimal. The token itself is never stored.
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    last_used_at = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.name} ({self.user_id})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
