"""The Request model, services, selectors, mails, admin and CMS views."""

from __future__ import annotations

import smtplib
from io import StringIO

import pytest
from django.contrib.auth.models import Permission, User
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from werkpunt.employers import mails, selectors, services
from werkpunt.employers.models import Municipality, Request, Status, validate_phone
from werkpunt.rules import Municipality as RulesMunicipality

pytestmark = pytest.mark.django_db

FIELDS = {
    "name": "Fatma Yilmaz",
    "organisation": "Installatiebedrijf Noord",
    "email": "fatma@noord.test",
    "topic": "recruitment",
    "message": "Wij zoeken een monteur. Kunnen jullie helpen?",
    "preferred_contact": "email",
    "consent": True,
}


def _create(**changes):
    return services.request_create(**{**FIELDS, **changes})


def test_municipalities_are_the_same_as_in_the_rules():
    assert set(Municipality.values) == {m.value for m in RulesMunicipality}


def test_status_has_english_codes_and_dutch_labels():
    assert [(s.value, str(s.label)) for s in Status] == [
        ("new", "Nieuw"),
        ("in_progress", "In behandeling"),
        ("done", "Afgerond"),
    ]


@pytest.mark.parametrize(
    "phone", ["0591 123 456", "+31 6 12345678", "06-12345678", "0031591123456", "112233"]
)
def test_phone_numbers_people_type_are_accepted(phone):
    validate_phone(phone)


@pytest.mark.parametrize(
    "phone", ["abc", "12345", "06 (123) 45678", "06+12345678", "+", "1234567890123456"]
)
def test_phone_numbers_that_are_not_are_refused(phone):
    with pytest.raises(ValidationError):
        validate_phone(phone)


def test_request_create_takes_keyword_arguments_only():
    with pytest.raises(TypeError):
        services.request_create("Fatma Yilmaz")  # type: ignore[misc]


def test_request_create_stores_and_mails_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        request = _create()
    assert Request.objects.filter(pk=request.pk).exists()
    assert not mail.outbox, "pas na de commit"
    assert len(callbacks) == 1

    callbacks[0]()

    assert [m.to for m in mail.outbox] == [["wsp@werkpunt.test"], ["fatma@noord.test"]]
    request.refresh_from_db()
    assert request.wsp_mailed_at is not None
    assert request.confirmation_mailed_at is not None


def test_request_create_refuses_bad_data():
    with pytest.raises(ValidationError) as error:
        _create(topic="iets", email="geen adres", preferred_contact="phone", phone="")
    assert {"topic", "email"} <= set(error.value.message_dict)
    assert not Request.objects.exists()


def test_database_refuses_a_request_without_consent():
    with pytest.raises(IntegrityError), transaction.atomic():
        Request.objects.create(**{**FIELDS, "consent": False})


def test_database_refuses_a_call_back_without_a_phone_number():
    with pytest.raises(IntegrityError), transaction.atomic():
        Request.objects.create(**{**FIELDS, "preferred_contact": "phone", "phone": ""})


def test_database_refuses_a_message_that_is_too_long():
    with pytest.raises(IntegrityError), transaction.atomic():
        Request.objects.create(**{**FIELDS, "message": "a" * 2001})


def test_failed_mail_keeps_the_request_and_is_sent_later(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(request):
        raise smtplib.SMTPServerDisconnected("weg")

    monkeypatch.setattr(mails, "send_wsp_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        request = _create()

    request.refresh_from_db()
    assert request.wsp_mailed_at is None
    assert request.confirmation_mailed_at is not None
    assert [m.to for m in mail.outbox] == [["fatma@noord.test"]]
    assert "Mail aan het WSP over vraag" in caplog.text

    monkeypatch.undo()
    out = StringIO()
    call_command("send_request_mails", stdout=out)

    assert "1" in out.getvalue()
    assert [m.to for m in mail.outbox] == [["fatma@noord.test"], ["wsp@werkpunt.test"]]
    request.refresh_from_db()
    assert request.wsp_mailed_at is not None

    # Sent mails are not sent twice.
    call_command("send_request_mails", stdout=StringIO())
    services.request_send_mails(request_id=request.pk)
    assert len(mail.outbox) == 2


def test_failed_mail_does_not_break_the_form(send, monkeypatch):
    def broken(request):
        raise ConnectionRefusedError

    monkeypatch.setattr(mails, "send_wsp_mail", broken)
    monkeypatch.setattr(mails, "send_confirmation_mail", broken)

    response = send()

    assert response.status_code == 302
    assert Request.objects.get().wsp_mailed_at is None


def test_wsp_mail_links_to_the_request_in_the_cms():
    request = _create()
    mails.send_wsp_mail(request)

    assert f"https://werkpunt.test/cms/vragen/inspect/{request.pk}/" in mail.outbox[-1].body


# --- Selectors -----------------------------------------------------------------------


def _user(username: str, *, perms: tuple[str, ...] = (), superuser: bool = False) -> User:
    if superuser:
        return User.objects.create_superuser(username, f"{username}@werkpunt.test", "x")
    user = User.objects.create_user(username, f"{username}@werkpunt.test", "x")
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return User.objects.get(pk=user.pk)  # fresh permission cache


def test_selectors_are_scoped_by_who_asks():
    first = _create(organisation="Eerste")
    second = _create(organisation="Tweede")
    Request.objects.filter(pk=first.pk).update(status=Status.DONE)
    viewer = _user("adviseur", perms=("view_request",))
    stranger = _user("iemand")

    assert list(selectors.request_list_recent(user=viewer, limit=10)) == [second, first]
    assert list(selectors.request_list_recent(user=viewer, limit=1)) == [second]
    assert list(selectors.request_list_recent(user=viewer, limit=10, status=Status.DONE)) == [first]
    assert selectors.request_count_open(user=viewer) == 1
    assert selectors.request_get(user=viewer, request_id=first.pk) == first
    assert not selectors.request_list_recent(user=stranger, limit=10).exists()
    assert selectors.request_count_open(user=stranger) == 0
    assert selectors.request_get(user=stranger, request_id=first.pk) is None


# --- Django admin and CMS ------------------------------------------------------------


def test_django_admin_lists_requests_and_cannot_add_them(client, login):
    _create()
    # /beheer/ and /cms/ need a login with the second factor (accounts middleware).
    login(client, _user("beheer", superuser=True))

    listing = client.get("/beheer/employers/request/")
    assert listing.status_code == 200
    assert "Installatiebedrijf Noord" in listing.content.decode()
    assert client.get("/beheer/employers/request/add/").status_code == 403
    filtered = client.get("/beheer/employers/request/?status__exact=done")
    assert "Installatiebedrijf Noord" not in filtered.content.decode()


def test_cms_lists_requests_read_only_with_filters(client, login):
    request = _create()
    _create(organisation="Boerderij Zuid", topic="support")
    login(client, _user("redactie", superuser=True))

    listing = client.get("/cms/vragen/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Installatiebedrijf Noord" in html
    assert "Boerderij Zuid" in html
    assert "Personeel zoeken" in html

    filtered = client.get("/cms/vragen/?topic=support").content.decode()
    assert "Boerderij Zuid" in filtered
    assert "Installatiebedrijf Noord" not in filtered
    assert client.get("/cms/vragen/?status=new&municipality=emmen").status_code == 200

    inspect = client.get(f"/cms/vragen/inspect/{request.pk}/")
    assert inspect.status_code == 200
    assert "Wij zoeken een monteur." in inspect.content.decode()

    # Read-only, even for a superuser.
    assert client.get("/cms/vragen/new/").status_code in {302, 403}
    assert client.get(f"/cms/vragen/edit/{request.pk}/").status_code in {302, 403}
    assert client.post(f"/cms/vragen/delete/{request.pk}/").status_code in {302, 403}
    assert Request.objects.filter(pk=request.pk).exists()


def test_cms_list_needs_the_view_permission(client, login):
    _create()
    user = _user("kijker", perms=("access_admin", "view_request"))
    login(client, user)

    assert client.get("/cms/vragen/").status_code == 200

    login(client, _user("anders", perms=("access_admin",)))
    assert client.get("/cms/vragen/").status_code in {302, 403}


def test_no_missing_migrations():
    call_command("makemigrations", "employers", "--check", "--dry-run", stdout=StringIO())
