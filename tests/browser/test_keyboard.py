"""Keyboard only: the skip link, a visible focus indicator, and the whole wizard.

Nothing here clicks: ``page.goto`` opens the first page, everything after that is
``page.keyboard`` (Tab, Shift+Tab, arrow keys, Space, Enter and typing).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from browser_support import BIRTH_DATE, amounts, date_field_order, date_keys, first_of_next_month

pytestmark = pytest.mark.browser

MAX_TABS = 80
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  // In a date field Tab also stops at the calendar button inside it; Chromium draws
  // that ring itself, and the field then no longer matches :focus-visible.
  const calendarButton = el.matches('input[type=date]') && !el.matches(':focus-visible');
  const label = (el.id ? '#' + el.id : el.tagName.toLowerCase())
    + (el.getAttribute('href') ? '[href=' + el.getAttribute('href') + ']' : '')
    + (el.textContent ? ' "' + el.textContent.trim().slice(0, 40) + '"' : '');
  return {label, visible: Boolean(outline || shadow || calendarButton), tag: el.tagName.toLowerCase(),
          outline: style.outlineStyle + ' ' + style.outlineWidth, shadow: style.boxShadow};
}"""


class Keyboard:
    """Tabs through a page and notes every focused element without a visible indicator."""

    def __init__(self, page, date_order: str = "dmy") -> None:
        self.page = page
        self.date_order = date_order
        self.invisible: list[str] = []
        self.stops = 0

    def focused(self) -> dict | None:
        return self.page.evaluate(FOCUS_STATE)

    def _note(self) -> dict | None:
        state = self.focused()
        self.stops += 1
        if state and not state["visible"]:
            self.invisible.append(
                f"{urlsplit(self.page.url).path}: {state['label']} "
                f"(outline {state['outline']}, box-shadow {state['shadow']})"
            )
        return state

    def tab_to(self, selector: str, *, back: bool = False) -> None:
        """Press Tab (or Shift+Tab) until the focused element matches ``selector``."""
        key = "Shift+Tab" if back else "Tab"
        for _ in range(MAX_TABS):
            self.page.keyboard.press(key)
            self._note()
            if self.page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"{selector} niet bereikt met {key} op {self.page.url}")

    def press_and_wait(self, key: str) -> None:
        with self.page.expect_navigation():
            self.page.keyboard.press(key)

    def type_date(self, day) -> None:
        """A date typed into a date field, in the order the browser's date field uses."""
        self.page.keyboard.type(date_keys(day, self.date_order))


def test_skip_link_is_first_and_moves_focus_to_main(site, page):
    page.goto("/regels/")
    keys = Keyboard(page)
    page.keyboard.press("Tab")
    first = keys._note()
    assert first is not None
    assert page.evaluate(
        "() => document.activeElement.matches('a.utrecht-skip-link[href=\"#inhoud\"]')"
    ), f"het eerste focusbare element is niet de skiplink maar {first['label']}"
    assert first["visible"], f"de skiplink heeft geen zichtbare focus: {first}"
    assert page.evaluate("() => document.activeElement.getBoundingClientRect().height > 0"), (
        "de skiplink is niet zichtbaar bij focus"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "inhoud"
    assert page.evaluate("() => document.activeElement.tagName") == "MAIN"
    # The next Tab goes to something inside main.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('inhoud').contains(document.activeElement)")


def test_wizard_with_the_keyboard_only(site, browser, page):
    keys = Keyboard(page, date_field_order(browser))
    page.goto("/financieel-cv/")

    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.matches('.utrecht-skip-link')")
    page.keyboard.press("Enter")
    keys.tab_to("main a[href$='/financieel-cv/stap/1/']")
    keys.press_and_wait("Enter")

    # Step 1: birth date, then "Nee" twice.
    keys.tab_to("#birth_date")
    keys.type_date(BIRTH_DATE)
    keys.tab_to("[name=bbl_student]")
    page.keyboard.press("ArrowDown")  # from "Ja" to "Nee"; arrows select a radio button
    assert page.locator("#bbl_student-false").is_checked()
    keys.tab_to("[name=employed_by_employer_last_6_months]")
    page.keyboard.press("ArrowDown")
    assert page.locator("#employed_by_employer_last_6_months-false").is_checked()
    # Check Shift+Tab goes back to the group before.
    keys.tab_to("[name=bbl_student]", back=True)
    keys.tab_to("form button[type=submit]")
    keys.press_and_wait("Enter")
    assert urlsplit(page.url).path == "/financieel-cv/stap/2/", page.url

    # Step 2: bijstand, doelgroepregister, loonwaarde 60, Emmen.
    keys.tab_to("[name=benefit]")
    page.keyboard.press("Space")  # the first option ("Geen uitkering")
    page.keyboard.press("ArrowDown")  # WW
    page.keyboard.press("ArrowDown")  # bijstand
    assert page.locator("#benefit-bijstand").is_checked()
    keys.tab_to("#doelgroepregister")
    page.keyboard.press("Space")
    assert page.locator("#doelgroepregister").is_checked()
    keys.tab_to("#loonwaarde_percentage")
    page.keyboard.type("60")
    keys.tab_to("[name=municipality]")
    page.keyboard.press("Space")
    assert page.locator("#municipality-emmen").is_checked()
    keys.tab_to("form button[type=submit]")
    keys.press_and_wait("Enter")
    assert urlsplit(page.url).path == "/financieel-cv/stap/3/", page.url

    # Step 3: the job.
    keys.tab_to("#start_date")
    keys.type_date(first_of_next_month())
    keys.tab_to("[name=contract]")
    page.keyboard.press("Space")
    assert page.locator("#contract-open_ended").is_checked()
    keys.tab_to("#hours_per_week")
    page.keyboard.type("32")
    keys.tab_to("#hourly_wage")
    page.keyboard.type("17,50")
    page.keyboard.press("Enter")  # Enter in a text box sends the form
    page.wait_for_url("**/financieel-cv/uitkomst/")

    assert amounts(page.locator("main").inner_text()), "de uitkomst toont geen bedragen"
    answers = " ".join((page.locator("main").text_content() or "").split())  # also inside <details>
    assert "15 maart 1990" in answers, "de geboortedatum kwam niet goed aan"
    start = first_of_next_month()
    assert f"vanaf {start.day} {MONTHS[start.month - 1]} {start.year}" in answers
    # The result page too: the downloads can be reached with Tab.
    keys.tab_to("main a[href$='/uitkomst/financieel-cv.pdf']")
    assert keys.stops > 10
    assert not keys.invisible, "geen zichtbare focus op:\n" + "\n".join(keys.invisible)
