"""The digest mail: what is in it, who gets it, and that it goes out exactly once."""

from __future__ import annotations

import datetime as dt
import smtplib
import threading
from email import message_from_bytes
from typing import Any

import pytest
from django.core import mail
from django.db import connection, transaction

from werkpunt.placements import reminders
from werkpunt.placements.models import DigestStatus, ReminderDigest
from werkpunt.placements.reminders import DigestOutcome, digest_items_for, digest_send

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _base_url(settings: Any) -> None:
    settings.WERKPUNT_BASE_URL = "https://werkpunt.example"


def _html(message: Any) -> str:
    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    return str(html)


# --- What is in the digest ------------------------------------------------------------------


def test_items_cover_deadlines_aftersales_and_requests_in_range(
    make_user, make_deadline, make_aftersales, make_request, at, today
):
    me = make_user(role="adviseur")
    other = make_user(role="adviseur")
    late = make_deadline(owner=me, due_date=today - 2 * DAY, title="Doelgroepverklaring aanvragen")
    week_end = make_deadline(owner=me, due_date=today + 7 * DAY, title="No-riskpolis loopt af")
    make_deadline(owner=me, due_date=today + 8 * DAY)  # too far ahead
    make_deadline(owner=me, due_date=today - DAY, status="done")  # done
    make_deadline(owner=other, due_date=today)  # someone else's
    moment = make_aftersales(owner=me, due_date=today + 3 * DAY, moment="6w")
    make_aftersales(owner=me, due_date=today, moment="3m", done_at=at(today, 8))  # done
    make_aftersales(owner=me, due_date=today + 8 * DAY, moment="12m")  # too far ahead
    call_tomorrow = make_request(owner=me, call_back_by=at(today + DAY, 16, 30))
    make_request(owner=me, call_back_by=at(today + 2 * DAY, 0, 0))  # after tomorrow
    make_request(owner=me, call_back_by=at(today, 9), answered_at=at(today, 8))  # answered
    make_request(owner=me, call_back_by=at(today, 9), status="done")  # finished
    make_request(owner=me, call_back_by=None)  # no deadline
    make_request(owner=other, call_back_by=at(today, 9))

    items = digest_items_for(user=me, today=today)

    assert [(i.kind, i.pk) for i in items.overdue] == [("deadline", late.pk)]
    assert [(i.kind, i.pk) for i in items.upcoming] == [
        ("request", call_tomorrow.pk),
        ("aftersales", moment.pk),
        ("deadline", week_end.pk),
    ]
    assert items.count == 4


def test_an_overdue_request_is_late(make_user, make_request, at, today):
    me = make_user(role="adviseur")
    yesterday = make_request(owner=me, call_back_by=at(today - DAY, 17))
    this_morning = make_request(owner=me, call_back_by=at(today, 9))

    items = digest_items_for(user=me, today=today)

    assert [i.pk for i in items.overdue] == [yesterday.pk]
    assert [i.pk for i in items.upcoming] == [this_morning.pk]
    assert items.upcoming[0].due_text.endswith("om 09:00")


def test_mail_text_groups_items_and_links_to_the_back_office(
    make_user, make_deadline, make_aftersales, make_request, make_placement, at, today
):
    me = make_user(role="adviseur", first_name="Sanne")
    placement = make_placement(employer_name="Bakkerij Jansen", job_title="Hulp in de bakkerij")
    make_deadline(
        owner=me,
        placement=placement,
        due_date=today - 3 * DAY,
        title="Doelgroepverklaring aanvragen",
        amount_at_stake_cents=600000,
    )
    make_aftersales(
        owner=me,
        placement=placement,
        due_date=today + 2 * DAY,
        moment="6m",
        is_sustainability_check=True,
    )
    request = make_request(owner=me, call_back_by=at(today + DAY, 12))

    assert digest_send(user_id=me.pk, for_date=today) is DigestOutcome.SENT

    (message,) = mail.outbox
    assert message.to == [me.email]
    assert message.subject == "Werkpunt: 3 dingen voor vandaag"
    body = message.body
    assert body.startswith("Beste Sanne,")
    late, week = body.index("TE LAAT (1)"), body.index("DEZE WEEK (2)")
    assert late < body.index("Termijn: Doelgroepverklaring aanvragen") < week
    assert "werknemer bij Bakkerij Jansen, Hulp in de bakkerij" in body
    assert "Gaat het mis, dan kost dat € 6.000,00." in body
    assert body.index("Terugbellen: Vraag over: Regelingen") > week
    assert "Installatiebedrijf Hofstede" in body
    assert "Nazorg: Contact en duurzaamheidscheck na 6 maanden" in body
    assert f"https://werkpunt.example/werk/plaatsingen/{placement.pk}/" in body
    assert f"https://werkpunt.example/werk/vragen/{request.pk}/" in body
    html = _html(message)
    assert '<html lang="nl">' in html
    assert f'<a href="https://werkpunt.example/werk/plaatsingen/{placement.pk}/">' in html
    assert "<h2>Te laat (1)</h2>" in html
    assert "<h2>Deze week (2)</h2>" in html


def test_mail_has_no_worker_name_or_situation(
    make_user, make_deadline, make_aftersales, private_words, today
):
    me = make_user(role="adviseur")
    make_deadline(owner=me, due_date=today)
    make_aftersales(owner=me, due_date=today)

    digest_send(user_id=me.pk, for_date=today)

    (message,) = mail.outbox
    whole = "\n".join([message.subject, message.body, _html(message)])
    for word in private_words:
        assert word not in whole
    # The requester's own name is not needed to know what to do either.
    assert "Henk" not in whole


def test_text_typed_by_employers_is_escaped_in_the_html(make_user, make_request, at, today):
    me = make_user(role="adviseur")
    make_request(owner=me, call_back_by=at(today, 15), organisation='<a href="x">Klik</a> & co')

    digest_send(user_id=me.pk, for_date=today)

    (message,) = mail.outbox
    assert "&lt;a href=&quot;x&quot;&gt;Klik&lt;/a&gt; &amp; co" in _html(message)
    assert '<a href="x">' not in _html(message)
    assert '<a href="x">Klik</a> & co' in message.body  # plain text stays as typed


def test_one_item_and_a_long_list(
    make_user, make_deadline, make_placement, today, django_assert_num_queries
):
    me = make_user(role="adviseur")
    make_deadline(owner=me, due_date=today)
    digest_send(user_id=me.pk, for_date=today)
    assert mail.outbox[0].subject == "Werkpunt: 1 ding voor vandaag"

    busy = make_user(role="adviseur")
    placement = make_placement()
    for n in range(reminders.MAX_ITEMS_PER_GROUP + 5):
        make_deadline(owner=busy, placement=placement, due_date=today - (n + 1) * DAY)
    # However long the list: two reads and one count per kind of work.
    with django_assert_num_queries(9):
        items = digest_items_for(user=busy, today=today)
    assert len(items.overdue) == reminders.MAX_ITEMS_PER_GROUP
    assert items.overdue_count == reminders.MAX_ITEMS_PER_GROUP + 5
    assert items.overdue[0].due == today - (reminders.MAX_ITEMS_PER_GROUP + 5) * DAY

    digest_send(user_id=busy.pk, for_date=today)
    message = mail.outbox[1]
    assert message.subject == f"Werkpunt: {reminders.MAX_ITEMS_PER_GROUP + 5} dingen voor vandaag"
    assert message.body.count("- Termijn:") == reminders.MAX_ITEMS_PER_GROUP
    assert "En nog 5 dingen. Die ziet u in Werkpunt." in message.body
    assert ReminderDigest.objects.get(user=busy).item_count == reminders.MAX_ITEMS_PER_GROUP + 5


def test_links_use_the_url_names_once_they_exist(make_user, make_deadline, monkeypatch, today):
    me = make_user(role="adviseur")
    deadline = make_deadline(owner=me, due_date=today)

    def fake_reverse(name: str, args: Any = ()) -> str:
        if name == "placements:detail":
            return f"/werk/p/{args[0]}"
        raise reminders.NoReverseMatch(name)

    monkeypatch.setattr(reminders, "reverse", fake_reverse)
    (item,) = digest_items_for(user=me, today=today).upcoming
    assert item.url == f"https://werkpunt.example/werk/p/{deadline.placement_id}"
    assert reminders.my_work_link() == "https://werkpunt.example/werk/"


# --- Who gets one -------------------------------------------------------------------------


def test_recipients_in_one_query(
    make_user, make_deadline, make_aftersales, make_request, at, today, django_assert_num_queries
):
    with_deadline = make_user(role="adviseur")
    make_deadline(owner=with_deadline, due_date=today)
    with_moment = make_user(role="jobcoach")
    make_aftersales(owner=with_moment, due_date=today + 7 * DAY)
    with_request = make_user(role="teamleider")
    make_request(owner=with_request, call_back_by=at(today + DAY, 23, 59))
    make_user(role="adviseur")  # nothing due
    far_ahead = make_user(role="adviseur")
    make_deadline(owner=far_ahead, due_date=today + 8 * DAY)
    inactive = make_user(role="adviseur", is_active=False)
    make_deadline(owner=inactive, due_date=today)
    no_mail = make_user(role="adviseur")
    no_mail.email = ""
    no_mail.save()
    make_deadline(owner=no_mail, due_date=today)
    employer_user = make_user(role="werkgever")
    make_deadline(owner=employer_user, due_date=today)
    already = make_user(role="adviseur")
    make_deadline(owner=already, due_date=today)
    ReminderDigest.objects.create(user=already, for_date=today, status=DigestStatus.SENT)
    pending = make_user(role="adviseur")
    make_deadline(owner=pending, due_date=today)
    ReminderDigest.objects.create(user=pending, for_date=today, status=DigestStatus.PENDING)

    with django_assert_num_queries(1):
        ids = reminders.digest_recipients(today=today)

    assert ids == sorted([with_deadline.pk, with_moment.pk, with_request.pk, pending.pk])


def test_the_daily_job_sends_each_person_one_mail_however_often_it_runs(
    make_user, make_deadline, make_aftersales, eager_tasks, today
):
    from werkpunt.placements.tasks import send_due_reminders

    people = [make_user(role="adviseur") for _ in range(3)]
    for person in people:
        make_deadline(owner=person, due_date=today - DAY)
        make_aftersales(owner=person, due_date=today + DAY)
    make_user(role="adviseur")  # nothing due: no mail

    assert send_due_reminders.delay().get() == 3
    assert send_due_reminders.delay().get() == 0
    assert send_due_reminders.delay(for_date=today.isoformat()).get() == 0

    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert all(m.subject == "Werkpunt: 2 dingen voor vandaag" for m in mail.outbox)
    assert set(ReminderDigest.objects.values_list("status", "attempts")) == {("sent", 1)}


def test_a_day_in_the_past_is_never_sent(make_user, make_deadline, eager_tasks, today):
    from werkpunt.placements.tasks import digests_for_date

    me = make_user(role="adviseur")
    make_deadline(owner=me, due_date=today - 5 * DAY)

    assert digest_send(user_id=me.pk, for_date=today - DAY) is DigestOutcome.STALE
    assert digests_for_date.delay(for_date=(today - DAY).isoformat()).get() == 0
    assert mail.outbox == []
    assert not ReminderDigest.objects.exists()


# --- Exactly once -----------------------------------------------------------------------------


def test_sending_twice_sends_one_mail(make_user, make_deadline, today):
    me = make_user(role="adviseur")
    make_deadline(owner=me, due_date=today)

    assert digest_send(user_id=me.pk, for_date=today) is DigestOutcome.SENT
    assert digest_send(user_id=me.pk, for_date=today) is DigestOutcome.ALREADY_DONE

    assert len(mail.outbox) == 1
    digest = ReminderDigest.objects.get(user=me, for_date=today)
    assert (digest.status, digest.attempts, digest.item_count) == ("sent", 1, 1)
    assert digest.sent_at is not None
    assert mail.outbox[0].extra_headers["Message-ID"] == digest.message_id
    assert digest.message_id == (f"<werkpunt-digest-{digest.pk}-{today:%Y%m%d}@werkpunt.example>")
    raw = message_from_bytes(mail.outbox[0].message().as_bytes())
    assert raw["Message-ID"] == digest.message_id
    assert raw["Auto-Submitted"] == "auto-generated"


def test_a_failed_send_stays_pending_and_the_retry_sends_once(
    make_user, make_deadline, monkeypatch, today
):
    me = make_user(role="adviseur")
    make_deadline(owner=me, due_date=today)
    real_send = reminders.EmailMultiAlternatives.send
    calls = {"n": 0}

    def flaky_send(self: Any, fail_silently: bool = False) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            raise smtplib.SMTPServerDisconnected("verbinding weg")
        return real_send(self, fail_silently=fail_silently)

    monkeypatch.setattr(reminders.EmailMultiAlternatives, "send", flaky_send)

    with pytest.raises(smtplib.SMTPServerDisconnected):
        digest_send(user_id=me.pk, for_date=today)
    digest = ReminderDigest.objects.get(user=me, for_date=today)
    assert (digest.status, digest.attempts, digest.sent_at) == ("pending", 1, None)
    first_id = digest.message_id
    assert mail.outbox == []

    assert digest_send(user_id=me.pk, for_date=today) is DigestOutcome.SENT
    assert digest_send(user_id=me.pk, for_date=today) is DigestOutcome.ALREADY_DONE
    assert len(mail.outbox) == 1
    digest.refresh_from_db()
    assert (digest.status, digest.attempts, digest.message_id) == ("sent", 2, first_id)


def test_the_send_digest_task_retries_a_failed_send(
    make_user, make_deadline, monkeypatch, eager_tasks, today
):
    from werkpunt.conf.celery import app
    from werkpunt.placements.tasks import send_digest

    me = make_user(role="adviseur")
    make_deadline(owner=me, due_date=today)
    real_send = reminders.EmailMultiAlternatives.send
    calls = {"n": 0}

    def flaky_send(self: Any, fail_silently: bool = False) -> int:
        calls["n"] += 1
        if calls["n"] < 3:
            raise ConnectionRefusedError("geen mailserver")
        return real_send(self, fail_silently=fail_silently)

    monkeypatch.setattr(reminders.EmailMultiAlternatives, "send", flaky_send)

    # Without propagation an eager task runs Celery's retries in-process, one after the other.
    app.conf.update(CELERY_TASK_EAGER_PROPAGATES=False)
    try:
        result = send_digest.delay(user_id=me.pk, for_date=today.isoformat())
    finally:
        app.conf.update(CELERY_TASK_EAGER_PROPAGATES=True)

    assert result.get() == "sent"

    assert len(mail.outbox) == 1
    digest = ReminderDigest.objects.get(user=me)
    assert (digest.status, digest.attempts) == ("sent", 3)


def test_a_crash_after_the_server_accepted_repeats_with_the_same_message_id(
    make_user, make_deadline, monkeypatch, today
):
    """The one window left (docs/reminders.md): the repeat is recognisable by its Message-ID."""
    me = make_user(role="adviseur")
    make_deadline(owner=me, due_date=today)
    real_save = ReminderDigest.save
    crashes = {"n": 0}

    def crash_on_mark(self: ReminderDigest, *args: Any, **kwargs: Any) -> None:
        if "sent_at" in (kwargs.get("update_fields") or ()) and crashes["n"] == 0:
            crashes["n"] += 1
            raise RuntimeError("worker weg")
        real_save(self, *args, **kwargs)

    monkeypatch.setattr(ReminderDigest, "save", crash_on_mark)

    with pytest.raises(RuntimeError):
        digest_send(user_id=me.pk, for_date=today)
    assert ReminderDigest.objects.get(user=me).status == "pending"
    digest_send(user_id=me.pk, for_date=today)

    assert len(mail.outbox) == 2
    ids = {m.extra_headers["Message-ID"] for m in mail.outbox}
    assert ids == {ReminderDigest.objects.get(user=me).message_id}


def test_nothing_due_any_more_means_no_mail(make_user, make_deadline, today):
    me = make_user(role="adviseur")
    deadline = make_deadline(owner=me, due_date=today)
    assert reminders.digest_recipients(today=today) == [me.pk]
    deadline.status = "done"
    deadline.save()

    assert digest_send(user_id=me.pk, for_date=today) is DigestOutcome.EMPTY
    assert digest_send(user_id=me.pk, for_date=today) is DigestOutcome.ALREADY_DONE
    assert mail.outbox == []
    assert ReminderDigest.objects.get(user=me).status == "empty"
    # A task for an account deleted since it was queued does nothing.
    assert digest_send(user_id=me.pk + 1000, for_date=today) is DigestOutcome.EMPTY
    assert ReminderDigest.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_digest_held_by_another_worker_is_left_to_it(make_user, make_deadline, today):
    """PostgreSQL: while one worker sends (row locked), another skips it instead of sending."""
    if not connection.features.has_select_for_update_skip_locked:
        pytest.skip("Rijvergrendeling (SKIP LOCKED) bestaat alleen op PostgreSQL")
    me = make_user(role="adviseur")
    make_deadline(owner=me, due_date=today)
    digest = ReminderDigest.objects.create(user=me, for_date=today)
    locked, release = threading.Event(), threading.Event()

    def other_worker() -> None:
        try:
            with transaction.atomic():
                ReminderDigest.objects.select_for_update().get(pk=digest.pk)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert locked.wait(10)
        assert digest_send(user_id=me.pk, for_date=today) is DigestOutcome.BUSY
        assert mail.outbox == []
    finally:
        release.set()
        thread.join(10)
    assert digest_send(user_id=me.pk, for_date=today) is DigestOutcome.SENT
    assert len(mail.outbox) == 1


def test_the_beat_runs_the_job_every_day_at_seven_in_amsterdam(settings):
    from werkpunt.conf.celery import app
    from werkpunt.placements import tasks

    entries = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == tasks.send_due_reminders.name
    ]
    assert len(entries) == 1
    schedule = entries[0]["schedule"]
    assert schedule.hour == {7}
    assert schedule.minute == {0}
    assert schedule.day_of_week == set(range(7))
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"
    assert tasks.send_due_reminders.name in app.tasks
