"""The period form of the team and board screens (a GET form: the figures are a read)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from werkpunt.core.forms import DATE_INPUT_FORMATS, DateInput, SummaryMixin

#: The longest period the screens compute over (the board's CSV included).
MAX_PERIOD_DAYS = 5 * 366

SCOPE_ORGANISATION = "eigen"
SCOPE_ALL = "alle"


class PeriodForm(SummaryMixin, forms.Form):
    """``van`` and ``tot`` (both included). Without input the view's default period holds."""

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

    def __init__(self, *args: Any, default: tuple[dt.date, dt.date], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "periode-%s")
        super().__init__(*args, **kwargs)
        self.default = default

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("van"), cleaned.get("tot")
        if since is not None and until is not None:
            if since > until:
                self.add_error(
                    "tot", _("Deze datum ligt vóór de datum bij ‘Van’. Kies een latere datum.")
                )
            elif (until - since).days > MAX_PERIOD_DAYS:
                self.add_error("tot", _("Kies een periode van hoogstens vijf jaar."))
        return cleaned

    def period(self) -> tuple[dt.date, dt.date]:
        """The chosen period; the default when the form is empty or has an error."""
        if not self.is_bound or not self.is_valid():
            return self.default
        since = self.cleaned_data.get("van") or self.default[0]
        until = self.cleaned_data.get("tot") or self.default[1]
        if since > until or (until - since).days > MAX_PERIOD_DAYS:
            return self.default
        return since, until


class TeamPeriodForm(PeriodForm):
    """The team screen adds whose work: the teamleider's organisation or all partners."""

    partners = forms.ChoiceField(
        label=_("Van wie"),
        required=False,
        choices=(),
        error_messages={"invalid_choice": _("Kies uw eigen organisatie of alle partners.")},
        widget=forms.RadioSelect(
            attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}
        ),
    )

    def __init__(self, *args: Any, organisation_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["partners"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (
                SCOPE_ORGANISATION,
                _("Alleen %(organisation)s") % {"organisation": organisation_name},
            ),
            (SCOPE_ALL, _("Alle partners")),
        ]
        field.initial = SCOPE_ORGANISATION
        if self.is_bound and not self.data.get("partners"):
            # A link with only a period: keep the default choice checked.
            data = QueryDict(mutable=True)
            data.update(self.data)
            data["partners"] = SCOPE_ORGANISATION
            self.data = data

    def scope(self) -> str:
        raw = self.data.get("partners") if self.is_bound else None
        return SCOPE_ALL if raw == SCOPE_ALL else SCOPE_ORGANISATION
