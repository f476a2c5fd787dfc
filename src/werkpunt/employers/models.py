"""Data of the employers app.

A :class:`Request` ("vraag") is a question of an employer who wants to be called or
mailed back: sent through the form on the site, or typed in by an adviser after a call
or a mail. It keeps the least personal data that works: who to contact and how, what
the question is, and where it came from. No IP address, no user agent, no cookie
identifiers. See ``docs/requests.md``.

An :class:`Employer` is the one record of an employer that all seven partners share,
with exactly one contact person, its locations (:class:`EmployerLocation`) and its
contact log (:class:`ContactLogEntry`). See ``docs/backoffice-employers.md``.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
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
    PHONE = "phone", _("Telefoon")
    EMAIL = "email", _("E-mail")


class Language(models.TextChoices):
    """The language the form was filled in; the confirmation mail uses it."""

    DUTCH = "nl", "Nederlands"
    ENGLISH = "en", "English"


class Request(models.Model):
    """A question from an employer who wants to be called or mailed back."""

    name = models.CharField(_("naam"), max_length=200)
    organisation = models.CharField(_("bedrijf of organisatie"), max_length=200)
    #: Required on the site's form; a request taken by phone may have only a phone number.
    email = models.EmailField(_("e-mailadres"), max_length=254, blank=True)
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
    # Handling by the WSP (back office, see docs/backoffice.md).
    employer = models.ForeignKey(
        "Employer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("werkgever"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_requests",
        verbose_name=_("behandelaar"),
    )
    call_back_by = models.DateTimeField(_("terugbellen vóór"), null=True, blank=True, db_index=True)
    answer = models.TextField(_("antwoord"), blank=True)
    #: First answer or call-back to the employer; the response time runs from created_at to here.
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("doorgezet naar teamleider op"), null=True, blank=True)
    #: When the asker's personal data was wiped after the retention period (docs/privacy.md).
    anonymised_at = models.DateTimeField(null=True, blank=True)
    #: The adviser who typed in a request that came in by phone or mail (empty for the site).
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingevoerd door"),
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
                condition=models.Q(anonymised_at__isnull=False)
                | ~models.Q(preferred_contact=PreferredContact.PHONE, phone=""),
                name="employers_request_phone_when_called",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("message"), MESSAGE_MAX_LENGTH),
                name="employers_request_message_max_length",
            ),
            models.CheckConstraint(
                condition=models.Q(anonymised_at__isnull=False)
                | ~models.Q(preferred_contact=PreferredContact.EMAIL, email=""),
                name="employers_request_email_when_mailed",
            ),
        )
        indexes = (models.Index(fields=("owner", "status"), name="employers_request_owner_open"),)

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_topic_display()}"


class Sector(models.TextChoices):
    """Sectors of the Drenthe economy (also used for tasks in matching)."""

    AGRICULTURE = "agrarisch", _("Landbouw en tuinbouw")
    FOOD = "food", _("Voedingsmiddelen")
    MANUFACTURING = "industrie", _("Industrie en maakbedrijf")
    LOGISTICS = "logistiek", _("Transport en logistiek")
    RETAIL = "detailhandel", _("Detailhandel")
    HOSPITALITY = "horeca", _("Horeca en recreatie")
    CLEANING = "schoonmaak", _("Schoonmaak")
    CARE = "zorg", _("Zorg en welzijn")
    CONSTRUCTION = "bouw", _("Bouw en installatie")
    OFFICE = "kantoor", _("Kantoor en dienstverlening")
    OTHER = "anders", _("Anders")


class SizeClass(models.TextChoices):
    """Number of employees, in the classes of the KvK."""

    MICRO = "1-9", _("1 tot 10 medewerkers")
    SMALL = "10-49", _("10 tot 50 medewerkers")
    MEDIUM = "50-249", _("50 tot 250 medewerkers")
    LARGE = "250+", _("250 medewerkers of meer")


kvk_validator = RegexValidator(
    r"^[0-9]{8}$", _("Een KvK-nummer heeft 8 cijfers, bijvoorbeeld 01234567."), "invalid_kvk"
)


class Employer(models.Model):
    """The one record of an employer, shared by all seven partners."""

    name = models.CharField(_("naam"), max_length=200)
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, unique=True, validators=[kvk_validator]
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    size = models.CharField(_("grootte"), max_length=10, choices=SizeClass.choices)
    municipality = models.CharField(
        _("gemeente (hoofdvestiging)"), max_length=20, choices=Municipality.choices
    )
    #: The one contact person (accountmanager), from any of the seven partners.
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="employers_managed",
        verbose_name=_("vaste contactpersoon"),
    )
    #: The employer's own organisation in accounts, once someone of the employer has an account.
    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employer",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("werkgever")
        verbose_name_plural = _("werkgevers")
        ordering = ("name", "pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(kvk_number__regex=r"^[0-9]{8}$"),
                name="employers_employer_kvk_8_digits",
            ),
        )

    def __str__(self) -> str:
        return self.name


class EmployerLocation(models.Model):
    """A place where the employer has work."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("naam"), max_length=200, blank=True)
    street = models.CharField(_("adres"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=7)
    place = models.CharField(_("plaats"), max_length=100)
    municipality = models.CharField(_("gemeente"), max_length=20, choices=Municipality.choices)

    class Meta:
        verbose_name = _("vestiging")
        verbose_name_plural = _("vestigingen")

    def __str__(self) -> str:
        return f"{self.street}, {self.place}"


class ContactKind(models.TextChoices):
    PHONE = "phone", _("Telefoon")
    VISIT = "visit", _("Bezoek")
    EMAIL = "email", _("E-mail")
    EVENT = "event", _("Bijeenkomst")
    #: Written by Werkpunt itself, e.g. when the contact person changes; not offered in forms.
    NOTE = "note", _("Notitie")


class ContactLogEntry(models.Model):
    """One contact with an employer: a call, a visit, a mail, a meeting."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(_("soort contact"), max_length=10, choices=ContactKind.choices)
    date = models.DateField(_("datum"))
    summary = models.TextField(_("samenvatting"), max_length=4000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ("-date", "-pk")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"
