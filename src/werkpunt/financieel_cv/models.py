"""A financieel CV is not stored, unless the user asks for it (``SavedCalculation``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy


class SavedCalculation(models.Model):
    """Answers a user chose to keep for 30 days, behind an unguessable link.

    Only the answers are stored (the input of the rules), not the outcome: the
    page is computed again when the link is opened. Expired rows are deleted by
    ``werkpunt manage financieel_cv_opschonen``.
    """

    token = models.CharField(gettext_lazy("sleutel"), max_length=64, unique=True)
    situation = models.JSONField(gettext_lazy("antwoorden"))
    created_at = models.DateTimeField(gettext_lazy("bewaard op"))
    expires_at = models.DateTimeField(gettext_lazy("verloopt op"), db_index=True)

    class Meta:
        verbose_name = gettext_lazy("bewaarde berekening")
        verbose_name_plural = gettext_lazy("bewaarde berekeningen")
        constraints = [  # noqa: RUF012 - Django reads Meta as a plain class
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="financieel_cv_expires_after_created",
            )
        ]

    def __str__(self) -> str:
        return f"Bewaarde berekening tot {self.expires_at:%Y-%m-%d}"
