"""Forms of the register: a new signal, and the filter of the list and the report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from werkpunt.core.forms import DATE_INPUT_FORMATS, DateInput, SummaryMixin
from werkpunt.signals.models import Theme
from werkpunt.signals.services import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH

_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


class SignalForm(SummaryMixin, forms.Form):
    """What the adviser fills in; the view passes the data to ``services.signal_create``."""

    theme = forms.ChoiceField(
        label=_("Thema"),
        choices=Theme.choices,
        error_messages={
            "required": _("Kies een thema."),
            "invalid_choice": _("Kies een thema uit de lijst."),
        },
        widget=forms.RadioSelect(
            attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}
        ),
    )
    title = forms.CharField(
        label=_("Korte titel"),
        help_text=_(
            "In een paar woorden. Bijvoorbeeld: Doelgroepverklaring te laat door wachttijd UWV."
        ),
        max_length=TITLE_MAX_LENGTH,
        error_messages={
            "required": _("Geef het knelpunt een korte titel."),
            "max_length": _("Maak de titel korter: hoogstens 200 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "autocomplete": "off"}),
    )
    description = forms.CharField(
        label=_("Wat ging er mis?"),
        help_text=_(
            "Welke regel zat in de weg, en wat was het gevolg? Schrijf geen naam, BSN of "
            "andere gegevens van de werknemer."
        ),
        max_length=DESCRIPTION_MAX_LENGTH,
        error_messages={
            "required": _("Schrijf op wat er mis ging."),
            "max_length": _("Maak de tekst korter: hoogstens 4000 tekens."),
        },
        widget=forms.Textarea(
            attrs={"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 8}
        ),
    )
    werkgever = forms.CharField(required=False, widget=forms.HiddenInput)
    plaatsing = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "knelpunt-%s")
        super().__init__(*args, **kwargs)


class FilterForm(SummaryMixin, forms.Form):
    """Theme and period for the list and the report (a GET form)."""

    thema = forms.ChoiceField(
        label=_("Thema"),
        required=False,
        choices=[("", _("Alle thema’s")), *Theme.choices],
        error_messages={"invalid_choice": _("Kies een thema uit de lijst.")},
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    van = forms.DateField(
        label=_("Van"),
        help_text=_("Bijvoorbeeld 1-1-2026."),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": _("Vul een datum in zoals 1-1-2026.")},
        widget=DateInput(),
    )
    tot = forms.DateField(
        label=_("Tot en met"),
        help_text=_("Bijvoorbeeld 31-3-2026."),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": _("Vul een datum in zoals 31-3-2026.")},
        widget=DateInput(),
    )

    def __init__(self, *args: Any, with_theme: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        if not with_theme:
            del self.fields["thema"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("van"), cleaned.get("tot")
        if since is not None and until is not None and since > until:
            self.add_error(
                "tot", _("Deze datum ligt vóór de datum bij ‘Van’. Kies een latere datum.")
            )
        return cleaned

    def values(
        self, *, default: tuple[dt.date | None, dt.date | None] = (None, None)
    ) -> tuple[str, dt.date | None, dt.date | None]:
        """(theme, since, until); the defaults for whatever is empty or wrong."""
        if not self.is_bound or not self.is_valid():
            return "", default[0], default[1]
        data = self.cleaned_data
        return (
            data.get("thema") or "",
            data.get("van") or default[0],
            data.get("tot") or default[1],
        )
