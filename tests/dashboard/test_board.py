"""The board's aggregates: per municipality and partner, small cells hidden, no names."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import timezone

from werkpunt.accounts.models import Role
from werkpunt.dashboard import kpis
from werkpunt.dashboard.formatting import hours_number
from werkpunt.placements.models import DeadlineStatus, PlacementStatus

URL = "/werk/cijfers/"
CSV_URL = "/werk/cijfers/cijfers.csv"


def _cells(*bases):
    return [kpis.Cell(base, base) for base in bases]


def test_small_cells_are_hidden_and_one_more_when_only_one_would_be():
    column = _cells(6, 2, 9, 12)

    kpis.suppress_small_cells(column)

    # 2 is small; hiding it alone would let the total give it away, so 6 goes too.
    assert [c.suppressed for c in column] == [True, True, False, False]


def test_no_second_cell_when_two_are_already_hidden():
    column = _cells(0, 3, 7, 12)

    kpis.suppress_small_cells(column)

    assert [c.suppressed for c in column] == [True, True, False, False]


def test_nothing_hidden_when_all_cells_are_large_enough():
    column = _cells(5, 7, 12)

    kpis.suppress_small_cells(column)

    assert not any(c.suppressed for c in column)


def test_shares_and_percentages():
    assert kpis.share(2, 3) == Fraction(2, 3)
    assert kpis.share(1, 0) is None
    assert kpis.percent(Fraction(2, 3)) == 67
    assert kpis.percent(Fraction(1, 8)) == 13  # 12.5 rounds half up
    assert kpis.median_hours([Fraction(2), Fraction(30), Fraction(4)]) == 4
    assert kpis.median_hours([]) is None


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.BOARD, Role.TEAM_LEAD])
def test_opens_for_board_and_teamleider(client, make_user, login, parse, role):
    login(client, make_user(role=role))

    response = client.get(URL)

    assert response.status_code == 200
    assert parse(response.content).find("h1").plain == "Cijfers"
    assert client.get(CSV_URL).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.ADVISER, Role.JOBCOACH, Role.EMPLOYER, Role.EDITOR])
def test_refuses_other_roles(client, make_user, login, role):
    login(client, make_user(role=role))

    assert client.get(URL).status_code == 403
    assert client.get(CSV_URL).status_code == 403


@pytest.fixture
def region(db, make_user, build, partner):
    """Emmen: 7 placements started this year (6 working), Hoogeveen: 2, with names and money.

    Three partners, so hiding Hoogeveen's small numbers hides Coevorden's zeros as well and
    no second cell has to go (see the unit tests above for that rule).
    """
    emmen_org = partner("emmen")
    hoogeveen_org = partner("hoogeveen")
    partner("coevorden")  # a partner without work: its zeros are hidden too
    anna = make_user(role=Role.ADVISER, organisation=emmen_org)
    kees = make_user(role=Role.ADVISER, organisation=hoogeveen_org)
    day = timezone.localdate()
    start = max(day.replace(month=1, day=1), day - dt.timedelta(days=20))
    emmen = build.employer(contact_person=anna, municipality="emmen", name="Kwekerij Emmen")
    hoogeveen = build.employer(contact_person=kees, municipality="hoogeveen")
    placements = []
    for i in range(7):
        placement = build.placement(
            employer=emmen,
            worker_name=f"Geheime Naam {i}",
            start=start,
            status=PlacementStatus.ENDED if i == 6 else PlacementStatus.ACTIVE,
        )
        placements.append(placement)
        build.deadline(
            placement=placement,
            owner=anna,
            due=start,
            amount=10000,
            status=DeadlineStatus.DONE,
            done_at=timezone.make_aware(dt.datetime.combine(start, dt.time(9))),
        )
    for i in range(2):
        placement = build.placement(employer=hoogeveen, worker_name=f"Andere Naam {i}", start=start)
        build.deadline(
            placement=placement, owner=kees, due=start, amount=77700, status=DeadlineStatus.MISSED
        )
    created = timezone.make_aware(dt.datetime.combine(start, dt.time(9)))
    build.request(
        owner=kees,
        municipality="hoogeveen",
        created_at=created,
        answered_at=created + dt.timedelta(hours=3),
        call_back_by=created + dt.timedelta(hours=24),
        status="done",
    )
    return {"emmen": emmen_org, "hoogeveen": hoogeveen_org, "placements": placements}


def _table_rows(page, table_id):
    table = page.by_id(table_id)
    rows, current = {}, None
    for element in page.elements[page.elements.index(table) + 1 :]:
        if element.tag == "table":
            break
        if element.tag == "tr":
            current = []
        elif element.tag in {"th", "td"} and current is not None:
            current.append(element.plain)
            if len(current) == 1:
                rows[element.plain] = current
    return rows


@pytest.mark.django_db
def test_board_hides_small_cells_and_shows_large_ones(client, make_user, login, parse, region):
    login(client, make_user(role=Role.BOARD))

    page = parse(client.get(URL).content)

    header = _table_rows(page, "tabel-gemeenten")["Gemeente"]
    started, active = header.index("Gestart"), header.index("Nu aan het werk")
    met = header.index("Geld binnengehaald (termijn gehaald)")
    missed = header.index("Geld misgelopen (termijn gemist)")
    requests = header.index("Vragen")
    rows = _table_rows(page, "tabel-gemeenten")
    assert rows["Emmen"][started] == "7"
    assert rows["Emmen"][active] == "6"
    assert rows["Emmen"][met] == "€ 700,00"
    assert rows["Hoogeveen"][started] == "< 5"
    assert rows["Hoogeveen"][missed] == "< 5"
    # Requests are about employers' questions, not workers: never hidden.
    assert rows["Hoogeveen"][requests] == "1"
    assert rows["Coevorden"][started] == "< 5"  # zero is also below five
    assert rows["Regio Drenthe"][started] == "9"
    partners = _table_rows(page, "tabel-partners")
    assert partners["Gemeente Emmen"][started] == "7"
    assert partners["Gemeente Hoogeveen"][started] == "< 5"
    assert "Gaat een getal over minder dan 5 plaatsingen?" in page.find("main").plain


@pytest.mark.django_db
def test_board_and_csv_never_name_a_worker(client, make_user, login, region):
    login(client, make_user(role=Role.TEAM_LEAD))

    html = client.get(URL).content.decode()
    text = client.get(CSV_URL).content.decode()

    for content in (html, text):
        assert "Geheime Naam" not in content
        assert "Andere Naam" not in content
        assert "Kwekerij Emmen" not in content  # no employer names either


@pytest.mark.django_db
def test_csv_has_the_same_aggregates(client, make_user, login, region):
    login(client, make_user(role=Role.BOARD))
    day = timezone.localdate()

    response = client.get(CSV_URL)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="werkpunt-cijfers-{day.replace(month=1, day=1).isoformat()}'
        f'-{day.isoformat()}.csv"'
    )
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    header = lines[0]
    assert header[:4] == ["Indeling", "Naam", "Gestart", "Nu aan het werk"]
    assert "Geld binnengehaald (termijn gehaald) (euro)" in header
    rows = {(line[0], line[1]): dict(zip(header, line, strict=True)) for line in lines[1:]}
    emmen = rows[("Gemeente", "Emmen")]
    assert emmen["Gestart"] == "7"
    assert emmen["Geld binnengehaald (termijn gehaald) (euro)"] == "700,00"
    assert rows[("Gemeente", "Hoogeveen")]["Gestart"] == "< 5"
    assert rows[("Partner", "Gemeente Hoogeveen")]["Op tijd teruggebeld (procent)"] == "100"
    assert rows[("Partner", "Gemeente Hoogeveen")]["Mediaan terugbeltijd (uur)"] == "3"
    assert rows[("Totaal", "Regio Drenthe")]["Gestart"] == "9"
    assert len([key for key in rows if key[0] == "Gemeente"]) == 6


@pytest.mark.django_db
def test_period_changes_the_csv_too(client, make_user, login, region):
    login(client, make_user(role=Role.BOARD))

    response = client.get(CSV_URL, {"van": "2019-01-01", "tot": "2019-12-31"})

    lines = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff")), delimiter=";"))
    total = next(line for line in lines if line[0] == "Totaal")
    assert total[2] == "< 5"  # nothing started in 2019
    assert "2019-01-01-2019-12-31" in response["Content-Disposition"]


@pytest.mark.django_db
def test_region_total_matches_the_selectors_of_the_team_screen(make_user, build, region):
    from werkpunt.dashboard.aggregates import board_figures
    from werkpunt.employers.selectors import request_kpis
    from werkpunt.placements.selectors import deadline_kpis

    anna = make_user(role=Role.ADVISER)
    now = timezone.now()
    for hours, deadline in ((1, 24), (5, 2), (30, 24)):
        created = now - dt.timedelta(days=3, hours=hours)
        build.request(
            owner=anna,
            created_at=created,
            answered_at=created + dt.timedelta(hours=hours, minutes=7),
            call_back_by=created + dt.timedelta(hours=deadline),
            status="done",
        )
    build.request(owner=None, created_at=now - dt.timedelta(days=2), call_back_by=now)
    placement = region["placements"][0]
    build.deadline(
        placement=placement,
        owner=anna,
        due=timezone.localdate() - dt.timedelta(days=1),
        amount=4321,
        status=DeadlineStatus.DONE,
        done_at=now,  # done a day late: neither met nor missed
    )
    day = timezone.localdate()
    since = day.replace(month=1, day=1) - dt.timedelta(days=40)

    total = board_figures(
        since=since,
        until=day,
        now=now,
        municipality_labels={},
        unknown_label="?",
        total_label="Totaal",
    ).total
    requests = request_kpis(since=since, until=day, now=now)
    deadlines = deadline_kpis(since=since, until=day, today=day)

    assert total.requests == requests["count"]
    assert total.answered == requests["answered"]
    # The selector rounds the median to one decimal (4.05 → 4.1), as the board shows it.
    assert hours_number(kpis.median_hours(total.hours)) == "4,1"
    assert requests["median_hours"] == Decimal("4.1")
    share = kpis.share(total.on_time, total.on_time_base)
    assert share == Fraction(2, 4)
    assert requests["on_time_share"] == Decimal("0.500")
    assert total.met_cents == deadlines.met_cents
    assert total.missed_cents == deadlines.missed_cents
