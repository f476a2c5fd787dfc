"""The back-office screens: who may open them, forms with Dutch errors, the matching screen."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from werkpunt.accounts.models import AuditAction, AuditEvent
from werkpunt.demands import services
from werkpunt.demands.models import (
    Demand,
    MatchAction,
    MatchLogEntry,
    MatchProposal,
    OpenHiringSignUp,
    ProposalStatus,
)

pytestmark = pytest.mark.django_db

TWO_TASKS = [("orderpicken-magazijn", 16), ("heftruck-rijden", 8)]


def detail(demand):
    return reverse("demands:detail", args=[demand.pk])


def form_data(**changes):
    data = {
        "title": "Medewerker magazijn",
        "description": "",
        "place": "emmen",
        "positions": "2",
        "min_hours": "",
        "language_min": "geen",
        "rijen": "5",
        "taak_0": "orderpicken-magazijn",
        "uren_0": "16",
        "gewicht_0": "2",
        "taak_1": "heftruck-rijden",
        "uren_1": "8,5",
        "gewicht_1": "1",
        "actie": "opslaan",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def plain(content: bytes) -> str:
    html = content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


# --- Who may open the screens ------------------------------------------------------------------


@pytest.mark.parametrize("role", ["jobcoach", "werkgever", "bestuur"])
def test_only_advisers_and_teamleiders_open_the_screens(
    client, login, make_user, make_demand, role
):
    demand = make_demand()
    login(client, make_user(role=role))
    assert client.get(reverse("demands:list")).status_code == 403
    assert client.get(detail(demand)).status_code == 403


def test_an_unknown_demand_is_a_404(client, login, adviser):
    login(client, adviser)
    assert client.get(reverse("demands:detail", args=[999])).status_code == 404
    assert client.get(reverse("demands:create") + "?werkgever=999").status_code == 404
    assert client.get(reverse("demands:for_candidate", args=[999])).status_code == 404


def test_the_list_shows_hours_place_and_open_hiring_as_text(
    client, login, adviser, employer, make_demand, parse
):
    make_demand(employer=employer, tasks=TWO_TASKS, title="Magazijn")
    make_demand(employer=employer, title="Kassa", open_hiring=True, basic_requirements="Tellen.")
    login(client, adviser)
    page = parse(client.get(reverse("demands:list")).content)
    rows = [r.plain for r in page.find_all("tr", **{"class": "utrecht-table__row"})][1:]
    assert any("Magazijn" in r and "Emmen" in r and " 24 " in f" {r} " for r in rows)
    assert any("Kassa" in r and "Open hiring" in r for r in rows)


# --- Create and change -------------------------------------------------------------------------


def test_create_a_demand_as_tasks(client, login, adviser, employer):
    login(client, adviser)
    url = reverse("demands:create") + f"?werkgever={employer.pk}"
    response = client.post(url, form_data(days=["ma", "di"]))
    demand = Demand.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(demand)
    assert demand.employer == employer
    assert demand.positions == 2
    assert demand.days == ["ma", "di"]
    assert [(t.task_id, str(t.hours), str(t.weight)) for t in demand.tasks.order_by("pk")] == [
        ("orderpicken-magazijn", "16.0", "2.0"),
        ("heftruck-rijden", "8.5", "1.0"),
    ]


def test_create_without_an_employer_explains_where_to_start(client, login, adviser):
    login(client, adviser)
    response = client.get(reverse("demands:create"))
    assert response.status_code == 200
    assert "pagina van de werkgever" in plain(response.content)


def test_bad_input_shows_dutch_errors_and_keeps_the_values(client, login, adviser, employer, parse):
    login(client, adviser)
    url = reverse("demands:create") + f"?werkgever={employer.pk}"
    response = client.post(
        url,
        form_data(title="", uren_0="", taak_1="", uren_1="7", open_hiring="on", positions="nul"),
    )
    assert response.status_code == 200
    text = plain(response.content)
    assert "De werkvraag is nog niet opgeslagen" in text
    assert "Vul een titel in." in text
    assert "Taak 1: vul de uren per week in." in text
    assert "Taak 2: kies een taak, of maak de uren leeg." in text
    assert "Vul een heel getal in, bijvoorbeeld 2." in text
    assert "Schrijf de basiseisen op" in text
    page = parse(response.content)
    assert page.by_id("werkvraag-uren_1").attrs["value"] == "7"
    assert page.find("option", value="orderpicken-magazijn", selected="").plain
    assert not Demand.objects.exists()


def test_more_task_rows_keeps_the_values_without_errors(client, login, adviser, employer, parse):
    login(client, adviser)
    url = reverse("demands:create") + f"?werkgever={employer.pk}"
    response = client.post(url, form_data(actie="meer", title="", days=["wo"]))
    assert response.status_code == 200
    page = parse(response.content)
    assert (
        len(
            page.find_all(
                "fieldset",
                **{
                    "class": "utrecht-form-fieldset utrecht-form-fieldset--html-fieldset werkpunt-demand-task"
                },
            )
        )
        == 8
    )
    assert page.by_id("werkvraag-uren_1").attrs["value"] == "8,5"
    assert "checked" in page.by_id("werkvraag-days_2").attrs
    assert "Verbeter dit" not in plain(response.content)
    assert not Demand.objects.exists()


def test_the_task_select_is_grouped_by_sector(client, login, adviser, employer, parse):
    login(client, adviser)
    page = parse(client.get(reverse("demands:create") + f"?werkgever={employer.pk}").content)
    labels = [g.attrs["label"] for g in page.find_all("optgroup")]
    assert "Transport en logistiek" in labels
    assert "Landbouw en tuinbouw" in labels
    assert page.by_id("werkvraag-taak_0").tag == "select"


def test_change_a_demand_and_its_tasks(client, login, adviser, make_demand, parse):
    demand = make_demand(tasks=TWO_TASKS)
    login(client, adviser)
    url = reverse("demands:update", args=[demand.pk])
    page = parse(client.get(url).content)
    assert page.by_id("werkvraag-uren_0").attrs["value"] == "16"
    response = client.post(url, form_data(title="Heftruck", taak_0="", uren_0="", gewicht_1="2.5"))
    assert response.status_code == 302
    demand.refresh_from_db()
    assert demand.title == "Heftruck"
    assert [(t.task_id, str(t.weight)) for t in demand.tasks.all()] == [("heftruck-rijden", "2.5")]
    # A weight that is not on the 1-5 list stays as it is when the form is opened again.
    page = parse(client.get(url).content)
    assert page.find("option", value="2.5", selected="").plain == "2,5"


# --- The matching screen -----------------------------------------------------------------------


def test_identity_only_for_the_candidates_own_organisation(
    client, login, adviser, make_user, make_demand, make_candidate, other_partner
):
    demand = make_demand(tasks=TWO_TASKS)
    candidate = make_candidate(adviser=adviser, display_name="Sanne B.")
    outsider = make_user(role="adviseur", organisation=other_partner)
    login(client, outsider)
    text = plain(client.get(detail(demand)).content)
    assert candidate.reference in text
    assert "Sanne B." not in text
    assert not AuditEvent.objects.filter(object_type="candidates.candidate").exists()

    login(client, adviser)
    text = plain(client.get(detail(demand)).content)
    assert f"{candidate.reference} — Sanne B." in text
    event = AuditEvent.objects.get(object_type="candidates.candidate")
    assert (event.actor, event.action, event.object_id) == (
        adviser,
        AuditAction.VIEW,
        str(candidate.pk),
    )


def test_the_matching_screen_explains_each_candidate(
    client, login, adviser, make_demand, make_candidate
):
    demand = make_demand(tasks=TWO_TASKS)
    make_candidate(adviser=adviser, support_needs=["jobcoach"])
    login(client, adviser)
    text = plain(client.get(detail(demand)).content)
    assert "Score: 58 procent" in text
    assert "Taken 35 procent 50 procent Kan 1 van de 2 taken doen" in text
    assert "Orders picken in het magazijn (16 uur). Samen 16 uur per week." in text
    assert "nodig: jobcoach" in text
    assert "de score wordt er nooit lager door" in text
    assert "Voorstellen aan werkgever" in text
    assert "Past niet" in text


def test_opening_the_ranking_is_logged_once_a_day(client, login, adviser, make_demand):
    demand = make_demand()
    login(client, adviser)
    client.get(detail(demand))
    client.get(detail(demand))
    entry = MatchLogEntry.objects.get(action=MatchAction.VIEWED)
    assert (entry.demand, entry.by) == (demand, adviser)


def test_propose_from_the_ranking(client, login, adviser, make_demand, make_candidate):
    demand = make_demand(tasks=TWO_TASKS)
    candidate = make_candidate(adviser=adviser)
    login(client, adviser)
    url = reverse("demands:propose", args=[demand.pk, candidate.pk])
    response = client.post(url, {f"voorstel-{candidate.pk}-note": "Goede kandidaat."})
    assert response.status_code == 302
    assert response["Location"] == detail(demand) + f"#kandidaat-{candidate.pk}"
    proposal = MatchProposal.objects.get()
    assert (proposal.candidate, proposal.note, proposal.proposed_by) == (
        candidate,
        "Goede kandidaat.",
        adviser,
    )
    text = plain(client.get(detail(demand)).content)
    assert "Al voorgesteld" in text


def test_proposing_an_almost_candidate_without_a_note_is_refused(
    client, login, adviser, make_demand, make_candidate
):
    demand = make_demand(tasks=TWO_TASKS, days=["za"])
    candidate = make_candidate(adviser=adviser)
    login(client, adviser)
    page = client.get(detail(demand))
    assert "Bijna passend" in plain(page.content)
    assert "Dagen: niet beschikbaar op zaterdag." in plain(page.content)
    url = reverse("demands:propose", args=[demand.pk, candidate.pk])
    response = client.post(url, {f"voorstel-{candidate.pk}-note": ""})
    assert response.status_code == 200
    assert "Schrijf in de toelichting waarom u toch voorstelt." in plain(response.content)
    assert not MatchProposal.objects.exists()


def test_not_suitable_hides_the_candidate(client, login, adviser, make_demand, make_candidate):
    demand = make_demand(tasks=TWO_TASKS)
    candidate = make_candidate(adviser=adviser)
    login(client, adviser)
    url = reverse("demands:not_suitable", args=[demand.pk, candidate.pk])
    response = client.post(url, {f"pastniet-{candidate.pk}-reason": ""})
    assert response.status_code == 200
    assert "Schrijf kort op waarom deze kandidaat niet past." in plain(response.content)
    response = client.post(url, {f"pastniet-{candidate.pk}-reason": "Wil alleen buiten werken."})
    assert response.status_code == 302
    text = plain(client.get(detail(demand)).content)
    assert f"{candidate.reference} —" not in text
    assert "1 kandidaat staat op ‘past niet’" in text


def test_the_weights_form(client, login, adviser, make_demand, parse):
    demand = make_demand(tasks=TWO_TASKS)
    login(client, adviser)
    url = reverse("demands:weights", args=[demand.pk])
    page = parse(client.get(url).content)
    assert page.by_id("gewicht-tasks").attrs["value"] == "3,5"
    assert "Standaard: 3,5" in page.by_id("gewicht-tasks_helptext").plain
    values = {"tasks": "1", "skills": "1", "travel": "5", "hours": "1", "interests": "0"}
    response = client.post(url, {**values, "completeness": "7"})
    assert response.status_code == 200
    assert "Vul bij ‘Volledig profiel’ een getal in van 0 tot en met 5" in plain(response.content)
    assert parse(response.content).by_id("gewicht-travel").attrs["value"] == "5"
    response = client.post(url, {**values, "completeness": "0,5"})
    assert response.status_code == 302
    assert response["Location"] == detail(demand) + "#ranglijst"
    demand.refresh_from_db()
    assert demand.weights["travel"] == 5.0
    assert demand.weights["completeness"] == 0.5
    assert "Eigen gewichten" in plain(client.get(detail(demand)).content)
    client.post(url, {"actie": "standaard"})
    demand.refresh_from_db()
    assert demand.weights == {}
    assert MatchLogEntry.objects.filter(action=MatchAction.WEIGHTS).count() == 2


def test_proposals_page_records_the_outcome(client, login, adviser, make_demand, make_candidate):
    demand = make_demand(tasks=TWO_TASKS)
    candidate = make_candidate(adviser=adviser)
    proposal = services.proposal_create(demand=demand, candidate=candidate, by=adviser)
    login(client, adviser)
    url = reverse("demands:proposal_status", args=[demand.pk, proposal.pk])
    response = client.post(url, {f"status-{proposal.pk}-status": "proposed"})
    assert response.status_code == 200
    assert "Kies wat er met het voorstel is gebeurd." in plain(response.content)
    response = client.post(
        url, {f"status-{proposal.pk}-status": "hired", f"status-{proposal.pk}-note": "Start"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.HIRED
    # Hired: the next step is registering the placement, with the demand's job title.
    page = client.get(reverse("demands:proposals", args=[demand.pk])).content.decode()
    register = f"/werk/plaatsingen/nieuw/?werkgever={demand.employer_id}&amp;functie="
    assert register in page
    form = client.get(
        reverse("placements:create"), {"werkgever": demand.employer_id, "functie": demand.title}
    )
    assert form.context["form"].initial["job_title"] == demand.title
    log = plain(client.get(reverse("demands:log", args=[demand.pk])).content)
    assert "Uitkomst vastgelegd" in log
    assert "Aangenomen. Toelichting: Start" in log
    assert "Voorgesteld" in log
    assert candidate.reference in log


def test_best_demands_for_one_candidate(client, login, adviser, make_demand, make_candidate):
    candidate = make_candidate(adviser=adviser)
    demand = make_demand(tasks=TWO_TASKS, title="Orderpicker")
    login(client, adviser)
    url = reverse("demands:for_candidate", args=[candidate.pk])
    text = plain(client.get(url).content)
    assert "Orderpicker" in text
    assert "Score:" in text
    response = client.post(
        reverse("demands:propose", args=[demand.pk, candidate.pk]),
        {"terug": "kandidaat", f"voorstel-{demand.pk}-note": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == url + f"#werkvraag-{demand.pk}"
    assert MatchProposal.objects.filter(demand=demand, candidate=candidate).exists()


# --- Open hiring in the back office ------------------------------------------------------------


def test_open_hiring_shows_the_list_in_order_and_no_score(
    client, login, adviser, make_demand, make_candidate, parse
):
    demand = make_demand(open_hiring=True, basic_requirements="Je kunt 20 kilo tillen.")
    make_candidate(adviser=adviser)  # would score well: must not show up
    services.open_hiring_sign_up(
        demand=demand, name="Eerste", phone="0591 111 111", meets_requirements=True
    )
    services.open_hiring_sign_up(
        demand=demand, name="Tweede", email="twee@example.org", meets_requirements=True
    )
    login(client, adviser)
    response = client.get(detail(demand))
    text = plain(response.content)
    assert "Score" not in text
    assert "procent" not in text
    assert "Ranglijst" not in text
    assert text.index("Eerste") < text.index("Tweede")
    rows = parse(response.content).find_all("tr", **{"class": "utrecht-table__row"})
    assert [r.plain.split()[0] for r in rows if "0591" in r.plain or "twee@" in r.plain] == [
        "1",
        "2",
    ]
    assert AuditEvent.objects.filter(object_type="demands.demand", action=AuditAction.VIEW).exists()
    assert not MatchLogEntry.objects.filter(action=MatchAction.VIEWED).exists()


def test_an_adviser_signs_up_a_candidate_by_reference(
    client, login, adviser, make_demand, make_candidate
):
    demand = make_demand(open_hiring=True, basic_requirements="Tillen.")
    candidate = make_candidate(adviser=adviser)
    login(client, adviser)
    url = reverse("demands:sign_up", args=[demand.pk])
    response = client.post(url, {"reference": "K-999999", "meets_requirements": "on"})
    assert response.status_code == 200
    assert "Er is geen kandidaat die werk zoekt met dit kenmerk." in plain(response.content)
    response = client.post(url, {"reference": candidate.reference, "meets_requirements": "on"})
    assert response.status_code == 302
    entry = OpenHiringSignUp.objects.get()
    assert (entry.candidate, entry.signed_up_by) == (candidate, adviser)
    response = client.post(url, {"reference": candidate.reference, "meets_requirements": "on"})
    assert "Deze kandidaat staat al op de lijst." in plain(response.content)
    cancel = reverse("demands:sign_up_cancel", args=[demand.pk, entry.pk])
    assert client.post(cancel).status_code == 302
    entry.refresh_from_db()
    assert entry.cancelled_at is not None


# --- Fairness on the screen --------------------------------------------------------------------


def test_identity_never_changes_the_score_on_the_screen(
    client, login, adviser, make_user, make_demand, make_candidate, other_partner, parse
):
    """Two people with the same work profile and a different name, mail and organisation
    get the same score on the matching screen."""
    demand = make_demand(tasks=TWO_TASKS)
    first = make_candidate(adviser=adviser, display_name="Jan de Vries", email="jan@example.org")
    second = make_candidate(
        adviser=make_user(role="adviseur", organisation=other_partner),
        display_name="Fatima El Amrani",
        email="fatima@example.nl",
        phone="06 98765432",
    )
    login(client, adviser)
    page = parse(client.get(detail(demand)).content)
    scores = {}
    for candidate in (first, second):
        block = page.by_id(f"kandidaat-{candidate.pk}").plain
        scores[candidate.pk] = re.search(r"Score: (\d+) procent", block).group(1)
        assert "Taken 35 procent" in block
    assert scores[first.pk] == scores[second.pk]
    # Equal scores: the tie goes to the smaller id (as text, like Matcher.rank), never to a
    # name or organisation.
    items = page.find_all("li")
    order = [e.attrs["id"] for e in items if e.attrs.get("id", "").startswith("kandidaat-")]
    expected = sorted((first, second), key=lambda c: str(c.pk))
    assert order == [f"kandidaat-{c.pk}" for c in expected]
