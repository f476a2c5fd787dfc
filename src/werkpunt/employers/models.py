"""Data of the employers app.

A :class:`Request` ("vraag") is a question an employer sends through the form on the
site, asking to be called or mailed back. It keeps the least personal data that
works: who to contact and how, what the question is, and where it came from. No IP
address, no user agent, no cookie identifiers. See ``docs/requests.md``.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Longest question we accept (characters).
MESSAGE_MAX_LENGTH = 2000

#: A phone number, loosely: digits, spaces, "+" and "-" (a "+" only at the start).
PHONE_PATTERN = r"^\+?[0-9 -]+$"
PHONE_MIN_DIGITS = 6
PHONE_MAX_DIGITS = 15


def validate_phone(value: str) -> None:
    """Accept what people type (``0591 123 456``, ``+31 6-12345678``), reject the rest."""
    digits = sum(character.isdigit() for character in value)
    if not re.fullmatch(PHONE_PATTERN, value) or not (
        PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS
    ):
        raise ValidationError(
            _(
                "Vul een telefoonnummer in met alleen cijfers, spaties, + of -. "
                "Bijvoorbeeld 0591 123 456."
            ),
            code="invalid_phone",
        )


class Municipality(models.TextChoices):
    """The six municipalities of arbeidsmarktregio Drenthe (same codes as ``werkpunt.rules``)."""

    EMMEN = "emmen", "Emmen"
    COEVORDEN = "coevorden", "Coevorden"
    HOOGEVEEN = "hoogeveen", "Hoogeveen"
    BORGER_ODOORN = "borger-odoorn", "Borger-Odoorn"
    MIDDEN_DRENTHE = "midden-drenthe", "Midden-Drenthe"
    DE_WOLDEN = "de-wolden", "De Wolden"


class Topic(models.TextChoices):
    """What the question is about."""

    SCHEMES = "schemes", _("Regelingen")
    RECRUITMENT = "recruitment", _("Personeel zoeken")
    SUPPORT = "support", _("Begeleiding van een werknemer")
    OTHER = "other", _("Anders")


class PreferredContact(models.TextChoices):
    """How the employer wants to be contacted."""

    PHONE = "phone", _("Telefoon")
    EMAIL = "email", _("E-mail")


class Status(models.TextChoices):
    """Where the WSP is with the question."""

    NEW = "new", _("Nieuw")
    IN_PROGRESS = "in_progress", _("In behandeling")
    DONE = "done", _("Afgerond")


class Source(models.TextChoices):
    """Where the question came in."""

    WEBSITE = "website", _("Website")


class Language(models.TextChoices):
    """The language the form was filled in; the confirmation mail uses it."""

    DUTCH = "nl", "Nederlands"
    ENGLISH = "en", "English"


class Request(models.Model):
    """A question from an employer who wants to be called or mailed back."""

    name = models.CharField(_("naam"), max_length=200)
    organisation = models.CharField(_("bedrijf of organisatie"), max_length=200)
    email = models.EmailField(_("e-mailadres"), max_length=254)
    phone = models.CharField(
        _("telefoonnummer"), max_length=30, blank=True, validators=[validate_phone]
    )
    municipality = models.CharField(
        _("gemeente"), max_length=20, choices=Municipality.choices, blank=True
    )
    topic = models.CharField(_("onderwerp"), max_length=20, choices=Topic.choices)
    message = models.TextField(
        _("vraag"),
        max_length=MESSAGE_MAX_LENGTH,
        validators=[MaxLengthValidator(MESSAGE_MAX_LENGTH)],
    )
    preferred_contact = models.CharField(
        _("contact bij voorkeur per"), max_length=10, choices=PreferredContact.choices
    )
    page_url = models.CharField(
        _("verstuurd vanaf pagina"),
        max_length=500,
        blank=True,
        help_text=_("Het pad van de pagina op deze site waar het formulier is ingevuld."),
    )
    consent = models.BooleanField(
        _("toestemming gegeven"),
        help_text=_("Akkoord dat het WSP de gegevens gebruikt om de vraag te beantwoorden."),
    )
    created_at = models.DateTimeField(_("ontvangen op"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    source = models.CharField(
        _("bron"), max_length=20, choices=Source.choices, default=Source.WEBSITE
    )
    language = models.CharField(
        _("taal"), max_length=8, choices=Language.choices, default=Language.DUTCH
    )
    # Bookkeeping of the two mails, so a failed mail can be sent again and a sent
    # mail is not sent twice (``services.request_send_mails``).
    wsp_mailed_at = models.DateTimeField(_("mail aan WSP verstuurd op"), null=True, blank=True)
    confirmation_mailed_at = models.DateTimeField(
        _("bevestiging verstuurd op"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ("-created_at", "-pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(consent=True), name="employers_request_consent_given"
            ),
            models.CheckConstraint(
                condition=models.Q(topic__in=Topic.values), name="employers_request_topic_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="employers_request_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(preferred_contact__in=PreferredContact.values),
                name="employers_request_preferred_contact_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(municipality__in=[*Municipality.values, ""]),
                name="employers_request_municipality_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(preferred_contact=PreferredContact.PHONE, phone=""),
                name="employers_request_phone_when_called",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("message"), MESSAGE_MAX_LENGTH),
                name="employers_request_message_max_length",
            ),
        )

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_topic_display()}"
