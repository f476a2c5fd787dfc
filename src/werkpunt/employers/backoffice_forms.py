"""Forms of the back office: the employer record, its locations and contact log, requests.

Each form has its own id prefix (``werkgever-name``, ``contact-date``, ...) so several
forms fit on one page, no HTML ``required`` attribute (the server checks and names what
is missing, in Dutch), and ``error_summary()`` (from :class:`werkpunt.core.forms.SummaryMixin`)
for the summary at the top of the page.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkpunt.core.forms import SummaryMixin
from werkpunt.employers import selectors
from werkpunt.employers.models import (
    MESSAGE_MAX_LENGTH,
    ContactKind,
    Employer,
    Municipality,
    PreferredContact,
    Sector,
    SizeClass,
    Source,
    Topic,
    validate_phone,
)
from werkpunt.employers.services import DUPLICATE_KVK_MESSAGE

_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
_TEXTAREA = "utrecht-textarea utrecht-textarea--html-textarea"
_SELECT = "utrecht-select utrecht-select--html-select"

#: A Dutch postcode: four digits (not starting with 0) and two letters.
POSTCODE_PATTERN = re.compile(r"^([1-9][0-9]{3}) ?([A-Za-z]{2})$")


def _single_line(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def user_label(user: Any) -> str:
    """ "Name (Organisation)" of a staff user, for choices and screens."""
    name = user.get_full_name() or user.get_username()
    profile = getattr(user, "profile", None)
    return f"{name} ({profile.organisation})" if profile is not None else str(name)


class UserChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return user_label(obj)


class BackofficeForm(SummaryMixin, forms.Form):
    """Shared behaviour: id prefix, ``aria-required``, and the error summary."""

    prefix_id: ClassVar[str] = "veld"
    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.prefix_id}-%s")
        super().__init__(*args, **kwargs)
        self.mark_required()


# --- Employer record -------------------------------------------------------------------------


class EmployerForm(BackofficeForm):
    """The record: name, KvK number, sector, size, municipality and the contact person."""

    prefix_id = "werkgever"

    name = forms.CharField(
        label=_("Naam van de werkgever"),
        max_length=200,
        error_messages={
            "required": _("Vul de naam van de werkgever in."),
            "max_length": _("De naam is te lang. Gebruik maximaal 200 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "autocomplete": "organization"}),
    )
    kvk_number = forms.CharField(
        label=_("KvK-nummer"),
        help_text=_("8 cijfers, bijvoorbeeld 01234567."),
        max_length=20,
        error_messages={"required": _("Vul het KvK-nummer in.")},
        widget=forms.TextInput(
            attrs={"class": _TEXTBOX, "inputmode": "numeric", "autocomplete": "off"}
        ),
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", _("Kies een sector")), *Sector.choices],
        error_messages={
            "required": _("Kies een sector."),
            "invalid_choice": _("Kies een sector uit de lijst."),
        },
        widget=forms.Select(attrs={"class": _SELECT}),
    )
    size = forms.ChoiceField(
        label=_("Aantal medewerkers"),
        choices=[("", _("Kies een grootte")), *SizeClass.choices],
        error_messages={
            "required": _("Kies hoeveel medewerkers de werkgever heeft."),
            "invalid_choice": _("Kies een grootte uit de lijst."),
        },
        widget=forms.Select(attrs={"class": _SELECT}),
    )
    municipality = forms.ChoiceField(
        label=_("Gemeente van de hoofdvestiging"),
        choices=[("", _("Kies een gemeente")), *Municipality.choices],
        error_messages={
            "required": _("Kies de gemeente van de hoofdvestiging."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
        widget=forms.Select(attrs={"class": _SELECT}),
    )
    contact_person = UserChoiceField(
        label=_("Vaste contactpersoon"),
        help_text=_(
            "Eén adviseur van een van de partners. De werkgever ziet naam, telefoon en e-mail."
        ),
        queryset=selectors.contact_person_choices(),
        empty_label=_("Kies een adviseur"),
        error_messages={
            "required": _("Kies een vaste contactpersoon."),
            "invalid_choice": _("Kies een adviseur uit de lijst."),
        },
        widget=forms.Select(attrs={"class": _SELECT}),
    )

    def __init__(self, *args: Any, instance: Employer | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance = instance
        #: The employer that already has the typed KvK number, to link to.
        self.duplicate: Employer | None = None

    def clean_name(self) -> str:
        return _single_line(self.cleaned_data["name"])

    def clean_kvk_number(self) -> str:
        value = re.sub(r"[\s.-]", "", self.cleaned_data["kvk_number"])
        if not re.fullmatch(r"[0-9]{8}", value):
            raise forms.ValidationError(
                _("Een KvK-nummer heeft 8 cijfers, bijvoorbeeld 01234567."), code="invalid_kvk"
            )
        others = Employer.objects.filter(kvk_number=value)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        self.duplicate = others.first()
        if self.duplicate is not None:
            raise forms.ValidationError(DUPLICATE_KVK_MESSAGE, code="duplicate_kvk")
        return value


class EmployerFilterForm(forms.Form):
    """The search and filters above the employer list (GET). Wrong values are ignored."""

    use_required_attribute = False

    q = forms.CharField(
        label=_("Zoek op naam of KvK-nummer"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "type": "search"}),
    )
    gemeente = forms.ChoiceField(
        label=_("Gemeente"),
        required=False,
        choices=[("", _("Alle gemeenten")), *Municipality.choices],
        widget=forms.Select(attrs={"class": _SELECT}),
    )
    contactpersoon = UserChoiceField(
        label=_("Contactpersoon"),
        required=False,
        queryset=selectors.contact_person_choices(),
        empty_label=_("Alle contactpersonen"),
        widget=forms.Select(attrs={"class": _SELECT}),
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("Alle sectoren")), *Sector.choices],
        widget=forms.Select(attrs={"class": _SELECT}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)

    def filters(self) -> dict[str, Any]:
        """The valid filters (a wrong one is left out, never an error page)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        person = data.get("contactpersoon")
        return {
            "query": data.get("q") or "",
            "municipality": data.get("gemeente") or "",
            "contact_person_id": person.pk if person is not None else None,
            "sector": data.get("sector") or "",
        }


class LocationForm(BackofficeForm):
    """A place where the employer has work."""

    prefix_id = "vestiging"

    name = forms.CharField(
        label=_("Naam van de vestiging"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("De naam is te lang. Gebruik maximaal 200 tekens.")},
        widget=forms.TextInput(attrs={"class": _TEXTBOX}),
    )
    street = forms.CharField(
        label=_("Straat en huisnummer"),
        max_length=200,
        error_messages={
            "required": _("Vul de straat en het huisnummer in."),
            "max_length": _("Het adres is te lang. Gebruik maximaal 200 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "autocomplete": "address-line1"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        help_text=_("Bijvoorbeeld 7811 AB."),
        max_length=10,
        error_messages={"required": _("Vul de postcode in.")},
        widget=forms.TextInput(
            attrs={
                "class": f"{_TEXTBOX} utrecht-textbox--postal-code-nl-size",
                "autocomplete": "postal-code",
            }
        ),
    )
    place = forms.CharField(
        label=_("Plaats"),
        max_length=100,
        error_messages={
            "required": _("Vul de plaats in."),
            "max_length": _("De plaatsnaam is te lang. Gebruik maximaal 100 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "autocomplete": "address-level2"}),
    )
    municipality = forms.ChoiceField(
        label=_("Gemeente"),
        choices=[("", _("Kies een gemeente")), *Municipality.choices],
        error_messages={
            "required": _("Kies de gemeente."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
        widget=forms.Select(attrs={"class": _SELECT}),
    )

    def clean_postcode(self) -> str:
        match = POSTCODE_PATTERN.fullmatch(self.cleaned_data["postcode"].strip())
        if match is None:
            raise forms.ValidationError(
                _("Vul een postcode in zoals 7811 AB."), code="invalid_postcode"
            )
        return f"{match.group(1)} {match.group(2).upper()}"


class ContactForm(BackofficeForm):
    """One contact in the log: kind, date and a short summary."""

    prefix_id = "contact"

    kind = forms.ChoiceField(
        label=_("Soort contact"),
        choices=[(k.value, k.label) for k in ContactKind if k is not ContactKind.NOTE],
        error_messages={
            "required": _("Kies wat voor contact het was."),
            "invalid_choice": _("Kies wat voor contact het was."),
        },
        widget=forms.RadioSelect,
    )
    date = forms.DateField(
        label=_("Datum"),
        help_text=_("Bijvoorbeeld 1-12-2026."),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"],
        error_messages={
            "required": _("Vul de datum van het contact in."),
            "invalid": _("Vul een datum in zoals 1-12-2026."),
        },
        widget=forms.DateInput(
            format="%Y-%m-%d", attrs={"class": _TEXTBOX, "type": "date", "autocomplete": "off"}
        ),
    )
    summary = forms.CharField(
        label=_("Samenvatting"),
        help_text=_("Wat is besproken en wat is afgesproken? Maximaal 4000 tekens."),
        max_length=4000,
        error_messages={
            "required": _("Schrijf kort op wat er is besproken."),
            "max_length": _(
                "De samenvatting is te lang: %(show_value)s tekens. Gebruik maximaal "
                "%(limit_value)s tekens."
            ),
        },
        widget=forms.Textarea(attrs={"class": _TEXTAREA, "rows": 4}),
    )

    def clean_date(self) -> dt.date:
        value: dt.date = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(
                _("Deze datum ligt in de toekomst. Vul de datum in waarop het contact was."),
                code="future",
            )
        if value.year < 2000:
            raise forms.ValidationError(_("Vul een datum in zoals 1-12-2026."), code="invalid")
        return value


class InviteForm(BackofficeForm):
    """Invite someone of the employer to the portal."""

    prefix_id = "uitnodiging"

    email = forms.EmailField(
        label=_("E-mailadres van de medewerker van de werkgever"),
        help_text=_("Deze persoon krijgt een e-mail met een link om een account te maken."),
        max_length=254,
        error_messages={
            "required": _("Vul een e-mailadres in."),
            "invalid": _("Vul een e-mailadres in zoals naam@bedrijf.nl."),
            "max_length": _("Het e-mailadres is te lang. Gebruik maximaal 254 tekens."),
        },
        widget=forms.EmailInput(attrs={"class": _TEXTBOX, "spellcheck": "false"}),
    )


# --- Requests --------------------------------------------------------------------------------


class RequestRegisterForm(BackofficeForm):
    """A request that came in by phone or mail, typed in by an adviser."""

    prefix_id = "nieuw"

    source = forms.ChoiceField(
        label=_("Hoe kwam de vraag binnen?"),
        choices=[
            (Source.PHONE.value, Source.PHONE.label),
            (Source.EMAIL.value, Source.EMAIL.label),
        ],
        error_messages={
            "required": _("Kies of de vraag per telefoon of per e-mail kwam."),
            "invalid_choice": _("Kies of de vraag per telefoon of per e-mail kwam."),
        },
        widget=forms.RadioSelect,
    )
    topic = forms.ChoiceField(
        label=_("Waar gaat de vraag over?"),
        choices=Topic.choices,
        error_messages={
            "required": _("Kies waar de vraag over gaat."),
            "invalid_choice": _("Kies waar de vraag over gaat."),
        },
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("De vraag"),
        help_text=_("Schrijf de vraag in een paar zinnen op. Maximaal 2000 tekens."),
        max_length=MESSAGE_MAX_LENGTH,
        error_messages={
            "required": _("Schrijf de vraag op."),
            "max_length": _(
                "De vraag is te lang: %(show_value)s tekens. Gebruik maximaal %(limit_value)s "
                "tekens."
            ),
        },
        widget=forms.Textarea(attrs={"class": _TEXTAREA, "rows": 5}),
    )
    name = forms.CharField(
        label=_("Naam van de vragensteller"),
        max_length=200,
        error_messages={
            "required": _("Vul de naam in van wie de vraag stelde."),
            "max_length": _("De naam is te lang. Gebruik maximaal 200 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "autocomplete": "off"}),
    )
    organisation = forms.CharField(
        label=_("Bedrijf of organisatie"),
        max_length=200,
        error_messages={
            "required": _("Vul de naam van het bedrijf in."),
            "max_length": _("De naam van het bedrijf is te lang. Gebruik maximaal 200 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("Vul een e-mailadres of een telefoonnummer in, of allebei."),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Vul een e-mailadres in zoals naam@bedrijf.nl."),
            "max_length": _("Het e-mailadres is te lang. Gebruik maximaal 254 tekens."),
        },
        widget=forms.EmailInput(attrs={"class": _TEXTBOX, "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        help_text=_("Bijvoorbeeld 0591 123 456."),
        required=False,
        max_length=30,
        validators=[validate_phone],
        error_messages={
            "max_length": _("Het telefoonnummer is te lang. Gebruik maximaal 30 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "type": "tel", "inputmode": "tel"}),
    )
    preferred_contact = forms.ChoiceField(
        label=_("Hoe wil de werkgever het antwoord?"),
        choices=PreferredContact.choices,
        error_messages={
            "required": _("Kies of de werkgever gebeld of gemaild wil worden."),
            "invalid_choice": _("Kies of de werkgever gebeld of gemaild wil worden."),
        },
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, employer: Employer | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.employer = employer
        if employer is not None:
            # The request is linked to this employer; its name is the organisation.
            del self.fields["organisation"]

    def clean_name(self) -> str:
        return _single_line(self.cleaned_data["name"])

    def clean_organisation(self) -> str:
        return _single_line(self.cleaned_data["organisation"])

    def clean_phone(self) -> str:
        return _single_line(self.cleaned_data["phone"])

    def clean_message(self) -> str:
        return str(self.cleaned_data["message"]).strip()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        email, phone = cleaned.get("email"), cleaned.get("phone")
        has_errors = "email" in self.errors or "phone" in self.errors
        if not email and not phone and not has_errors:
            self.add_error(
                "email",
                forms.ValidationError(
                    _("Vul een e-mailadres of een telefoonnummer in."), code="no_contact"
                ),
            )
        preferred = cleaned.get("preferred_contact")
        if preferred == PreferredContact.PHONE and not phone and "phone" not in self.errors:
            self.add_error(
                "phone",
                forms.ValidationError(
                    _("Vul het telefoonnummer in. Of kies dat de werkgever gemaild wil worden."),
                    code="phone_needed",
                ),
            )
        if (
            preferred == PreferredContact.EMAIL
            and not email
            and "email" not in self.errors
            and (phone or "phone" in self.errors)
        ):
            self.add_error(
                "email",
                forms.ValidationError(
                    _("Vul het e-mailadres in. Of kies dat de werkgever gebeld wil worden."),
                    code="email_needed",
                ),
            )
        return cleaned


class AssignForm(BackofficeForm):
    """Give the request to an adviser or teamleider."""

    prefix_id = "toewijzen"

    owner = UserChoiceField(
        label=_("Behandelaar"),
        queryset=selectors.request_owner_choices(),
        empty_label=_("Kies een collega"),
        error_messages={
            "required": _("Kies een collega."),
            "invalid_choice": _("Kies een collega uit de lijst."),
        },
        widget=forms.Select(attrs={"class": _SELECT}),
    )


class AnswerForm(BackofficeForm):
    """What the adviser answered (by phone or mail)."""

    prefix_id = "antwoord"

    answer = forms.CharField(
        label=_("Uw antwoord aan de werkgever"),
        help_text=_(
            "Schrijf kort op wat u hebt geantwoord. Werkpunt stuurt dit niet naar de werkgever."
        ),
        max_length=4000,
        error_messages={
            "required": _("Schrijf op wat u de werkgever hebt geantwoord."),
            "max_length": _(
                "Het antwoord is te lang: %(show_value)s tekens. Gebruik maximaal "
                "%(limit_value)s tekens."
            ),
        },
        widget=forms.Textarea(attrs={"class": _TEXTAREA, "rows": 5}),
    )

    def clean_answer(self) -> str:
        value = str(self.cleaned_data["answer"]).strip()
        if not value:
            raise forms.ValidationError(
                _("Schrijf op wat u de werkgever hebt geantwoord."), code="required"
            )
        return value
