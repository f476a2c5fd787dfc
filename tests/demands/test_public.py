"""The public open-hiring page: only for open open-hiring demands, Dutch errors, a honeypot."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from werkpunt.demands import services
from werkpunt.demands.models import DemandStatus, OpenHiringSignUp

pytestmark = pytest.mark.django_db

REQUIREMENTS = "Je kunt 20 kilo tillen en je bent er om 7 uur."


def plain(content: bytes) -> str:
    html = content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


@pytest.fixture
def demand(make_demand, employer):
    return make_demand(
        employer=employer, title="Inpakker", open_hiring=True, basic_requirements=REQUIREMENTS
    )


def url(demand):
    return reverse("demands_public:sign_up", args=[demand.pk])


def valid(**changes):
    data = {
        "name": "Sanne Bakker",
        "phone": "06 12345678",
        "email": "",
        "meets_requirements": "on",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


def test_the_page_shows_the_work_and_is_never_cached(client, demand, employer):
    assert url(demand) == f"/open-hiring/{demand.pk}/"
    response = client.get(url(demand))
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control
    text = plain(response.content)
    assert "Inpakker" in text
    assert employer.name in text
    assert REQUIREMENTS in text
    assert "Emmen" in text
    assert "Ik voldoe aan de basiseisen" in text
    assert "score" not in text.lower()


def test_only_open_open_hiring_demands_have_a_page(client, make_demand, demand, adviser):
    scored = make_demand()
    assert client.get(url(scored)).status_code == 404
    services.demand_update(demand=demand, by=adviser, status=DemandStatus.CLOSED)
    assert client.get(url(demand)).status_code == 404
    assert client.post(url(demand), valid()).status_code == 404


def test_sign_up_and_see_the_place_on_the_list(client, demand):
    first = client.post(url(demand), valid())
    assert first.status_code == 302
    entry = OpenHiringSignUp.objects.get()
    assert (entry.name, entry.phone, entry.meets_requirements) == (
        "Sanne Bakker",
        "06 12345678",
        True,
    )
    confirmation = client.get(first["Location"])
    assert confirmation.status_code == 200
    assert "no-store" in confirmation["Cache-Control"]
    assert "U staat op plek 1 van de lijst." in plain(confirmation.content)
    second = client.post(url(demand), valid(name="Piet", phone="", email="piet@example.org"))
    assert "U staat op plek 2 van de lijst." in plain(client.get(second["Location"]).content)


def test_bad_input_gives_dutch_errors_and_keeps_the_values(client, demand, parse):
    response = client.post(
        url(demand), valid(phone="", email="", meets_requirements="", consent="", name="Sanne")
    )
    assert response.status_code == 200
    text = plain(response.content)
    assert "U bent nog niet aangemeld. Verbeter dit:" in text
    assert "Vul een telefoonnummer of een e-mailadres in." in text
    assert "Zet een vinkje als u voldoet aan de basiseisen." in text
    assert "Zet een vinkje als u het goed vindt dat wij uw gegevens bewaren." in text
    assert parse(response.content).by_id("aanmelding-name").attrs["value"] == "Sanne"
    response = client.post(url(demand), valid(email="geen-adres", phone="abc"))
    assert response.status_code == 200
    text = plain(response.content)
    assert "Vul een e-mailadres in zoals naam@voorbeeld.nl." in text
    assert "Vul een telefoonnummer in met alleen cijfers" in text
    assert not OpenHiringSignUp.objects.exists()


def test_signing_up_twice_is_refused_in_dutch(client, demand):
    client.post(url(demand), valid())
    response = client.post(url(demand), valid(phone="06-1234 5678"))
    assert response.status_code == 200
    assert "U staat al op de lijst voor dit werk." in plain(response.content)
    assert OpenHiringSignUp.objects.count() == 1


def test_the_honeypot_stores_nothing(client, demand):
    response = client.post(url(demand), valid(website="http://spam.example"))
    assert response.status_code == 302
    assert not OpenHiringSignUp.objects.exists()
    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    assert "plek" not in plain(confirmation.content)


def test_a_forged_confirmation_link_is_a_404(client, demand):
    assert client.get(f"/open-hiring/{demand.pk}/aangemeld/1/").status_code == 404
