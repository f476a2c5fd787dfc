"""Password reset with Django's views, our Dutch templates and mail."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from werkpunt.accounts.models import Role, StaffSession

pytestmark = pytest.mark.django_db

RESET = "/account/wachtwoord-vergeten/"
NEW_PASSWORD = "fietsen langs de hunebedden"


def test_reset_mail_is_dutch_and_the_link_sets_a_new_password(
    client, make_user, login, mailoutbox, parse, text
):
    adviser = make_user(role=Role.ADVISER)
    elsewhere = Client()
    login(elsewhere, adviser)

    response = client.post(RESET, {"email": adviser.email.upper()})
    assert response.status_code == 302
    assert response["Location"] == "/account/wachtwoord-vergeten/verstuurd/"
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.subject == "Kies een nieuw wachtwoord voor Werkpunt"
    assert "U heeft gevraagd om een nieuw wachtwoord" in mail.body
    assert "De link werkt 2 uur" in mail.body
    link = re.search(r"https?://[^/\s]+(/account/wachtwoord-vergeten/\S+/\S+/)", mail.body)
    assert link, mail.body

    response = client.get(link.group(1), follow=True)
    page = parse(response.content)
    assert text(page.find("h1")) == "Kies een nieuw wachtwoord"
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == "/account/wachtwoord-vergeten/klaar/"
    adviser.refresh_from_db()
    assert adviser.check_password(NEW_PASSWORD)
    # Every login of the account ended; the reset did not log anyone in.
    assert not StaffSession.objects.filter(user=adviser, ended_at__isnull=True).exists()
    assert elsewhere.get("/account/beveiliging/").status_code == 302
    assert "_auth_user_id" not in client.session
    # The link works once.
    page = parse(client.get(link.group(1), follow=True).content)
    assert text(page.find("h1")) == "Deze link werkt niet meer"


def test_unknown_address_looks_the_same_and_sends_nothing(client, mailoutbox):
    response = client.post(RESET, {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/account/wachtwoord-vergeten/verstuurd/"
    assert mailoutbox == []


def test_bad_address_gets_a_dutch_error(client, parse, text):
    response = client.post(RESET, {"email": "geen-adres"})
    assert response.status_code == 200
    page = parse(response.content)
    assert "naam@bedrijf.nl" in text(page.by_id("herstel-email_error"))
    assert page.by_id("herstel-email").attrs["value"] == "geen-adres"


def test_weak_new_password_is_refused(client, make_user, mailoutbox, parse, text):
    adviser = make_user(role=Role.ADVISER)
    client.post(RESET, {"email": adviser.email})
    link = re.search(r"(/account/wachtwoord-vergeten/\S+/\S+/)", mailoutbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    error = text(parse(response.content).by_id("wachtwoord-new_password1_error"))
    assert "te kort" in error
    assert "alleen cijfers" in error
    adviser.refresh_from_db()
    assert not adviser.check_password("12345678")


def test_cms_password_reset_goes_to_ours(client):
    response = client.get("/cms/password_reset/")
    assert response["Location"] == RESET
