"""The employer portal: own demands only, released candidates only, evaluated live."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from werkpunt.accounts.models import AuditAction, AuditEvent
from werkpunt.candidates.models import Candidate
from werkpunt.demands import selectors, services
from werkpunt.demands.models import MatchAction, MatchLogEntry, ProposalStatus

pytestmark = pytest.mark.django_db

PORTAL = "/mijn/werkvragen/"
TWO_TASKS = [("orderpicken-magazijn", 16), ("heftruck-rijden", 8)]


def plain(content: bytes) -> str:
    html = content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


@pytest.fixture
def demand(make_demand, employer):
    return make_demand(employer=employer, tasks=TWO_TASKS, title="Orderpicker")


def propose(demand, candidate, adviser):
    return services.proposal_create(demand=demand, candidate=candidate, by=adviser)


def test_the_portal_url_and_role(client, login, adviser, employer_user):
    assert reverse("demands_portal:list") == PORTAL
    login(client, adviser)
    assert client.get(PORTAL).status_code == 403
    login(client, employer_user)
    assert client.get(PORTAL).status_code == 200


def test_an_employer_sees_only_its_own_demands(
    client, login, employer_user, demand, make_demand, make_employer
):
    other = make_demand(employer=make_employer(), title="Bij een ander bedrijf")
    login(client, employer_user)
    text = plain(client.get(PORTAL).content)
    assert "Orderpicker" in text
    assert other.title not in text
    assert selectors.demand_get(user=employer_user, pk=other.pk) is None


def test_a_released_candidate_is_shown_with_contact_and_adviser(
    client, login, employer_user, adviser, demand, make_candidate
):
    adviser.profile.phone = "0591 200 300"
    adviser.profile.save()
    candidate = make_candidate(
        adviser=adviser, released=True, display_name="Sanne B.", phone="06 11122233"
    )
    propose(demand, candidate, adviser)
    login(client, employer_user)
    text = plain(client.get(PORTAL).content)
    assert "Sanne B." in text
    assert "06 11122233" in text
    assert candidate.email in text
    assert "Orders picken in het magazijn (16 uur per week)" in text
    assert "Anna" in text
    assert "0591 200 300" in text
    event = AuditEvent.objects.get(object_type="candidates.candidate")
    assert (event.actor, event.action, event.object_id) == (
        employer_user,
        AuditAction.VIEW,
        str(candidate.pk),
    )
    assert sorted(event.fields) == ["display_name", "email", "phone"]


def test_an_employer_never_sees_a_candidate_who_is_not_released(
    client, login, employer_user, adviser, demand, make_candidate
):
    only_consent = make_candidate(adviser=adviser, consent=True, display_name="Piet K.")
    nothing = make_candidate(adviser=adviser, display_name="Klaas M.")
    propose(demand, only_consent, adviser)
    propose(demand, nothing, adviser)
    login(client, employer_user)
    text = plain(client.get(PORTAL).content)
    for candidate in (only_consent, nothing):
        assert candidate.display_name not in text
        assert candidate.email not in text
        assert candidate.reference not in text
    assert "Nog niemand" in text
    assert not AuditEvent.objects.filter(object_type="candidates.candidate").exists()
    assert list(selectors.proposals_for_employer(user=employer_user)) == []


def test_a_withdrawal_hides_the_proposal_at_once(
    client, login, employer_user, adviser, demand, make_candidate
):
    candidate = make_candidate(adviser=adviser, released=True, display_name="Sanne B.")
    proposal = propose(demand, candidate, adviser)
    login(client, employer_user)
    assert "Sanne B." in plain(client.get(PORTAL).content)
    Candidate.objects.filter(pk=candidate.pk).update(consent_withdrawn_at=timezone.now())
    assert "Sanne B." not in plain(client.get(PORTAL).content)
    url = reverse("demands_portal:proposal_status", args=[proposal.pk])
    assert client.post(url, {"status": "invited"}).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED


def test_a_withdrawn_proposal_is_not_shown(
    client, login, employer_user, adviser, demand, make_candidate
):
    candidate = make_candidate(adviser=adviser, released=True, display_name="Sanne B.")
    proposal = propose(demand, candidate, adviser)
    services.proposal_set_status(proposal=proposal, status="withdrawn", by=adviser)
    login(client, employer_user)
    assert "Sanne B." not in plain(client.get(PORTAL).content)


def test_the_employer_records_invited_and_declined(
    client, login, employer_user, adviser, demand, make_candidate
):
    candidate = make_candidate(adviser=adviser, released=True)
    proposal = propose(demand, candidate, adviser)
    login(client, employer_user)
    url = reverse("demands_portal:proposal_status", args=[proposal.pk])
    response = client.post(url, {"status": "hired"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED
    client.post(url, {"status": "invited"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.INVITED
    client.post(url, {"status": "declined"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED
    entries = MatchLogEntry.objects.filter(action=MatchAction.STATUS, by=employer_user)
    assert entries.count() == 2


def test_another_employers_proposal_is_a_404(
    client, login, make_user, adviser, demand, make_candidate
):
    candidate = make_candidate(adviser=adviser, released=True)
    proposal = propose(demand, candidate, adviser)
    login(client, make_user(role="werkgever"))
    url = reverse("demands_portal:proposal_status", args=[proposal.pk])
    assert client.post(url, {"status": "invited"}).status_code == 404
    assert "Orderpicker" not in plain(client.get(PORTAL).content)


def test_open_hiring_shows_the_sign_up_list_with_names_in_order(
    client, login, employer_user, adviser, employer, make_demand, make_candidate
):
    demand = make_demand(employer=employer, open_hiring=True, basic_requirements="Tillen.")
    services.open_hiring_sign_up(
        demand=demand, name="Eerste Persoon", phone="0591 111 111", meets_requirements=True
    )
    hidden = make_candidate(adviser=adviser, display_name="Niet Vrijgegeven")
    services.open_hiring_sign_up(
        demand=demand, candidate=hidden, meets_requirements=True, by=adviser
    )
    services.open_hiring_sign_up(
        demand=demand, name="Derde Persoon", email="drie@example.org", meets_requirements=True
    )
    login(client, employer_user)
    text = plain(client.get(PORTAL).content)
    assert text.index("Eerste Persoon") < text.index(hidden.reference) < text.index("Derde")
    assert "Niet Vrijgegeven" not in text
    assert "procent" not in text
    assert AuditEvent.objects.filter(
        object_type="demands.demand", actor=employer_user, action=AuditAction.VIEW
    ).exists()
