"""Data of the placements app.

A :class:`Placement` is one worker at one employer. The worker is a separate
:class:`Worker` row with the least personal data that works, so it can be anonymised
after the retention period while the placement (and the counts built on it) stays.
The :class:`Deadline` rows come from the actions of ``werkpunt.rules``; the
:class:`AfterSalesTask` rows are the contact moments of the year after the start.
:class:`ReminderDigest` records each digest mail, so it goes out exactly once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Worker(models.Model):
    """The person placed. Only what the work with them needs; see docs/privacy.md."""

    #: How the people around the worker call them (first name and initial of the last name).
    display_name = models.CharField(_("naam"), max_length=100)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    municipality = models.CharField(_("woongemeente"), max_length=20, blank=True)
    consent_at = models.DateTimeField(_("toestemming gegeven op"), null=True, blank=True)
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toestemming vastgelegd door"),
    )
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("werknemer")
        verbose_name_plural = _("werknemers")

    def __str__(self) -> str:
        return self.display_name


class ContractKind(models.TextChoices):
    FIXED = "fixed", _("Tijdelijk contract")
    OPEN_ENDED = "open", _("Vast contract")
    TRIAL = "trial", _("Proefplaatsing")
    LEARNING = "learning", _("Leerwerkplek")


class PlacementStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    ACTIVE = "active", _("Aan het werk")
    ENDED = "ended", _("Afgelopen")


class Placement(models.Model):
    """One worker at one employer, from a start date."""

    employer = models.ForeignKey(
        "employers.Employer", on_delete=models.PROTECT, related_name="placements"
    )
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="placements")
    job_title = models.CharField(_("functie"), max_length=200)
    start_date = models.DateField(_("eerste werkdag"))
    end_date = models.DateField(_("einddatum contract"), null=True, blank=True)
    hours_per_week = models.DecimalField(_("uren per week"), max_digits=4, decimal_places=1)
    #: Gross hourly wage in eurocents.
    hourly_wage_cents = models.PositiveIntegerField(_("bruto uurloon (cent)"))
    contract = models.CharField(_("soort contract"), max_length=10, choices=ContractKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=PlacementStatus.choices, default=PlacementStatus.ACTIVE
    )
    #: The ``werkpunt.rules`` situation behind the placement (JSON as in examples/situatie.json).
    #: It can hold special-category data (benefit, indication): read through selectors only.
    situation = models.JSONField(_("situatie"), default=dict, blank=True)
    #: Codes of the instruments chosen for this placement (``lkv``, ``loonkostensubsidie``, ...).
    instruments = models.JSONField(_("gekozen regelingen"), default=list, blank=True)
    ended_on = models.DateField(_("gestopt op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")
        ordering = ("-start_date", "-pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="placements_placement_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gt=0, hours_per_week__lte=60),
                name="placements_placement_hours_range",
            ),
        )

    def __str__(self) -> str:
        return f"{self.worker} bij {self.employer}"


class HelperRole(models.TextChoices):
    JOBCOACH = "jobcoach", _("Jobcoach")
    CASE_MANAGER = "klantmanager", _("Klantmanager gemeente")
    REINTEGRATION = "reintegratie", _("Re-integratiebedrijf")
    UWV_ADVISER = "uwv", _("Adviseur UWV")
    BUDDY = "maatje", _("Maatje op de werkvloer")
    ADVISER = "adviseur", _("Adviseur werkgeversdienstverlening")
    OTHER = "anders", _("Anders")


class Helper(models.Model):
    """A person around the worker. A helper with a user account may see this placement."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="helpers")
    role = models.CharField(_("rol"), max_length=20, choices=HelperRole.choices)
    name = models.CharField(_("naam"), max_length=200)
    organisation_name = models.CharField(_("organisatie"), max_length=200, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="helper_roles",
    )
    is_coordinator = models.BooleanField(_("coördinator"), default=False)

    class Meta:
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        constraints = (
            models.UniqueConstraint(
                fields=("placement",),
                condition=models.Q(is_coordinator=True),
                name="placements_helper_one_coordinator",
            ),
        )

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Gedaan")
    MISSED = "missed", _("Gemist")
    NOT_NEEDED = "not_needed", _("Niet nodig")


class Deadline(models.Model):
    """Something that must happen by a date, taken from a ``werkpunt.rules`` action."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="deadlines")
    #: The rules action code (``doelgroepverklaring``, ``no_risk_end``, ...).
    code = models.CharField(max_length=60)
    title = models.CharField(_("wat"), max_length=300)
    due_date = models.DateField(_("uiterlijk"), db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="deadlines",
        verbose_name=_("eigenaar"),
    )
    #: Money lost when the deadline is missed (eurocents), if the rules know it.
    amount_at_stake_cents = models.BigIntegerField(null=True, blank=True)
    #: The rules instrument of the action (``lkv_banenafspraak``, ``arbeidsovereenkomst``, ...).
    instrument = models.CharField(_("regeling"), max_length=60, blank=True)
    #: Who acts, from ``Action.actor``: ``werkgever``, ``werknemer``, ``uwv``, ``gemeente``,
    #: ``belastingdienst`` or ``rvo``. The employer portal shows what the employer must do.
    actor = models.CharField(_("wie doet het"), max_length=20, blank=True)
    #: The date or amount rests on a parameter that is not yet known (*voorlopig*).
    provisional = models.BooleanField(_("voorlopig"), default=False)
    #: Why the deadline was not needed (set by ``deadline_mark_not_needed``).
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    status = models.CharField(
        max_length=12, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN, db_index=True
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        ordering = ("due_date", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=("placement", "code", "due_date"), name="placements_deadline_unique"
            ),
        )
        indexes = (models.Index(fields=("owner", "status", "due_date")),)

    def __str__(self) -> str:
        return self.title


class Sustainability(models.TextChoices):
    """Where the worker is at the 6- and 12-month check."""

    STILL_HERE = "here", _("Werkt nog bij deze werkgever")
    ELSEWHERE = "elsewhere", _("Werkt bij een andere werkgever")
    NOT_WORKING = "none", _("Werkt niet meer")


class AfterSalesTask(models.Model):
    """A contact moment of the after-sales plan (2 and 6 weeks, 3, 6, 9 and 12 months)."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="aftersales_tasks"
    )
    #: ``2w``, ``6w``, ``3m``, ``6m``, ``9m``, ``12m`` (settings.WERKPUNT_AFTERSALES_MOMENTS).
    moment = models.CharField(max_length=8)
    due_date = models.DateField(_("gepland op"), db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="aftersales_tasks"
    )
    is_sustainability_check = models.BooleanField(default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(_("aantekeningen"), blank=True, max_length=4000)
    sustainability = models.CharField(
        _("duurzaamheid"), max_length=10, choices=Sustainability.choices, blank=True
    )

    class Meta:
        verbose_name = _("nazorgmoment")
        verbose_name_plural = _("nazorgmomenten")
        ordering = ("due_date", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=("placement", "moment"), name="placements_aftersales_unique"
            ),
        )
        indexes = (
            models.Index(fields=("owner", "done_at", "due_date")),
            # The open moments per owner by date (the digest mail, "mijn werk"): without it
            # PostgreSQL walks every finished moment (benchmarks/bench_backoffice.py).
            models.Index(
                fields=("owner", "due_date"),
                condition=models.Q(done_at__isnull=True),
                name="placements_aftersales_open",
            ),
        )

    def __str__(self) -> str:
        return f"{self.moment} {self.placement_id}"


class DigestStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op verzending")
    SENT = "sent", _("Verstuurd")
    EMPTY = "empty", _("Niets te melden")


class ReminderDigest(models.Model):
    """The one digest mail of a person for one day; its row makes sending exactly-once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_digests"
    )
    for_date = models.DateField()
    status = models.CharField(
        max_length=10, choices=DigestStatus.choices, default=DigestStatus.PENDING
    )
    item_count = models.PositiveIntegerField(default=0)
    message_id = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("user", "for_date"), name="placements_digest_once"),
        )

    def __str__(self) -> str:
        return f"{self.for_date} {self.user_id}"
