"""The wizard: three steps, errors in Dutch next to the field and in a summary, answers
kept in the session, prefill from a link, the result page."""

from __future__ import annotations

import pytest

from werkpunt.financieel_cv.models import SavedCalculation

pytestmark = pytest.mark.django_db


def test_start_page_explains_and_begins(client, parse, text):
    response = client.get("/financieel-cv/")

    assert response.status_code == 200
    page = parse(response.content)
    assert text(page.find_all("h1")[0]) == "Financieel CV"
    assert "Wij bewaren niets over de persoon" in response.content.decode()
    begin = [a for a in page.find_all("a") if text(a) == "Begin"]
    assert begin
    assert begin[0]["attrs"]["href"] == "/financieel-cv/stap/1/"


def test_full_walk_with_a_bad_value_then_good_values(client, parse, text, visible, steps):
    step_1, step_2, step_3 = steps
    response = client.get("/financieel-cv/stap/1/")
    assert "Stap 1 van 3" in visible(response.content)

    # A date we cannot read, and no answers to the two questions.
    response = client.post("/financieel-cv/stap/1/", {"birth_date": "31-02-1966"})
    assert response.status_code == 200
    page = parse(response.content)
    summary = page.find_all("div", role="alert")
    assert len(summary) == 1
    summary_text = text(summary[0])
    assert "31-02-1966 is geen datum die wij kunnen lezen" in summary_text
    assert "Kies of de persoon een bbl-opleiding bij u volgt" in summary_text
    links = [
        a["attrs"]["href"] for a in page.find_all("a") if a["attrs"].get("href", "").startswith("#")
    ]
    assert "#birth_date" in links
    assert "#bbl_student-true" in links
    # The message is next to the field as well, and the field points at it.
    field = page.by_id("birth_date")
    assert field["attrs"]["aria-invalid"] == "true"
    assert "birth_date-error" in field["attrs"]["aria-describedby"].split()
    assert "geen datum" in text(page.by_id("birth_date-error"))
    # What was typed is still there.
    assert field["attrs"]["value"] == "31-02-1966"
    assert response.content.decode().count("<title>Fout:") == 1

    assert client.post("/financieel-cv/stap/1/", step_1)["Location"] == "/financieel-cv/stap/2/"
    assert client.post("/financieel-cv/stap/2/", step_2)["Location"] == "/financieel-cv/stap/3/"
    # The rules' own message for a wage that is not a number.
    response = client.post("/financieel-cv/stap/3/", {**step_3, "hourly_wage": "veel"})
    assert response.status_code == 200
    assert "Bruto uurloon: veel is geen getal." in visible(response.content)
    response = client.post("/financieel-cv/stap/3/", step_3)
    assert response["Location"] == "/financieel-cv/uitkomst/"

    result = client.get("/financieel-cv/uitkomst/")
    assert result.status_code == 200
    content = visible(result.content)
    assert "LKV oudere werknemer: u ontvangt € 752,91" in content
    assert "€ 8.062,24" in content
    assert "voorlopig" in content
    assert "Voorlopig betekent:" in content
    assert "niet over de waarde van een persoon" in content  # the rules' notice


def test_rules_messages_appear_next_to_the_field(client, parse, text, steps):
    step_1, step_2, step_3 = steps
    client.post("/financieel-cv/stap/1/", step_1)
    client.post("/financieel-cv/stap/2/", step_2)

    response = client.post(
        "/financieel-cv/stap/3/", {**step_3, "start_date": "2018-05-01", "hours_per_week": "70"}
    )

    page = parse(response.content)
    assert "Werkpunt rekent vanaf 2019" in text(page.by_id("start_date-error"))
    assert "niet groter zijn dan 60" in text(page.by_id("hours_per_week-error"))


def test_a_problem_on_an_earlier_step_is_listed_with_a_link(client, parse, text, steps):
    step_1, step_2, step_3 = steps
    client.post("/financieel-cv/stap/1/", {**step_1, "birth_date": "01-01-2026"})
    client.post("/financieel-cv/stap/2/", step_2)

    response = client.post("/financieel-cv/stap/3/", step_3)

    assert response.status_code == 200
    summary = text(parse(response.content).find_all("div", role="alert")[0])
    assert "Stap 1" in summary
    assert "De geboortedatum moet vóór de startdatum liggen." in summary
    assert 'href="/financieel-cv/stap/1/#birth_date"' in response.content.decode()


def test_going_back_keeps_the_answers(client, parse, steps):
    step_1, step_2, step_3 = steps
    client.post("/financieel-cv/stap/1/", step_1)
    client.post("/financieel-cv/stap/2/", {**step_2, "doelgroepregister": "true"})
    client.post("/financieel-cv/stap/3/", step_3)

    step_1 = parse(client.get("/financieel-cv/stap/1/").content)
    assert step_1.by_id("birth_date")["attrs"]["value"] == "1966-03-10"
    assert "checked" in step_1.by_id("bbl_student-false")["attrs"]
    step_2 = parse(client.get("/financieel-cv/stap/2/").content)
    assert "checked" in step_2.by_id("benefit-ww")["attrs"]
    assert "checked" in step_2.by_id("doelgroepregister")["attrs"]
    assert "checked" not in step_2.by_id("scholingsbelemmerd")["attrs"]
    assert step_2.by_id("benefit_weeks")["attrs"]["value"] == "40"
    step_3 = parse(client.get("/financieel-cv/stap/3/").content)
    assert step_3.by_id("hourly_wage")["attrs"]["value"] == "15,20"  # a Dutch comma again
    # The back link of step 3 goes to step 2.
    assert any(a["attrs"].get("href") == "/financieel-cv/stap/2/" for a in step_3.find_all("a"))


def test_an_answer_on_a_step_with_another_error_is_kept(client, parse):
    client.post("/financieel-cv/stap/1/", {"birth_date": "10-03-1966"})

    page = parse(client.get("/financieel-cv/stap/1/").content)

    assert page.by_id("birth_date")["attrs"]["value"] == "1966-03-10"


def test_prefill_from_a_link(client, parse, visible):
    response = client.get(
        "/financieel-cv/?benefit=ww&doelgroepregister=true&onbekend=1&hours_per_week=veel"
        "&municipality=Emmen&start_date=01-09-2025"
    )

    assert response.status_code == 302
    assert response["Location"] == "/financieel-cv/"
    start = client.get("/financieel-cv/")
    assert "aantal: 4" in visible(start.content)
    step_2 = parse(client.get("/financieel-cv/stap/2/").content)
    assert "checked" in step_2.by_id("benefit-ww")["attrs"]
    assert "checked" in step_2.by_id("doelgroepregister")["attrs"]
    assert "checked" in step_2.by_id("municipality-emmen")["attrs"]
    step_3 = parse(client.get("/financieel-cv/stap/3/").content)
    assert step_3.by_id("start_date")["attrs"]["value"] == "2025-09-01"
    assert step_3.by_id("hours_per_week")["attrs"]["value"] == ""  # "veel" was ignored


def test_prefill_ignores_invalid_values(client):
    response = client.get("/financieel-cv/?benefit=salaris&loonwaarde_percentage=150")

    assert response.status_code == 200  # nothing to prefill: no redirect
    assert "financieel_cv" not in client.session


def test_clear_forgets_the_answers(client, visible, steps):
    step_1 = steps[0]
    client.post("/financieel-cv/stap/1/", step_1)

    response = client.post("/financieel-cv/wissen/")

    assert response["Location"] == "/financieel-cv/?gewist=1"
    assert "financieel_cv" not in client.session
    assert "Uw antwoorden zijn gewist." in visible(client.get(response["Location"]).content)
    assert client.get("/financieel-cv/wissen/").status_code == 405


def test_result_without_answers_goes_to_the_start(client):
    assert client.get("/financieel-cv/uitkomst/")["Location"] == "/financieel-cv/"


def test_result_with_missing_answers_goes_to_that_step_and_shows_them(client, parse, text, steps):
    step_1 = steps[0]
    client.post("/financieel-cv/stap/1/", step_1)

    response = client.get("/financieel-cv/uitkomst/")

    assert response["Location"] == "/financieel-cv/stap/2/?controleer=1"
    page = parse(client.get(response["Location"]).content)
    assert "Kies welke uitkering de persoon had" in text(page.find_all("div", role="alert")[0])


def test_unknown_step_is_404(client):
    assert client.get("/financieel-cv/stap/4/").status_code == 404
    assert client.get("/financieel-cv/stap/0/").status_code == 404


def test_every_field_has_a_label_a_hint_and_groups_have_a_legend(client, parse):
    for number in (1, 2, 3):
        page = parse(client.get(f"/financieel-cv/stap/{number}/").content)
        labels = {label["attrs"]["for"] for label in page.find_all("label")}
        for field in page.find_all("input"):
            if field["attrs"].get("type") in {"hidden", "submit"}:
                continue
            assert field["attrs"]["id"] in labels, field
            for described in field["attrs"].get("aria-describedby", "").split():
                page.by_id(described)
        fieldsets = page.find_all("fieldset")
        legends = page.find_all("legend")
        assert len(fieldsets) == len(legends)
        for fieldset in fieldsets:
            for described in fieldset["attrs"].get("aria-describedby", "").split():
                page.by_id(described)
        dates = [f for f in page.find_all("input") if f["attrs"].get("type") == "date"]
        assert all(d["attrs"]["name"].endswith("_date") for d in dates)


def test_pages_work_without_javascript_and_inline_code(client, walk, parse):
    walk()
    for url in (
        "/financieel-cv/",
        "/financieel-cv/stap/1/",
        "/financieel-cv/stap/2/",
        "/financieel-cv/stap/3/",
        "/financieel-cv/uitkomst/",
        "/financieel-cv/loonkostensubsidie-verloop/",
    ):
        response = client.get(url)
        page = parse(response.content)
        assert not page.find_all("script"), url
        assert not page.find_all("style"), url
        assert not [e for e in page.elements if "style" in e["attrs"]], url
        assert not [e for e in page.elements if any(a.startswith("on") for a in e["attrs"])], url
        assert len(page.find_all("h1")) == 1, url
        for form in page.find_all("form"):
            assert form["attrs"]["method"] in {"post", "get"}


def test_personal_pages_are_not_cached(client, walk):
    walk()
    for url in ("/financieel-cv/stap/1/", "/financieel-cv/uitkomst/"):
        assert "no-store" in client.get(url)["Cache-Control"]


def test_english_version_renders(client, walk, parse, visible):
    start = client.get("/en/financieel-cv/")
    assert start.status_code == 200
    assert parse(start.content).find_all("html")[0]["attrs"]["lang"] == "en"
    walk(prefix="/en")

    result = client.get("/en/financieel-cv/uitkomst/")

    assert result.status_code == 200
    assert parse(result.content).find_all("html")[0]["attrs"]["lang"] == "en"
    assert "€752.91" in visible(result.content)  # English number format from the rules


def test_without_saving_nothing_is_stored(client, walk):
    walk()
    client.get("/financieel-cv/uitkomst/")
    for name in ("financieel-cv.pdf", "werkpunt-termijnen.ics"):
        client.get(f"/financieel-cv/uitkomst/{name}")

    assert SavedCalculation.objects.count() == 0


def test_the_result_page_evaluates_the_rules_once(client, walk, monkeypatch):
    import werkpunt.financieel_cv.report as report

    calls = []
    original = report.evaluate

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(report, "evaluate", counting)
    walk()
    calls.clear()

    client.get("/financieel-cv/uitkomst/")

    assert len(calls) == 1


def test_result_describes_the_job_and_never_scores_the_person(client, walk, parse, text, visible):
    walk()
    response = client.get("/financieel-cv/uitkomst/")
    content = visible(response.content).lower()
    page = parse(response.content)

    assert "vanaf 1 september 2025" in content
    assert "score" not in content
    assert "waarde van de kandidaat" not in content
    # Each applying instrument has a "Waarom?" disclosure with checked conditions.
    summaries = [text(s) for s in page.find_all("summary")]
    assert summaries.count("Waarom? LKV oudere werknemer") == 1
    assert "Klopt: De werknemer is bij de start 59 jaar" in visible(response.content)
    # Not by colour alone: the status is a word.
    assert "Klopt:" in visible(response.content)
    # Instruments that do not apply are listed compactly.
    assert "LKV banenafspraak : geldt niet." in visible(response.content)
    # Legal sources are links.
    assert 'href="https://wetten.overheid.nl/BWBR0037522/2025-01-01#Artikel2.2"' in (
        response.content.decode()
    )


def test_actions_are_in_date_order(client, walk, parse):
    walk()
    page = parse(client.get("/financieel-cv/uitkomst/").content)

    dates = [t["attrs"]["datetime"] for t in page.find_all("time")]

    assert dates
    assert dates == sorted(dates)
    assert "2025-11-30" in dates  # doelgroepverklaring


def test_chart_is_accessible_and_has_the_numbers_in_a_table(client, walk, parse, text):
    walk()
    page = parse(client.get("/financieel-cv/uitkomst/").content)

    svg = page.find_all("svg")[0]
    assert svg["attrs"]["role"] == "img"
    labelled = svg["attrs"]["aria-labelledby"].split()
    assert page.by_id(labelled[0])["tag"] == "title"
    assert page.by_id(labelled[1])["tag"] == "desc"
    assert "2025: € 1.210,68" in text(page.by_id(labelled[1]))
    table = page.by_id("tabel-per-jaar")
    assert table["tag"] == "caption"
    headers = [h for h in page.find_all("th") if h["attrs"].get("scope") == "row"]
    assert [text(h).split()[0] for h in headers][:6] == [str(y) for y in range(2025, 2031)]
