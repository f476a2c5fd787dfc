"""The wizard's questions: three short steps that together make a *situation*.

Every question maps to one field of :func:`werkpunt.rules.parse_situation` (a
group of checkboxes maps to several). Answers are kept as the strings the rules
accept (ISO dates, ``"true"``/``"false"``, numbers with a dot), so the session,
a saved calculation and a prefill link all hold the same thing.

Validation has two layers: first the form (is it filled in, is it a date we can
read), then the rules themselves, whose field-named messages
(:class:`werkpunt.rules.SituationError`) are shown next to the field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from django.utils.translation import gettext, gettext_lazy

from werkpunt.financieel_cv.formatting import active_language
from werkpunt.rules import Situation, SituationError, parse_situation

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

Kind = Literal["date", "decimal", "integer", "yesno", "choice", "flags"]

TRUE = "true"
FALSE = "false"


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: StrPromise
    hint: StrPromise | None = None


@dataclass(frozen=True, slots=True)
class Question:
    """One question on a step. ``name`` is the situation field (or, for ``flags``,
    the name of the group; its options are the situation fields)."""

    name: str
    kind: Kind
    label: StrPromise
    hint: StrPromise | None = None
    required_message: StrPromise | None = None
    options: tuple[Option, ...] = ()
    prefix: str = ""
    unit: StrPromise | str | None = None
    width: Literal["date", "short", "medium"] = "short"

    @property
    def required(self) -> bool:
        return self.required_message is not None

    @property
    def fields(self) -> tuple[str, ...]:
        """The situation fields this question fills in."""
        if self.kind == "flags":
            return tuple(option.value for option in self.options)
        return (self.name,)

    @property
    def is_group(self) -> bool:
        """Shown as a fieldset with a legend (radio buttons, checkboxes)."""
        return self.kind in {"yesno", "choice", "flags"}

    @property
    def anchor(self) -> str:
        """The id of the first input, for links from the error summary."""
        if self.kind in {"yesno", "choice"}:
            return f"{self.name}-{self.choices[0].value or 'leeg'}"
        if self.kind == "flags":
            return self.options[0].value
        return self.name

    @property
    def choices(self) -> tuple[Option, ...]:
        if self.kind == "yesno":
            return (Option(TRUE, gettext_lazy("Ja")), Option(FALSE, gettext_lazy("Nee")))
        return self.options

    @property
    def input_mode(self) -> str:
        return "numeric" if self.kind == "integer" else "decimal"


@dataclass(frozen=True, slots=True)
class Step:
    number: int
    title: StrPromise
    intro: StrPromise
    questions: tuple[Question, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(name for question in self.questions for name in question.fields)

    def question_for(self, field: str) -> Question | None:
        for question in self.questions:
            if field in question.fields:
                return question
        return None


STEPS: tuple[Step, ...] = (
    Step(
        1,
        gettext_lazy("Over de persoon"),
        gettext_lazy("Drie korte vragen over de persoon die u wilt aannemen."),
        (
            Question(
                "birth_date",
                "date",
                gettext_lazy("Geboortedatum"),
                gettext_lazy("Bijvoorbeeld 15-03-1966. Voor sommige regelingen telt de leeftijd."),
                required_message=gettext_lazy("Vul de geboortedatum in."),
                width="date",
            ),
            Question(
                "bbl_student",
                "yesno",
                gettext_lazy("Volgt de persoon een bbl-opleiding bij u?"),
                gettext_lazy(
                    "Bbl is leren en werken tegelijk: de persoon werkt bij u en gaat ongeveer 1 dag per week naar school."
                ),
                required_message=gettext_lazy(
                    "Kies of de persoon een bbl-opleiding bij u volgt: ja of nee."
                ),
            ),
            Question(
                "employed_by_employer_last_6_months",
                "yesno",
                gettext_lazy("Werkte de persoon in de 6 maanden voor de start al bij u?"),
                gettext_lazy("Dan gelden sommige regelingen niet."),
                required_message=gettext_lazy(
                    "Kies of de persoon in de 6 maanden voor de start al bij u werkte: ja of nee."
                ),
            ),
        ),
    ),
    Step(
        2,
        gettext_lazy("Uitkering en indicaties"),
        gettext_lazy(
            "Deze vragen bepalen welke regelingen kunnen gelden. Weet u iets niet? Vraag het de persoon of de consulent, of laat het leeg."
        ),
        (
            Question(
                "benefit",
                "choice",
                gettext_lazy("Welke uitkering had de persoon in de maand voor de start?"),
                gettext_lazy("Kies er één. Had de persoon geen uitkering? Kies dan de eerste."),
                required_message=gettext_lazy(
                    "Kies welke uitkering de persoon had. Geen uitkering? Kies dan ‘Geen uitkering’."
                ),
                options=(
                    Option("none", gettext_lazy("Geen uitkering")),
                    Option(
                        "ww", gettext_lazy("WW"), gettext_lazy("Werkloosheidsuitkering van UWV")
                    ),
                    Option(
                        "bijstand",
                        gettext_lazy("Bijstand"),
                        gettext_lazy("Uitkering van de gemeente (Participatiewet)"),
                    ),
                    Option(
                        "ioaw",
                        gettext_lazy("IOAW"),
                        gettext_lazy("Uitkering van de gemeente voor oudere werklozen"),
                    ),
                    Option(
                        "ioaz",
                        gettext_lazy("IOAZ"),
                        gettext_lazy("Uitkering van de gemeente voor oudere ex-zelfstandigen"),
                    ),
                    Option(
                        "wia_wga",
                        gettext_lazy("WIA: WGA-uitkering"),
                        gettext_lazy("Van UWV, bij gedeeltelijk arbeidsongeschikt"),
                    ),
                    Option(
                        "wia_iva",
                        gettext_lazy("WIA: IVA-uitkering"),
                        gettext_lazy("Van UWV, bij volledig en duurzaam arbeidsongeschikt"),
                    ),
                    Option(
                        "wao",
                        gettext_lazy("WAO"),
                        gettext_lazy("Oude arbeidsongeschiktheidsuitkering van UWV"),
                    ),
                    Option(
                        "waz",
                        gettext_lazy("WAZ"),
                        gettext_lazy("Oude arbeidsongeschiktheidsuitkering voor zelfstandigen"),
                    ),
                    Option(
                        "wajong",
                        gettext_lazy("Wajong"),
                        gettext_lazy("Uitkering van UWV voor mensen die jong een beperking kregen"),
                    ),
                    Option(
                        "ziektewet",
                        gettext_lazy("Ziektewet"),
                        gettext_lazy("Uitkering van UWV bij ziekte"),
                    ),
                ),
            ),
            Question(
                "benefit_weeks",
                "integer",
                gettext_lazy("Hoeveel weken had de persoon al een uitkering? (niet verplicht)"),
                gettext_lazy(
                    "Ongeveer is goed. Dit telt vooral bij de WW. Weet u het niet? Laat het leeg."
                ),
                unit=gettext_lazy("weken"),
            ),
            Question(
                "indicaties",
                "flags",
                gettext_lazy("Wat geldt voor de persoon? (niet verplicht)"),
                gettext_lazy(
                    "Kies alles wat klopt. Geldt niets of weet u het niet? Kies dan niets."
                ),
                options=(
                    Option(
                        "doelgroepregister",
                        gettext_lazy("Staat in het doelgroepregister (banenafspraak)"),
                        gettext_lazy("UWV houdt dit register bij. De persoon weet of dit zo is."),
                    ),
                    Option(
                        "scholingsbelemmerd",
                        gettext_lazy("Is scholingsbelemmerd"),
                        gettext_lazy(
                            "UWV heeft vastgesteld dat de persoon geen startkwalificatie kan halen."
                        ),
                    ),
                    Option(
                        "wia_rejected_within_5_years",
                        gettext_lazy("Kreeg in de laatste 5 jaar een WIA-keuring onder 35%"),
                        gettext_lazy("UWV keurde de persoon, maar er kwam geen WIA-uitkering."),
                    ),
                    Option(
                        "herplaatsing",
                        gettext_lazy("Komt na ziekte terug in een ander werk bij u (herplaatsing)"),
                        gettext_lazy("De persoon was al bij u in dienst en krijgt nu ander werk."),
                    ),
                    Option(
                        "wsw_indicatie",
                        gettext_lazy("Heeft een Wsw-indicatie"),
                        gettext_lazy("Een indicatie voor de sociale werkvoorziening."),
                    ),
                ),
            ),
            Question(
                "loonwaarde_percentage",
                "decimal",
                gettext_lazy("Loonwaarde in procenten, als die is gemeten (niet verplicht)"),
                gettext_lazy(
                    "De loonwaarde zegt welk deel van het werk in deze baan lukt. De gemeente of UWV meet die. Nog niet gemeten? Laat het leeg."
                ),
                unit="%",
            ),
            Question(
                "municipality",
                "choice",
                gettext_lazy("In welke gemeente woont de persoon?"),
                gettext_lazy("De gemeente betaalt sommige regelingen, zoals loonkostensubsidie."),
                options=(
                    Option("emmen", gettext_lazy("Emmen")),
                    Option("coevorden", gettext_lazy("Coevorden")),
                    Option("hoogeveen", gettext_lazy("Hoogeveen")),
                    Option("borger-odoorn", gettext_lazy("Borger-Odoorn")),
                    Option("midden-drenthe", gettext_lazy("Midden-Drenthe")),
                    Option("de-wolden", gettext_lazy("De Wolden")),
                    Option("", gettext_lazy("Een andere gemeente, of ik weet het niet")),
                ),
            ),
        ),
    ),
    Step(
        3,
        gettext_lazy("De baan"),
        gettext_lazy("Nu de baan zelf: wanneer die begint, het contract, de uren en het loon."),
        (
            Question(
                "start_date",
                "date",
                gettext_lazy("Startdatum"),
                gettext_lazy("De eerste werkdag. Bijvoorbeeld 01-09-2025."),
                required_message=gettext_lazy("Vul de startdatum in."),
                width="date",
            ),
            Question(
                "contract",
                "choice",
                gettext_lazy("Wat voor contract krijgt de persoon?"),
                None,
                required_message=gettext_lazy("Kies een vast of een tijdelijk contract."),
                options=(
                    Option("open_ended", gettext_lazy("Vast contract (voor onbepaalde tijd)")),
                    Option("fixed_term", gettext_lazy("Tijdelijk contract (voor bepaalde tijd)")),
                ),
            ),
            Question(
                "end_date",
                "date",
                gettext_lazy("Einddatum van het contract"),
                gettext_lazy(
                    "Alleen bij een tijdelijk contract. Bijvoorbeeld 31-08-2026. Bij een vast contract laat u dit leeg."
                ),
                width="date",
            ),
            Question(
                "hours_per_week",
                "decimal",
                gettext_lazy("Uren per week"),
                gettext_lazy("Zoals in het contract. Bijvoorbeeld 32 of 24,5."),
                required_message=gettext_lazy("Vul het aantal uren per week in."),
                unit=gettext_lazy("uur"),
            ),
            Question(
                "hourly_wage",
                "decimal",
                gettext_lazy("Bruto uurloon"),
                gettext_lazy("In euro’s, zonder vakantiegeld. Bijvoorbeeld 15,20."),
                required_message=gettext_lazy("Vul het bruto uurloon in."),
                prefix="€",
            ),
            Question(
                "cao_hourly_wage",
                "decimal",
                gettext_lazy("Uurloon volgens de cao (niet verplicht)"),
                gettext_lazy(
                    "Het loon dat de cao voor dit werk noemt. Weet u het niet? Laat het leeg."
                ),
                prefix="€",
            ),
            Question(
                "fulltime_hours_per_week",
                "decimal",
                gettext_lazy("Uren van een volledige werkweek (niet verplicht)"),
                gettext_lazy(
                    "Hoeveel uur werkt iemand met een volle baan bij u? Meestal 36, 38 of 40. Leeg is 38."
                ),
                unit=gettext_lazy("uur"),
            ),
        ),
    ),
)

#: Every situation field the wizard fills in.
FIELDS: tuple[str, ...] = tuple(name for step in STEPS for name in step.fields)
FLAG_FIELDS = frozenset(
    name for step in STEPS for q in step.questions if q.kind == "flags" for name in q.fields
)


def step_for_field(field: str) -> Step | None:
    for step in STEPS:
        if field in step.fields:
            return step
    return None


def question_for_field(field: str) -> Question | None:
    step = step_for_field(field)
    return step.question_for(field) if step else None


# --- Reading what was typed ---------------------------------------------------------------

_DAY_FIRST = re.compile(r"^\s*(\d{1,2})\s*[-/. ]\s*(\d{1,2})\s*[-/. ]\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def normalize_date(raw: str) -> str | None:
    """``31-12-2025``, ``31/12/2025``, ``31.12.2025`` or ``2025-12-31`` as ``2025-12-31``."""
    match = _ISO.match(raw)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _DAY_FIRST.match(raw)
        if not match:
            return None
        day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def normalize_number(raw: str) -> str:
    """``€ 1.234,50`` as ``1234.50``; a comma is the decimal separator."""
    text = raw.strip().replace("€", "").replace("%", "").replace(" ", "").replace("\u00a0", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return text


def display_value(question: Question, stored: str) -> str:
    """An answer as it goes back into a text box (a comma for Dutch)."""
    if question.kind == "decimal" and active_language() == "nl":
        return stored.replace(".", ",")
    return stored


BOOLEAN_WORDS = {
    "true": TRUE,
    "ja": TRUE,
    "1": TRUE,
    "yes": TRUE,
    "on": TRUE,
    "false": FALSE,
    "nee": FALSE,
    "0": FALSE,
    "no": FALSE,
}


def _raw(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name, "")
    return value.strip() if isinstance(value, str) else ""


@dataclass(slots=True)
class StepInput:
    """What one POST of a step gave: the values to keep, the raw text to show again,
    and the errors per field."""

    values: dict[str, str]
    shown: dict[str, str]
    errors: dict[str, str]


def read_step(step: Step, data: Mapping[str, Any]) -> StepInput:
    """Check the form layer: required answers, readable dates, known choices."""
    values: dict[str, str] = {}
    shown: dict[str, str] = {}
    errors: dict[str, str] = {}
    for question in step.questions:
        if question.kind == "flags":
            for option in question.options:
                checked = _raw(data, option.value) in {TRUE, "on"}
                values[option.value] = TRUE if checked else FALSE
                shown[option.value] = values[option.value]
            continue
        raw = _raw(data, question.name)
        shown[question.name] = raw
        if question.kind == "date" and raw:
            iso = normalize_date(raw)
            if iso is None:
                errors[question.name] = gettext(
                    "%(value)s is geen datum die wij kunnen lezen. Schrijf de datum als 31-12-2025."
                ) % {"value": raw}
                continue
            value = iso
        elif question.kind in {"decimal", "integer"}:
            value = normalize_number(raw)
        elif question.kind in {"yesno", "choice"}:
            allowed = {option.value for option in question.choices}
            value = raw if raw in allowed else ""
        else:
            value = raw
        if not value and question.required_message is not None:
            errors[question.name] = str(question.required_message)
            continue
        values[question.name] = value
    return StepInput(values, shown, errors)


def situation_input(answers: Mapping[str, str]) -> dict[str, str]:
    """The answers as input for :func:`werkpunt.rules.parse_situation` (empty ones left out)."""
    return {name: value for name, value in answers.items() if name in FIELDS and value != ""}


def rules_errors(answers: Mapping[str, str]) -> dict[str, str]:
    """The rules' own field-named messages for these answers, in the active language."""
    try:
        parse_situation(situation_input(answers))
    except SituationError as error:
        lang = active_language()
        found: dict[str, str] = {}
        for item in error.errors:
            found.setdefault(item.field, item.message.render(lang))
        return found
    return {}


def parse_answers(answers: Mapping[str, str]) -> Situation:
    """The situation for these answers; raises :class:`SituationError`."""
    return parse_situation(situation_input(answers))


def required_missing(answers: Mapping[str, str]) -> dict[str, str]:
    """Required questions without an answer, field → message."""
    missing: dict[str, str] = {}
    for step in STEPS:
        for question in step.questions:
            if question.required_message is not None and not answers.get(question.name):
                missing[question.name] = str(question.required_message)
    return missing


def check_answers(answers: Mapping[str, str]) -> dict[str, str]:
    """Every problem with a full set of answers: missing answers first, then the rules."""
    problems = required_missing(answers)
    for field, message in rules_errors(answers).items():
        problems.setdefault(field, message)
    return problems


def first_step_with_problem(problems: Mapping[str, str]) -> Step | None:
    for step in STEPS:
        if any(field in problems for field in step.fields):
            return step
    return None


# --- Prefill from a link ------------------------------------------------------------------


def _prefill_value(question: Question, field: str, raw: str) -> str | None:
    if question.kind in {"flags", "yesno"}:
        return BOOLEAN_WORDS.get(raw.strip().lower())
    if question.kind == "choice":
        value = raw.strip().lower()
        allowed = {option.value for option in question.choices}
        return value if value in allowed and value else None
    if question.kind == "date":
        return normalize_date(raw)
    value = normalize_number(raw)
    return value or None


def prefill(query: Mapping[str, Any]) -> dict[str, str]:
    """Answers from a link such as ``?benefit=ww&doelgroepregister=true``.

    Unknown fields and values the rules would refuse are left out without a word:
    a link from another page should never lead to an error.
    """
    found: dict[str, str] = {}
    for field in FIELDS:
        raw = _raw(query, field)
        if not raw:
            continue
        question = question_for_field(field)
        assert question is not None
        value = _prefill_value(question, field, raw)
        if value is None:
            continue
        if (
            field not in FLAG_FIELDS
            and question.kind != "yesno"
            and field in rules_errors({field: value})
        ):
            continue
        found[field] = value
    return found
