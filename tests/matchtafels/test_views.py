"""The matchtafel screens and the session sheet: who sees what, Dutch errors, the PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from werkpunt.accounts.models import AuditAction, AuditEvent, Organisation
from werkpunt.matchtafels import services
from werkpunt.matchtafels.models import Matchtafel, MatchtafelOutcome, MatchtafelPair
from werkpunt.placements.models import Placement

pytestmark = pytest.mark.django_db


def detail_url(table):
    return reverse("matchtafels:detail", args=[table.pk])


@pytest.fixture
def world(table, adviser, make_person, make_demand, employer_a, employer_b):
    """Two people at the table (one released), two places, and a proposal."""
    hidden = make_person(employer=employer_a, display_name="Verborgen Persoon")
    shown = make_person(employer=employer_a, display_name="Zichtbare Persoon", released=True)
    first = make_demand(employer=employer_b, title="Orderpicker")
    second = make_demand(employer=employer_a, title="Magazijnmedewerker")
    services.proposal_run(matchtafel=table, by=adviser)
    return {"hidden": hidden, "shown": shown, "demands": (first, second)}


@pytest.fixture
def employer_user(make_user, employer_b):
    user = make_user(role="werkgever")
    employer_b.organisation = Organisation.objects.get(pk=user.profile.organisation_id)
    employer_b.save()
    return user


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


# --- Who may see what ----------------------------------------------------------------------


def test_roles_outside_the_back_office_get_403_and_anonymous_goes_to_login(
    client, table, make_user, login
):
    assert client.get(reverse("matchtafels:list")).status_code == 302
    for role in ("jobcoach", "bestuur", "werkgever"):
        login(client, make_user(role=role))
        assert client.get(reverse("matchtafels:list")).status_code == 403
        assert client.get(detail_url(table)).status_code == 403


def test_employer_not_at_the_table_gets_404(client, table, make_user, login, employer_other):
    user = make_user(role="werkgever")
    employer_other.organisation = Organisation.objects.get(pk=user.profile.organisation_id)
    employer_other.save()
    login(client, user)
    assert client.get(reverse("matchtafels:employer_detail", args=[table.pk])).status_code == 404
    assert client.get(reverse("matchtafels:sheet", args=[table.pk])).status_code == 404
    assert table.title not in client.get(reverse("matchtafels:employer_list")).content.decode()


def test_employer_sees_released_names_only_in_html_and_pdf(
    client, table, world, employer_user, login
):
    login(client, employer_user)
    html = client.get(reverse("matchtafels:employer_detail", args=[table.pk])).content.decode()
    assert "Zichtbare Persoon" in html
    assert "Verborgen Persoon" not in html
    assert world["hidden"].reference in html
    assert "Kwekerij De Linde" in html
    response = client.get(reverse("matchtafels:sheet", args=[table.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Verborgen" not in text
    assert world["hidden"].reference in text
    assert "Zichtbare Persoon" in text
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, object_id=str(world["shown"].pk)
    ).exists()


def test_withdrawal_hides_the_name_at_once(client, table, world, employer_user, login):
    shown = world["shown"]
    shown.consent_withdrawn_at = timezone.now()
    shown.save()
    login(client, employer_user)
    html = client.get(reverse("matchtafels:employer_detail", args=[table.pk])).content.decode()
    assert "Zichtbare Persoon" not in html
    assert shown.reference not in html


def test_adviser_of_another_partner_sees_references_own_adviser_sees_names(
    client, table, world, adviser, make_user, login
):
    uwv = Organisation.objects.create(name="UWV", slug="uwv", kind="uwv")
    login(client, make_user(role="adviseur", organisation=uwv))
    html = client.get(detail_url(table)).content.decode()
    assert "Verborgen Persoon" not in html
    assert world["hidden"].reference in html
    client.logout()
    login(client, adviser)
    html = client.get(detail_url(table)).content.decode()
    assert "Verborgen Persoon" in html
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW,
        object_type="candidates.candidate",
        object_id=str(world["hidden"].pk),
        actor=adviser,
    ).exists()


def test_only_advisers_of_the_table_change_it(client, table, make_user, login):
    login(client, make_user(role="adviseur"))
    assert client.get(detail_url(table)).status_code == 200
    assert client.get(reverse("matchtafels:update", args=[table.pk])).status_code == 403
    assert client.post(reverse("matchtafels:propose", args=[table.pk])).status_code == 403


# --- Pages -----------------------------------------------------------------------------------


def test_list_shows_upcoming_and_past_with_counts(client, make_table, adviser, login, parse, today):
    upcoming = make_table(title="Tafel binnenkort")
    past = make_table(title="Tafel van vorige maand")
    Matchtafel.objects.filter(pk=past.pk).update(date=today - dt.timedelta(days=30))
    login(client, adviser)
    page = parse(client.get(reverse("matchtafels:list")).content)
    captions = [c.plain for c in page.find_all("caption")]
    assert len(captions) == 2
    tables = page.find_all("table")
    assert upcoming.title in tables[0].plain
    assert past.title not in tables[0].plain
    assert past.title in tables[1].plain
    assert len(page.find_all("h1")) == 1


def test_create_with_bad_input_keeps_values_and_shows_dutch_errors(
    client, adviser, employer_a, login, parse, today
):
    login(client, adviser)
    response = client.post(
        reverse("matchtafels:create"),
        {
            "title": "Tafel Hoogeveen",
            "date": (today + dt.timedelta(days=7)).isoformat(),
            "location": "Raadhuis",
            "period_start": (today + dt.timedelta(days=20)).isoformat(),
            "period_end": (today + dt.timedelta(days=10)).isoformat(),
            "employers": [str(employer_a.pk)],
            "min_score": "abc",
        },
    )
    assert response.status_code == 200
    page = parse(response.content)
    summary = page.find("div", role="group").plain
    assert "vóór de begindatum" in summary
    assert "minstens twee werkgevers" in summary
    assert "heel getal" in summary
    assert page.by_id("id_title").attrs["value"] == "Tafel Hoogeveen"
    assert page.by_id("id_employers_0").attrs.get("checked") is not None
    assert not Matchtafel.objects.exists()


def test_create_groups_employers_by_municipality_and_saves(
    client, adviser, employer_a, employer_b, login, parse, today
):
    login(client, adviser)
    page = parse(client.get(reverse("matchtafels:create")).content)
    legends = [legend.plain for legend in page.find_all("legend")]
    assert "Coevorden" in legends
    assert "Emmen" in legends
    response = client.post(
        reverse("matchtafels:create"),
        {
            "title": "Tafel Coevorden",
            "date": (today + dt.timedelta(days=7)).strftime("%d-%m-%Y"),
            "location": "Gemeentehuis",
            "period_start": (today + dt.timedelta(days=1)).isoformat(),
            "period_end": (today + dt.timedelta(days=60)).isoformat(),
            "employers": [str(employer_a.pk), str(employer_b.pk)],
            "advisers": [str(adviser.pk)],
            "min_score": "40",
        },
    )
    table = Matchtafel.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(table)
    assert table.min_score == 0.4
    assert table.created_by == adviser


def test_propose_shows_the_table_with_explanations(client, table, world, adviser, login, parse):
    MatchtafelPair.objects.all().delete()
    login(client, adviser)
    response = client.post(reverse("matchtafels:propose", args=[table.pk]))
    assert response.status_code == 302
    assert MatchtafelPair.objects.filter(matchtafel=table, kind="assigned").count() == 2
    page = parse(client.get(detail_url(table)).content)
    proposal = page.find("table", class_="utrecht-table werkpunt-matchtafel-proposal")
    assert "%" in proposal.plain
    assert page.find_all("details")
    assert "Taken:" in page.find("details").plain


def test_outcome_form_bad_input_stays_on_the_page_in_dutch(
    client, table, world, adviser, login, parse
):
    login(client, adviser)
    person = world["hidden"]
    demand = world["demands"][0]
    prefix = f"p{person.pk}"
    url = reverse("matchtafels:outcome", args=[table.pk, person.pk])
    data = {
        f"{prefix}-kind": "placed",
        f"{prefix}-demand": str(demand.pk),
        f"{prefix}-start_date": "31-02-2027",
        f"{prefix}-hours_per_week": "24,5",
        f"{prefix}-hourly_wage": "",
        f"{prefix}-contract": "fixed",
        f"{prefix}-note": "Goed gesprek",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    page = parse(response.content)
    summary = page.find("div", role="group").plain
    assert "geen datum die wij kunnen lezen" in summary
    assert "uurloon" in summary
    assert page.by_id(f"id_{prefix}-hours_per_week").attrs["value"] == "24,5"
    assert page.by_id(f"id_{prefix}-note").plain == "Goed gesprek"
    assert not MatchtafelOutcome.objects.exists()


def test_outcome_placed_flows_into_placements(client, table, world, adviser, login, today):
    login(client, adviser)
    person = world["shown"]
    demand = world["demands"][0]
    prefix = f"p{person.pk}"
    response = client.post(
        reverse("matchtafels:outcome", args=[table.pk, person.pk]),
        {
            f"{prefix}-kind": "placed",
            f"{prefix}-demand": str(demand.pk),
            f"{prefix}-start_date": (today + dt.timedelta(days=35)).isoformat(),
            f"{prefix}-end_date": (today + dt.timedelta(days=400)).isoformat(),
            f"{prefix}-hours_per_week": "24",
            f"{prefix}-hourly_wage": "15,20",
            f"{prefix}-contract": "fixed",
        },
    )
    assert response.status_code == 302
    outcome = MatchtafelOutcome.objects.get(candidate=person)
    placement = Placement.objects.get(pk=outcome.placement_id)
    assert placement.hourly_wage_cents == 1520
    assert placement.employer == demand.employer
    assert placement.deadlines.exists()
    html = client.get(detail_url(table)).content.decode()
    assert reverse("placements:detail", args=[placement.pk]) in html


def test_missing_profiles_are_listed_with_a_link(
    client, table, make_ending, employer_b, adviser, login
):
    bare = make_ending(employer=employer_b)
    login(client, adviser)
    html = client.get(detail_url(table)).content.decode()
    assert f"/werk/kandidaten/nieuw/?werknemer={bare.worker_id}" in html


def test_session_sheet_is_a_tagged_pdf_with_the_title(client, table, world, adviser, login):
    login(client, adviser)
    response = client.get(reverse("matchtafels:sheet", args=[table.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Matchtafel Emmen voorjaar" in text
    # The sheet goes on the table: even the own adviser prints references for the unreleased.
    assert "Verborgen Persoon" not in text
    assert world["hidden"].reference in text
    assert "Zichtbare Persoon" in text
    assert "Alternatief" in text or "Voorstel" in text
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(response.content))
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_close_puts_the_table_on_held(client, table, adviser, login):
    Matchtafel.objects.filter(pk=table.pk).update(date=timezone.localdate())
    login(client, adviser)
    response = client.post(reverse("matchtafels:close", args=[table.pk]))
    assert response.status_code == 302
    table.refresh_from_db()
    assert table.status == "held"
