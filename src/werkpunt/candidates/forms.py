"""Forms of the candidate screens. Every message is Dutch and sits next to its field and in
the summary at the top. The form only reads what was typed; the rules (ranges, known
places and tasks) are checked by ``services.clean_fields`` and shown on the same fields."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from werkpunt.accounts.selectors import users_with_role
from werkpunt.candidates import selectors
from werkpunt.candidates.models import ConsentVia, PhysicalLoad, TravelMode
from werkpunt.core.forms import SummaryMixin
from werkpunt.matching.vocab import (
    DAY_NAMES,
    DAYS,
    EDUCATION_LEVELS,
    LANGUAGE_LEVELS,
    SECTOR_LABELS,
    SECTORS,
    SUPPORT_NEEDS,
)

_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
_SELECT = "utrecht-select utrecht-select--html-select"
_CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}

EDUCATION_LABELS: dict[str, Any] = {
    "geen": _("Geen opleiding afgemaakt"),
    "basisonderwijs": _("Basisschool"),
    "praktijkonderwijs": _("Praktijkonderwijs"),
    "vso": _("Voortgezet speciaal onderwijs (vso)"),
    "vmbo": _("Vmbo"),
    "entree": _("Entreeopleiding (mbo niveau 1)"),
    "mbo2": _("Mbo niveau 2"),
    "mbo3": _("Mbo niveau 3"),
    "mbo4": _("Mbo niveau 4"),
    "havo-vwo": _("Havo of vwo"),
    "hbo": _("Hbo"),
    "wo": _("Universiteit (wo)"),
}
LANGUAGE_LABELS: dict[str, Any] = {
    "geen": _("Spreekt nog geen Nederlands"),
    "A1": _("A1: kent een paar woorden en korte zinnen"),
    "A2": _("A2: kan eenvoudige gesprekken voeren"),
    "B1": _("B1: kan zich goed redden op het werk"),
    "B2": _("B2: spreekt en schrijft goed Nederlands"),
    "C1": _("C1: spreekt en schrijft heel goed Nederlands"),
    "C2": _("C2: Nederlands als moedertaal"),
}
SUPPORT_LABELS: dict[str, Any] = {
    "jobcoach": _("Een jobcoach"),
    "aanpassing-werkplek": _("Een aangepaste werkplek"),
    "aangepaste-werktijden": _("Aangepaste werktijden"),
    "vaste-collega": _("Een vaste collega of buddy"),
    "vervoer": _("Hulp bij vervoer"),
    "taalondersteuning": _("Hulp bij de Nederlandse taal"),
    "begeleiding-bij-start": _("Begeleiding bij de start"),
}

REQUIRED = {"required": _("Dit veld is verplicht.")}
CHOICE_ERRORS = {
    "required": _("Maak een keuze."),
    "invalid_choice": _("Kies een van de mogelijkheden uit de lijst."),
}
LIST_ERRORS = {
    "invalid_choice": _("Kies alleen uit de lijst. ‘%(value)s’ kennen wij niet."),
    "invalid_list": _("Kies alleen uit de lijst."),
}


def _labels(codes: Sequence[str], labels: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(code, labels.get(code, code)) for code in codes]


def _text(*, autocomplete: str = "off", css: str = "", **attrs: str) -> forms.TextInput:
    return forms.TextInput(
        attrs={"class": f"{_TEXTBOX} {css}".strip(), "autocomplete": autocomplete, **attrs}
    )


class DutchNumberField(forms.Field):
    """A number as people type it (``24,5``); the range is checked by the service."""

    default_error_messages: ClassVar[dict[str, Any]] = {
        "invalid": _("Vul een getal in, zoals 24 of 24,5."),
        **REQUIRED,
    }
    #: Longer text than this is never a number someone meant.
    max_length = 12

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", _text(css="werkpunt-candidate-short", inputmode="decimal"))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        text = str(value if value is not None else "").strip().replace(" ", "")
        if not text:
            return None
        if len(text) > self.max_length:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not number.is_finite():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class WholeNumberField(DutchNumberField):
    default_error_messages: ClassVar[dict[str, Any]] = {
        "invalid": _("Vul een heel getal in, zoals 30."),
        **REQUIRED,
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", _text(css="werkpunt-candidate-short", inputmode="numeric"))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        number = super().to_python(value)
        if number is not None and number != number.to_integral_value():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class AdviserField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """An adviser by name."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


def _checkboxes(choices: Iterable[tuple[str, Any]], label: Any, help_text: Any = "") -> Any:
    return forms.MultipleChoiceField(
        label=label,
        help_text=help_text,
        required=False,
        choices=list(choices),
        widget=forms.CheckboxSelectMultiple,
        error_messages=LIST_ERRORS,
    )


def _flat(groups: selectors.GroupedChoices) -> list[tuple[str, str]]:
    return [choice for _code, _label, choices in groups for choice in choices]


class CandidateForm(SummaryMixin, forms.Form):
    """A whole profile: the identity and the anonymous work profile, in parts."""

    use_required_attribute = False

    #: The parts of the form, for the template (name → fields).
    IDENTITY = ("display_name", "email", "phone", "adviser")

    # Wie is het
    display_name = forms.CharField(
        label=_("Naam"),
        max_length=100,
        help_text=_("Voornaam en de eerste letter van de achternaam, zoals Sanne B."),
        error_messages={
            "required": _("Vul de naam in: voornaam en eerste letter van de achternaam.")
        },
        widget=_text(autocomplete="off"),
    )
    email = forms.CharField(
        label=_("E-mailadres"),
        required=False,
        max_length=254,
        help_text=_("Hierheen mailen wij de persoonlijke link om toestemming te geven."),
        widget=forms.EmailInput(attrs={"class": _TEXTBOX, "autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        required=False,
        max_length=30,
        widget=_text(inputmode="tel"),
    )
    adviser = AdviserField(
        label=_("Adviseur"),
        queryset=users_with_role(),
        empty_label=None,
        help_text=_("De adviseur van uw organisatie die de kandidaat begeleidt."),
        error_messages={**CHOICE_ERRORS, "required": _("Kies de adviseur van de kandidaat.")},
        widget=forms.Select(attrs={"class": _SELECT}),
    )

    # Werk
    tasks = _checkboxes(
        _flat(selectors.task_choices()),
        _("Taken die de kandidaat kan doen"),
        _("Kies per sector de taken. Open een sector om de taken te zien."),
    )
    max_physical_load = forms.ChoiceField(
        label=_("Hoe zwaar mag het werk zijn?"),
        choices=PhysicalLoad.choices,
        initial=PhysicalLoad.HEAVY,
        help_text=_("Wat de kandidaat zelf zegt aan te kunnen. Geen medische informatie."),
        widget=forms.RadioSelect,
        error_messages={**CHOICE_ERRORS, "required": _("Kies hoe zwaar het werk mag zijn.")},
    )
    experience_years = DutchNumberField(
        label=_("Werkervaring in jaren"),
        required=False,
        help_text=_("Alle jaren werk samen, ook vrijwilligerswerk. Bijvoorbeeld 2 of 1,5."),
    )

    # Vaardigheden
    skills = _checkboxes(
        _flat(selectors.skill_choices()),
        _("Vaardigheden"),
        _("Kies wat de kandidaat kan. Eerst de algemene vaardigheden, daarna per sector."),
    )
    licences = _checkboxes(
        selectors.licence_choices(), _("Rijbewijzen en certificaten"), _("Alleen wat er nu is.")
    )

    # Beschikbaarheid
    hours_per_week = DutchNumberField(
        label=_("Uren per week"),
        help_text=_("Van 0 tot 60 uur. Bijvoorbeeld 24 of 24,5."),
        error_messages={
            "required": _("Vul in hoeveel uur per week de kandidaat kan werken, van 0 tot 60.")
        },
    )
    days = _checkboxes(
        _labels(DAYS, {d: n.capitalize() for d, n in DAY_NAMES.items()}),
        _("Dagen waarop de kandidaat kan werken"),
    )

    # Reizen
    home_place = forms.ChoiceField(
        label=_("Woonplaats"),
        choices=[("", _("Kies een plaats")), *selectors.place_choices()],
        help_text=_("De plaatsen staan per gemeente."),
        error_messages={**CHOICE_ERRORS, "required": _("Kies de woonplaats uit de lijst.")},
        widget=forms.Select(attrs={"class": _SELECT}),
    )
    travel_mode = forms.ChoiceField(
        label=_("Hoe reist de kandidaat naar het werk?"),
        choices=TravelMode.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages=CHOICE_ERRORS,
    )
    max_travel_minutes = WholeNumberField(
        label=_("Hoeveel minuten mag de reis naar het werk duren?"),
        help_text=_("Enkele reis, van 0 tot 180 minuten."),
        error_messages={
            "required": _("Vul in hoeveel minuten de kandidaat wil reizen, van 0 tot 180.")
        },
    )

    # Taal en opleiding
    language_level = forms.ChoiceField(
        label=_("Nederlands"),
        choices=[("", _("Weet ik nog niet")), *_labels(LANGUAGE_LEVELS, LANGUAGE_LABELS)],
        required=False,
        error_messages=CHOICE_ERRORS,
        widget=forms.Select(attrs={"class": _SELECT}),
    )
    education_level = forms.ChoiceField(
        label=_("Hoogste opleiding"),
        choices=[("", _("Weet ik nog niet")), *_labels(EDUCATION_LEVELS, EDUCATION_LABELS)],
        required=False,
        help_text=_("Dit staat op het profiel. Matching kijkt naar taken, niet naar diploma’s."),
        error_messages=CHOICE_ERRORS,
        widget=forms.Select(attrs={"class": _SELECT}),
    )

    # Ondersteuning
    support_needs = _checkboxes(
        _labels(tuple(SUPPORT_NEEDS), SUPPORT_LABELS),
        _("Wat heeft de kandidaat nodig om goed te kunnen werken?"),
        _(
            "Kies alleen wat er op het werk nodig is. Wij vragen niet naar gezondheid, "
            "ziekte of een diagnose: schrijf dat nergens op."
        ),
    )

    # Interesses en motivatie
    interests = _checkboxes(
        [*_labels(SECTORS, SECTOR_LABELS), *_flat(selectors.task_choices())],
        _("In welke sectoren wil de kandidaat graag werken?"),
        _("Leeg laten mag: dan telt matching dit neutraal."),
    )
    motivation = forms.CharField(
        label=_("Motivatie"),
        required=False,
        max_length=4000,
        help_text=_(
            "In uw eigen woorden: wat wil de kandidaat en waarom. Geen gezondheid of "
            "diagnose. Werkgevers zien deze tekst bij het anonieme profiel."
        ),
        error_messages={"max_length": _("Gebruik hoogstens 4000 tekens.")},
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 5}),
    )

    def __init__(
        self,
        *args: Any,
        organisation_id: int | None = None,
        current_adviser_id: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        adviser = self.fields["adviser"]
        assert isinstance(adviser, forms.ModelChoiceField)
        adviser.queryset = (
            users_with_role(*selectors.CASE_ROLES)
            .filter(
                Q(profile__organisation_id=organisation_id or 0) | Q(pk=current_adviser_id or 0)
            )
            .order_by("first_name", "last_name", "username")
        )
        self.mark_required()

    # --- For the template: long lists of checkboxes grouped per sector -------------------

    def _selected(self, name: str) -> set[str]:
        value = self[name].value()
        if value is None:
            return set()
        if isinstance(value, str):
            return {value}
        return {str(v) for v in value}

    def _groups(self, name: str, groups: selectors.GroupedChoices) -> list[dict[str, Any]]:
        """Per group: its code, label, options (id, value, label, checked) and how many
        are chosen. The ids run on over the groups, so the first is ``id_<name>_0``."""
        selected = self._selected(name)
        auto_id = self[name].auto_id
        result = []
        number = 0
        for code, label, choices in groups:
            options = []
            for value, text in choices:
                options.append(
                    {
                        "id": f"{auto_id}_{number}",
                        "value": value,
                        "label": text,
                        "checked": value in selected,
                    }
                )
                number += 1
            result.append(
                {
                    "code": code,
                    "label": label,
                    "options": options,
                    "checked_count": sum(1 for o in options if o["checked"]),
                }
            )
        return result

    def task_groups(self) -> list[dict[str, Any]]:
        return self._groups("tasks", selectors.task_choices())

    def skill_groups(self) -> list[dict[str, Any]]:
        return self._groups("skills", selectors.skill_choices())

    def interest_groups(self) -> list[dict[str, Any]]:
        """The sectors, and the tasks only when they were chosen before (e.g. by an import)."""
        selected = self._selected("interests")
        task_names = selectors.task_names()
        tasks = [(t, task_names[t]) for t in sorted(selected) if t in task_names]
        groups: selectors.GroupedChoices = [
            ("sectoren", str(_("Sectoren")), _labels(SECTORS, SECTOR_LABELS))
        ]
        if tasks:
            groups.append(("taken", str(_("Taken")), tasks))
        return self._groups("interests", groups)

    def service_fields(self) -> dict[str, Any]:
        """The cleaned data as keyword arguments for the services."""
        data = dict(self.cleaned_data)
        data["experience_years"] = data.get("experience_years")
        return {key: data[key] for key in self.fields if key in data}

    def check_rules(self) -> None:
        """On a form with errors: also check the fields that were read fine against the
        rules of the service (ranges, known places), so every problem shows at once."""
        from django.core.exceptions import ValidationError

        from werkpunt.candidates.services import clean_fields

        readable = {
            key: value
            for key, value in self.cleaned_data.items()
            if key in self.fields and key not in self.errors and key != "adviser"
        }
        try:
            clean_fields(readable, creating=False)
        except ValidationError as error:
            self.add_service_errors({k: [str(m) for m in v] for k, v in error.message_dict.items()})

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)


class FilterForm(forms.Form):
    """The filters above the list; every one is optional."""

    use_required_attribute = False

    plaats = forms.ChoiceField(
        label=_("Woonplaats"),
        required=False,
        choices=[("", _("Alle plaatsen")), *selectors.place_choices()],
        widget=forms.Select(attrs={"class": _SELECT}),
    )
    sector = forms.ChoiceField(
        label=_("Sector van de taken"),
        required=False,
        choices=[("", _("Alle sectoren")), *_labels(SECTORS, SECTOR_LABELS)],
        widget=forms.Select(attrs={"class": _SELECT}),
    )
    taak = forms.ChoiceField(
        label=_("Taak"),
        required=False,
        choices=[
            ("", _("Alle taken")),
            *[(label, choices) for _code, label, choices in selectors.task_choices()],
        ],
        widget=forms.Select(attrs={"class": _SELECT}),
    )
    mine = forms.BooleanField(
        label=_("Alleen mijn kandidaten"), required=False, widget=forms.CheckboxInput(_CHECKBOX)
    )
    gestopt = forms.BooleanField(
        label=_("Ook kandidaten die geen werk meer zoeken (eigen organisatie)"),
        required=False,
        widget=forms.CheckboxInput(_CHECKBOX),
    )


class ConsentGiveForm(SummaryMixin, forms.Form):
    """The adviser records the candidate's key (paper or conversation)."""

    use_required_attribute = False

    via = forms.ChoiceField(
        label=_("Hoe gaf de kandidaat toestemming?"),
        choices=[
            (ConsentVia.PAPER.value, ConsentVia.PAPER.label),
            (ConsentVia.CONVERSATION.value, ConsentVia.CONVERSATION.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe de kandidaat toestemming gaf.")},
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=300,
        help_text=_("Bijvoorbeeld: formulier getekend op 3 maart, ligt in het dossier."),
        error_messages={"max_length": _("Gebruik hoogstens 300 tekens.")},
        widget=_text(),
    )


class ConsentWithdrawForm(SummaryMixin, forms.Form):
    use_required_attribute = False

    note = forms.CharField(
        label=_("Waarom? (niet verplicht)"),
        required=False,
        max_length=300,
        help_text=_("Bijvoorbeeld: de kandidaat belde dat het niet meer mag."),
        error_messages={"max_length": _("Gebruik hoogstens 300 tekens.")},
        widget=_text(),
    )
