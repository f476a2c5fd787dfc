"""The register's screens: list, new signal (with its prefilled links) and the report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from werkpunt.accounts.models import Role
from werkpunt.signals.models import LawSignal
from werkpunt.signals.selectors import Quarter, quarters_between, report_default_period

pytestmark = pytest.mark.django_db

LIST, NEW, REPORT = "/werk/knelpunten/", "/werk/knelpunten/nieuw/", "/werk/knelpunten/rapport/"


def _signal(theme="lks", title="Titel", description="Tekst", created_at=None, **fields):
    return LawSignal.objects.create(
        theme=theme,
        title=title,
        description=description,
        created_at=created_at or timezone.now(),
        **fields,
    )


@pytest.mark.parametrize("role", [Role.ADVISER, Role.TEAM_LEAD, Role.BOARD])
def test_list_and_report_open_for_readers(client, make_user, login, role):
    login(client, make_user(role=role))

    assert client.get(LIST).status_code == 200
    assert client.get(REPORT).status_code == 200


@pytest.mark.parametrize("role", [Role.JOBCOACH, Role.EMPLOYER, Role.EDITOR, Role.ADMINISTRATOR])
def test_other_roles_are_refused(client, make_user, login, role):
    login(client, make_user(role=role))

    for url in (LIST, NEW, REPORT):
        assert client.get(url).status_code == 403


def test_board_reads_but_does_not_create_and_sees_no_employer(
    client, make_user, login, build, parse
):
    adviser = make_user(role=Role.ADVISER)
    employer = build.employer(contact_person=adviser, name="Kwekerij Zichtbaar")
    _signal(title="LKS te laat betaald", employer=employer)
    board = make_user(role=Role.BOARD)
    login(client, board)

    page = parse(client.get(LIST).content)

    body = page.find("main").plain
    assert "LKS te laat betaald" in body
    assert "Kwekerij Zichtbaar" not in body
    assert "Nieuw knelpunt" not in body
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, {"theme": "lks", "title": "x", "description": "y"}).status_code == 403

    login(client, adviser)
    page = parse(client.get(LIST).content)
    link = next(a for a in page.find_all("a") if a.plain == "Kwekerij Zichtbaar")
    assert link.attrs["href"] == f"/werk/werkgevers/{employer.pk}/"


def test_list_filters_by_theme_and_period(client, make_user, login, parse):
    _signal(
        theme="lks", title="Oud LKS", created_at=timezone.make_aware(dt.datetime(2025, 2, 1, 12))
    )
    _signal(theme="lks", title="Nieuw LKS")
    _signal(theme="no_risk", title="Nieuw no-risk")
    login(client, make_user(role=Role.ADVISER))

    def titles(**query):
        page = parse(client.get(LIST, query).content)
        return [
            e.plain
            for e in page.find_all("strong")
            if e.plain in {"Oud LKS", "Nieuw LKS", "Nieuw no-risk"}
        ]

    assert titles() == ["Nieuw no-risk", "Nieuw LKS", "Oud LKS"]
    assert titles(thema="lks") == ["Nieuw LKS", "Oud LKS"]
    assert titles(thema="lks", van="1-1-2025", tot="31-12-2025") == ["Oud LKS"]
    page = parse(client.get(LIST, {"thema": "onzin"}).content)
    assert "Kies een thema uit de lijst." in page.by_id("filter-thema_error").plain


def test_new_signal_post_redirect_get(client, make_user, login, parse):
    adviser = make_user(role=Role.ADVISER)
    login(client, adviser)

    response = client.post(
        NEW,
        {
            "theme": "termijnen",
            "title": "Doelgroepverklaring te laat door wachttijd",
            "description": "UWV deed er vier maanden over.",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/werk/knelpunten/?opgeslagen=1"
    signal = LawSignal.objects.get()
    assert signal.created_by == adviser
    assert signal.employer is None
    page = parse(client.get(response["Location"]).content)
    assert "Dank u. Het knelpunt is opgeslagen." in page.find("main").plain


def test_bsn_is_refused_and_the_text_is_kept(client, make_user, login, parse):
    login(client, make_user(role=Role.TEAM_LEAD))
    typed = "De werknemer (BSN 111222333) kreeg geen loonkostensubsidie."

    response = client.post(NEW, {"theme": "lks", "title": "LKS geweigerd", "description": typed})

    assert response.status_code == 200
    assert not LawSignal.objects.exists()
    page = parse(response.content)
    assert page.find("title").plain.startswith("Fout:")
    assert page.by_id("knelpunt-description").plain == typed
    assert page.by_id("knelpunt-title").attrs["value"] == "LKS geweigerd"
    assert page.by_id("knelpunt-description_error").plain.endswith(
        "Haal het burgerservicenummer (BSN) weg. Dit lijkt een BSN. Schrijf geen gegevens "
        "van de werknemer in het knelpunt: geen BSN, geen naam, geen geboortedatum."
    )
    summary = [a for a in page.find_all("a") if a.attrs.get("href") == "#knelpunt-description"]
    assert summary


def test_missing_fields_are_named_in_the_summary(client, make_user, login, parse):
    login(client, make_user(role=Role.ADVISER))

    page = parse(client.post(NEW, {"title": "Alleen een titel"}).content)

    anchors = {
        a.attrs["href"]: a.plain
        for a in page.find_all("a")
        if a.attrs.get("href", "").startswith("#knelpunt")
    }
    assert anchors == {
        "#knelpunt-theme_0": "Kies een thema.",
        "#knelpunt-description": "Schrijf op wat er mis ging.",
    }
    assert page.by_id("knelpunt-title").attrs["value"] == "Alleen een titel"


def test_prefill_links_a_visible_employer_and_placement(client, make_user, login, build, parse):
    adviser = make_user(role=Role.ADVISER)
    employer = build.employer(contact_person=adviser, name="Kwekerij Koppel")
    placement = build.placement(employer=employer, job_title="Kasmedewerker")
    other = build.employer(contact_person=adviser, name="Ander Bedrijf")
    login(client, adviser)

    page = parse(client.get(NEW, {"werkgever": other.pk, "plaatsing": placement.pk}).content)

    # The placement wins: its own employer is linked, not the other one.
    assert "‘Kasmedewerker’ bij Kwekerij Koppel" in page.find("main").plain
    assert page.find("input", name="werkgever").attrs["value"] == str(employer.pk)
    assert page.find("input", name="plaatsing").attrs["value"] == str(placement.pk)

    client.post(
        NEW,
        {
            "theme": "lks",
            "title": "Titel",
            "description": "Tekst",
            "werkgever": str(employer.pk),
            "plaatsing": str(placement.pk),
        },
    )
    signal = LawSignal.objects.get()
    assert (signal.employer, signal.placement) == (employer, placement)


def test_prefill_ignores_objects_that_do_not_exist_or_are_garbage(client, make_user, login, parse):
    login(client, make_user(role=Role.ADVISER))

    page = parse(client.get(NEW, {"werkgever": "999999", "plaatsing": "abc"}).content)

    assert "koppelen wij" not in page.find("main").plain
    assert page.find("input", name="werkgever").attrs.get("value", "") == ""

    client.post(
        NEW,
        {
            "theme": "lks",
            "title": "Titel",
            "description": "Tekst",
            "werkgever": "999999",
            "plaatsing": "-1",
        },
    )
    signal = LawSignal.objects.get()
    assert signal.employer is None
    assert signal.placement is None


def test_quarters():
    assert Quarter.of(dt.date(2026, 11, 28)) == Quarter(2026, 4)
    assert [q.label for q in quarters_between(dt.date(2025, 12, 31), dt.date(2026, 4, 1))] == [
        "Q4 2025",
        "Q1 2026",
        "Q2 2026",
    ]
    assert report_default_period(dt.date(2026, 11, 28)) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 11, 28),
    )
    assert report_default_period(dt.date(2026, 2, 3)) == (dt.date(2025, 4, 1), dt.date(2026, 2, 3))


def _aware(year, month, day):
    return timezone.make_aware(dt.datetime(year, month, day, 12))


def test_report_counts_per_theme_per_quarter_with_examples(client, make_user, login, build, parse):
    adviser = make_user(role=Role.ADVISER)
    employer = build.employer(contact_person=adviser, name="Kwekerij Geheim")
    for month, day in ((1, 5), (2, 10), (3, 31), (4, 1)):
        _signal(
            theme="lks",
            title=f"LKS {month}-{day}",
            created_at=_aware(2025, month, day),
            employer=employer,
        )
    _signal(theme="no_risk", title="No-risk", created_at=_aware(2025, 5, 5))
    _signal(theme="lks", title="Buiten de periode", created_at=_aware(2024, 12, 31))
    login(client, make_user(role=Role.BOARD))

    response = client.get(REPORT, {"van": "2025-01-01", "tot": "2025-06-30"})

    page = parse(response.content)
    header = [e.plain for e in page.find_all("th", scope="col")]
    assert header == ["Thema", "Q1 2025", "Q2 2025", "Samen"]

    def row(theme):
        start = next(e for e in page.find_all("tr") if e.attrs.get("data-theme") == theme)
        cells = []
        for element in page.elements[page.elements.index(start) + 1 :]:
            if element.tag == "tr":
                break
            if element.tag == "td":
                cells.append(element.plain)
        return cells

    assert row("lks") == ["3", "1", "4"]
    assert row("no_risk") == ["0", "1", "1"]
    assert row("avg") == ["0", "0", "0"]
    examples = page.by_id("thema-lks")
    section_text = next(
        e for e in page.find_all("section") if e.attrs.get("aria-labelledby") == "thema-lks"
    ).plain
    assert examples.plain == "Loonkostensubsidie"
    # The three newest, newest first; the oldest of the four is left out.
    assert (
        section_text.index("LKS 4-1")
        < section_text.index("LKS 3-31")
        < section_text.index("LKS 2-10")
    )
    assert "LKS 1-5" not in section_text
    body = page.find("main").plain
    assert "Kwekerij Geheim" not in body
    assert "Buiten de periode" not in body
    assert "legden adviseurs 5 knelpunten vast" in body


def test_report_period_errors_fall_back_to_the_default(client, make_user, login, parse):
    login(client, make_user(role=Role.ADVISER))

    response = client.get(REPORT, {"van": "31-12-2026", "tot": "1-1-2026"})

    assert response.status_code == 200
    page = parse(response.content)
    assert "Deze datum ligt vóór de datum bij ‘Van’." in page.by_id("filter-tot_error").plain
