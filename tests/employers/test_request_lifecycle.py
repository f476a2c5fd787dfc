"""Requests in the back office: deadline, owner, employer link, answer, escalation, KPIs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from werkpunt.accounts.models import AuditEvent, Organisation, OrganisationKind
from werkpunt.employers import selectors, services, tasks
from werkpunt.employers.models import ContactKind, ContactLogEntry, Request, Source, Status
from werkpunt.employers.workdays import AMSTERDAM, callback_deadline

pytestmark = pytest.mark.django_db


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


FORM_FIELDS = {
    "name": "Fatma Yilmaz",
    "organisation": "Installatiebedrijf Noord",
    "email": "fatma@noord.test",
    "topic": "recruitment",
    "message": "Wij zoeken een monteur. Kunnen jullie helpen?",
    "preferred_contact": "email",
    "consent": True,
}


# --- A new request ----------------------------------------------------------------------------


def test_a_request_from_the_site_gets_a_deadline_and_goes_to_the_intake():
    request = services.request_create(**FORM_FIELDS)

    assert request.call_back_by == callback_deadline(received_at=request.created_at)
    assert request.call_back_by.astimezone(AMSTERDAM).hour == 17
    assert request.owner is None
    assert request.employer is None
    assert request.status == Status.NEW


def test_no_employer_is_guessed_from_the_name_or_the_mail_domain(make_employer):
    make_employer(name="Installatiebedrijf Noord")
    request = services.request_create(**FORM_FIELDS)
    assert request.employer is None


def test_register_from_the_employer_page_gives_it_to_the_contact_person(
    make_employer, make_user, django_capture_on_commit_callbacks
):
    employer = make_employer(name="Bakkerij Bol", municipality="coevorden")
    adviser = make_user(role="adviseur")

    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_register(
            employer=employer,
            source=Source.PHONE,
            message="Kan ik een leerwerkplek aanbieden?",
            topic="recruitment",
            name="Piet Bol",
            phone="0524 123 456",
            registered_by=adviser,
        )

    request.refresh_from_db()
    assert request.employer == employer
    assert request.owner == employer.contact_person
    assert request.status == Status.IN_PROGRESS
    assert request.organisation == "Bakkerij Bol"
    assert request.municipality == "coevorden"
    assert request.consent is True
    assert request.source == Source.PHONE
    assert request.preferred_contact == "phone"
    assert request.email == ""
    assert request.registered_by == adviser
    assert request.call_back_by is not None
    assert mail.outbox == [], "an adviser typed it in: no mails"
    event = AuditEvent.objects.get(object_type="employers.request", object_id=str(request.pk))
    assert (event.action, event.actor) == ("create", adviser)


def test_register_without_employer_goes_to_the_intake(make_user):
    request = services.request_register(
        employer=None,
        source=Source.EMAIL,
        message="Vraag over de no-riskpolis.",
        topic="schemes",
        name="Anna",
        email="anna@zorg.test",
        organisation="Zorg Zuid",
        registered_by=make_user(role="adviseur"),
    )
    assert request.owner is None
    assert request.status == Status.NEW
    assert request.preferred_contact == "email"


def test_register_needs_a_way_back_and_an_organisation(make_user):
    adviser = make_user(role="adviseur")
    common = {"source": Source.PHONE, "message": "Vraag", "topic": "other", "name": "Anna"}
    with pytest.raises(ValidationError) as no_contact:
        services.request_register(
            employer=None, organisation="Zorg Zuid", registered_by=adviser, **common
        )
    assert "email" in no_contact.value.message_dict
    with pytest.raises(ValidationError) as no_organisation:
        services.request_register(
            employer=None, phone="0591 123 456", registered_by=adviser, **common
        )
    assert "organisation" in no_organisation.value.message_dict
    with pytest.raises(ValidationError):
        services.request_register(
            employer=None, organisation="X", phone="0591 1", registered_by=adviser, **common
        )
    with pytest.raises(ValidationError):
        services.request_register(
            employer=None,
            organisation="X",
            phone="0591 123 456",
            registered_by=adviser,
            **{**common, "source": Source.WEBSITE},
        )
    assert not Request.objects.exists()


def test_resending_mails_skips_requests_typed_in_by_advisers(make_user):
    services.request_register(
        employer=None,
        source=Source.PHONE,
        message="Vraag",
        topic="other",
        name="Anna",
        phone="0591 123 456",
        organisation="Zorg Zuid",
        registered_by=make_user(role="adviseur"),
    )
    assert services.request_send_pending_mails() == 0
    assert mail.outbox == []


# --- Owner, employer, answer -----------------------------------------------------------------


def test_take_and_assign(make_request, make_user):
    request = make_request()
    adviser = make_user(role="adviseur")
    lead = make_user(role="teamleider")

    services.request_assign(request=request, owner=adviser, by=adviser)
    request.refresh_from_db()
    assert (request.owner, request.status) == (adviser, Status.IN_PROGRESS)

    services.request_assign(request=request, owner=lead, by=adviser)
    request.refresh_from_db()
    assert request.owner == lead


@pytest.mark.parametrize("role", ["jobcoach", "bestuur", "redacteur", "werkgever"])
def test_only_advisers_and_teamleiders_can_own_a_request(make_request, make_user, role):
    request = make_request()
    with pytest.raises(ValidationError):
        services.request_assign(request=request, owner=make_user(role=role), by=make_user())
    request.refresh_from_db()
    assert request.owner is None


def test_an_inactive_adviser_cannot_own_a_request(make_request, make_user):
    with pytest.raises(ValidationError):
        services.request_assign(
            request=make_request(),
            owner=make_user(role="adviseur", is_active=False),
            by=make_user(),
        )


def test_link_gives_an_unowned_request_to_the_contact_person(
    make_request, make_employer, make_user
):
    employer = make_employer()
    request = make_request()
    services.request_link_employer(request=request, employer=employer, by=make_user())
    request.refresh_from_db()
    assert request.employer == employer
    assert request.owner == employer.contact_person
    assert request.status == Status.IN_PROGRESS


def test_link_keeps_an_owner(make_request, make_employer, make_user):
    owner = make_user(role="adviseur")
    request = make_request(owner=owner, status=Status.IN_PROGRESS)
    services.request_link_employer(request=request, employer=make_employer(), by=owner)
    request.refresh_from_db()
    assert request.owner == owner


def test_answer_closes_the_request_once_and_logs_the_contact(
    make_request, make_employer, make_user
):
    employer = make_employer()
    adviser = make_user(role="adviseur")
    request = make_request(employer=employer, preferred_contact="phone")

    services.request_answer(request=request, answer="  Gebeld: LKS kan.  ", by=adviser)
    request.refresh_from_db()
    first_answered_at = request.answered_at
    assert request.status == Status.DONE
    assert request.answer == "Gebeld: LKS kan."
    assert first_answered_at is not None
    assert request.owner == adviser, "an unowned request gets the one who answered"
    entry = ContactLogEntry.objects.get(employer=employer)
    assert entry.kind == ContactKind.PHONE
    assert f"Vraag {request.pk} beantwoord" in entry.summary
    assert entry.by == adviser

    services.request_answer(request=request, answer="Aangevuld: ook jobcoach.", by=adviser)
    request.refresh_from_db()
    assert request.answered_at == first_answered_at, "the response time ends at the first answer"
    assert request.answer == "Aangevuld: ook jobcoach."
    assert ContactLogEntry.objects.filter(employer=employer).count() == 1
    assert AuditEvent.objects.filter(object_id=str(request.pk), action="change").count() == 2


def test_an_empty_answer_is_refused(make_request, make_user):
    request = make_request()
    with pytest.raises(ValidationError) as error:
        services.request_answer(request=request, answer="   ", by=make_user())
    assert "answer" in error.value.message_dict
    request.refresh_from_db()
    assert (request.status, request.answered_at) == (Status.NEW, None)


# --- Selectors ---------------------------------------------------------------------------------


def test_open_requests_of_a_user(make_request, make_user):
    adviser = make_user(role="adviseur")
    later = make_request(owner=adviser, status=Status.IN_PROGRESS, call_back_by=at(2026, 12, 3, 17))
    sooner = make_request(owner=adviser, status=Status.NEW, call_back_by=at(2026, 12, 2, 17))
    make_request(owner=adviser, status=Status.DONE)
    make_request(owner=make_user(role="adviseur"))
    make_request()

    assert list(selectors.requests_open_for(user=adviser)) == [sooner, later]
    assert not selectors.requests_open_for(user=make_user(role="jobcoach")).exists()


def test_overdue_requests(make_request, make_user):
    now = at(2026, 12, 2, 12)
    adviser = make_user(role="adviseur")
    other = make_user(role="adviseur")
    late_mine = make_request(owner=adviser, call_back_by=at(2026, 12, 1, 17))
    late_unowned = make_request(call_back_by=at(2026, 11, 30, 17))
    make_request(owner=adviser, call_back_by=at(2026, 12, 2, 17))  # not yet
    make_request(owner=adviser, call_back_by=at(2026, 12, 1, 17), status=Status.DONE)
    late_other = make_request(owner=other, call_back_by=at(2026, 12, 1, 9))

    assert list(selectors.requests_overdue(now=now)) == [late_unowned, late_other, late_mine]
    assert list(selectors.requests_overdue(now=now, owner_ids=[adviser.pk])) == [late_mine]
    assert list(selectors.requests_overdue(now=now, owner_ids=[])) == []


def test_request_tabs(make_request, make_user):
    now = at(2026, 12, 2, 12)
    adviser = make_user(role="adviseur")
    mine = make_request(owner=adviser, status=Status.IN_PROGRESS, call_back_by=at(2026, 12, 3, 17))
    intake_late = make_request(call_back_by=at(2026, 12, 1, 17))
    done = make_request(owner=adviser, status=Status.DONE, answered_at=now)

    def tab(name):
        return list(selectors.request_queue(user=adviser, tab=name, now=now))

    assert tab("mine") == [mine]
    assert tab("intake") == [intake_late]
    assert tab("overdue") == [intake_late]
    assert tab("open") == [intake_late, mine]
    assert tab("done") == [done]
    with pytest.raises(ValueError, match="tabblad"):
        tab("alles")
    assert list(selectors.request_queue(user=make_user(role="bestuur"), tab="open", now=now)) == []


def test_employer_users_see_only_their_own_requests(make_request, make_employer, make_user):
    own = make_employer()
    own.organisation = Organisation.objects.create(
        name="Eigen", slug="eigen", kind=OrganisationKind.EMPLOYER
    )
    own.save()
    mine = make_request(employer=own)
    make_request(employer=make_employer())
    make_request()
    employer_user = make_user(role="werkgever", organisation=own.organisation)

    assert list(selectors.requests_for_employer_user(user=employer_user)) == [mine]
    assert list(selectors.requests_visible_to(user=employer_user)) == [mine]
    assert not selectors.requests_for_employer_user(user=make_user(role="adviseur")).exists()
    assert not selectors.requests_visible_to(user=make_user(role="jobcoach")).exists()


# --- Escalation --------------------------------------------------------------------------------


@pytest.fixture
def teams(make_user, partner):
    """An adviser and a teamleider in Emmen, a teamleider at UWV."""
    uwv = partner("uwv")
    return {
        "adviser": make_user(role="adviseur"),
        "lead_emmen": make_user(role="teamleider"),
        "lead_uwv": make_user(role="teamleider", organisation=uwv),
    }


def _escalate(now, capture):
    with capture(execute=True):
        return services.request_escalate_overdue(now=now)


def test_an_overdue_request_is_escalated_once_to_the_owners_teamleiders(
    teams, make_request, django_capture_on_commit_callbacks
):
    now = at(2026, 12, 2, 12)
    request = make_request(owner=teams["adviser"], call_back_by=at(2026, 12, 1, 17))

    assert _escalate(now, django_capture_on_commit_callbacks) == 1
    assert _escalate(now + dt.timedelta(minutes=15), django_capture_on_commit_callbacks) == 0

    request.refresh_from_db()
    assert request.escalated_at == now
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [teams["lead_emmen"].email]
    assert f"vraag {request.pk}" in message.subject
    assert f"/werk/vragen/{request.pk}/" in message.body
    # Only what the teamleider needs: not the question, not the person's contact data.
    assert request.message not in message.body
    assert request.email not in message.body
    assert request.phone not in message.body


def test_an_unowned_request_goes_to_all_teamleiders(
    teams, make_request, django_capture_on_commit_callbacks
):
    make_request(call_back_by=at(2026, 12, 1, 17))
    assert _escalate(at(2026, 12, 2, 12), django_capture_on_commit_callbacks) == 1
    assert sorted(mail.outbox[0].to) == sorted([teams["lead_emmen"].email, teams["lead_uwv"].email])


def test_without_teamleiders_the_wsp_inbox_is_told(
    make_request, make_user, django_capture_on_commit_callbacks
):
    make_request(owner=make_user(role="adviseur"), call_back_by=at(2026, 12, 1, 17))
    _escalate(at(2026, 12, 2, 12), django_capture_on_commit_callbacks)
    assert mail.outbox[0].to == ["wsp@werkpunt.test"]


def test_requests_not_yet_late_or_done_are_not_escalated(
    teams, make_request, django_capture_on_commit_callbacks
):
    now = at(2026, 12, 2, 12)
    make_request(call_back_by=at(2026, 12, 2, 17))
    make_request(call_back_by=at(2026, 12, 1, 17), status=Status.DONE)
    make_request(call_back_by=None)
    make_request(call_back_by=at(2026, 12, 1, 17), escalated_at=at(2026, 12, 1, 18))
    assert _escalate(now, django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_a_failed_mail_is_tried_again_next_run(
    teams, make_request, django_capture_on_commit_callbacks, monkeypatch
):
    request = make_request(call_back_by=at(2026, 12, 1, 17))

    def broken(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr(services.mails, "send_escalation_mail", broken)
    assert _escalate(at(2026, 12, 2, 12), django_capture_on_commit_callbacks) == 1
    request.refresh_from_db()
    assert request.escalated_at is None, "claim undone, so the next run tries again"

    monkeypatch.undo()
    assert _escalate(at(2026, 12, 2, 12, 15), django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 1


def test_the_celery_task_escalates(teams, make_request, django_capture_on_commit_callbacks):
    request = make_request(call_back_by=dt.datetime(2020, 1, 2, 16, 0, tzinfo=dt.UTC))
    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.escalate_overdue_requests.apply()
    assert result.get() == 1
    request.refresh_from_db()
    assert request.escalated_at is not None
    assert len(mail.outbox) == 1


# --- Response time and KPIs -------------------------------------------------------------------


@pytest.fixture
def kpi_set(make_request, make_user):
    """Requests of the week of Monday 2 to Friday 6 November 2026, computed by hand.

    Answered in: r1 2.0 h (on time), r2 30.0 h (on time), r3 48.0 h (late), r5 0.5 h (on
    time, owner B), r8 10.0 h (on time, came in at 00:30 on Monday: inside the week),
    r9 1.0 h (no deadline: before step 3). Open: r4 (late), and outside the week r6 (late)
    and r7 (not late yet).
    """
    a = make_user(role="adviseur")
    b = make_user(role="adviseur")
    done = Status.DONE

    def req(owner, created, deadline, answered=None, status=Status.IN_PROGRESS):
        return make_request(
            owner=owner,
            created_at=created,
            call_back_by=deadline,
            answered_at=answered,
            status=done if answered else status,
        )

    req(a, at(2026, 11, 2, 9), at(2026, 11, 3, 17), at(2026, 11, 2, 11))  # r1
    req(a, at(2026, 11, 3, 10), at(2026, 11, 4, 17), at(2026, 11, 4, 16))  # r2
    req(a, at(2026, 11, 4, 12), at(2026, 11, 5, 17), at(2026, 11, 6, 12))  # r3
    req(a, at(2026, 11, 5, 8), at(2026, 11, 6, 17))  # r4
    req(b, at(2026, 11, 6, 9), at(2026, 11, 9, 17), at(2026, 11, 6, 9, 30))  # r5
    req(a, at(2026, 11, 1, 9), at(2026, 11, 2, 17))  # r6
    req(a, at(2026, 11, 9, 9), at(2026, 11, 10, 17))  # r7
    req(a, at(2026, 11, 2, 0, 30), at(2026, 11, 3, 17), at(2026, 11, 2, 10, 30))  # r8
    req(None, at(2026, 11, 3, 12), None, at(2026, 11, 3, 13))  # r9
    return {"a": a, "b": b, "now": at(2026, 11, 10, 12)}


def _kpis(kpi_set, owner_ids=None):
    return selectors.request_kpis(
        since=dt.date(2026, 11, 2),
        until=dt.date(2026, 11, 6),
        owner_ids=owner_ids,
        now=kpi_set["now"],
    )


def test_kpis_of_everyone(kpi_set):
    assert _kpis(kpi_set) == {
        "count": 7,
        "answered": 6,
        # 0.5, 1, 2, 10, 30, 48: the middle two are 2 and 10.
        "median_hours": Decimal("6.0"),
        # On time r1 r2 r5 r8; decided: those, r3 (late) and r4 (open past its deadline).
        "on_time_share": Decimal("0.667"),
        # r4 and r6 (received before the week: overdue is a figure of today).
        "overdue_open": 2,
    }


def test_kpis_of_one_owner(kpi_set):
    assert _kpis(kpi_set, owner_ids=[kpi_set["a"].pk]) == {
        "count": 5,
        "answered": 4,
        "median_hours": Decimal("20.0"),  # 2, 10, 30, 48
        "on_time_share": Decimal("0.600"),  # 3 of 5
        "overdue_open": 2,
    }
    assert _kpis(kpi_set, owner_ids=[kpi_set["b"].pk]) == {
        "count": 1,
        "answered": 1,
        "median_hours": Decimal("0.5"),
        "on_time_share": Decimal("1.000"),
        "overdue_open": 0,
    }


def test_kpis_of_an_empty_period(kpi_set):
    kpis = selectors.request_kpis(
        since=dt.date(2025, 1, 1), until=dt.date(2025, 1, 31), now=kpi_set["now"]
    )
    assert kpis == {
        "count": 0,
        "answered": 0,
        "median_hours": None,
        "on_time_share": None,
        "overdue_open": 2,
    }


def test_response_times(kpi_set):
    times = selectors.request_response_times(since=dt.date(2026, 11, 2), until=dt.date(2026, 11, 2))
    assert [(t.hours, t.on_time) for t in times] == [
        (Decimal("10.0"), True),  # r8 at 00:30
        (Decimal("2.0"), True),  # r1 at 09:00
    ]
    late = selectors.request_response_times(since=dt.date(2026, 11, 4), until=dt.date(2026, 11, 4))
    assert [(t.hours, t.on_time) for t in late] == [(Decimal("48.0"), False)]
    none = selectors.request_response_times(since=dt.date(2026, 11, 3), until=dt.date(2026, 11, 3))
    assert [t.on_time for t in none] == [True, None]


def test_the_wsp_mail_names_the_deadline_and_links_to_the_back_office(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_create(**FORM_FIELDS)
    body = mail.outbox[0].body
    deadline = request.call_back_by.astimezone(AMSTERDAM)
    assert f"Terugbellen vóór: {deadline.day} " in body
    assert f"{deadline.year}, 17:00" in body
    assert f"https://werkpunt.test/werk/vragen/{request.pk}/" in body
