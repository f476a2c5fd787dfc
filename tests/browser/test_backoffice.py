"""The back office in a real browser: staff log in with password and authenticator code, and
every screen of each role has no axe violations at phone and desktop width.

Uses the demo back office (``werkpunt manage demo_backoffice``), loaded by the ``site`` fixture.
Each test logs in another demo account: a TOTP code is accepted only once.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_support import AxeCheck, in_thread

pytestmark = pytest.mark.browser

PASSWORD_FIELD = "input[type=password]"


@pytest.fixture(autouse=True)
def _demo_allowed(monkeypatch):
    """The demo codes are only given where the demo may run (a test database here)."""
    monkeypatch.setenv("WERKPUNT_ALLOW_DEMO", "true")


def _code(username: str) -> str:
    from werkpunt.core.demo_backoffice import demo_code_for

    return in_thread(lambda: demo_code_for(username).code)


def _log_in(page: Any, axe: AxeCheck | None, username: str, *, second_factor: bool = True) -> None:
    from werkpunt.core.demo_backoffice import demo_password

    page.goto("/account/inloggen/")
    if axe is not None:
        axe.check("inloggen")
    page.locator("input[name=identifier]").fill(username)
    page.locator(PASSWORD_FIELD).fill(demo_password())
    page.locator("main form button[type=submit]").first.click()
    if second_factor:
        page.wait_for_url(re.compile(r".*/account/tweede-stap/.*"))
        if axe is not None:
            axe.check("tweede stap")
        page.locator("main form input[name=code]").fill(_code(username))
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "/account/inloggen/" not in page.url, f"{username} is niet ingelogd: {page.url}"


def _visit(page: Any, axe: AxeCheck, label: str, path: str) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status == 200, f"{path} gaf {response.status}"
    axe.check(label)


def _first_link(page: Any, pattern: str) -> str:
    """The first link in the main content to an object under ``pattern`` (``/werk/x/12/``)."""
    hrefs = page.locator("main a[href]").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    wanted = re.compile(re.escape(pattern) + r"\d+/")
    found = [href for href in hrefs if wanted.search(href)]
    assert found, f"geen link naar {pattern}<nummer>/ op {page.url}"
    return str(found[0])


def test_adviser_logs_in_with_code_and_every_screen_is_accessible(demo_site, page, axe):
    _log_in(page, axe, "adviseur.emmen")
    assert page.url.rstrip("/").endswith("/werk"), page.url

    axe.check("mijn werk")
    _visit(page, axe, "werkgevers", "/werk/werkgevers/")
    employer = _first_link(page, "/werk/werkgevers/")
    _visit(page, axe, "werkgever", employer)
    _visit(page, axe, "werkgever toevoegen", "/werk/werkgevers/nieuw/")
    _visit(page, axe, "vragen", "/werk/vragen/?tab=open")
    _visit(page, axe, "vraag", _first_link(page, "/werk/vragen/"))
    _visit(page, axe, "plaatsingen", "/werk/plaatsingen/")
    _visit(page, axe, "plaatsing", _first_link(page, "/werk/plaatsingen/"))
    _visit(page, axe, "knelpunten", "/werk/knelpunten/")
    _visit(page, axe, "knelpunt melden", "/werk/knelpunten/nieuw/")
    _visit(page, axe, "knelpuntenrapport", "/werk/knelpunten/rapport/")
    _visit(page, axe, "agenda", "/agenda/")
    _visit(page, axe, "beveiliging", "/account/beveiliging/")
    axe.assert_clean()


def test_new_placement_form_shows_errors_accessibly(demo_site, page, axe):
    _log_in(page, None, "adviseur.coevorden")
    _visit(page, axe, "werkgevers", "/werk/werkgevers/")
    _visit(page, axe, "werkgever", _first_link(page, "/werk/werkgevers/"))
    create = page.locator("main a[href*='/werk/plaatsingen/nieuw/']").first.get_attribute("href")
    assert create, f"geen link 'Plaatsing registreren' op {page.url}"
    _visit(page, axe, "plaatsing registreren", create)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator("main [class*='error-summary']").count() == 1, "geen foutoverzicht"
    axe.check("plaatsing registreren met fouten")
    axe.assert_clean()


def test_team_lead_screens_are_accessible(demo_site, page, axe):
    _log_in(page, None, "teamleider.emmen")
    _visit(page, axe, "team", "/werk/team/")
    _visit(page, axe, "cijfers", "/werk/cijfers/")
    axe.assert_clean()


def test_administrator_screens_are_accessible(demo_site, page, axe):
    from werkpunt.core.demo_backoffice import STAFF

    administrator = next(seed.username for seed in STAFF if seed.role == "beheerder")
    _log_in(page, None, administrator)
    _visit(page, axe, "gebruikers", "/account/gebruikers/")
    _visit(page, axe, "auditlog", "/account/auditlog/")
    axe.assert_clean()


def test_employer_portal_is_accessible(demo_site, page, axe):
    _log_in(page, None, "werkgever.supermarkt", second_factor=False)
    assert "/mijn/" in page.url, page.url
    axe.check("portaal werkgever")
    assert page.get_by_text("Uw vaste contactpersoon").count() >= 1
    axe.assert_clean()


def test_a_password_alone_does_not_open_the_back_office(demo_site, page):
    from werkpunt.core.demo_backoffice import demo_password

    page.goto("/account/inloggen/")
    page.locator("input[name=identifier]").fill("adviseur.hoogeveen")
    page.locator(PASSWORD_FIELD).fill(demo_password())
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/account/tweede-stap/.*"))
    page.goto("/werk/")
    # Without the code nobody is logged in yet: the back office sends the adviser away.
    assert re.search(r"/account/(inloggen|tweede-stap)/", page.url), page.url
    assert page.locator("h1").first.inner_text() != "Mijn werk"
