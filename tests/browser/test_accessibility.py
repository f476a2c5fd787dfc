"""axe-core (WCAG 2.0/2.1/2.2 A and AA) on every kind of page, at phone and desktop width.

Each test gathers the violations of all the states it visits and fails once, listing for
every element: the page, the rule id, the impact, the CSS target and axe's summary.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from browser_support import BAD_WAGE, ERROR_SUMMARY, AxeCheck, Wizard

pytestmark = pytest.mark.browser

DEMO = Path(__file__).resolve().parents[2] / "src" / "werkpunt" / "content" / "demo"


def _first_slug(folder: str, fallback: str) -> str:
    files = sorted((DEMO / folder).glob("*.yaml"))
    return files[0].stem if files else fallback


STORY = _first_slug("stories", "verhaal")
NEWS = _first_slug("news", "nieuws")

#: (label, path, needs the demo content, expected status)
PAGES = [
    ("startpagina", "/", True, 200),
    ("overzicht regelingen", "/regelingen/", True, 200),
    ("regeling", "/regelingen/loonkostensubsidie/", True, 200),
    ("gestopte regeling", "/regelingen/lage-inkomensvoordeel/", True, 200),
    ("overzicht verhalen", "/verhalen/", True, 200),
    ("verhaal", f"/verhalen/{STORY}/", True, 200),
    ("overzicht nieuws", "/nieuws/", True, 200),
    ("nieuwsbericht", f"/nieuws/{NEWS}/", True, 200),
    ("begrippen", "/begrippen/", True, 200),
    ("zoekresultaten", "/zoeken/?q=loonkostensubsidie", True, 200),
    ("zoeken zonder resultaat", "/zoeken/?q=qwxyzzy", False, 200),
    ("regelregister", "/regels/", False, 200),
    ("financieel cv start", "/financieel-cv/", False, 200),
    ("contact", "/contact/", True, 200),
    ("privacyverklaring", "/privacy/", True, 200),
    ("toegankelijkheidsverklaring", "/toegankelijkheid/", True, 200),
    ("pagina niet gevonden", "/deze-pagina-bestaat-niet/", False, 404),
    ("startpagina (Engels)", "/en/", True, 200),
    ("regeling (Engels)", "/en/regelingen/loonkostensubsidie/", True, 200),
    ("regelregister (Engels)", "/en/regels/", False, 200),
    ("pagina niet gevonden (Engels)", "/en/deze-pagina-bestaat-niet/", False, 404),
    ("inloggen", "/account/inloggen/", False, 200),
    ("wachtwoord vergeten", "/account/wachtwoord-vergeten/", False, 200),
    ("API-documentatie", "/api/docs/", False, 200),
]


@pytest.mark.parametrize(
    ("label", "path", "needs_demo", "status"), PAGES, ids=[page[0] for page in PAGES]
)
def test_page_has_no_axe_violations(request, site, page, axe, label, path, needs_demo, status):
    if needs_demo:
        request.getfixturevalue("demo_site")
    response = page.goto(path)
    assert response is not None
    assert response.status == status, f"{path} gaf {response.status}, verwacht {status}"
    axe.check(label)
    axe.assert_clean()


def _wizard_states(wizard: Wizard, axe: AxeCheck, lang: str) -> None:
    """Every step empty-sent (errors shown) and filled, then the result."""
    for number in (1, 2, 3):
        wizard.goto_step(number)
        wizard.submit(number)
        assert wizard.page.locator(ERROR_SUMMARY).count() == 1, (
            f"stap {number}: leeg versturen geeft geen foutoverzicht"
        )
        axe.check(f"wizard stap {number} met fouten ({lang})")
        wizard.fill(number)
        axe.check(f"wizard stap {number} ingevuld ({lang})")
        wizard.submit(number)
    assert "/financieel-cv/uitkomst/" in wizard.page.url
    axe.check(f"uitkomst ({lang})")
    # The result with the consent error shown.
    wizard.page.locator("form[action$='/bewaren/'] button[type=submit]").click()
    wizard.page.wait_for_load_state()
    axe.check(f"uitkomst, bewaren zonder vinkje ({lang})")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_wizard_and_result_have_no_axe_violations(site, page, axe, lang):
    wizard = Wizard(page, prefix="" if lang == "nl" else "/en")
    _wizard_states(wizard, axe, lang)
    axe.assert_clean()


def test_wizard_bad_value_has_no_axe_violations(site, page, axe, wizard):
    for number in (1, 2):
        wizard.goto_step(number)
        wizard.fill(number)
        wizard.submit(number)
    wizard.fill(3, hourly_wage=BAD_WAGE)
    wizard.submit(3)
    axe.check("wizard stap 3 met een negatief uurloon")
    axe.assert_clean()


def test_subsidy_explorer_has_no_axe_violations(site, page, axe):
    page.goto("/financieel-cv/loonkostensubsidie-verloop/")
    axe.check("loonkostensubsidie over de jaren")
    page.locator("#hourly_wage").fill("")
    page.locator("#loonwaarde").fill("abc")
    with page.expect_navigation():
        page.locator(
            "main form[action$='/loonkostensubsidie-verloop/'] button[type=submit]"
        ).click()
    axe.check("loonkostensubsidie over de jaren, met fouten")
    page.locator("#hourly_wage").fill("16,00")
    page.locator("#loonwaarde").fill("50")
    page.locator("#growth").fill("10")
    with page.expect_navigation():
        page.locator(
            "main form[action$='/loonkostensubsidie-verloop/'] button[type=submit]"
        ).click()
    assert page.locator("#verloop").count() == 1, "geen uitkomst na een goed ingevuld formulier"
    axe.check("loonkostensubsidie over de jaren, met uitkomst")
    axe.assert_clean()


def test_question_form_and_thanks_have_no_axe_violations(site, page, axe):
    shown = time.monotonic()
    page.goto("/vraag/")
    axe.check("vraagformulier")
    form = page.locator("main form[action$='/vraag/']").first
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator("[aria-invalid=true]").count() > 0, "leeg versturen geeft geen fouten"
    axe.check("vraagformulier met fouten")
    shown = time.monotonic()  # the page with errors carries a new timestamp
    page.locator("#vraag-topic_0").check()
    page.locator("#vraag-message").fill(
        "Kan ik loonkostensubsidie krijgen voor een nieuwe medewerker?"
    )
    page.locator("#vraag-name").fill("Jan de Vries")
    page.locator("#vraag-organisation").fill("Kwekerij De Vries")
    page.locator("#vraag-email").fill("jan@kwekerij.test")
    page.locator("#vraag-preferred_contact_1").check()
    page.locator("#vraag-consent").check()
    # The form refuses what is sent within 3 seconds of showing it (spam measure).
    time.sleep(max(0.0, 3.3 - (time.monotonic() - shown)))
    with page.expect_navigation():
        page.locator("main form[action$='/vraag/'] button[type=submit]").first.click()
    assert "/vraag/verstuurd/" in page.url, f"niet op de bedankpagina maar op {page.url}"
    axe.check("bedankpagina vraagformulier")
    axe.assert_clean()
