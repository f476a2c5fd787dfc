"""The login from password to second factor, with the Django test client."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from werkpunt.accounts import services, totp
from werkpunt.accounts.models import RecoveryCode, Role, StaffSession, TotpDevice
from werkpunt.accounts.permissions import STAFF_SESSION_KEY

from .conftest import PASSWORD, code_for

pytestmark = pytest.mark.django_db

LOGIN = "/account/inloggen/"
SECOND = "/account/tweede-stap/"
SETUP = "/account/authenticator-instellen/"
CODES = "/account/herstelcodes/"
SECURITY = "/account/beveiliging/"


def post_password(client, identifier, password=PASSWORD, **extra):
    return client.post(LOGIN, {"identifier": identifier, "password": password, **extra})


def test_login_page_is_dutch_and_has_labelled_fields(client, parse, text):
    response = client.get(LOGIN)
    assert response.status_code == 200
    page = parse(response.content)
    assert text(page.find("h1")) == "Inloggen bij Werkpunt"
    for field_id in ("inloggen-identifier", "inloggen-password"):
        assert page.find("label", for_=field_id)
    assert page.by_id("inloggen-password").attrs["autocomplete"] == "current-password"


def test_staff_password_then_code_lands_on_their_page(client, make_user, with_device):
    lead = make_user(role=Role.TEAM_LEAD)
    device = with_device(lead)

    response = post_password(client, lead.username)
    assert response.status_code == 302
    assert response["Location"] == SECOND
    # Only the password: not logged in yet, nothing is open.
    assert "_auth_user_id" not in client.session
    assert client.get(SECURITY)["Location"].startswith(LOGIN)
    staff_session = StaffSession.objects.get(user=lead)
    assert staff_session.verified_at is None
    assert client.session[STAFF_SESSION_KEY] == staff_session.key

    response = client.post(SECOND, {"code": code_for(device)})
    assert response.status_code == 302
    # dashboard:my_work does not exist yet in every checkout: the fallback is the security page.
    try:
        expected = reverse("dashboard:my_work")
    except NoReverseMatch:
        expected = SECURITY
    assert response["Location"] == expected
    staff_session.refresh_from_db()
    assert staff_session.verified_at is not None
    assert int(client.session["_auth_user_id"]) == lead.pk
    assert client.get(SECURITY).status_code == 200


def test_login_with_email_address_in_any_case(client, make_user, with_device):
    adviser = make_user(role=Role.ADVISER)
    with_device(adviser)
    response = post_password(client, adviser.email.upper())
    assert response["Location"] == SECOND


def test_wrong_code_gives_dutch_error_next_to_field_and_in_summary(
    client, make_user, with_device, parse, text
):
    adviser = make_user(role=Role.ADVISER)
    device = with_device(adviser)
    post_password(client, adviser.username)
    right = code_for(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post(SECOND, {"code": wrong})
    assert response.status_code == 200
    page = parse(response.content)
    assert "Deze code klopt niet" in text(page.by_id("code-code_error"))
    summary = page.find("a", href="#code-code")
    assert "Deze code klopt niet" in text(summary)
    assert page.find("title").plain.startswith("Fout:")
    assert "_auth_user_id" not in client.session
    # The code typed is kept.
    assert page.by_id("code-code").attrs["value"] == wrong


def test_code_used_once_cannot_log_in_a_second_browser(client, make_user, with_device):
    from django.test import Client

    adviser = make_user(role=Role.ADVISER)
    device = with_device(adviser)
    code = code_for(device)
    post_password(client, adviser.username)
    assert client.post(SECOND, {"code": code}).status_code == 302

    other = Client()
    post_password(other, adviser.username)
    response = other.post(SECOND, {"code": code})
    assert response.status_code == 200
    assert "_auth_user_id" not in other.session


def test_recovery_code_works_once(client, make_user, with_device, parse, text):
    adviser = make_user(role=Role.ADVISER)
    with_device(adviser)
    codes = services.recovery_codes_replace(user=adviser)

    post_password(client, adviser.username)
    response = client.post(SECOND, {"code": codes[3]})
    assert response.status_code == 302
    assert response["Location"] == CODES
    page = parse(client.get(CODES).content)
    assert "nog 9 herstelcodes" in text(page.find("main"))
    assert "Die code werkt nu niet meer" in text(page.find("main"))

    client.post("/account/uitloggen/")
    post_password(client, adviser.username)
    response = client.post(SECOND, {"code": codes[3]})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert RecoveryCode.objects.filter(user=adviser, used_at__isnull=False).count() == 1


def test_first_login_of_staff_enrols_the_app_then_shows_recovery_codes_once(
    client, make_user, parse, text
):
    jobcoach = make_user(role=Role.JOBCOACH)
    response = post_password(client, jobcoach.username)
    assert response["Location"] == SETUP
    # The second-factor page sends there too while there is no app.
    assert client.get(SECOND)["Location"] == SETUP

    response = client.get(SETUP)
    assert response.status_code == 200
    page = parse(response.content)
    svg = page.find("svg")
    assert svg.attrs["role"] == "img"
    assert svg.attrs["aria-label"]
    device = TotpDevice.objects.get(user=jobcoach)
    assert device.confirmed_at is None
    secret_shown = text(page.find("code"))
    assert secret_shown.replace(" ", "") == device.secret
    assert secret_shown.count(" ") >= 7  # in groups of four
    # Reloading keeps the same secret (an already scanned code stays good).
    client.get(SETUP)
    assert TotpDevice.objects.get(user=jobcoach).secret == device.secret

    response = client.post(SETUP, {"code": code_for(device)})
    assert response["Location"] == CODES
    device.refresh_from_db()
    assert device.confirmed_at is not None
    assert int(client.session["_auth_user_id"]) == jobcoach.pk

    page = parse(client.get(CODES).content)
    shown = [text(li) for li in page.find_all("li", **{"class": "utrecht-ordered-list__item"})]
    assert len(shown) == 10
    assert services.recovery_code_use(user=jobcoach, code=shown[0])
    # Shown once: the next visit asks for a code to make new ones.
    again = parse(client.get(CODES).content)
    assert not again.find_all("li", **{"class": "utrecht-ordered-list__item"})
    assert again.find("input", name="code")


def test_enrolment_with_a_wrong_code_does_not_log_in(client, make_user, parse, text):
    adviser = make_user(role=Role.ADVISER)
    post_password(client, adviser.username)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    assert response.status_code == 200
    assert "Deze code klopt niet" in text(parse(response.content).by_id("code-code_error"))
    assert TotpDevice.objects.get(user=adviser).confirmed_at is None
    assert "_auth_user_id" not in client.session


def test_wrong_password_and_unknown_user_give_the_same_answer(client, make_user, parse, text):
    adviser = make_user(role=Role.ADVISER)
    wrong = post_password(client, adviser.username, password="niet-het-goede-wachtwoord")
    unknown = post_password(client, "bestaat-niet", password="niet-het-goede-wachtwoord")
    adviser.is_active = False
    adviser.save()
    inactive = post_password(client, adviser.username)
    messages = []
    for response in (wrong, unknown, inactive):
        assert response.status_code == 200
        page = parse(response.content)
        messages.append(text(page.find("div", role="group")))
    assert messages[0] == messages[1] == messages[2]
    assert "kennen wij niet" in messages[0]
    assert not StaffSession.objects.exists()


def test_empty_login_form_names_each_field(client, parse, text):
    response = client.post(LOGIN, {"identifier": "", "password": ""})
    page = parse(response.content)
    assert text(page.by_id("inloggen-identifier_error")).endswith(
        "Vul uw gebruikersnaam of e-mailadres in."
    )
    assert text(page.by_id("inloggen-password_error")).endswith("Vul uw wachtwoord in.")


def test_login_is_rate_limited_per_account(client, make_user, with_device, parse, text, settings):
    settings.WERKPUNT_LOGIN_MAX_FAILURES_PER_IP = 100
    adviser = make_user(role=Role.ADVISER)
    with_device(adviser)
    for _ in range(5):
        assert (
            post_password(client, adviser.username, password="fout-wachtwoord").status_code == 200
        )
    # Now even the right password is refused, without being checked.
    response = post_password(client, adviser.username)
    assert response.status_code == 429
    assert "Te vaak geprobeerd" in text(parse(response.content).find("main"))
    assert not StaffSession.objects.exists()
    # Another account from the same address is not blocked.
    other = make_user(role=Role.ADVISER)
    with_device(other)
    assert post_password(client, other.username).status_code == 302
    # An unknown name is limited the same way, so the limit does not reveal accounts.
    for _ in range(5):
        post_password(client, "onbekend", password="fout")
    assert post_password(client, "onbekend", password="fout").status_code == 429


def test_login_is_rate_limited_per_address(client, make_user, with_device, settings):
    settings.WERKPUNT_LOGIN_MAX_FAILURES_PER_IP = 3
    adviser = make_user(role=Role.ADVISER)
    with_device(adviser)
    for n in range(3):
        post_password(client, f"iemand{n}", password="fout")
    assert post_password(client, adviser.username).status_code == 429
    # From another address it works.
    response = client.post(
        LOGIN,
        {"identifier": adviser.username, "password": PASSWORD},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302


def test_second_factor_is_rate_limited(client, make_user, with_device, parse, text):
    adviser = make_user(role=Role.ADVISER)
    device = with_device(adviser)
    post_password(client, adviser.username)
    for _ in range(5):
        assert client.post(SECOND, {"code": "000000"}).status_code == 200
    response = client.post(SECOND, {"code": code_for(device)})
    assert response.status_code == 429
    assert "Te vaak geprobeerd" in text(parse(response.content).find("main"))
    assert "_auth_user_id" not in client.session


def test_safe_next_is_followed_and_unsafe_next_ignored(client, make_user, with_device):
    employer = make_user(role=Role.EMPLOYER)
    response = post_password(client, employer.username, next="/account/beveiliging/?x=1")
    assert response["Location"] == "/account/beveiliging/?x=1"

    client.post("/account/uitloggen/")
    response = post_password(client, employer.username, next="https://evil.example/")
    assert "evil" not in response["Location"]

    adviser = make_user(role=Role.ADVISER)
    device = with_device(adviser)
    client.post("/account/uitloggen/")
    post_password(client, adviser.username, next="/account/beveiliging/")
    response = client.post(SECOND, {"code": code_for(device)})
    assert response["Location"] == "/account/beveiliging/"


def test_employer_logs_in_without_second_factor_with_a_verified_session(client, make_user):
    employer = make_user(role=Role.EMPLOYER)
    response = post_password(client, employer.username)
    assert response.status_code == 302
    try:
        expected = reverse("dashboard:portal")
    except NoReverseMatch:
        expected = SECURITY
    assert response["Location"] == expected
    staff_session = StaffSession.objects.get(user=employer)
    assert staff_session.verified_at is not None
    assert client.session[STAFF_SESSION_KEY] == staff_session.key
    assert client.get(SECURITY).status_code == 200


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.ADMINISTRATOR, "/account/gebruikers/"),
        (Role.EDITOR, "/cms/"),
    ],
)
def test_landing_page_by_role(client, make_user, with_device, role, expected):
    user = make_user(role=role)
    device = with_device(user)
    post_password(client, user.username)
    response = client.post(SECOND, {"code": code_for(device)})
    assert response["Location"] == expected


def test_second_factor_without_password_goes_to_login(client):
    response = client.get(SECOND)
    assert response.status_code == 302
    assert response["Location"] == LOGIN


def test_pending_login_expires(client, make_user, with_device, settings):
    adviser = make_user(role=Role.ADVISER)
    device = with_device(adviser)
    post_password(client, adviser.username)
    StaffSession.objects.filter(user=adviser).update(
        created_at=timezone.now() - dt.timedelta(minutes=31)
    )
    response = client.post(SECOND, {"code": code_for(device)})
    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session


def test_force_login_staff_can_finish_with_the_second_factor(client, make_user, with_device):
    adviser = make_user(role=Role.ADVISER)
    device = with_device(adviser)
    client.force_login(adviser)
    # No verified StaffSession: the security page asks for the second factor.
    assert client.get(SECURITY)["Location"] == SECOND
    response = client.post(SECOND, {"code": code_for(device)})
    assert response.status_code == 302
    assert client.get(SECURITY).status_code == 200


def test_authenticated_user_on_login_page_is_sent_on(client, make_user, login):
    adviser = make_user(role=Role.ADVISER)
    login(client, adviser)
    response = client.get(LOGIN)
    assert response.status_code == 302


def test_codes_within_the_window_are_accepted(client, make_user, with_device):
    adviser = make_user(role=Role.ADVISER)
    device = with_device(adviser)
    post_password(client, adviser.username)
    previous = totp.totp(totp.secret_bytes(device.secret), time.time() - 30)
    assert client.post(SECOND, {"code": previous}).status_code == 302
