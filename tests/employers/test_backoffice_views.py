"""The back-office screens: who may open them, that they render, forms, and the audit trail."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from werkpunt.accounts.models import AuditEvent, Invitation
from werkpunt.employers import services
from werkpunt.employers.models import ContactLogEntry, Employer, Request, Status
from werkpunt.placements.models import Helper, Placement, Worker

pytestmark = pytest.mark.django_db

STAFF_ROLES = ("adviseur", "teamleider")
OTHER_ROLES = ("jobcoach", "bestuur", "redacteur", "beheerder")


@pytest.fixture
def world(make_user, make_employer, make_request):
    """Two employers, each with a portal user and a request."""
    own = make_employer(name="Bakkerij Bol", kvk_number="12345678")
    other = make_employer(name="Boerderij Zon", kvk_number="87654321")
    own_org = services.employer_ensure_organisation(employer=own)
    services.employer_ensure_organisation(employer=other)
    return {
        "own": own,
        "other": other,
        "own_request": make_request(employer=own, organisation=own.name),
        "other_request": make_request(employer=other, organisation=other.name),
        "employer_user": make_user(role="werkgever", organisation=own_org),
    }


def _pages(world):
    own, vraag = world["own"], world["own_request"]
    return [
        "/werk/werkgevers/",
        "/werk/werkgevers/nieuw/",
        f"/werk/werkgevers/{own.pk}/",
        f"/werk/werkgevers/{own.pk}/wijzigen/",
        "/werk/vragen/",
        *[f"/werk/vragen/?tab={tab}" for tab in ("mine", "intake", "overdue", "open", "done")],
        f"/werk/vragen/{vraag.pk}/",
        f"/werk/vragen/{vraag.pk}/?zoek=bol",
        "/werk/vragen/nieuw/",
        f"/werk/vragen/nieuw/?werkgever={own.pk}",
    ]


# --- Who may open what -------------------------------------------------------------------------


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_every_page_renders_for_advisers_and_teamleiders(
    client, login, make_user, world, parse, role
):
    login(client, make_user(role=role))
    for url in _pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        page = parse(response.content)
        assert len(page.find_all("h1")) == 1, url
        for table in page.find_all("table"):
            assert table.has_class("utrecht-table"), url
        assert page.find_all("caption") or not page.find_all("table"), url
        assert all(th.attrs.get("scope") in {"col", "row"} for th in page.find_all("th")), url
        assert "no-store" in response.headers.get(
            "Cache-Control", ""
        ) or "max-age=0" in response.headers.get("Cache-Control", ""), url


def test_pages_work_in_english_too(client, login, make_user, world):
    login(client, make_user(role="adviseur"))
    assert client.get("/en/werk/werkgevers/").status_code == 200
    assert client.get(f"/en/werk/vragen/{world['own_request'].pk}/").status_code == 200


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_staff_roles_get_403(client, login, make_user, world, role):
    login(client, make_user(role=role))
    for url in _pages(world):
        assert client.get(url).status_code == 403, url
    vraag = world["own_request"]
    assert client.post(f"/werk/vragen/{vraag.pk}/oppakken/").status_code == 403
    vraag.refresh_from_db()
    assert vraag.owner is None


def test_anonymous_users_go_to_the_login(client, world):
    response = client.get("/werk/werkgevers/")
    assert response.status_code == 302
    assert "/account/" in response["Location"]


def test_staff_without_second_factor_go_to_that_step(client, make_user, world):
    client.force_login(make_user(role="adviseur"))
    response = client.get("/werk/vragen/")
    assert response.status_code == 302


def test_an_employer_user_sees_only_its_own_record_and_requests(client, login, world, parse, text):
    login(client, world["employer_user"])
    own, other = world["own"], world["other"]

    assert client.get(f"/werk/werkgevers/{other.pk}/").status_code == 404
    assert client.get(f"/werk/vragen/{world['other_request'].pk}/").status_code == 404
    # The lists and forms are for staff.
    assert client.get("/werk/werkgevers/").status_code == 403
    assert client.get("/werk/vragen/").status_code == 403
    assert client.get(f"/werk/werkgevers/{own.pk}/wijzigen/").status_code == 403
    assert (
        client.post(
            f"/werk/vragen/{world['own_request'].pk}/antwoord/", {"answer": "x"}
        ).status_code
        == 403
    )

    mine = client.get(f"/werk/werkgevers/{own.pk}/")
    assert mine.status_code == 200
    page = parse(mine.content)
    assert "Bakkerij Bol" in text(page.find("h1"))
    assert not any(e.attrs.get("id") == "contacten" for e in page.elements), "no contact log"
    forms = [f.attrs["action"] for f in page.find_all("form", method="post")]
    assert not [action for action in forms if action.startswith("/werk/")], "read-only"
    assert client.get(f"/werk/vragen/{world['own_request'].pk}/").status_code == 200


# --- The audit trail ---------------------------------------------------------------------------


def test_viewing_a_request_is_written_in_the_audit_trail(client, login, make_user, world):
    adviser = make_user(role="adviseur")
    login(client, adviser)
    vraag = world["own_request"]

    response = client.get(f"/werk/vragen/{vraag.pk}/")

    assert vraag.phone in response.content.decode()
    event = AuditEvent.objects.get(object_type="employers.request", object_id=str(vraag.pk))
    assert event.actor == adviser
    assert event.action == "view"
    assert set(event.fields) >= {"name", "email", "phone"}
    assert event.reason


def test_a_refused_request_page_writes_no_audit(client, login, make_user, world):
    login(client, make_user(role="jobcoach"))
    client.get(f"/werk/vragen/{world['own_request'].pk}/")
    assert not AuditEvent.objects.exists()


# --- Employers: list, create, edit -------------------------------------------------------------


def test_employer_list_searches_filters_and_pages(
    client, login, make_user, make_employer, parse, text
):
    adviser = make_user(role="adviseur")
    login(client, adviser)
    for n in range(30):
        make_employer(name=f"Kwekerij {n:02d}", contact_person=adviser)
    farm = make_employer(name="Boerderij Zon", kvk_number="87654321", municipality="coevorden")

    first = parse(client.get("/werk/werkgevers/").content)
    assert len(first.find_all("th", scope="row")) == 25
    assert "Pagina 1 van 2" in first.find("nav", class_="werkpunt-pagination").plain
    second = parse(client.get("/werk/werkgevers/?pagina=2").content)
    assert [th.plain for th in second.find_all("th", scope="row")] == [
        f"Kwekerij {n}" for n in range(24, 30)
    ]

    assert "Boerderij Zon" in client.get("/werk/werkgevers/?q=8765").content.decode()
    only_farm = parse(client.get("/werk/werkgevers/?gemeente=coevorden").content)
    assert "1 werkgever gevonden" in text(only_farm.find("p", role="status"))
    by_person = client.get(f"/werk/werkgevers/?contactpersoon={farm.contact_person_id}").content
    assert "Kwekerij" not in by_person.decode()
    # A wrong filter value is ignored, never an error page.
    assert (
        client.get("/werk/werkgevers/?gemeente=parijs&contactpersoon=abc&pagina=x").status_code
        == 200
    )


def test_create_an_employer(client, login, make_user, parse):
    adviser = make_user(role="adviseur")
    login(client, adviser)
    form = parse(client.get("/werk/werkgevers/nieuw/").content)
    selected = [o for o in form.find_all("option") if "selected" in o.attrs]
    assert [o.attrs["value"] for o in selected if o.attrs["value"]] == [str(adviser.pk)]

    response = client.post(
        "/werk/werkgevers/nieuw/",
        {
            "name": "Bakkerij Bol",
            "kvk_number": "1234 5678",
            "sector": "food",
            "size": "1-9",
            "municipality": "emmen",
            "contact_person": adviser.pk,
        },
    )

    employer = Employer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/werk/werkgevers/{employer.pk}/"
    assert employer.kvk_number == "12345678"
    assert "De werkgever is toegevoegd." in client.get(response["Location"]).content.decode()


def test_a_duplicate_kvk_number_says_so_and_links_to_the_record(
    client, login, make_user, make_employer, parse, text
):
    adviser = make_user(role="adviseur")
    login(client, adviser)
    existing = make_employer(name="Bakkerij Bol", kvk_number="12345678")

    response = client.post(
        "/werk/werkgevers/nieuw/",
        {
            "name": "Bol",
            "kvk_number": "12345678",
            "sector": "food",
            "size": "1-9",
            "municipality": "emmen",
            "contact_person": adviser.pk,
        },
    )

    assert response.status_code == 200
    page = parse(response.content)
    assert "Fout:" in text(page.find("title"))
    error = page.by_id("werkgever-kvk_number_error")
    assert "Deze werkgever staat er al in" in text(error)
    links = [a.attrs["href"] for a in page.find_all("a")]
    assert links.count(f"/werk/werkgevers/{existing.pk}/") >= 2, (
        "next to the field and in the summary"
    )
    assert page.by_id("werkgever-name").attrs["value"] == "Bol", "what was typed is kept"
    assert Employer.objects.count() == 1


def test_create_with_errors_shows_a_summary_and_keeps_the_input(
    client, login, make_user, parse, text
):
    login(client, make_user(role="adviseur"))
    response = client.post("/werk/werkgevers/nieuw/", {"name": "Bakkerij Bol", "kvk_number": "12"})
    page = parse(response.content)
    summary = page.find("div", role="group")
    assert "Verbeter dit" in text(summary)
    hrefs = [
        a.attrs["href"]
        for a in page.find_all("a")
        if a.attrs.get("href", "").startswith("#werkgever-")
    ]
    assert "#werkgever-kvk_number" in hrefs
    assert "#werkgever-sector" in hrefs
    assert "8 cijfers" in text(page.by_id("werkgever-kvk_number_error"))
    assert page.by_id("werkgever-kvk_number").attrs["aria-invalid"] == "true"
    assert page.by_id("werkgever-name").attrs["value"] == "Bakkerij Bol"


def test_edit_the_contact_person(client, login, make_user, make_employer):
    lead = make_user(role="teamleider")
    login(client, lead)
    employer = make_employer()
    new = make_user(role="adviseur", first_name="Nieuwe")

    response = client.post(
        f"/werk/werkgevers/{employer.pk}/wijzigen/",
        {
            "name": employer.name,
            "kvk_number": employer.kvk_number,
            "sector": employer.sector,
            "size": employer.size,
            "municipality": employer.municipality,
            "contact_person": new.pk,
        },
    )

    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.contact_person == new
    page = client.get(f"/werk/werkgevers/{employer.pk}/").content.decode()
    assert "Vaste contactpersoon gewijzigd" in page


def test_a_teamleider_cannot_be_chosen_as_contact_person(client, login, make_user, make_employer):
    login(client, make_user(role="adviseur"))
    employer = make_employer()
    lead = make_user(role="teamleider")
    response = client.post(
        f"/werk/werkgevers/{employer.pk}/wijzigen/",
        {
            "name": employer.name,
            "kvk_number": employer.kvk_number,
            "sector": employer.sector,
            "size": employer.size,
            "municipality": employer.municipality,
            "contact_person": lead.pk,
        },
    )
    assert response.status_code == 200
    assert "Kies een adviseur uit de lijst." in response.content.decode()


# --- Employers: the page and its forms ---------------------------------------------------------


def test_employer_page_shows_the_contact_person(
    client, login, make_user, make_employer, partner, parse, text
):
    contact = make_user(role="adviseur", first_name="Sanne", organisation=partner("uwv"))
    contact.profile.phone = "0591 111 222"
    contact.profile.save()
    employer = make_employer(contact_person=contact)
    login(client, make_user(role="adviseur"))

    page = parse(client.get(f"/werk/werkgevers/{employer.pk}/").content)
    hrefs = [a.attrs.get("href") for a in page.find_all("a")]
    assert "tel:0591111222" in hrefs
    assert f"mailto:{contact.email}" in hrefs
    body = text(page.find("main"))
    assert "Sanne" in body
    assert "UWV" in body


def test_add_and_remove_a_location(client, login, make_user, make_employer, parse):
    login(client, make_user(role="adviseur"))
    employer = make_employer()
    url = f"/werk/werkgevers/{employer.pk}/vestigingen/"

    bad = client.post(
        url,
        {"street": "Hoofdstraat 1", "postcode": "12", "place": "Emmen", "municipality": "emmen"},
    )
    assert bad.status_code == 200
    page = parse(bad.content)
    assert "7811 AB" in page.by_id("vestiging-postcode_error").plain
    assert page.by_id("vestiging-street").attrs["value"] == "Hoofdstraat 1"
    assert "open" in page.find("details").attrs

    good = client.post(
        url,
        {
            "street": "Hoofdstraat 1",
            "postcode": "7811ab",
            "place": "Emmen",
            "municipality": "emmen",
        },
    )
    assert good.status_code == 302
    location = employer.locations.get()
    assert location.postcode == "7811 AB"

    removed = client.post(f"/werk/werkgevers/{employer.pk}/vestigingen/{location.pk}/verwijderen/")
    assert removed.status_code == 302
    assert not employer.locations.exists()
    assert client.get(url).status_code == 405


def test_add_a_contact_newest_first(client, login, make_user, make_employer):
    login(client, make_user(role="adviseur"))
    employer = make_employer()
    url = f"/werk/werkgevers/{employer.pk}/contact/"

    future = client.post(url, {"kind": "phone", "date": "2099-01-01", "summary": "Gebeld"})
    assert "Deze datum ligt in de toekomst" in future.content.decode()
    assert (
        client.post(url, {"kind": "phone", "date": "02-11-2026", "summary": "Eerste"}).status_code
        == 302
    )
    assert (
        client.post(url, {"kind": "visit", "date": "2026-11-20", "summary": "Tweede"}).status_code
        == 302
    )
    assert (
        client.post(url, {"kind": "note", "date": "2026-11-20", "summary": "x"}).status_code == 200
    )

    html = client.get(f"/werk/werkgevers/{employer.pk}/").content.decode()
    assert html.index("Tweede") < html.index("Eerste")
    assert "20 november 2026" in html
    assert ContactLogEntry.objects.filter(employer=employer).count() == 2


def test_invite_the_employer(
    client, login, make_user, make_employer, django_capture_on_commit_callbacks
):
    login(client, make_user(role="adviseur"))
    employer = make_employer()
    url = f"/werk/werkgevers/{employer.pk}/uitnodigen/"

    assert "Vul een e-mailadres in" in client.post(url, {"email": "geen-adres"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "baas@bol.test"})

    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.organisation is not None
    assert Invitation.objects.get().organisation == employer.organisation


def test_invite_without_invitations_shows_a_message(
    client, login, make_user, make_employer, monkeypatch
):
    monkeypatch.delattr(services.account_services, "invitation_create")
    login(client, make_user(role="adviseur"))
    employer = make_employer()
    page = client.get(f"/werk/werkgevers/{employer.pk}/").content.decode()
    assert "Uitnodigen kan nog niet" in page
    response = client.post(
        f"/werk/werkgevers/{employer.pk}/uitnodigen/", {"email": "a@b.test"}, follow=True
    )
    assert "Uitnodigen kan nog niet" in response.content.decode()


def _placement(employer, *, name, created_by=None):
    worker = Worker.objects.create(display_name=name)
    return Placement.objects.create(
        employer=employer,
        worker=worker,
        job_title="Medewerker bakkerij",
        start_date=dt.date(2026, 9, 1),
        hours_per_week=Decimal("24.0"),
        hourly_wage_cents=1450,
        contract="fixed",
        created_by=created_by,
    )


def test_placements_show_the_worker_name_only_to_those_involved(
    client, login, make_user, make_employer
):
    contact = make_user(role="adviseur")
    employer = make_employer(contact_person=contact)
    placement = _placement(employer, name="Ahmed K.")
    colleague = make_user(role="adviseur")

    login(client, colleague)
    html = client.get(f"/werk/werkgevers/{employer.pk}/").content.decode()
    assert "Ahmed K." not in html
    assert "werknemer" in html
    assert "Medewerker bakkerij" in html
    assert not AuditEvent.objects.filter(object_type="placements.worker").exists()

    Helper.objects.create(placement=placement, role="jobcoach", name="x", user=colleague)
    html = client.get(f"/werk/werkgevers/{employer.pk}/").content.decode()
    assert "Ahmed K." in html
    event = AuditEvent.objects.get(object_type="placements.worker")
    assert (event.actor, event.fields) == (colleague, ["display_name"])


# --- Requests: list and detail -----------------------------------------------------------------


def test_request_list_marks_overdue_in_words(client, login, make_user, make_request, parse, text):
    adviser = make_user(role="adviseur")
    login(client, adviser)
    late = make_request(owner=adviser, call_back_by=dt.datetime(2020, 1, 2, 16, tzinfo=dt.UTC))
    make_request(
        owner=adviser,
        organisation="Op tijd BV",
        call_back_by=dt.datetime(2999, 1, 1, tzinfo=dt.UTC),
    )

    page = parse(client.get("/werk/vragen/?tab=mine").content)
    rows = page.find("tbody").plain
    assert rows.count("Te laat") == 1
    assert "2 januari 2020, 17:00" in rows
    current = [a for a in page.find_all("a") if a.attrs.get("aria-current") == "page"]
    assert [text(a) for a in current if "tab=" in a.attrs["href"]] == ["Mijn vragen"]

    overdue = client.get("/werk/vragen/?tab=overdue").content.decode()
    assert f"/werk/vragen/{late.pk}/" in overdue
    assert "Op tijd BV" not in overdue
    assert client.get("/werk/vragen/?tab=onzin").status_code == 200


def test_take_assign_link_and_answer(client, login, make_user, make_employer, make_request, parse):
    adviser = make_user(role="adviseur")
    colleague = make_user(role="teamleider", first_name="Tineke")
    employer = make_employer(name="Bakkerij Bol", kvk_number="12345678")
    vraag = make_request(organisation="Bol")
    login(client, adviser)
    url = f"/werk/vragen/{vraag.pk}/"

    assert client.post(f"{url}oppakken/").status_code == 302
    vraag.refresh_from_db()
    assert (vraag.owner, vraag.status) == (adviser, Status.IN_PROGRESS)

    bad = client.post(f"{url}toewijzen/", {"owner": "999999"})
    assert "Kies een collega uit de lijst." in bad.content.decode()
    assert client.post(f"{url}toewijzen/", {"owner": colleague.pk}).status_code == 302
    vraag.refresh_from_db()
    assert vraag.owner == colleague

    search = parse(client.get(f"{url}?zoek=1234").content)
    buttons = [b.plain for b in search.find_all("button")]
    assert "Koppel aan Bakkerij Bol" in buttons
    assert client.post(f"{url}werkgever/", {"werkgever": "abc"}).status_code == 302
    assert client.post(f"{url}werkgever/", {"werkgever": employer.pk}).status_code == 302
    vraag.refresh_from_db()
    assert vraag.employer == employer
    assert vraag.owner == colleague, "an owner stays"

    empty = client.post(f"{url}antwoord/", {"answer": "  "})
    assert empty.status_code == 200
    assert "Schrijf op wat u de werkgever hebt geantwoord." in empty.content.decode()
    assert client.post(f"{url}antwoord/", {"answer": "Gebeld, LKS uitgelegd."}).status_code == 302
    vraag.refresh_from_db()
    assert vraag.status == Status.DONE
    assert vraag.answered_at is not None


def test_register_a_phone_call_from_the_employer_page(
    client, login, make_user, make_employer, parse
):
    adviser = make_user(role="adviseur")
    login(client, adviser)
    employer = make_employer()
    url = f"/werk/vragen/nieuw/?werkgever={employer.pk}"

    form = parse(client.get(url).content)
    assert not [e for e in form.elements if e.attrs.get("name") == "organisation"]

    bad = client.post(
        url,
        {
            "source": "phone",
            "topic": "schemes",
            "message": "Vraag over LKS",
            "name": "Piet",
            "preferred_contact": "phone",
        },
    )
    assert bad.status_code == 200
    page = parse(bad.content)
    assert "Vul een e-mailadres of een telefoonnummer in." in page.by_id("nieuw-email_error").plain
    assert page.by_id("nieuw-message").plain == "Vraag over LKS"

    good = client.post(
        url,
        {
            "source": "phone",
            "topic": "schemes",
            "message": "Vraag over LKS",
            "name": "Piet",
            "phone": "0591 123 456",
            "preferred_contact": "phone",
        },
    )
    vraag = Request.objects.get()
    assert good.status_code == 302
    assert good["Location"] == f"/werk/vragen/{vraag.pk}/"
    assert (vraag.employer, vraag.owner, vraag.registered_by) == (
        employer,
        employer.contact_person,
        adviser,
    )


def test_register_without_employer_needs_the_organisation(client, login, make_user):
    login(client, make_user(role="adviseur"))
    response = client.post(
        "/werk/vragen/nieuw/",
        {
            "source": "email",
            "topic": "other",
            "message": "Vraag",
            "name": "Anna",
            "email": "anna@x.test",
            "preferred_contact": "email",
        },
    )
    assert "Vul de naam van het bedrijf in." in response.content.decode()
    assert client.get("/werk/vragen/nieuw/?werkgever=abc").status_code == 404
    assert client.get("/werk/vragen/nieuw/?werkgever=999999").status_code == 404


def test_employer_page_links_to_registering_a_placement(client, login, make_user, world):
    from django.urls import NoReverseMatch, reverse

    try:
        create = reverse("placements:create")
    except NoReverseMatch:
        pytest.skip("placements:create bestaat nog niet")
    own = world["own"]
    link = f"{create}?werkgever={own.pk}"

    login(client, make_user(role="adviseur"))
    assert f'href="{link}"' in client.get(f"/werk/werkgevers/{own.pk}/").content.decode()

    login(client, world["employer_user"])
    assert link not in client.get(f"/werk/werkgevers/{own.pk}/").content.decode()
