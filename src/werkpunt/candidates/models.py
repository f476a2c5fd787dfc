"""Data of the candidates app.

A :class:`Candidate` is a person looking for work, supported by one partner. The row holds
two kinds of data, kept apart on every screen:

* the **work profile** (tasks, skills, hours, travel, language, support needs, interests):
  anonymous, visible to advisers of all seven partners and used by matching;
* the **identity** (name, mail, phone): visible only to the candidate's own adviser and
  organisation, and to an employer only when both keys are turned (:meth:`is_released`).

The two keys: the candidate agrees (through a personal link, or on paper recorded by the
adviser) and the adviser releases. Withdrawal by either side closes both at once; every
screen asks :meth:`CandidateQuerySet.released` at the moment it is shown, so withdrawal
takes effect everywhere immediately. Every change of consent is a :class:`ConsentEvent`.

By design there is no field for health, diagnosis, age, gender or origin: support needs
are functional ("jobcoach", "aanpassing-werkplek"), never a reason.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_consent_token() -> str:
    return secrets.token_urlsafe(24)


class TravelMode(models.TextChoices):
    CAR = "auto", _("Auto")
    BICYCLE = "fiets", _("Fiets")
    PUBLIC = "ov", _("Openbaar vervoer")
    NONE = "geen", _("Lopend, geen vervoer")


class PhysicalLoad(models.TextChoices):
    LIGHT = "licht", _("Licht werk")
    MEDIUM = "middel", _("Gemiddeld zwaar werk")
    HEAVY = "zwaar", _("Zwaar werk")


class ConsentVia(models.TextChoices):
    LINK = "link", _("Via de persoonlijke link")
    PAPER = "papier", _("Op papier, vastgelegd door de adviseur")
    CONVERSATION = "gesprek", _("In een gesprek, vastgelegd door de adviseur")


class CandidateQuerySet(models.QuerySet["Candidate"]):
    def active(self) -> CandidateQuerySet:
        """Profiles that are looking for work and not anonymised."""
        return self.filter(is_active=True, anonymised_at__isnull=True)

    def released(self) -> CandidateQuerySet:
        """Both keys turned and not withdrawn: an employer may see who this is."""
        return self.filter(
            candidate_consent_at__isnull=False,
            adviser_release_at__isnull=False,
            consent_withdrawn_at__isnull=True,
            anonymised_at__isnull=True,
        )


class Candidate(models.Model):
    """A person looking for work: an anonymous work profile plus a separate identity."""

    #: Shown on anonymous screens instead of a name, e.g. ``K-000123``.
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True, blank=True)

    # --- Identity: own adviser and organisation; an employer only after release -------------
    display_name = models.CharField(
        _("naam"), max_length=100, help_text=_("Voornaam en eerste letter van de achternaam.")
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="candidates",
        verbose_name=_("organisatie"),
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidates",
        verbose_name=_("adviseur"),
    )
    #: The worker of a placement this profile belongs to (for matchtafels), if any.
    worker = models.OneToOneField(
        "placements.Worker",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidate",
        verbose_name=_("werknemer"),
    )

    # --- Work profile: anonymous, used by matching -----------------------------------------
    home_place = models.CharField(_("woonplaats"), max_length=60)
    travel_mode = models.CharField(
        _("vervoer"), max_length=10, choices=TravelMode.choices, blank=True
    )
    max_travel_minutes = models.PositiveSmallIntegerField(_("maximale reistijd (minuten)"))
    hours_per_week = models.DecimalField(_("uren per week"), max_digits=4, decimal_places=1)
    #: Day codes of ``werkpunt.matching.vocab.DAYS`` ("ma" … "zo").
    days = models.JSONField(_("beschikbare dagen"), default=list, blank=True)
    #: Task ids of the task list.
    tasks = models.JSONField(_("taken"), default=list, blank=True)
    #: Skill ids of the task list.
    skills = models.JSONField(_("vaardigheden"), default=list, blank=True)
    experience_years = models.DecimalField(
        _("werkervaring (jaren)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    education_level = models.CharField(_("opleiding"), max_length=20, blank=True)
    language_level = models.CharField(_("taalniveau Nederlands"), max_length=4, blank=True)
    licences = models.JSONField(_("rijbewijzen en certificaten"), default=list, blank=True)
    #: Functional support needs of ``werkpunt.matching.vocab.SUPPORT_NEEDS``; never a diagnosis.
    support_needs = models.JSONField(_("nodig aan ondersteuning"), default=list, blank=True)
    #: Task ids and/or sector codes.
    interests = models.JSONField(_("interesses"), default=list, blank=True)
    max_physical_load = models.CharField(
        _("zwaarste werk dat kan"),
        max_length=10,
        choices=PhysicalLoad.choices,
        default=PhysicalLoad.HEAVY,
    )
    motivation = models.TextField(_("motivatie (woorden van de adviseur)"), blank=True)
    is_active = models.BooleanField(_("zoekt werk"), default=True)

    # --- Two-key consent ----------------------------------------------------------------------
    candidate_consent_at = models.DateTimeField(_("toestemming kandidaat"), null=True, blank=True)
    candidate_consent_via = models.CharField(
        _("toestemming gegeven"), max_length=10, choices=ConsentVia.choices, blank=True
    )
    adviser_release_at = models.DateTimeField(_("vrijgegeven door adviseur"), null=True, blank=True)
    adviser_release_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vrijgegeven door"),
    )
    consent_withdrawn_at = models.DateTimeField(_("toestemming ingetrokken"), null=True, blank=True)
    #: Secret of the candidate's personal consent link; a new one makes the old link useless.
    consent_token = models.CharField(max_length=64, unique=True, default=new_consent_token)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        verbose_name = _("kandidaat")
        verbose_name_plural = _("kandidaten")
        ordering = ("-updated_at", "-pk")
        indexes = (models.Index(fields=("is_active", "anonymised_at"), name="candidates_active"),)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gte=0, hours_per_week__lte=60),
                name="candidates_candidate_hours_range",
            ),
        )

    def __str__(self) -> str:
        return self.reference or f"K-{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        if not self.reference:
            self.reference = f"K-{self.pk:06d}"
            super().save(update_fields=["reference"])

    @property
    def is_released(self) -> bool:
        return (
            self.candidate_consent_at is not None
            and self.adviser_release_at is not None
            and self.consent_withdrawn_at is None
            and self.anonymised_at is None
        )


class ConsentAction(models.TextChoices):
    CANDIDATE_GAVE = "candidate_gave", _("Kandidaat gaf toestemming")
    ADVISER_RELEASED = "adviser_released", _("Adviseur gaf profiel vrij")
    CANDIDATE_WITHDREW = "candidate_withdrew", _("Kandidaat trok toestemming in")
    ADVISER_WITHDREW = "adviser_withdrew", _("Adviseur trok vrijgave in")
    LINK_RENEWED = "link_renewed", _("Nieuwe persoonlijke link gemaakt")


class ConsentEvent(models.Model):
    """One change of a candidate's consent; never changed afterwards."""

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="consent_events"
    )
    action = models.CharField(max_length=20, choices=ConsentAction.choices)
    at = models.DateTimeField(default=timezone.now)
    #: The adviser who recorded it; empty when the candidate used the personal link.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ("-at", "-pk")

    def __str__(self) -> str:
        return f"{self.candidate} {self.action} {self.at:%Y-%m-%d}"
