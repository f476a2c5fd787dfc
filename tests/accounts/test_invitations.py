"""Invitations: the service, the mail, accepting, expiry and reuse."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from werkpunt.accounts import services
from werkpunt.accounts.models import (
    AuditEvent,
    Invitation,
    Organisation,
    OrganisationKind,
    Profile,
    Role,
    StaffSession,
)
from werkpunt.accounts.permissions import STAFF_SESSION_KEY

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "drentse heide in de zomer"


@pytest.fixture
def employer_org():
    return Organisation.objects.create(
        name="Kwekerij De Linde", slug="kwekerij-de-linde", kind=OrganisationKind.EMPLOYER
    )


@pytest.fixture
def emmen():
    return Organisation.objects.get_or_create(
        slug="emmen",
        defaults={"name": "Gemeente Emmen", "kind": OrganisationKind.MUNICIPALITY},
    )[0]


def invite(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return services.invitation_create(**kwargs)


def link_from(mail) -> str:
    match = re.search(r"https?://\S+/account/uitnodiging/(\S+)/", mail.body)
    assert match, mail.body
    return f"/account/uitnodiging/{match.group(1)}/"


def test_invitation_stores_a_hash_and_mails_a_dutch_link(
    make_user, employer_org, mailoutbox, django_capture_on_commit_callbacks
):
    adviser = make_user(role=Role.ADVISER, first_name="Anke")
    invitation = invite(
        django_capture_on_commit_callbacks,
        email="eigenaar@delinde.nl",
        organisation=employer_org,
        role="werkgever",
        invited_by=adviser,
    )
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["eigenaar@delinde.nl"]
    assert mail.subject == "Uitnodiging voor Werkpunt — Kwekerij De Linde"
    assert "Anke" in mail.body
    assert "als Werkgever bij Kwekerij De Linde" in mail.body
    token = link_from(mail).split("/")[-2]
    assert token not in invitation.token_hash
    assert invitation.token_hash == services.invitation_token_hash(token)
    expected = timezone.localtime(invitation.expires_at)
    assert invitation.expires_at - invitation.created_at == dt.timedelta(days=7)
    assert f"{expected.day} " in mail.body
    assert str(expected.year) in mail.body


def test_no_mail_when_the_transaction_rolls_back(make_user, employer_org, mailoutbox):
    from django.db import transaction

    adviser = make_user(role=Role.ADVISER)

    def invite_then_fail():
        with transaction.atomic():
            services.invitation_create(
                email="x@delinde.nl",
                organisation=employer_org,
                role="werkgever",
                invited_by=adviser,
            )
            raise RuntimeError

    with pytest.raises(RuntimeError):
        invite_then_fail()
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_role_must_fit_the_organisation_and_be_known(make_user, employer_org, emmen):
    adviser = make_user(role=Role.ADVISER)
    with pytest.raises(ValidationError):
        services.invitation_create(
            email="a@b.nl", organisation=emmen, role="werkgever", invited_by=adviser
        )
    with pytest.raises(ValidationError):
        services.invitation_create(
            email="a@b.nl", organisation=employer_org, role="adviseur", invited_by=adviser
        )
    with pytest.raises(ValueError, match="onbekend"):
        services.invitation_create(
            email="a@b.nl", organisation=emmen, role="onbekend", invited_by=adviser
        )


def test_existing_account_cannot_be_invited_again(make_user, emmen):
    adviser = make_user(role=Role.ADVISER)
    with pytest.raises(ValidationError) as caught:
        services.invitation_create(
            email=adviser.email.upper(), organisation=emmen, role="jobcoach", invited_by=None
        )
    assert caught.value.code == "exists"


def test_a_new_invitation_replaces_the_open_one(
    employer_org, mailoutbox, django_capture_on_commit_callbacks, client
):
    for _ in range(2):
        invite(
            django_capture_on_commit_callbacks,
            email="eigenaar@delinde.nl",
            organisation=employer_org,
            role="werkgever",
            invited_by=None,
        )
    first, second = (link_from(m) for m in mailoutbox)
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


def test_employer_accepts_and_is_logged_in_with_a_verified_session(
    client, employer_org, mailoutbox, django_capture_on_commit_callbacks, parse, text
):
    invite(
        django_capture_on_commit_callbacks,
        email="Eigenaar@DeLinde.nl",
        organisation=employer_org,
        role="werkgever",
        invited_by=None,
    )
    link = link_from(mailoutbox[0])
    page = parse(client.get(link).content)
    assert "Werkgever bij Kwekerij De Linde" in text(page.find("main"))
    response = client.post(
        link,
        {
            "first_name": "Gerda",
            "last_name": "Bos",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email__iexact="eigenaar@delinde.nl")
    assert user.username == "eigenaar@delinde.nl"
    assert user.get_full_name() == "Gerda Bos"
    assert user.check_password(NEW_PASSWORD)
    assert Profile.objects.get(user=user).organisation == employer_org
    assert Profile.objects.get(user=user).role == Role.EMPLOYER
    assert int(client.session["_auth_user_id"]) == user.pk
    assert StaffSession.objects.get(key=client.session[STAFF_SESSION_KEY]).verified_at
    assert AuditEvent.objects.filter(object_id=str(user.pk), action="create").exists()
    # The link works once.
    used = client.get(link)
    assert used.status_code == 410
    assert "al een account gemaakt" in text(parse(used.content).find("main"))


def test_staff_accepts_and_goes_on_to_set_up_the_app(
    client, emmen, mailoutbox, django_capture_on_commit_callbacks
):
    invite(
        django_capture_on_commit_callbacks,
        email="nieuw@emmen.nl",
        organisation=emmen,
        role=Role.JOBCOACH,
        invited_by=None,
    )
    response = client.post(
        link_from(mailoutbox[0]),
        {
            "first_name": "Piet",
            "last_name": "Kok",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response["Location"] == "/account/authenticator-instellen/"
    assert "_auth_user_id" not in client.session


def test_invited_redacteur_joins_the_wagtail_editors(
    client, emmen, mailoutbox, django_capture_on_commit_callbacks
):
    invite(
        django_capture_on_commit_callbacks,
        email="redactie@wsp.nl",
        organisation=emmen,
        role=Role.EDITOR,
        invited_by=None,
    )
    client.post(
        link_from(mailoutbox[0]),
        {
            "first_name": "Rik",
            "last_name": "Mol",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    user = get_user_model().objects.get(email="redactie@wsp.nl")
    assert user.has_perm("wagtailadmin.access_admin")


def test_weak_password_and_mismatch_are_refused_in_dutch_keeping_the_name(
    client, employer_org, mailoutbox, django_capture_on_commit_callbacks, parse, text
):
    invite(
        django_capture_on_commit_callbacks,
        email="eigenaar@delinde.nl",
        organisation=employer_org,
        role="werkgever",
        invited_by=None,
    )
    link = link_from(mailoutbox[0])
    response = client.post(
        link, {"first_name": "Gerda", "last_name": "Bos", "password1": "kort", "password2": "kort"}
    )
    assert response.status_code == 200
    page = parse(response.content)
    assert "te kort" in text(page.by_id("account-password1_error"))
    assert page.by_id("account-first_name").attrs["value"] == "Gerda"
    response = client.post(
        link,
        {"first_name": "Gerda", "last_name": "Bos", "password1": NEW_PASSWORD, "password2": "x"},
    )
    assert "niet gelijk" in text(parse(response.content).by_id("account-password2_error"))
    assert not get_user_model().objects.filter(email="eigenaar@delinde.nl").exists()


def test_expired_and_unknown_links_give_a_clear_dutch_page(
    client, employer_org, mailoutbox, django_capture_on_commit_callbacks, parse, text
):
    invitation = invite(
        django_capture_on_commit_callbacks,
        email="eigenaar@delinde.nl",
        organisation=employer_org,
        role="werkgever",
        invited_by=None,
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    link = link_from(mailoutbox[0])
    response = client.get(link)
    assert response.status_code == 410
    assert "te oud" in text(parse(response.content).find("main"))
    response = client.post(
        link,
        {"first_name": "G", "last_name": "B", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 410
    assert not get_user_model().objects.filter(email="eigenaar@delinde.nl").exists()

    unknown = client.get("/account/uitnodiging/onzin-token/")
    assert unknown.status_code == 404
    assert "kennen deze link niet" in text(parse(unknown.content).find("main"))


def test_accept_twice_in_the_service_is_refused(employer_org):
    invitation = Invitation.objects.create(
        email="a@b.nl",
        organisation=employer_org,
        role="werkgever",
        token_hash="x" * 64,
        expires_at=timezone.now() + dt.timedelta(days=1),
    )
    services.invitation_accept(
        invitation=invitation, first_name="A", last_name="B", password=NEW_PASSWORD
    )
    with pytest.raises(services.InvitationUnusable):
        services.invitation_accept(
            invitation=invitation, first_name="A", last_name="B", password=NEW_PASSWORD
        )
    assert get_user_model().objects.filter(email="a@b.nl").count() == 1
