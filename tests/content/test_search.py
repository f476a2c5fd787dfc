"""Search over all pages and the glossary: /zoeken/?q=…"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def search(site, client, soup):
    def _search(query, prefix=""):
        response = client.get(f"{prefix}/zoeken/", {"q": query})
        assert response.status_code == 200
        return soup(response.content)

    return _search


def _result_links(html):
    return [a["href"] for a in html.select(".werkpunt-result a")]


def test_finds_an_instrument_by_a_word_from_its_body(search):
    # "werkgeversportaal" is only in the "wie voert uit" part of the LKV page.
    html = search("werkgeversportaal")

    assert _result_links(html) == ["/regelingen/loonkostenvoordeel-arbeidsgehandicapte-werknemer/"]


def test_finds_a_story_by_the_employer(search):
    assert "/verhalen/kwekerij-de-linde/" in _result_links(search("Kwekerij"))


def test_results_show_title_summary_and_type(search, text):
    html = search("werkgeversportaal")

    result = html.select_one(".werkpunt-result")
    assert text(result.select_one(".werkpunt-result__title")) == (
        "Loonkostenvoordeel arbeidsgehandicapte werknemer"
    )
    assert text(result.select_one(".utrecht-data-badge")) == "Regeling"
    assert "\u00a03,05 per uur korting" in result.get_text()  # summary with its placeholder


def test_finds_a_glossary_term(search, text):
    html = search("loonwaarde")

    term = html.select_one(".werkpunt-glossary__term a")
    assert text(term) == "loonwaarde"
    assert term["href"] == "/begrippen/#loonwaarde"
    assert "Hoeveel werk iemand kan doen" in text(html.select_one(".werkpunt-glossary__definition"))


def test_an_empty_query_explains_what_to_do(search, text):
    html = search("")

    assert "Typ een woord in het zoekveld" in text(html.find("main"))
    assert not html.select(".werkpunt-result")


def test_no_results_gives_friendly_advice(search, text):
    html = search("xylofoonles")

    main = text(html.find("main"))
    assert "Niets gevonden voor ‘xylofoonles’" in main
    assert "Kijk of het woord goed gespeld is." in main


def test_the_query_is_escaped_and_kept_in_the_form(search):
    html = search('<script>"x"</script>')

    assert not html.find("script", string=lambda s: s and "x" in s)
    assert html.find("input", id="zoeken-pagina")["value"] == '<script>"x"</script>'


def test_search_pages_are_not_indexed(search):
    assert search("loon").find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_english_search_links_to_english_pages(search):
    links = _result_links(search("werkgeversportaal", prefix="/en"))

    assert links == ["/en/regelingen/loonkostenvoordeel-arbeidsgehandicapte-werknemer/"]


@pytest.mark.parametrize(
    "url", ["/", "/regels/", "/begrippen/", "/regelingen/", "/en/verhalen/kwekerij-de-linde/"]
)
def test_every_page_has_a_search_form_in_the_header(site, client, soup, url):
    html = soup(client.get(url).content)

    form = html.find("header").find("form")
    assert form["method"] == "get"
    assert form["action"] == ("/en/zoeken/" if url.startswith("/en/") else "/zoeken/")
    assert form["role"] == "search"
    field = form.find("input", attrs={"name": "q"})
    assert html.find("label", attrs={"for": field["id"]})
    assert form.find("button", type="submit")
