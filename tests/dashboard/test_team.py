"""The teamleider's screen: overdue work per adviser and the KPIs over a period."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from werkpunt.accounts.models import Role
from werkpunt.placements.models import DeadlineStatus

pytestmark = pytest.mark.django_db

URL = "/werk/team/"


def _today():
    return timezone.localdate()


def test_opens_for_teamleider(client, make_user, login, parse):
    login(client, make_user(role=Role.TEAM_LEAD))

    response = client.get(URL)

    assert response.status_code == 200
    assert parse(response.content).find("h1").plain == "Team"


@pytest.mark.parametrize(
    "role", [Role.ADVISER, Role.JOBCOACH, Role.BOARD, Role.EMPLOYER, Role.ADMINISTRATOR]
)
def test_refuses_other_roles(client, make_user, login, role):
    login(client, make_user(role=role))

    assert client.get(URL).status_code == 403


def _cells(page, user):
    row = next(e for e in page.find_all("tr") if e.attrs.get("data-user") == str(user.pk))
    index = page.elements.index(row)
    cells = {}
    for element in page.elements[index + 1 :]:
        if element.tag == "tr":
            break
        if "data-kind" in element.attrs:
            cells[element.attrs["data-kind"]] = int(element.plain)
    return cells


def test_overdue_work_per_adviser_of_own_organisation_or_all_partners(
    client, make_user, login, build, partner, parse
):
    emmen = partner("emmen")
    hoogeveen = partner("hoogeveen")
    lead = make_user(role=Role.TEAM_LEAD, organisation=emmen)
    anna = make_user(role=Role.ADVISER, organisation=emmen, first_name="Anna")
    idle = make_user(role=Role.ADVISER, organisation=emmen, first_name="Bram")
    kees = make_user(role=Role.ADVISER, organisation=hoogeveen, first_name="Kees")
    employer = build.employer(contact_person=anna)
    placement = build.placement(employer=employer, job_title="Tuinder")
    day = _today()
    past = timezone.now() - dt.timedelta(hours=2)
    build.request(owner=anna, call_back_by=past, employer=employer)
    build.request(owner=anna, call_back_by=timezone.now() + dt.timedelta(hours=5))
    build.request(owner=anna, call_back_by=past, status="done", answered_at=past)
    build.request(owner=None, call_back_by=past)
    for days in (1, 20):
        build.deadline(
            placement=placement, owner=anna, due=day - dt.timedelta(days=days), amount=5000
        )
    build.deadline(placement=placement, owner=anna, due=day)  # due today: not late
    build.deadline(
        placement=placement,
        owner=anna,
        due=day - dt.timedelta(days=3),
        status=DeadlineStatus.MISSED,
    )
    build.task(placement=placement, owner=anna, due=day - dt.timedelta(days=1), moment="2w")
    build.task(
        placement=placement,
        owner=anna,
        due=day - dt.timedelta(days=9),
        moment="6w",
        done_at=timezone.now(),
    )
    build.deadline(placement=placement, owner=kees, due=day - dt.timedelta(days=1))
    login(client, lead)

    page = parse(client.get(URL).content)

    assert _cells(page, anna) == {"requests": 1, "deadlines": 2, "tasks": 1, "total": 4}
    assert _cells(page, idle) == {"requests": 0, "deadlines": 0, "tasks": 0, "total": 0}
    assert not [e for e in page.find_all("tr") if e.attrs.get("data-user") == str(kees.pk)]
    details = page.by_id(f"werk-{anna.pk}")
    assert details.tag == "details"
    assert "Anna" in details.plain
    assert "4 dingen te laat" in details.plain
    links = [a.attrs["href"] for a in page.find_all("a") if "href" in a.attrs]
    assert f"/werk/plaatsingen/{placement.pk}/" in links
    assert "1 vraag zonder behandelaar is te laat." in page.by_id("zonder-behandelaar").plain

    page = parse(client.get(URL, {"partners": "alle"}).content)

    assert _cells(page, kees) == {"requests": 0, "deadlines": 1, "tasks": 0, "total": 1}
    assert _cells(page, anna)["total"] == 4


def _kpi(page, name):
    return next(e for e in page.elements if e.attrs.get("data-kpi") == name).plain


def _row(page, attribute, value):
    """The texts of the cells of the row with ``attribute="value"``."""
    row = next(e for e in page.find_all("tr") if e.attrs.get(attribute) == value)
    cells = []
    for element in page.elements[page.elements.index(row) + 1 :]:
        if element.tag == "tr":
            break
        if element.tag in {"th", "td"}:
            cells.append(element.plain)
    return cells


def test_kpis_on_a_hand_made_data_set(client, make_user, login, build, partner, parse):
    emmen = partner("emmen")
    lead = make_user(role=Role.TEAM_LEAD, organisation=emmen)
    anna = make_user(role=Role.ADVISER, organisation=emmen)
    other = make_user(role=Role.ADVISER, organisation=partner("coevorden"))
    day = _today()
    now = timezone.now()
    base = now - dt.timedelta(days=10)

    # Five requests of Anna in the period:
    #   answered after 2 h (deadline 24 h: on time), 4 h (on time), 30 h (deadline 24 h: late),
    #   10 h (no deadline: counts for the median, not for "on time"),
    #   one unanswered whose deadline passed (late, and open now).
    for hours, deadline in ((2, 24), (4, 24), (30, 24), (10, None)):
        build.request(
            owner=anna,
            created_at=base,
            answered_at=base + dt.timedelta(hours=hours),
            call_back_by=None if deadline is None else base + dt.timedelta(hours=deadline),
            status="done",
        )
    build.request(owner=anna, created_at=base, call_back_by=base + dt.timedelta(hours=24))
    # Noise: outside the period, and of another organisation.
    build.request(
        owner=anna,
        created_at=now - dt.timedelta(days=200),
        answered_at=now - dt.timedelta(days=200) + dt.timedelta(hours=1),
        status="done",
    )
    build.request(owner=other, created_at=base, answered_at=base + dt.timedelta(hours=1))

    placement = build.placement(employer=build.employer(contact_person=anna))
    done_on_time = {"status": DeadlineStatus.DONE, "done_at": now - dt.timedelta(days=30)}
    build.deadline(
        placement=placement,
        owner=anna,
        due=day - dt.timedelta(days=5),
        amount=100000,
        **done_on_time,
    )
    build.deadline(
        placement=placement,
        owner=anna,
        due=day - dt.timedelta(days=6),
        amount=50000,
        **done_on_time,
    )
    build.deadline(
        placement=placement,
        owner=anna,
        due=day - dt.timedelta(days=7),
        amount=30000,
        status=DeadlineStatus.MISSED,
    )
    build.deadline(placement=placement, owner=anna, due=day - dt.timedelta(days=8), amount=20000)
    build.deadline(
        placement=placement,
        owner=other,
        due=day - dt.timedelta(days=8),
        amount=999999,
        status=DeadlineStatus.MISSED,
    )

    # Six-month checks planned in the period: 3 here, 1 elsewhere, 1 not recorded yet.
    for outcome in ("here", "here", "here", "elsewhere", ""):
        p = build.placement(employer=placement.employer)
        build.task(
            placement=p,
            owner=anna,
            due=day - dt.timedelta(days=3),
            moment="6m",
            is_sustainability_check=True,
            sustainability=outcome,
            done_at=now if outcome else None,
        )
    login(client, lead)

    page = parse(client.get(URL).content)

    assert _kpi(page, "count") == "5"
    assert _kpi(page, "answered") == "4"
    # Median of 2, 4, 10 and 30 hours: (4 + 10) / 2 = 7.
    assert _kpi(page, "median_hours") == "7 uur"
    # On time: 2 of 4 decided (2 h, 4 h on time; 30 h late; the unanswered one late).
    assert _kpi(page, "on_time_share") == "50%"
    assert _kpi(page, "overdue_open") == "1"
    assert _row(page, "data-kpi", "met") == ["Op tijd gedaan", "2", "€ 1.500,00"]
    assert _row(page, "data-kpi", "late") == ["Te laat gedaan", "0", "€ 0,00"]
    assert _row(page, "data-kpi", "missed") == ["Gemist", "1", "€ 300,00"]
    assert _row(page, "data-kpi", "open_overdue") == ["Datum voorbij, nog open", "1", "€ 200,00"]
    assert _row(page, "data-moment", "6m") == [
        "Na 6 maanden",
        "4",
        "3 (75%)",
        "1 (25%)",
        "0 (0%)",
        "1",
    ]

    # All partners: the other organisation's request (answered after 1 h) and missed deadline count.
    page = parse(client.get(URL, {"partners": "alle"}).content)

    assert _kpi(page, "count") == "6"
    assert _kpi(page, "median_hours") == "4 uur"  # 1, 2, 4, 10, 30
    assert _row(page, "data-kpi", "missed") == ["Gemist", "2", "€ 10.299,99"]


def test_period_form_limits_the_kpis(client, make_user, login, build, parse):
    lead = make_user(role=Role.TEAM_LEAD)
    anna = make_user(role=Role.ADVISER)
    old = timezone.make_aware(dt.datetime(2025, 3, 10, 9))
    build.request(owner=anna, created_at=old, answered_at=old + dt.timedelta(hours=3))
    login(client, lead)

    default = parse(client.get(URL).content)
    chosen = parse(client.get(URL, {"van": "1-3-2025", "tot": "2025-03-31"}).content)

    assert _kpi(default, "count") == "0"
    assert _kpi(chosen, "count") == "1"
    assert _kpi(chosen, "median_hours") == "3 uur"
    assert "Cijfers van 1 maart 2025 tot en met 31 maart 2025" in chosen.find("main").plain
    # A typed Dutch date comes back in the only form a date field can show.
    assert chosen.by_id("periode-van").attrs["value"] == "2025-03-01"
    # A link with only a period keeps "own organisation" chosen.
    assert "checked" in chosen.by_id("periode-partners_0").attrs
    assert "checked" not in chosen.by_id("periode-partners_1").attrs


def test_bad_period_shows_errors_and_keeps_the_input(client, make_user, login, parse):
    login(client, make_user(role=Role.TEAM_LEAD))

    response = client.get(URL, {"van": "gisteren", "tot": "1-1-2026"})

    assert response.status_code == 200
    page = parse(response.content)
    assert page.find("title").plain.startswith("Fout:")
    summary = page.by_id("formulier-fouten")
    assert summary.plain == "De periode klopt nog niet. Verbeter dit:"
    links = [a for a in page.find_all("a") if a.attrs.get("href") == "#periode-van"]
    assert links
    assert links[0].plain == "Vul een datum in zoals 1-1-2026."
    assert page.by_id("periode-van").attrs["value"] == "gisteren"
    assert page.by_id("periode-van_error").plain.endswith("Vul een datum in zoals 1-1-2026.")

    page = parse(client.get(URL, {"van": "2026-02-01", "tot": "2026-01-01"}).content)
    assert "Deze datum ligt vóór de datum bij ‘Van’." in page.by_id("periode-tot_error").plain

    page = parse(client.get(URL, {"partners": "iedereen"}).content)
    assert "Kies uw eigen organisatie of alle partners." in page.find("main").plain


def test_every_number_has_its_definition(client, make_user, login, parse):
    login(client, make_user(role=Role.TEAM_LEAD))

    page = parse(client.get(URL).content)

    summaries = [e.plain for e in page.find_all("summary")]
    assert summaries.count("Hoe tellen wij dit?") == 3
    assert "Wat telt als te laat?" in summaries


def test_shows_what_the_matchtafels_of_the_period_gave(
    client, make_user, login, make_candidate, make_demand
):
    from werkpunt.matchtafels.models import (
        Matchtafel,
        MatchtafelOutcome,
        MatchtafelStatus,
        OutcomeKind,
    )

    lead = make_user(role=Role.TEAM_LEAD)
    today = _today()

    def table(status, date):
        return Matchtafel.objects.create(
            title="Matchtafel",
            date=date,
            location="Emmen",
            period_start=date,
            period_end=date + dt.timedelta(days=60),
            status=status,
        )

    held = table(MatchtafelStatus.HELD, today - dt.timedelta(days=10))
    planned = table(MatchtafelStatus.PLANNED, today - dt.timedelta(days=5))
    demand = make_demand()
    for kind in (OutcomeKind.PLACED, OutcomeKind.PLACED, OutcomeKind.TALK):
        MatchtafelOutcome.objects.create(
            matchtafel=held, candidate=make_candidate(consent=True), demand=demand, kind=kind
        )
    MatchtafelOutcome.objects.create(
        matchtafel=planned, candidate=make_candidate(consent=True), kind=OutcomeKind.PLACED
    )
    login(client, lead)

    response = client.get(URL)

    figures = response.context["matchtafels"]
    assert figures.sessions_held == 1
    assert figures.people_brought == 3
    assert (figures.placed, figures.talk, figures.trial, figures.no_match) == (2, 1, 0, 0)
    assert b'id="tabel-matchtafels"' in response.content
