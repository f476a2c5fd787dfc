"""The public pages: home and the rules register, in Dutch and English.

Every page reads the menu from the Wagtail page tree, so every test needs the
database. The home page here is the one the content migration creates; the
content site itself is tested in ``tests/content``.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape

import pytest
from django.utils import translation

from werkpunt.rules import default_parameters

pytestmark = pytest.mark.django_db

PAGES = [
    ("/", "nl"),
    ("/en/", "en"),
    ("/regels/", "nl"),
    ("/en/regels/", "en"),
]


@pytest.mark.parametrize(("url", "lang"), PAGES)
def test_page_renders_with_lang_and_skip_link_first(client, parse, text, url, lang):
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    page = parse(response.content)
    assert page.find("html").attrs["lang"] == lang
    first = page.focusable()[0]
    assert first.attrs.get("href") == "#inhoud"
    assert "utrecht-skip-link" in first.attrs["class"]
    with translation.override(lang):
        assert text(first) == translation.gettext("Naar de inhoud")
    main = page.by_id("inhoud")
    assert main.tag == "main"
    assert len(page.find_all("main")) == 1
    assert len(page.find_all("h1")) == 1
    assert "Werkpunt — Werkgeversservicepunt Drenthe" in text(page.find("header"))


@pytest.mark.parametrize(("url", "lang"), PAGES)
def test_page_loads_nothing_from_elsewhere_and_has_no_inline_code(client, parse, url, lang):
    page = parse(client.get(url).content)

    scripts = page.find_all("script")
    # Only structured data (JSON-LD): a data block that browsers do not run.
    assert all(e.attrs.get("type") == "application/ld+json" for e in scripts), "geen JavaScript"
    assert all("src" not in e.attrs for e in scripts)
    assert not page.find_all("style")
    assert not [e for e in page.elements if "style" in e.attrs], "CSP: style-src 'self'"
    assert not [e for e in page.elements if any(a.startswith("on") for a in e.attrs)]
    stylesheets = [e.attrs["href"] for e in page.find_all("link", rel="stylesheet")]
    assert stylesheets == [
        "/static/vendor/utrecht/index.css",
        "/static/werkpunt/theme.css",
        "/static/werkpunt/site.css",
        "/static/employers/question.css",
    ]
    loaded = [
        e.attrs.get("src") or e.attrs.get("href", "")
        for e in page.elements
        if e.tag in {"link", "img", "iframe", "source", "video", "audio", "script", "embed"}
        # canonical and hreflang links name a page, the browser loads nothing for them
        and e.attrs.get("rel") not in {"canonical", "alternate"}
        and (e.tag != "script" or "src" in e.attrs)
    ]
    assert all(u.startswith("/") and not u.startswith("//") for u in loaded), loaded


def test_home_is_the_wagtail_home_page_after_migrate(client, parse, text):
    page = parse(client.get("/").content)

    main = text(page.by_id("inhoud"))
    assert "helpt werkgevers" in main
    links = [a.attrs["href"] for a in page.find_all("a")]
    assert "/regels/" in links
    assert "/financieel-cv/" in links
    assert page.find("form", action="/zoeken/").attrs["method"] == "get"


def test_register_lists_every_parameter_with_its_source(client, parse, fix_today):
    day = dt.date(2026, 11, 28)
    fix_today(day)
    html = client.get("/regels/").content.decode()
    page = parse(html.encode())

    parameters = default_parameters()
    rows = [tr for tr in page.find_all("tr") if tr.attrs.get("id")]
    assert [tr.attrs["id"] for tr in rows] == sorted(
        parameters, key=lambda name: (parameters[name].file, list(parameters).index(name))
    )
    # One table per parameter file, each with a caption, column and row headers.
    files = {p.file for p in parameters.values()}
    assert len(page.find_all("table")) == len(files)
    assert len(page.find_all("caption")) == len(files)
    assert len(page.find_all("th", scope="row")) == len(parameters)
    assert {th.attrs.get("scope") for th in page.find_all("th")} == {"col", "row"}
    for name, parameter in parameters.items():
        entry = parameter.at(day).entry
        assert f'href="{escape(entry.source)}"' in _row_html(html, name), name
        assert entry.checked.isoformat() in _row_html(html, name), name


def _row(html: str, name: str) -> str:
    match = re.search(rf'<tr class="utrecht-table__row" id="{name}">(.*?)</tr>', html, re.S)
    assert match, f"geen rij voor {name}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def _row_html(html: str, name: str) -> str:
    match = re.search(rf'<tr class="utrecht-table__row" id="{name}">(.*?)</tr>', html, re.S)
    assert match
    return match.group(1)


def test_register_shows_minimum_wage_with_source_in_dutch(client, fix_today):
    fix_today(dt.date(2026, 11, 28))
    html = client.get("/regels/").content.decode()

    row = _row(html, "wml_hour_21plus")
    assert "€ 14,99 per uur" in row
    assert "1 juli 2026" in row  # in force since
    assert "28 november 2026" in row  # checked
    assert "voorlopig" not in row
    source = (
        "https://www.rijksoverheid.nl/themas/werk/minimumloon/bedragen-minimumloon/"
        "bedragen-minimumloon-2026"
    )
    assert f'href="{source}"' in _row_html(html, "wml_hour_21plus")
    assert 'href="https://wetten.overheid.nl/BWBR0002638"' in _row_html(html, "wml_hour_21plus")


def test_register_formats_numbers_in_english_on_the_english_page(client, fix_today):
    fix_today(dt.date(2026, 11, 28))
    html = client.get("/en/regels/").content.decode()

    row = _row(html, "wml_hour_21plus")
    assert "€14.99" in row
    assert "1 July 2026" in row
    assert "28 November 2026" in row
    # The descriptions are data in Dutch: marked as such for screen readers.
    assert '<td class="utrecht-table__cell" lang="nl">' in _row_html(html, "wml_hour_21plus")


def test_register_marks_a_value_past_its_confirmed_date_as_provisional(client, fix_today):
    # wml_week_21plus is confirmed until 2023-12-31; wml_hour_21plus until 2026-12-31.
    fix_today(dt.date(2026, 11, 28))
    html = client.get("/regels/").content.decode()
    assert "voorlopig" in _row(html, "wml_week_21plus")
    assert "Bevestigd tot en met 31 december 2023" in _row(html, "wml_week_21plus")
    assert "voorlopig" not in _row(html, "wml_hour_21plus")

    fix_today(dt.date(2027, 2, 1))
    html = client.get("/regels/").content.decode()
    assert "voorlopig" in _row(html, "wml_hour_21plus")
    assert "Bevestigd tot en met 31 december 2026" in _row(html, "wml_hour_21plus")


def test_register_shows_value_in_force_on_the_day_and_the_next_one(client, fix_today):
    fix_today(dt.date(2026, 3, 1))
    row = _row(client.get("/regels/").content.decode(), "wml_hour_21plus")

    assert row.startswith("wml_hour_21plus")
    assert "€ 14,71 per uur" in row
    assert "1 januari 2026" in row
    assert "Vanaf 1 juli 2026: € 14,99 per uur" in row


def test_register_shows_mappings_and_records_as_lists(client, parse, fix_today):
    fix_today(dt.date(2026, 11, 28))
    html = client.get("/regels/").content.decode()

    awf = _row_html(html, "awf_premie")
    assert '<ul class="werkpunt-value-list">' in awf
    assert re.search(r"laag</span>: 2,74%", awf)
    assert re.search(r"hoog</span>: 7,74%", awf)
    jeugd = _row_html(html, "minimumjeugdloon_percentage")
    assert re.search(r"18</span>: 50%", jeugd)
    aow = _row(html, "aow_leeftijd")
    assert "67 jaar" in aow
    assert "Vanaf 1 januari 2028: 67 jaar en 3 maanden" in aow


def test_language_switch_links_to_the_same_page_in_the_other_language(client, parse, text):
    page = parse(client.get("/regels/").content)
    switch = page.find("a", hreflang="en")
    assert switch.attrs["href"] == "/en/regels/"
    assert switch.attrs["lang"] == "en"
    assert text(switch) == "English"
    current = page.find("span", lang="nl")
    assert current.attrs["aria-current"] == "true"

    english = parse(client.get(switch.attrs["href"]).content)
    assert english.find("html").attrs["lang"] == "en"
    back = english.find("a", hreflang="nl")
    assert back.attrs["href"] == "/regels/"
    # Links inside the English site stay English.
    nav_links = [a.attrs["href"] for a in english.find_all("a") if a.attrs["href"].startswith("/")]
    assert "/en/" in nav_links
    assert "/" not in [h for h in nav_links if h != back.attrs["href"]]

    dutch = parse(client.get(back.attrs["href"]).content)
    assert dutch.find("html").attrs["lang"] == "nl"


def test_dutch_pages_stay_dutch_whatever_the_browser_asks(client, parse):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})

    assert response.status_code == 200
    assert parse(response.content).find("html").attrs["lang"] == "nl"


def test_current_page_is_marked_in_the_menu(client, parse):
    page = parse(client.get("/en/regels/").content)

    current = [a for a in page.find_all("a") if a.attrs.get("aria-current") == "page"]
    assert [a.attrs["href"] for a in current] == ["/en/regels/"]


def test_unknown_url_gives_the_custom_not_found_page(client, parse, text):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    page = parse(response.content)
    assert page.find("html").attrs["lang"] == "nl"
    assert text(page.find("h1")) == "Deze pagina bestaat niet"
    assert page.focusable()[0].attrs["href"] == "#inhoud"
    assert "utrecht-page-header" in page.find("header").attrs["class"]
    # The switch has no English twin of a missing page: it offers the English home page.
    assert page.find("a", hreflang="en").attrs["href"] == "/en/"


def test_unknown_english_url_gives_the_not_found_page_in_english(client, parse):
    response = client.get("/en/bestaat-niet/")

    assert response.status_code == 404
    page = parse(response.content)
    assert page.find("html").attrs["lang"] == "en"
    assert page.find("a", hreflang="nl").attrs["href"] == "/"


def test_pages_refuse_post(client):
    assert client.post("/regels/").status_code == 405
