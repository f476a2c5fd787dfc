"""Loading and validating parameter files, lookups by date, and staleness."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from textwrap import dedent

import pytest

from werkpunt.rules.params import (
    PARAMETER_DIR,
    Duration,
    ParameterError,
    default_parameters,
    load_directory,
    load_file,
    staleness,
)

VALID = """
description: Test
parameters:
  amount:
    description: An amount
    unit: eur
    confirmed_until: 2025-12-31
    changes: ["01-01", "07-01"]
    values:
      2024-01-01:
        value: "10.50"
        source: https://example.org/a
        checked: 2026-11-01
      2025-01-01:
        value: "11.00"
        source: https://example.org/b
        checked: 2026-11-01
      2025-07-01:
        unknown: "true"
        source: https://example.org/c
        checked: 2026-11-01
"""


def write(tmp_path: Path, text: str, name: str = "test.yaml") -> Path:
    path = tmp_path / name
    path.write_text(dedent(text), encoding="utf-8")
    return path


def test_shipped_parameters_are_valid() -> None:
    params = default_parameters()
    assert "wml_hour_21plus" in params
    assert params.at("wml_hour_21plus", dt.date(2026, 1, 1)).value == Decimal("14.71")
    files = {p.file for p in params.values()}
    assert len(files) == len(list(PARAMETER_DIR.glob("*.yaml")))


def test_every_value_has_a_source_and_check_date() -> None:
    for param in default_parameters().values():
        for entry in param.entries:
            assert entry.source.startswith("https://"), (param.name, entry.start)
            assert entry.checked <= dt.date(2026, 11, 28)


def test_value_is_exact_decimal(tmp_path: Path) -> None:
    params = load_file(write(tmp_path, VALID), root=tmp_path)
    value = params["amount"].at(dt.date(2024, 6, 1)).value
    assert value == Decimal("10.50")
    assert isinstance(value, Decimal)


def test_lookup_before_first_value_is_an_error(tmp_path: Path) -> None:
    params = load_file(write(tmp_path, VALID), root=tmp_path)
    with pytest.raises(ParameterError, match="amount heeft geen waarde op 2023-12-31"):
        params["amount"].at(dt.date(2023, 12, 31))


def test_unknown_value_falls_back_and_is_provisional(tmp_path: Path) -> None:
    params = load_file(write(tmp_path, VALID), root=tmp_path)
    lookup = params["amount"].at(dt.date(2025, 8, 1))
    assert lookup.value == Decimal("11.00")
    assert lookup.provisional


def test_after_confirmed_until_is_provisional(tmp_path: Path) -> None:
    params = load_file(
        write(tmp_path, VALID.replace('unknown: "true"', 'value: "12.00"')), root=tmp_path
    )
    assert not params["amount"].at(dt.date(2025, 12, 31)).provisional
    later = params["amount"].at(dt.date(2026, 1, 1))
    assert later.provisional
    assert later.value == Decimal("12.00")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("2025-01-01:\n        value", "2024-01-01:\n        value"),
            "dubbele sleutel '2024-01-01'",
        ),
        (('value: "10.50"', 'value: "10.505"'), "meer dan 2 decimalen"),
        (('value: "10.50"', 'value: "tien"'), "geen bedrag"),
        (('value: "10.50"', 'value: "-1"'), "negatief"),
        (("unit: eur", "unit: dollars"), "onbekende eenheid 'dollars'"),
        (
            ("source: https://example.org/a", "source: example"),
            "bron (source) ontbreekt of is geen URL",
        ),
        (("        source: https://example.org/a\n", ""), "bron (source) ontbreekt"),
        (
            ("        checked: 2026-11-01\n      2025-01-01", "      2025-01-01"),
            "controledatum (checked) ontbreekt",
        ),
        (("2024-01-01:", "2024-13-01:"), "geen geldige datum"),
        (
            ("confirmed_until: 2025-12-31", "confirmed_until: 2024-06-30"),
            "confirmed_until ligt vóór de laatste waarde",
        ),
        (("    description: An amount\n", ""), "veld 'description' ontbreekt"),
        (
            ('changes: ["01-01", "07-01"]', 'changes: ["1 jan"]'),
            "'changes' moet een lijst van MM-DD zijn",
        ),
        (("    unit: eur\n", "    unit: eur\n    colour: red\n"), "onbekende velden"),
    ],
)
def test_invalid_files_name_file_and_key(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    text = dedent(VALID).replace(*change)
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterError) as info:
        load_file(path, root=tmp_path)
    assert "broken.yaml" in str(info.value)
    assert message in str(info.value)


def test_dates_must_increase(tmp_path: Path) -> None:
    text = dedent(VALID)
    first = text.index("      2024-01-01:")
    second = text.index("      2025-01-01:")
    third = text.index("      2025-07-01:")
    swapped = text[:first] + text[second:third] + text[first:second] + text[third:]
    with pytest.raises(ParameterError, match=r"amount.values.2024-01-01: datums moeten oplopen"):
        load_file(write(tmp_path, swapped), root=tmp_path)


def test_first_value_may_not_be_unknown(tmp_path: Path) -> None:
    text = VALID.replace('value: "10.50"', 'unknown: "true"')
    with pytest.raises(ParameterError, match="de eerste waarde mag niet onbekend zijn"):
        load_file(write(tmp_path, text), root=tmp_path)


def test_names_must_be_unique_across_files(tmp_path: Path) -> None:
    write(tmp_path, VALID, "a.yaml")
    write(tmp_path, VALID, "b.yaml")
    with pytest.raises(ParameterError, match=r"amount staat ook in a\.yaml"):
        load_directory(tmp_path)


def test_records_and_durations(tmp_path: Path) -> None:
    text = """
    description: Test
    parameters:
      bands:
        description: Bands
        unit: record
        fields: {low: eur_per_hour, rate: percentage}
        confirmed_until: 2025-12-31
        values:
          2025-01-01:
            value: [{low: "10.00", rate: "23.5"}]
            source: https://example.org
            checked: 2026-01-01
      age:
        description: Age
        unit: duration
        confirmed_until: 2025-12-31
        values:
          2025-01-01: {value: "67y3m", source: https://example.org, checked: 2026-01-01}
    """
    params = load_file(write(tmp_path, text), root=tmp_path)
    assert params["bands"].at(dt.date(2025, 1, 1)).value == (
        {"low": Decimal("10.00"), "rate": Decimal("23.5")},
    )
    assert params["age"].at(dt.date(2025, 1, 1)).value == Duration(67, 3)
    broken = text.replace('{low: "10.00", rate: "23.5"}', '{low: "10.00"}')
    with pytest.raises(ParameterError, match=r"velden moeten precies \['low', 'rate'\] zijn"):
        load_file(write(tmp_path, broken), root=tmp_path)


def test_staleness_lists_missing_change_dates_unknowns_and_old_checks(tmp_path: Path) -> None:
    write(
        tmp_path,
        VALID.replace(
            "checked: 2026-11-01\n      2025-01-01", "checked: 2024-01-01\n      2025-01-01"
        ),
    )
    params = load_directory(tmp_path)
    findings = staleness(params, today=dt.date(2026, 11, 28))
    kinds = {(f.kind, f.day) for f in findings}
    assert ("not_checked_for_a_year", dt.date(2024, 1, 1)) in kinds
    assert ("unknown_value", dt.date(2025, 7, 1)) in kinds
    # Change dates after the last entry (2025-07-01) up to two months ahead.
    assert ("missing_value", dt.date(2026, 1, 1)) in kinds
    assert ("missing_value", dt.date(2026, 7, 1)) in kinds
    assert ("missing_value", dt.date(2027, 1, 1)) in kinds
    assert ("missing_value", dt.date(2027, 7, 1)) not in kinds


def test_shipped_parameters_report_the_coming_minimum_wage() -> None:
    findings = staleness(default_parameters(), today=dt.date(2026, 11, 28))
    missing = {(f.parameter, f.day) for f in findings if f.kind == "missing_value"}
    assert ("wml_hour_21plus", dt.date(2027, 1, 1)) in missing
