"""Data of the matchtafels app.

A :class:`Matchtafel` is a session where employers bring workers whose contracts end and places
they cannot fill. The system gathers, with consent, the candidates whose placements at the
participating employers end in the chosen period and the open demands of the participants, and
proposes the best overall assignment (``werkpunt.matching`` with scipy). Each proposal run is
stored as :class:`MatchtafelPair` rows (the assigned pair and the alternatives), so the session
sheet shows what was proposed even when profiles change later. What happened at the table is a
:class:`MatchtafelOutcome`; a "placed" outcome makes a placement, so it flows back into the
placements and the dashboard.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MatchtafelStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    HELD = "held", _("Gehouden")
    CANCELLED = "cancelled", _("Geannuleerd")


class Matchtafel(models.Model):
    title = models.CharField(_("titel"), max_length=200)
    date = models.DateField(_("datum"))
    location = models.CharField(_("plaats"), max_length=200)
    #: Contracts that end between these dates are brought to the table.
    period_start = models.DateField(_("contracten die eindigen vanaf"))
    period_end = models.DateField(_("tot en met"))
    employers = models.ManyToManyField(
        "employers.Employer", related_name="matchtafels", verbose_name=_("werkgevers")
    )
    advisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="matchtafels",
        blank=True,
        verbose_name=_("adviseurs"),
    )
    #: Below this score (0-1) no pair is proposed.
    min_score = models.FloatField(_("minimale score"), default=0.3)
    status = models.CharField(
        max_length=10, choices=MatchtafelStatus.choices, default=MatchtafelStatus.PLANNED
    )
    notes = models.TextField(_("aantekeningen"), blank=True, max_length=4000)
    proposed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("matchtafel")
        verbose_name_plural = _("matchtafels")
        ordering = ("-date", "-pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="matchtafels_period_order",
            ),
        )

    def __str__(self) -> str:
        return self.title


class PairKind(models.TextChoices):
    ASSIGNED = "assigned", _("Voorstel")
    ALTERNATIVE = "alternative", _("Alternatief")


class MatchtafelPair(models.Model):
    """A proposed pair of the last proposal run: the assignment or an alternative."""

    matchtafel = models.ForeignKey(Matchtafel, on_delete=models.CASCADE, related_name="pairs")
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="+"
    )
    demand = models.ForeignKey("demands.Demand", on_delete=models.CASCADE, related_name="+")
    #: The placement whose contract ends (why the candidate is at the table), if any.
    ending_placement = models.ForeignKey(
        "placements.Placement", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=PairKind.choices)
    #: 1 for the assigned pair; 2, 3, … for the alternatives in order.
    rank = models.PositiveSmallIntegerField(default=1)
    score = models.FloatField()
    #: The Dutch explanation lines as they were.
    explanation = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ("candidate_id", "rank")

    def __str__(self) -> str:
        return f"{self.candidate_id} → {self.demand_id} ({self.kind})"


class OutcomeKind(models.TextChoices):
    PLACED = "placed", _("Geplaatst")
    TRIAL = "trial", _("Proefplaatsing afgesproken")
    TALK = "talk", _("Kennismakingsgesprek afgesproken")
    NO_MATCH = "no_match", _("Geen match")


class MatchtafelOutcome(models.Model):
    matchtafel = models.ForeignKey(Matchtafel, on_delete=models.CASCADE, related_name="outcomes")
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="+"
    )
    demand = models.ForeignKey(
        "demands.Demand", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("uitkomst"), max_length=10, choices=OutcomeKind.choices)
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    #: The placement made from a "placed" or "trial" outcome.
    placement = models.ForeignKey(
        "placements.Placement", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("recorded_at", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=("matchtafel", "candidate"), name="matchtafels_outcome_once"
            ),
        )

    def __str__(self) -> str:
        return f"{self.candidate_id}: {self.kind}"
