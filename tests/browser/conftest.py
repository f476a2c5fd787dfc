"""Fixtures for the browser tests: one live server with the demo content, one Chromium.

* ``site`` (this package): the test database pytest-django made, the demo content loaded into
  it once (``werkpunt manage demo``), and pytest-django's live server
  (:class:`pytest_django.live_server_helper.LiveServer`) in a thread. The tests do not
  ask for ``db``/``transactional_db``, which would flush the content after every test;
  instead the database is put back as it was (flush, then the snapshot taken before
  loading) when the last browser test is done, so the other test folders never see the
  demo content.
* ``browser`` (this package): Debian's Chromium, driven by Playwright's sync API; never a
  downloaded browser. ``WERKPUNT_CHROMIUM`` names it (default ``/usr/bin/chromium``).
  Missing: the tests are skipped on a developer's machine and fail under ``CI=true``.
  It is stopped when the last browser test is done: while Playwright runs, its asyncio
  loop makes Django refuse the ORM in the main thread, which the tests after these need.
* ``context``/``page`` (per test): a fresh browser context (own cookies). Every request
  that is not for the live server is aborted and fails the test.

See ``docs/testing.md``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_support import (
    CHROMIUM_ARGS,
    MISSING_BROWSER,
    AxeCheck,
    Crawl,
    RequestLog,
    Site,
    Wizard,
    chromium_path,
    crawl_site,
    in_ci,
    in_thread,
    new_context,
)


def _load_demo() -> str:
    """Load the demo content; returns why it could not, or ``""``."""
    from django.core.management import call_command, get_commands

    if "demo" not in get_commands():
        return "Het commando `werkpunt manage demo` bestaat nog niet: geen democontent om te testen"
    call_command("demo", verbosity=0)
    # The back office: partners, staff with a demo authenticator, employers, placements.
    previous = os.environ.get("WERKPUNT_ALLOW_DEMO")
    os.environ["WERKPUNT_ALLOW_DEMO"] = "true"
    try:
        call_command("demo_backoffice", verbosity=0)
        call_command("demo_matching", verbosity=0)
    finally:
        if previous is None:
            os.environ.pop("WERKPUNT_ALLOW_DEMO", None)
        else:
            os.environ["WERKPUNT_ALLOW_DEMO"] = previous
    return ""


@pytest.fixture(scope="package")
def db(django_db_setup: None) -> None:
    """Replaces pytest-django's ``db`` here: its name makes pytest-django create the test
    database for these tests, but it opens no per-test transaction and flushes nothing
    (the live server and the browser share the content loaded once by ``site``)."""


def _is_test_database() -> bool:
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite":
        return connection.is_in_memory_db() or Path(name).name.startswith("test")
    return name.startswith("test")


@pytest.fixture(scope="package")
def site(db: None, django_db_blocker: Any) -> Iterator[Site]:
    from django.test.utils import override_settings
    from pytest_django.live_server_helper import LiveServer

    # Cookies over plain http (the live server), as WERKPUNT_SECURE_COOKIES=false does.
    cookies = override_settings(SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False)
    cookies.enable()
    with django_db_blocker.unblock():

        def prepare() -> tuple[str, str]:
            from django.db import connection

            # Never load (and later flush) anything in a real database.
            assert _is_test_database(), f"geen testdatabase: {connection.settings_dict['NAME']}"
            snapshot = connection.creation.serialize_db_to_string()
            return snapshot, _load_demo()

        snapshot, reason = in_thread(prepare)
        address = os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1:0")
        server = LiveServer(address)
        server._live_server_modified_settings.enable()
        try:
            yield Site(url=server.url, has_demo=not reason, no_demo_reason=reason)
        finally:
            server.stop()
            server._live_server_modified_settings.disable()

            def restore() -> None:
                from django.core.management import call_command
                from django.db import connection

                # As Django's TransactionTestCase with serialized_rollback: keep the sequences
                # (the snapshot's rows come back with their own ids).
                call_command(
                    "flush",
                    verbosity=0,
                    interactive=False,
                    reset_sequences=False,
                    inhibit_post_migrate=True,
                )
                connection.creation.deserialize_db_from_string(snapshot)

            in_thread(restore)
            cookies.disable()


@pytest.fixture
def demo_site(site: Site) -> Site:
    """The site, for tests that need the demo content; skipped (with the reason) without."""
    if not site.has_demo:
        pytest.skip(site.no_demo_reason)
    return site


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        message = f"{MISSING_BROWSER} (gezocht: {path}; zet WERKPUNT_CHROMIUM)"
        if in_ci():
            pytest.fail(f"CI=true: {message}", pytrace=False)
        pytest.skip(message)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        message = "Het Python-pakket playwright ontbreekt: installeer requirements/dev.txt"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()


@pytest.fixture
def request_log(site: Site) -> RequestLog:
    return RequestLog(site)


@pytest.fixture
def context(site: Site, browser: Any, request_log: RequestLog) -> Iterator[Any]:
    browser_context = new_context(browser, site, request_log)
    yield browser_context
    browser_context.close()
    assert not request_log.foreign, "verzoeken naar een andere host: " + ", ".join(
        request_log.foreign
    )


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()


@pytest.fixture
def axe(page: Any) -> AxeCheck:
    return AxeCheck(page)


@pytest.fixture
def wizard(page: Any) -> Wizard:
    return Wizard(page)


@pytest.fixture
def crawl(demo_site: Site) -> Crawl:
    return crawl_site(demo_site)
