"""Recording a signal: the BSN check keeps worker data out of the register."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from werkpunt.accounts.models import Role
from werkpunt.signals.models import LawSignal
from werkpunt.signals.services import contains_bsn, passes_elfproef, signal_create


@pytest.mark.parametrize("number", ["111222333", "123456782", "999999990"])
def test_elfproef_accepts_valid_numbers(number):
    assert passes_elfproef(number)


@pytest.mark.parametrize("number", ["123456789", "111222334", "000000000", "12345678", "12345678a"])
def test_elfproef_rejects_other_numbers(number):
    assert not passes_elfproef(number)


@pytest.mark.parametrize(
    "text",
    [
        "BSN 123456782 kreeg geen doelgroepverklaring",
        "nummer 1234.56.782 staat in het systeem",
        "zijn nummer is 123 456 782.",
        "123-456-782",
    ],
)
def test_finds_a_bsn_written_in_different_ways(text):
    assert contains_bsn(text)


@pytest.mark.parametrize(
    "text",
    [
        "Bel 0591 123 456 of 06-12345678",  # phone numbers: ten digits
        "Kenmerk 123456789 (geen geldig BSN)",
        "KvK 01234567, bedrag € 12.345.678",
        "Factuur 12345678201",  # eleven digits: a 9-digit BSN inside a longer number is not one
        "Twee regels: artikel 7:668a BW en 2026",
    ],
)
def test_leaves_other_numbers_alone(text):
    assert not contains_bsn(text)


@pytest.mark.django_db
def test_creates_a_signal(make_user, build):
    adviser = make_user(role=Role.ADVISER)
    employer = build.employer(contact_person=adviser)
    placement = build.placement(employer=employer)

    signal = signal_create(
        theme="no_risk",
        title="  No-riskpolis loopt af voor einde contract ",
        description="De polis stopt na 5 jaar, het contract loopt door.",
        placement=placement,
        created_by=adviser,
    )

    assert signal.title == "No-riskpolis loopt af voor einde contract"
    assert signal.employer == employer  # taken from the placement
    assert signal.created_by == adviser
    assert LawSignal.objects.count() == 1


@pytest.mark.django_db
def test_refuses_a_bsn_with_a_dutch_message(make_user):
    adviser = make_user(role=Role.ADVISER)

    with pytest.raises(ValidationError) as caught:
        signal_create(
            theme="lks",
            title="Loonwaardemeting te laat",
            description="Werknemer met BSN 123456782 wachtte drie maanden.",
            created_by=adviser,
        )

    messages = caught.value.message_dict
    assert list(messages) == ["description"]
    assert messages["description"][0].startswith("Haal het burgerservicenummer (BSN) weg.")
    assert not LawSignal.objects.exists()


@pytest.mark.django_db
def test_refuses_empty_text_and_unknown_theme(make_user):
    adviser = make_user(role=Role.ADVISER)

    with pytest.raises(ValidationError) as caught:
        signal_create(theme="iets", title=" ", description="", created_by=adviser)

    assert caught.value.message_dict == {
        "theme": ["Kies een thema."],
        "title": ["Geef het knelpunt een korte titel."],
        "description": ["Schrijf op wat er mis ging."],
    }


@pytest.mark.django_db
def test_refuses_a_placement_of_another_employer(make_user, build):
    adviser = make_user(role=Role.ADVISER)
    one = build.employer(contact_person=adviser)
    other = build.employer(contact_person=adviser)

    with pytest.raises(ValidationError):
        signal_create(
            theme="lks",
            title="Titel",
            description="Tekst",
            employer=one,
            placement=build.placement(employer=other),
            created_by=adviser,
        )
