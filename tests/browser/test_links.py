"""Every internal link in the demo content resolves, and the pages load nothing from elsewhere.

The crawl uses plain HTTP against the live server (fast, no browser); the request check
visits the same pages in Chromium and records every request the browser makes.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from browser_support import RequestLog, Wizard, new_context

pytestmark = pytest.mark.browser

#: Page types the crawl must reach from the home pages (a missing one means a broken menu).
EXPECTED = {
    "instrument page": r"/regelingen/[^/]+/",
    "story": r"/verhalen/[^/]+/",
    "news item": r"/nieuws/[^/]+/",
    "glossary": r"/begrippen/",
    "rules register": r"/regels/",
    "financieel CV": r"/financieel-cv/",
    "English instrument page": r"/en/regelingen/[^/]+/",
}


def _short(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_every_internal_link_resolves(crawl):
    broken = [
        f"{_short(url)} gaf {fetched.status}; gelinkt vanaf "
        + ", ".join(sorted(_short(r) for r in crawl.referrers.get(url, set()))[:5])
        for url, fetched in crawl.pages.items()
        if fetched.status >= 400
    ]
    assert not broken, "kapotte links:\n" + "\n".join(broken)
    missing = [name for name, pattern in EXPECTED.items() if not crawl.paths(pattern)]
    assert not missing, f"niet bereikbaar vanaf de startpagina: {missing}"


def test_every_link_to_a_part_of_a_page_finds_it(crawl):
    missing = []
    for target, links in crawl.fragments.items():
        fetched = crawl.pages.get(target)
        if fetched is None or not fetched.content_type.startswith("text/html"):
            continue
        missing.extend(
            f"{_short(source)} linkt naar {_short(target)}#{fragment}: dat id bestaat niet"
            for source, fragment in sorted(links)
            if fragment not in fetched.anchors
        )
    assert not missing, "\n".join(missing)


def test_pages_make_no_requests_to_other_hosts(demo_site, browser, crawl):
    log = RequestLog(demo_site)
    context = new_context(browser, demo_site, log)
    try:
        page = context.new_page()
        html_pages = [
            url
            for url, fetched in crawl.pages.items()
            if fetched.content_type.startswith("text/html")
        ]
        for url in html_pages:
            page.goto(url, wait_until="load")
        # The wizard, its result and the downloads (the pages behind a session).
        Wizard(page).complete()
        for link in page.locator("main a[href*='/uitkomst/']").all():
            href = link.get_attribute("href") or ""
            if href.rsplit(".", 1)[-1] in {"pdf", "docx", "ics"}:
                response = page.request.get(href)
                assert response.status == 200, f"{href} gaf {response.status}"
    finally:
        context.close()
    assert len(log.requests) >= len(html_pages)
    assert not log.foreign, "verzoeken naar een andere host:\n" + "\n".join(
        sorted(set(log.foreign))
    )
    hosts = {urlsplit(url).netloc for url in log.requests}
    assert hosts == {demo_site.host}, hosts
    csp = [message for message in log.console_errors if "Content Security Policy" in message]
    assert not csp, "de Content-Security-Policy blokkeerde iets:\n" + "\n".join(csp)
