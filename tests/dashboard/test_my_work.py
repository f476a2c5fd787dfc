"""'Mijn werk': own requests, deadlines and after-sales tasks, grouped around today."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from werkpunt.accounts.models import Role
from werkpunt.placements.models import DeadlineStatus

pytestmark = pytest.mark.django_db

URL = "/werk/"
_MONTHS = [
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


def today():
    return timezone.localdate()


def at(day, hour, minute=0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _rows(response, key):
    """{bucket: [row, ...]} of one section of the page's context."""
    section = next(s for s in response.context["sections"] if s.key == key)
    return {group["bucket"]: group["rows"] for group in section.groups}


@pytest.mark.parametrize("role", [Role.ADVISER, Role.TEAM_LEAD, Role.JOBCOACH])
def test_opens_for_case_roles_and_jobcoach(client, make_user, login, parse, role):
    login(client, make_user(role=role))

    response = client.get(URL)

    assert response.status_code == 200
    page = parse(response.content)
    assert len(page.find_all("h1")) == 1
    assert page.find("h1").plain == "Mijn werk"


@pytest.mark.parametrize("role", [Role.BOARD, Role.EDITOR, Role.ADMINISTRATOR, Role.EMPLOYER])
def test_refuses_other_roles(client, make_user, login, role):
    login(client, make_user(role=role))

    assert client.get(URL).status_code == 403


def test_anonymous_goes_to_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert "next=/werk/" in response["Location"]


def test_groups_late_today_and_this_week_around_today(client, make_user, login, build, parse):
    if timezone.localtime().time() >= dt.time(23, 58):
        pytest.skip("vlak voor middernacht valt 'later vandaag' in morgen")
    adviser = make_user(role=Role.ADVISER)
    other = make_user(role=Role.ADVISER)
    employer = build.employer(contact_person=adviser, name="Kwekerij Melenhorst")
    placement = build.placement(employer=employer, job_title="Tuinder")
    day = today()
    for title, due in [
        ("Gisteren", day - dt.timedelta(days=1)),
        ("Vandaag", day),
        ("Over drie dagen", day + dt.timedelta(days=3)),
        ("Over zes dagen", day + dt.timedelta(days=6)),
        ("Over zeven dagen", day + dt.timedelta(days=7)),
    ]:
        build.deadline(placement=placement, owner=adviser, due=due, title=title)
    build.deadline(placement=placement, owner=other, due=day, title="Van een ander")
    build.deadline(
        placement=placement,
        owner=adviser,
        due=day - dt.timedelta(days=2),
        title="Al gedaan",
        status=DeadlineStatus.DONE,
    )
    build.task(placement=placement, owner=adviser, due=day - dt.timedelta(days=10), moment="2w")
    build.task(placement=placement, owner=adviser, due=day + dt.timedelta(days=2), moment="6w")
    build.task(
        placement=placement,
        owner=adviser,
        due=day - dt.timedelta(days=1),
        moment="3m",
        done_at=timezone.now(),
    )
    late = build.request(owner=adviser, call_back_by=timezone.now() - dt.timedelta(hours=1))
    later_today = build.request(owner=adviser, call_back_by=at(day, 23, 59))
    this_week = build.request(owner=adviser, call_back_by=at(day + dt.timedelta(days=2), 9))
    build.request(owner=adviser, call_back_by=at(day, 8), status="done")
    build.request(owner=other, call_back_by=at(day, 23, 59))
    login(client, adviser)

    response = client.get(URL)

    deadlines = _rows(response, "termijnen")
    assert [r["title"] for r in deadlines["late"]] == ["Gisteren"]
    assert [r["title"] for r in deadlines["today"]] == ["Vandaag"]
    assert [r["title"] for r in deadlines["week"]] == ["Over drie dagen", "Over zes dagen"]
    assert set(deadlines) == {"late", "today", "week"}
    tasks = _rows(response, "nazorg")
    assert [r["moment"] for r in tasks["late"]] == ["na 2 weken"]
    assert [r["moment"] for r in tasks["week"]] == ["na 6 weken"]
    assert "today" not in tasks
    requests = _rows(response, "vragen")
    assert [r["url"] for r in requests["late"]] == [f"/werk/vragen/{late.pk}/"]
    assert [r["url"] for r in requests["today"]] == [f"/werk/vragen/{later_today.pk}/"]
    assert [r["url"] for r in requests["week"]] == [f"/werk/vragen/{this_week.pk}/"]

    page = parse(response.content)
    labels = [e.plain for e in page.elements if e.attrs.get("scope") == "rowgroup"]
    week_end = day + dt.timedelta(days=6)
    week_label = (
        f"Deze week (tot en met {week_end.day} {_MONTHS[week_end.month - 1]} {week_end.year})"
    )
    # Requests, then deadlines, then after-sales: each with its groups in order.
    assert labels == [
        "Te laat (1)",
        "Vandaag (1)",
        f"{week_label} (1)",
        "Te laat (1)",
        "Vandaag (1)",
        f"{week_label} (2)",
        "Te laat (1)",
        f"{week_label} (1)",
    ]
    # Late rows say so in words, not only by colour.
    assert "(te laat)" in page.find("table").plain
    counts = page.by_id("telling-termijnen").plain
    assert "4 open" in counts
    assert "1 te laat" in counts


def test_each_row_links_to_its_object_and_shows_the_money(client, make_user, login, build, parse):
    adviser = make_user(role=Role.ADVISER)
    employer = build.employer(contact_person=adviser)
    placement = build.placement(employer=employer)
    build.deadline(placement=placement, owner=adviser, due=today(), amount=123456, title="LKV")
    build.deadline(placement=placement, owner=adviser, due=today(), amount=None, title="Onbekend")
    login(client, adviser)

    page = parse(client.get(URL).content)

    link = next(a for a in page.find_all("a") if a.plain == "LKV")
    assert link.attrs["href"] == f"/werk/plaatsingen/{placement.pk}/"
    table = page.by_id("termijnen-bijschrift")
    assert table.plain.startswith("Termijnen")
    body = page.find("main").plain
    assert "€ 1.234,56" in body
    assert "onbekend" in body
    assert "Op het spel: € 1.234,56." in page.by_id("telling-termijnen").plain


def test_never_shows_the_worker_name(client, make_user, login, build):
    adviser = make_user(role=Role.ADVISER)
    placement = build.placement(
        employer=build.employer(contact_person=adviser), worker_name="Jan Geheim"
    )
    build.deadline(placement=placement, owner=adviser, due=today())
    build.task(placement=placement, owner=adviser, due=today())
    login(client, adviser)

    assert "Jan Geheim" not in client.get(URL).content.decode()


def test_empty_states_in_plain_dutch(client, make_user, login, parse):
    login(client, make_user(role=Role.ADVISER))

    page = parse(client.get(URL).content)

    texts = [e.plain for e in page.elements if e.has_class("dashboard-empty")]
    assert texts == [
        "U hoeft niemand terug te bellen. Er staan geen open vragen op uw naam.",
        "Er zijn deze week geen termijnen op uw naam.",
        "U heeft deze week geen nazorgmomenten.",
    ]
    assert not page.find_all("table")


def test_jobcoach_sees_aftersales_of_own_placements_read_only(
    client, make_user, login, build, parse
):
    adviser = make_user(role=Role.ADVISER, first_name="Anna")
    coach = make_user(role=Role.JOBCOACH)
    employer = build.employer(contact_person=adviser)
    mine = build.placement(employer=employer, job_title="Heftruckchauffeur")
    build.helper(placement=mine, user=coach)
    theirs = build.placement(employer=employer, job_title="Kassamedewerker")
    build.task(
        placement=mine, owner=adviser, due=today(), moment="6m", is_sustainability_check=True
    )
    build.task(placement=theirs, owner=adviser, due=today(), moment="6m")
    build.deadline(placement=mine, owner=adviser, due=today(), title="Geen zaak van de coach")
    login(client, coach)

    response = client.get(URL)

    assert [s.key for s in response.context["sections"]] == ["nazorg"]
    page = parse(response.content)
    body = page.find("main").plain
    assert "Heftruckchauffeur" in body
    assert "Kassamedewerker" not in body
    assert "Geen zaak van de coach" not in body
    assert "U kunt deze nazorg alleen bekijken." in body
    assert "Anna" in body  # whom the coach can call
    assert not page.find_all("form", method="post")[1:]  # only the logout form


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_rows(client, make_user, login, build):
    adviser = make_user(role=Role.ADVISER)
    login(client, adviser)

    def add(n):
        employer = build.employer(contact_person=adviser)
        for i in range(n):
            placement = build.placement(employer=employer)
            build.deadline(placement=placement, owner=adviser, due=today(), amount=1000 * i)
            build.task(placement=placement, owner=adviser, due=today() - dt.timedelta(days=i))
            build.request(
                owner=adviser,
                employer=employer,
                call_back_by=timezone.now() + dt.timedelta(hours=i),
            )

    add(2)
    client.get(URL)  # warm: the site's menu links are cached after the first page
    few = _count_queries(client, URL)
    add(18)
    many = _count_queries(client, URL)

    assert many == few
    assert few <= 10


def test_query_count_bounded_for_jobcoach(
    client, make_user, login, build, django_assert_max_num_queries
):
    adviser = make_user(role=Role.ADVISER)
    coach = make_user(role=Role.JOBCOACH)
    employer = build.employer(contact_person=adviser)
    for _ in range(20):
        placement = build.placement(employer=employer)
        build.helper(placement=placement, user=coach)
        build.task(placement=placement, owner=adviser, due=today())
    login(client, coach)

    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200


def test_long_groups_are_cut_with_a_link_to_see_them_all(client, make_user, login, build, parse):
    from werkpunt.dashboard.views import GROUP_ROW_LIMIT

    adviser = make_user(role=Role.ADVISER)
    employer = build.employer(contact_person=adviser)
    placement = build.placement(employer=employer)
    late = GROUP_ROW_LIMIT + 3
    for n in range(late):
        build.deadline(placement=placement, owner=adviser, due=today() - dt.timedelta(days=n + 1))
    login(client, adviser)

    response = client.get(URL)

    assert len(_rows(response, "termijnen")["late"]) == GROUP_ROW_LIMIT
    page = parse(response.content)
    more = page.find("p", **{"class": "utrecht-paragraph dashboard-more"})
    assert "nog 3 regels" in more.plain
    assert f"({late})" in response.content.decode()
    assert b'href="?alles=termijnen#termijnen"' in response.content

    whole = client.get(URL, {"alles": "termijnen"})

    assert len(_rows(whole, "termijnen")["late"]) == late
    assert b"dashboard-more" not in whole.content
