"""The back-office and portal screens: who sees what, Dutch errors with kept values, audit
events when a name is shown, and no scores or unreleased names for the employer."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from werkpunt.accounts.models import AuditAction, AuditEvent
from werkpunt.opendays import services
from werkpunt.opendays.models import Invitation, InvitationStatus, OpenDay, OpenDayStatus

pytestmark = pytest.mark.django_db


def detail_url(open_day):
    return reverse("opendays:detail", args=[open_day.pk])


def create_data(day, **changes):
    data = {
        "title": "Kijkdag in de kwekerij",
        "date": day.isoformat(),
        "address": "Kerkweg 4, Emmen",
        "place": "emmen",
        "description": "U ziet de kassen.",
        "demand": "",
        "slot1_start": "09:00",
        "slot1_end": "10:00",
        "slot1_capacity": "8",
        "slot2_start": "",
        "slot2_end": "",
        "slot2_capacity": "",
    }
    data.update(changes)
    return data


def name_views(candidate):
    return AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="candidates.candidate", object_id=str(candidate.pk)
    )


# --- Access --------------------------------------------------------------------------------


def test_the_list_is_for_staff_only(client, login, open_day, adviser, employer_user):
    url = reverse("opendays:list")
    assert client.get(url).status_code == 302  # to the login page
    login(client, employer_user)
    assert client.get(url).status_code == 403
    login(client, adviser)
    response = client.get(url)
    assert response.status_code == 200
    assert "Kijkdag in de kwekerij" in response.content.decode()


def test_an_open_day_that_does_not_exist_is_a_404(client, login, adviser):
    login(client, adviser)
    assert client.get(reverse("opendays:detail", args=[999999])).status_code == 404


# --- Planning ------------------------------------------------------------------------------


def test_the_create_form_has_four_slot_rows(client, login, adviser, employer, parse):
    login(client, adviser)
    response = client.get(reverse("opendays:create") + f"?werkgever={employer.pk}")
    assert response.status_code == 200
    page = parse(response.content)
    legends = [e.plain for e in page.find_all("legend")]
    assert legends == ["Tijdvak 1", "Tijdvak 2", "Tijdvak 3", "Tijdvak 4"]
    assert page.by_id("id_slot1_start").attrs["type"] == "time"


def test_planning_an_open_day_redirects_to_its_page(client, login, adviser, employer, day):
    login(client, adviser)
    response = client.post(
        reverse("opendays:create") + f"?werkgever={employer.pk}", create_data(day)
    )
    open_day = OpenDay.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(open_day)
    assert open_day.slots.get().capacity == 8
    assert open_day.created_by == adviser


def test_bad_input_gives_dutch_errors_and_keeps_what_was_typed(
    client, login, adviser, employer, day, parse
):
    login(client, adviser)
    response = client.post(
        reverse("opendays:create") + f"?werkgever={employer.pk}",
        create_data(day, slot1_start="11:00", slot1_end="10:00", slot2_capacity="4"),
    )
    assert response.status_code == 200
    assert not OpenDay.objects.exists()
    html = response.content.decode()
    assert "De open dag is nog niet gepland" in html
    assert "Tijdvak 1: De eindtijd moet later zijn dan de begintijd." in html
    assert "Tijdvak 2: vul een begintijd in." in html
    page = parse(response.content)
    assert page.by_id("id_title").attrs["value"] == "Kijkdag in de kwekerij"
    assert page.by_id("id_slot1_start").attrs["value"] == "11:00"
    assert page.by_id("id_slot2_capacity").attrs["value"] == "4"
    summary_links = [
        a.attrs["href"] for a in page.find_all("a") if a.attrs.get("href", "").startswith("#id_")
    ]
    assert "#id_slot1_end" in summary_links


def test_an_unknown_time_is_a_dutch_message_not_a_500(client, login, adviser, employer, day):
    login(client, adviser)
    response = client.post(
        reverse("opendays:create") + f"?werkgever={employer.pk}",
        create_data(day, slot1_start="negen uur", date="31-02-2030"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Schrijf de tijd als 09:00." in html
    assert "Dit is geen datum die wij kunnen lezen" in html


# --- The open day's page -------------------------------------------------------------------


def test_names_only_for_own_partner_with_an_audit_event(
    client, login, open_day, adviser, other_adviser, invite
):
    own = invite(open_day, adviser=adviser, display_name="Sanne B.")
    foreign = invite(open_day, adviser=other_adviser, display_name="Karel D.")

    login(client, adviser)
    html = client.get(detail_url(open_day)).content.decode()
    assert "Sanne B." in html
    assert "Karel D." not in html
    assert foreign.candidate.reference in html
    assert name_views(own.candidate).count() == 1
    assert name_views(foreign.candidate).count() == 0

    login(client, other_adviser)
    html = client.get(detail_url(open_day)).content.decode()
    assert "Karel D." in html
    assert "Sanne B." not in html


def test_the_invite_button_tells_how_many_and_who_has_no_mail(
    client, login, open_day, adviser, make_candidate
):
    make_candidate(adviser=adviser, consent=True)
    silent = make_candidate(
        adviser=adviser, consent=True, email="", display_name="Piet K.", phone="0591-123456"
    )
    login(client, adviser)
    response = client.post(
        reverse("opendays:invite", args=[open_day.pk]),
        {"uitnodigen-limit": "50", "uitnodigen-min_score": "30"},
        follow=True,
    )
    html = response.content.decode()
    assert "2 kandidaten uitgenodigd." in html
    assert "1 kandidaat heeft geen e-mailadres" in html
    assert "Nog bellen" in html
    assert "Piet K." in html
    assert "0591-123456" in html
    assert Invitation.objects.filter(candidate=silent).exists()


def test_the_invite_form_rejects_bad_numbers_in_dutch(client, login, open_day, adviser):
    login(client, adviser)
    response = client.post(
        reverse("opendays:invite", args=[open_day.pk]),
        {"uitnodigen-limit": "0", "uitnodigen-min_score": "30"},
    )
    assert response.status_code == 200
    assert "Nodig minstens 1 persoon uit." in response.content.decode()


def test_an_adviser_registers_their_own_candidate(client, login, open_day, slots, adviser, invite):
    invitation = invite(open_day, adviser=adviser)
    login(client, adviser)
    response = client.post(
        reverse("opendays:invitation_action", args=[open_day.pk, invitation.pk]),
        {"actie": "aanmelden", "slot": str(slots[1].pk)},
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.status, invitation.slot) == (InvitationStatus.REGISTERED, slots[1])
    assert len(mail.outbox) == 1


def test_an_adviser_of_another_partner_cannot_register_someone(
    client, login, open_day, slots, adviser, other_adviser, invite
):
    invitation = invite(open_day, adviser=adviser)
    login(client, other_adviser)
    response = client.post(
        reverse("opendays:invitation_action", args=[open_day.pk, invitation.pk]),
        {"actie": "aanmelden", "slot": str(slots[1].pk)},
    )
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.INVITED


def test_registering_without_a_slot_is_a_dutch_error_on_the_page(
    client, login, open_day, adviser, invite
):
    invitation = invite(open_day, adviser=adviser)
    login(client, adviser)
    response = client.post(
        reverse("opendays:invitation_action", args=[open_day.pk, invitation.pk]),
        {"actie": "aanmelden", "slot": ""},
    )
    assert response.status_code == 200
    assert "Kies een tijd." in response.content.decode()


def test_cancelling_needs_the_tick_and_then_mails_the_registered(
    client, login, open_day, slots, adviser, invite
):
    services.register(invitation=invite(open_day), slot=slots[0])
    login(client, adviser)
    url = reverse("opendays:cancel", args=[open_day.pk])
    response = client.post(url, {})
    assert response.status_code == 200
    assert "Zet een vinkje" in response.content.decode()
    open_day.refresh_from_db()
    assert open_day.status != OpenDayStatus.CANCELLED

    response = client.post(url, {"annuleren-confirm": "on"})
    assert response.status_code == 302
    open_day.refresh_from_db()
    assert open_day.status == OpenDayStatus.CANCELLED
    assert len(mail.outbox) == 1


# --- The employer portal --------------------------------------------------------------------


def test_the_portal_shows_own_days_and_only_released_names_without_scores(
    client, login, open_day, slots, employer_user, invite
):
    released = invite(open_day, released=True, display_name="Sanne B.")
    anonymous = invite(open_day, display_name="Karel D.")
    for invitation in (released, anonymous):
        Invitation.objects.filter(pk=invitation.pk).update(score=0.87)
        services.register(invitation=invitation, slot=slots[1])

    login(client, employer_user)
    listing = client.get(reverse("opendays_portal:list")).content.decode()
    assert "Kijkdag in de kwekerij" in listing
    response = client.get(reverse("opendays_portal:detail", args=[open_day.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sanne B." in html
    assert "Karel D." not in html
    assert anonymous.candidate.reference in html
    for score in ("87 procent", "87%", "0.87", "0,87", "Past voor"):
        assert score not in html
    assert "2 van 5 plaatsen bezet." in html
    assert name_views(released.candidate).count() == 1


def test_another_employer_gets_a_404(client, login, open_day, make_user):
    stranger = make_user(role="werkgever")
    login(client, stranger)
    assert client.get(reverse("opendays_portal:detail", args=[open_day.pk])).status_code == 404
    assert "Kijkdag" not in client.get(reverse("opendays_portal:list")).content.decode()


def test_staff_cannot_open_the_portal(client, login, open_day, adviser):
    login(client, adviser)
    assert client.get(reverse("opendays_portal:list")).status_code == 403
