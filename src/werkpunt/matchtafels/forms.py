"""Forms of the matchtafel screens. Every message is Dutch and sits next to its field and in
the summary at the top (``error_summary``). The views pass cleaned data to ``services``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from werkpunt.core.forms import SummaryMixin
from werkpunt.matchtafels.models import Matchtafel, OutcomeKind
from werkpunt.placements.forms import DATE_ERRORS, DATE_FORMATS, DutchDecimalField
from werkpunt.placements.models import ContractKind

_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


def _date_widget() -> forms.DateInput:
    return forms.DateInput(
        format="%Y-%m-%d", attrs={"class": f"{_TEXTBOX} werkpunt-matchtafel-date", "type": "date"}
    )


def _text_widget(**attrs: str) -> forms.TextInput:
    return forms.TextInput(attrs={"class": _TEXTBOX, **attrs})


#: Service argument names → form field names where they differ.
SERVICE_TO_FORM = {"hourly_wage_cents": "hourly_wage"}


class ServiceErrorsMixin:
    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        """Put the errors of the service next to the right fields (else at the top)."""
        form: forms.Form = self  # type: ignore[assignment]
        for key, messages in errors.items():
            name = SERVICE_TO_FORM.get(key, key)
            target = name if name in form.fields else None
            for message in messages:
                if target is not None and message in form.errors.get(target, []):
                    continue
                form.add_error(target, message)


class MatchtafelForm(ServiceErrorsMixin, SummaryMixin, forms.Form):
    """Plan or change a matchtafel."""

    title = forms.CharField(
        label=_("Titel"),
        help_text=_("Bijvoorbeeld: Matchtafel Emmen voorjaar."),
        max_length=200,
        error_messages={
            "required": _("Vul een titel in, bijvoorbeeld ‘Matchtafel Emmen voorjaar’."),
            "max_length": _("De titel is te lang. Gebruik hoogstens 200 tekens."),
        },
        widget=_text_widget(autocomplete="off"),
    )
    date = forms.DateField(
        label=_("Datum"),
        input_formats=DATE_FORMATS,
        error_messages={"required": _("Vul de datum van de matchtafel in."), **DATE_ERRORS},
        widget=_date_widget(),
    )
    location = forms.CharField(
        label=_("Plaats"),
        help_text=_("Het adres of de naam van de plek, bijvoorbeeld: Werkplein Emmen."),
        max_length=200,
        error_messages={
            "required": _("Vul in waar de matchtafel is."),
            "max_length": _("De plaats is te lang. Gebruik hoogstens 200 tekens."),
        },
        widget=_text_widget(),
    )
    period_start = forms.DateField(
        label=_("Contracten die eindigen vanaf"),
        help_text=_("Werkpunt zoekt mensen van wie het contract in deze periode eindigt."),
        input_formats=DATE_FORMATS,
        error_messages={
            "required": _("Vul in vanaf welke datum de contracten eindigen."),
            **DATE_ERRORS,
        },
        widget=_date_widget(),
    )
    period_end = forms.DateField(
        label=_("Tot en met"),
        input_formats=DATE_FORMATS,
        error_messages={
            "required": _("Vul in tot en met welke datum de contracten eindigen."),
            **DATE_ERRORS,
        },
        widget=_date_widget(),
    )
    employers = forms.MultipleChoiceField(
        label=_("Werkgevers aan tafel"),
        help_text=_("Kies minstens twee werkgevers. Ze staan per gemeente."),
        error_messages={
            "required": _(
                "Kies minstens twee werkgevers. Aan een matchtafel zitten meerdere werkgevers."
            ),
            "invalid_choice": _("Kies alleen werkgevers uit de lijst."),
        },
        widget=forms.CheckboxSelectMultiple,
    )
    advisers = forms.MultipleChoiceField(
        label=_("Adviseurs aan tafel"),
        required=False,
        error_messages={"invalid_choice": _("Kies alleen adviseurs uit de lijst.")},
        widget=forms.CheckboxSelectMultiple,
    )
    min_score = forms.IntegerField(
        label=_("Minimale score in procent"),
        help_text=_(
            "Onder deze score stelt Werkpunt geen plek voor. 30 is een goed begin. Vul 0 tot en met 100 in."
        ),
        min_value=0,
        max_value=100,
        initial=30,
        error_messages={
            "required": _("Vul een minimale score in, bijvoorbeeld 30."),
            "invalid": _("Vul een heel getal in, bijvoorbeeld 30."),
            "min_value": _("Kies een minimale score van 0 tot en met 100 procent."),
            "max_value": _("Kies een minimale score van 0 tot en met 100 procent."),
        },
        widget=forms.TextInput(
            attrs={"class": f"{_TEXTBOX} werkpunt-matchtafel-short", "inputmode": "numeric"}
        ),
    )
    notes = forms.CharField(
        label=_("Aantekeningen"),
        required=False,
        max_length=4000,
        error_messages={"max_length": _("Gebruik hoogstens 4000 tekens.")},
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 4}),
    )

    def __init__(
        self,
        *args: Any,
        employers: Iterable[Any],
        advisers: Iterable[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.employer_objects = {str(e.pk): e for e in employers}
        self.adviser_objects = {str(u.pk): u for u in advisers}
        employer_field = self.fields["employers"]
        adviser_field = self.fields["advisers"]
        assert isinstance(employer_field, forms.ChoiceField)
        assert isinstance(adviser_field, forms.ChoiceField)
        employer_field.choices = [
            (key, employer.name) for key, employer in self.employer_objects.items()
        ]
        adviser_field.choices = [
            (key, _adviser_label(user)) for key, user in self.adviser_objects.items()
        ]
        self.mark_required()

    @classmethod
    def initial_from(cls, matchtafel: Matchtafel) -> dict[str, Any]:
        return {
            "title": matchtafel.title,
            "date": matchtafel.date,
            "location": matchtafel.location,
            "period_start": matchtafel.period_start,
            "period_end": matchtafel.period_end,
            "employers": [str(pk) for pk in matchtafel.employers.values_list("pk", flat=True)],
            "advisers": [str(pk) for pk in matchtafel.advisers.values_list("pk", flat=True)],
            "min_score": round(100 * matchtafel.min_score),
            "notes": matchtafel.notes,
        }

    def employer_groups(self) -> list[tuple[str, list[Any]]]:
        """The employer checkboxes per municipality (no search needed)."""
        groups: dict[str, tuple[str, list[Any]]] = {}
        for choice in self["employers"]:
            employer = self.employer_objects[str(choice.data["value"])]
            label = str(employer.get_municipality_display())
            groups.setdefault(employer.municipality, (label, []))[1].append(choice)
        return sorted(groups.values(), key=lambda group: group[0])

    def chosen_employers(self) -> list[Any]:
        return [self.employer_objects[key] for key in self.cleaned_data.get("employers") or []]

    def chosen_advisers(self) -> list[Any]:
        return [self.adviser_objects[key] for key in self.cleaned_data.get("advisers") or []]

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "date": data["date"],
            "location": data["location"],
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "employers": self.chosen_employers(),
            "advisers": self.chosen_advisers(),
            "min_score": data["min_score"] / 100,
            "notes": data.get("notes") or "",
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start is not None and end is not None and end < start:
            self.add_error(
                "period_end",
                _("De einddatum van de periode ligt vóór de begindatum. Kies een latere datum."),
            )
        chosen = cleaned.get("employers")
        if chosen is not None and len(chosen) < 2 and "employers" not in self.errors:
            self.add_error(
                "employers",
                _("Kies minstens twee werkgevers. Aan een matchtafel zitten meerdere werkgevers."),
            )
        return cleaned


def _adviser_label(user: Any) -> str:
    name = user.get_full_name() or user.get_username()
    profile = getattr(user, "profile", None)
    organisation = getattr(profile, "organisation", None)
    return f"{name} ({organisation.name})" if organisation is not None else name


#: Contracts an adviser can choose for "placed" (a trial is always a proefplaatsing).
CONTRACT_CHOICES = [
    ("", _("Kies een soort contract")),
    (ContractKind.FIXED.value, ContractKind.FIXED.label),
    (ContractKind.OPEN_ENDED.value, ContractKind.OPEN_ENDED.label),
    (ContractKind.LEARNING.value, ContractKind.LEARNING.label),
]


class OutcomeForm(ServiceErrorsMixin, SummaryMixin, forms.Form):
    """What happened at the table for one person."""

    kind = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=OutcomeKind.choices,
        error_messages={
            "required": _("Kies wat de uitkomst is."),
            "invalid_choice": _("Kies een uitkomst uit de lijst."),
        },
        widget=forms.RadioSelect,
    )
    demand = forms.ChoiceField(
        label=_("Werkvraag"),
        help_text=_("Nodig bij ‘Geplaatst’ en bij een proefplaatsing."),
        required=False,
        error_messages={"invalid_choice": _("Kies een werkvraag uit de lijst.")},
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    start_date = forms.DateField(
        label=_("Eerste werkdag"),
        required=False,
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
        widget=_date_widget(),
    )
    end_date = forms.DateField(
        label=_("Einddatum van het contract"),
        help_text=_("Alleen bij een contract dat op een vaste datum stopt."),
        required=False,
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
        widget=_date_widget(),
    )
    hours_per_week = DutchDecimalField(
        label=_("Uren per week"),
        help_text=_("Bijvoorbeeld 32 of 24,5."),
        required=False,
        min_value=Decimal("0.1"),
        max_value=Decimal(60),
        max_digits=4,
        decimal_places=1,
    )
    hourly_wage = DutchDecimalField(
        label=_("Bruto uurloon in euro"),
        help_text=_("Zonder vakantiegeld. Bijvoorbeeld 15,20."),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(1000),
        max_digits=6,
        decimal_places=2,
    )
    contract = forms.ChoiceField(
        label=_("Soort contract"),
        help_text=_("Bij een proefplaatsing kiest Werkpunt zelf ‘Proefplaatsing’."),
        required=False,
        choices=CONTRACT_CHOICES,
        error_messages={"invalid_choice": _("Kies een soort contract uit de lijst.")},
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=500,
        error_messages={"max_length": _("Gebruik hoogstens 500 tekens.")},
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 2}),
    )

    def __init__(self, *args: Any, demands: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.demand_objects = {str(d.pk): d for d in demands}
        demand_field = self.fields["demand"]
        assert isinstance(demand_field, forms.ChoiceField)
        demand_field.choices = [("", _("Geen werkvraag"))] + [
            (key, f"{d.employer.name}: {d.title}") for key, d in self.demand_objects.items()
        ]
        self.mark_required()

    @property
    def chosen_demand(self) -> Any:
        return self.demand_objects.get(self.cleaned_data.get("demand") or "")

    @property
    def hourly_wage_cents(self) -> int | None:
        wage = self.cleaned_data.get("hourly_wage")
        return None if wage is None else int((wage * 100).to_integral_value())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        if kind in (OutcomeKind.PLACED, OutcomeKind.TRIAL):
            if not cleaned.get("demand") and "demand" not in self.errors:
                self.add_error("demand", _("Kies bij welke werkvraag deze persoon begint."))
            if cleaned.get("start_date") is None and "start_date" not in self.errors:
                self.add_error("start_date", _("Vul de eerste werkdag in."))
            if cleaned.get("hours_per_week") is None and "hours_per_week" not in self.errors:
                self.add_error("hours_per_week", _("Vul het aantal uren per week in."))
            if cleaned.get("hourly_wage") is None and "hourly_wage" not in self.errors:
                self.add_error("hourly_wage", _("Vul het bruto uurloon in."))
        if (
            kind == OutcomeKind.PLACED
            and not cleaned.get("contract")
            and "contract" not in self.errors
        ):
            self.add_error("contract", _("Kies een soort contract."))
        return cleaned
