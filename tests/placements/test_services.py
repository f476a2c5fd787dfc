"""The placement services: consent, deadlines from the rules, after-sales, helpers, retention."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from werkpunt.accounts.models import AuditAction, AuditEvent
from werkpunt.placements import services
from werkpunt.placements.models import (
    Deadline,
    DeadlineStatus,
    Helper,
    Placement,
    PlacementStatus,
    Worker,
)
from werkpunt.placements.situations import action_selected, situation_for
from werkpunt.rules import evaluate, parse_situation

pytestmark = pytest.mark.django_db

#: The registration date of the fixture ``create_placement`` (conftest.AS_OF).
AS_OF = dt.date(2025, 8, 1)


def rules_actions(placement, as_of=AS_OF):
    """The (code, due date) pairs the rules give for this placement's chosen instruments."""
    outcome = evaluate(parse_situation(situation_for(placement)), as_of=as_of)
    return outcome, {
        (a.code, a.due_date)
        for a in outcome.actions
        if a.due_date is not None
        and a.due_date >= as_of
        and action_selected(a, placement.instruments, contract_running=True)
    }


# --- Registering ---------------------------------------------------------------------------


def test_create_with_consent_stores_worker_placement_deadlines_plan_and_audit(
    create_placement, adviser
):
    placement = create_placement()
    worker = placement.worker
    assert worker.display_name == "Sanne B."
    assert worker.birth_date == dt.date(1966, 3, 10)
    assert worker.consent_at is not None
    assert worker.consent_by == adviser
    assert placement.status == PlacementStatus.PLANNED  # starts after as_of
    # Only the answers beyond the placement's own fields are kept in the situation.
    assert placement.situation == {"benefit": "ww", "benefit_weeks": 40, "doelgroepregister": False}
    assert placement.deadlines.count() > 0
    assert placement.aftersales_tasks.count() == 6
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(placement.pk))
    assert event.actor == adviser
    assert "worker.birth_date" in event.fields
    assert "situation" in event.fields


def test_create_without_consent_is_refused_and_stores_nothing(create_placement):
    with pytest.raises(ValidationError) as caught:
        create_placement(consent_recorded=False)
    assert (
        "Leg eerst vast dat de werknemer toestemming gaf"
        in caught.value.message_dict["consent_recorded"][0]
    )
    assert Worker.objects.count() == 0
    assert Placement.objects.count() == 0


def test_create_with_a_wrong_situation_gives_dutch_messages_per_field(create_placement):
    with pytest.raises(ValidationError) as caught:
        create_placement(situation={"benefit": "lotto"})
    assert "lotto kennen we niet" in caught.value.message_dict["benefit"][0]
    with pytest.raises(ValidationError) as caught:
        create_placement(worker_birth_date=dt.date(2020, 1, 1))
    assert "worker_birth_date" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        create_placement(contract="fixed", end_date=None)
    assert "einddatum" in caught.value.message_dict["end_date"][0]
    with pytest.raises(ValidationError) as caught:
        create_placement(instruments=["lotto"])
    assert "instruments" in caught.value.message_dict
    assert Placement.objects.count() == 0


# --- Deadlines from the rules --------------------------------------------------------------


def test_deadlines_equal_the_rules_actions_and_the_doelgroepverklaring_is_3_months_after_start(
    create_placement, adviser
):
    placement = create_placement()
    outcome, expected = rules_actions(placement)
    stored = set(placement.deadlines.values_list("code", "due_date"))
    assert stored == expected
    # By hand: 1 September 2025 + 3 months is 30 November 2025; the worker (or the
    # employer with a machtiging) requests it at UWV; the whole LKV is at stake.
    verklaring = placement.deadlines.get(code="doelgroepverklaring_aanvragen")
    assert verklaring.due_date == dt.date(2025, 11, 30)
    assert verklaring.actor == "werknemer"
    assert verklaring.instrument == "lkv_oudere_werknemer"
    action = next(a for a in outcome.actions if a.code == "doelgroepverklaring_aanvragen")
    assert verklaring.amount_at_stake_cents == int(action.amount_at_stake)
    assert verklaring.amount_at_stake_cents > 0
    assert verklaring.title.startswith(
        "Vraag de doelgroepverklaring aan voor het LKV oudere werknemer"
    )
    assert verklaring.title.endswith("(bij UWV)")
    assert verklaring.owner == adviser  # the employer's contact person
    assert verklaring.status == DeadlineStatus.OPEN
    # The yearly corrections before 1 May come with the LKV.
    assert placement.deadlines.filter(
        code="loonaangifte_corrigeren", due_date=dt.date(2026, 4, 30)
    ).exists()


def test_only_chosen_instruments_give_deadlines(create_placement):
    placement = create_placement(instruments=["ww_premiedifferentiatie"], as_of=dt.date(2025, 6, 1))
    codes = set(placement.deadlines.values_list("code", flat=True))
    assert codes == {"contract_schriftelijk"}
    other = create_placement(instruments=["proefplaatsing"], as_of=dt.date(2025, 6, 1))
    assert set(other.deadlines.values_list("code", flat=True)) == {
        "proefplaatsing_aanvragen",
        "proefplaatsing_einde",
    }


def test_deadlines_before_registration_are_not_added(create_placement):
    placement = create_placement(as_of=dt.date(2025, 12, 15))
    assert not placement.deadlines.filter(due_date__lt=dt.date(2025, 12, 15)).exists()
    assert not placement.deadlines.filter(code="doelgroepverklaring_aanvragen").exists()
    assert placement.deadlines.filter(code="loonaangifte_corrigeren").exists()


def test_contract_deadlines_come_from_the_rules_without_choosing_an_instrument(create_placement):
    placement = create_placement(
        worker_birth_date=dt.date(1990, 5, 1),
        start_date=dt.date(2027, 1, 1),
        end_date=dt.date(2027, 12, 31),
        contract="fixed",
        situation={"benefit": "wajong", "doelgroepregister": True},
        instruments=[],
        as_of=dt.date(2026, 12, 1),
    )
    assert set(placement.deadlines.values_list("code", "due_date", "actor")) == {
        ("contract_aanzeggen", dt.date(2027, 11, 30), "werkgever"),
        ("contract_einde", dt.date(2027, 12, 31), "werkgever"),
    }


def test_resync_keeps_done_rows_and_updates_or_removes_open_ones(create_placement, adviser):
    placement = create_placement(
        worker_birth_date=dt.date(1990, 5, 1),
        start_date=dt.date(2027, 1, 1),
        end_date=dt.date(2027, 12, 31),
        contract="fixed",
        situation={"benefit": "wajong", "doelgroepregister": True},
        instruments=["lkv_banenafspraak"],
        as_of=dt.date(2026, 12, 1),
    )
    check = placement.deadlines.get(code="doelgroepregister_controleren")
    services.deadline_complete(deadline=check, by=adviser)
    old_end = placement.deadlines.get(code="contract_einde")
    amount_before = placement.deadlines.get(code="lkv_loonaangifte_aanvragen").amount_at_stake_cents

    services.placement_update(
        placement=placement,
        hours_per_week=Decimal(20),
        hourly_wage_cents=1450,
        end_date=dt.date(2028, 6, 30),
        by=adviser,
        as_of=dt.date(2026, 12, 1),
    )

    check.refresh_from_db()
    assert check.status == DeadlineStatus.DONE  # kept as it was
    assert placement.deadlines.filter(code="doelgroepregister_controleren").count() == 1
    assert not Deadline.objects.filter(pk=old_end.pk).exists()  # open and no longer produced
    assert placement.deadlines.get(code="contract_einde").due_date == dt.date(2028, 6, 30)
    after = placement.deadlines.get(code="lkv_loonaangifte_aanvragen").amount_at_stake_cents
    assert after != amount_before  # fewer hours: less at stake
    _outcome, expected = rules_actions(placement, as_of=dt.date(2026, 12, 1))
    open_now = set(
        placement.deadlines.filter(status=DeadlineStatus.OPEN).values_list("code", "due_date")
    )
    assert open_now == expected - {("doelgroepregister_controleren", check.due_date)}


def test_sync_gives_open_deadlines_to_the_current_contact_person(create_placement, make_user):
    placement = create_placement()
    new_contact = make_user(role="adviseur")
    employer = placement.employer
    employer.contact_person = new_contact
    employer.save()
    moved = services.placement_owners_sync(employer=employer)
    assert moved == placement.deadlines.count() + placement.aftersales_tasks.count()
    assert set(placement.deadlines.values_list("owner_id", flat=True)) == {new_contact.pk}


def test_missed_done_and_not_needed(create_placement, adviser):
    placement = create_placement()
    first = placement.deadlines.order_by("due_date").first()
    count = services.deadlines_mark_missed(today=first.due_date + dt.timedelta(days=1))
    assert count == placement.deadlines.filter(due_date__lte=first.due_date).count()
    first.refresh_from_db()
    assert first.status == DeadlineStatus.MISSED
    services.deadline_complete(deadline=first, by=adviser)  # recorded afterwards: late
    first.refresh_from_db()
    assert first.status == DeadlineStatus.DONE
    with pytest.raises(ValidationError):
        services.deadline_complete(deadline=first, by=adviser)
    other = placement.deadlines.filter(status=DeadlineStatus.OPEN).first()
    with pytest.raises(ValidationError) as caught:
        services.deadline_mark_not_needed(deadline=other, by=adviser, reason="  ")
    assert "waarom" in caught.value.message_dict["reason"][0]
    services.deadline_mark_not_needed(deadline=other, by=adviser, reason="Al geregeld door UWV")
    other.refresh_from_db()
    assert other.status == DeadlineStatus.NOT_NEEDED
    assert other.note == "Al geregeld door UWV"
    assert services.deadlines_mark_missed(today=dt.date(2000, 1, 1)) == 0


# --- After-sales -------------------------------------------------------------------------


def test_aftersales_plan_dates_and_checks(create_placement, adviser):
    placement = create_placement()
    tasks = {t.moment: t for t in placement.aftersales_tasks.all()}
    assert {m: t.due_date for m, t in tasks.items()} == {
        "2w": dt.date(2025, 9, 15),
        "6w": dt.date(2025, 10, 13),
        "3m": dt.date(2025, 12, 1),
        "6m": dt.date(2026, 3, 1),
        "9m": dt.date(2026, 6, 1),
        "12m": dt.date(2026, 9, 1),
    }
    assert {m for m, t in tasks.items() if t.is_sustainability_check} == {"6m", "12m"}
    assert {t.owner for t in tasks.values()} == {adviser}


def test_month_arithmetic_is_clamped_to_the_end_of_the_month(create_placement, settings):
    assert services.add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert services.add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert services.add_months(dt.date(2025, 8, 31), 6) == dt.date(2026, 2, 28)
    settings.WERKPUNT_AFTERSALES_MOMENTS = {"1m": ("months", 1), "10d": ("days", 10)}
    placement = create_placement(start_date=dt.date(2028, 1, 31), as_of=dt.date(2028, 1, 1))
    tasks = {t.moment: t.due_date for t in placement.aftersales_tasks.all()}
    assert tasks == {"1m": dt.date(2028, 2, 29), "10d": dt.date(2028, 2, 10)}


def test_a_sustainability_check_needs_an_answer(create_placement, adviser):
    placement = create_placement()
    check = placement.aftersales_tasks.get(moment="6m")
    with pytest.raises(ValidationError) as caught:
        services.aftersales_task_complete(task=check, by=adviser, notes="Gebeld", sustainability="")
    assert "Kies waar de werknemer nu werkt" in caught.value.message_dict["sustainability"][0]
    services.aftersales_task_complete(
        task=check, by=adviser, notes="Gaat goed", sustainability="here"
    )
    check.refresh_from_db()
    assert check.done_at is not None
    assert check.done_by == adviser
    assert check.sustainability == "here"
    with pytest.raises(ValidationError):
        services.aftersales_task_complete(task=check, by=adviser, notes="", sustainability="here")
    plain = placement.aftersales_tasks.get(moment="2w")
    services.aftersales_task_complete(task=plain, by=adviser, notes="", sustainability="here")
    plain.refresh_from_db()
    assert plain.sustainability == ""  # only check moments record it
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.CHANGE, object_type="placements.aftersalestask"
        ).count()
        == 2
    )


def test_ending_a_placement(create_placement, adviser):
    placement = create_placement(as_of=dt.date(2025, 6, 1))
    placement = services.placement_end(
        placement=placement, ended_on=dt.date(2025, 11, 15), by=adviser, as_of=dt.date(2025, 6, 1)
    )
    assert placement.status == PlacementStatus.ENDED
    moments = set(placement.aftersales_tasks.values_list("moment", flat=True))
    assert moments == {"2w", "6w", "6m", "12m"}  # 3m and 9m fell after the end, checks stay
    assert not placement.deadlines.filter(instrument="arbeidsovereenkomst").exists()
    assert not placement.deadlines.filter(due_date__year__gte=2027).exists()  # only 2025 worked
    check = placement.aftersales_tasks.get(moment="6m")
    with pytest.raises(ValidationError) as caught:
        services.aftersales_task_complete(task=check, by=adviser, notes="", sustainability="here")
    assert "gestopt" in caught.value.message_dict["sustainability"][0]
    services.aftersales_task_complete(task=check, by=adviser, notes="", sustainability="elsewhere")
    with pytest.raises(ValidationError):
        services.placement_end(placement=placement, ended_on=dt.date(2025, 12, 1), by=adviser)


def test_planned_placements_become_active_on_their_first_day(create_placement):
    placement = create_placement()
    assert services.placements_start_due(today=dt.date(2025, 8, 31)) == 0
    assert services.placements_start_due(today=dt.date(2025, 9, 1)) == 1
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.ACTIVE


# --- Helpers -----------------------------------------------------------------------------


def test_one_coordinator(create_placement, adviser, make_user):
    placement = create_placement()
    first = services.helper_add(
        placement=placement,
        role="jobcoach",
        name="Jan Coach",
        organisation_name="Coach & Co",
        phone="06 12345678",
        email="jan@coach.test",
        is_coordinator=True,
        by=adviser,
    )
    second = services.helper_add(
        placement=placement,
        role="klantmanager",
        name="Kim Klant",
        organisation_name="Gemeente Emmen",
        phone="",
        email="",
        is_coordinator=True,
        by=adviser,
    )
    first.refresh_from_db()
    assert not first.is_coordinator
    assert second.is_coordinator
    services.helper_set_coordinator(helper=first, by=adviser)
    second.refresh_from_db()
    assert [h.name for h in placement.helpers.filter(is_coordinator=True)] == ["Jan Coach"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Helper.objects.filter(pk=second.pk).update(is_coordinator=True)
    services.helper_remove(helper=first, by=adviser)
    assert not placement.helpers.filter(is_coordinator=True).exists()


def test_helper_checks_its_input_and_the_linked_account(create_placement, adviser, make_user):
    placement = create_placement()
    with pytest.raises(ValidationError) as caught:
        services.helper_add(
            placement=placement,
            role="lotto",
            name="",
            organisation_name="",
            phone="abc",
            email="geen-mail",
            by=adviser,
        )
    assert set(caught.value.message_dict) == {"role", "name", "phone", "email"}
    employer_user = make_user(role="werkgever")
    with pytest.raises(ValidationError) as caught:
        services.helper_add(
            placement=placement,
            role="jobcoach",
            name="X",
            organisation_name="",
            phone="",
            email="",
            user=employer_user,
            by=adviser,
        )
    assert "user" in caught.value.message_dict
    coach = make_user(role="jobcoach")
    services.helper_add(
        placement=placement,
        role="jobcoach",
        name="Coach",
        organisation_name="",
        phone="",
        email="",
        user=coach,
        by=adviser,
    )
    with pytest.raises(ValidationError):
        services.helper_add(
            placement=placement,
            role="jobcoach",
            name="Coach",
            organisation_name="",
            phone="",
            email="",
            user=coach,
            by=adviser,
        )


# --- Retention and erasure ---------------------------------------------------------------


def _ended_long_ago(create_placement, adviser, *, days_ago, today):
    placement = create_placement(as_of=dt.date(2025, 6, 1))
    services.helper_add(
        placement=placement,
        role="maatje",
        name="Piet Maatje",
        organisation_name="Kwekerij",
        phone="0591 123 456",
        email="piet@kwekerij.test",
        is_coordinator=True,
        by=adviser,
    )
    check = placement.aftersales_tasks.get(moment="6m")
    services.aftersales_task_complete(
        task=check, by=adviser, notes="Sanne heeft het naar haar zin", sustainability="here"
    )
    Placement.objects.filter(pk=placement.pk).update(
        status=PlacementStatus.ENDED, ended_on=today - dt.timedelta(days=days_ago)
    )
    return placement


def test_anonymisation_after_retention_keeps_counts_and_removes_personal_data(
    create_placement, adviser, settings
):
    from werkpunt.placements.selectors import deadline_kpis, sustainability_counts

    settings.WERKPUNT_RETENTION_DAYS = 730
    today = dt.date(2030, 1, 1)
    old = _ended_long_ago(create_placement, adviser, days_ago=731, today=today)
    recent = _ended_long_ago(create_placement, adviser, days_ago=100, today=today)
    running = create_placement(as_of=dt.date(2025, 6, 1))
    deadlines_before = Deadline.objects.count()
    kpis_before = deadline_kpis(since=dt.date(2025, 1, 1), until=dt.date(2031, 1, 1), today=today)
    checks_before = sustainability_counts(since=dt.date(2025, 1, 1), until=dt.date(2031, 1, 1))

    assert services.workers_anonymise_expired(today=today) == 1
    assert services.workers_anonymise_expired(today=today) == 0  # a second run does nothing

    old.refresh_from_db()
    worker = old.worker
    assert worker.display_name == services.ANONYMISED_NAME
    assert worker.birth_date is None
    assert worker.anonymised_at is not None
    assert worker.municipality == "emmen"  # kept for counts per municipality
    assert worker.consent_at is not None
    assert old.situation == {}
    helper = old.helpers.get()
    assert (helper.name, helper.phone, helper.email) == ("", "", "")
    assert helper.organisation_name == "Kwekerij"
    assert set(old.aftersales_tasks.values_list("notes", flat=True)) == {""}
    for other in (recent, running):
        other.refresh_from_db()
        assert other.worker.display_name == "Sanne B."
    assert Placement.objects.count() == 3
    assert Deadline.objects.count() == deadlines_before
    assert (
        deadline_kpis(since=dt.date(2025, 1, 1), until=dt.date(2031, 1, 1), today=today)
        == kpis_before
    )
    assert (
        sustainability_counts(since=dt.date(2025, 1, 1), until=dt.date(2031, 1, 1)) == checks_before
    )
    assert checks_before["6m"]["here"] == 2
    event = AuditEvent.objects.get(action=AuditAction.ANONYMISE)
    assert event.actor is None
    assert event.actor_label == "systeem"
    assert event.object_id == str(worker.pk)
    # Nothing can be computed again for the anonymised worker.
    assert services.deadlines_sync(placement=old, as_of=today) == services.SyncResult(0, 0, 0)


def test_a_contract_that_ran_out_also_counts_for_retention(create_placement, settings):
    settings.WERKPUNT_RETENTION_DAYS = 30
    create_placement(
        contract="fixed", end_date=dt.date(2025, 12, 31), instruments=[], as_of=dt.date(2025, 6, 1)
    )
    assert services.workers_anonymise_expired(today=dt.date(2026, 1, 30)) == 0
    assert services.workers_anonymise_expired(today=dt.date(2026, 1, 31)) == 1


def test_erasure_on_request(create_placement, adviser, make_user):
    placement = create_placement()
    lead = make_user(role="teamleider")
    with pytest.raises(ValidationError):
        services.worker_erase(worker=placement.worker, by=adviser, reason="verzoek")
    with pytest.raises(ValidationError) as caught:
        services.worker_erase(worker=placement.worker, by=lead, reason="")
    assert "reason" in caught.value.message_dict
    worker = services.worker_erase(worker=placement.worker, by=lead, reason="verzoek per mail")
    assert worker.display_name == services.ANONYMISED_NAME
    assert worker.birth_date is None
    assert worker.consent_withdrawn_at is not None
    placement.refresh_from_db()
    assert placement.situation == {}
    assert placement.deadlines.exists()
    event = AuditEvent.objects.get(action=AuditAction.ANONYMISE)
    assert event.actor == lead
    assert "verzoek per mail" in event.reason
    with pytest.raises(ValidationError):
        services.worker_erase(worker=worker, by=lead, reason="nog eens")
    with pytest.raises(ValidationError):
        services.placement_update(
            placement=placement,
            hours_per_week=Decimal(10),
            hourly_wage_cents=1500,
            end_date=None,
            by=adviser,
        )


# --- Selectors for the portal, "mijn werk" and the dashboard -------------------------------


def test_portal_and_my_work_selectors(create_placement, adviser, make_user, make_employer):
    from werkpunt.placements import selectors

    placement = create_placement()
    employer_user = make_user(role="werkgever")
    employer = placement.employer
    employer.organisation = employer_user.profile.organisation
    employer.save()
    stranger = make_user(role="werkgever")
    make_employer(organisation=stranger.profile.organisation)

    mine = list(selectors.portal_placements(user=employer_user))
    assert mine == [placement]
    actors = {d.actor for d in mine[0].employer_deadlines}
    assert actors <= {"werkgever", "werknemer"}
    assert "werknemer" in actors
    assert not list(selectors.portal_placements(user=stranger))
    assert not list(selectors.portal_placements(user=adviser))

    until = dt.date(2025, 12, 31)
    owned = selectors.deadlines_open_for(user=adviser, until=until)
    assert {d.due_date <= until for d in owned} == {True}
    assert owned.count() == placement.deadlines.filter(due_date__lte=until).count()
    assert selectors.deadlines_open_for(user=make_user(role="adviseur"), until=until).count() == 0
    assert {d.actor for d in selectors.deadlines_open_for(user=employer_user, until=until)} <= {
        "werkgever",
        "werknemer",
    }
    assert selectors.aftersales_open_for(user=adviser, until=dt.date(2025, 10, 31)).count() == 2
    coach = make_user(role="jobcoach")
    assert selectors.aftersales_open_for(user=coach, until=until).count() == 0
    services.helper_add(
        placement=placement,
        role="jobcoach",
        name="Coach",
        organisation_name="",
        phone="",
        email="",
        user=coach,
        by=adviser,
    )
    assert selectors.aftersales_open_for(user=coach, until=until).count() == 3


def test_deadline_kpis_and_sustainability_counts(create_placement, adviser, make_user):
    from werkpunt.placements import selectors

    placement = create_placement()
    deadlines = list(placement.deadlines.order_by("due_date"))
    on_time, late, missed, not_needed = deadlines[:4]
    services.deadline_complete(deadline=on_time, by=adviser)
    Deadline.objects.filter(pk=on_time.pk).update(
        done_at=timezone.make_aware(dt.datetime.combine(on_time.due_date, dt.time(23, 30)))
    )
    Deadline.objects.filter(pk=late.pk).update(
        status=DeadlineStatus.DONE,
        done_at=timezone.make_aware(
            dt.datetime.combine(late.due_date + dt.timedelta(days=3), dt.time(12))
        ),
    )
    Deadline.objects.filter(pk=missed.pk).update(status=DeadlineStatus.MISSED)
    services.deadline_mark_not_needed(deadline=not_needed, by=adviser, reason="niet van toepassing")
    today = deadlines[5].due_date + dt.timedelta(days=1)
    kpis = selectors.deadline_kpis(
        since=dt.date(2025, 1, 1), until=dt.date(2035, 1, 1), today=today
    )
    assert kpis.met == 1
    assert kpis.met_cents == (on_time.amount_at_stake_cents or 0)
    assert kpis.late == 1
    assert kpis.missed == 1
    assert kpis.missed_cents == (missed.amount_at_stake_cents or 0)
    assert kpis.not_needed == 1
    assert kpis.open_overdue == 2  # the 5th and 6th, not yet marked missed
    assert kpis.open_overdue_cents == sum(d.amount_at_stake_cents or 0 for d in deadlines[4:6])
    assert kpis.open_ahead == len(deadlines) - 6
    assert (
        selectors.deadline_kpis(
            since=dt.date(2025, 1, 1), until=dt.date(2035, 1, 1), owner_ids=[make_user().pk]
        )
        == selectors.DeadlineKpis()
    )
    per_owner = selectors.deadline_kpis_per_owner(
        since=dt.date(2025, 1, 1), until=dt.date(2035, 1, 1), today=today
    )
    assert per_owner == {adviser.pk: kpis}

    other = create_placement()
    services.aftersales_task_complete(
        task=placement.aftersales_tasks.get(moment="6m"),
        by=adviser,
        notes="",
        sustainability="here",
    )
    services.aftersales_task_complete(
        task=other.aftersales_tasks.get(moment="6m"), by=adviser, notes="", sustainability="none"
    )
    counts = selectors.sustainability_counts(since=dt.date(2026, 1, 1), until=dt.date(2026, 12, 31))
    assert counts == {
        "6m": {"here": 1, "elsewhere": 0, "none": 1, "open": 0},
        "12m": {"here": 0, "elsewhere": 0, "none": 0, "open": 2},
    }
    assert selectors.sustainability_counts(since=dt.date(2027, 1, 1), until=dt.date(2027, 12, 31))[
        "6m"
    ] == {"here": 0, "elsewhere": 0, "none": 0, "open": 0}
