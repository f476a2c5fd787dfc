"""The shared employer record: services and selectors."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from werkpunt.accounts.models import Invitation, Organisation, OrganisationKind
from werkpunt.employers import selectors, services
from werkpunt.employers.models import ContactKind, ContactLogEntry, Employer

pytestmark = pytest.mark.django_db


def _fields(contact_person, **changes):
    fields = {
        "name": "Bakkerij De Vries",
        "kvk_number": "01234567",
        "sector": "food",
        "size": "10-49",
        "municipality": "hoogeveen",
        "contact_person": contact_person,
    }
    fields.update(changes)
    return fields


def test_create_an_employer_with_its_contact_person(make_user):
    adviser = make_user(role="adviseur", first_name="Sanne")
    employer = services.employer_create(by=adviser, **_fields(adviser))

    assert Employer.objects.get(pk=employer.pk).contact_person == adviser
    entry = ContactLogEntry.objects.get(employer=employer)
    assert entry.kind == ContactKind.NOTE
    assert "Sanne" in entry.summary


def test_a_kvk_number_is_in_the_register_only_once(make_user, make_employer):
    adviser = make_user(role="adviseur")
    make_employer(kvk_number="01234567")
    with pytest.raises(ValidationError) as error:
        services.employer_create(by=adviser, **_fields(adviser))
    assert error.value.message_dict == {"kvk_number": ["Deze werkgever staat er al in."]}
    assert Employer.objects.count() == 1


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a", ""])
def test_a_kvk_number_has_eight_digits(make_user, kvk):
    adviser = make_user(role="adviseur")
    with pytest.raises(ValidationError) as error:
        services.employer_create(by=adviser, **_fields(adviser, kvk_number=kvk))
    assert "kvk_number" in error.value.message_dict


@pytest.mark.parametrize("role", ["teamleider", "jobcoach", "werkgever", "bestuur"])
def test_the_contact_person_is_an_adviser(make_user, role):
    with pytest.raises(ValidationError) as error:
        services.employer_create(by=make_user(), **_fields(make_user(role=role)))
    assert "contact_person" in error.value.message_dict


def test_a_new_contact_person_replaces_the_old_one_and_is_logged(make_user, make_employer, partner):
    old = make_user(role="adviseur", first_name="Oud")
    new = make_user(role="adviseur", first_name="Nieuw", organisation=partner("uwv"))
    employer = make_employer(contact_person=old)

    services.employer_update(
        employer=employer,
        by=old,
        **_fields(new, name=employer.name, kvk_number=employer.kvk_number),
    )

    employer.refresh_from_db()
    assert employer.contact_person == new
    entry = ContactLogEntry.objects.get(employer=employer)
    assert entry.kind == ContactKind.NOTE
    assert "Oud" in entry.summary
    assert "Nieuw (UWV)" in entry.summary


def test_an_update_without_a_new_contact_person_logs_nothing(make_user, make_employer):
    employer = make_employer()
    services.employer_update(
        employer=employer,
        by=employer.contact_person,
        **_fields(employer.contact_person, name="Nieuwe naam", kvk_number=employer.kvk_number),
    )
    employer.refresh_from_db()
    assert employer.name == "Nieuwe naam"
    assert not ContactLogEntry.objects.filter(employer=employer).exists()


def test_update_to_a_kvk_number_of_another_employer_is_refused(make_employer):
    first = make_employer(kvk_number="11111111")
    second = make_employer(kvk_number="22222222")
    with pytest.raises(ValidationError):
        services.employer_update(
            employer=second,
            by=second.contact_person,
            **_fields(second.contact_person, kvk_number=first.kvk_number),
        )
    second.refresh_from_db()
    assert second.kvk_number == "22222222"


def test_locations_and_contacts(make_employer, make_user):
    import datetime as dt

    employer = make_employer()
    adviser = make_user(role="adviseur")
    location = services.employer_location_add(
        employer=employer,
        street="Hoofdstraat 1",
        postcode="7811 ab",
        place="Emmen",
        municipality="emmen",
        by=adviser,
    )
    assert location.postcode == "7811 AB"
    services.contact_log_add(
        employer=employer, kind="visit", date=dt.date(2026, 11, 20), summary=" Bezoek. ", by=adviser
    )
    assert employer.contacts.get().summary == "Bezoek."
    with pytest.raises(ValidationError):
        services.contact_log_add(
            employer=employer, kind="note", date=dt.date(2026, 11, 20), summary="x", by=adviser
        )
    services.employer_location_remove(location=location, by=adviser)
    assert not employer.locations.exists()


# --- The employer's organisation and the portal invitation -------------------------------------


def test_ensure_organisation_makes_it_once(make_employer):
    employer = make_employer(name="Bakkerij 't Hoekje", kvk_number="01234567")

    organisation = services.employer_ensure_organisation(employer=employer)
    again = services.employer_ensure_organisation(employer=employer)

    assert organisation == again
    assert organisation.kind == OrganisationKind.EMPLOYER
    assert organisation.slug == "bakkerij-t-hoekje-01234567"
    assert organisation.name == "Bakkerij 't Hoekje"
    employer.refresh_from_db()
    assert employer.organisation == organisation
    assert Organisation.objects.filter(kind=OrganisationKind.EMPLOYER).count() == 1


def test_ensure_organisation_refuses_a_partner_with_that_slug(make_employer):
    employer = make_employer(name="Emmen", kvk_number="01234567")
    Organisation.objects.create(
        name="Gemeente", slug="emmen-01234567", kind=OrganisationKind.MUNICIPALITY
    )
    with pytest.raises(ValidationError):
        services.employer_ensure_organisation(employer=employer)


def test_renaming_the_employer_renames_its_organisation(make_employer):
    employer = make_employer()
    organisation = services.employer_ensure_organisation(employer=employer)
    services.employer_update(
        employer=employer,
        by=employer.contact_person,
        **_fields(employer.contact_person, name="Nieuw BV", kvk_number=employer.kvk_number),
    )
    organisation.refresh_from_db()
    assert organisation.name == "Nieuw BV"


def test_invite_makes_the_organisation_and_an_invitation(
    make_employer, make_user, django_capture_on_commit_callbacks
):
    employer = make_employer()
    adviser = make_user(role="adviseur")
    with django_capture_on_commit_callbacks(execute=True):
        services.employer_invite(employer=employer, email=" baas@bakkerij.test ", by=adviser)

    employer.refresh_from_db()
    invitation = Invitation.objects.get()
    assert invitation.organisation == employer.organisation
    assert invitation.role == "werkgever"
    assert invitation.email == "baas@bakkerij.test"
    assert [m.to for m in mail.outbox] == [["baas@bakkerij.test"]]
    assert employer.contacts.filter(kind=ContactKind.NOTE).exists()


def test_invite_says_so_when_accounts_cannot_invite(make_employer, make_user, monkeypatch):
    monkeypatch.delattr(services.account_services, "invitation_create")
    assert services.invitations_available() is False
    with pytest.raises(services.InvitationsUnavailable):
        services.employer_invite(employer=make_employer(), email="a@b.test", by=make_user())
    assert not Organisation.objects.filter(kind=OrganisationKind.EMPLOYER).exists()


# --- Selectors ---------------------------------------------------------------------------------


def test_who_sees_which_employer(make_employer, make_user, partner):
    own = make_employer(name="Eigen")
    other = make_employer(name="Ander")
    organisation = services.employer_ensure_organisation(employer=own)
    employer_user = make_user(role="werkgever", organisation=organisation)

    for role in ("adviseur", "teamleider"):
        user = make_user(role=role, organisation=partner("uwv"))
        assert set(selectors.employers_visible_to(user=user)) == {own, other}
        assert selectors.employer_for_portal(user=user) is None
    assert list(selectors.employers_visible_to(user=employer_user)) == [own]
    assert selectors.employer_for_portal(user=employer_user) == own
    for role in ("jobcoach", "bestuur", "redacteur", "beheerder"):
        assert not selectors.employers_visible_to(user=make_user(role=role)).exists()
    lonely = make_user(role="werkgever")  # an employer organisation without a record
    assert selectors.employer_for_portal(user=lonely) is None


def test_employer_search(make_employer, make_user):
    adviser = make_user(role="adviseur")
    bakery = make_employer(name="Bakkerij Bol", kvk_number="12345678", municipality="emmen")
    farm = make_employer(
        name="Boerderij Zon", kvk_number="87654321", municipality="coevorden", sector="zorg"
    )

    def search(**filters):
        return list(selectors.employer_search(user=adviser, **filters))

    assert search(query="bol") == [bakery]
    assert search(query="1234") == [bakery]
    assert search(query="8765 4321") == [farm]
    assert search(municipality="coevorden") == [farm]
    assert search(sector="zorg") == [farm]
    assert search(contact_person_id=bakery.contact_person_id) == [bakery]
    assert search() == [bakery, farm]
    assert list(selectors.employer_search(user=make_user(role="jobcoach"))) == []
