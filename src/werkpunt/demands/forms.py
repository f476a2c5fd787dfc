"""Forms of the demands app: the demand with its task rows, weights, proposals, open hiring.

All work without JavaScript: the demand form has a fixed number of empty task rows and a
button "Meer taken toevoegen" that shows the form again with more rows and every value kept.
Numbers may be typed the Dutch way (``12,5``). The services check everything again.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from werkpunt.core.forms import SummaryMixin
from werkpunt.demands.models import DemandStatus, ProposalStatus
from werkpunt.demands.selectors import PART_LABELS, SUPPORT_LABELS, default_form_weights
from werkpunt.employers.models import Sector, validate_phone
from werkpunt.matching import PARTS, load_catalogue, load_places
from werkpunt.matching.vocab import DAYS, TASK_LANGUAGE_LEVELS, format_number

#: Empty task rows on a new form, rows added by "Meer taken toevoegen", and the most rows.
TASK_ROWS = 5
MORE_ROWS = 3
MAX_ROWS = 40

_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
_SHORT = f"{_TEXTBOX} werkpunt-demand-short"
_TEXTAREA = "utrecht-textarea utrecht-textarea--html-textarea"
_SELECT = "utrecht-select utrecht-select--html-select"
_CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input"

DAY_LABELS: dict[str, Any] = {
    "ma": _("maandag"),
    "di": _("dinsdag"),
    "wo": _("woensdag"),
    "do": _("donderdag"),
    "vr": _("vrijdag"),
    "za": _("zaterdag"),
    "zo": _("zondag"),
}

LANGUAGE_CHOICES: list[tuple[str, Any]] = [
    ("geen", _("Geen eis")),
    *((level, level) for level in TASK_LANGUAGE_LEVELS[1:]),
]

WEIGHT_CHOICES: list[tuple[str, Any]] = [
    ("1", _("1 – gewoon")),
    ("2", "2"),
    ("3", _("3 – belangrijk")),
    ("4", "4"),
    ("5", _("5 – heel belangrijk")),
]


def _single_line(value: str) -> str:
    return re.sub(r"\s+", " ", value or "").strip()


def parse_decimal(value: Any) -> Decimal | None:
    """``12``, ``12,5`` or ``12.5`` as a Decimal; ``None`` when it is not a number."""
    text = str(value or "").strip().replace(" ", "").replace(",", ".")
    if not text or len(text) > 10:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def task_choices() -> list[tuple[Any, Any]]:
    """The shipped tasks grouped by sector (an ``<optgroup>`` each), by name."""
    catalogue = load_catalogue()
    groups: list[tuple[Any, Any]] = [("", _("Kies een taak"))]
    for code, label in Sector.choices:
        tasks = sorted(catalogue.in_sector(code), key=lambda t: t.name.lower())
        if tasks:
            groups.append((label, [(t.id, t.name) for t in tasks]))
    return groups


def place_choices() -> list[tuple[Any, Any]]:
    """The places of the region grouped by municipality (an ``<optgroup>`` each)."""
    groups: list[tuple[Any, Any]] = [("", _("Kies een plaats"))]
    for municipality, places in sorted(load_places().by_municipality().items()):
        groups.append(
            (municipality, [(p.id, p.name) for p in sorted(places, key=lambda p: p.name)])
        )
    return groups


def licence_choices() -> list[tuple[str, str]]:
    licences = load_catalogue().licences
    return sorted(((key, lic.name) for key, lic in licences.items()), key=lambda c: c[1].lower())


class DemandForm(SummaryMixin, forms.Form):
    """A demand: what, where, when, and the tasks (rows of task, hours, weight)."""

    use_required_attribute = False

    title = forms.CharField(
        label=_("Titel"),
        help_text=_("Een korte naam voor het werk, bijvoorbeeld ‘Medewerker magazijn’."),
        max_length=200,
        error_messages={
            "required": _("Vul een titel in."),
            "max_length": _("De titel is te lang. Gebruik maximaal 200 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX}),
    )
    description = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=4000,
        error_messages={
            "max_length": _("De toelichting is te lang. Gebruik maximaal 4000 tekens.")
        },
        widget=forms.Textarea(attrs={"class": _TEXTAREA, "rows": 4}),
    )
    place = forms.ChoiceField(
        label=_("Plaats van het werk"),
        choices=place_choices,
        error_messages={
            "required": _("Kies de plaats van het werk."),
            "invalid_choice": _("Kies de plaats van het werk uit de lijst."),
        },
        widget=forms.Select(attrs={"class": _SELECT}),
    )
    positions = forms.IntegerField(
        label=_("Aantal mensen"),
        help_text=_("Hoeveel mensen zoekt de werkgever voor dit werk?"),
        min_value=1,
        max_value=50,
        initial=1,
        error_messages={
            "required": _("Vul in hoeveel mensen de werkgever zoekt."),
            "invalid": _("Vul een heel getal in, bijvoorbeeld 2."),
            "min_value": _("Vul minstens 1 in."),
            "max_value": _("Vul hoogstens 50 in."),
        },
        widget=forms.TextInput(attrs={"class": _SHORT, "inputmode": "numeric"}),
    )
    min_hours = forms.CharField(
        label=_("Minimaal uren per week"),
        help_text=_(
            "Laat leeg als iemand ook een deel van het werk kan doen. Dan telt de kleinste taak."
        ),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"class": _SHORT, "inputmode": "decimal"}),
    )
    days = forms.MultipleChoiceField(
        label=_("Op welke dagen is iemand nodig?"),
        help_text=_("Kies niets als de dagen niet vastliggen."),
        required=False,
        choices=[(d, DAY_LABELS[d]) for d in DAYS],
        error_messages={"invalid_choice": _("Kies de dagen uit de lijst.")},
        widget=forms.CheckboxSelectMultiple,
    )
    language_min = forms.ChoiceField(
        label=_("Taalniveau Nederlands"),
        help_text=_("Wat nodig is voor het hele werk. Een taak kan zelf meer vragen."),
        choices=LANGUAGE_CHOICES,
        initial="geen",
        error_messages={
            "required": _("Kies een taalniveau."),
            "invalid_choice": _("Kies een taalniveau uit de lijst."),
        },
        widget=forms.Select(attrs={"class": _SELECT}),
    )
    required_licences = forms.MultipleChoiceField(
        label=_("Nodige rijbewijzen en certificaten"),
        required=False,
        choices=licence_choices,
        error_messages={"invalid_choice": _("Kies uit de lijst.")},
        widget=forms.CheckboxSelectMultiple,
    )
    support_offered = forms.MultipleChoiceField(
        label=_("Welke ondersteuning biedt de werkgever?"),
        required=False,
        choices=[(code, label) for code, label in SUPPORT_LABELS.items()],
        error_messages={"invalid_choice": _("Kies uit de lijst.")},
        widget=forms.CheckboxSelectMultiple,
    )
    open_hiring = forms.BooleanField(
        label=_("Open hiring: wie zich aanmeldt en aan de basiseisen voldoet, komt op de lijst"),
        help_text=_(
            "Er is dan geen score en geen voorstel. De volgorde van aanmelden telt. Mensen "
            "melden zich aan via een openbare pagina."
        ),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": _CHECKBOX}),
    )
    basic_requirements = forms.CharField(
        label=_("Basiseisen (bij open hiring)"),
        help_text=_("In de woorden van de werkgever. Dit lezen de mensen die zich aanmelden."),
        required=False,
        max_length=2000,
        error_messages={
            "max_length": _("De basiseisen zijn te lang. Gebruik maximaal 2000 tekens.")
        },
        widget=forms.Textarea(attrs={"class": _TEXTAREA, "rows": 4}),
    )
    #: How many task rows the form shows (kept through "Meer taken toevoegen").
    rijen = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, rows: int | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "werkvraag-%s")
        super().__init__(*args, **kwargs)
        if rows is None:
            rows = self._rows_from_data()
        self.rows = max(1, min(rows, MAX_ROWS))
        self.initial["rijen"] = self.rows
        choices = task_choices()
        for i in range(self.rows):
            self.fields[f"taak_{i}"] = forms.ChoiceField(
                label=_("Taak"),
                required=False,
                choices=choices,
                error_messages={"invalid_choice": _("Kies een taak uit de lijst.")},
                widget=forms.Select(attrs={"class": _SELECT}),
            )
            self.fields[f"uren_{i}"] = forms.CharField(
                label=_("Uren per week"),
                required=False,
                max_length=10,
                widget=forms.TextInput(attrs={"class": _SHORT, "inputmode": "decimal"}),
            )
            weights = list(WEIGHT_CHOICES)
            source = self.data if self.is_bound else self.initial
            current = str(source.get(f"gewicht_{i}") or "")
            number = parse_decimal(current)
            if current not in dict(weights) and number is not None and 0 < number <= 5:
                # A weight set elsewhere (e.g. 2.5): keep it as a choice, never change it silently.
                weights.append((current, current.replace(".", ",")))
            self.fields[f"gewicht_{i}"] = forms.ChoiceField(
                label=_("Gewicht"),
                required=False,
                choices=weights,
                initial="1",
                error_messages={"invalid_choice": _("Kies een gewicht van 1 tot en met 5.")},
                widget=forms.Select(attrs={"class": _SELECT}),
            )
        self.mark_required()

    def _rows_from_data(self) -> int:
        raw = str(self.data.get("rijen", "")) if self.is_bound else ""
        if raw.isdigit() and len(raw) < 4:
            return int(raw)
        initial_rows = self.initial.get("rijen")
        return int(initial_rows) if isinstance(initial_rows, int) else TASK_ROWS

    def task_rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField, forms.BoundField]]:
        """(row number, task, hours, weight) per row, for the template."""
        return [
            (i + 1, self[f"taak_{i}"], self[f"uren_{i}"], self[f"gewicht_{i}"])
            for i in range(self.rows)
        ]

    @classmethod
    def initial_from(cls, data: QueryDict, *, rows: int) -> dict[str, Any]:
        """The posted values as the initial values of a new, unchecked form (for "Meer taken
        toevoegen": the same answers, more rows, no error messages yet)."""
        initial: dict[str, Any] = {}
        for name in cls.base_fields:
            if name == "rijen":
                continue
            if isinstance(cls.base_fields[name], forms.MultipleChoiceField):
                initial[name] = data.getlist(name)
            elif isinstance(cls.base_fields[name], forms.BooleanField):
                initial[name] = bool(data.get(name))
            elif name in data:
                initial[name] = data.get(name)
        for i in range(rows):
            for prefix in ("taak", "uren", "gewicht"):
                key = f"{prefix}_{i}"
                if key in data:
                    initial[key] = data.get(key)
        initial["rijen"] = rows
        return initial

    def clean_title(self) -> str:
        return _single_line(self.cleaned_data["title"])

    def clean_min_hours(self) -> Decimal | None:
        raw = self.cleaned_data.get("min_hours") or ""
        if not raw.strip():
            return None
        value = parse_decimal(raw)
        if value is None or not Decimal(0) <= value <= Decimal(60):
            raise forms.ValidationError(
                _(
                    "Vul een getal in van 0 tot en met 60, bijvoorbeeld 16 of 12,5. Of laat het leeg."
                )
            )
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        tasks: list[tuple[str, Decimal, Decimal]] = []
        seen: set[str] = set()
        for i in range(self.rows):
            n = i + 1
            task_id = cleaned.get(f"taak_{i}") or ""
            raw_hours = str(cleaned.get(f"uren_{i}") or "").strip()
            if f"taak_{i}" in self.errors:
                continue
            if not task_id and not raw_hours:
                continue
            if not task_id:
                self.add_error(
                    f"taak_{i}", _("Taak %(n)s: kies een taak, of maak de uren leeg.") % {"n": n}
                )
                continue
            if task_id in seen:
                self.add_error(f"taak_{i}", _("Taak %(n)s: deze taak staat er al in.") % {"n": n})
                continue
            seen.add(task_id)
            hours = parse_decimal(raw_hours)
            if not raw_hours:
                self.add_error(f"uren_{i}", _("Taak %(n)s: vul de uren per week in.") % {"n": n})
                continue
            if hours is None or not Decimal(0) < hours <= Decimal(60):
                self.add_error(
                    f"uren_{i}",
                    _("Taak %(n)s: vul de uren in als getal van meer dan 0 tot en met 60.")
                    % {"n": n},
                )
                continue
            weight = parse_decimal(cleaned.get(f"gewicht_{i}") or "1") or Decimal(1)
            tasks.append((task_id, hours, weight))
        if not tasks and not any(f"taak_{i}" in self.errors for i in range(self.rows)):
            self.add_error("taak_0", _("Kies minstens één taak. Een werkvraag bestaat uit taken."))
        if cleaned.get("open_hiring") and not (cleaned.get("basic_requirements") or "").strip():
            self.add_error(
                "basic_requirements",
                _("Schrijf de basiseisen op, in de woorden van de werkgever."),
            )
        cleaned["tasks"] = tasks
        return cleaned


class DemandFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), *DemandStatus.choices],
        widget=forms.Select(attrs={"class": _SELECT}),
    )
    werkgever = forms.IntegerField(required=False, widget=forms.HiddenInput)


class WeightsForm(SummaryMixin, forms.Form):
    """Six weights, 0 to 5; the default of each is in its hint."""

    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "gewicht-%s")
        super().__init__(*args, **kwargs)
        defaults = default_form_weights()
        for part in PARTS:
            self.fields[part] = forms.CharField(
                label=PART_LABELS[part],
                help_text=_("Standaard: %(value)s") % {"value": format_number(defaults[part], 2)},
                max_length=10,
                error_messages={
                    "required": _("Vul bij ‘%(part)s’ een getal in van 0 tot en met 5.")
                    % {"part": PART_LABELS[part]}
                },
                widget=forms.TextInput(attrs={"class": _SHORT, "inputmode": "decimal"}),
            )
        self.mark_required()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        weights: dict[str, Decimal] = {}
        for part in PARTS:
            if part in self.errors:
                continue
            value = parse_decimal(cleaned.get(part))
            if value is None or not Decimal(0) <= value <= Decimal(5):
                self.add_error(
                    part,
                    _("Vul bij ‘%(part)s’ een getal in van 0 tot en met 5, bijvoorbeeld 2,5.")
                    % {"part": PART_LABELS[part]},
                )
            else:
                weights[part] = value
        if len(weights) == len(PARTS) and sum(weights.values()) <= 0:
            self.add_error(None, _("Geef minstens één onderdeel een gewicht hoger dan 0."))
        cleaned["weights"] = weights
        return cleaned


class ProposeForm(SummaryMixin, forms.Form):
    """Propose one candidate to the employer (the candidate is in the URL of the form)."""

    use_required_attribute = False

    note = forms.CharField(
        label=_("Toelichting voor het voorstel"),
        help_text=_("Niet verplicht. Wel nodig als de kandidaat niet aan een harde eis voldoet."),
        required=False,
        max_length=500,
        error_messages={"max_length": _("De toelichting is te lang. Gebruik maximaal 500 tekens.")},
        widget=forms.Textarea(attrs={"class": _TEXTAREA, "rows": 2}),
    )


class NotSuitableForm(SummaryMixin, forms.Form):
    use_required_attribute = False

    reason = forms.CharField(
        label=_("Waarom past deze kandidaat niet?"),
        max_length=500,
        error_messages={
            "required": _("Schrijf kort op waarom deze kandidaat niet past."),
            "max_length": _("De reden is te lang. Gebruik maximaal 500 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mark_required()


class StatusForm(SummaryMixin, forms.Form):
    """What happened with a proposal."""

    use_required_attribute = False

    status = forms.ChoiceField(
        label=_("Wat is er gebeurd?"),
        choices=[],
        error_messages={
            "required": _("Kies wat er met het voorstel is gebeurd."),
            "invalid_choice": _("Kies wat er met het voorstel is gebeurd."),
        },
        widget=forms.Select(attrs={"class": _SELECT}),
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=500,
        error_messages={"max_length": _("De toelichting is te lang. Gebruik maximaal 500 tekens.")},
        widget=forms.TextInput(attrs={"class": _TEXTBOX}),
    )

    def __init__(self, *args: Any, statuses: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(ProposalStatus.choices)
        allowed = statuses if statuses is not None else [s for s in labels if s != "proposed"]
        field = self.fields["status"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Kies")), *((s, labels[s]) for s in allowed)]
        self.mark_required()


class AdviserSignUpForm(SummaryMixin, forms.Form):
    """An adviser puts a candidate on the sign-up list of an open-hiring demand."""

    use_required_attribute = False

    reference = forms.CharField(
        label=_("Kenmerk van de kandidaat"),
        help_text=_("Bijvoorbeeld K-000123. U vindt het kenmerk bij de kandidaat."),
        max_length=20,
        error_messages={"required": _("Vul het kenmerk van de kandidaat in.")},
        widget=forms.TextInput(attrs={"class": _SHORT, "autocomplete": "off"}),
    )
    meets_requirements = forms.BooleanField(
        label=_("De kandidaat voldoet aan de basiseisen"),
        error_messages={
            "required": _("Zet een vinkje als de kandidaat voldoet aan de basiseisen.")
        },
        widget=forms.CheckboxInput(attrs={"class": _CHECKBOX}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "aanmelden-%s")
        super().__init__(*args, **kwargs)
        self.mark_required()


#: The honeypot of the public sign-up form: hidden from people, filled in by bots.
HONEYPOT_FIELD = "website"


class PublicSignUpForm(SummaryMixin, forms.Form):
    """Sign up for open hiring: a name, a phone number or mail address, two checkboxes."""

    use_required_attribute = False

    name = forms.CharField(
        label=_("Uw naam"),
        max_length=100,
        error_messages={
            "required": _("Vul uw naam in."),
            "max_length": _("Uw naam is te lang. Gebruik maximaal 100 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Uw telefoonnummer"),
        help_text=_("Vul een telefoonnummer of een e-mailadres in, of allebei."),
        required=False,
        max_length=30,
        validators=[validate_phone],
        error_messages={"max_length": _("Het telefoonnummer is te lang.")},
        widget=forms.TextInput(
            attrs={"class": _TEXTBOX, "autocomplete": "tel", "type": "tel", "inputmode": "tel"}
        ),
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl."),
            "max_length": _("Het e-mailadres is te lang."),
        },
        widget=forms.EmailInput(
            attrs={"class": _TEXTBOX, "autocomplete": "email", "spellcheck": "false"}
        ),
    )
    meets_requirements = forms.BooleanField(
        label=_("Ik voldoe aan de basiseisen"),
        error_messages={
            "required": _(
                "Zet een vinkje als u voldoet aan de basiseisen. Alleen dan kunt u zich aanmelden."
            )
        },
        widget=forms.CheckboxInput(attrs={"class": _CHECKBOX}),
    )
    consent = forms.BooleanField(
        label=_("Ik vind het goed dat mijn gegevens worden bewaard voor deze aanmelding"),
        help_text=_(
            "Alleen de werkgever en de adviseurs van het WSP zien ze. Wij gebruiken ze alleen "
            "voor dit werk."
        ),
        error_messages={
            "required": _(
                "Zet een vinkje als u het goed vindt dat wij uw gegevens bewaren. Anders kunnen "
                "wij u niet op de lijst zetten."
            )
        },
        widget=forms.CheckboxInput(attrs={"class": _CHECKBOX}),
    )
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "aanmelding-%s")
        super().__init__(*args, **kwargs)
        self.mark_required()

    def honeypot_filled(self) -> bool:
        return bool(str(self.data.get(HONEYPOT_FIELD, "")).strip())

    def visible_fields(self) -> list[forms.BoundField]:
        return [f for f in super().visible_fields() if f.name != HONEYPOT_FIELD]

    def clean_name(self) -> str:
        return _single_line(self.cleaned_data["name"])

    def clean_phone(self) -> str:
        return _single_line(self.cleaned_data["phone"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            not cleaned.get("phone")
            and not cleaned.get("email")
            and "phone" not in self.errors
            and "email" not in self.errors
        ):
            self.add_error(
                "phone",
                _("Vul een telefoonnummer of een e-mailadres in. Dan kan de werkgever u bereiken."),
            )
        return cleaned
