"""Parameters as data: loading and validating the YAML tree under ``parameters/``.

Every parameter file holds a small group of parameters. Each parameter has a
description, a unit, the date until which its last value is confirmed, and its
values keyed by the date they start. Each value names its source and the date it
was last checked. Values are read as text and parsed per unit, so money never
passes through a float.

A value may be ``unknown: true``: the law changed the amount on that date but the
new amount is not known to us. Lookups then return the previous value, marked
provisional (*voorlopig*), and ``werkpunt rules check`` lists the gap.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PARAMETER_DIR = Path(__file__).with_name("parameters")

#: Units a scalar may have, with the parser for each.
UNITS = (
    "eur",  # an amount of money, at most 2 decimals
    "eur_per_hour",
    "eur_per_week",
    "eur_per_month",
    "percentage",  # 0..100, up to 4 decimals
    "hours",
    "weeks",
    "months",
    "years",
    "age",  # whole years
    "count",  # a whole number of things
    "duration",  # years and months, written like "66y4m" or "67y"
    "date",
    "month_day",  # a day in the year, written MM-DD
    "text",
)

_DURATION = re.compile(r"^(\d+)y(?:(\d+)m)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URL = re.compile(r"^https?://\S+$")
_MONTH_DAY = re.compile(r"^\d{2}-\d{2}$")


class ParameterError(ValueError):
    """A parameter file is wrong; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Duration:
    """A duration in whole years and months (for the AOW age)."""

    years: int
    months: int = 0

    def __str__(self) -> str:
        return f"{self.years}y{self.months}m" if self.months else f"{self.years}y"


@dataclass(frozen=True, slots=True)
class Entry:
    """One dated value of a parameter."""

    start: dt.date
    value: Any
    source: str
    checked: dt.date
    unknown: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class Lookup:
    """The value of a parameter on a date, and whether it is provisional."""

    value: Any
    provisional: bool
    entry: Entry


@dataclass(slots=True)
class Parameter:
    """A parameter with its dated values."""

    name: str
    file: str
    description: str
    unit: str
    confirmed_until: dt.date
    entries: list[Entry]
    fields: dict[str, str] | None = None
    change_dates: tuple[str, ...] = ()
    legal_basis: str = ""
    _starts: list[dt.date] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts = [e.start for e in self.entries]

    def at(self, day: dt.date) -> Lookup:
        """The value in force on ``day``.

        Before the first value a :class:`ParameterError` is raised: the rules
        never compute with a value from before its start. A day after
        ``confirmed_until``, or a day whose entry is ``unknown``, gives the last
        known value marked provisional.
        """
        index = bisect.bisect_right(self._starts, day) - 1
        if index < 0:
            raise ParameterError(f"{self.file}: {self.name} heeft geen waarde op {day.isoformat()}")
        entry = self.entries[index]
        provisional = day > self.confirmed_until
        while entry.unknown:
            provisional = True
            index -= 1
            if index < 0:
                raise ParameterError(
                    f"{self.file}: {self.name} heeft geen bekende waarde op {day.isoformat()}"
                )
            entry = self.entries[index]
        return Lookup(entry.value, provisional, entry)

    def known_value_dates(self) -> list[dt.date]:
        return [e.start for e in self.entries if not e.unknown]


class _UniqueKeyLoader(yaml.BaseLoader):
    """Reads every scalar as text and refuses duplicate keys."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)
        if key in mapping:
            line = key_node.start_mark.line + 1
            raise ParameterError(f"dubbele sleutel {key!r} op regel {line}")
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def _parse_date(text: Any, where: str) -> dt.date:
    if not isinstance(text, str) or not _DATE.match(text):
        raise ParameterError(f"{where}: {text!r} is geen datum (JJJJ-MM-DD)")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise ParameterError(f"{where}: {text!r} is geen geldige datum") from error


def _parse_scalar(text: Any, unit: str, where: str) -> Any:
    if not isinstance(text, str):
        raise ParameterError(f"{where}: verwacht een enkele waarde, niet {type(text).__name__}")
    if text == "unknown":
        return None  # one key of a mapping may be unknown; the rules say so on screen
    if unit in {"eur", "eur_per_hour", "eur_per_week", "eur_per_month"}:
        try:
            amount = Decimal(text)
        except InvalidOperation as error:
            raise ParameterError(f"{where}: {text!r} is geen bedrag") from error
        exponent = amount.as_tuple().exponent
        if not amount.is_finite() or (isinstance(exponent, int) and exponent < -2):
            raise ParameterError(f"{where}: bedrag {text!r} heeft meer dan 2 decimalen")
        if amount < 0:
            raise ParameterError(f"{where}: bedrag {text!r} is negatief")
        return amount
    if unit in {"percentage", "hours"}:
        try:
            number = Decimal(text)
        except InvalidOperation as error:
            raise ParameterError(f"{where}: {text!r} is geen getal") from error
        if not number.is_finite() or number < 0 or (unit == "percentage" and number > 100):
            raise ParameterError(f"{where}: {text!r} ligt buiten het toegestane bereik")
        return number
    if unit in {"weeks", "months", "years", "age", "count"}:
        if not text.isdigit():
            raise ParameterError(f"{where}: {text!r} is geen heel getal")
        return int(text)
    if unit == "duration":
        match = _DURATION.match(text)
        if not match:
            raise ParameterError(f"{where}: {text!r} is geen duur zoals 67y3m")
        return Duration(int(match.group(1)), int(match.group(2) or 0))
    if unit == "date":
        return _parse_date(text, where)
    if unit == "month_day":
        if not _MONTH_DAY.match(text):
            raise ParameterError(f"{where}: {text!r} is geen dag zoals 05-01")
        try:
            dt.date.fromisoformat(f"2024-{text}")
        except ValueError as error:
            raise ParameterError(f"{where}: {text!r} is geen geldige dag") from error
        return text
    if unit == "text":
        return text
    raise ParameterError(f"{where}: onbekende eenheid {unit!r}")


def _parse_value(raw: Any, param: Mapping[str, Any], where: str) -> Any:
    unit = param["unit"]
    fields = param.get("fields")
    if fields:
        if not isinstance(raw, list) or not raw:
            raise ParameterError(f"{where}: verwacht een lijst met regels")
        rows = []
        for index, row in enumerate(raw):
            if not isinstance(row, dict) or set(row) != set(fields):
                raise ParameterError(
                    f"{where}[{index}]: velden moeten precies {sorted(fields)} zijn"
                )
            rows.append(
                {k: _parse_scalar(v, fields[k], f"{where}[{index}].{k}") for k, v in row.items()}
            )
        return tuple(rows)
    if isinstance(raw, dict):
        return {key: _parse_scalar(v, unit, f"{where}.{key}") for key, v in raw.items()}
    return _parse_scalar(raw, unit, where)


_PARAM_KEYS = {
    "description",
    "unit",
    "fields",
    "confirmed_until",
    "changes",
    "legal_basis",
    "values",
}
_ENTRY_KEYS = {"value", "source", "checked", "unknown", "note"}


def _parse_parameter(name: str, raw: Any, file: str) -> Parameter:
    where = f"{file}: {name}"
    if not isinstance(raw, dict):
        raise ParameterError(f"{where}: verwacht een blok met velden")
    unknown_keys = set(raw) - _PARAM_KEYS
    if unknown_keys:
        raise ParameterError(f"{where}: onbekende velden {sorted(unknown_keys)}")
    for required in ("description", "unit", "confirmed_until", "values"):
        if required not in raw:
            raise ParameterError(f"{where}: veld {required!r} ontbreekt")
    unit = raw["unit"]
    fields = raw.get("fields")
    if fields is not None:
        if unit != "record" or not isinstance(fields, dict):
            raise ParameterError(f"{where}: 'fields' hoort bij eenheid 'record'")
        for key, field_unit in fields.items():
            if field_unit not in UNITS:
                raise ParameterError(f"{where}.fields.{key}: onbekende eenheid {field_unit!r}")
    elif unit not in UNITS:
        raise ParameterError(f"{where}: onbekende eenheid {unit!r}")
    changes = raw.get("changes", [])
    if not isinstance(changes, list) or not all(
        isinstance(c, str) and _MONTH_DAY.match(c) for c in changes
    ):
        raise ParameterError(f"{where}: 'changes' moet een lijst van MM-DD zijn")
    values = raw["values"]
    if not isinstance(values, dict) or not values:
        raise ParameterError(f"{where}: 'values' moet minstens één datum hebben")
    entries: list[Entry] = []
    for key, item in values.items():
        entry_where = f"{where}.values.{key}"
        start = _parse_date(key, entry_where)
        if entries and start <= entries[-1].start:
            raise ParameterError(f"{entry_where}: datums moeten oplopen")
        if not isinstance(item, dict):
            raise ParameterError(f"{entry_where}: verwacht value, source en checked")
        extra = set(item) - _ENTRY_KEYS
        if extra:
            raise ParameterError(f"{entry_where}: onbekende velden {sorted(extra)}")
        source = item.get("source")
        if not isinstance(source, str) or not _URL.match(source):
            raise ParameterError(f"{entry_where}: bron (source) ontbreekt of is geen URL")
        if "checked" not in item:
            raise ParameterError(f"{entry_where}: controledatum (checked) ontbreekt")
        checked = _parse_date(item["checked"], f"{entry_where}.checked")
        unknown = item.get("unknown", "false") == "true"
        if unknown:
            if item.get("value") not in (None, "null", "~"):
                raise ParameterError(f"{entry_where}: een onbekende waarde heeft geen value")
            value = None
        else:
            if "value" not in item:
                raise ParameterError(f"{entry_where}: waarde (value) ontbreekt")
            value = _parse_value(item["value"], raw, f"{entry_where}.value")
        entries.append(Entry(start, value, source, checked, unknown, str(item.get("note", ""))))
    if entries[0].unknown:
        raise ParameterError(f"{where}: de eerste waarde mag niet onbekend zijn")
    confirmed_until = _parse_date(raw["confirmed_until"], f"{where}.confirmed_until")
    last_known = next(e for e in reversed(entries) if not e.unknown)
    if confirmed_until < last_known.start:
        raise ParameterError(f"{where}: confirmed_until ligt vóór de laatste waarde")
    return Parameter(
        name=name,
        file=file,
        description=str(raw["description"]),
        unit=unit,
        confirmed_until=confirmed_until,
        entries=entries,
        fields=dict(fields) if fields else None,
        change_dates=tuple(changes),
        legal_basis=str(raw.get("legal_basis", "")),
    )


def load_file(path: Path, *, root: Path = PARAMETER_DIR) -> dict[str, Parameter]:
    """Load and validate one parameter file."""
    file = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 - BaseLoader subclass
    except ParameterError as error:
        raise ParameterError(f"{file}: {error}") from error
    except yaml.YAMLError as error:
        raise ParameterError(f"{file}: geen geldige YAML: {error}") from error
    if not isinstance(raw, dict) or set(raw) != {"description", "parameters"}:
        raise ParameterError(f"{file}: verwacht precies 'description' en 'parameters'")
    params = raw["parameters"]
    if not isinstance(params, dict) or not params:
        raise ParameterError(f"{file}: 'parameters' is leeg")
    return {name: _parse_parameter(name, spec, file) for name, spec in params.items()}


class ParameterSet(Mapping[str, Parameter]):
    """All parameters, by name."""

    def __init__(self, parameters: dict[str, Parameter]) -> None:
        self._parameters = parameters

    def __getitem__(self, name: str) -> Parameter:
        return self._parameters[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._parameters)

    def __len__(self) -> int:
        return len(self._parameters)

    def at(self, name: str, day: dt.date) -> Lookup:
        return self._parameters[name].at(day)


def load_directory(directory: Path = PARAMETER_DIR) -> ParameterSet:
    """Load every ``*.yaml`` below ``directory``; names must be unique across files."""
    parameters: dict[str, Parameter] = {}
    for path in sorted(directory.rglob("*.yaml")):
        for name, parameter in load_file(path, root=directory).items():
            if name in parameters:
                raise ParameterError(
                    f"{parameter.file}: {name} staat ook in {parameters[name].file}"
                )
            parameters[name] = parameter
    return ParameterSet(parameters)


@cache
def default_parameters() -> ParameterSet:
    """The parameters shipped with Werkpunt, loaded once per process."""
    return load_directory(PARAMETER_DIR)


@dataclass(frozen=True, slots=True)
class Finding:
    """Something ``rules check`` reports about a parameter."""

    parameter: str
    file: str
    kind: str  # "not_checked_for_a_year" | "missing_value" | "unknown_value"
    day: dt.date
    message: str


def staleness(parameters: ParameterSet, *, today: dt.date, horizon_days: int = 62) -> list[Finding]:
    """List values not checked for a year, and change dates without a known value.

    A change date counts when it lies after the last entry and on or before
    ``today + horizon_days`` (so the coming 1 January shows up in November).
    """
    findings: list[Finding] = []
    limit = today + dt.timedelta(days=horizon_days)
    for name, param in parameters.items():
        for entry in param.entries:
            if (today - entry.checked).days > 365:
                findings.append(
                    Finding(
                        name,
                        param.file,
                        "not_checked_for_a_year",
                        entry.checked,
                        f"waarde van {entry.start.isoformat()} is sinds "
                        f"{entry.checked.isoformat()} niet gecontroleerd",
                    )
                )
            if entry.unknown:
                findings.append(
                    Finding(
                        name,
                        param.file,
                        "unknown_value",
                        entry.start,
                        f"waarde per {entry.start.isoformat()} is onbekend",
                    )
                )
        last = param.entries[-1].start
        for year in range(last.year, limit.year + 1):
            for month_day in param.change_dates:
                day = dt.date.fromisoformat(f"{year}-{month_day}")
                if last < day <= limit:
                    findings.append(
                        Finding(
                            name,
                            param.file,
                            "missing_value",
                            day,
                            f"geen waarde ingevoerd voor de wijzigingsdatum {day.isoformat()}",
                        )
                    )
    return sorted(findings, key=lambda f: (f.file, f.parameter, f.day))
