"""The beheerder's screens: users (filter, switch off, end sessions, invite) and the audit log."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from werkpunt.accounts import services
from werkpunt.accounts.models import (
    AuditAction,
    AuditEvent,
    Invitation,
    Organisation,
    OrganisationKind,
    RecoveryCode,
    Role,
    StaffSession,
    TotpDevice,
)

pytestmark = pytest.mark.django_db

USERS = "/account/gebruikers/"
AUDIT = "/account/auditlog/"


@pytest.fixture
def admin(make_user, client, login):
    beheerder = make_user(role=Role.ADMINISTRATOR, first_name="Bea")
    login(client, beheerder)
    return beheerder


@pytest.fixture
def uwv():
    return Organisation.objects.create(name="UWV", slug="uwv", kind=OrganisationKind.UWV)


@pytest.mark.parametrize(
    "role", [Role.ADVISER, Role.TEAM_LEAD, Role.JOBCOACH, Role.EDITOR, Role.BOARD, Role.EMPLOYER]
)
@pytest.mark.parametrize("url", [USERS, AUDIT])
def test_other_roles_get_403(client, make_user, login, role, url):
    login(client, make_user(role=role))
    assert client.get(url).status_code == 403


def test_other_roles_cannot_post_actions(client, make_user, login):
    target = make_user(role=Role.ADVISER)
    login(client, make_user(role=Role.TEAM_LEAD))
    assert client.post(f"{USERS}{target.pk}/uitzetten/").status_code == 403
    target.refresh_from_db()
    assert target.is_active


def test_anonymous_and_unverified_beheerder_are_sent_to_login_steps(client, make_user):
    assert client.get(USERS)["Location"].startswith("/account/inloggen/?next=")
    beheerder = make_user(role=Role.ADMINISTRATOR)
    client.force_login(beheerder)
    assert client.get(AUDIT)["Location"] == "/account/tweede-stap/"


def test_user_list_shows_organisation_and_role_and_filters(
    client, admin, make_user, uwv, parse, text
):
    make_user(role=Role.ADVISER, first_name="Anne")
    make_user(role=Role.JOBCOACH, first_name="Joost", organisation=uwv)
    make_user(role=Role.EMPLOYER, first_name="Wim")

    page = parse(client.get(USERS).content)
    table = text(page.find("table"))
    for name in ("Anne", "Joost", "Wim", "Bea"):
        assert name in table
    assert "UWV" in table
    assert "Jobcoach" in table

    page = parse(client.get(USERS, {"organisation": uwv.pk}).content)
    table = text(page.find("table"))
    assert "Joost" in table
    assert "Anne" not in table
    assert "1 gebruiker" in text(page.find("caption"))

    page = parse(client.get(USERS, {"role": "werkgever"}).content)
    table = text(page.find("table"))
    assert "Wim" in table
    assert "Joost" not in table

    # Nonsense in the filter never gives a 500.
    assert client.get(USERS, {"organisation": "x", "role": "koning"}).status_code == 200


def test_deactivate_ends_sessions_and_is_audited(client, admin, make_user, login, parse, text):
    adviser = make_user(role=Role.ADVISER, first_name="Anne")
    theirs = Client()
    login(theirs, adviser)

    response = client.post(f"{USERS}{adviser.pk}/uitzetten/")
    assert response["Location"] == USERS
    adviser.refresh_from_db()
    assert not adviser.is_active
    assert not StaffSession.objects.filter(user=adviser, ended_at__isnull=True).exists()
    assert theirs.get("/account/beveiliging/").status_code == 302
    event = AuditEvent.objects.get(object_id=str(adviser.pk), fields=["is_active"])
    assert event.actor == admin
    page = parse(client.get(USERS).content)
    assert "Het account van Anne staat uit." in text(page.find("main"))
    assert "Uitgezet" in text(page.find("table"))

    client.post(f"{USERS}{adviser.pk}/aanzetten/")
    adviser.refresh_from_db()
    assert adviser.is_active


def test_beheerder_cannot_switch_themselves_off(client, admin, parse, text):
    client.post(f"{USERS}{admin.pk}/uitzetten/")
    admin.refresh_from_db()
    assert admin.is_active
    assert "eigen account" in text(parse(client.get(USERS).content).find("main"))


def test_actions_are_post_only_and_unknown_users_404(client, admin):
    assert client.get(f"{USERS}{admin.pk}/sessies-beeindigen/").status_code == 405
    assert client.post(f"{USERS}999999/sessies-beeindigen/").status_code == 404


def test_end_all_sessions_of_a_user(client, admin, make_user, login):
    adviser = make_user(role=Role.ADVISER)
    phone, laptop = Client(), Client()
    login(phone, adviser)
    login(laptop, adviser)
    client.post(f"{USERS}{adviser.pk}/sessies-beeindigen/")
    assert phone.get("/account/beveiliging/").status_code == 302
    assert laptop.get("/account/beveiliging/").status_code == 302
    assert AuditEvent.objects.filter(object_id=str(adviser.pk), fields=["sessies"]).exists()


def test_reset_second_factor(client, admin, make_user, with_device):
    adviser = make_user(role=Role.ADVISER)
    with_device(adviser)
    services.recovery_codes_replace(user=adviser)
    client.post(f"{USERS}{adviser.pk}/tweede-stap-opnieuw/")
    assert not TotpDevice.objects.filter(user=adviser).exists()
    assert not RecoveryCode.objects.filter(user=adviser).exists()
    # At the next login they set up the app again.
    other = Client()
    response = other.post(
        "/account/inloggen/",
        {"identifier": adviser.username, "password": "een-lang-wachtwoord-voor-tests"},
    )
    assert response["Location"] == "/account/authenticator-instellen/"


def test_invite_staff(client, admin, uwv, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{USERS}uitnodigen/",
            {"email": "nieuw@uwv.nl", "organisation": uwv.pk, "role": "adviseur"},
        )
    assert response["Location"] == USERS
    invitation = Invitation.objects.get(email="nieuw@uwv.nl")
    assert invitation.invited_by == admin
    assert invitation.role == Role.ADVISER
    assert len(mailoutbox) == 1
    assert re.search(r"/account/uitnodiging/\S+/", mailoutbox[0].body)


def test_invite_form_errors_are_dutch_and_keep_the_input(client, admin, make_user, parse, text):
    employer = make_user(role=Role.EMPLOYER)
    response = client.post(
        f"{USERS}uitnodigen/",
        {
            "email": "geen-adres",
            "organisation": employer.profile.organisation.pk,
            "role": "werkgever",
        },
    )
    assert response.status_code == 200
    page = parse(response.content)
    assert "naam@emmen.nl" in text(page.by_id("uitnodigen-email_error"))
    # Employer organisations and the employer role are not offered to the beheerder.
    assert "lijst" in text(page.by_id("uitnodigen-organisation_error"))
    assert "lijst" in text(page.by_id("uitnodigen-role_error"))
    assert page.by_id("uitnodigen-email").attrs["value"] == "geen-adres"
    assert page.find("a", href="#uitnodigen-email")

    taken = client.post(
        f"{USERS}uitnodigen/",
        {
            "email": employer.email,
            "organisation": Organisation.objects.get(slug="emmen").pk,
            "role": "adviseur",
        },
    )
    assert "al een account" in text(parse(taken.content).by_id("uitnodigen-email_error"))
    assert not Invitation.objects.exists()


# --- The audit log ------------------------------------------------------------------------------


def _event(actor, *, object_type="placements.worker", object_id="1", at=None, reason="Bekeken"):
    event = AuditEvent.objects.create(
        actor=actor,
        actor_label=(actor.get_full_name() if actor else "systeem"),
        action=AuditAction.VIEW,
        object_type=object_type,
        object_id=object_id,
        fields=["name"],
        reason=reason,
    )
    if at is not None:
        AuditEvent.objects.filter(pk=event.pk).update(at=at)
    return event


def test_audit_log_newest_first_and_filters(client, admin, make_user, parse, text):
    anne = make_user(role=Role.ADVISER, first_name="Anne")
    joost = make_user(role=Role.JOBCOACH, first_name="Joost")
    now = timezone.now()
    _event(anne, object_id="7", at=now - dt.timedelta(days=10), reason="oud")
    _event(joost, object_id="7", at=now - dt.timedelta(days=1), reason="gisteren")
    _event(anne, object_type="employers.contact", object_id="3", at=now, reason="vandaag")
    _event(None, object_id="8", at=now - dt.timedelta(days=2), reason="taak")

    page = parse(client.get(AUDIT).content)
    rows = [text(tr) for tr in page.find_all("tr")[1:]]
    assert [r.split()[-1] for r in rows] == ["vandaag", "gisteren", "taak", "oud"]

    def reasons(**params):
        page = parse(client.get(AUDIT, params).content)
        return [text(tr).split()[-1] for tr in page.find_all("tr")[1:]]

    assert reasons(actor=anne.pk) == ["vandaag", "oud"]
    assert reasons(actor="systeem") == ["taak"]
    assert reasons(object_type="placements.worker", object_id="7") == ["gisteren", "oud"]
    today = timezone.localdate()
    assert reasons(date_from=(today - dt.timedelta(days=3)).isoformat()) == [
        "vandaag",
        "gisteren",
        "taak",
    ]
    assert reasons(
        date_from=(today - dt.timedelta(days=11)).isoformat(),
        date_to=(today - dt.timedelta(days=5)).isoformat(),
    ) == ["oud"]
    # Dutch date format works too.
    assert reasons(date_to=(today - dt.timedelta(days=5)).strftime("%d-%m-%Y")) == ["oud"]


def test_audit_log_bad_filter_gives_dutch_errors_not_500(client, admin, parse, text):
    response = client.get(AUDIT, {"date_from": "gisteren", "actor": "12345"})
    assert response.status_code == 200
    page = parse(response.content)
    assert "Vul een datum in" in text(page.by_id("audit-date_from_error"))
    assert "uit de lijst" in text(page.by_id("audit-actor_error"))
    response = client.get(AUDIT, {"date_from": "2026-12-10", "date_to": "2026-12-01"})
    assert "voor de begindatum" in text(parse(response.content).by_id("audit-date_to_error"))


def test_audit_log_is_paginated_by_50(client, admin, parse, text):
    for n in range(51):
        _event(admin, object_id=str(n))
    page = parse(client.get(AUDIT).content)
    assert len(page.find_all("tr")) == 51  # header + 50
    assert "Pagina 1 van 2" in text(page.find("nav", **{"class": "werkpunt-pagination"}))
    second = parse(client.get(AUDIT, {"pagina": 2}).content)
    assert len(second.find_all("tr")) == 2
    assert client.get(AUDIT, {"pagina": "zzz"}).status_code == 200


def test_audit_log_has_no_way_to_change_events(client, admin):
    event = _event(admin)
    assert client.post(AUDIT, {"reason": "anders"}).status_code == 405
    event.reason = "anders"
    with pytest.raises(ValueError, match="niet gewijzigd"):
        event.save()
    with pytest.raises(ValueError, match="niet gewijzigd"):
        event.delete()
