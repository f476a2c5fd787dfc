"""sitemap.xml, robots.txt and the glossary page."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def sitemap(site, client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def test_sitemap_lists_every_live_page_in_both_languages(sitemap):
    locs = [url.find("s:loc", NS).text for url in sitemap.findall("s:url", NS)]

    for path in [
        "/",
        "/regelingen/",
        "/regelingen/loonkostenvoordeel-arbeidsgehandicapte-werknemer/",
        "/regelingen/lage-inkomensvoordeel/",
        "/verhalen/",
        "/verhalen/kwekerij-de-linde/",
        "/nieuws/",
        "/nieuws/nieuwe-bedragen-2027/",
        "/toegankelijkheid/",
        "/privacy/",
        "/contact/",
        "/regels/",
        "/financieel-cv/",
        "/begrippen/",
    ]:
        assert f"{BASE}{path}" in locs, path
        assert f"{BASE}/en{path}" in locs, path
    assert len(locs) == len(set(locs)) == 28
    assert not [loc for loc in locs if "/zoeken/" in loc]


def test_sitemap_entries_name_their_alternates(sitemap):
    url = next(
        u for u in sitemap.findall("s:url", NS) if u.find("s:loc", NS).text == f"{BASE}/en/nieuws/"
    )
    alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}

    assert alternates == {
        "nl": f"{BASE}/nieuws/",
        "en": f"{BASE}/en/nieuws/",
        "x-default": f"{BASE}/nieuws/",
    }
    assert url.find("s:lastmod", NS) is not None


def test_sitemap_leaves_out_unpublished_pages(site, client):
    from werkpunt.content.models import NewsPage

    NewsPage.objects.get().unpublish()

    assert b"nieuwe-bedragen-2027" not in client.get("/sitemap.xml").content


def test_sitemap_and_robots_have_no_language_prefix(site, client):
    assert client.get("/en/sitemap.xml").status_code == 404
    assert client.get("/en/robots.txt").status_code == 404


def test_robots_allows_all_but_the_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[:4] == ["User-agent: *", "Allow: /", "Disallow: /cms/", "Disallow: /beheer/"]
    assert f"Sitemap: {BASE}/sitemap.xml" in lines


def test_glossary_lists_every_term_with_an_anchor(site, client, soup, text):
    html = soup(client.get("/begrippen/").content)

    items = html.select(".werkpunt-glossary__item")
    assert [item["id"] for item in items] == ["doelgroepverklaring", "loonaangifte", "loonwaarde"]
    first = items[0]
    assert text(first.dt) == "doelgroepverklaring"
    assert "Een bewijs van UWV" in text(first.dd)
    assert "doelgroepverklaringen" in text(first.dd)  # other spellings
    letters = [a["href"] for a in html.select(".werkpunt-letters a")]
    assert letters == ["#letter-d", "#letter-l"]
    assert all(html.find(id=href[1:]) for href in letters)


def test_glossary_is_empty_but_friendly_without_terms(db, client, text, soup):
    html = soup(client.get("/begrippen/").content)

    assert "nog geen begrippen" in text(html.find("main"))
