"""Load test of the public site: gunicorn + PostgreSQL, traffic on loopback only.

Prints figures next to their targets; asserts nothing. Run::

    .venv/bin/python benchmarks/bench_site.py                  # the whole run, about 2 minutes
    .venv/bin/python benchmarks/bench_site.py --duration 10    # shorter

What it does:

1. creates the database ``werkpunt_bench`` on the local PostgreSQL (``DATABASE_URL``,
   default ``postgres://postgres@127.0.0.1:5432/werkpunt_bench``) when it is missing, and
   runs ``migrate`` and ``demo`` (both safe to run again);
2. starts ``gunicorn werkpunt.conf.wsgi -w 4 -k gthread --threads 4`` on a free port of
   127.0.0.1, with ``WERKPUNT_DEBUG=false``;
3. completes the financieel CV wizard once over HTTP to get a session cookie;
4. measures an instrument page and the wizard result:

   * closed loop (``wrk`` from Debian when installed, otherwise a bounded Python client):
     N connections (default 50) that send the next request as soon as the last one is
     answered, for D seconds: requests/s and latency p50/p95/p99;
   * open loop (Python client): a fixed rate (300 req/s for the instrument page, 20 req/s
     for the result) over the same connections, latency counted from when each request was
     due, so a slow server cannot hide its queue;

5. stops gunicorn.

Every request goes to 127.0.0.1; every loop is bounded in time and in count.

``--serve INFO_FILE`` (used by ``benchmarks/lighthouse.sh``) does steps 1–3 with Django's
static files served by the app (as a reverse proxy would), writes the URL and the session
cookie to INFO_FILE as JSON, and keeps gunicorn running until it gets SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/werkpunt_bench"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
#: collectstatic output of the benchmark server (outside the project tree).
STATIC_ROOT = Path(tempfile.gettempdir()) / "werkpunt-bench-static"

INSTRUMENT_PATH = "/regelingen/loonkostensubsidie/"
RESULT_PATH = "/financieel-cv/uitkomst/"

#: The targets, printed next to the figures.
TARGET_INSTRUMENT_RPS = 300
TARGET_INSTRUMENT_P95_MS = 50
TARGET_RESULT_P95_MS = 100

#: Hard caps, whatever the options say.
MAX_DURATION_S = 120
MAX_CONNECTIONS = 200
MAX_REQUESTS_PER_RUN = 500_000


# --- Figures ----------------------------------------------------------------------------


@dataclass
class Figures:
    label: str
    generator: str
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


# --- Database and server ----------------------------------------------------------------


def _check_loopback(url: str) -> None:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host not in LOOPBACK:
        sys.exit(f"Alleen een database op deze machine (127.0.0.1), niet {host!r}.")


def prepare_database(database_url: str, env: dict[str, str]) -> None:
    """Create the database when missing; migrate; load the demo content."""
    import psycopg

    _check_loopback(database_url)
    parts = urllib.parse.urlsplit(database_url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        sys.exit(f"Onverwachte databasenaam: {name!r}")
    server = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            print(f"Database {name} maken ...", flush=True)
            connection.execute(f'CREATE DATABASE "{name}"')
    werkpunt = str(BIN / "werkpunt")
    for command in (["migrate", "--noinput"], ["demo"], ["collectstatic", "--noinput"]):
        print("+ werkpunt manage " + " ".join(command), flush=True)
        subprocess.run(  # noqa: S603 - our own executable, fixed arguments
            [werkpunt, "manage", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "werkpunt.conf.settings",
            "WERKPUNT_DEBUG": "false",
            "WERKPUNT_ALLOWED_HOSTS": "127.0.0.1",
            # The benchmark speaks plain http, so the session cookie may not be Secure.
            "WERKPUNT_SECURE_COOKIES": "false",
            # As in production: collectstatic output with hashed names and gzip/brotli
            # copies, served by WhiteNoise in the app.
            "WERKPUNT_STATIC_MANIFEST": "true",
            "WERKPUNT_STATIC_ROOT": str(STATIC_ROOT),
            "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        }
    )
    return env


@contextlib.contextmanager
def gunicorn(env: dict[str, str], *, app: str = "werkpunt.conf.wsgi") -> Iterator[str]:
    """gunicorn on a free loopback port; yields its base URL and stops it afterwards."""
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        app,
        "-w",
        "4",
        "-k",
        "gthread",
        "--threads",
        "4",
        "-b",
        f"127.0.0.1:{port}",
        "--pythonpath",
        str(ROOT / "benchmarks"),
        "--log-level",
        "warning",
    ]
    print("+ " + " ".join(command[:10]) + " ...", flush=True)
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - fixed command
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                sys.exit(f"gunicorn stopte meteen (code {process.returncode})")
            try:
                with urllib.request.urlopen(f"{base}/gezond/", timeout=5) as response:  # noqa: S310 - loopback
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                sys.exit("gunicorn antwoordt niet binnen 60 s")
            time.sleep(0.25)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        print("gunicorn gestopt.", flush=True)


# --- A session that completed the wizard ------------------------------------------------


def first_of_next_month() -> dt.date:
    today = dt.date.today()  # the machine's date, as the server uses
    if today.month == 12:
        return dt.date(today.year + 1, 1, 1)
    return dt.date(today.year, today.month + 1, 1)


WIZARD_STEPS: list[dict[str, str]] = [
    {
        "birth_date": "1990-03-15",
        "bbl_student": "false",
        "employed_by_employer_last_6_months": "false",
    },
    {
        "benefit": "bijstand",
        "doelgroepregister": "true",
        "loonwaarde_percentage": "60",
        "municipality": "emmen",
    },
    {"contract": "open_ended", "hours_per_week": "32", "hourly_wage": "17.50"},
]


def wizard_session(base: str) -> str:
    """Complete the wizard over HTTP; returns the ``Cookie`` header of that session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}/financieel-cv/stap/1/", timeout=30) as response:
        response.read()
    token = next((c.value for c in jar if c.name == "csrftoken"), "")
    if not token:
        sys.exit("Geen CSRF-cookie van /financieel-cv/stap/1/")
    for number, answers in enumerate(WIZARD_STEPS, 1):
        data = dict(answers)
        if number == 3:
            data["start_date"] = first_of_next_month().isoformat()
        data["csrfmiddlewaretoken"] = token
        request = urllib.request.Request(  # noqa: S310 - loopback
            f"{base}/financieel-cv/stap/{number}/",
            data=urllib.parse.urlencode(data).encode(),
            headers={"Referer": f"{base}/financieel-cv/stap/{number}/"},
        )
        with opener.open(request, timeout=30) as response:
            final = response.geturl()
            body = response.read().decode("utf-8", "replace")
    if not final.endswith(RESULT_PATH):
        sys.exit(f"De wizard kwam niet op de uitkomst maar op {final}")
    if not re.search(r"\d{1,3}(?:\.\d{3})*,\d{2}", body):
        sys.exit("De uitkomst toont geen bedragen")
    return "; ".join(f"{c.name}={c.value}" for c in jar)


# --- Load generators --------------------------------------------------------------------

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WERKPUNT {"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, '
    .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), errors.connect, errors.read, errors.write, errors.status,
    errors.timeout))
end
"""


def run_wrk(label: str, url: str, *, connections: int, duration: int, cookie: str = "") -> Figures:
    wrk = shutil.which("wrk")
    assert wrk is not None
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        command = [
            wrk,
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            script.name,
        ]
        if cookie:
            command += ["-H", f"Cookie: {cookie}"]
        command.append(url)
        output = subprocess.run(  # noqa: S603 - wrk from PATH, fixed arguments
            command, capture_output=True, text=True, check=True, timeout=duration + 60
        ).stdout
    finally:
        Path(script.name).unlink()
    line = next(line for line in output.splitlines() if line.startswith("WERKPUNT "))
    data = json.loads(line.removeprefix("WERKPUNT "))
    errors = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    return Figures(
        label,
        "wrk, gesloten lus",
        data["requests"],
        data["duration_us"] / 1e6,
        data["p50"] / 1000,
        data["p95"] / 1000,
        data["p99"] / 1000,
        errors,
    )


def run_python(
    label: str,
    url: str,
    *,
    connections: int,
    duration: int,
    cookie: str = "",
    rate: float | None = None,
) -> Figures:
    """A bounded threaded client with keep-alive connections.

    Without ``rate``: a closed loop (each connection sends when the last answer is in).
    With ``rate``: an open loop; request *i* is due at ``start + i / rate`` and its latency
    counts from then, so waiting for a free connection counts too.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.hostname not in LOOPBACK:
        raise ValueError("alleen 127.0.0.1")
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {"Cookie": cookie} if cookie else {}
    total = min(MAX_REQUESTS_PER_RUN, int(rate * duration) if rate else MAX_REQUESTS_PER_RUN)
    lock = threading.Lock()
    counter = iter(range(total))
    latencies: list[float] = []
    errors = [0]
    start = time.monotonic() + 0.2
    stop = start + duration

    def worker() -> None:
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
        own: list[float] = []
        failed = 0
        while True:
            with lock:
                index = next(counter, None)
            if index is None:
                break
            due = start + index / rate if rate else time.monotonic()
            if due >= stop:
                break
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            status = 0
            # gunicorn closes a keep-alive connection after 2 s idle (as browsers expect):
            # then open a new one and send again once, as a browser does.
            for _attempt in range(2):
                try:
                    connection.request("GET", path, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    status = response.status
                    break
                except (OSError, http.client.HTTPException):
                    connection.close()
                    connection = http.client.HTTPConnection(
                        parts.hostname or "", parts.port, timeout=10
                    )
            if status != 200:
                failed += 1
                continue
            own.append(time.monotonic() - due)
            if time.monotonic() >= stop:
                break
        connection.close()
        with lock:
            latencies.extend(own)
            errors[0] += failed

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 30)
    elapsed = max(0.001, min(time.monotonic(), stop) - start)
    ms = [value * 1000 for value in latencies]
    mode = f"Python, open lus {rate:g} req/s" if rate else "Python, gesloten lus"
    figures = Figures(
        label,
        mode,
        len(ms),
        elapsed,
        percentile(ms, 0.50),
        percentile(ms, 0.95),
        percentile(ms, 0.99),
        errors[0],
    )
    if rate:
        offered = int(rate * duration)
        unsent = offered - len(ms) - errors[0]
        if unsent > offered * 0.05:
            figures.notes.append(
                f"{label}: van de {offered} verzoeken die in {duration} s aan de beurt waren, "
                f"gingen er {unsent} niet de deur uit (de server liep achter)"
            )
    return figures


def closed_loop(
    label: str, url: str, *, connections: int, duration: int, cookie: str = ""
) -> Figures:
    if shutil.which("wrk"):
        return run_wrk(label, url, connections=connections, duration=duration, cookie=cookie)
    return run_python(label, url, connections=connections, duration=duration, cookie=cookie)


def warm_up(url: str, cookie: str = "", count: int = 20) -> None:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310 - loopback
    for _ in range(count):
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
            response.read()


# --- Output -----------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "gehaald" if ok else "NIET gehaald"


def print_table(rows: list[tuple[Figures, str, bool | None]]) -> None:
    print()
    header = (
        f"{'meting':62} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'fouten':>7}  doel"
    )
    print(header)
    print("-" * len(header))
    for figures, target, ok in rows:
        name = f"{figures.label} [{figures.generator}]"
        status = "" if ok is None else f" ({verdict(ok)})"
        print(
            f"{name:62} {figures.rps:8.1f} {figures.p50_ms:8.1f} {figures.p95_ms:8.1f} "
            f"{figures.p99_ms:8.1f} {figures.errors:7d}  {target}{status}"
        )
    print()


def benchmark(args: argparse.Namespace) -> None:
    env = server_env(args.database_url)
    prepare_database(args.database_url, env)
    connections = min(args.connections, MAX_CONNECTIONS)
    duration = min(args.duration, MAX_DURATION_S)
    with gunicorn(env) as base:
        cookie = wizard_session(base)
        instrument = base + INSTRUMENT_PATH
        result = base + RESULT_PATH
        warm_up(instrument)
        warm_up(result, cookie)
        print(f"Meten: {connections} verbindingen, {duration} s per meting ...", flush=True)
        rows: list[tuple[Figures, str, bool | None]] = []
        figures = closed_loop(
            INSTRUMENT_PATH, instrument, connections=connections, duration=duration
        )
        rows.append(
            (
                figures,
                f">= {TARGET_INSTRUMENT_RPS} req/s en p95 <= {TARGET_INSTRUMENT_P95_MS} ms",
                figures.rps >= TARGET_INSTRUMENT_RPS and figures.p95_ms <= TARGET_INSTRUMENT_P95_MS,
            )
        )
        figures = run_python(
            INSTRUMENT_PATH,
            instrument,
            connections=connections,
            duration=duration,
            rate=args.instrument_rate,
        )
        rows.append(
            (
                figures,
                f"p95 <= {TARGET_INSTRUMENT_P95_MS} ms bij {args.instrument_rate:g} req/s",
                figures.p95_ms <= TARGET_INSTRUMENT_P95_MS and figures.errors == 0,
            )
        )
        figures = closed_loop(
            RESULT_PATH + " (sessie)",
            result,
            connections=connections,
            duration=duration,
            cookie=cookie,
        )
        rows.append(
            (figures, f"p95 <= {TARGET_RESULT_P95_MS} ms", figures.p95_ms <= TARGET_RESULT_P95_MS)
        )
        figures = run_python(
            RESULT_PATH + " (sessie)",
            result,
            connections=connections,
            duration=duration,
            cookie=cookie,
            rate=args.result_rate,
        )
        rows.append(
            (
                figures,
                f"p95 <= {TARGET_RESULT_P95_MS} ms bij {args.result_rate:g} req/s",
                figures.p95_ms <= TARGET_RESULT_P95_MS and figures.errors == 0,
            )
        )
    print(
        f"Werkpunt site, gunicorn -w 4 -k gthread --threads 4, PostgreSQL, DEBUG uit; "
        f"{os.cpu_count()} cores; alles over 127.0.0.1"
    )
    print_table(rows)
    for figures, _, _ in rows:
        for note in figures.notes:
            print(f"- {note}")
    print(
        "Gesloten lus: elke verbinding stuurt meteen het volgende verzoek, dus gemiddelde latentie "
        f"= {connections} / (req/s) (wet van Little). p95 <= {TARGET_INSTRUMENT_P95_MS} ms bij "
        f"{connections} verbindingen vraagt dan minstens {connections * 1000 // TARGET_INSTRUMENT_P95_MS} "
        "req/s. De open lus meet de latentie bij een vaste aanvoer."
    )


def serve(args: argparse.Namespace) -> None:
    env = server_env(args.database_url)
    prepare_database(args.database_url, env)
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    with gunicorn(env) as base:
        cookie = wizard_session(base)
        Path(args.serve).write_text(json.dumps({"url": base, "cookie": cookie}))
        print(f"Klaar op {base}", flush=True)
        # Bounded: stop by signal, or after an hour at the latest.
        stopping.wait(timeout=3600)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("WERKPUNT_BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        help=f"PostgreSQL op deze machine (standaard {DEFAULT_DATABASE_URL})",
    )
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--duration", type=int, default=20, help="seconden per meting")
    parser.add_argument("--instrument-rate", type=float, default=TARGET_INSTRUMENT_RPS)
    parser.add_argument("--result-rate", type=float, default=20.0)
    parser.add_argument("--serve", metavar="INFO_FILE", help="alleen de server (lighthouse.sh)")
    args = parser.parse_args()
    if args.serve:
        serve(args)
    else:
        benchmark(args)


if __name__ == "__main__":
    main()
