"""Logins end on the server: logout, idle and maximum time, "end other sessions", /cms/ and /beheer/."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from werkpunt.accounts.models import Role, StaffSession, TotpDevice
from werkpunt.accounts.permissions import STAFF_SESSION_KEY

from .conftest import PASSWORD, code_for

pytestmark = pytest.mark.django_db

SECURITY = "/account/beveiliging/"
LOGIN = "/account/inloggen/"


def log_in(client, user, device, *, offset_steps=0):
    """Password and code; a second login in the same 30 seconds needs the next step's code."""
    client.post(LOGIN, {"identifier": user.username, "password": PASSWORD})
    code = code_for(device, offset_steps=offset_steps)
    response = client.post("/account/tweede-stap/", {"code": code})
    assert response.status_code == 302
    return StaffSession.objects.get(key=client.session[STAFF_SESSION_KEY])


def cookie_of(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def client_with_cookie(value: str) -> Client:
    other = Client()
    other.cookies[settings.SESSION_COOKIE_NAME] = value
    return other


def test_logout_ends_the_session_so_an_old_cookie_no_longer_works(client, make_user, with_device):
    adviser = make_user(role=Role.ADVISER)
    staff_session = log_in(client, adviser, with_device(adviser))
    old_cookie = cookie_of(client)
    assert client_with_cookie(old_cookie).get(SECURITY).status_code == 200  # a copy works

    response = client.post("/account/uitloggen/")
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    staff_session.refresh_from_db()
    assert staff_session.ended_at is not None

    stolen = client_with_cookie(old_cookie)
    response = stolen.get(SECURITY)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in stolen.session


def test_logout_only_by_post(client, make_user, login):
    adviser = make_user(role=Role.ADVISER)
    login(client, adviser)
    assert client.get("/account/uitloggen/").status_code == 405
    assert client.get(SECURITY).status_code == 200


def test_idle_session_is_logged_out_with_a_dutch_message(
    client, make_user, with_device, parse, text
):
    adviser = make_user(role=Role.ADVISER)
    staff_session = log_in(client, adviser, with_device(adviser))
    StaffSession.objects.filter(pk=staff_session.pk).update(
        last_seen_at=timezone.now() - dt.timedelta(minutes=31)
    )
    response = client.get(SECURITY)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    staff_session.refresh_from_db()
    assert staff_session.ended_at is not None
    page = parse(client.get(response["Location"]).content)
    assert "30 minuten niets heeft gedaan" in text(page.find("main"))


def test_idle_limit_is_a_setting(client, make_user, with_device, settings):
    settings.WERKPUNT_STAFF_IDLE_MINUTES = 5
    adviser = make_user(role=Role.ADVISER)
    staff_session = log_in(client, adviser, with_device(adviser))
    StaffSession.objects.filter(pk=staff_session.pk).update(
        last_seen_at=timezone.now() - dt.timedelta(minutes=6)
    )
    assert client.get(SECURITY).status_code == 302


def test_session_older_than_the_maximum_is_logged_out(client, make_user, with_device):
    adviser = make_user(role=Role.ADVISER)
    staff_session = log_in(client, adviser, with_device(adviser))
    StaffSession.objects.filter(pk=staff_session.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=12, minutes=1)
    )
    assert client.get(SECURITY).status_code == 302
    staff_session.refresh_from_db()
    assert staff_session.ended_at is not None


def test_last_seen_is_written_at_most_once_a_minute(client, make_user, login):
    adviser = make_user(role=Role.ADVISER)
    login(client, adviser)
    staff_session = StaffSession.objects.get(user=adviser)
    recent = timezone.now() - dt.timedelta(seconds=20)
    StaffSession.objects.filter(pk=staff_session.pk).update(last_seen_at=recent)
    client.get(SECURITY)
    staff_session.refresh_from_db()
    assert staff_session.last_seen_at == recent

    older = timezone.now() - dt.timedelta(minutes=2)
    StaffSession.objects.filter(pk=staff_session.pk).update(last_seen_at=older)
    client.get(SECURITY)
    staff_session.refresh_from_db()
    assert staff_session.last_seen_at > older + dt.timedelta(minutes=1)


def test_session_ended_elsewhere_logs_out_on_the_next_request(client, make_user, login):
    employer = make_user(role=Role.EMPLOYER)
    client.post(LOGIN, {"identifier": employer.username, "password": PASSWORD})
    assert client.get(SECURITY).status_code == 200
    StaffSession.objects.filter(user=employer).update(ended_at=timezone.now())
    assert client.get(SECURITY).status_code == 302
    assert "_auth_user_id" not in client.session


def test_plain_session_without_staff_session_is_left_alone_for_employers(client, make_user):
    employer = make_user(role=Role.EMPLOYER)
    client.force_login(employer)
    assert client.get(SECURITY).status_code == 200
    assert int(client.session["_auth_user_id"]) == employer.pk


def test_end_all_other_sessions(client, make_user, with_device, parse, text):
    adviser = make_user(role=Role.ADVISER)
    device = with_device(adviser)
    laptop = Client()
    log_in(laptop, adviser, device)
    current = log_in(client, adviser, device, offset_steps=1)
    page = parse(client.get(SECURITY).content)
    assert len(page.find("table").text.split("Ja, deze sessie")) == 2
    rows = page.find_all("tr", **{"class": "utrecht-table__row"})
    assert len(rows) == 3  # header + two sessions

    response = client.post("/account/beveiliging/andere-sessies-beeindigen/")
    assert response.status_code == 302
    page = parse(client.get(SECURITY).content)
    assert "1 andere sessie is beëindigd." in text(page.find("main"))
    assert laptop.get(SECURITY).status_code == 302
    current.refresh_from_db()
    assert current.ended_at is None


def test_change_password_keeps_this_session_and_ends_others(client, make_user, login, parse, text):
    adviser = make_user(role=Role.ADVISER)
    other = Client()
    login(other, adviser)
    login(client, adviser)
    response = client.post(
        SECURITY,
        {
            "old_password": PASSWORD,
            "new_password1": "zomer in drenthe met de fiets",
            "new_password2": "zomer in drenthe met de fiets",
        },
    )
    assert response.status_code == 302
    assert client.get(SECURITY).status_code == 200
    assert other.get(SECURITY).status_code == 302
    adviser.refresh_from_db()
    assert adviser.check_password("zomer in drenthe met de fiets")


def test_change_password_errors_are_dutch_and_next_to_the_field(
    client, make_user, login, parse, text
):
    adviser = make_user(role=Role.ADVISER)
    login(client, adviser)
    response = client.post(
        SECURITY,
        {"old_password": "fout", "new_password1": "kort", "new_password2": "anders"},
    )
    assert response.status_code == 200
    page = parse(response.content)
    assert "Uw huidige wachtwoord klopt niet" in text(page.by_id("wachtwoord-old_password_error"))
    assert "niet gelijk" in text(page.by_id("wachtwoord-new_password2_error"))
    assert page.find("a", href="#wachtwoord-old_password")


def test_wagtail_logout_also_ends_the_staff_session(client, django_user_model, with_device):
    admin = django_user_model.objects.create_superuser("beheer", "beheer@example.org", PASSWORD)
    device = with_device(admin)
    staff_session = log_in(client, admin, device)
    old_cookie = cookie_of(client)
    client.post("/cms/logout/")
    staff_session.refresh_from_db()
    assert staff_session.ended_at is not None
    assert client_with_cookie(old_cookie).get("/cms/").status_code == 302


# --- /cms/ and /beheer/ ------------------------------------------------------------------------


def test_cms_login_page_is_replaced_by_ours(client):
    response = client.get("/cms/login/?next=/cms/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/account/inloggen/?next=/cms/pages/"
    response = client.get("/beheer/login/")
    assert response["Location"] == "/account/inloggen/?next=/beheer/"
    # A password posted to the admin's login page logs nobody in.
    user = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    client.post("/beheer/login/", {"username": user.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_anonymous_on_cms_ends_at_our_login(client):
    response = client.get("/cms/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/account/inloggen/?next=")


def test_cms_needs_a_verified_second_factor(client, make_user, with_device, login):
    from django.contrib.auth.models import Group

    editor = make_user(role=Role.EDITOR)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)  # a password-only login
    response = client.get("/cms/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/?next=/cms/")

    login(client, editor)
    assert client.get("/cms/").status_code == 200


def test_superuser_without_profile_must_enrol_totp_before_cms_and_admin(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(root)
    assert client.get("/cms/")["Location"].startswith("/account/inloggen/")
    assert client.get("/beheer/")["Location"].startswith("/account/inloggen/")

    client.logout()
    response = client.post(LOGIN, {"identifier": "root", "password": PASSWORD, "next": "/beheer/"})
    assert response["Location"] == "/account/authenticator-instellen/"
    assert client.get("/beheer/").status_code == 302
    client.get("/account/authenticator-instellen/")
    device = TotpDevice.objects.get(user=root)
    response = client.post("/account/authenticator-instellen/", {"code": code_for(device)})
    assert response["Location"] == "/account/herstelcodes/"
    assert client.get("/account/herstelcodes/").status_code == 200
    assert client.get("/beheer/").status_code == 200
    assert client.get("/cms/").status_code == 200


def test_employer_and_adviser_get_403_on_cms_not_a_loop(client, make_user, login):
    employer = make_user(role=Role.EMPLOYER)
    login(client, employer)
    assert client.get("/cms/").status_code == 403
    adviser = make_user(role=Role.ADVISER)
    login(client, adviser)
    assert client.get("/beheer/").status_code == 403


def test_public_pages_are_not_affected_for_anonymous_visitors(client):
    response = client.get("/account/inloggen/")
    assert response.status_code == 200
