"""Helpers for the browser tests (the fixtures are in ``conftest.py`` beside this file).

Kept apart from ``conftest.py`` so that test modules can import them
(``conftest.py`` puts this folder on ``sys.path``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit, urlunsplit

T = TypeVar("T")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"telefoon": PHONE, "desktop": DESKTOP}
MISSING_BROWSER = "Chromium ontbreekt: installeer Debian's chromium om de browsertests te draaien"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

#: Paths the crawl leaves alone: admin, CMS and files.
SKIPPED_PREFIXES = ("/cms/", "/beheer/", "/documenten/", "/media/")
#: At most this many pages are crawled (the demo site has about a hundred per language).
CRAWL_LIMIT = 600


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def chromium_path() -> str:
    return os.environ.get("WERKPUNT_CHROMIUM", "/usr/bin/chromium")


def in_thread(function: Callable[[], T]) -> T:
    """Run ``function`` in a fresh thread with its own database connection.

    Playwright's sync API keeps an asyncio loop running in the main thread, and Django
    refuses to use the ORM in a thread with a running loop.
    """

    def run() -> T:
        from django.db import connections

        try:
            return function()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


# --- The site ---------------------------------------------------------------------------


@dataclass
class Site:
    """The running site: its base URL and whether the demo content is there."""

    url: str
    has_demo: bool
    no_demo_reason: str = ""

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc

    def __call__(self, path: str) -> str:
        return urljoin(self.url, path)

    def is_own(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in {"http", "https"} and parts.netloc == self.host


@dataclass
class RequestLog:
    """Every request of a browser context, and those that were not for the live server."""

    site: Site
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


def new_context(browser: Any, site: Site, log: RequestLog, **options: Any) -> Any:
    """A browser context whose requests go only to the live server.

    A request for any other host is recorded and aborted, so a test can never send
    traffic off this machine, and the test that owns the context fails.
    """
    options.setdefault("viewport", DESKTOP)
    options.setdefault("locale", "nl-NL")
    options.setdefault("timezone_id", "Europe/Amsterdam")
    context = browser.new_context(base_url=site.url, accept_downloads=True, **options)
    context.set_default_timeout(15_000)

    def route(route: Any) -> None:
        url = route.request.url
        log.requests.append(url)
        if site.is_own(url):
            route.continue_()
        else:
            log.foreign.append(url)
            route.abort()

    def console(message: Any) -> None:
        if message.type == "error":
            log.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    context.route("**/*", route)
    context.on("console", console)
    return context


# --- Accessibility ----------------------------------------------------------------------


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core as bundled by axe-playwright-python, on the page as it is now, with the
    WCAG 2.0, 2.1 and 2.2 A and AA rules."""
    from axe_playwright_python.base import AXE_SCRIPT

    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    result = page.evaluate("options => window.axe.run(document, options)", options)
    return list(result["violations"])


def format_violations(where: str, violations: list[dict[str, Any]]) -> str:
    """One line per element: where, rule id, impact, CSS target and axe's summary."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = " ".join((node.get("failureSummary") or violation["help"]).split())
            lines.append(
                f"{where}: {violation['id']} ({violation.get('impact')}) op `{target}`: "
                f"{violation['help']}. {summary}"
            )
    return "\n".join(lines)


@dataclass
class AxeCheck:
    """Collects axe violations over pages and viewports; asserts once at the end, so one
    run lists every problem."""

    page: Any
    found: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def check(self, label: str, *, viewports: dict[str, dict[str, int]] | None = None) -> None:
        """Run axe on the page as it is now, at phone width and at desktop width."""
        for name, size in (viewports or VIEWPORTS).items():
            self.page.set_viewport_size(size)
            path = urlsplit(self.page.url)
            where = f"{label} ({path.path}{'?' + path.query if path.query else ''}, {name})"
            self.checked.append(where)
            report = format_violations(where, axe_violations(self.page))
            if report:
                self.found.append(report)
        self.page.set_viewport_size(DESKTOP)

    def assert_clean(self) -> None:
        assert not self.found, "axe-core vond toegankelijkheidsfouten:\n" + "\n".join(self.found)


# --- Pages and links over plain HTTP ----------------------------------------------------


class LinkParser(HTMLParser):
    """The ``<a href>`` values and the ids (and ``<a name>``) of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        if values.get("id"):
            self.anchors.add(values["id"])
        if tag == "a" and values.get("name"):
            self.anchors.add(values["name"])


@dataclass
class Fetched:
    url: str
    status: int
    content_type: str
    links: list[str]
    anchors: set[str]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def fetch(url: str, *, limit: int = 5, lang: str = "nl") -> Fetched:
    """GET ``url``, following at most ``limit`` redirects on the same host."""
    opener = urllib.request.build_opener(_NoRedirect)
    current = url
    for _ in range(limit + 1):
        if urlsplit(current).scheme != "http":
            raise AssertionError(f"geen http-adres: {current}")
        request = urllib.request.Request(current, headers={"Accept-Language": lang})
        try:
            with opener.open(request, timeout=30) as response:
                status, headers, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, body = error.code, error.headers, error.read()
        location = headers.get("Location")
        if 300 <= status < 400 and location:
            target = urljoin(current, location)
            if urlsplit(target).netloc != urlsplit(url).netloc:
                raise AssertionError(f"{url} stuurt door naar een andere host: {target}")
            current = target
            continue
        content_type = headers.get("Content-Type", "")
        parser = LinkParser()
        if content_type.startswith("text/html"):
            parser.feed(body.decode("utf-8", "replace"))
        return Fetched(current, status, content_type, parser.links, parser.anchors)
    raise AssertionError(f"{url}: meer dan {limit} doorverwijzingen")


def without_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


def crawlable(site: Site, url: str) -> bool:
    return site.is_own(url) and not urlsplit(url).path.startswith(SKIPPED_PREFIXES)


@dataclass
class Crawl:
    """Every internal page reached from the home pages, with the pages that link to it."""

    pages: dict[str, Fetched]
    referrers: dict[str, set[str]]
    fragments: dict[str, set[tuple[str, str]]]

    def paths(self, pattern: str) -> list[str]:
        """The paths (status 200) that match ``pattern`` as a whole."""
        return sorted(
            {
                urlsplit(url).path
                for url, fetched in self.pages.items()
                if fetched.status == 200 and re.fullmatch(pattern, urlsplit(url).path)
            }
        )


_crawl_lock = threading.Lock()
_crawls: dict[str, Crawl] = {}


def crawl_site(site: Site, starts: tuple[str, ...] = ("/", "/en/")) -> Crawl:
    """Breadth first over the internal ``<a href>`` links; at most :data:`CRAWL_LIMIT`
    pages, each fetched once. Cached per live server."""
    with _crawl_lock:
        if site.url in _crawls:
            return _crawls[site.url]
        queue = [site(path) for path in starts]
        seen = set(queue)
        pages: dict[str, Fetched] = {}
        referrers: dict[str, set[str]] = {}
        fragments: dict[str, set[tuple[str, str]]] = {}
        while queue and len(pages) < CRAWL_LIMIT:
            url = queue.pop(0)
            fetched = fetch(url)
            pages[url] = fetched
            for href in fetched.links:
                if href.startswith(("mailto:", "tel:", "javascript:")):
                    continue
                absolute = urljoin(fetched.url, href)
                if not crawlable(site, absolute):
                    continue
                target = without_fragment(absolute)
                referrers.setdefault(target, set()).add(url)
                fragment = urlsplit(absolute).fragment
                if fragment:
                    fragments.setdefault(target, set()).add((url, fragment))
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
        _crawls[site.url] = Crawl(pages, referrers, fragments)
        return _crawls[site.url]


# --- The financieel CV wizard -----------------------------------------------------------


def first_of_next_month(today: dt.date | None = None) -> dt.date:
    day = today or dt.date.today()  # noqa: DTZ011 - the machine's date, as the server uses
    return dt.date(day.year + 1, 1, 1) if day.month == 12 else dt.date(day.year, day.month + 1, 1)


BIRTH_DATE = dt.date(1990, 3, 15)

#: Good answers per step: text boxes (dates as dates), radio buttons and checkboxes by id.
GOOD_ANSWERS: dict[int, dict[str, Any]] = {
    1: {
        "text": {"birth_date": BIRTH_DATE},
        "check": ["bbl_student-false", "employed_by_employer_last_6_months-false"],
    },
    2: {
        "text": {"loonwaarde_percentage": "60"},
        "check": ["benefit-bijstand", "doelgroepregister", "municipality-emmen"],
    },
    3: {
        "text": {"start_date": None, "hours_per_week": "32", "hourly_wage": "17,50"},
        "check": ["contract-open_ended"],
    },
}
#: A bad value for the wage on step 3, and the Dutch message the rules give for it.
BAD_WAGE = "-5"
BAD_WAGE_MESSAGE = "Het getal mag niet kleiner zijn dan 0."
FIRST_FIELD = {1: "birth_date", 2: "benefit-none", 3: "start_date"}
#: The error summary at the top of a form page (the class name is the app's own).
ERROR_SUMMARY = "main [class*='error-summary']"


def step_answers(number: int) -> dict[str, Any]:
    answers = dict(GOOD_ANSWERS[number])
    if number == 3:
        answers["text"] = {**answers["text"], "start_date": first_of_next_month()}
    return answers


class Wizard:
    """Drives the financieel CV through Playwright's form helpers."""

    def __init__(self, page: Any, prefix: str = "") -> None:
        self.page = page
        self.prefix = prefix  # "" for Dutch, "/en" for English

    def form(self, number: int) -> Any:
        """The step's form: the one holding its first question."""
        return self.page.locator("form", has=self.page.locator(f"#{FIRST_FIELD[number]}"))

    def goto_step(self, number: int) -> None:
        self.page.goto(f"{self.prefix}/financieel-cv/stap/{number}/")
        assert self.form(number).count() == 1, f"stap {number} toont geen vragen: {self.page.url}"

    def fill(self, number: int, **override: str) -> None:
        answers = step_answers(number)
        for name, value in {**answers["text"], **override}.items():
            # Playwright fills an <input type=date> with an ISO date.
            text = value.isoformat() if isinstance(value, dt.date) else value
            self.page.locator(f"#{name}").fill(text)
        for option in answers.get("check", []):
            self.page.locator(f"#{option}").check()

    def submit(self, number: int) -> None:
        button = self.form(number).locator("button[type=submit]")
        with self.page.expect_navigation():
            button.click()

    def complete(self) -> None:
        """All three steps with good answers; ends on the result page."""
        for number in (1, 2, 3):
            self.goto_step(number)
            self.fill(number)
            self.submit(number)
        assert "/financieel-cv/uitkomst/" in self.page.url, (
            f"na stap 3 niet op de uitkomst maar op {self.page.url}"
        )


def date_field_order(browser: Any) -> str:
    """The order in which this Chromium's date fields take typed digits: ``"dmy"``,
    ``"mdy"`` or ``"ymd"``. It follows the browser's own language (Debian's chromium
    without ``chromium-l10n`` is American: month first), not the page's."""
    page = browser.new_page()
    try:
        page.set_content('<input type="date" id="d" aria-label="d">')
        page.locator("#d").focus()
        page.keyboard.type("0102" + "2003")
        value = page.locator("#d").input_value()
    finally:
        page.close()
    return {"2003-01-02": "mdy", "2003-02-01": "dmy"}.get(value, "ymd")


def date_keys(day: dt.date, order: str) -> str:
    """The digits to type for ``day`` into a date field with this order."""
    parts = {"d": f"{day.day:02d}", "m": f"{day.month:02d}", "y": f"{day.year:04d}"}
    return "".join(parts[letter] for letter in order)


#: Amounts as the site writes them in Dutch: 1.234,56.
AMOUNT_NL = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})*,\d{2}(?![\d,])")


def amounts(text: str) -> set[str]:
    """The euro amounts in a text, as written in Dutch."""
    return set(AMOUNT_NL.findall(text.replace("\u00a0", " ")))


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()
