"""Every page type of the content site, in Dutch and English, with its metadata."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from werkpunt.content.models import InstrumentPage

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"
NBSP = "\u00a0"
LKV = "/regelingen/loonkostenvoordeel-arbeidsgehandicapte-werknemer/"
LIV = "/regelingen/lage-inkomensvoordeel/"
STORY = "/verhalen/kwekerij-de-linde/"
PAGE_TYPES = {
    "HomePage": "/",
    "InstrumentIndexPage": "/regelingen/",
    "InstrumentPage": LKV,
    "StoryIndexPage": "/verhalen/",
    "StoryPage": STORY,
    "NewsIndexPage": "/nieuws/",
    "NewsPage": "/nieuws/nieuwe-bedragen-2027/",
    "StandardPage": "/toegankelijkheid/",
}
CASES = [
    (kind, lang, path if lang == "nl" else f"/en{path}")
    for kind, path in PAGE_TYPES.items()
    for lang in ("nl", "en")
]


@pytest.fixture
def page(site, client, soup):
    def _page(url):
        response = client.get(url)
        assert response.status_code == 200, url
        return soup(response.content)

    return _page


@pytest.mark.parametrize(("kind", "lang", "url"), CASES)
def test_every_page_type_renders_with_its_metadata(page, json_ld, kind, lang, url):
    html = page(url)

    assert html.html["lang"] == lang
    assert html.title.string.endswith(" — Werkpunt")
    description = html.find("meta", attrs={"name": "description"})["content"]
    assert 20 < len(description) <= 320
    canonical = html.find("link", rel="canonical")["href"]
    assert canonical == f"{BASE}{url}"
    alternates = {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate")}
    dutch = url.removeprefix("/en")
    assert alternates == {
        "nl": f"{BASE}{dutch}",
        "en": f"{BASE}/en{dutch}",
        "x-default": f"{BASE}{dutch}",
    }
    assert html.find("meta", property="og:title")["content"]
    assert html.find("meta", property="og:url")["content"] == canonical
    assert html.find("meta", property="og:description")["content"] == description
    data = json_ld(html)
    assert data, "JSON-LD"
    assert all(item["@context"] == "https://schema.org" for item in data)
    assert len(html.find_all("h1")) == 1
    # Page content stays Dutch on the English interface, and says so.
    assert html.find("h1")["lang"] == "nl"


def test_titles_and_descriptions_are_unique(page):
    titles, descriptions = set(), set()
    for url in PAGE_TYPES.values():
        html = page(url)
        titles.add(html.title.string)
        descriptions.add(html.find("meta", attrs={"name": "description"})["content"])

    assert len(titles) == len(PAGE_TYPES)
    assert len(descriptions) == len(PAGE_TYPES)


def test_instrument_page_has_the_five_parts_in_order(page, text):
    html = page(LKV)

    headings = [text(h) for h in html.find_all("h2")]
    parts = [
        "Voor wie is het?",
        "Wie voert het uit?",
        "Hoe werkt het?",
        "Wat moet u doen?",
        "Wat levert het op?",
    ]
    positions = [headings.index(part) for part in parts]
    assert positions == sorted(positions)
    organisations = [text(h) for h in html.find(id="wie-voert-uit").parent.find_all("h3")]
    assert organisations == ["UWV", "Belastingdienst"]


def test_placeholders_show_todays_amount(page, text):
    html = page(LKV)
    part = text(html.find(id="wat-levert-het-op").parent)

    assert f"U krijgt €{NBSP}3,05 per verloond uur, tot €{NBSP}6.000,00 per jaar." in part
    assert "Het duurt 3 jaar." in part
    assert "[[" not in str(html)
    # Also in the summary, the steps and the meta description.
    assert f"€{NBSP}3,05 per uur korting" in text(html.find("p", class_="utrecht-paragraph--lead"))
    assert "binnen 3 maanden na de eerste werkdag" in text(html.find(id="stappen"))
    assert f"€{NBSP}3,05" in html.find("meta", attrs={"name": "description"})["content"]


def test_a_provisional_amount_is_marked_and_links_to_the_register(page, text):
    html = page(LKV)
    part = html.find(id="wat-levert-het-op").parent

    provisional = part.find("span", class_="werkpunt-value--provisional")
    assert text(provisional).startswith(f"€{NBSP}460,40 (voorlopig")
    assert provisional.find("a")["href"] == "/regels/#wml_week_21plus"
    assert part.find("a", href="/regels/#wml_week_21plus")


def test_provisional_links_go_to_the_english_register_on_english_pages(page):
    html = page(f"/en{LKV}")

    assert html.find("a", href="/en/regels/#wml_week_21plus")


def test_amounts_change_with_the_day(site, client, soup, fix_today, text):
    import datetime as dt

    fix_today(dt.date(2027, 2, 1))  # past the confirmed date of the minimum wage
    html = soup(client.get(LKV).content)

    rows = html.find("table", class_="werkpunt-amounts").find_all("tr")[1:]
    assert len(rows) == 3
    assert "(voorlopig" in text(rows[2])
    assert rows[2].find("a", href="/regels/#wml_week_21plus")


def test_amounts_table_lists_the_parameters_with_sources(page, text):
    html = page(LKV)
    table = html.find("table", class_="werkpunt-amounts")

    rows = table.find("tbody").find_all("tr")
    assert text(rows[0].th).startswith("LKV arbeidsgehandicapte werknemer")
    assert "€ 3,05 per uur" in text(rows[0])
    assert rows[0].find("a", href="/regels/#lkv_arbeidsgehandicapte_per_uur")
    assert rows[0].find("a", href=lambda h: h and h.startswith("https://"))
    assert table.find("caption")


def test_ended_instrument_says_so_clearly_and_offers_no_calculation(page, text):
    html = page(LIV)

    notice = html.find(class_="werkpunt-notice")
    assert "Deze regeling is gestopt." in text(notice)
    assert notice["role"] == "note"
    assert not html.find("main").find("a", href=lambda h: h and h.startswith("/financieel-cv/"))
    assert "Sinds 1 januari 2025 krijgt u niets meer." in text(html)


def test_index_lists_ended_instruments_separately(page, text):
    html = page("/regelingen/")

    headings = [text(h) for h in html.find_all("h2")]
    assert "Regelingen die gestopt zijn" in headings
    ended = html.find("h2", string="Regelingen die gestopt zijn").find_next("ul")
    assert [text(a) for a in ended.find_all("a")] == ["Lage-inkomensvoordeel"]


def test_calculate_link_carries_the_wizard_preset(page):
    html = page(LKV)

    links = html.find_all("a", href=lambda h: h and h.startswith("/financieel-cv/?"))
    assert len(links) == 2  # at the top and under "Wat levert het op?"
    query = parse_qs(urlsplit(links[0]["href"]).query)
    assert query == {"benefit": ["wia_wga"], "doelgroepregister": ["false"]}
    assert page(f"/en{LKV}").find("a", href=lambda h: h and h.startswith("/en/financieel-cv/?"))


def test_infographic_is_an_accessible_svg_described_by_the_steps(page):
    html = page(LKV)

    svg = html.find("svg")
    assert svg["role"] == "img"
    title = svg.find("title")
    desc = svg.find("desc")
    assert title.string == "Zo werkt het: Loonkostenvoordeel arbeidsgehandicapte werknemer"
    assert desc.string
    assert svg["aria-labelledby"] == title["id"]
    described = svg["aria-describedby"].split()
    assert desc["id"] in described
    steps = html.find(id="stappen")
    assert steps.name == "ol"
    assert steps["id"] in described
    assert len(steps.find_all("li")) == 2
    texts = " ".join(t.get_text() for t in svg.find_all("text"))
    assert "€ 3,05 per uur" in texts
    assert "(voorlopig)" in texts  # the weekly minimum wage


def test_video_is_a_link_and_a_transcript_without_loading_anything(page, text):
    html = page(LKV)

    assert not html.find("iframe")
    assert not html.find(["video", "embed", "object"])
    sources = [e.get("src") for e in html.find_all(src=True)]
    assert all(s.startswith("/") and not s.startswith("//") for s in sources)
    link = html.find("a", href="https://www.youtube.com/watch?v=voorbeeld")
    assert "Zo werkt het loonkostenvoordeel" in text(link)
    transcript = html.find(id="video").parent.find("details")
    assert "In deze video leggen wij het loonkostenvoordeel uit." in text(transcript)


def test_faq_is_on_the_page_and_in_structured_data(page, json_ld, text):
    html = page(LKV)

    question = html.find("details", class_="werkpunt-faq__item")
    assert text(question.summary) == "Wanneer krijg ik het geld?"
    faq = next(item for item in json_ld(html) if item["@type"] == "FAQPage")
    assert faq["mainEntity"] == [
        {
            "@type": "Question",
            "name": "Wanneer krijg ik het geld?",
            "acceptedAnswer": {
                "@type": "Answer",
                "text": "Een jaar later. Dan heeft u de loonaangifte al gedaan.",
            },
        }
    ]


def test_instrument_is_a_government_service(page, json_ld):
    data = json_ld(page(LKV))

    service = next(item for item in data if item["@type"] == "GovernmentService")
    assert service["name"] == "Loonkostenvoordeel arbeidsgehandicapte werknemer"
    assert service["description"].startswith(f"U krijgt €{NBSP}3,05 per uur")
    assert service["areaServed"] == {"@type": "AdministrativeArea", "name": "Drenthe"}
    assert [p["name"] for p in service["provider"]] == ["UWV", "Belastingdienst"]
    assert service["serviceType"]
    assert service["url"] == f"{BASE}{LKV}"
    crumbs = next(item for item in data if item["@type"] == "BreadcrumbList")
    assert [c["name"] for c in crumbs["itemListElement"]] == [
        "Werkgeversservicepunt Drenthe",
        "Regelingen",
        "Loonkostenvoordeel arbeidsgehandicapte werknemer",
    ]


def test_home_describes_the_organization(page, json_ld):
    data = json_ld(page("/"))

    organization = next(item for item in data if item["@type"] == "Organization")
    assert organization["areaServed"]["name"] == "Drenthe"
    assert organization["url"] == f"{BASE}/"


def test_structured_data_cannot_break_out_of_its_script(site, client):
    instrument = InstrumentPage.objects.get(slug="lage-inkomensvoordeel")
    instrument.title = "LIV </script><script>alert(1)</script>"
    instrument.save_revision().publish()

    html = client.get(LIV).content.decode()

    assert "</script><script>alert(1)" not in html
    assert "\\u003c/script\\u003e" in html


def test_home_has_search_featured_instruments_calculation_and_stories(page, text):
    html = page("/")

    main = html.find("main")
    assert "Wij helpen werkgevers in Drenthe" in text(main)
    assert main.find("form", action="/zoeken/").find("input", attrs={"name": "q"})
    featured = html.find(id="veel-gevraagd").parent
    assert text(featured.find("a")) == "Loonkostenvoordeel arbeidsgehandicapte werknemer"
    assert "Lage-inkomensvoordeel" not in text(featured)  # not featured
    cta = main.find("a", href="/financieel-cv/")
    assert text(cta) == "Bereken wat het oplevert"
    stories = html.find(id="verhalen").parent
    assert stories.find("a", href=STORY)


def test_story_shows_employer_and_the_instruments_used(page, text):
    html = page(STORY)

    assert "Kwekerij De Linde, Erica (gemeente Emmen)" in text(html.find(class_="werkpunt-meta"))
    assert html.find("blockquote")
    used = html.find(id="gebruikte-regelingen").parent
    assert used.find("a", href=LKV)


def test_glossary_terms_are_marked_once_with_their_definition(page, text):
    html = page(LKV)

    terms = html.find_all("a", class_="werkpunt-term")
    assert sorted(text(a).lower() for a in terms) == ["doelgroepverklaring", "loonaangifte"]
    for link in terms:
        assert link["href"].startswith("/begrippen/#")
        definition = html.find(id=link["aria-describedby"])
        assert definition.name == "dd"
        assert definition.get_text().strip()
    # Not inside the headings ("Let op") or the existing link to UWV.
    assert not html.find(["h2", "h3"]).find("a", class_="werkpunt-term")
    section = html.find(id="begrippen-op-pagina").parent
    assert section.find("a", href="/begrippen/")


def test_standard_pages_in_the_footer_and_contact_in_the_menu(page, text):
    html = page("/regels/")

    footer = html.find("footer")
    links = {text(a): a["href"] for a in footer.find_all("a")}
    assert links["Toegankelijkheidsverklaring"] == "/toegankelijkheid/"
    assert links["Privacyverklaring"] == "/privacy/"
    assert links["Contact"] == "/contact/"
    assert links["Regels en bedragen"] == "/regels/"
    menu = html.find("nav", attrs={"aria-label": "Hoofdmenu"})
    assert [text(a) for a in menu.find_all("a")] == [
        "Regelingen",
        "Financieel CV",
        "Verhalen",
        "Nieuws",
        "Begrippen",
        "Contact",
        "Regels en bedragen",
    ]


def test_menu_marks_the_current_section(page):
    html = page(LKV)
    menu = html.find("nav", attrs={"aria-label": "Hoofdmenu"})

    assert menu.find("a", href="/regelingen/")["aria-current"] == "true"
    assert page("/regelingen/").find("nav").find("a", href="/regelingen/")["aria-current"] == (
        "page"
    )


def test_a_missing_page_in_the_tree_gets_the_site_404(site, client, soup, text):
    response = client.get("/regelingen/bestaat-niet/")

    assert response.status_code == 404
    html = soup(response.content)
    assert text(html.find("h1")) == "Deze pagina bestaat niet"
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert html.find("a", hreflang="en")["href"] == "/en/"


def test_a_draft_page_is_not_shown(site, client):
    instrument = InstrumentPage.objects.get(slug="lage-inkomensvoordeel")
    instrument.unpublish()

    assert client.get(LIV).status_code == 404
    assert LIV not in client.get("/regelingen/").content.decode()
