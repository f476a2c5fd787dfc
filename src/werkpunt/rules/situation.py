"""The *situation*: a person, a job and dates, as the rules need them.

:func:`parse_situation` turns a JSON-like mapping into a validated
:class:`Situation`, or raises :class:`SituationError` listing every wrong field
with a Dutch message that names it. The financieel CV describes a job; nothing
here judges a person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

from werkpunt.rules.i18n import Text, t


class Benefit(StrEnum):
    NONE = "none"
    WW = "ww"
    BIJSTAND = "bijstand"
    IOAW = "ioaw"
    IOAZ = "ioaz"
    WIA_WGA = "wia_wga"
    WIA_IVA = "wia_iva"
    WAO = "wao"
    WAZ = "waz"
    WAJONG = "wajong"
    ZIEKTEWET = "ziektewet"


class Municipality(StrEnum):
    EMMEN = "emmen"
    COEVORDEN = "coevorden"
    HOOGEVEEN = "hoogeveen"
    BORGER_ODOORN = "borger-odoorn"
    MIDDEN_DRENTHE = "midden-drenthe"
    DE_WOLDEN = "de-wolden"


class Contract(StrEnum):
    FIXED_TERM = "fixed_term"
    OPEN_ENDED = "open_ended"


#: How each benefit is named in texts.
BENEFIT_NAMES: dict[Benefit, Text] = {
    Benefit.NONE: t("geen uitkering"),
    Benefit.WW: t("WW"),
    Benefit.BIJSTAND: t("bijstand"),
    Benefit.IOAW: t("IOAW"),
    Benefit.IOAZ: t("IOAZ"),
    Benefit.WIA_WGA: t("WIA (WGA)"),
    Benefit.WIA_IVA: t("WIA (IVA)"),
    Benefit.WAO: t("WAO"),
    Benefit.WAZ: t("WAZ"),
    Benefit.WAJONG: t("Wajong"),
    Benefit.ZIEKTEWET: t("Ziektewet"),
}

#: The municipalities' own names (names are not translated).
MUNICIPALITY_NAMES: dict[Municipality, str] = {
    Municipality.EMMEN: "Emmen",
    Municipality.COEVORDEN: "Coevorden",
    Municipality.HOOGEVEEN: "Hoogeveen",
    Municipality.BORGER_ODOORN: "Borger-Odoorn",
    Municipality.MIDDEN_DRENTHE: "Midden-Drenthe",
    Municipality.DE_WOLDEN: "De Wolden",
}

#: Benefits paid by the municipality (Participatiewet, IOAW, IOAZ).
MUNICIPAL_BENEFITS = frozenset({Benefit.BIJSTAND, Benefit.IOAW, Benefit.IOAZ})
#: WIA and the older disability benefits WAO and WAZ.
DISABILITY_BENEFITS = frozenset({Benefit.WIA_WGA, Benefit.WIA_IVA, Benefit.WAO, Benefit.WAZ})

EARLIEST_START = dt.date(2019, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


@dataclass(frozen=True, slots=True)
class Situation:
    """A validated situation. Money in Decimal euros with at most 2 decimals."""

    birth_date: dt.date
    start_date: dt.date
    end_date: dt.date | None
    hours_per_week: Decimal | None
    hours_per_year: Decimal | None
    hourly_wage: Decimal
    benefit: Benefit
    contract: Contract
    cao_hourly_wage: Decimal | None = None
    loonwaarde_percentage: Decimal | None = None
    benefit_weeks: int = 0
    doelgroepregister: bool = False
    scholingsbelemmerd: bool = False
    wia_rejected_within_5_years: bool = False
    herplaatsing: bool = False
    wsw_indicatie: bool = False
    bbl_student: bool = False
    municipality: Municipality | None = None
    employed_by_employer_last_6_months: bool = False
    fulltime_hours_per_week: Decimal = Decimal(38)
    as_of: dt.date | None = None

    @property
    def functieloon(self) -> Decimal:
        """The wage for the job: the CAO wage when given, else the agreed hourly wage."""
        return self.cao_hourly_wage if self.cao_hourly_wage is not None else self.hourly_wage

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, Decimal):
                value = str(value)
            elif isinstance(value, StrEnum):
                value = value.value
            data[f.name] = value
        return data


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: Text


class SituationError(ValueError):
    """The input is wrong; ``errors`` names each field with a Dutch message."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{e.field}: {e.message.render('nl')}" for e in errors))

    def render(self, lang: str = "nl") -> list[str]:
        return [f"{e.field}: {e.message.render(lang)}" for e in self.errors]


E = TypeVar("E", bound=StrEnum)


class _Reader:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.errors: list[FieldError] = []

    def error(self, name: str, message: Text) -> None:
        self.errors.append(FieldError(name, message))

    def present(self, name: str) -> bool:
        value = self.data.get(name)
        return value is not None and value != ""

    def date(self, name: str, *, required: bool) -> dt.date | None:
        if not self.present(name):
            if required:
                self.error(name, t("Dit veld is verplicht. Vul een datum in, zoals 2025-09-01."))
            return None
        value = self.data[name]
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            day = value
        else:
            try:
                day = dt.date.fromisoformat(str(value).strip())
            except ValueError:
                self.error(
                    name,
                    t(
                        "{value} is geen geldige datum. Schrijf de datum als 2025-09-01.",
                        value=str(value),
                    ),
                )
                return None
        if not dt.date(1900, 1, 1) <= day <= LATEST_DATE:
            self.error(
                name,
                t(
                    "De datum {value} ligt buiten het bereik dat we kunnen rekenen.",
                    value=day.isoformat(),
                ),
            )
            return None
        return day

    def decimal(
        self, name: str, *, required: bool, minimum: Decimal, maximum: Decimal, places: int
    ) -> Decimal | None:
        if not self.present(name):
            if required:
                self.error(name, t("Dit veld is verplicht. Vul een getal in."))
            return None
        value = self.data[name]
        if isinstance(value, bool):
            self.error(name, t("Vul een getal in, geen ja of nee."))
            return None
        try:
            number = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            self.error(name, t("{value} is geen getal.", value=str(value)))
            return None
        if not number.is_finite():
            self.error(name, t("{value} is geen getal.", value=str(value)))
            return None
        if number < minimum:
            self.error(name, t("Het getal mag niet kleiner zijn dan {minimum}.", minimum=minimum))
            return None
        if number > maximum:
            self.error(name, t("Het getal mag niet groter zijn dan {maximum}.", maximum=maximum))
            return None
        if number != number.quantize(Decimal(1).scaleb(-places)):
            self.error(
                name, t("Gebruik ten hoogste {places} cijfers achter de komma.", places=places)
            )
            return None
        return number

    def integer(self, name: str, *, default: int, maximum: int) -> int:
        if not self.present(name):
            return default
        value = self.data[name]
        if isinstance(value, bool) or not str(value).strip().isdigit():
            self.error(name, t("Vul een heel getal in, 0 of meer."))
            return default
        number = int(str(value).strip())
        if number > maximum:
            self.error(name, t("Het getal mag niet groter zijn dan {maximum}.", maximum=maximum))
            return default
        return number

    def boolean(self, name: str) -> bool:
        if not self.present(name):
            return False
        value = self.data[name]
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"true", "ja", "1", "yes", "waar"}:
            return True
        if text in {"false", "nee", "0", "no", "onwaar"}:
            return False
        self.error(name, t("Kies ja of nee (true of false)."))
        return False

    def choice(
        self, name: str, enum: type[E], *, required: bool, default: E | None = None
    ) -> E | None:
        if not self.present(name):
            if required:
                options = ", ".join(e.value for e in enum)
                self.error(name, t("Dit veld is verplicht. Kies uit: {options}.", options=options))
            return default
        value = str(self.data[name]).strip().lower()
        try:
            return enum(value)
        except ValueError:
            options = ", ".join(e.value for e in enum)
            self.error(
                name,
                t("{value} kennen we niet. Kies uit: {options}.", value=value, options=options),
            )
            return default


KNOWN_FIELDS = frozenset(f.name for f in fields(Situation))


def parse_situation(data: Mapping[str, Any]) -> Situation:
    """Validate a mapping (for example parsed JSON) and build a :class:`Situation`."""
    if not isinstance(data, Mapping):
        raise SituationError(
            [FieldError("situatie", t("Verwacht een object met velden, zoals in het voorbeeld."))]
        )
    r = _Reader(data)
    unknown = sorted(set(data) - KNOWN_FIELDS)
    for name in unknown:
        r.error(name, t("Dit veld kennen we niet. Controleer de spelling."))
    birth_date = r.date("birth_date", required=True)
    start_date = r.date("start_date", required=True)
    end_date = r.date("end_date", required=False)
    as_of = r.date("as_of", required=False)
    hours_per_week = r.decimal(
        "hours_per_week", required=False, minimum=Decimal("0.01"), maximum=Decimal(60), places=2
    )
    hours_per_year = r.decimal(
        "hours_per_year", required=False, minimum=Decimal("0.01"), maximum=Decimal(3120), places=2
    )
    if (
        hours_per_week is None
        and hours_per_year is None
        and not r.present("hours_per_week")
        and not r.present("hours_per_year")
    ):
        r.error(
            "hours_per_week",
            t("Vul het aantal uren per week in (of hours_per_year: uren per jaar)."),
        )
    if hours_per_week is not None and hours_per_year is not None:
        r.error("hours_per_year", t("Vul uren per week of uren per jaar in, niet allebei."))
    hourly_wage = r.decimal(
        "hourly_wage", required=True, minimum=Decimal(0), maximum=Decimal(1000), places=2
    )
    cao_hourly_wage = r.decimal(
        "cao_hourly_wage", required=False, minimum=Decimal(0), maximum=Decimal(1000), places=2
    )
    loonwaarde = r.decimal(
        "loonwaarde_percentage", required=False, minimum=Decimal(0), maximum=Decimal(100), places=2
    )
    fulltime = r.decimal(
        "fulltime_hours_per_week",
        required=False,
        minimum=Decimal(30),
        maximum=Decimal(40),
        places=2,
    )
    benefit = r.choice("benefit", Benefit, required=True)
    benefit_weeks = r.integer("benefit_weeks", default=0, maximum=5200)
    municipality = r.choice("municipality", Municipality, required=False)
    default_contract = Contract.OPEN_ENDED if not r.present("end_date") else Contract.FIXED_TERM
    contract = r.choice("contract", Contract, required=False, default=default_contract)
    flags = {
        name: r.boolean(name)
        for name in (
            "doelgroepregister",
            "scholingsbelemmerd",
            "wia_rejected_within_5_years",
            "herplaatsing",
            "wsw_indicatie",
            "bbl_student",
            "employed_by_employer_last_6_months",
        )
    }
    if birth_date and start_date:
        if start_date < EARLIEST_START:
            r.error(
                "start_date",
                t("Werkpunt rekent vanaf 2019. Kies een startdatum op of na 1 januari 2019."),
            )
        if birth_date >= start_date:
            r.error("birth_date", t("De geboortedatum moet vóór de startdatum liggen."))
        elif start_date.year - birth_date.year < 15:
            r.error("birth_date", t("De werknemer moet bij de start minstens 15 jaar zijn."))
    if start_date and end_date and end_date < start_date:
        r.error("end_date", t("De einddatum ligt vóór de startdatum."))
    if contract == Contract.FIXED_TERM and end_date is None and not r.present("end_date"):
        r.error("end_date", t("Bij een tijdelijk contract hoort een einddatum."))
    if r.errors:
        raise SituationError(r.errors)
    assert birth_date and start_date and hourly_wage is not None and benefit and contract  # noqa: PT018
    return Situation(
        birth_date=birth_date,
        start_date=start_date,
        end_date=end_date,
        hours_per_week=hours_per_week,
        hours_per_year=hours_per_year,
        hourly_wage=hourly_wage,
        cao_hourly_wage=cao_hourly_wage,
        loonwaarde_percentage=loonwaarde,
        benefit=benefit,
        benefit_weeks=benefit_weeks,
        municipality=municipality,
        contract=contract,
        fulltime_hours_per_week=fulltime if fulltime is not None else Decimal(38),
        as_of=as_of,
        **flags,
    )
