"""Matching on tasks in a real browser (step 4): the two-key consent flow from the candidate's
link to the employer's portal and back, and axe on every screen of candidates, demands,
matchtafels and open days.

Uses the demo back office and the demo matching data (``demo_matching``), loaded by the
``demo_site`` fixture. Each test logs in other demo accounts than ``test_backoffice.py``:
a TOTP code is accepted only once.
"""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import in_thread
from test_backoffice import _first_link, _log_in, _visit

pytestmark = pytest.mark.browser

EMPLOYER_USER = "werkgever.supermarkt"
EMPLOYER_NAME = "Supermarkt Hondsrugplein"


@pytest.fixture(autouse=True)
def _demo_allowed(monkeypatch):
    monkeypatch.setenv("WERKPUNT_ALLOW_DEMO", "true")


def _log_out(page: Any) -> None:
    page.context.clear_cookies()


def _setup_consent_case() -> dict[str, Any]:
    """A demo candidate of the Emmen adviser without consent, proposed for a demand of the
    supermarket (the proposal is the adviser's confirmed step; the screens for it are
    checked in the other test)."""
    from django.contrib.auth import get_user_model

    from werkpunt.candidates.models import Candidate
    from werkpunt.demands import services as demand_services
    from werkpunt.demands.models import Demand

    adviser = get_user_model().objects.get(username="adviseur.emmen2")
    candidate = (
        Candidate.objects.active()
        .filter(
            organisation=adviser.profile.organisation,
            candidate_consent_at__isnull=True,
            adviser_release_at__isnull=True,
            consent_withdrawn_at__isnull=True,
        )
        .order_by("pk")
        .first()
    )
    assert candidate is not None, "de demo heeft geen kandidaat zonder toestemming in Emmen"
    candidate.adviser = adviser
    candidate.save(update_fields=["adviser"])
    demand = Demand.objects.filter(employer__name=EMPLOYER_NAME, open_hiring=False).first()
    assert demand is not None
    demand_services.proposal_create(
        demand=demand,
        candidate=candidate,
        by=adviser,
        note="Voorgesteld in de browsertest: past goed bij de taken.",
    )
    return {
        "pk": candidate.pk,
        "token": candidate.consent_token,
        "name": candidate.display_name,
        "reference": candidate.reference,
    }


def _portal_shows(page: Any, text: str) -> bool:
    response = page.goto("/mijn/werkvragen/")
    assert response is not None
    assert response.status == 200
    return page.locator("main").get_by_text(text, exact=False).count() > 0


def test_consent_needs_both_keys_and_withdrawal_hides_the_name_at_once(demo_site, page, axe):
    case = in_thread(_setup_consent_case)

    # The employer does not see who it is yet.
    _log_in(page, None, EMPLOYER_USER, second_factor=False)
    assert not _portal_shows(page, case["name"])
    axe.check("portaal werkvragen")
    _log_out(page)

    # Key 1: the adviser releases the profile.
    _log_in(page, None, "adviseur.emmen2")
    _visit(page, axe, "kandidaat", f"/werk/kandidaten/{case['pk']}/")
    page.get_by_role("button", name="Profiel vrijgeven").click()
    page.wait_for_load_state()
    axe.check("kandidaat na vrijgeven")
    _log_out(page)

    # One key is not enough.
    _log_in(page, None, EMPLOYER_USER, second_factor=False)
    assert not _portal_shows(page, case["name"])
    _log_out(page)

    # Key 2: the candidate agrees through the personal link (no account).
    _visit(page, axe, "toestemming", f"/toestemming/{case['token']}/")
    page.get_by_role("button", name="Ja, ik geef toestemming").click()
    page.wait_for_load_state()
    axe.check("toestemming gegeven")

    _log_in(page, None, EMPLOYER_USER, second_factor=False)
    assert _portal_shows(page, case["name"]), "na twee sleutels ziet de werkgever de naam niet"
    axe.check("portaal werkvragen met naam")
    _log_out(page)

    # The candidate withdraws; the employer no longer sees the name, right away.
    _visit(page, axe, "toestemming", f"/toestemming/{case['token']}/")
    page.get_by_role("button", name="Ik trek mijn toestemming in").click()
    page.wait_for_load_state()
    _log_in(page, None, EMPLOYER_USER, second_factor=False)
    assert not _portal_shows(page, case["name"]), "na intrekken ziet de werkgever de naam nog"
    axe.assert_clean()


def test_matching_screens_of_an_adviser_are_accessible(demo_site, page, axe):
    _log_in(page, None, "adviseur.de-wolden")
    _visit(page, axe, "kandidaten", "/werk/kandidaten/")
    _visit(page, axe, "mijn kandidaten", "/werk/kandidaten/?mine=on")
    candidate = _first_link(page, "/werk/kandidaten/")
    _visit(page, axe, "kandidaat toevoegen", "/werk/kandidaten/nieuw/")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator("main [class*='error-summary']").count() == 1, "geen foutoverzicht"
    axe.check("kandidaat toevoegen met fouten")

    _visit(page, axe, "kandidaat", candidate)
    _visit(page, axe, "kandidaat wijzigen", f"{candidate}wijzigen/")
    candidate_pk = candidate.rstrip("/").rsplit("/", 1)[-1]
    _visit(page, axe, "passend werk", f"/werk/werkvragen/voor-kandidaat/{candidate_pk}/")

    _visit(page, axe, "werkvragen", "/werk/werkvragen/")
    demand = _first_link(page, "/werk/werkvragen/")
    _visit(page, axe, "werkvraag met ranglijst", demand)
    _visit(page, axe, "werkvraag wijzigen", f"{demand}wijzigen/")
    _visit(page, axe, "gewichten", f"{demand}gewichten/")
    _visit(page, axe, "voorstellen", f"{demand}voorstellen/")
    _visit(page, axe, "matchlog", f"{demand}log/")
    _visit(page, axe, "werkgevers", "/werk/werkgevers/")
    employer_pk = _first_link(page, "/werk/werkgevers/").rstrip("/").rsplit("/", 1)[-1]
    _visit(page, axe, "werkvraag vastleggen", f"/werk/werkvragen/nieuw/?werkgever={employer_pk}")
    _visit(page, axe, "open dag plannen", f"/werk/open-dagen/nieuw/?werkgever={employer_pk}")
    axe.assert_clean()


def test_matchtafel_and_open_day_screens_are_accessible(demo_site, page, axe):
    _log_in(page, None, "adviseur.hoogeveen")
    _visit(page, axe, "matchtafels", "/werk/matchtafels/")
    table = _first_link(page, "/werk/matchtafels/")
    _visit(page, axe, "matchtafel", table)
    page.get_by_role("button", name="Voorstel maken").first.click()
    page.wait_for_load_state()
    axe.check("matchtafel met voorstel")
    assert page.locator("main table").count() >= 1, "geen voorstel in een tabel"
    pdf = page.request.get(f"{table}blad.pdf")
    assert pdf.status == 200
    assert pdf.body().startswith(b"%PDF")
    # An outcome sent without a choice: the form comes back with the errors.
    page.locator("main form[action*='/uitkomst/'] button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("main [class*='error-summary']").count() == 1, "geen foutoverzicht"
    axe.check("uitkomst met fouten")
    _visit(page, axe, "matchtafel wijzigen", f"{table}wijzigen/")
    _visit(page, axe, "matchtafel plannen", "/werk/matchtafels/nieuw/")

    _visit(page, axe, "open dagen", "/werk/open-dagen/")
    _visit(page, axe, "open dag", _first_link(page, "/werk/open-dagen/"))
    axe.assert_clean()


def test_open_day_invitation_and_employer_views_are_accessible(demo_site, page, axe):
    def invitation_token() -> str:
        from werkpunt.opendays.models import Invitation, InvitationStatus

        invitation = Invitation.objects.filter(status=InvitationStatus.INVITED).first()
        assert invitation is not None
        return invitation.token

    def open_hiring_pk() -> int:
        from werkpunt.demands.models import Demand, DemandStatus

        demand = Demand.objects.filter(open_hiring=True, status=DemandStatus.OPEN).first()
        assert demand is not None
        return demand.pk

    _visit(page, axe, "open hiring aanmelden", f"/open-hiring/{in_thread(open_hiring_pk)}/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("main [class*='error-summary']").count() == 1, "geen foutoverzicht"
    axe.check("open hiring aanmelden met fouten")

    token = in_thread(invitation_token)
    _visit(page, axe, "uitnodiging open dag", f"/open-dag/{token}/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    axe.check("uitnodiging zonder gekozen tijd")

    _log_in(page, None, EMPLOYER_USER, second_factor=False)
    _visit(page, axe, "portaal open dag", "/mijn/open-dagen/")
    _visit(page, axe, "portaal open dag details", _first_link(page, "/mijn/open-dagen/"))
    _visit(page, axe, "portaal matchtafels", "/werk/matchtafels/werkgever/")
    axe.assert_clean()
