"""Data of the demands app.

A :class:`Demand` is an employer's request for work, cut into :class:`DemandTask` rows, so a
candidate can fill part of a job. A demand is either scored (matching) or **open hiring**: a
first-come, first-served :class:`OpenHiringSignUp` list with only the employer's stated basic
requirements and no score.

Matching itself lives in ``werkpunt.matching`` (pure). What people do with its results is
recorded here: a :class:`MatchProposal` is an adviser's decision to propose a candidate for a
demand (with the score, the parts and the weights as they were), and every step of it is a
:class:`MatchLogEntry` that is never changed afterwards.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DemandStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FILLED = "filled", _("Vervuld")
    CLOSED = "closed", _("Gesloten")


class Demand(models.Model):
    """An employer's request for work, as tasks."""

    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.CASCADE,
        related_name="demands",
        verbose_name=_("werkgever"),
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True, max_length=4000)
    #: Place code of ``werkpunt.matching`` places (where the work is).
    place = models.CharField(_("werkplaats"), max_length=60)
    #: How many people the employer needs for this demand (places at a matchtafel).
    positions = models.PositiveSmallIntegerField(_("aantal mensen"), default=1)
    min_hours = models.DecimalField(
        _("minimaal uren per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    days = models.JSONField(_("dagen"), default=list, blank=True)
    required_licences = models.JSONField(_("nodige rijbewijzen"), default=list, blank=True)
    language_min = models.CharField(_("taalniveau"), max_length=4, default="geen")
    support_offered = models.JSONField(_("ondersteuning op de werkplek"), default=list, blank=True)
    #: Per-part weights set by the adviser; missing parts keep the default weight.
    weights = models.JSONField(_("gewichten"), default=dict, blank=True)
    open_hiring = models.BooleanField(_("open hiring"), default=False)
    #: Open hiring: the only requirements, in the employer's own words.
    basic_requirements = models.TextField(_("basiseisen"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=DemandStatus.choices, default=DemandStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("werkvraag")
        verbose_name_plural = _("werkvragen")
        ordering = ("-created_at", "-pk")
        indexes = (models.Index(fields=("status", "open_hiring"), name="demands_status"),)

    def __str__(self) -> str:
        return self.title


class DemandTask(models.Model):
    """One task of a demand; the defaults come from the task list, the adviser may change them."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="tasks")
    task_id = models.CharField(_("taak"), max_length=80)
    name = models.CharField(_("naam"), max_length=200, blank=True)
    hours = models.DecimalField(_("uren per week"), max_digits=4, decimal_places=1)
    weight = models.DecimalField(_("gewicht"), max_digits=3, decimal_places=1, default=1)
    skills = models.JSONField(_("nodige vaardigheden"), default=list, blank=True)
    physical_load = models.CharField(_("fysieke belasting"), max_length=10, default="middel")
    language = models.CharField(_("taalniveau"), max_length=4, default="geen")
    sector = models.CharField(_("sector"), max_length=20, default="anders")

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ("pk",)
        constraints = (
            models.UniqueConstraint(fields=("demand", "task_id"), name="demands_task_once"),
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="demands_task_hours"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="demands_task_weight"),
        )

    def __str__(self) -> str:
        return self.name or self.task_id


class OpenHiringSignUp(models.Model):
    """One person on the sign-up list of an open-hiring demand; the order is the arrival."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="sign_ups")
    #: Set when an adviser signs up a candidate; empty for a sign-up by the person.
    candidate = models.ForeignKey(
        "candidates.Candidate",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sign_ups",
    )
    name = models.CharField(_("naam"), max_length=100, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    #: The person confirmed they meet the stated basic requirements.
    meets_requirements = models.BooleanField(default=False)
    signed_up_at = models.DateTimeField(default=timezone.now)
    signed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ("signed_up_at", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=("demand", "candidate"),
                condition=models.Q(candidate__isnull=False),
                name="demands_signup_candidate_once",
            ),
        )

    def __str__(self) -> str:
        return f"{self.demand_id}: {self.name or self.candidate_id}"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld aan werkgever")
    INVITED = "invited", _("Uitgenodigd voor gesprek")
    HIRED = "hired", _("Aangenomen")
    DECLINED = "declined", _("Niet aangenomen")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


class MatchProposal(models.Model):
    """An adviser's confirmed proposal of one candidate for one demand."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="proposals")
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="proposals"
    )
    #: Weighted score 0-1 at the moment of proposing.
    score = models.FloatField()
    #: The parts as they were: ``[{"name", "value", "weight", "text"}]``.
    parts = models.JSONField(default=list)
    weights = models.JSONField(default=dict)
    #: The task ids of the demand the candidate covers (a partial job).
    task_ids = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    #: The placement made when the candidate was hired.
    placement = models.ForeignKey(
        "placements.Placement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")
        ordering = ("-proposed_at", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=("demand", "candidate"),
                condition=~models.Q(status="withdrawn"),
                name="demands_proposal_once",
            ),
        )

    def __str__(self) -> str:
        return f"{self.candidate_id} → {self.demand_id}"


class MatchAction(models.TextChoices):
    VIEWED = "viewed", _("Ranglijst bekeken")
    WEIGHTS = "weights", _("Gewichten aangepast")
    PROPOSED = "proposed", _("Voorgesteld")
    NOT_SUITABLE = "not_suitable", _("Niet passend gevonden")
    STATUS = "status", _("Uitkomst vastgelegd")
    WITHDRAWN = "withdrawn", _("Voorstel ingetrokken")


class MatchLogEntry(models.Model):
    """One decision about matching; the log of every proposal and decision."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="match_log")
    candidate = models.ForeignKey(
        "candidates.Candidate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    proposal = models.ForeignKey(
        MatchProposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="log"
    )
    action = models.CharField(max_length=20, choices=MatchAction.choices)
    #: Score, weights, status or reason, as they were.
    details = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("matchbesluit")
        verbose_name_plural = _("matchbesluiten")
        ordering = ("-at", "-pk")

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d}"
