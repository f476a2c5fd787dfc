"""Forms of the open-day screens. Every message is Dutch and sits next to its field and in
the summary at the top (``error_summary``); a form with errors keeps what was typed. The
views pass cleaned data to ``services``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from werkpunt.core.forms import SummaryMixin
from werkpunt.matching import load_places
from werkpunt.opendays.services import MAX_CAPACITY, SlotSpec, slot_problems

_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S", "%H"]

#: How many slot rows the create form shows; empty rows are left out.
SLOT_ROWS = 4

DATE_ERRORS = {
    "required": _("Vul de datum van de open dag in."),
    "invalid": _("Dit is geen datum die wij kunnen lezen. Schrijf de datum als 31-12-2027."),
}
TIME_ERRORS = {"invalid": _("Schrijf de tijd als 09:00.")}
CAPACITY_ERRORS = {
    "invalid": _("Vul een heel getal in, zoals 10."),
    "min_value": _("Kies minstens 1 plaats."),
    "max_value": _("Kies hoogstens %(limit_value)s plaatsen."),
}


def place_choices() -> list[tuple[str, Any]]:
    """The places of matching, grouped by municipality, for a select."""
    groups: list[tuple[str, Any]] = [("", _("Kies een plaats"))]
    for municipality, places in sorted(load_places().by_municipality().items()):
        groups.append(
            (municipality, [(p.id, p.name) for p in sorted(places, key=lambda p: p.name)])
        )
    return groups


def _time_field(label: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=TIME_FORMATS,
        error_messages=TIME_ERRORS,
        widget=forms.TimeInput(
            format="%H:%M",
            attrs={"class": f"{_TEXTBOX} werkpunt-opendays-time", "type": "time"},
        ),
    )


def _capacity_field(*, required: bool) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Aantal plaatsen"),
        required=required,
        min_value=1,
        max_value=MAX_CAPACITY,
        error_messages={**CAPACITY_ERRORS, "required": _("Vul het aantal plaatsen in.")},
        widget=forms.NumberInput(
            attrs={"class": f"{_TEXTBOX} werkpunt-opendays-number", "inputmode": "numeric"}
        ),
    )


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    """The moment ``time`` on ``day`` in the site's time zone (Europe/Amsterdam)."""
    return timezone.make_aware(dt.datetime.combine(day, time), timezone.get_default_timezone())


class ServiceErrorsMixin:
    """Put the ``ValidationError`` of a service next to the matching fields."""

    def add_service_errors(self, errors: Mapping[str, Iterable[str]]) -> None:
        form: forms.Form = self  # type: ignore[assignment]
        for key, messages in errors.items():
            target = key if key in form.fields else None
            for message in messages:
                form.add_error(None if key == NON_FIELD_ERRORS else target, message)


class OpenDayForm(ServiceErrorsMixin, SummaryMixin, forms.Form):
    """The open day: what, when, where, and up to :data:`SLOT_ROWS` slots."""

    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        help_text=_("Bijvoorbeeld: Kijkdag in de kwekerij."),
        error_messages={
            "required": _("Vul een titel in."),
            "max_length": _("Gebruik hoogstens 200 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX}),
    )
    date = forms.DateField(
        label=_("Datum"),
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"class": _TEXTBOX, "type": "date"}),
    )
    address = forms.CharField(
        label=_("Adres"),
        max_length=300,
        help_text=_("Straat, huisnummer en plaats, zoals de kandidaten het in de mail lezen."),
        error_messages={
            "required": _("Vul het adres in."),
            "max_length": _("Gebruik hoogstens 300 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "autocomplete": "off"}),
    )
    place = forms.ChoiceField(
        label=_("Plaats"),
        help_text=_("Hiermee rekent Werkpunt uit wie er binnen zijn eigen reistijd kan komen."),
        error_messages={
            "required": _("Kies de plaats uit de lijst."),
            "invalid_choice": _("Kies de plaats uit de lijst."),
        },
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    description = forms.CharField(
        label=_("Wat gaan we doen?"),
        required=False,
        max_length=4000,
        help_text=_("Schrijf in korte zinnen wat de bezoekers zien en doen. Dit staat in de mail."),
        error_messages={"max_length": _("Gebruik hoogstens 4000 tekens.")},
        widget=forms.Textarea(
            attrs={"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 5}
        ),
    )
    demand = forms.TypedChoiceField(
        label=_("Werkvraag"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_(
            "Met een werkvraag nodigt Werkpunt mensen uit die passen bij het werk. Zonder "
            "werkvraag: iedereen die er binnen zijn eigen reistijd kan komen."
        ),
        error_messages={"invalid_choice": _("Kies een werkvraag uit de lijst.")},
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )

    slot_field_names: ClassVar[list[tuple[str, str, str]]] = [
        (f"slot{n}_start", f"slot{n}_end", f"slot{n}_capacity") for n in range(1, SLOT_ROWS + 1)
    ]

    def __init__(self, *args: Any, demands: Sequence[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        place_field = self.fields["place"]
        assert isinstance(place_field, forms.ChoiceField)
        place_field.choices = place_choices()
        demand_field = self.fields["demand"]
        assert isinstance(demand_field, forms.ChoiceField)
        demand_field.choices = [("", _("Geen werkvraag")), *demands]
        for start, end, capacity in self.slot_field_names:
            self.fields[start] = _time_field(_("Begintijd"))
            self.fields[end] = _time_field(_("Eindtijd"))
            self.fields[capacity] = _capacity_field(required=False)
        self.slots: list[SlotSpec] = []
        self.mark_required()

    def slot_rows(self) -> list[tuple[int, Any, Any, Any]]:
        """(number, start, end, capacity) bound fields per row, for the template."""
        return [
            (number, self[start], self[end], self[capacity])
            for number, (start, end, capacity) in enumerate(self.slot_field_names, start=1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day = data.get("date")
        filled = 0
        for number, (start_name, end_name, capacity_name) in enumerate(
            self.slot_field_names, start=1
        ):
            names = (start_name, end_name, capacity_name)
            if any(name in self.errors for name in names):
                filled += 1
                continue
            start, end, capacity = (data.get(name) for name in names)
            if start is None and end is None and capacity is None:
                continue
            filled += 1
            missing = False
            for name, value, message in (
                (start_name, start, _("Tijdvak %(n)s: vul een begintijd in.")),
                (end_name, end, _("Tijdvak %(n)s: vul een eindtijd in.")),
                (capacity_name, capacity, _("Tijdvak %(n)s: vul het aantal plaatsen in.")),
            ):
                if value is None:
                    self.add_error(name, str(message) % {"n": number})
                    missing = True
            if missing or not isinstance(day, dt.date):
                continue
            assert start is not None
            assert end is not None
            assert capacity is not None
            slot: SlotSpec = (_at(day, start), _at(day, end), int(capacity))
            problems = slot_problems(date=day, slot=slot)
            if problems:
                for problem in problems:
                    self.add_error(
                        end_name,
                        gettext("Tijdvak %(n)s: %(problem)s") % {"n": number, "problem": problem},
                    )
                continue
            self.slots.append(slot)
        if filled == 0:
            self.add_error(
                "slot1_start",
                _("Geef minstens één tijdvak op, met een begintijd, eindtijd en plaatsen."),
            )
        return data


class SlotForm(ServiceErrorsMixin, SummaryMixin, forms.Form):
    """One extra slot on the open day's page."""

    start = forms.TimeField(
        label=_("Begintijd"),
        input_formats=TIME_FORMATS,
        error_messages={**TIME_ERRORS, "required": _("Vul een begintijd in.")},
        widget=forms.TimeInput(
            format="%H:%M",
            attrs={"class": f"{_TEXTBOX} werkpunt-opendays-time", "type": "time"},
        ),
    )
    end = forms.TimeField(
        label=_("Eindtijd"),
        input_formats=TIME_FORMATS,
        error_messages={**TIME_ERRORS, "required": _("Vul een eindtijd in.")},
        widget=forms.TimeInput(
            format="%H:%M",
            attrs={"class": f"{_TEXTBOX} werkpunt-opendays-time", "type": "time"},
        ),
    )
    capacity = _capacity_field(required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "tijdvak")
        super().__init__(*args, **kwargs)
        self.mark_required()

    def slot(self, day: dt.date) -> SlotSpec:
        data = self.cleaned_data
        return (_at(day, data["start"]), _at(day, data["end"]), int(data["capacity"]))

    def add_service_errors(self, errors: Mapping[str, Iterable[str]]) -> None:
        super().add_service_errors(
            {("end" if key == "slots" else key): value for key, value in errors.items()}
        )


class InviteForm(ServiceErrorsMixin, SummaryMixin, forms.Form):
    """How many to invite at most, and (with a demand) how well they must fit."""

    limit = forms.IntegerField(
        label=_("Hoeveel mensen hoogstens?"),
        initial=50,
        min_value=1,
        max_value=500,
        error_messages={
            "required": _("Vul in hoeveel mensen u hoogstens uitnodigt."),
            "invalid": _("Vul een heel getal in, zoals 50."),
            "min_value": _("Nodig minstens 1 persoon uit."),
            "max_value": _("Nodig hoogstens %(limit_value)s mensen tegelijk uit."),
        },
        widget=forms.NumberInput(
            attrs={"class": f"{_TEXTBOX} werkpunt-opendays-number", "inputmode": "numeric"}
        ),
    )
    min_score = forms.IntegerField(
        label=_("Past minstens voor (procent)"),
        initial=30,
        min_value=0,
        max_value=100,
        help_text=_("Alleen bij een werkvraag. 30 betekent: de match is minstens 30 procent."),
        error_messages={
            "required": _("Vul een percentage in, zoals 30."),
            "invalid": _("Vul een heel getal in, zoals 30."),
            "min_value": _("Kies een percentage van 0 tot 100."),
            "max_value": _("Kies een percentage van 0 tot 100."),
        },
        widget=forms.NumberInput(
            attrs={"class": f"{_TEXTBOX} werkpunt-opendays-number", "inputmode": "numeric"}
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "uitnodigen")
        super().__init__(*args, **kwargs)
        self.mark_required()

    def add_service_errors(self, errors: Mapping[str, Iterable[str]]) -> None:
        super().add_service_errors(
            {(NON_FIELD_ERRORS if key == "demand" else key): v for key, v in errors.items()}
        )


class CancelDayForm(SummaryMixin, forms.Form):
    """Calling the day off needs a tick, so it is never done by a slip."""

    confirm = forms.BooleanField(
        label=_("Ja, de open dag gaat niet door. Stuur de aangemelde mensen een mail."),
        error_messages={"required": _("Zet een vinkje als de open dag echt niet doorgaat.")},
        widget=forms.CheckboxInput(
            attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "annuleren")
        super().__init__(*args, **kwargs)


class SlotChoiceForm(ServiceErrorsMixin, SummaryMixin, forms.Form):
    """Choose a slot: on the candidate's page (radio buttons) and for an adviser (select)."""

    slot = forms.TypedChoiceField(
        label=_("Kies een tijd"),
        coerce=int,
        error_messages={
            "required": _("Kies een tijd."),
            "invalid_choice": _("Kies een van de tijden in de lijst."),
        },
        widget=forms.RadioSelect,
    )

    def __init__(
        self, *args: Any, slots: Sequence[tuple[int, str]] = (), select: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["slot"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = list(slots)
        if select:
            field.widget = forms.Select(
                attrs={"class": "utrecht-select utrecht-select--html-select"},
                choices=[("", _("Kies een tijd")), *slots],
            )
