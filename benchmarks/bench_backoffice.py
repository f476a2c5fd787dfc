"""Speed of the back office with a large PostgreSQL database: "mijn werk" and the reminder job.

Prints figures next to their targets; asserts nothing. Run::

    .venv/bin/python benchmarks/bench_backoffice.py                  # fill once, then measure
    .venv/bin/python benchmarks/bench_backoffice.py --requests 50    # shorter
    .venv/bin/python benchmarks/bench_backoffice.py --profile        # also profile the reminders

What it does:

1. creates the database ``werkpunt_bench_backoffice`` on the local PostgreSQL
   (``--database-url``, default ``postgres://postgres@127.0.0.1:5432/werkpunt_bench_backoffice``)
   when it is missing, and migrates it;
2. fills it, unless it is filled already: 200 advisers of the eight partner organisations,
   10,000 employers, 100,000 workers and placements, 10 open deadlines per placement
   (1,000,000), the 6 after-sales moments per placement (600,000; the ones more than two
   weeks old done) and 20,000 requests (10% open). The rows have the shapes the services
   make (owners, codes, titles, amounts, sustainability checks) but are written with
   ``bulk_create``: the services take about 0.1 s per placement, which would be hours;
3. "mijn werk" (``/werk/``): the Django test client, in this process, logged in as an
   adviser the way ``tests/conftest.py`` does it (a verified staff session): N requests for
   the adviser with the most work and N/4 for four others; latency p50/p95/p99 and the
   number of queries per request;
4. the reminder job for today (``placements.tasks.send_due_reminders``, Celery eager, mail
   to Django's dummy backend), after removing today's digest rows so every digest is sent
   again; then once more, which must send nothing. ``--profile`` (or a run over the target)
   prints the top 10 of a cProfile run.

Peak memory per step is the peak resident set size of this process during that step
(Linux ``VmHWM``, reset before each step), and Python's own peak (tracemalloc) for the
reminder job when ``--tracemalloc`` is given (it slows Python down, so timings are taken
without it).

Every connection goes to 127.0.0.1; every loop is bounded in count.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import os
import pstats
import random
import re
import resource
import secrets
import sys
import time
import tracemalloc
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/werkpunt_bench_backoffice"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}

#: The size of the database.
ADVISERS = 200
EMPLOYERS = 10_000
PLACEMENTS = 100_000
DEADLINES_PER_PLACEMENT = 10
REQUESTS = 20_000
#: Rows per bulk_create chunk of placements (their deadlines and moments go with them).
CHUNK = 5_000

#: The targets, printed next to the figures.
TARGET_MY_WORK_P95_MS = 150
TARGET_REMINDERS_S = 30

#: The label of the "mijn werk" step.
MY_WORK = '"mijn werk"'

#: Hard caps, whatever the options say.
MAX_REQUESTS = 2_000

BENCH_DOMAIN = "bench.werkpunt.test"
#: Realistic deadline codes (the rules' action codes), one of each per placement.
DEADLINE_CODES = (
    ("doelgroepverklaring_aanvragen", "lkv_banenafspraak", "werknemer"),
    ("lkv_loonaangifte_aanvragen", "lkv_banenafspraak", "werkgever"),
    ("voorlopige_berekening_ontvangen", "lkv_banenafspraak", "uwv"),
    ("loonaangifte_corrigeren", "lkv_banenafspraak", "werkgever"),
    ("beschikking_ontvangen", "lkv_banenafspraak", "belastingdienst"),
    ("uitbetaling", "lkv_banenafspraak", "belastingdienst"),
    ("loonwaarde_herbeoordelen", "loonkostensubsidie", "gemeente"),
    ("no_riskpolis_einde", "no_riskpolis", "werkgever"),
    ("contract_aanzeggen", "arbeidsovereenkomst", "werkgever"),
    ("contract_einde", "arbeidsovereenkomst", "werkgever"),
)


# --- Small helpers --------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def verdict(ok: bool) -> str:
    return "gehaald" if ok else "NIET gehaald"


def _reset_peak() -> bool:
    """Reset the peak RSS of this process (Linux 4.0+); False when not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak_rss_mib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def peak_memory(label: str, results: dict[str, str]) -> Iterator[None]:
    exact = _reset_peak()
    try:
        yield
    finally:
        note = "" if exact else " (piek van het hele proces)"
        results[label] = f"{_peak_rss_mib():,.0f} MiB RSS{note}"


class SqlTimes:
    """Time spent in the database, per query shape (verb, table, filtered columns, LIMIT)."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0
        self.by_shape: dict[str, list[float]] = {}

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - started
            self.count += 1
            self.seconds += elapsed
            entry = self.by_shape.setdefault(self.shape(sql), [0.0, 0.0])
            entry[0] += 1
            entry[1] += elapsed

    @staticmethod
    def shape(sql: str) -> str:
        verb = sql.split(None, 1)[0].upper() if sql.strip() else "?"
        table = re.search(r'\b(?:FROM|INTO|UPDATE) "(\w+)"', sql)
        where = re.search(r"\bWHERE (.*?)(?: ORDER BY | LIMIT | FOR UPDATE|$)", sql, re.S)
        columns = sorted(set(re.findall(r'"\w+"\."(\w+)"', where.group(1)))) if where else []
        limit = " LIMIT" if re.search(r"\bLIMIT \d+", sql) else ""
        name = table.group(1) if table else "?"
        return f"{verb} {name} WHERE {','.join(columns) or '-'}{limit}"

    def top(self, n: int = 5) -> list[str]:
        rows = sorted(self.by_shape.items(), key=lambda item: -item[1][1])[:n]
        return [f"{seconds:8.2f} s {int(calls):6d}x  {shape}" for shape, (calls, seconds) in rows]


# --- Database -----------------------------------------------------------------------------


def prepare_database(database_url: str) -> None:
    """Create the database when missing (before Django starts)."""
    import psycopg

    parts = urllib.parse.urlsplit(database_url)
    if (parts.hostname or "") not in LOOPBACK:
        sys.exit(f"Alleen een database op deze machine (127.0.0.1), niet {parts.hostname!r}.")
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name) or "bench" not in name:
        sys.exit(f"Onverwachte databasenaam: {name!r} (de naam moet 'bench' bevatten)")
    server = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            print(f"Database {name} maken ...", flush=True)
            connection.execute(f'CREATE DATABASE "{name}"')


def start_django(database_url: str) -> None:
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "werkpunt.conf.settings",
            "WERKPUNT_DEBUG": "false",
            "WERKPUNT_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "WERKPUNT_TASKS_EAGER": "true",
        }
    )
    # No Redis: Celery runs every task in this process, at once (the embedded default).
    os.environ.pop("WERKPUNT_REDIS_URL", None)
    os.environ.pop("WERKPUNT_CELERY_BROKER_URL", None)
    os.chdir(ROOT)
    import django

    django.setup()
    from django.core.management import call_command

    print("+ migrate", flush=True)
    call_command("migrate", verbosity=0, interactive=False)


# --- Filling ------------------------------------------------------------------------------


def _filled() -> bool:
    from django.contrib.auth import get_user_model

    from werkpunt.employers.models import Employer
    from werkpunt.placements.models import Deadline, Placement

    advisers = get_user_model().objects.filter(email__endswith="@" + BENCH_DOMAIN).count()
    return (
        advisers >= ADVISERS
        and Employer.objects.count() >= EMPLOYERS
        and Placement.objects.count() >= PLACEMENTS
        and Deadline.objects.count() >= PLACEMENTS * DEADLINES_PER_PLACEMENT
    )


def _empty_tables() -> None:
    """Remove a half-made fill (this database is the benchmark's own)."""
    from django.apps import apps
    from django.db import connection

    modules = ("werkpunt.placements", "werkpunt.employers", "werkpunt.signals")
    tables = [
        model._meta.db_table
        for config in apps.get_app_configs()
        if config.name in modules
        for model in config.get_models()
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(email__endswith="@" + BENCH_DOMAIN).delete()


def fill(rng: random.Random) -> None:
    """Fill the database; see the module docstring for what and why bulk_create."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from werkpunt.accounts.models import Organisation, OrganisationKind, Profile, Role
    from werkpunt.employers.models import Employer, Request, Sector, SizeClass
    from werkpunt.placements.models import (
        AfterSalesTask,
        ContractKind,
        Deadline,
        Placement,
        PlacementStatus,
        Worker,
    )
    from werkpunt.placements.services import moment_date

    today = timezone.localdate()
    now = timezone.now()
    _empty_tables()
    municipalities = (
        "emmen",
        "coevorden",
        "hoogeveen",
        "borger-odoorn",
        "midden-drenthe",
        "de-wolden",
    )
    organisations = []
    for code in municipalities:
        organisation, _ = Organisation.objects.get_or_create(
            slug=code,
            defaults={
                "name": f"Gemeente {code.title()}",
                "kind": OrganisationKind.MUNICIPALITY,
                "municipality": code,
            },
        )
        organisations.append(organisation)
    for slug, name, kind in (
        ("uwv", "UWV", OrganisationKind.UWV),
        ("wsp", "Programmabureau WSP", OrganisationKind.PROGRAMME_OFFICE),
    ):
        organisation, _ = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind}
        )
        organisations.append(organisation)

    user_model = get_user_model()
    unusable = make_password(None)
    users = [
        user_model(
            username=f"bench.adviseur.{n:03d}",
            email=f"bench.adviseur.{n:03d}@{BENCH_DOMAIN}",
            first_name="Adviseur",
            last_name=f"{n:03d}",
            password=unusable,  # the benchmark logs in with force_login
        )
        for n in range(ADVISERS)
    ]
    user_model.objects.bulk_create(users)
    Profile.objects.bulk_create(
        Profile(user=user, organisation=organisations[n % len(organisations)], role=Role.ADVISER)
        for n, user in enumerate(users)
    )
    adviser_ids = [user.pk for user in users]

    sectors = list(Sector.values)
    sizes = list(SizeClass.values)
    employers = [
        Employer(
            name=f"Bench werkgever {n:05d}",
            kvk_number=f"{80_000_000 + n:08d}",
            sector=sectors[n % len(sectors)],
            size=sizes[n % len(sizes)],
            municipality=municipalities[n % len(municipalities)],
            contact_person_id=rng.choice(adviser_ids),
        )
        for n in range(EMPLOYERS)
    ]
    Employer.objects.bulk_create(employers, batch_size=5_000)
    print(f"  {ADVISERS} adviseurs, {EMPLOYERS:,} werkgevers", flush=True)

    moments = settings.WERKPUNT_AFTERSALES_MOMENTS
    checks = set(settings.WERKPUNT_SUSTAINABILITY_MOMENTS)
    horizon_days = 4 * 365
    for first in range(0, PLACEMENTS, CHUNK):
        with transaction.atomic():
            count = min(CHUNK, PLACEMENTS - first)
            workers = Worker.objects.bulk_create(
                Worker(
                    display_name=f"Werknemer {first + i}",
                    birth_date=dt.date(
                        1960 + rng.randint(0, 45), rng.randint(1, 12), rng.randint(1, 28)
                    ),
                    municipality=rng.choice(municipalities),
                    consent_at=now,
                )
                for i in range(count)
            )
            placements = []
            for worker in workers:
                employer = rng.choice(employers)
                start = today + dt.timedelta(days=rng.randint(-3 * 365, 30))
                status = PlacementStatus.PLANNED if start > today else PlacementStatus.ACTIVE
                ended_on = None
                if (
                    status == PlacementStatus.ACTIVE
                    and start < today - dt.timedelta(days=180)
                    and rng.random() < 0.15
                ):
                    status = PlacementStatus.ENDED
                    ended_on = start + dt.timedelta(days=rng.randint(60, (today - start).days))
                fixed = rng.random() < 0.5
                placements.append(
                    Placement(
                        employer=employer,
                        worker=worker,
                        job_title="Medewerker productie",
                        start_date=start,
                        end_date=start + dt.timedelta(days=364) if fixed else None,
                        hours_per_week=Decimal(rng.choice((16, 24, 32, 36))),
                        hourly_wage_cents=rng.randint(1480, 1900),
                        contract=ContractKind.FIXED if fixed else ContractKind.OPEN_ENDED,
                        status=status,
                        situation={
                            "benefit": "bijstand",
                            "doelgroepregister": True,
                            "loonwaarde_percentage": 60,
                        },
                        instruments=["lkv", "loonkostensubsidie", "no_riskpolis"],
                        ended_on=ended_on,
                        created_by_id=employer.contact_person_id,
                    )
                )
            Placement.objects.bulk_create(placements)
            deadlines = []
            tasks = []
            for placement in placements:
                owner_id = placement.employer.contact_person_id
                for code, instrument, actor in DEADLINE_CODES:
                    due = today + dt.timedelta(days=rng.randint(-20, horizon_days))
                    deadlines.append(
                        Deadline(
                            placement_id=placement.pk,
                            code=code,
                            title=f"{code.replace('_', ' ').capitalize()} (bij het loket)",
                            due_date=due,
                            owner_id=owner_id,
                            amount_at_stake_cents=rng.choice((None, 450_000, 1_073_500, 600_000)),
                            instrument=instrument,
                            actor=actor,
                        )
                    )
                for moment, (unit, amount) in moments.items():
                    due = moment_date(placement.start_date, unit, int(amount))
                    done = due < today - dt.timedelta(days=14)
                    tasks.append(
                        AfterSalesTask(
                            placement_id=placement.pk,
                            moment=moment,
                            due_date=due,
                            owner_id=owner_id,
                            is_sustainability_check=moment in checks,
                            done_at=now if done else None,
                            done_by_id=owner_id if done else None,
                            sustainability="here" if done and moment in checks else "",
                        )
                    )
            Deadline.objects.bulk_create(deadlines, batch_size=5_000)
            AfterSalesTask.objects.bulk_create(tasks, batch_size=5_000)
        done = first + count
        if done % 20_000 == 0 or done == PLACEMENTS:
            print(f"  {done:,} plaatsingen met termijnen en nazorg", flush=True)

    requests = []
    for n in range(REQUESTS):
        employer = rng.choice(employers)
        created = now - dt.timedelta(hours=rng.randint(1, 24 * 365))
        is_open = n % 10 == 0
        deadline = (
            now + dt.timedelta(hours=rng.randint(-48, 48))
            if is_open
            else created + dt.timedelta(days=1)
        )
        requests.append(
            Request(
                name="Contactpersoon",
                organisation=employer.name,
                email=f"vraag{n}@werkgever.example",
                topic="schemes",
                message="Welke regelingen zijn er voor een nieuwe medewerker?",
                preferred_contact="email",
                consent=True,
                created_at=created,
                call_back_by=deadline,
                status="in_progress" if is_open else "done",
                employer=employer,
                owner_id=employer.contact_person_id,
                answered_at=None if is_open else created + dt.timedelta(hours=rng.randint(1, 30)),
                answer="" if is_open else "Teruggebeld.",
            )
        )
    Request.objects.bulk_create(requests, batch_size=5_000)
    print(f"  {REQUESTS:,} vragen", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- "Mijn werk" --------------------------------------------------------------------------


def _logged_in_client(user: Any) -> Any:
    """A test client logged in with the second factor passed (tests/conftest.py's pattern)."""
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from werkpunt.accounts.models import StaffSession
    from werkpunt.accounts.permissions import STAFF_SESSION_KEY

    client = Client()
    client.force_login(user)
    staff_session = StaffSession.objects.create(
        user=user, key=secrets.token_urlsafe(32), verified_at=timezone.now()
    )
    session = client.session
    session[STAFF_SESSION_KEY] = staff_session.key
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


def _work_per_adviser() -> dict[int, int]:
    """Items on each adviser's "mijn werk": open deadlines and moments up to the week's
    end, and open requests."""
    from django.db.models import Count
    from django.utils import timezone

    from werkpunt.dashboard import kpis
    from werkpunt.employers.models import Request
    from werkpunt.placements.models import AfterSalesTask, Deadline

    until = kpis.week_end(timezone.localdate())
    work: dict[int, int] = {}
    for rows in (
        Deadline.objects.filter(status="open", due_date__lte=until)
        .values("owner_id")
        .annotate(n=Count("pk")),
        AfterSalesTask.objects.filter(done_at__isnull=True, due_date__lte=until)
        .values("owner_id")
        .annotate(n=Count("pk")),
        Request.objects.filter(status__in=("new", "in_progress"), owner__isnull=False)
        .values("owner_id")
        .annotate(n=Count("pk")),
    ):
        for row in rows.order_by():
            work[row["owner_id"]] = work.get(row["owner_id"], 0) + row["n"]
    return work


@dataclass
class Latency:
    label: str
    count: int
    p50: float
    p95: float
    p99: float
    queries: str
    db_ms: float
    errors: int
    items: int


#: "Mijn werk" with every deadline on the page (the link "Toon alle termijnen").
WHOLE_LIST = "/werk/?alles=termijnen"


def measure_my_work(user: Any, count: int, items: int, *, path: str = "/werk/") -> Latency:
    from django.db import connection

    client = _logged_in_client(user)
    for _ in range(5):  # warm up: templates, translations, the connection
        client.get(path)
    queries: list[int] = []
    times: list[float] = []
    errors = 0
    sql = SqlTimes()
    with connection.execute_wrapper(sql):
        for _ in range(count):
            before = sql.count
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            queries.append(sql.count - before)
            if response.status_code != 200:
                errors += 1
    low, high = min(queries), max(queries)
    return Latency(
        label=user.get_username() + (" (alles)" if path != "/werk/" else ""),
        count=count,
        p50=percentile(times, 0.50),
        p95=percentile(times, 0.95),
        p99=percentile(times, 0.99),
        queries=str(low) if low == high else f"{low}-{high}",
        db_ms=sql.seconds * 1000 / count,
        errors=errors,
        items=items,
    )


def my_work(rng: random.Random, requests: int, memory: dict[str, str]) -> list[Latency]:
    from django.contrib.auth import get_user_model

    work = _work_per_adviser()
    users = {
        u.pk: u
        for u in get_user_model().objects.filter(email__endswith="@" + BENCH_DOMAIN, pk__in=work)
    }
    ranked = sorted(users, key=lambda pk: (-work[pk], pk))
    chosen = [ranked[0], *rng.sample(ranked[1:], min(4, len(ranked) - 1))]
    results = []
    with peak_memory(MY_WORK, memory):
        for index, pk in enumerate(chosen):
            count = requests if index == 0 else max(10, requests // 4)
            results.append(measure_my_work(users[pk], count, work[pk]))
        # The whole list of deadlines, as the busiest adviser gets it with "Toon alle".
        whole = measure_my_work(
            users[ranked[0]], max(10, requests // 4), work[ranked[0]], path=WHOLE_LIST
        )
    return [*results, whole]


# --- The reminder job ---------------------------------------------------------------------


@dataclass
class ReminderRun:
    seconds: float
    sent: int
    items: int
    empty: int
    second_run_seconds: float
    second_run_sent: int
    open_deadlines: int
    due_deadlines: int
    sql: SqlTimes | None = None
    python_peak: str = ""


def _clear_today() -> None:
    from django.utils import timezone

    from werkpunt.placements.models import ReminderDigest

    ReminderDigest.objects.filter(for_date=timezone.localdate()).delete()


def _run_job(sql: SqlTimes | None = None) -> float:
    from django.db import connection

    from werkpunt.placements import tasks

    started = time.perf_counter()
    if sql is None:
        tasks.send_due_reminders()
    else:
        with connection.execute_wrapper(sql):
            tasks.send_due_reminders()
    return time.perf_counter() - started


def reminders(memory: dict[str, str], *, profile: bool, trace: bool) -> ReminderRun:
    from django.db.models import Sum
    from django.utils import timezone

    from werkpunt.placements import reminders as reminder_module
    from werkpunt.placements.models import Deadline, DigestStatus, ReminderDigest

    today = timezone.localdate()
    horizon = today + dt.timedelta(days=reminder_module.LOOKAHEAD_DAYS)
    open_deadlines = Deadline.objects.filter(status="open").count()
    due = Deadline.objects.filter(status="open", due_date__lte=horizon).count()
    _clear_today()
    sql = SqlTimes()
    with peak_memory("herinneringen", memory):
        seconds = _run_job(sql)
    digests = ReminderDigest.objects.filter(for_date=today)
    sent = digests.filter(status=DigestStatus.SENT)
    result = ReminderRun(
        seconds=seconds,
        sent=sent.count(),
        items=int(sent.aggregate(n=Sum("item_count"))["n"] or 0),
        empty=digests.filter(status=DigestStatus.EMPTY).count(),
        second_run_seconds=0.0,
        second_run_sent=0,
        open_deadlines=open_deadlines,
        due_deadlines=due,
        sql=sql,
    )
    before = sent.count()
    result.second_run_seconds = _run_job()
    result.second_run_sent = (
        ReminderDigest.objects.filter(for_date=today, status=DigestStatus.SENT).count() - before
    )
    if trace:
        _clear_today()
        tracemalloc.start()
        _run_job()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        result.python_peak = f"{peak / 2**20:,.0f} MiB (tracemalloc)"
    if profile or seconds > TARGET_REMINDERS_S:
        _clear_today()
        profiler = cProfile.Profile()
        profiler.enable()
        _run_job()
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        # Werkpunt's own functions by cumulative time (where in our code), then every
        # function by its own time (what the time is spent on).
        stats.sort_stats("cumulative").print_stats(r"src/werkpunt/", 10)
        stats.sort_stats("tottime").print_stats(10)
        print("\ncProfile van de herinneringen (Werkpunt cumulatief, dan eigen tijd; top 10):")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip()))
    return result


# --- Main ---------------------------------------------------------------------------------


def _server_version(connection: Any) -> str:
    number = int(connection.cursor().connection.info.server_version)
    return f"{number // 10000}.{number % 10000}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("WERKPUNT_BENCH_BACKOFFICE_DATABASE_URL", DEFAULT_DATABASE_URL),
        help=f"PostgreSQL op deze machine (standaard {DEFAULT_DATABASE_URL})",
    )
    parser.add_argument(
        "--requests", type=int, default=200, help='verzoeken "mijn werk" (drukste adviseur)'
    )
    parser.add_argument("--refill", action="store_true", help="vul de database opnieuw")
    parser.add_argument("--profile", action="store_true", help="profileer de herinneringen")
    parser.add_argument("--tracemalloc", action="store_true", help="meet ook Python-geheugen")
    parser.add_argument("--seed", type=int, default=20261128)
    args = parser.parse_args()
    requests = max(10, min(args.requests, MAX_REQUESTS))
    rng = random.Random(args.seed)

    prepare_database(args.database_url)
    start_django(args.database_url)
    memory: dict[str, str] = {}
    fill_seconds: float | None = None
    if args.refill or not _filled():
        print("Vullen (eenmalig, met bulk_create) ...", flush=True)
        started = time.perf_counter()
        with peak_memory("vullen", memory):
            fill(rng)
        fill_seconds = time.perf_counter() - started
    else:
        print("De database is al gevuld; vullen overgeslagen (--refill om opnieuw te vullen).")

    from django.db import connection

    from werkpunt.employers.models import Employer
    from werkpunt.placements.models import AfterSalesTask, Deadline, Placement

    print(
        f"Database: {Employer.objects.count():,} werkgevers, {Placement.objects.count():,} "
        f"plaatsingen, {Deadline.objects.filter(status='open').count():,} open termijnen, "
        f"{AfterSalesTask.objects.count():,} nazorgmomenten; PostgreSQL "
        f"{_server_version(connection)}",
        flush=True,
    )
    print(f'Meten: "mijn werk", {requests} verzoeken voor de drukste adviseur ...', flush=True)
    latencies = my_work(rng, requests, memory)
    print("Meten: de herinneringen van vandaag ...", flush=True)
    run = reminders(memory, profile=args.profile, trace=args.tracemalloc)

    print()
    print(f"Werkpunt backoffice, PostgreSQL op 127.0.0.1, DEBUG uit, {os.cpu_count()} cores")
    if fill_seconds is not None:
        print(f"Vullen: {fill_seconds:,.0f} s ({memory.get('vullen', '')})")
    print()
    header = (
        f"{'/werk/ als':18} {'open':>5} {'verzoeken':>9} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'queries':>7} {'db ms':>6} {'fouten':>6}"
    )
    print(header)
    print("-" * len(header))
    for row in latencies:
        print(
            f"{row.label:18} {row.items:5d} {row.count:9d} {row.p50:7.1f} {row.p95:7.1f} "
            f"{row.p99:7.1f} {row.queries:>7} {row.db_ms:6.1f} {row.errors:6d}"
        )
    from werkpunt.dashboard.views import GROUP_ROW_LIMIT

    worst = max(row.p95 for row in latencies if "(alles)" not in row.label)
    print(
        f'Doel "mijn werk": p95 <= {TARGET_MY_WORK_P95_MS} ms; hoogste p95 {worst:.1f} ms '
        f"({verdict(worst <= TARGET_MY_WORK_P95_MS)}). Geheugen: {memory.get(MY_WORK, '')}"
    )
    print(
        "(Django-testclient in dit proces: zonder netwerk en zonder gunicorn. 'open': het werk "
        f"van de adviseur; de pagina toont per groep hoogstens {GROUP_ROW_LIMIT} regels. "
        f"'(alles)': {WHOLE_LIST}, alle termijnen op de pagina, buiten het doel. "
        "'db ms': tijd in de database per verzoek.)"
    )
    print()
    print(
        f"Herinneringen voor vandaag over {run.open_deadlines:,} open termijnen "
        f"({run.due_deadlines:,} te laat of binnen 7 dagen): {run.seconds:.1f} s, "
        f"{run.sent} overzichtsmails verstuurd ({run.items:,} dingen), {run.empty} leeg. "
        f"Doel <= {TARGET_REMINDERS_S} s ({verdict(run.seconds <= TARGET_REMINDERS_S)})."
    )
    print(
        f"Nog een keer draaien: {run.second_run_seconds:.1f} s, {run.second_run_sent} mails "
        "(moet 0 zijn: elke mail gaat één keer)."
    )
    if run.sql is not None:
        print(
            f"Waar de tijd van de herinneringen zit: {run.sql.seconds:.1f} s in de database "
            f"({run.sql.count:,} queries), {run.seconds - run.sql.seconds:.1f} s in Python. "
            "Duurste soorten query:"
        )
        for line in run.sql.top(5):
            print(f"  {line}")
    print(
        f"Geheugen herinneringen: {memory.get('herinneringen', '')}{'; ' + run.python_peak if run.python_peak else ''}"
    )


if __name__ == "__main__":
    main()
