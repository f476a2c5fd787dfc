"""The writes of the candidates app: profiles, validation, the two keys, the link, retention."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from werkpunt.accounts.models import AuditAction, AuditEvent
from werkpunt.candidates import services
from werkpunt.candidates.models import Candidate, ConsentAction, ConsentEvent

pytestmark = pytest.mark.django_db

PROFILE = {
    "display_name": "Sanne B.",
    "email": "sanne@example.org",
    "home_place": "coevorden",
    "travel_mode": "fiets",
    "max_travel_minutes": 25,
    "hours_per_week": "24,5",
    "days": ["vr", "ma"],
    "tasks": ["orderpicken-magazijn"],
    "skills": ["orderpicken"],
}


def audits(candidate, action):
    return AuditEvent.objects.filter(
        object_type="candidates.candidate", object_id=str(candidate.pk), action=action
    )


def errors_of(excinfo):
    return excinfo.value.message_dict


# --- Create and change -----------------------------------------------------------------------


def test_create_sets_reference_organisation_adviser_and_audit(adviser):
    candidate = services.candidate_create(by=adviser, **PROFILE)
    assert candidate.reference == f"K-{candidate.pk:06d}"
    assert candidate.organisation == adviser.profile.organisation
    assert candidate.adviser == adviser
    assert candidate.hours_per_week == Decimal("24.5")
    assert candidate.days == ["ma", "vr"]  # in the order of the week
    assert audits(candidate, AuditAction.CREATE).count() == 1


def test_only_advisers_and_teamleiders_create(make_user):
    jobcoach = make_user(role="jobcoach")
    with pytest.raises(ValidationError, match="adviseur of teamleider"):
        services.candidate_create(by=jobcoach, **PROFILE)
    assert not Candidate.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("home_place", "atlantis", "Wij kennen de woonplaats ‘atlantis’ niet"),
        ("tasks", ["vliegen"], "Deze taak staat niet in de takenlijst: vliegen."),
        ("skills", ["toveren"], "Deze vaardigheid staat niet in de lijst: toveren."),
        ("hours_per_week", "61", "tussen 0 en 60"),
        ("hours_per_week", "-1", "tussen 0 en 60"),
        ("hours_per_week", "24,55", "1 cijfer achter de komma"),
        ("hours_per_week", "veel", "Vul een getal in"),
        ("max_travel_minutes", 181, "tussen 0 en 180 minuten"),
        ("max_travel_minutes", "20,5", "heel aantal minuten"),
        ("travel_mode", "raket", "‘raket’ kennen wij niet"),
        ("language_level", "Z9", "‘Z9’ kennen wij niet"),
        ("education_level", "phd", "‘phd’ kennen wij niet"),
        ("days", ["maandag"], "Onbekende dag: maandag."),
        ("support_needs", ["diagnose"], "Deze ondersteuning kennen wij niet"),
        ("licences", ["vliegbrevet"], "Dit rijbewijs of certificaat kennen wij niet"),
        ("interests", ["ruimtevaart"], "Kies sectoren of taken uit de lijst"),
        ("email", "geen-adres", "Dit is geen e-mailadres"),
        ("phone", "bel me", "Dit is geen telefoonnummer"),
    ],
)
def test_validation_messages_are_dutch_and_keyed_by_field(adviser, field, value, message):
    with pytest.raises(ValidationError) as excinfo:
        services.candidate_create(by=adviser, **{**PROFILE, field: value})
    assert message in " ".join(errors_of(excinfo)[field])
    assert not Candidate.objects.exists()


def test_missing_required_fields_are_all_named(adviser):
    with pytest.raises(ValidationError) as excinfo:
        services.candidate_create(by=adviser, display_name="  ")
    errors = errors_of(excinfo)
    assert set(errors) == {"display_name", "home_place", "max_travel_minutes", "hours_per_week"}
    assert "Kies de woonplaats uit de lijst." in errors["home_place"]


def test_boundaries_are_allowed(adviser):
    candidate = services.candidate_create(
        by=adviser, **{**PROFILE, "hours_per_week": "60", "max_travel_minutes": 180}
    )
    assert candidate.hours_per_week == 60
    assert candidate.max_travel_minutes == 180


def test_update_changes_only_given_fields_and_audits_names(candidate, adviser):
    before = candidate.updated_at
    updated = services.candidate_update(
        candidate=candidate, by=adviser, hours_per_week=Decimal(16), tasks=candidate.tasks
    )
    assert updated.hours_per_week == 16
    assert updated.updated_at > before
    event = audits(candidate, AuditAction.CHANGE).get()
    assert event.fields == ["hours_per_week"]  # tasks did not change


def test_update_by_another_partner_is_refused(candidate, other_adviser):
    with pytest.raises(ValidationError, match="niet wijzigen"):
        services.candidate_update(candidate=candidate, by=other_adviser, hours_per_week=10)
    candidate.refresh_from_db()
    assert candidate.hours_per_week == 24


def test_update_rejects_an_adviser_of_another_organisation(candidate, adviser, other_adviser):
    with pytest.raises(ValidationError) as excinfo:
        services.candidate_update(candidate=candidate, by=adviser, adviser=other_adviser)
    assert "eigen organisatie" in errors_of(excinfo)["adviser"][0]


def test_create_from_worker_copies_name_hours_and_links_once(adviser, make_worker):
    worker = make_worker(created_by=adviser)
    candidate = services.candidate_create_from_worker(worker=worker, by=adviser)
    assert candidate.worker == worker
    assert candidate.display_name == "Piet K."
    assert candidate.hours_per_week == Decimal("28.0")
    assert candidate.home_place == "emmen"
    again = services.candidate_create_from_worker(worker=worker, by=adviser, hours_per_week=8)
    assert again.pk == candidate.pk
    assert Candidate.objects.count() == 1


# --- Two keys --------------------------------------------------------------------------------


def test_candidate_first_then_adviser_releases(candidate, adviser):
    services.consent_give(candidate=candidate, via="papier", by=adviser)
    assert not Candidate.objects.released().exists()
    candidate = services.consent_release(candidate=candidate, by=adviser)
    assert candidate.is_released
    assert list(Candidate.objects.released()) == [candidate]


def test_adviser_first_then_candidate_through_the_link(candidate, adviser):
    services.consent_release(candidate=candidate, by=adviser)
    assert not Candidate.objects.released().exists()
    candidate = services.consent_give(candidate=candidate, via="link")
    assert candidate.is_released
    assert candidate.candidate_consent_via == "link"
    actions = list(
        ConsentEvent.objects.filter(candidate=candidate).order_by("pk").values_list("action", "by")
    )
    assert actions == [
        (ConsentAction.ADVISER_RELEASED, adviser.pk),
        (ConsentAction.CANDIDATE_GAVE, None),
    ]


@pytest.mark.parametrize("side", ["candidate", "adviser"])
def test_withdrawal_by_either_side_empties_released_at_once(make_candidate, adviser, side):
    candidate = make_candidate(adviser=adviser, released=True)
    assert Candidate.objects.released().count() == 1
    by = None if side == "candidate" else adviser
    candidate = services.consent_withdraw(candidate=candidate, by=by, note="belde op")
    assert not Candidate.objects.released().exists()
    assert candidate.candidate_consent_at is None
    assert candidate.adviser_release_at is None
    assert candidate.consent_withdrawn_at is not None
    event = ConsentEvent.objects.get(candidate=candidate)
    expected = (
        ConsentAction.CANDIDATE_WITHDREW if side == "candidate" else ConsentAction.ADVISER_WITHDREW
    )
    assert event.action == expected
    assert event.note == "belde op"


def test_after_withdrawal_a_new_round_needs_both_keys(make_candidate, adviser):
    candidate = make_candidate(adviser=adviser, released=True)
    candidate = services.consent_withdraw(candidate=candidate)
    candidate = services.consent_give(candidate=candidate, via="link")
    assert candidate.consent_withdrawn_at is None
    assert not candidate.is_released
    assert not Candidate.objects.released().exists()
    candidate = services.consent_release(candidate=candidate, by=adviser)
    assert Candidate.objects.released().get() == candidate


def test_only_the_own_organisation_releases(candidate, other_adviser, make_user, emmen):
    with pytest.raises(ValidationError, match="eigen organisatie"):
        services.consent_release(candidate=candidate, by=other_adviser)
    jobcoach = make_user(role="jobcoach", organisation=emmen)
    with pytest.raises(ValidationError):
        services.consent_release(candidate=candidate, by=jobcoach)
    teamleider = make_user(role="teamleider", organisation=emmen)
    assert services.consent_release(candidate=candidate, by=teamleider).adviser_release_at


def test_consent_via_must_fit_who_records_it(candidate, adviser):
    with pytest.raises(ValidationError) as excinfo:
        services.consent_give(candidate=candidate, via="papier")
    assert "via de link" in errors_of(excinfo)["via"][0]
    with pytest.raises(ValidationError) as excinfo:
        services.consent_give(candidate=candidate, via="link", by=adviser)
    assert "op papier of in een gesprek" in errors_of(excinfo)["via"][0]


def test_turning_a_key_twice_changes_nothing(candidate, adviser):
    services.consent_give(candidate=candidate, via="gesprek", by=adviser)
    first = Candidate.objects.get(pk=candidate.pk).candidate_consent_at
    services.consent_give(candidate=candidate, via="link")
    assert Candidate.objects.get(pk=candidate.pk).candidate_consent_at == first
    assert ConsentEvent.objects.filter(candidate=candidate).count() == 1


def test_withdraw_without_any_key_says_so(candidate):
    with pytest.raises(ValidationError, match="geen toestemming of vrijgave"):
        services.consent_withdraw(candidate=candidate)


def test_every_consent_change_writes_an_event_and_an_audit(candidate, adviser):
    services.consent_give(candidate=candidate, via="papier", by=adviser)
    services.consent_release(candidate=candidate, by=adviser)
    services.consent_withdraw(candidate=candidate, by=adviser)
    services.consent_link_renew(candidate=candidate, by=adviser)
    assert ConsentEvent.objects.filter(candidate=candidate).count() == 4
    assert audits(candidate, AuditAction.CHANGE).count() == 4


def test_renewing_the_link_makes_a_new_token(candidate, adviser):
    old = candidate.consent_token
    renewed = services.consent_link_renew(candidate=candidate, by=adviser)
    assert renewed.consent_token != old
    assert not Candidate.objects.filter(consent_token=old).exists()
    assert ConsentEvent.objects.get(candidate=candidate).action == ConsentAction.LINK_RENEWED


def test_link_mail_explains_what_an_employer_sees(candidate, adviser):
    services.consent_link_send(candidate=candidate, by=adviser)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [candidate.email]
    assert f"/toestemming/{candidate.consent_token}/" in message.body
    for words in ("uw naam", "uw telefoonnummer", "gezondheid", "Trek uw toestemming", "Anna"):
        assert words in message.body
    assert message.alternatives
    assert audits(candidate, AuditAction.VIEW).filter(fields=["email"]).exists()


def test_link_mail_needs_an_email_address(make_candidate, adviser):
    candidate = make_candidate(adviser=adviser, email="")
    with pytest.raises(ValidationError) as excinfo:
        services.consent_link_send(candidate=candidate, by=adviser)
    assert "geen e-mailadres" in errors_of(excinfo)["email"][0]
    assert mail.outbox == []


# --- Retention -------------------------------------------------------------------------------

TODAY = dt.date(2027, 6, 1)


def _aged(candidate, days):
    Candidate.objects.filter(pk=candidate.pk).update(
        updated_at=timezone.make_aware(dt.datetime.combine(TODAY, dt.time(12)))
        - dt.timedelta(days=days)
    )


def test_retention_wipes_identity_of_old_inactive_profiles_only(
    make_candidate, make_demand, adviser
):
    old = make_candidate(adviser=adviser, is_active=False, released=True, phone="06 1234 5678")
    ConsentEvent.objects.create(candidate=old, action=ConsentAction.CANDIDATE_GAVE, note="Sanne")
    from werkpunt.demands.models import OpenHiringSignUp

    sign_up = OpenHiringSignUp.objects.create(
        demand=make_demand(open_hiring=True), candidate=old, name="Sanne B.", phone="06 1"
    )
    recent = make_candidate(adviser=adviser, is_active=False)
    active = make_candidate(adviser=adviser)
    _aged(old, 400)
    _aged(recent, 100)
    _aged(active, 900)
    token = old.consent_token
    assert services.candidates_anonymise_inactive(today=TODAY) == 1
    old.refresh_from_db()
    assert old.anonymised_at is not None
    assert (old.display_name, old.email, old.phone, old.motivation) == (
        services.ANONYMISED_NAME,
        "",
        "",
        "",
    )
    assert old.consent_token != token
    assert old.tasks == ["orderpicken-magazijn"]  # the anonymous profile stays for counts
    assert not Candidate.objects.released().exists()
    assert ConsentEvent.objects.get(candidate=old).note == ""
    sign_up.refresh_from_db()
    assert (sign_up.name, sign_up.phone) == (services.ANONYMISED_NAME, "")
    assert audits(old, AuditAction.ANONYMISE).count() == 1
    for kept in (recent, active):
        kept.refresh_from_db()
        assert kept.anonymised_at is None
    assert services.candidates_anonymise_inactive(today=TODAY) == 0


def test_retention_days_come_from_settings(make_candidate, adviser, settings):
    settings.WERKPUNT_CANDIDATE_RETENTION_DAYS = 30
    candidate = make_candidate(adviser=adviser, is_active=False)
    _aged(candidate, 45)
    assert services.candidates_anonymise_inactive(today=TODAY) == 1


def test_the_celery_task_runs_the_retention_job(make_candidate, adviser):
    from werkpunt.candidates.tasks import anonymise_inactive_candidates

    candidate = make_candidate(adviser=adviser, is_active=False)
    _aged(candidate, 366)
    assert anonymise_inactive_candidates(for_date=TODAY.isoformat()) == 1
    assert anonymise_inactive_candidates(for_date=TODAY.isoformat()) == 0


def test_anonymised_profiles_cannot_change(make_candidate, adviser):
    candidate = make_candidate(adviser=adviser, is_active=False)
    _aged(candidate, 400)
    services.candidates_anonymise_inactive(today=TODAY)
    candidate.refresh_from_db()
    with pytest.raises(ValidationError, match="geanonimiseerd"):
        services.consent_give(candidate=candidate, via="link")
