"""The personal calendar feed and the page to make, replace and stop its link."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from icalendar import Calendar

from werkpunt.accounts.models import Profile
from werkpunt.placements import feeds

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("feed_urls")]

DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _base_url(settings: Any) -> None:
    settings.WERKPUNT_BASE_URL = "https://werkpunt.example"


def _path(token: str) -> str:
    return reverse("calendar_feed:feed", kwargs={"token": token})


def _events(response: Any) -> dict[str, Any]:
    calendar = Calendar.from_ical(response.content)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_feed_lists_open_deadlines_and_moments_as_all_day_events(
    client, make_user, make_deadline, make_aftersales, make_placement, at, today
):
    me = make_user(role="adviseur")
    placement = make_placement(employer_name="Kwekerij Melenhorst")
    deadline = make_deadline(
        owner=me, placement=placement, due_date=today + 20 * DAY, title="No-riskpolis loopt af"
    )
    late = make_deadline(owner=me, placement=placement, due_date=today - 3 * DAY)
    moment = make_aftersales(owner=me, placement=placement, due_date=today + 40 * DAY, moment="3m")
    make_deadline(owner=me, placement=placement, due_date=today, status="done")
    make_aftersales(
        owner=me, placement=placement, due_date=today, moment="2w", done_at=at(today, 9)
    )
    make_deadline(owner=make_user(role="adviseur"), placement=placement, due_date=today)
    token = feeds.calendar_token_create(user=me)

    response = client.get(_path(token))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, max-age=300"
    events = _events(response)
    assert set(events) == {
        f"werkpunt-termijn-{deadline.pk}@werkpunt.example",
        f"werkpunt-termijn-{late.pk}@werkpunt.example",
        f"werkpunt-nazorg-{moment.pk}@werkpunt.example",
    }
    event = events[f"werkpunt-termijn-{deadline.pk}@werkpunt.example"]
    assert str(event["summary"]) == "Termijn: No-riskpolis loopt af — Kwekerij Melenhorst"
    assert event.decoded("dtstart") == today + 20 * DAY
    assert event.decoded("dtend") == today + 21 * DAY
    assert str(event["url"]) == f"https://werkpunt.example/werk/plaatsingen/{placement.pk}/"
    nazorg = events[f"werkpunt-nazorg-{moment.pk}@werkpunt.example"]
    assert str(nazorg["summary"]) == "Nazorg: Contact na 3 maanden — Kwekerij Melenhorst"

    # The same events keep the same UIDs, so a calendar app updates instead of doubling.
    assert set(_events(client.get(_path(token)))) == set(events)


def test_feed_has_no_worker_name_health_or_benefit_data(
    client, make_user, make_deadline, make_aftersales, private_words, today
):
    me = make_user(role="adviseur")
    make_deadline(owner=me, due_date=today)
    make_aftersales(owner=me, due_date=today, moment="6m", is_sustainability_check=True)

    body = client.get(_path(feeds.calendar_token_create(user=me))).content.decode()

    for word in private_words:
        assert word not in body
    assert "Medewerker productie" not in body  # not even the job title


def test_a_new_link_replaces_the_old_one_and_revoking_stops_it(client, make_user, make_deadline):
    me = make_user(role="adviseur")
    old = feeds.calendar_token_create(user=me)
    new = feeds.calendar_token_create(user=me)
    assert old != new

    assert client.get(_path(old)).status_code == 404
    assert client.get(_path(new)).status_code == 200

    feeds.calendar_token_revoke(user=me)
    assert client.get(_path(new)).status_code == 404
    assert Profile.objects.get(user=me).calendar_token == ""
    assert feeds.calendar_feed_token(user=me) is None


def test_only_the_whole_secret_opens_the_feed(client, make_user):
    me = make_user(role="adviseur")
    token = feeds.calendar_token_create(user=me)
    selector = Profile.objects.get(user=me).calendar_token
    assert token.startswith(selector)
    assert len(token) == feeds.TOKEN_LENGTH

    # What the database holds is not enough: the check part comes from SECRET_KEY.
    assert client.get(_path(selector + "0" * feeds.CHECK_LENGTH)).status_code == 404
    assert client.get(_path(selector)).status_code == 404
    assert client.get(_path(token[:-1] + ("0" if token[-1] != "0" else "1"))).status_code == 404
    assert client.get(_path(token + "a")).status_code == 404
    assert client.get(_path(token)).status_code == 200


def test_an_empty_token_never_matches(client, make_user):
    make_user(role="adviseur")  # a profile with an empty calendar_token
    assert Profile.objects.filter(calendar_token="").exists()

    blank = " " * feeds.SELECTOR_LENGTH
    for token in ("", blank + feeds._check_part(blank), "0" * feeds.TOKEN_LENGTH):
        assert feeds.calendar_feed_user(token=token) is None
    assert client.get(_path("0" * feeds.TOKEN_LENGTH)).status_code == 404


def test_a_deactivated_or_non_staff_account_has_no_feed(client, make_user):
    gone = make_user(role="adviseur")
    token = feeds.calendar_token_create(user=gone)
    gone.is_active = False
    gone.save()
    assert client.get(_path(token)).status_code == 404

    employer = make_user(role="werkgever")
    assert client.get(_path(feeds.calendar_token_create(user=employer))).status_code == 404


def test_the_feed_needs_no_login_and_sets_no_cookie(client, make_user):
    me = make_user(role="jobcoach")
    response = client.get(_path(feeds.calendar_token_create(user=me)))
    assert response.status_code == 200
    assert not response.cookies
    assert client.post(_path(feeds.calendar_token_create(user=me))).status_code == 405


# --- The page /agenda/ ----------------------------------------------------------------------


def test_manage_page_makes_replaces_and_stops_the_link(client, make_user, login, parse):
    me = make_user(role="adviseur")
    login(client, me)
    url = reverse("calendar_feed:manage")
    assert url == "/agenda/"

    page = parse(client.get(url).content)
    assert len(page.find_all("h1")) == 1
    assert not page.find_all("input", id="feed-url")
    assert page.find("button", value="create").plain == "Maak een agendalink"

    response = client.post(url, {"action": "create"})
    assert response.status_code == 302
    assert response["Location"] == url
    response = client.get(url)
    assert response["Cache-Control"].startswith("max-age=0")
    assert "no-store" in response["Cache-Control"]
    page = parse(response.content)
    assert "Uw nieuwe agendalink staat hieronder" in page.find("div", role="status").plain
    field = page.find("input", id="feed-url")
    assert page.find("label", for_="feed-url").plain == "Link voor uw agenda"
    first = field.attrs["value"]
    token = feeds.calendar_feed_token(user=me)
    assert first == f"https://werkpunt.example/agenda/{token}.ics"
    assert client.get(_path(token)).status_code == 200
    assert page.find("a", href=first.replace("https://", "webcal://"))

    client.post(url, {"action": "create"})
    second = parse(client.get(url).content).find("input", id="feed-url").attrs["value"]
    assert second != first
    assert client.get(_path(token)).status_code == 404

    client.post(url, {"action": "revoke"})
    page = parse(client.get(url).content)
    assert "Uw agendalink is gestopt" in page.find("div", role="status").plain
    assert not page.find_all("input", id="feed-url")
    assert feeds.calendar_feed_token(user=me) is None


def test_manage_page_is_for_logged_in_staff_only(client, make_user, login):
    url = reverse("calendar_feed:manage")
    response = client.get(url)
    assert response.status_code == 302
    assert "next=/agenda/" in response["Location"]

    employer = make_user(role="werkgever")
    login(client, employer)
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "create"}).status_code == 403
    assert Profile.objects.get(user=employer).calendar_token == ""


def test_an_unknown_action_changes_nothing(client, make_user, login):
    me = make_user(role="redacteur")
    login(client, me)
    token = feeds.calendar_token_create(user=me)
    response = client.post(reverse("calendar_feed:manage"), {"action": "iets-anders"})
    assert response.status_code == 302
    assert feeds.calendar_feed_token(user=me) == token
