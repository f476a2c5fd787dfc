"""Data of the opendays app.

An employer opens its doors once for the job seekers of all seven partners: one
:class:`OpenDay` with :class:`OpenDaySlot` time slots. The system invites candidates whose
profiles fit and who gave consent (:class:`Invitation`, each with a secret link); a candidate
registers for a slot through that link or their adviser does it for them. Capacity is checked
under a row lock. Reminder mails go out once per registration (``reminder_sent_at``), with an
.ics attachment.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_invitation_token() -> str:
    return secrets.token_urlsafe(24)


class OpenDayStatus(models.TextChoices):
    DRAFT = "draft", _("In voorbereiding")
    PUBLISHED = "published", _("Uitnodigingen verstuurd")
    HELD = "held", _("Gehouden")
    CANCELLED = "cancelled", _("Geannuleerd")


class OpenDay(models.Model):
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.CASCADE,
        related_name="open_days",
        verbose_name=_("werkgever"),
    )
    #: The work the day is about; it decides who fits and is invited.
    demand = models.ForeignKey(
        "demands.Demand",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="open_days",
        verbose_name=_("werkvraag"),
    )
    title = models.CharField(_("titel"), max_length=200)
    date = models.DateField(_("datum"))
    address = models.CharField(_("adres"), max_length=300)
    #: Place code of ``werkpunt.matching`` places, for travel times.
    place = models.CharField(_("plaats"), max_length=60)
    description = models.TextField(_("wat gaan we doen"), blank=True, max_length=4000)
    status = models.CharField(
        max_length=10, choices=OpenDayStatus.choices, default=OpenDayStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("open dag")
        verbose_name_plural = _("open dagen")
        ordering = ("-date", "-pk")

    def __str__(self) -> str:
        return self.title


class OpenDaySlot(models.Model):
    open_day = models.ForeignKey(OpenDay, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    capacity = models.PositiveSmallIntegerField(_("aantal plaatsen"))

    class Meta:
        ordering = ("starts_at", "pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="opendays_slot_order",
            ),
            models.CheckConstraint(condition=models.Q(capacity__gt=0), name="opendays_capacity"),
        )

    def __str__(self) -> str:
        return f"{self.open_day_id} {self.starts_at:%H:%M}"


class InvitationStatus(models.TextChoices):
    INVITED = "invited", _("Uitgenodigd")
    REGISTERED = "registered", _("Aangemeld")
    DECLINED = "declined", _("Komt niet")
    CANCELLED = "cancelled", _("Afgemeld")


class Invitation(models.Model):
    open_day = models.ForeignKey(OpenDay, on_delete=models.CASCADE, related_name="invitations")
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="open_day_invitations"
    )
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token)
    status = models.CharField(
        max_length=12, choices=InvitationStatus.choices, default=InvitationStatus.INVITED
    )
    slot = models.ForeignKey(
        OpenDaySlot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    #: Score of the fit when invited (0-1), for the adviser; never shown to the employer.
    score = models.FloatField(null=True, blank=True)
    invited_at = models.DateTimeField(default=timezone.now)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invitation_sent_at = models.DateTimeField(null=True, blank=True)
    registered_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("invited_at", "pk")
        constraints = (
            models.UniqueConstraint(fields=("open_day", "candidate"), name="opendays_invite_once"),
            models.CheckConstraint(
                condition=~models.Q(status="registered") | models.Q(slot__isnull=False),
                name="opendays_registered_has_slot",
            ),
        )

    def __str__(self) -> str:
        return f"{self.open_day_id}: {self.candidate_id} ({self.status})"
