"""``[[parameter]]`` placeholders: the value of today, formatted, voorlopig marked."""

from __future__ import annotations

import datetime as dt

import pytest

from werkpunt.content.placeholders import (
    PlaceholderError,
    find_placeholders,
    placeholder_errors,
    render_html,
    render_text,
    resolve,
    typed_amount_errors,
)
from werkpunt.rules import default_parameters

DAY = dt.date(2026, 11, 28)
NBSP = "\u00a0"


@pytest.fixture
def params():
    return default_parameters()


@pytest.mark.parametrize(
    ("reference", "text"),
    [
        ("lkv_oudere_per_uur", f"€{NBSP}3,05"),  # money without the unit word
        ("lkv_oudere_max_per_jaar", f"€{NBSP}6.000,00"),
        ("wml_hour_21plus", f"€{NBSP}14,99"),
        ("doelgroepverklaring_termijn_maanden", "3"),  # the text says "maanden" itself
        ("lkv_looptijd_jaren.oudere", "3"),  # a key of a mapping
        ("lkv_looptijd_jaren.herplaatsing", "1"),
        ("awf_premie.laag", "2,74%"),  # a field of a one-row table
        ("lks_werkgeverslasten_percentage", "23,5%"),
        ("lkv_oudere_afbouw_laatste_dag", "31 december 2025"),
        ("lkv_liv_correctie_tot", "1 mei"),  # a day in the year
        ("aow_leeftijd", "67 jaar"),
        ("[[ wml_hour_21plus ]]", None),  # spaces inside the brackets (see the test below)
    ],
)
def test_values_are_formatted_the_dutch_way(params, reference, text):
    if text is None:
        assert find_placeholders(reference) == ["wml_hour_21plus"]
        return
    found = resolve(reference, params, DAY)
    assert found.text == text
    assert found.parameter == reference.split(".")[0]


def test_the_value_follows_the_day(params):
    assert resolve("wml_hour_21plus", params, dt.date(2026, 3, 1)).text == f"€{NBSP}14,71"
    assert resolve("wml_hour_21plus", params, dt.date(2026, 7, 1)).text == f"€{NBSP}14,99"


def test_a_value_past_its_confirmed_date_is_provisional(params):
    # wml_week_21plus is confirmed until 2023-12-31.
    found = resolve("wml_week_21plus", params, DAY)
    assert found.provisional
    assert not resolve("wml_hour_21plus", params, DAY).provisional
    assert resolve("wml_hour_21plus", params, dt.date(2027, 2, 1)).provisional


def test_rows_of_a_table_are_numbered_from_one(params):
    rows = params["liv_banden"].at(DAY).value
    if len(rows) > 1:
        first = resolve("liv_banden.1.per_uur", params, DAY)
        assert first.text.startswith("€")
    with pytest.raises(PlaceholderError):
        resolve(f"liv_banden.{len(rows) + 1}.per_uur", params, DAY)


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("bestaat_niet", "bestaat niet"),
        ("lkv_looptijd_jaren", "meer dan één waarde"),
        ("lkv_looptijd_jaren.jongere", "'jongere' bestaat niet"),
        ("lkv_oudere_per_uur.x", "geen onderdelen"),
        ("Hoofdletter", "geen geldige naam"),
        ("", "geen geldige naam"),
    ],
)
def test_a_placeholder_that_names_no_value_is_an_error(params, reference, message):
    with pytest.raises(PlaceholderError, match=message):
        resolve(reference, params, DAY)


def test_errors_are_listed_once_per_placeholder(params):
    errors = placeholder_errors("[[x]] en [[x]] en [[lkv_oudere_per_uur]] en [[y]]", params, DAY)

    assert len(errors) == 2
    assert "[[x]]" in errors[0]
    assert "[[y]]" in errors[1]


def test_html_shows_the_value_and_links_a_provisional_one_to_the_register(params):
    html = render_html(
        "<p>Uurloon [[wml_hour_21plus]], weekloon [[wml_week_21plus]].</p>",
        params,
        DAY,
        register_url="/en/regels/",
    )

    assert f'<span class="werkpunt-value">€{NBSP}14,99</span>' in html
    assert f"€{NBSP}460,40 " in html
    assert 'href="/en/regels/#wml_week_21plus"' in html
    assert "(voorlopig" in html
    assert html.count("voorlopig") == 1
    assert "[[" not in html


def test_plain_text_marks_a_provisional_value_in_words(params):
    text = render_text("Weekloon [[wml_week_21plus]], uurloon [[wml_hour_21plus]].", params, DAY)

    assert text == f"Weekloon €{NBSP}460,40 (voorlopig), uurloon €{NBSP}14,99."


def test_an_unknown_placeholder_never_shows_the_raw_name(params):
    assert "[[" not in render_html("<p>[[weg]]</p>", params, DAY)
    assert render_text("[[weg]]", params, DAY) == "[waarde onbekend]"


@pytest.mark.parametrize("text", ["U krijgt € 3,05", "tot €6.000", "EUR 12", "&euro; 5"])
def test_typed_amounts_are_found(text):
    assert typed_amount_errors(text)


@pytest.mark.parametrize("text", ["U krijgt [[lkv_oudere_per_uur]].", "Binnen 3 maanden.", "€ "])
def test_text_without_typed_amounts_is_fine(text):
    assert not typed_amount_errors(text)
