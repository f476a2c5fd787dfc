"""Fixtures for the reminder and calendar feed tests: placements and work made with the ORM."""

from __future__ import annotations

import datetime as dt
import sys
import types
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

WORKER_NAME = "Jozefien Vermeulen-Achterberg"
SITUATION_SECRET = "wajong-indicatie-geheim"


@pytest.fixture
def today() -> dt.date:
    """The local date: digests of a day in the past are never sent."""
    return timezone.localdate()


@pytest.fixture
def make_placement(make_user: Callable[..., Any]) -> Callable[..., Any]:
    """``make_placement(employer_name=..., job_title=...)``: a placement with a named worker."""
    from werkpunt.employers.models import Employer
    from werkpunt.placements.models import Placement, Worker

    counter = {"n": 0}

    def _make(
        *, employer_name: str = "", job_title: str = "Medewerker productie", contact: Any = None
    ) -> Placement:
        counter["n"] += 1
        n = counter["n"]
        employer = Employer.objects.create(
            name=employer_name or f"Kwekerij De Berken {n}",
            kvk_number=f"{70000000 + n:08d}",
            sector="agrarisch",
            size="10-49",
            municipality="emmen",
            contact_person=contact or make_user(role="adviseur"),
        )
        worker = Worker.objects.create(display_name=WORKER_NAME, birth_date=dt.date(1990, 5, 17))
        return Placement.objects.create(
            employer=employer,
            worker=worker,
            job_title=job_title,
            start_date=dt.date(2026, 1, 5),
            hours_per_week=Decimal("24.0"),
            hourly_wage_cents=1520,
            contract="open",
            situation={"benefit": "wajong", "note": SITUATION_SECRET},
        )

    return _make


@pytest.fixture
def make_deadline(make_placement: Callable[..., Any]) -> Callable[..., Any]:
    from werkpunt.placements.models import Deadline

    counter = {"n": 0}

    def _make(
        *, owner: Any, due_date: dt.date, placement: Any = None, title: str = "", **extra: Any
    ) -> Deadline:
        counter["n"] += 1
        return Deadline.objects.create(
            placement=placement or make_placement(),
            code=f"code_{counter['n']}",
            title=title or f"Doelgroepverklaring aanvragen {counter['n']}",
            due_date=due_date,
            owner=owner,
            **extra,
        )

    return _make


@pytest.fixture
def make_aftersales(make_placement: Callable[..., Any]) -> Callable[..., Any]:
    from werkpunt.placements.models import AfterSalesTask

    def _make(
        *, owner: Any, due_date: dt.date, moment: str = "6w", placement: Any = None, **extra: Any
    ) -> AfterSalesTask:
        return AfterSalesTask.objects.create(
            placement=placement or make_placement(),
            moment=moment,
            due_date=due_date,
            owner=owner,
            **extra,
        )

    return _make


@pytest.fixture
def make_request() -> Callable[..., Any]:
    from werkpunt.employers.models import Request

    def _make(*, owner: Any, call_back_by: dt.datetime | None, **extra: Any) -> Request:
        fields: dict[str, Any] = {
            "name": "Henk de Vries",
            "organisation": "Installatiebedrijf Hofstede",
            "email": "henk@hofstede.example",
            "topic": "schemes",
            "message": "Welke regeling past bij een nieuwe monteur?",
            "preferred_contact": "email",
            "consent": True,
            "owner": owner,
            "call_back_by": call_back_by,
        }
        fields.update(extra)
        return Request.objects.create(**fields)

    return _make


@pytest.fixture
def at() -> Callable[..., dt.datetime]:
    """``at(day, 16, 30)``: an aware datetime in Amsterdam time."""

    def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return timezone.make_aware(
            dt.datetime.combine(day, dt.time(hour, minute)), timezone.get_default_timezone()
        )

    return _at


@pytest.fixture
def private_words() -> tuple[str, ...]:
    """Words from the worker's personal data that must never appear in a mail or feed."""
    return (WORKER_NAME, "Jozefien", "Vermeulen", SITUATION_SECRET, "wajong")


@pytest.fixture
def feed_urls(settings: Any) -> Iterator[None]:
    """Make ``/agenda/`` resolve, also before the lead includes it in ``conf/urls.py``."""
    from django.urls import NoReverseMatch, clear_url_caches, reverse

    try:
        reverse("calendar_feed:manage")
    except NoReverseMatch:
        pass
    else:
        yield
        return
    from django.conf.urls.i18n import i18n_patterns
    from django.urls import include, path

    from werkpunt.conf import urls as root

    module = types.ModuleType("reminders_test_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        *i18n_patterns(
            path("agenda/", include("werkpunt.placements.feed_urls")),
            prefix_default_language=False,
        ),
        *root.urlpatterns,
    ]
    module.handler404 = root.handler404  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    clear_url_caches()
    yield
    clear_url_caches()
    sys.modules.pop(module.__name__, None)


@pytest.fixture
def eager_tasks() -> Iterator[None]:
    """Run Celery tasks in-process, whatever the environment says."""
    from werkpunt.conf.celery import app

    # The app reads Django's CELERY_* names first, so those are what to change.
    before = app.conf.task_always_eager
    app.conf.update(CELERY_TASK_ALWAYS_EAGER=True)
    yield
    app.conf.update(CELERY_TASK_ALWAYS_EAGER=before)
