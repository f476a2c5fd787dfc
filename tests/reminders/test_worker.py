"""Exactly once with real parts: a Celery worker process on Redis, PostgreSQL, an SMTP server.

The worker is a separate process (``celery -A werkpunt.conf.celery worker``) that uses
the same test database as this test, so the test data is committed
(``transaction=True``). The SMTP server is aiosmtpd in a thread of this process; it
keeps every message it accepts.

The story (docs/reminders.md, "The proof"):

1. the job runs for day 1: three people with something due get one mail each;
2. the job runs again for day 1: no new mail;
3. the job runs for day 2 and the worker is killed (SIGKILL) while it sends the
   second person's mail, before the server accepted it; a new worker starts, the job
   runs a third time, and a late delivery of the killed task comes in as well;
4. every person got exactly one mail per day, with the Message-ID of that day's digest.

Needs PostgreSQL (``DATABASE_URL``) and Redis (``WERKPUNT_TEST_REDIS_URL``, default
``redis://127.0.0.1:6379/7``; only that database is flushed). Without them the test is
skipped, except under ``CI=true``: then it fails.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.db import connection

from werkpunt.placements.models import DigestStatus, ReminderDigest

pytestmark = pytest.mark.django_db(transaction=True)

REDIS_URL = os.environ.get("WERKPUNT_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
#: The default Celery queue (a list in Redis) and kombu's hash of delivered, unacknowledged tasks.
QUEUE_KEY = "celery"
UNACKED_KEY = "unacked"
DAY = dt.timedelta(days=1)


def _missing(reason: str) -> None:
    """Skip on a developer's machine; fail under CI, so CI cannot go green without the test."""
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason} (CI=true: deze test mag niet worden overgeslagen)", pytrace=False)
    pytest.skip(reason)


def _wait_for(what: str, condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Poll ``condition`` until it holds; fail with ``what`` after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(f"na {timeout:.0f} seconden nog niet: {what}")


# --- The real parts -------------------------------------------------------------------------


@pytest.fixture
def redis_db() -> Iterator[Any]:
    if connection.vendor != "postgresql":
        _missing(
            "Deze test heeft PostgreSQL nodig: de worker is een apart proces en ziet de "
            "SQLite-testdatabase in het geheugen niet. Zet DATABASE_URL=postgres://..."
        )
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        _missing(f"Redis is niet bereikbaar op {REDIS_URL}: {error}")
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


class Mailbox:
    """An aiosmtpd handler that keeps what it accepts, and can hold one message back."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.accepted: list[tuple[tuple[str, ...], Message]] = []
        #: Hold back the first message to this address (and refuse it once released).
        self.hold_for = ""
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        recipients = tuple(envelope.rcpt_tos)
        if self.hold_for in recipients and not self.holding.is_set():
            self.holding.set()
            # Keep the client waiting for the reply, without blocking the server's loop.
            for _ in range(600):
                if self.release.is_set():
                    break
                await asyncio.sleep(0.05)
            return "451 4.3.0 Niet aangenomen, probeer het later opnieuw"
        with self.lock:
            self.accepted.append((recipients, message_from_bytes(envelope.content)))
        return "250 2.0.0 Aangenomen"

    def count(self) -> int:
        with self.lock:
            return len(self.accepted)

    def messages(self) -> list[tuple[tuple[str, ...], Message]]:
        with self.lock:
            return list(self.accepted)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[Mailbox, int]]:
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    port = _free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox, port
    finally:
        mailbox.release.set()
        controller.stop()


def _database_url() -> str:
    settings = connection.settings_dict
    user = quote(settings.get("USER") or "", safe="")
    password = quote(settings.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host = settings.get("HOST") or "localhost"
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{settings['NAME']}"


class Workers:
    """Starts real Celery worker processes and makes sure none outlives the test."""

    def __init__(self, tmp_path: Path, smtp_port: int) -> None:
        self.tmp_path = tmp_path
        self.processes: list[tuple[subprocess.Popen[bytes], Path]] = []
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("WERKPUNT_EMAIL_", "WERKPUNT_CELERY_"))
        }
        self.env.update(
            {
                "DJANGO_SETTINGS_MODULE": "werkpunt.conf.settings",
                "DATABASE_URL": _database_url(),
                "WERKPUNT_DB_CONN_MAX_AGE": "0",
                "WERKPUNT_REDIS_URL": REDIS_URL,
                "WERKPUNT_TASKS_EAGER": "false",
                "WERKPUNT_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "WERKPUNT_EMAIL_HOST": "127.0.0.1",
                "WERKPUNT_EMAIL_PORT": str(smtp_port),
                "WERKPUNT_EMAIL_TIMEOUT": "20",
                "WERKPUNT_BASE_URL": "https://werkpunt.example",
                "WERKPUNT_VAR_DIR": str(tmp_path / "var"),
                "PYTHONUNBUFFERED": "1",
            }
        )

    def start(self, name: str) -> subprocess.Popen[bytes]:
        log = self.tmp_path / f"{name}.log"
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "werkpunt.conf.celery",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            f"--hostname={name}@%h",
        ]
        with log.open("wb") as output:
            process = subprocess.Popen(
                command,
                cwd=self.tmp_path,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes.append((process, log))

        def ready() -> bool:
            if process.poll() is not None:
                pytest.fail(f"worker {name} stopte meteen:\n{log.read_text()[-3000:]}")
            return b" ready." in log.read_bytes()

        _wait_for(f"worker {name} klaar om te werken", ready, timeout=45)
        return process

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)

    def stop_all(self) -> None:
        for process, _ in self.processes:
            if process.poll() is None:
                process.terminate()
        for process, _ in self.processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)

    def logs(self) -> str:
        return "\n".join(f"--- {log.name}\n{log.read_text()[-4000:]}" for _, log in self.processes)


@pytest.fixture
def workers(tmp_path: Path, smtp_server: tuple[Mailbox, int]) -> Iterator[Workers]:
    pool = Workers(tmp_path, smtp_server[1])
    try:
        yield pool
    finally:
        pool.stop_all()


@pytest.fixture
def sender(redis_db: Any) -> Iterator[Callable[..., None]]:
    """Put a task on the queue as beat does, by name, on the test's Redis database."""
    from celery import Celery

    app = Celery("werkpunt-test-sender", broker=REDIS_URL)
    app.conf.broker_connection_retry_on_startup = False

    def send(name: str, **kwargs: Any) -> None:
        app.send_task(f"werkpunt.placements.{name}", kwargs=kwargs)

    yield send
    app.close()


# --- The test -------------------------------------------------------------------------------


def test_each_person_gets_one_mail_per_day_through_reruns_and_a_killed_worker(
    redis_db,
    smtp_server,
    workers,
    sender,
    make_user,
    make_deadline,
    make_aftersales,
    make_request,
    at,
    today,
):
    mailbox, _ = smtp_server
    people = [make_user(role="adviseur"), make_user(role="jobcoach"), make_user(role="adviseur")]
    make_deadline(owner=people[0], due_date=today - 2 * DAY)
    make_aftersales(owner=people[1], due_date=today + 2 * DAY)
    make_request(owner=people[2], call_back_by=at(today + DAY, 16))
    idle_person = make_user(role="adviseur")  # nothing due: never a mail
    day1, day2 = today, today + DAY
    victim = people[1]

    def sent(day: dt.date) -> int:
        return ReminderDigest.objects.filter(for_date=day, status=DigestStatus.SENT).count()

    def wait_idle(orphans: int = 0) -> None:
        """Wait until the queue is empty and no task is running (a killed one may stay behind)."""
        calm = {"polls": 0}

        def idle() -> bool:
            quiet = redis_db.llen(QUEUE_KEY) == 0 and redis_db.hlen(UNACKED_KEY) <= orphans
            calm["polls"] = calm["polls"] + 1 if quiet else 0
            return calm["polls"] >= 5

        _wait_for("de worker is klaar met alle taken", idle)

    try:
        first = workers.start("eerste")

        # 1. The job for day 1: three mails.
        sender("send_due_reminders", for_date=day1.isoformat())
        _wait_for("drie mails voor dag 1", lambda: mailbox.count() == 3)
        _wait_for("drie overzichten vastgelegd", lambda: sent(day1) == 3)
        wait_idle()

        # 2. The job again for day 1: nothing new.
        sender("send_due_reminders", for_date=day1.isoformat())
        wait_idle()
        assert mailbox.count() == 3
        assert set(ReminderDigest.objects.values_list("attempts", flat=True)) == {1}

        # 3. Day 2: kill the worker while it sends the second person's mail.
        mailbox.hold_for = victim.email
        sender("send_due_reminders", for_date=day2.isoformat())
        _wait_for("de mail aan de tweede persoon is onderweg", mailbox.holding.is_set)
        held = ReminderDigest.objects.get(user=victim, for_date=day2)
        assert (held.status, held.attempts) == (DigestStatus.PENDING, 1)
        workers.kill(first)
        mailbox.release.set()
        orphans = redis_db.hlen(UNACKED_KEY)
        assert orphans >= 1  # the killed task: Redis delivers it again only after an hour

        # A new worker, and the job a third time.
        workers.start("tweede")
        sender("send_due_reminders", for_date=day2.isoformat())
        _wait_for("drie overzichten voor dag 2", lambda: sent(day2) == 3)
        # The killed task, delivered late, finds its digest sent.
        sender("send_digest", user_id=victim.pk, for_date=day2.isoformat())
        wait_idle(orphans)
    except BaseException:
        print(workers.logs())  # noqa: T201 - shown by pytest only when the test fails
        raise
    finally:
        workers.stop_all()

    # 4. Exactly one mail per person per day.
    received = mailbox.messages()
    digests = {
        (digest.user.email, digest.for_date): digest
        for digest in ReminderDigest.objects.select_related("user")
    }
    assert set(digests) == {(p.email, day) for p in people for day in (day1, day2)}
    per_message_id = Counter(message["Message-ID"] for _, message in received)
    assert per_message_id == Counter({d.message_id: 1 for d in digests.values()})
    for (email, _day), digest in digests.items():
        (recipients,) = [r for r, m in received if m["Message-ID"] == digest.message_id]
        assert recipients == (email,)
    per_person = Counter(recipients[0] for recipients, _ in received)
    assert per_person == Counter({p.email: 2 for p in people})
    assert idle_person.email not in per_person
    # The killed attempt was counted; the others needed one attempt.
    assert digests[(victim.email, day2)].attempts == 2
    assert {d.attempts for key, d in digests.items() if key != (victim.email, day2)} == {1}
