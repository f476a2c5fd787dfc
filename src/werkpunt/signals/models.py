"""A problem in a law or rule that got in the way of hiring or keeping someone."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    LKS = "lks", _("Loonkostensubsidie")
    NO_RISK = "no_risk", _("No-riskpolis")
    LKV = "lkv", _("Loonkostenvoordeel")
    PRIVACY = "avg", _("Privacy (AVG)")
    DEADLINES = "termijnen", _("Termijnen")
    BENEFITS = "uitkering", _("Uitkering en inkomen")
    CONTRACTS = "contracten", _("Contracten en ketenregeling")
    SUPPORT = "begeleiding", _("Begeleiding en jobcoaching")
    OTHER = "anders", _("Anders")


class LawSignal(models.Model):
    """One recorded problem, anonymous: no worker data in the text (the form says so)."""

    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices)
    title = models.CharField(_("korte titel"), max_length=200)
    description = models.TextField(_("wat ging er mis"), max_length=4000)
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="law_signals",
    )
    placement = models.ForeignKey(
        "placements.Placement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="law_signals",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("knelpunt")
        verbose_name_plural = _("knelpunten")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return self.title
