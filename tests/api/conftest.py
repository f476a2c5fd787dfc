"""A small back office for the API tests: two employers, their people, placements and requests.

``world`` has, per role, a user; employer A has a placement whose adviser (the contact
person) and jobcoach are involved; employer B has a placement nobody in the world is
involved in except B itself. ``call(user, method, path, ...)`` calls the API with a
session (the second factor passed for staff) and returns the response.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from werkpunt.accounts.models import Organisation, OrganisationKind, Role, TotpDevice
from werkpunt.employers.models import Employer, Request
from werkpunt.placements.models import Deadline, Helper, HelperRole, Placement, Worker


@dataclass
class World:
    adviser: Any  # contact person of A: involved in placement A
    other_adviser: Any  # contact person of B
    lead: Any
    jobcoach: Any  # helper on placement A
    employer_user_a: Any
    employer_user_b: Any
    board: Any
    editor: Any
    administrator: Any
    employer_a: Employer
    employer_b: Employer
    placement_a: Placement
    placement_b: Placement
    deadline_a: Deadline
    deadline_b: Deadline
    request_a: Request
    request_b: Request

    def user(self, role: str) -> Any:
        return getattr(self, role)


@pytest.fixture(autouse=True)
def _fast_and_clean(settings):
    """A fast password hash (each test makes nine users), and no throttle counts left over."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


def _employer(name: str, kvk: str, contact: Any, user: Any) -> Employer:
    return Employer.objects.create(
        name=name,
        kvk_number=kvk,
        sector="agrarisch",
        size="1-9",
        municipality="emmen",
        contact_person=contact,
        organisation=user.profile.organisation,
    )


def _placement(employer: Employer, name: str, created_by: Any) -> Placement:
    worker = Worker.objects.create(
        display_name=name, birth_date=dt.date(1990, 5, 17), municipality="emmen"
    )
    return Placement.objects.create(
        employer=employer,
        worker=worker,
        job_title="Medewerker kwekerij",
        start_date=dt.date(2026, 9, 1),
        hours_per_week=Decimal("24.0"),
        hourly_wage_cents=1520,
        contract="fixed",
        end_date=dt.date(2027, 8, 31),
        situation={"benefit": "bijstand", "doelgroepregister": True},
        instruments=["loonkostensubsidie"],
        created_by=created_by,
    )


def _request(employer: Employer, owner: Any, **extra: Any) -> Request:
    values: dict[str, Any] = {
        "name": "Jan de Vries",
        "organisation": employer.name,
        "email": "jan@example.org",
        "phone": "0591 123 456",
        "topic": "schemes",
        "message": "Kan ik loonkostensubsidie krijgen?",
        "preferred_contact": "phone",
        "consent": True,
        "employer": employer,
        "owner": owner,
        "status": "in_progress",
        "call_back_by": timezone.now() + dt.timedelta(days=1),
    }
    values.update(extra)
    return Request.objects.create(**values)


@pytest.fixture
def world(make_user: Callable[..., Any]) -> World:
    uwv = Organisation.objects.create(name="UWV", slug="uwv", kind=OrganisationKind.UWV)
    adviser = make_user(role=Role.ADVISER, first_name="Anna")
    other_adviser = make_user(role=Role.ADVISER, organisation=uwv, first_name="Bert")
    lead = make_user(role=Role.TEAM_LEAD, first_name="Carla")
    jobcoach = make_user(role=Role.JOBCOACH, first_name="Dirk")
    employer_user_a = make_user(role=Role.EMPLOYER, first_name="Eva")
    employer_user_b = make_user(role=Role.EMPLOYER, first_name="Frank")
    board = make_user(role=Role.BOARD)
    editor = make_user(role=Role.EDITOR)
    administrator = make_user(role=Role.ADMINISTRATOR)
    employer_a = _employer("Kwekerij De Vries", "12345678", adviser, employer_user_a)
    employer_b = _employer("Bouwbedrijf Bakker", "87654321", other_adviser, employer_user_b)
    placement_a = _placement(employer_a, "Sanne K.", adviser)
    placement_b = _placement(employer_b, "Tom B.", other_adviser)
    Helper.objects.create(
        placement=placement_a, role=HelperRole.JOBCOACH, name="Dirk", user=jobcoach
    )
    deadline_a = Deadline.objects.create(
        placement=placement_a,
        code="doelgroepverklaring",
        title="Doelgroepverklaring aanvragen",
        due_date=dt.date(2026, 12, 1),
        owner=adviser,
        amount_at_stake_cents=600000,
    )
    deadline_b = Deadline.objects.create(
        placement=placement_b,
        code="no_risk_end",
        title="Einde no-riskpolis",
        due_date=dt.date(2027, 3, 1),
        owner=other_adviser,
    )
    request_a = _request(employer_a, adviser)
    request_b = _request(
        employer_b,
        other_adviser,
        status="new",
        call_back_by=timezone.now() - dt.timedelta(hours=2),
    )
    return World(
        adviser=adviser,
        other_adviser=other_adviser,
        lead=lead,
        jobcoach=jobcoach,
        employer_user_a=employer_user_a,
        employer_user_b=employer_user_b,
        board=board,
        editor=editor,
        administrator=administrator,
        employer_a=employer_a,
        employer_b=employer_b,
        placement_a=placement_a,
        placement_b=placement_b,
        deadline_a=deadline_a,
        deadline_b=deadline_b,
        request_a=request_a,
        request_b=request_b,
    )


@pytest.fixture
def call(login: Callable[[Any, Any], Any]) -> Callable[..., Any]:
    """``call(user, "get", "/api/v1/...", data=None)``: one API call with a session.

    ``user=None`` calls anonymously. JSON bodies for POST, PUT and PATCH.
    """

    def _call(user: Any, method: str, path: str, data: Any = None, **extra: Any) -> Any:
        client = Client()
        if user is not None:
            login(client, user)
        if method in ("post", "put", "patch"):
            return getattr(client, method)(
                path, data if data is not None else {}, content_type="application/json", **extra
            )
        return getattr(client, method)(path, data, **extra)

    return _call


@pytest.fixture
def confirm_totp() -> Callable[[Any], Any]:
    """Give ``user`` a confirmed authenticator app (needed for a staff token)."""

    def _confirm(user: Any) -> Any:
        return TotpDevice.objects.create(
            user=user, secret="JBSWY3DPEHPK3PXP", confirmed_at=timezone.now()
        )

    return _confirm
