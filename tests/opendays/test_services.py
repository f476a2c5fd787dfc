"""The open-day services: planning, inviting the fitting candidates of all partners,
capacity under a lock, reminders exactly once, and the calendar file."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from werkpunt.opendays import selectors, services
from werkpunt.opendays.models import Invitation, InvitationStatus, OpenDay, OpenDayStatus

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(
        dt.datetime.combine(day, dt.time(hour, minute)), timezone.get_default_timezone()
    )


def errors_of(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return excinfo.value.message_dict


# --- Planning ------------------------------------------------------------------------------


def test_create_makes_the_day_with_its_slots_in_time_order(make_open_day, day):
    open_day = make_open_day(slots=[(at(day, 13), at(day, 14), 10), (at(day, 9), at(day, 10), 3)])
    assert open_day.status == OpenDayStatus.DRAFT
    slots = list(open_day.slots.order_by("pk"))
    assert [(timezone.localtime(s.starts_at).hour, s.capacity) for s in slots] == [(9, 3), (13, 10)]


@pytest.mark.parametrize("days_ahead", [0, -3])
def test_create_refuses_a_date_that_is_not_in_the_future(make_open_day, today, days_ahead):
    date = today + dt.timedelta(days=days_ahead)
    with pytest.raises(ValidationError) as excinfo:
        make_open_day(date=date)
    assert errors_of(excinfo)["date"] == ["Kies een datum na vandaag."]


def test_create_needs_at_least_one_slot(make_open_day):
    with pytest.raises(ValidationError) as excinfo:
        make_open_day(slots=[])
    assert "minstens één tijdvak" in errors_of(excinfo)["slots"][0]


@pytest.mark.parametrize(
    ("start", "end", "capacity", "expected"),
    [
        ((10, 0), (9, 0), 5, "Tijdvak 1: De eindtijd moet later zijn dan de begintijd."),
        ((10, 0), (10, 0), 5, "Tijdvak 1: De eindtijd moet later zijn dan de begintijd."),
        ((9, 0), (10, 0), 0, "Tijdvak 1: Het aantal plaatsen moet tussen 1 en 200 liggen."),
        ((9, 0), (10, 0), 201, "Tijdvak 1: Het aantal plaatsen moet tussen 1 en 200 liggen."),
    ],
)
def test_create_checks_each_slot(make_open_day, day, start, end, capacity, expected):
    slot = (at(day, *start), at(day, *end), capacity)
    with pytest.raises(ValidationError) as excinfo:
        make_open_day(slots=[slot])
    assert errors_of(excinfo)["slots"] == [expected]


def test_create_refuses_a_slot_on_another_date(make_open_day, day):
    other = day + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        make_open_day(slots=[(at(other, 9), at(other, 10), 5)])
    assert "op de dag van de open dag" in errors_of(excinfo)["slots"][0]


def test_a_second_upcoming_open_day_is_refused_until_the_first_is_cancelled(
    make_open_day, adviser, day
):
    first = make_open_day()
    later = day + dt.timedelta(days=7)
    slots = [(at(later, 9), at(later, 10), 5)]
    with pytest.raises(ValidationError) as excinfo:
        make_open_day(date=later, slots=slots)
    message = errors_of(excinfo)[NON_FIELD_ERRORS][0]
    assert "heeft al een open dag" in message
    assert OpenDay.objects.count() == 1

    services.open_day_cancel(open_day=first, by=adviser)
    second = make_open_day(date=later, slots=slots)
    assert second.pk != first.pk


def test_a_demand_of_another_employer_is_refused(make_open_day, make_demand):
    with pytest.raises(ValidationError) as excinfo:
        make_open_day(demand=make_demand())
    assert "andere werkgever" in errors_of(excinfo)["demand"][0]


# --- Inviting ------------------------------------------------------------------------------


def test_invite_takes_consenting_candidates_of_all_partners_within_travel_time(
    open_day, adviser, other_adviser, make_candidate
):
    own = make_candidate(adviser=adviser, consent=True)
    other_partner = make_candidate(adviser=other_adviser, consent=True)
    released = make_candidate(adviser=other_adviser, released=True)
    no_consent = make_candidate(adviser=adviser)
    too_far = make_candidate(adviser=adviser, consent=True, home_place="zuidwolde")
    inactive = make_candidate(adviser=adviser, consent=True, is_active=False)

    result = services.invite_fitting(open_day=open_day, by=adviser)

    invited = set(Invitation.objects.values_list("candidate_id", flat=True))
    assert invited == {own.pk, other_partner.pk, released.pk}
    assert {no_consent.pk, too_far.pk, inactive.pk}.isdisjoint(invited)
    assert result.invited == 3
    open_day.refresh_from_db()
    assert open_day.status == OpenDayStatus.PUBLISHED


def test_withdrawn_consent_is_never_invited(open_day, adviser, make_candidate):
    withdrawn = make_candidate(adviser=adviser, released=True, consent_withdrawn_at=timezone.now())
    services.invite_fitting(open_day=open_day, by=adviser)
    assert not Invitation.objects.filter(candidate=withdrawn).exists()
    assert mail.outbox == []


def test_inviting_twice_never_invites_or_mails_anyone_twice(open_day, adviser, make_candidate):
    make_candidate(adviser=adviser, consent=True)
    make_candidate(adviser=adviser, consent=True)
    first = services.invite_fitting(open_day=open_day, by=adviser)
    newcomer = make_candidate(adviser=adviser, consent=True)
    second = services.invite_fitting(open_day=open_day, by=adviser)

    assert (first.invited, second.invited) == (2, 1)
    assert Invitation.objects.count() == 3
    assert len(mail.outbox) == 3
    assert [m.to for m in mail.outbox].count([newcomer.email]) == 1


def test_each_invitation_mail_has_the_personal_link_the_slots_and_saying_no(
    open_day, adviser, make_candidate
):
    candidate = make_candidate(adviser=adviser, consent=True, display_name="Sanne B.")
    services.invite_fitting(open_day=open_day, by=adviser)

    invitation = Invitation.objects.get(candidate=candidate)
    assert invitation.invitation_sent_at is not None
    (message,) = mail.outbox
    assert message.to == [candidate.email]
    assert "Kwekerij De Linde" in message.subject
    assert f"/open-dag/{invitation.token}/" in message.body
    assert "Beste Sanne B.," in message.body
    assert "9:00 tot 10:00" in message.body
    assert "10:00 tot 11:00" in message.body
    assert "Kerkweg 4, Emmen" in message.body
    assert "Ik kan niet komen" in message.body
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_candidates_without_mail_are_listed_for_their_adviser_to_call(
    open_day, adviser, other_adviser, make_candidate
):
    silent = make_candidate(adviser=other_adviser, consent=True, email="", display_name="Piet K.")
    result = services.invite_fitting(open_day=open_day, by=adviser)

    assert [i.candidate_id for i in result.without_email] == [silent.pk]
    invitation = Invitation.objects.get(candidate=silent)
    assert invitation.invitation_sent_at is None
    (call_list,) = mail.outbox
    assert call_list.to == [other_adviser.email]
    assert silent.reference in call_list.body
    assert "Piet K." not in call_list.body


def test_with_a_demand_only_candidates_passing_the_hard_constraints_and_score_are_invited(
    make_open_day, employer, make_demand, adviser, make_candidate
):
    demand = make_demand(employer=employer, tasks=[("orderpicken-magazijn", 24)])
    open_day = make_open_day(demand=demand)
    fits = make_candidate(adviser=adviser, consent=True)
    too_few_hours = make_candidate(adviser=adviser, consent=True, hours_per_week=8)
    other_work = make_candidate(
        adviser=adviser, consent=True, tasks=["kassa"], skills=[], interests=["zorg"]
    )

    services.invite_fitting(open_day=open_day, by=adviser, min_score=0.5)

    invited = {i.candidate_id: i.score for i in Invitation.objects.all()}
    assert set(invited) == {fits.pk}
    assert invited[fits.pk] >= 0.5
    assert too_few_hours.pk not in invited
    assert other_work.pk not in invited


def test_the_limit_invites_the_best_fitting_first(
    make_open_day, employer, make_demand, adviser, make_candidate
):
    demand = make_demand(employer=employer, tasks=[("orderpicken-magazijn", 24)])
    open_day = make_open_day(demand=demand)
    weaker = make_candidate(adviser=adviser, consent=True, skills=[], motivation="")
    best = make_candidate(adviser=adviser, consent=True)
    result = services.invite_fitting(open_day=open_day, by=adviser, limit=1, min_score=0)
    assert result.invited == 1
    assert Invitation.objects.get().candidate == best
    assert not Invitation.objects.filter(candidate=weaker).exists()


def test_a_demand_without_tasks_gives_a_dutch_error(
    make_open_day, employer, make_demand, adviser, make_candidate
):
    open_day = make_open_day(demand=make_demand(employer=employer, tasks=[]))
    make_candidate(adviser=adviser, consent=True)
    with pytest.raises(ValidationError) as excinfo:
        services.invite_fitting(open_day=open_day, by=adviser)
    assert "nog geen taken" in errors_of(excinfo)["demand"][0]


def test_a_cancelled_day_invites_nobody(open_day, adviser, make_candidate):
    make_candidate(adviser=adviser, consent=True)
    services.open_day_cancel(open_day=open_day, by=adviser)
    with pytest.raises(ValidationError):
        services.invite_fitting(open_day=open_day, by=adviser)
    assert not Invitation.objects.exists()


# --- Registering ---------------------------------------------------------------------------


def test_a_full_slot_is_refused_and_moving_frees_a_place(open_day, slots, invite):
    early, late = slots  # 2 places at 9:00, 5 at 10:00
    first, second, third = (invite(open_day) for _ in range(3))
    services.register(invitation=first, slot=early)
    services.register(invitation=second, slot=early)

    with pytest.raises(ValidationError) as excinfo:
        services.register(invitation=third, slot=early)
    assert errors_of(excinfo)["slot"] == ["Deze tijd is vol. Kies een andere tijd."]
    third.refresh_from_db()
    assert third.status == InvitationStatus.INVITED

    services.register(invitation=first, slot=late)
    services.register(invitation=third, slot=early)
    counts = {c.slot.pk: c.registered for c in selectors.slot_counts(open_day=open_day)}
    assert counts == {early.pk: 2, late.pk: 1}


def test_registering_again_for_the_same_slot_changes_nothing(open_day, slots, invite):
    invitation = invite(open_day)
    first = services.register(invitation=invitation, slot=slots[0])
    again = services.register(invitation=invitation, slot=slots[0])
    assert again.registered_at == first.registered_at


def test_a_slot_of_another_open_day_is_refused(
    open_day, slots, invite, make_open_day, make_employer, day
):
    other_day = make_open_day(employer=make_employer())
    invitation = invite(open_day)
    with pytest.raises(ValidationError) as excinfo:
        services.register(invitation=invitation, slot=other_day.slots.first())
    assert "tijden van deze open dag" in errors_of(excinfo)["slot"][0]


def test_decline_frees_the_place_and_cancel_needs_a_registration(open_day, slots, invite):
    invitation = invite(open_day)
    services.register(invitation=invitation, slot=slots[0])
    declined = services.decline(invitation=invitation)
    assert (declined.status, declined.slot) == (InvitationStatus.DECLINED, None)
    assert selectors.slot_counts(open_day=open_day)[0].registered == 0
    with pytest.raises(ValidationError) as excinfo:
        services.cancel(invitation=invitation)
    assert "niet aangemeld" in errors_of(excinfo)[NON_FIELD_ERRORS][0]


def test_registration_by_an_adviser_mails_a_confirmation(open_day, slots, invite, adviser):
    invitation = invite(open_day)
    services.register(invitation=invitation, slot=slots[1], by=adviser)
    (message,) = mail.outbox
    assert "aangemeld" in message.subject
    assert "10:00 tot 11:00" in message.body


def test_slots_with_registrations_cannot_be_removed(open_day, slots, invite, adviser):
    services.register(invitation=invite(open_day), slot=slots[0])
    with pytest.raises(ValidationError) as excinfo:
        services.slot_remove(slot=slots[0], by=adviser)
    assert "al mensen aangemeld" in errors_of(excinfo)[NON_FIELD_ERRORS][0]
    services.slot_remove(slot=slots[1], by=adviser)
    with pytest.raises(ValidationError) as excinfo:
        services.slot_remove(slot=slots[0], by=adviser)
    assert "laatste tijdvak" in errors_of(excinfo)[NON_FIELD_ERRORS][0]


def test_cancelling_the_day_mails_everyone_registered(open_day, slots, invite, adviser):
    registered = invite(open_day)
    invite(open_day)  # invited, never registered: no mail
    services.register(invitation=registered, slot=slots[0])
    mailed = services.open_day_cancel(open_day=open_day, by=adviser)
    assert mailed == 1
    (message,) = mail.outbox
    assert message.to == [registered.candidate.email]
    assert "gaat niet door" in message.subject
    open_day.refresh_from_db()
    assert open_day.status == OpenDayStatus.CANCELLED
    with pytest.raises(ValidationError):
        services.register(invitation=registered, slot=slots[1])


# --- Reminders ------------------------------------------------------------------------------


@pytest.fixture
def tomorrow_day(make_open_day, make_employer, today):
    tomorrow = today + dt.timedelta(days=1)
    return make_open_day(
        employer=make_employer(name="Bakkerij Smit"),
        date=tomorrow,
        slots=[(at(tomorrow, 9), at(tomorrow, 10), 5)],
    )


def test_reminders_go_out_exactly_once_even_when_the_job_runs_twice(
    tomorrow_day, open_day, slots, invite, today
):
    reminded = invite(tomorrow_day)
    services.register(invitation=reminded, slot=tomorrow_day.slots.get())
    only_invited = invite(tomorrow_day)
    later = invite(open_day)  # in two weeks: not yet
    services.register(invitation=later, slot=slots[0])

    first = services.send_reminders(today=today)
    second = services.send_reminders(today=today)

    assert (first.sent, second.sent) == (1, 0)
    (message,) = mail.outbox
    assert message.to == [reminded.candidate.email]
    assert "Herinnering" in message.subject
    reminded.refresh_from_db()
    assert reminded.reminder_sent_at is not None
    only_invited.refresh_from_db()
    assert only_invited.reminder_sent_at is None
    (name, _content, mimetype) = message.attachments[0]
    assert name == "open-dag.ics"
    assert mimetype.startswith("text/calendar")


def test_a_failed_reminder_stays_unsent_and_the_next_run_sends_it(
    tomorrow_day, invite, today, monkeypatch
):
    invitation = invite(tomorrow_day)
    services.register(invitation=invitation, slot=tomorrow_day.slots.get())
    from django.core.mail import EmailMessage

    original = EmailMessage.send

    def broken(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("weg")

    monkeypatch.setattr(EmailMessage, "send", broken)
    run = services.send_reminders(today=today)
    assert (run.sent, run.failed) == (0, 1)
    invitation.refresh_from_db()
    assert invitation.reminder_sent_at is None

    monkeypatch.setattr(EmailMessage, "send", original)
    assert services.send_reminders(today=today).sent == 1
    assert len(mail.outbox) == 1


def test_no_reminder_for_a_cancelled_day(tomorrow_day, invite, today, adviser):
    invitation = invite(tomorrow_day)
    services.register(invitation=invitation, slot=tomorrow_day.slots.get())
    services.open_day_cancel(open_day=tomorrow_day, by=adviser)
    mail.outbox.clear()
    assert services.send_reminders(today=today).sent == 0
    assert mail.outbox == []


def test_the_daily_task_sends_the_reminders(tomorrow_day, invite, today):
    from werkpunt.opendays.tasks import send_reminders

    invitation = invite(tomorrow_day)
    services.register(invitation=invitation, slot=tomorrow_day.slots.get())
    assert send_reminders(for_date=today.isoformat()) == 1
    assert send_reminders(for_date=today.isoformat()) == 0


# --- The calendar file -----------------------------------------------------------------------


def test_the_ics_has_the_slot_in_amsterdam_time_and_no_personal_data(open_day, slots, invite, day):
    invitation = invite(open_day, display_name="Jozefien V.", phone="0612345678")
    services.register(invitation=invitation, slot=slots[1])
    invitation.refresh_from_db()
    ics = selectors.ics_for_invitation(invitation=invitation).decode()

    assert f"DTSTART;TZID=Europe/Amsterdam:{day:%Y%m%d}T100000" in ics
    assert f"DTEND;TZID=Europe/Amsterdam:{day:%Y%m%d}T110000" in ics
    assert "BEGIN:VTIMEZONE" in ics
    assert "SUMMARY:Open dag bij Kwekerij De Linde" in ics
    assert "Kerkweg 4" in ics
    for secret in ("Jozefien", invitation.candidate.email, "0612345678", invitation.token):
        assert secret not in ics
    uid = next(line for line in ics.splitlines() if line.startswith("UID:"))

    services.register(invitation=invitation, slot=slots[0])
    invitation.refresh_from_db()
    moved = selectors.ics_for_invitation(invitation=invitation).decode()
    assert uid in moved.splitlines()
    assert f"DTSTART;TZID=Europe/Amsterdam:{day:%Y%m%d}T090000" in moved
