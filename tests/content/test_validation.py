"""What an editor cannot save: unknown placeholders, typed amounts, wrong codes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from werkpunt.content.models import InstrumentPage, PlaceholderTextBlock, step_block

pytestmark = pytest.mark.django_db

LKV = "loonkostenvoordeel-arbeidsgehandicapte-werknemer"


@pytest.fixture
def instrument(site):
    return InstrumentPage.objects.get(slug=LKV)


def _errors(page) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    return error.value.message_dict


def test_the_fixture_page_is_valid(instrument):
    instrument.full_clean()


def test_an_unknown_placeholder_is_a_validation_error(instrument):
    instrument.wat_levert_het_op = "<p>U krijgt [[lkv_per_uur_bestaat_niet]].</p>"

    errors = _errors(instrument)

    assert "wat_levert_het_op" in errors
    assert "lkv_per_uur_bestaat_niet" in errors["wat_levert_het_op"][0]
    assert "bestaat niet" in errors["wat_levert_het_op"][0]


def test_a_placeholder_without_its_key_is_a_validation_error(instrument):
    instrument.voor_wie = "<p>Het duurt [[lkv_looptijd_jaren]] jaar.</p>"

    assert "meer dan één waarde" in _errors(instrument)["voor_wie"][0]


def test_an_amount_typed_in_the_text_is_a_validation_error(instrument):
    instrument.hoe_werkt_het = "<p>U krijgt € 3,05 per uur.</p>"

    assert "Typ geen bedragen" in _errors(instrument)["hoe_werkt_het"][0]


def test_the_summary_is_checked_too(instrument):
    instrument.summary = "U krijgt [[onbekend]]."

    assert "summary" in _errors(instrument)


def test_placeholders_in_steps_and_questions_are_checked_by_their_blocks():
    block = step_block()
    value = block.to_python(
        {"step": "Doe iets.", "deadline": "binnen [[weg]] maanden", "who": "UWV"}
    )

    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "weg" in str(error.value.block_errors["deadline"])

    with pytest.raises(ValidationError):
        PlaceholderTextBlock().clean("Vanaf [[onbekend]].")
    assert PlaceholderTextBlock().clean("Vanaf [[lkv_oudere_afbouw_laatste_dag]].")


def test_unknown_instrument_codes_and_parameters_are_refused(instrument):
    instrument.instrument_codes = ["lkv_oudere_werknemer", "lkv_bestaat_niet"]
    instrument.parameters = ["wml_hour_21plus", "wml_bestaat_niet"]

    errors = _errors(instrument)

    assert "lkv_bestaat_niet" in errors["instrument_codes"][0]
    assert "wml_bestaat_niet" in errors["parameters"][0]


def test_the_wizard_preset_must_name_fields_of_a_situation(instrument):
    instrument.wizard_preset = {"benefit": "loterij", "kleur": "blauw"}

    messages = " ".join(_errors(instrument)["wizard_preset"])

    assert "loterij" in messages
    assert "kleur" in messages


def test_a_video_needs_a_title_and_a_transcript(instrument):
    instrument.video_transcript = ""

    assert "video_transcript" in _errors(instrument)

    instrument.video_url = "http://www.youtube.com/watch?v=x"
    instrument.video_transcript = "Tekst."
    assert "https://" in _errors(instrument)["video_url"][0]


def test_the_editor_form_offers_codes_and_parameters_as_checkboxes(instrument):
    field = InstrumentPage._meta.get_field("instrument_codes").formfield()
    codes = [code for code, _label in field.choices]

    assert "lkv_oudere_werknemer" in codes
    assert field.widget.__class__.__name__ == "CheckboxSelectMultiple"
    assert not field.required
    parameters = InstrumentPage._meta.get_field("parameters").formfield()
    assert ("wml_hour_21plus", parameters.choices[0][1]) in parameters.choices or any(
        name == "wml_hour_21plus" for name, _label in parameters.choices
    )
