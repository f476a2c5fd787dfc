"""Data of the accounts app.

Werkpunt keeps Django's own ``auth.User`` (Wagtail's editors use it too) and adds a
:class:`Profile` that says which :class:`Organisation` a user works for and in which
:class:`Role`. Staff log in with a second factor (:class:`TotpDevice`,
:class:`RecoveryCode`); each staff login is a :class:`StaffSession` row, so a session
can be ended on the server although the session itself lives in a signed cookie
(ADR 0005). Every read and change of personal data leaves an :class:`AuditEvent`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    """What kind of organisation: one of the seven partners, the programme office, or an employer."""

    MUNICIPALITY = "gemeente", _("Gemeente")
    UWV = "uwv", _("UWV")
    PROGRAMME_OFFICE = "wsp", _("Programmabureau WSP")
    EMPLOYER = "werkgever", _("Werkgever")


#: The kinds whose people are staff of the WSP (they log in with a second factor).
PARTNER_KINDS = frozenset(
    {OrganisationKind.MUNICIPALITY, OrganisationKind.UWV, OrganisationKind.PROGRAMME_OFFICE}
)


class Organisation(models.Model):
    """A partner of the WSP (a municipality, UWV, the programme office) or an employer."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)
    #: For a municipality: its code as in ``werkpunt.rules`` (``emmen``, ``de-wolden``, ...).
    municipality = models.CharField(_("gemeentecode"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ("kind", "name")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values),
                name="accounts_organisation_kind_valid",
            ),
        )

    def __str__(self) -> str:
        return self.name

    @property
    def is_partner(self) -> bool:
        return self.kind in PARTNER_KINDS


class Role(models.TextChoices):
    """What a user does; it decides what they may see and change (``accounts.permissions``)."""

    ADVISER = "adviseur", _("Adviseur werkgeversdienstverlening")
    TEAM_LEAD = "teamleider", _("Teamleider")
    JOBCOACH = "jobcoach", _("Jobcoach")
    EDITOR = "redacteur", _("Redacteur")
    ADMINISTRATOR = "beheerder", _("Beheerder")
    BOARD = "bestuur", _("Bestuur")
    EMPLOYER = "werkgever", _("Werkgever")


#: Roles of WSP staff: all log in with a second factor.
STAFF_ROLES = frozenset(set(Role) - {Role.EMPLOYER})


class Profile(models.Model):
    """The organisation and role of one user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="profiles",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    #: Secret of the personal calendar feed; empty when no feed link exists (or it was revoked).
    calendar_token = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="accounts_profile_role_valid"
            ),
        )

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.organisation})"

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES


class TotpDevice(models.Model):
    """A user's authenticator app (TOTP, RFC 6238). Confirmed once the first code matched."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_device"
    )
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    #: The last time step whose code was accepted; a code is never accepted twice.
    last_step = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("authenticator-app")
        verbose_name_plural = _("authenticator-apps")

    def __str__(self) -> str:
        return f"TOTP {self.user_id}"


class RecoveryCode(models.Model):
    """A one-time code for when the phone is lost. Only a hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=128)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("herstelcode")
        verbose_name_plural = _("herstelcodes")

    def __str__(self) -> str:
        return f"herstelcode {self.pk}"


class StaffSession(models.Model):
    """One login of a user; the session cookie names it, so it can be ended on the server."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_sessions"
    )
    key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    #: When the second factor was checked; ``None`` while the login waits for it.
    verified_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")

    def __str__(self) -> str:
        return f"sessie {self.pk} van {self.user_id}"


class Invitation(models.Model):
    """An invitation by mail to make an account (employers, and new staff)."""

    email = models.EmailField(_("e-mailadres"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    token_hash = models.CharField(max_length=128, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self) -> str:
        return f"uitnodiging {self.email}"


class AuditAction(models.TextChoices):
    VIEW = "view", _("bekeken")
    CREATE = "create", _("aangemaakt")
    CHANGE = "change", _("gewijzigd")
    DELETE = "delete", _("verwijderd")
    EXPORT = "export", _("geëxporteerd")
    ANONYMISE = "anonymise", _("geanonimiseerd")


class AuditEvent(models.Model):
    """Who saw or changed which personal data, when, and why. Never changed or deleted by the app."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: The actor's name at the time, kept when the account is removed ("systeem" for jobs).
    actor_label = models.CharField(max_length=200)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    #: ``app_label.model`` of the object, and its primary key.
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    #: Which fields were read or changed (names only, never the values).
    fields = models.JSONField(default=list, blank=True)
    reason = models.CharField(_("reden"), max_length=300)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditregels")
        ordering = ("-at", "-pk")
        indexes = (models.Index(fields=("object_type", "object_id")),)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Only new events are saved; an existing one is never changed."""
        if not self._state.adding:
            raise ValueError("Een auditregel wordt niet gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("Een auditregel wordt niet gewijzigd of verwijderd.")
