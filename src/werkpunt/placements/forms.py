"""Forms of the placement screens. Every message is Dutch and sits next to its field and in
the summary at the top (``error_summary``). The views pass cleaned data to ``services``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from werkpunt.core.forms import SummaryMixin
from werkpunt.financieel_cv.questions import normalize_number, question_for_field
from werkpunt.placements.models import ContractKind, HelperRole, PlacementStatus, Sustainability
from werkpunt.placements.situations import compose, expand_instruments
from werkpunt.rules import (
    INSTRUMENT_CODES,
    SituationError,
    evaluate,
    instrument_name,
    parse_situation,
)

_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]
DATE_ERRORS = {
    "invalid": _("Dit is geen datum die wij kunnen lezen. Schrijf de datum als 31-12-2025.")
}

#: The consent the adviser confirms (also shown on the detail page).
CONSENT_TEXT = _("De werknemer weet welke gegevens het WSP vastlegt en waarom, en gaf toestemming")

MUNICIPALITY_CHOICES = [
    ("", _("Een andere gemeente, of onbekend")),
    ("emmen", "Emmen"),
    ("coevorden", "Coevorden"),
    ("hoogeveen", "Hoogeveen"),
    ("borger-odoorn", "Borger-Odoorn"),
    ("midden-drenthe", "Midden-Drenthe"),
    ("de-wolden", "De Wolden"),
]
YES_NO = [("false", _("Nee")), ("true", _("Ja"))]


def _options(field: str) -> list[tuple[str, Any]]:
    """The options of a financieel CV question (the same words as the wizard)."""
    question = question_for_field(field)
    assert question is not None
    return [(option.value, option.label) for option in question.options]


def _date_widget() -> forms.DateInput:
    return forms.DateInput(
        format="%Y-%m-%d", attrs={"class": f"{_TEXTBOX} werkpunt-placement-date", "type": "date"}
    )


def _decimal_widget() -> forms.TextInput:
    return forms.TextInput(
        attrs={
            "class": f"{_TEXTBOX} werkpunt-placement-short",
            "inputmode": "decimal",
            "autocomplete": "off",
        }
    )


class DutchDecimalField(forms.DecimalField):
    """A number as people type it: ``24,5``, ``€ 15,20`` or ``1.234,50``."""

    default_error_messages: ClassVar[dict[str, Any]] = {
        "invalid": _("Vul een getal in, zoals 32 of 24,5."),
        "max_decimal_places": _("Gebruik hoogstens %(max)s cijfers achter de komma."),
        "max_digits": _("Dit getal is te groot."),
        "max_whole_digits": _("Dit getal is te groot."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", _decimal_widget())
        super().__init__(**kwargs)
        minimum, maximum = kwargs.get("min_value"), kwargs.get("max_value")
        if minimum is not None:
            self.error_messages["min_value"] = _(
                "Het getal mag niet kleiner zijn dan %(limit_value)s."
            )
        if maximum is not None:
            self.error_messages["max_value"] = _(
                "Het getal mag niet groter zijn dan %(limit_value)s."
            )

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = normalize_number(value)
        return super().to_python(value)


#: Situation fields of the rules → form field names where they differ.
RULES_TO_FORM = {
    "birth_date": "worker_birth_date",
    "municipality": "worker_municipality",
    "hours_per_year": "hours_per_week",
    "doelgroepregister": "indications",
    "scholingsbelemmerd": "indications",
    "wia_rejected_within_5_years": "indications",
    "herplaatsing": "indications",
    "wsw_indicatie": "indications",
}
#: Service argument names → form field names where they differ.
SERVICE_TO_FORM = {"hourly_wage_cents": "hourly_wage", **RULES_TO_FORM}
FLAG_FIELDS = tuple(value for value, _label in _options("doelgroepregister"))


class PlacementForm(SummaryMixin, forms.Form):
    """Register a placement: the person, consent, the job, the situation and the instruments."""

    use_required_attribute = False

    worker_name = forms.CharField(
        label=_("Naam van de werknemer"),
        help_text=_(
            "Voornaam en eerste letter van de achternaam is genoeg, bijvoorbeeld ‘Sanne B.’."
        ),
        max_length=100,
        error_messages={
            "required": _("Vul de naam van de werknemer in."),
            "max_length": _("De naam is te lang. Gebruik hoogstens 100 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "autocomplete": "off"}),
    )
    worker_birth_date = forms.DateField(
        label=_("Geboortedatum"),
        help_text=_("Nodig voor regelingen die van de leeftijd afhangen. Bijvoorbeeld 15-03-1990."),
        input_formats=DATE_FORMATS,
        error_messages={"required": _("Vul de geboortedatum in."), **DATE_ERRORS},
        widget=_date_widget(),
    )
    worker_municipality = forms.ChoiceField(
        label=_("Woongemeente"),
        help_text=_("De gemeente betaalt sommige regelingen, zoals loonkostensubsidie."),
        required=False,
        choices=MUNICIPALITY_CHOICES,
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    consent_recorded = forms.BooleanField(
        label=CONSENT_TEXT,
        help_text=_(
            "Zet alleen een vinkje als u dit met de werknemer hebt besproken. Zonder toestemming "
            "legt Werkpunt niets vast."
        ),
        error_messages={
            "required": _(
                "Leg eerst vast dat de werknemer toestemming gaf. Zonder toestemming legt "
                "Werkpunt geen gegevens van de werknemer vast."
            )
        },
        widget=forms.CheckboxInput(
            attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
        ),
    )
    job_title = forms.CharField(
        label=_("Functie"),
        max_length=200,
        error_messages={
            "required": _("Vul de functie in."),
            "max_length": _("De functie is te lang. Gebruik hoogstens 200 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "autocomplete": "off"}),
    )
    contract = forms.ChoiceField(
        label=_("Soort contract"),
        choices=ContractKind.choices,
        error_messages={
            "required": _("Kies het soort contract."),
            "invalid_choice": _("Kies het soort contract."),
        },
        widget=forms.RadioSelect,
    )
    start_date = forms.DateField(
        label=_("Eerste werkdag"),
        input_formats=DATE_FORMATS,
        error_messages={"required": _("Vul de eerste werkdag in."), **DATE_ERRORS},
        widget=_date_widget(),
    )
    end_date = forms.DateField(
        label=_("Einddatum van het contract"),
        help_text=_(
            "Alleen bij een contract dat op een vaste datum stopt. Bij een vast contract laat u dit leeg."
        ),
        required=False,
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
        widget=_date_widget(),
    )
    hours_per_week = DutchDecimalField(
        label=_("Uren per week"),
        help_text=_("Zoals in het contract. Bijvoorbeeld 32 of 24,5."),
        min_value=Decimal("0.1"),
        max_value=Decimal(60),
        max_digits=4,
        decimal_places=1,
        error_messages={"required": _("Vul het aantal uren per week in.")},
    )
    hourly_wage = DutchDecimalField(
        label=_("Bruto uurloon in euro"),
        help_text=_("Zonder vakantiegeld. Bijvoorbeeld 15,20."),
        min_value=Decimal(0),
        max_value=Decimal(1000),
        max_digits=6,
        decimal_places=2,
        error_messages={"required": _("Vul het bruto uurloon in.")},
    )
    benefit = forms.ChoiceField(
        label=_("Welke uitkering had de werknemer in de maand voor de start?"),
        choices=_options("benefit"),
        error_messages={
            "required": _(
                "Kies welke uitkering de werknemer had. Geen uitkering? Kies ‘Geen uitkering’."
            ),
            "invalid_choice": _("Kies een uitkering uit de lijst."),
        },
        widget=forms.RadioSelect,
    )
    benefit_weeks = forms.IntegerField(
        label=_("Hoeveel weken had de werknemer al een uitkering?"),
        help_text=_("Ongeveer is goed. Dit telt vooral bij de WW."),
        required=False,
        min_value=0,
        max_value=5200,
        error_messages={
            "invalid": _("Vul een heel getal in, 0 of meer."),
            "min_value": _("Vul een heel getal in, 0 of meer."),
            "max_value": _("Het getal mag niet groter zijn dan 5200."),
        },
        widget=forms.TextInput(
            attrs={"class": f"{_TEXTBOX} werkpunt-placement-short", "inputmode": "numeric"}
        ),
    )
    indications = forms.MultipleChoiceField(
        label=_("Wat geldt voor de werknemer?"),
        help_text=_("Kies alles wat klopt. Geldt niets, of weet u het niet? Kies dan niets."),
        required=False,
        choices=_options("doelgroepregister"),
        error_messages={"invalid_choice": _("Kies alleen uit de lijst.")},
        widget=forms.CheckboxSelectMultiple,
    )
    bbl_student = forms.ChoiceField(
        label=_("Volgt de werknemer een bbl-opleiding bij deze werkgever?"),
        choices=YES_NO,
        initial="false",
        error_messages={"required": _("Kies ja of nee."), "invalid_choice": _("Kies ja of nee.")},
        widget=forms.RadioSelect,
    )
    employed_by_employer_last_6_months = forms.ChoiceField(
        label=_("Werkte de werknemer in de 6 maanden voor de start al bij deze werkgever?"),
        choices=YES_NO,
        initial="false",
        error_messages={"required": _("Kies ja of nee."), "invalid_choice": _("Kies ja of nee.")},
        widget=forms.RadioSelect,
    )
    loonwaarde_percentage = DutchDecimalField(
        label=_("Gemeten loonwaarde in procenten"),
        help_text=_("Alleen als de gemeente of UWV die heeft gemeten."),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
    )
    cao_hourly_wage = DutchDecimalField(
        label=_("Uurloon volgens de cao in euro"),
        help_text=_("Alleen als het anders is dan het afgesproken uurloon."),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(1000),
        max_digits=6,
        decimal_places=2,
    )
    fulltime_hours_per_week = DutchDecimalField(
        label=_("Uren van een volledige werkweek bij deze werkgever"),
        help_text=_("Meestal 36, 38 of 40. Leeg is 38."),
        required=False,
        min_value=Decimal(30),
        max_value=Decimal(40),
        max_digits=4,
        decimal_places=2,
    )
    instruments = forms.MultipleChoiceField(
        label=_("Welke regelingen gebruikt de werkgever?"),
        help_text=_(
            "Alleen voor deze regelingen maakt Werkpunt termijnen. Klik eerst op ‘Bereken welke "
            "regelingen gelden’: dan ziet u bij elke regeling of die volgens de regels geldt."
        ),
        required=False,
        choices=[(code, instrument_name(code)) for code in INSTRUMENT_CODES],
        error_messages={"invalid_choice": _("Kies alleen regelingen uit de lijst.")},
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "plaatsing-%s")
        super().__init__(*args, **kwargs)
        self.mark_required()
        #: Instrument codes the rules say apply in some year (``None``: not computed yet).
        self.applying: frozenset[str] | None = None

    def clean_worker_name(self) -> str:
        return " ".join(str(self.cleaned_data["worker_name"]).split())

    def clean_job_title(self) -> str:
        return " ".join(str(self.cleaned_data["job_title"]).split())

    def situation_answers(self) -> dict[str, Any]:
        """The answers for ``Placement.situation`` (field names as in ``werkpunt.rules``)."""
        data = self.cleaned_data
        answers: dict[str, Any] = {
            "benefit": data.get("benefit", ""),
            "bbl_student": data.get("bbl_student") == "true",
            "employed_by_employer_last_6_months": data.get("employed_by_employer_last_6_months")
            == "true",
        }
        chosen = set(data.get("indications") or ())
        for flag in FLAG_FIELDS:
            answers[flag] = flag in chosen
        if data.get("benefit_weeks") is not None:
            answers["benefit_weeks"] = int(data["benefit_weeks"])
        for name in ("loonwaarde_percentage", "cao_hourly_wage", "fulltime_hours_per_week"):
            if data.get(name) is not None:
                answers[name] = str(data[name])
        return answers

    @property
    def hourly_wage_cents(self) -> int:
        return int((self.cleaned_data["hourly_wage"] * 100).to_integral_value())

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        """Put the errors of the service (or the rules) next to the right fields."""
        for key, messages in errors.items():
            name = SERVICE_TO_FORM.get(key, key)
            target = name if name in self.fields else None
            for message in messages:
                if target is not None and message in self.errors.get(target, []):
                    continue
                self.add_error(target, message)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        needed = (
            "worker_birth_date",
            "start_date",
            "hours_per_week",
            "hourly_wage",
            "contract",
            "benefit",
        )
        if any(name not in cleaned or cleaned[name] in (None, "") for name in needed):
            return cleaned
        start: dt.date = cleaned["start_date"]
        end: dt.date | None = cleaned.get("end_date")
        if cleaned["contract"] == ContractKind.FIXED and end is None:
            self.add_error(
                "end_date", _("Vul de einddatum in. Een tijdelijk contract heeft een einddatum.")
            )
            return cleaned
        if cleaned["contract"] == ContractKind.OPEN_ENDED and end is not None:
            self.add_error(
                "end_date",
                _(
                    "Een vast contract heeft geen einddatum. Laat de einddatum leeg of kies ‘Tijdelijk contract’."
                ),
            )
            return cleaned
        situation = compose(
            extras=self.situation_answers(),
            birth_date=cleaned["worker_birth_date"],
            start_date=start,
            end_date=end,
            hours_per_week=cleaned["hours_per_week"],
            hourly_wage_cents=self.hourly_wage_cents,
            contract=cleaned["contract"],
            municipality=cleaned.get("worker_municipality") or "",
        )
        try:
            outcome = evaluate(parse_situation(situation))
        except SituationError as error:
            found: dict[str, list[str]] = {}
            for item in error.errors:
                found.setdefault(item.field, []).append(item.message.render("nl"))
            self.add_service_errors(found)
            return cleaned
        self.applying = frozenset(
            item.code for year in outcome.years for item in year.instruments if item.applies
        )
        return cleaned

    def check_instruments_apply(self) -> bool:
        """On saving: every chosen instrument must apply according to the rules."""
        if self.applying is None:
            return self.is_valid()
        chosen = expand_instruments(self.cleaned_data.get("instruments") or ())
        wrong = sorted(chosen - self.applying)
        if wrong:
            names = ", ".join(instrument_name(code) for code in wrong)
            self.add_error(
                "instruments",
                _(
                    "Volgens de regels geldt dit niet voor deze werknemer: %(names)s. Haal het vinkje weg of controleer de antwoorden."
                )
                % {"names": names},
            )
            return False
        return True


class PlacementFilterForm(forms.Form):
    """The filters above the list (GET)."""

    use_required_attribute = False

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), *PlacementStatus.choices],
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    q = forms.CharField(
        label=_("Werkgever"),
        help_text=_("Een deel van de naam is genoeg."),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "type": "search", "autocomplete": "off"}),
    )
    werkgever = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    mine = forms.BooleanField(
        label=_("Alleen plaatsingen waarbij ik betrokken ben"),
        required=False,
        widget=forms.CheckboxInput(
            attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)


class HelperForm(SummaryMixin, forms.Form):
    """Add a person around the worker."""

    use_required_attribute = False

    role = forms.ChoiceField(
        label=_("Rol"),
        choices=[("", _("Kies een rol")), *HelperRole.choices],
        error_messages={
            "required": _("Kies een rol."),
            "invalid_choice": _("Kies een rol uit de lijst."),
        },
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    name = forms.CharField(
        label=_("Naam"),
        max_length=200,
        error_messages={
            "required": _("Vul de naam in."),
            "max_length": _("De naam is te lang. Gebruik hoogstens 200 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "autocomplete": "off"}),
    )
    organisation_name = forms.CharField(
        label=_("Organisatie"),
        required=False,
        max_length=200,
        error_messages={
            "max_length": _("De naam van de organisatie is te lang. Gebruik hoogstens 200 tekens.")
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        help_text=_("Bijvoorbeeld 0591 123 456."),
        required=False,
        max_length=30,
        error_messages={
            "max_length": _("Het telefoonnummer is te lang. Gebruik hoogstens 30 tekens.")
        },
        widget=forms.TextInput(
            attrs={"class": _TEXTBOX, "type": "tel", "inputmode": "tel", "autocomplete": "off"}
        ),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@organisatie.nl.")},
        widget=forms.EmailInput(
            attrs={"class": _TEXTBOX, "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    user: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Account in Werkpunt"),
        help_text=_(
            "Heeft deze persoon een account? Koppel het, dan ziet die persoon deze plaatsing."
        ),
        required=False,
        queryset=None,
        empty_label=_("Geen account koppelen"),
        error_messages={"invalid_choice": _("Kies een account uit de lijst.")},
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    is_coordinator = forms.BooleanField(
        label=_("Deze persoon is de coördinator: de werkgever belt eerst met deze persoon"),
        required=False,
        widget=forms.CheckboxInput(
            attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
        ),
    )

    def __init__(self, *args: Any, user_choices: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "betrokkene-%s")
        super().__init__(*args, **kwargs)
        self.mark_required()
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = user_choices
        field.label_from_instance = _account_label  # type: ignore[method-assign,assignment]


def _account_label(user: Any) -> str:
    profile = getattr(user, "profile", None)
    name = user.get_full_name() or user.get_username()
    if profile is None:
        return str(name)
    return f"{name} ({profile.get_role_display()}, {profile.organisation})"


class NotNeededForm(SummaryMixin, forms.Form):
    use_required_attribute = False

    reason = forms.CharField(
        label=_("Waarom is dit niet nodig?"),
        max_length=300,
        error_messages={
            "required": _("Schrijf kort op waarom dit niet nodig is."),
            "max_length": _("De reden is te lang. Gebruik hoogstens 300 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "autocomplete": "off"}),
    )


class AfterSalesForm(SummaryMixin, forms.Form):
    """Record a contact moment; on a check moment also where the worker works now."""

    use_required_attribute = False

    notes = forms.CharField(
        label=_("Aantekeningen"),
        help_text=_("Wat is besproken? Schrijf geen gegevens over gezondheid op."),
        required=False,
        max_length=4000,
        error_messages={
            "max_length": _("De aantekeningen zijn te lang. Gebruik hoogstens 4000 tekens.")
        },
        widget=forms.Textarea(
            attrs={"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}
        ),
    )
    sustainability = forms.ChoiceField(
        label=_("Waar werkt de werknemer nu?"),
        choices=Sustainability.choices,
        required=False,
        error_messages={"invalid_choice": _("Kies een van de drie antwoorden.")},
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, check: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.check = check
        if check:
            self.fields["sustainability"].required = True
            self.fields["sustainability"].error_messages["required"] = _(
                "Kies waar de werknemer nu werkt: nog bij deze werkgever, bij een andere "
                "werkgever, of niet meer."
            )
        else:
            del self.fields["sustainability"]


class EndForm(SummaryMixin, forms.Form):
    use_required_attribute = False

    ended_on = forms.DateField(
        label=_("Laatste werkdag"),
        input_formats=DATE_FORMATS,
        error_messages={"required": _("Vul de laatste werkdag in."), **DATE_ERRORS},
        widget=_date_widget(),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "stoppen-%s")
        super().__init__(*args, **kwargs)
        self.mark_required()


class UpdateForm(SummaryMixin, forms.Form):
    """Change hours, wage and the end date of the contract."""

    use_required_attribute = False

    hours_per_week = PlacementForm.base_fields["hours_per_week"]
    hourly_wage = PlacementForm.base_fields["hourly_wage"]
    end_date = PlacementForm.base_fields["end_date"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "wijzigen-%s")
        super().__init__(*args, **kwargs)
        self.mark_required()

    @property
    def hourly_wage_cents(self) -> int:
        return int((self.cleaned_data["hourly_wage"] * 100).to_integral_value())


class EraseForm(SummaryMixin, forms.Form):
    use_required_attribute = False

    reason = forms.CharField(
        label=_("Waarom worden de gegevens gewist?"),
        help_text=_(
            "Bijvoorbeeld: ‘verzoek van de werknemer per mail op 3 maart’. Schrijf geen gegevens over de werknemer op."
        ),
        max_length=280,
        error_messages={
            "required": _("Schrijf op waarom de gegevens worden gewist."),
            "max_length": _("De reden is te lang. Gebruik hoogstens 280 tekens."),
        },
        widget=forms.TextInput(attrs={"class": _TEXTBOX, "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "wissen-%s")
        super().__init__(*args, **kwargs)
        self.mark_required()
