"""The candidate's own page ``/open-dag/<token>/``: no login, never cached or indexed,
no name on the page, Dutch errors, Post/Redirect/Get, and the calendar file."""

from __future__ import annotations

import pytest
from django.urls import reverse

from werkpunt.opendays import services
from werkpunt.opendays.models import InvitationStatus

pytestmark = pytest.mark.django_db


def page_url(invitation):
    return reverse("opendays_public:invitation", args=[invitation.token])


def test_an_unknown_token_is_a_404(client, open_day):
    assert client.get("/open-dag/onbekend-token/").status_code == 404
    assert client.get("/open-dag/onbekend-token/agenda.ics").status_code == 404


def test_the_page_shows_the_day_and_the_places_left_and_is_private(
    client, open_day, slots, invite, parse
):
    for _ in range(2):
        services.register(invitation=invite(open_day), slot=slots[0])  # 9:00 is now full
    invitation = invite(open_day, display_name="Sanne B.")
    response = client.get(page_url(invitation))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    page = parse(response.content)
    assert page.find("meta", name="robots").attrs["content"] == "noindex, nofollow"
    html = response.content.decode()
    assert "Sanne B." not in html
    assert "Kerkweg 4, Emmen" in html
    assert "U ziet de kassen" in html
    radios = page.find_all("input", type="radio")
    assert [r.attrs["value"] for r in radios] == [str(slots[0].pk), str(slots[1].pk)]
    assert "disabled" in radios[0].attrs
    assert "disabled" not in radios[1].attrs
    labels = [e.plain for e in page.find_all("label")]
    assert "9:00 tot 10:00 — vol" in labels
    assert "10:00 tot 11:00 — nog 5 plaatsen" in labels


def test_registering_without_a_slot_is_a_dutch_error_next_to_the_field_and_in_the_summary(
    client, open_day, invite, parse
):
    invitation = invite(open_day)
    response = client.post(page_url(invitation), {"actie": "aanmelden"})
    assert response.status_code == 200
    page = parse(response.content)
    assert page.by_id("id_slot_error").plain == "Fout: Kies een tijd."
    summary = [a for a in page.find_all("a") if a.attrs.get("href") == "#id_slot_0"]
    assert summary
    assert summary[0].plain == "Kies een tijd."
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.INVITED


def test_registering_confirms_and_offers_the_calendar_file(client, open_day, slots, invite):
    invitation = invite(open_day)
    response = client.post(page_url(invitation), {"actie": "aanmelden", "slot": str(slots[1].pk)})
    assert response.status_code == 302
    assert response["Location"].endswith("#bevestiging")
    invitation.refresh_from_db()
    assert (invitation.status, invitation.slot) == (InvitationStatus.REGISTERED, slots[1])

    html = client.get(page_url(invitation)).content.decode()
    assert "U bent aangemeld." in html
    ics_url = reverse("opendays_public:invitation_ics", args=[invitation.token])
    assert ics_url in html
    calendar = client.get(ics_url)
    assert calendar.status_code == 200
    assert calendar["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in calendar.content
    assert "no-store" in calendar["Cache-Control"]


def test_a_full_slot_chosen_anyway_is_a_dutch_error(client, open_day, slots, invite):
    for _ in range(2):
        services.register(invitation=invite(open_day), slot=slots[0])
    invitation = invite(open_day)
    response = client.post(page_url(invitation), {"actie": "aanmelden", "slot": str(slots[0].pk)})
    assert response.status_code == 200
    assert "Deze tijd is vol. Kies een andere tijd." in response.content.decode()


def test_a_slot_that_is_not_in_the_list_is_a_dutch_error(client, open_day, invite):
    invitation = invite(open_day)
    response = client.post(page_url(invitation), {"actie": "aanmelden", "slot": "abc"})
    assert response.status_code == 200
    assert "Kies een van de tijden in de lijst." in response.content.decode()


def test_saying_no_and_cancelling(client, open_day, slots, invite):
    invitation = invite(open_day)
    response = client.post(page_url(invitation), {"actie": "kan-niet"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED
    assert (
        "U heeft laten weten dat u niet komt." in client.get(page_url(invitation)).content.decode()
    )

    client.post(page_url(invitation), {"actie": "aanmelden", "slot": str(slots[0].pk)})
    response = client.post(page_url(invitation), {"actie": "afmelden"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.status, invitation.slot) == (InvitationStatus.CANCELLED, None)


def test_the_calendar_file_is_a_404_while_not_registered(client, open_day, invite):
    invitation = invite(open_day)
    url = reverse("opendays_public:invitation_ics", args=[invitation.token])
    assert client.get(url).status_code == 404


def test_a_cancelled_day_says_so_and_offers_no_form(client, open_day, invite, adviser, parse):
    invitation = invite(open_day)
    services.open_day_cancel(open_day=open_day, by=adviser)
    response = client.get(page_url(invitation))
    assert "Deze open dag gaat niet door." in response.content.decode()
    assert parse(response.content).find_all("input", type="radio") == []
    response = client.post(page_url(invitation), {"actie": "kan-niet"})
    assert response.status_code == 200
    assert "Deze open dag gaat niet door." in response.content.decode()
