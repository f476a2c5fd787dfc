"""The employer portal: only the employer's own record, placements and requests."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from werkpunt.accounts.models import AuditEvent, Profile, Role

pytestmark = pytest.mark.django_db

URL = "/mijn/"


@pytest.fixture
def setup(make_user, build):
    """Two employers, each with a user, a placement, deadlines, helpers and a request."""
    adviser = make_user(role=Role.ADVISER, first_name="Anna", last_name="de Boer")
    Profile.objects.filter(user=adviser).update(phone="0591 685 000")
    own_user = make_user(role=Role.EMPLOYER)
    other_user = make_user(role=Role.EMPLOYER)
    own = build.employer(
        contact_person=adviser,
        name="Kwekerij Melenhorst",
        municipality="borger-odoorn",
        organisation=own_user.profile.organisation,
    )
    other = build.employer(
        contact_person=adviser,
        name="Bakkerij Anders",
        organisation=other_user.profile.organisation,
    )
    day = timezone.localdate()
    placement = build.placement(
        employer=own,
        worker_name="Sanne V.",
        job_title="Medewerker kas",
        start=day - dt.timedelta(days=40),
        end_date=day + dt.timedelta(days=300),
    )
    build.deadline(
        placement=placement,
        owner=adviser,
        due=day + dt.timedelta(days=10),
        title="Vraag de doelgroepverklaring aan",
        actor="werkgever",
        amount=600000,
    )
    build.deadline(
        placement=placement,
        owner=adviser,
        due=day + dt.timedelta(days=5),
        title="Beoordeling door UWV",
        actor="uwv",
    )
    build.deadline(
        placement=placement,
        owner=adviser,
        due=day - dt.timedelta(days=5),
        title="Al gedaan",
        actor="werkgever",
        status="done",
    )
    build.helper(
        placement=placement,
        name="Joost Jobcoach",
        role="jobcoach",
        phone="06 12345678",
        is_coordinator=True,
    )
    build.helper(placement=placement, name="Mieke Maatje", role="maatje")
    other_placement = build.placement(employer=other, worker_name="Piet Elders", job_title="Bakker")
    build.deadline(
        placement=other_placement,
        owner=adviser,
        due=day,
        title="Deadline van een ander",
        actor="werkgever",
    )
    build.request(employer=own, topic="support", status="in_progress", message="Eigen vraag")
    build.request(employer=other, topic="recruitment", organisation="Bakkerij Anders")
    return {
        "user": own_user,
        "other_user": other_user,
        "placement": placement,
        "adviser": adviser,
    }


def test_shows_the_one_contact_person_prominently(client, login, parse, setup):
    login(client, setup["user"])

    page = parse(client.get(URL).content)

    contact = page.by_id("contactpersoon")
    assert contact.plain == "Uw vaste contactpersoon"
    section = next(
        e for e in page.find_all("section") if e.attrs.get("aria-labelledby") == "contactpersoon"
    )
    assert "Anna de Boer" in section.plain
    assert "Gemeente Emmen" in section.plain
    assert "0591 685 000" in section.plain
    assert setup["adviser"].email in section.plain
    hrefs = [a.attrs.get("href") for a in page.find_all("a")]
    assert "tel:0591685000" in hrefs


def test_shows_only_own_placements_with_what_to_do(client, login, parse, setup):
    login(client, setup["user"])

    body = parse(client.get(URL).content).find("main").plain

    assert "Sanne V. — Medewerker kas" in body
    assert "Vraag de doelgroepverklaring aan" in body
    assert "Gebeurt dit niet op tijd, dan loopt u € 6.000,00 mis." in body
    assert "Beoordeling door UWV" not in body  # not the employer's to do
    assert "Al gedaan" not in body
    assert "Bel eerst Joost Jobcoach." in body
    assert "Mieke Maatje" in body
    assert "Eigen vraag" not in body  # the question text is not repeated, the status is
    assert "In behandeling" in body
    for foreign in ("Piet Elders", "Bakker", "Deadline van een ander", "Bakkerij Anders"):
        assert foreign not in body


def test_other_employer_sees_only_its_own(client, login, parse, setup):
    login(client, setup["other_user"])

    body = parse(client.get(URL).content).find("main").plain

    assert "Piet Elders" in body
    assert "Sanne V." not in body
    assert "Kwekerij Melenhorst" not in body


def test_worker_name_view_is_audited(client, login, setup):
    login(client, setup["user"])

    client.get(URL)

    event = AuditEvent.objects.get(object_type="placements.worker")
    assert event.object_id == str(setup["placement"].worker_id)
    assert event.actor == setup["user"]
    assert event.fields == ["display_name"]
    assert event.reason.startswith("Werkgeversportaal")


def test_buttons_for_a_question_and_the_financieel_cv(client, login, parse, setup):
    login(client, setup["user"])

    page = parse(client.get(URL).content)

    links = {a.plain: a.attrs["href"] for a in page.find_all("a") if "href" in a.attrs}
    assert links["Stel een vraag"] == "/vraag/"
    assert links["Bereken wat een nieuwe medewerker oplevert"] == (
        "/financieel-cv/?municipality=borger-odoorn"
    )
    assert "vullen wij de gemeente Borger-Odoorn alvast in" in page.find("main").plain


def test_the_financieel_cv_link_prefills_the_wizard(client, login, setup):
    login(client, setup["user"])

    response = client.get("/financieel-cv/?municipality=borger-odoorn")

    assert response.status_code == 302
    assert client.session["financieel_cv"]["answers"] == {"municipality": "borger-odoorn"}


def test_employer_user_without_employer_gets_a_contact_route(client, make_user, login, parse):
    login(client, make_user(role=Role.EMPLOYER))

    response = client.get(URL)

    assert response.status_code == 200
    page = parse(response.content)
    assert "Uw account is nog niet gekoppeld aan uw bedrijf." in page.find("main").plain
    assert [a.attrs["href"] for a in page.find_all("a") if a.plain == "Stel een vraag"] == [
        "/vraag/"
    ]


@pytest.mark.parametrize("role", [Role.ADVISER, Role.TEAM_LEAD, Role.BOARD, Role.JOBCOACH])
def test_refuses_staff(client, make_user, login, role):
    login(client, make_user(role=role))

    assert client.get(URL).status_code == 403


def test_empty_states(client, make_user, login, build, parse):
    user = make_user(role=Role.EMPLOYER)
    adviser = make_user(role=Role.ADVISER)
    build.employer(contact_person=adviser, organisation=user.profile.organisation)
    login(client, user)

    texts = [
        e.plain for e in parse(client.get(URL).content).elements if e.has_class("dashboard-empty")
    ]

    assert texts == [
        (
            "Er werkt nog niemand bij u via het WSP. Wilt u iemand een kans geven? "
            "Stel een vraag of bel uw contactpersoon."
        ),
        "U heeft nog geen vragen gesteld.",
    ]
