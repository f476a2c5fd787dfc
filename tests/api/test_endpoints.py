"""What the endpoints do: search and filters, the writes through the services, errors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from werkpunt.accounts.models import AuditEvent
from werkpunt.api import throttling
from werkpunt.employers.models import ContactLogEntry, Employer
from werkpunt.placements.models import Deadline

pytestmark = pytest.mark.django_db


def _ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


# --- Employers -------------------------------------------------------------------------------


def test_employer_search_by_name_and_kvk(world, call):
    assert _ids(call(world.adviser, "get", "/api/v1/employers/?q=kwekerij")) == [
        world.employer_a.pk
    ]
    assert _ids(call(world.adviser, "get", "/api/v1/employers/?q=8765")) == [world.employer_b.pk]
    assert _ids(call(world.employer_user_a, "get", "/api/v1/employers/?q=bakker")) == []


def test_search_with_a_character_the_database_refuses(world, call):
    response = call(world.adviser, "get", "/api/v1/employers/?q=a%00b")
    assert response.status_code == 400
    assert "teken" in response.json()["errors"]["q"][0]


def test_employer_detail_has_the_contact_person(world, call):
    data = call(world.employer_user_a, "get", f"/api/v1/employers/{world.employer_a.pk}/").json()
    assert data["kvk_number"] == "12345678"
    assert data["contact_person"]["id"] == world.adviser.pk
    assert data["contact_person"]["name"] == "Anna"
    assert data["contact_person"]["email"] == world.adviser.email
    assert data["contact_person"]["organisation"] == "Gemeente Emmen"


def test_create_employer_through_the_service(world, call):
    response = call(
        world.adviser,
        "post",
        "/api/v1/employers/",
        {
            "name": "  Tuinderij   Hospers ",
            "kvk_number": "0123 4567",
            "sector": "agrarisch",
            "size": "1-9",
            "municipality": "borger-odoorn",
        },
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["name"] == "Tuinderij Hospers"
    assert data["kvk_number"] == "01234567"
    assert data["contact_person"]["id"] == world.adviser.pk  # the caller, by default
    employer = Employer.objects.get(pk=data["id"])
    assert ContactLogEntry.objects.filter(employer=employer).exists()  # the service's note


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kvk_number": "1234"}, "kvk_number", "Een KvK-nummer heeft 8 cijfers"),
        ({"kvk_number": "1234567a"}, "kvk_number", "Een KvK-nummer heeft 8 cijfers"),
        ({"kvk_number": "٠١٢٣٤٥٦٧"}, "kvk_number", "Een KvK-nummer heeft 8 cijfers"),
        ({"kvk_number": "87654321"}, "kvk_number", "Deze werkgever staat er al in."),
        ({"name": ""}, "name", "Vul de naam in."),
        ({"name": "   "}, "name", "Vul de naam in."),
        ({"name": "x" * 201}, "name", "De naam is te lang. Gebruik hoogstens 200 tekens."),
        ({"name": None}, "name", "Vul de naam in."),
        ({"name": ["a"]}, "name", "Vul de naam in als tekst."),
        ({"name": "Bakker\x00"}, "name", "een teken dat niet kan worden opgeslagen"),
        ({"sector": "mijnbouw"}, "sector", "Kies voor de sector een van deze waarden"),
        (
            {"contact_person": "abc"},
            "contact_person",
            "Vul voor de contactpersoon een heel getal in.",
        ),
        ({"contact_person": 0}, "contact_person", "1 of meer"),
        ({"contact_person": 2**70}, "contact_person", "te groot"),
        ({"contact_person": 999999}, "contact_person", "Kies als contactpersoon een adviseur"),
    ],
)
def test_create_employer_with_wrong_input_gives_dutch_400(world, call, changes, field, message):
    body = {
        "name": "Nieuw",
        "kvk_number": "11223344",
        "sector": "food",
        "size": "1-9",
        "municipality": "emmen",
        **changes,
    }
    response = call(world.adviser, "post", "/api/v1/employers/", body)
    assert response.status_code == 400, response.content
    error = response.json()
    assert error["code"] == "invalid"
    assert error["detail"].startswith("Controleer de gegevens.")
    assert any(message in text for text in error["errors"][field]), error


def test_contact_person_must_be_an_adviser(world, call):
    response = call(
        world.lead,
        "post",
        "/api/v1/employers/",
        {
            "name": "Nieuw",
            "kvk_number": "11223344",
            "sector": "food",
            "size": "1-9",
            "municipality": "emmen",
            "contact_person": world.jobcoach.pk,
        },
    )
    assert response.status_code == 400
    assert "adviseur" in response.json()["errors"]["contact_person"][0]


def test_missing_fields_are_each_named(world, call):
    response = call(world.adviser, "post", "/api/v1/employers/", {})
    errors = response.json()["errors"]
    assert set(errors) == {"name", "kvk_number", "sector", "size", "municipality"}
    assert errors["kvk_number"] == ["Vul het KvK-nummer in."]


def test_patch_changes_only_the_given_fields(world, call):
    path = f"/api/v1/employers/{world.employer_a.pk}/"
    response = call(world.lead, "patch", path, {"contact_person": world.other_adviser.pk})
    assert response.status_code == 200, response.content
    world.employer_a.refresh_from_db()
    assert world.employer_a.contact_person == world.other_adviser
    assert world.employer_a.name == "Kwekerij De Vries"
    assert world.employer_a.kvk_number == "12345678"


@pytest.mark.parametrize(
    ("body", "content_type", "code"),
    [
        ("{niet goed", "application/json", "parse_error"),
        ("[1, 2]", "application/json", "invalid"),
        ("null", "application/json", "invalid"),
        ("name=x", "application/x-www-form-urlencoded", "unsupported_media_type"),
    ],
)
def test_bodies_that_are_not_a_json_object(world, login, body, content_type, code):
    client = login(Client(), world.adviser)
    response = client.post("/api/v1/employers/", body, content_type=content_type)
    assert response.status_code in (400, 415)
    error = response.json()
    assert error["code"] == code
    assert error["detail"]
    assert "request" not in error["detail"].lower()


# --- Requests --------------------------------------------------------------------------------


def test_request_filters(world, call):
    path = "/api/v1/requests/"
    assert _ids(call(world.lead, "get", path)) == [world.request_b.pk, world.request_a.pk]
    assert _ids(call(world.lead, "get", path + "?status=new")) == [world.request_b.pk]
    assert _ids(call(world.adviser, "get", path + "?owner=me")) == [world.request_a.pk]
    assert _ids(call(world.lead, "get", path + "?owner=me")) == []
    assert _ids(call(world.lead, "get", path + "?overdue=true")) == [world.request_b.pk]
    assert _ids(call(world.lead, "get", path + "?overdue=false")) == [world.request_a.pk]
    overdue = call(world.lead, "get", path + "?overdue=1").json()["results"][0]
    assert overdue["overdue"] is True


@pytest.mark.parametrize(
    ("query", "field"),
    [("status=gesloten", "status"), ("owner=jij", "owner"), ("overdue=misschien", "overdue")],
)
def test_wrong_request_filters_give_400(world, call, query, field):
    response = call(world.lead, "get", f"/api/v1/requests/?{query}")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_answer_goes_through_the_service(world, call):
    response = call(
        world.adviser,
        "post",
        f"/api/v1/requests/{world.request_b.pk}/answer/",
        {"answer": "  Ik heb u gebeld: het kan.  "},
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "done"
    assert data["answer"] == "Ik heb u gebeld: het kan."
    assert data["answered_at"] is not None
    assert data["overdue"] is False
    event = AuditEvent.objects.get(object_type="employers.request", action="change")
    assert event.actor == world.adviser


@pytest.mark.parametrize("body", [{}, {"answer": ""}, {"answer": "   "}, {"answer": "x" * 4001}])
def test_answer_must_have_text(world, call, body):
    response = call(world.adviser, "post", f"/api/v1/requests/{world.request_a.pk}/answer/", body)
    assert response.status_code == 400
    assert "antwoord" in response.json()["errors"]["answer"][0]


# --- Deadlines -------------------------------------------------------------------------------


def test_deadline_filters(world, call):
    path = "/api/v1/deadlines/"
    both = [world.deadline_a.pk, world.deadline_b.pk]
    assert _ids(call(world.lead, "get", path)) == both
    assert _ids(call(world.adviser, "get", path + "?owner=me")) == [world.deadline_a.pk]
    assert _ids(call(world.lead, "get", path + f"?placement={world.placement_b.pk}")) == [
        world.deadline_b.pk
    ]
    assert _ids(call(world.lead, "get", path + "?due_before=2027-01-01")) == [world.deadline_a.pk]
    assert _ids(call(world.lead, "get", path + "?due_before=2026-12-01")) == []
    assert _ids(call(world.lead, "get", path + "?status=done")) == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("due_before=1-12-2026", "Vul voor uiterlijk vóór een datum in zoals 2026-12-01."),
        ("placement=een", "Vul voor de plaatsing een heel getal in."),
        (
            "status=klaar",
            "Kies voor de status een van deze waarden: open, done, missed, not_needed.",
        ),
    ],
)
def test_wrong_deadline_filters_give_dutch_400(world, call, query, message):
    response = call(world.lead, "get", f"/api/v1/deadlines/?{query}")
    assert response.status_code == 400
    assert message in next(iter(response.json()["errors"].values()))


def test_complete_a_deadline_once(world, call):
    path = f"/api/v1/deadlines/{world.deadline_a.pk}/complete/"
    response = call(world.adviser, "post", path)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "done"
    deadline = Deadline.objects.get(pk=world.deadline_a.pk)
    assert deadline.done_by == world.adviser
    assert deadline.done_at is not None
    again = call(world.lead, "post", path)
    assert again.status_code == 400
    assert again.json()["errors"] == {"non_field_errors": ["Deze termijn is al afgehandeld."]}


def test_an_adviser_not_involved_may_not_complete(world, call):
    response = call(world.adviser, "post", f"/api/v1/deadlines/{world.deadline_b.pk}/complete/")
    assert response.status_code == 403
    assert "betrokken" in response.json()["detail"]
    assert Deadline.objects.get(pk=world.deadline_b.pk).status == "open"


def test_reading_requests_is_audited_like_the_screen(world, call):
    call(world.lead, "get", "/api/v1/requests/")
    call(world.employer_user_a, "get", f"/api/v1/requests/{world.request_a.pk}/")
    events = AuditEvent.objects.filter(object_type="employers.request").order_by("pk")
    assert [(e.actor, e.object_id) for e in events] == [
        (world.lead, str(world.request_b.pk)),
        (world.lead, str(world.request_a.pk)),
        (world.employer_user_a, str(world.request_a.pk)),
    ]
    assert {e.reason for e in events} == {"API"}
    assert events[0].fields == ["email", "message", "name", "phone"]


# --- Pages, errors, throttling ---------------------------------------------------------------


def test_pages_of_fifty(world, call, make_user):
    for number in range(51):
        Employer.objects.create(
            name=f"Bedrijf {number:02d}",
            kvk_number=f"{50000000 + number}",
            sector="food",
            size="1-9",
            municipality="emmen",
            contact_person=world.adviser,
        )
    first = call(world.lead, "get", "/api/v1/employers/").json()
    assert first["count"] == 53
    assert len(first["results"]) == 50
    assert first["next"].endswith("/api/v1/employers/?page=2")
    second = call(world.lead, "get", "/api/v1/employers/?page=2").json()
    assert len(second["results"]) == 3
    beyond = call(world.lead, "get", "/api/v1/employers/?page=3")
    assert beyond.status_code == 404
    assert beyond.json()["detail"] == "Deze pagina bestaat niet."


@pytest.mark.parametrize("page", ["0", "-1", "een", "1.5", "99999999999"])
def test_a_page_that_is_not_a_number_gives_400(world, call, page):
    response = call(world.lead, "get", f"/api/v1/employers/?page={page}")
    assert response.status_code == 400
    assert "pagina" in response.json()["errors"]["page"][0]


@pytest.mark.parametrize("value", ["abc", "0", "-3", "99999999999999999999", "1e3"])
def test_ids_that_cannot_exist_are_404(world, call, value):
    response = call(world.lead, "get", f"/api/v1/placements/{value}/")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "Dit bestaat niet, of u mag het niet zien.",
        "code": "not_found",
    }


def test_messages_are_dutch_whatever_the_browser_asks(world, call):
    response = call(None, "get", "/api/v1/employers/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"].startswith("Log in, of stuur uw API-token mee")
    response = call(world.lead, "delete", f"/api/v1/employers/{world.employer_a.pk}/")
    assert response.status_code == 405
    assert response.json()["detail"] == "Dit adres kent de methode DELETE niet."
    response = call(world.lead, "get", "/api/v1/employers/", HTTP_ACCEPT="text/html")
    assert response.status_code == 406
    assert "JSON" in response.json()["detail"]


def test_user_throttle_gives_429_with_retry_after(world, call, monkeypatch):
    monkeypatch.setattr(throttling.UserThrottle, "rate", "2/min")
    assert call(world.lead, "get", "/api/v1/deadlines/").status_code == 200
    assert call(world.lead, "get", "/api/v1/deadlines/").status_code == 200
    response = call(world.lead, "get", "/api/v1/deadlines/")
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert response.json()["detail"].startswith("Te veel verzoeken. Probeer het over")
    assert int(response["Retry-After"]) > 0
    # Another user has a count of their own.
    assert call(world.adviser, "get", "/api/v1/deadlines/").status_code == 200


def test_anonymous_throttle_on_the_schema(world, monkeypatch):
    monkeypatch.setattr(throttling.AnonymousThrottle, "rate", "1/min")
    client = Client()
    assert client.get("/api/schema/").status_code == 200
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 429


def test_deadline_due_date_is_a_date(world, call):
    data = call(world.adviser, "get", f"/api/v1/deadlines/{world.deadline_a.pk}/").json()
    assert dt.date.fromisoformat(data["due_date"]) == dt.date(2026, 12, 1)
    assert data["amount_at_stake_cents"] == 600000
    assert data["owner"] == {"id": world.adviser.pk, "name": "Anna"}
