"""The register's formatting rules, on a small parameter tree made for the test."""

from __future__ import annotations

import datetime as dt
from textwrap import dedent

import pytest
from django.utils import translation

from werkpunt.core.register import link, register_groups, register_row
from werkpunt.rules import load_directory

YAML = dedent(
    """\
    description: Testparameters
    parameters:
      loon:
        description: Een uurloon.
        unit: eur_per_hour
        legal_basis: https://wetten.overheid.nl/BWBR0002638
        confirmed_until: 2027-06-30
        values:
          2025-01-01: {value: "14.06", source: "https://example.org/a?x=1&y=2", checked: 2026-01-05}
          2026-01-01: {value: "1234.5", source: https://www.example.org/b, checked: 2026-11-28}
          2027-01-01: {value: "15", source: https://example.org/c, checked: 2026-11-28}
      later:
        description: Begint pas in 2030.
        unit: months
        confirmed_until: 2030-12-31
        values:
          2030-01-01: {value: "1", source: https://example.org/d, checked: 2026-11-28}
      gat:
        description: De waarde voor 2021 is niet bekend.
        unit: weeks
        confirmed_until: 2030-12-31
        values:
          2020-01-01: {value: "52", source: https://example.org/e, checked: 2026-11-28}
          2021-01-01: {unknown: "true", source: https://example.org/f, checked: 2026-11-28, note: Niet gevonden.}
      banden:
        description: Twee banden.
        unit: record
        fields: {ondergrens: eur_per_hour, max_per_jaar: eur}
        confirmed_until: 2030-12-31
        values:
          2020-01-01:
            value:
              - {ondergrens: "10.05", max_per_jaar: "2000"}
              - {ondergrens: "11.07", max_per_jaar: "1000"}
            source: https://example.org/g
            checked: 2026-11-28
      per_leeftijd:
        description: Per leeftijd.
        unit: percentage
        confirmed_until: 2030-12-31
        values:
          2020-01-01: {value: {"18": "50", "19": "61.5", "20": unknown}, source: https://example.org/h, checked: 2026-11-28}
      aow:
        description: Een duur.
        unit: duration
        confirmed_until: 2030-12-31
        values:
          2020-01-01: {value: "66y4m", source: https://example.org/i, checked: 2026-11-28}
      sluiting:
        description: Een dag in het jaar.
        unit: month_day
        confirmed_until: 2030-12-31
        values:
          2020-01-01: {value: "03-15", source: https://example.org/j, checked: 2026-11-28}
      sites:
        description: Websites.
        unit: text
        confirmed_until: 2030-12-31
        values:
          2020-01-01: {value: {emmen: "https://www.emmen.nl"}, source: https://example.org/k, checked: 2026-11-28}
    """
)

DAY = dt.date(2026, 11, 28)


@pytest.fixture
def params(tmp_path):
    (tmp_path / "test.yaml").write_text(YAML, encoding="utf-8")
    return load_directory(tmp_path)


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def test_money_and_dates_in_both_languages(params):
    nl = register_row(params["loon"], today=DAY, lang="nl")
    assert nl.value.text == "€ 1.234,50 per uur"
    assert nl.since_text == "1 januari 2026"
    assert nl.checked == dt.date(2026, 11, 28)
    assert nl.source.href == "https://www.example.org/b"
    assert nl.source.text == "example.org"
    assert nl.legal_basis is not None
    assert nl.legal_basis.text == "wetten.overheid.nl/BWBR0002638"
    assert not nl.provisional
    assert nl.next_value is not None
    assert nl.next_value.text == "€ 15,00 per uur"
    assert nl.next_since_text == "1 januari 2027"

    en = register_row(params["loon"], today=DAY, lang="en")
    assert en.value.text.startswith("€1,234.50")
    assert en.since_text == "1 January 2026"


def test_the_day_decides_which_value_is_shown(params):
    row = register_row(params["loon"], today=dt.date(2025, 12, 31), lang="nl")
    assert row.value.text == "€ 14,06 per uur"
    assert row.source.href == "https://example.org/a?x=1&y=2"
    assert row.checked == dt.date(2026, 1, 5)

    row = register_row(params["loon"], today=dt.date(2027, 1, 1), lang="nl")
    assert row.value.text == "€ 15,00 per uur"
    assert row.next_value is None
    assert not row.provisional
    assert register_row(params["loon"], today=dt.date(2027, 7, 1), lang="nl").provisional


def test_a_value_that_starts_later_is_shown_as_not_yet_in_force(params):
    row = register_row(params["later"], today=DAY, lang="nl")

    assert row.not_yet_in_force
    assert row.value.text == "1 maand"
    assert row.since == dt.date(2030, 1, 1)
    assert row.next_value is None


def test_an_unknown_value_keeps_the_last_known_one_as_provisional(params):
    row = register_row(params["gat"], today=DAY, lang="nl")

    assert row.provisional
    assert row.value.text == "52 weken"
    assert row.since == dt.date(2020, 1, 1)
    assert row.source.href == "https://example.org/e"
    assert row.note == "Niet gevonden."


def test_records_mappings_durations_and_days(params):
    banden = register_row(params["banden"], today=DAY, lang="nl").value
    assert len(banden.rows) == 2
    first = banden.rows[0].items
    assert [(i.label, i.value.text) for i in first] == [
        ("ondergrens", "€ 10,05 per uur"),
        ("max per jaar", "€ 2.000,00"),
    ]

    mapping = register_row(params["per_leeftijd"], today=DAY, lang="nl").value
    assert [(i.label, i.value.text) for i in mapping.items] == [
        ("18", "50%"),
        ("19", "61,5%"),
        ("20", "onbekend"),
    ]

    assert register_row(params["aow"], today=DAY, lang="nl").value.text == "66 jaar en 4 maanden"
    assert register_row(params["sluiting"], today=DAY, lang="nl").value.text == "15 maart"
    assert register_row(params["sluiting"], today=DAY, lang="en").value.text == "15 March"

    site = register_row(params["sites"], today=DAY, lang="nl").value.items[0]
    assert site.label == "emmen"
    assert site.value.href == "https://www.emmen.nl"
    assert site.value.text == "emmen.nl"


def test_groups_follow_the_files(params):
    groups = register_groups(params, today=DAY, lang="nl")

    assert [g.file for g in groups] == ["test.yaml"]
    assert groups[0].anchor == "bestand-test"
    assert [r.name for r in groups[0].rows] == list(params)


def test_link_text_names_the_site():
    assert link("https://www.uwv.nl/werkgevers/x").text == "uwv.nl"
    assert link("https://wetten.overheid.nl/BWBR0015703/").text == "wetten.overheid.nl/BWBR0015703"
