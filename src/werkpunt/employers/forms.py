"""The question / call-back form ("Stel uw vraag — wij bellen u terug")."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from werkpunt.core.forms import SummaryMixin
from werkpunt.employers import spam
from werkpunt.employers.models import (
    MESSAGE_MAX_LENGTH,
    Municipality,
    PreferredContact,
    Topic,
    validate_phone,
)

#: ids of the form's fields: ``vraag-name``, ``vraag-email``, …; the error summary links to them.
AUTO_ID = "vraag-%s"

#: Shown when the signed timestamp is missing, forged, too new or too old.
TRY_AGAIN_MESSAGE = _(
    "Probeer het nog eens. Het versturen is niet gelukt. Controleer uw antwoorden en klik "
    "nog een keer op ‘Verstuur uw vraag’."
)

_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


def _single_line(value: str) -> str:
    """Collapse runs of white space (also newlines a crafted request may send) to one space."""
    return re.sub(r"\s+", " ", value).strip()


class QuestionForm(SummaryMixin, forms.Form):
    """What an employer fills in; the view passes the cleaned data to ``request_create``."""

    name = forms.CharField(
        label=_("Uw naam"),
        max_length=200,
        error_messages={
            "required": _("Vul uw naam in."),
            "max_length": _("Uw naam is te lang. Gebruik maximaal 200 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "autocomplete": "name"}),
    )
    organisation = forms.CharField(
        label=_("Naam van uw bedrijf of organisatie"),
        max_length=200,
        error_messages={
            "required": _("Vul de naam van uw bedrijf of organisatie in."),
            "max_length": _("De naam van uw bedrijf is te lang. Gebruik maximaal 200 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        help_text=_("Hierheen sturen wij een bevestiging van uw vraag."),
        max_length=254,
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een e-mailadres in zoals naam@bedrijf.nl."),
            "max_length": _("Uw e-mailadres is te lang. Gebruik maximaal 254 tekens."),
        },
        widget=forms.EmailInput(
            attrs={"class": _TEXTBOX, "autocomplete": "email", "spellcheck": "false"}
        ),
    )
    phone = forms.CharField(
        label=_("Uw telefoonnummer"),
        help_text=_("Nodig als u wilt dat wij u bellen. Bijvoorbeeld 0591 123 456."),
        required=False,
        max_length=30,
        validators=[validate_phone],
        error_messages={
            "max_length": _("Het telefoonnummer is te lang. Gebruik maximaal 30 tekens."),
        },
        widget=forms.TextInput(
            attrs={"class": _TEXTBOX, "autocomplete": "tel", "type": "tel", "inputmode": "tel"}
        ),
    )
    municipality = forms.ChoiceField(
        label=_("In welke gemeente is uw bedrijf?"),
        help_text=_("Weet u het niet, of is uw bedrijf in een andere gemeente? Kies dan niets."),
        required=False,
        choices=[("", _("Kies een gemeente")), *Municipality.choices],
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    topic = forms.ChoiceField(
        label=_("Waar gaat uw vraag over?"),
        choices=Topic.choices,
        error_messages={
            "required": _("Kies waar uw vraag over gaat."),
            "invalid_choice": _("Kies waar uw vraag over gaat."),
        },
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Uw vraag"),
        help_text=_("Schrijf in een paar zinnen wat u wilt weten. Maximaal 2000 tekens."),
        max_length=MESSAGE_MAX_LENGTH,
        error_messages={
            "required": _("Schrijf uw vraag op."),
            "max_length": _(
                "Uw vraag is te lang: %(show_value)s tekens. Gebruik maximaal %(limit_value)s "
                "tekens."
            ),
        },
        widget=forms.Textarea(
            attrs={"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 5}
        ),
    )
    preferred_contact = forms.ChoiceField(
        label=_("Hoe wilt u dat wij contact met u opnemen?"),
        choices=PreferredContact.choices,
        error_messages={
            "required": _("Kies of wij u bellen of mailen."),
            "invalid_choice": _("Kies of wij u bellen of mailen."),
        },
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_("Ik ga akkoord dat het WSP mijn gegevens gebruikt om mijn vraag te beantwoorden"),
        # The template shows this hint with a link to the privacy statement; the help
        # text makes Django point the checkbox at it (aria-describedby).
        help_text=_("Wat wij met uw gegevens doen, leest u in onze privacyverklaring."),
        error_messages={
            "required": _(
                "Zet een vinkje als u akkoord gaat. Zonder uw akkoord kunnen wij uw vraag "
                "niet beantwoorden."
            ),
        },
        widget=forms.CheckboxInput(
            attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
        ),
    )
    # The page the form was sent from; checked by the view before it is used.
    next = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    # Spam measures (``spam.py``). Bots fill in the honeypot; people do not see it.
    kenmerk = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    formulier_tijd = forms.CharField(required=False, widget=forms.HiddenInput)

    #: The fields people fill in, in the order of the page, so that the error summary
    #: follows the page; the honeypot and the hidden fields come after them.
    field_order = (
        "topic",
        "message",
        "name",
        "organisation",
        "municipality",
        "email",
        "preferred_contact",
        "phone",
        "consent",
    )

    # No HTML ``required``: it makes browsers mark empty fields as invalid (red) before
    # anything was sent. Required fields say "(verplicht)" in the label and carry
    # ``aria-required``; the server checks them and names what is missing.
    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", AUTO_ID)
        super().__init__(*args, **kwargs)
        self.mark_required()
        #: True when the signed timestamp was refused (too fast, too old, forged).
        self.token_refused = False

    def honeypot_filled(self) -> bool:
        """Did the sender fill in the field people cannot see? Then it is a bot."""
        return bool(str(self.data.get(spam.HONEYPOT_FIELD, "")).strip())

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
        wants_a_call = cleaned.get("preferred_contact") == PreferredContact.PHONE
        if wants_a_call and not cleaned.get("phone") and "phone" not in self.errors:
            self.add_error(
                "phone",
                forms.ValidationError(
                    _("Vul uw telefoonnummer in. Of kies dat wij u mailen."),
                    code="phone_needed",
                ),
            )
        if not spam.form_token_is_valid(str(cleaned.get(spam.TOKEN_FIELD) or "")):
            self.token_refused = True
            self.add_error(None, forms.ValidationError(TRY_AGAIN_MESSAGE, code="try_again"))
        return cleaned
