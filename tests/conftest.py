"""Shared test fixtures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest

from werkpunt.rules import Outcome, evaluate, parse_situation

AS_OF = dt.date(2026, 11, 28)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """A fast hasher in tests: each real hash costs a quarter of a second of CPU."""
    # Still able to check hashes made by the default hashers (e.g. by a package-scoped fixture).
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache: no page, rate count or lock of another test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def compute():
    """Evaluate a situation given as keyword arguments (JSON field names)."""

    def _compute(**fields: Any) -> Outcome:
        fields.setdefault("as_of", AS_OF.isoformat())
        return evaluate(parse_situation(fields))

    return _compute


# --- A small HTML reader, shared by the page tests -----------------------------------------

FOCUSABLE_TAGS = {"button", "input", "select", "textarea", "summary"}
VOID_TAGS = frozenset({"meta", "link", "br", "img", "input", "hr"})


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""

    @property
    def plain(self) -> str:
        """The text with white space collapsed."""
        return " ".join(self.text.split())

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()


class Page(HTMLParser):
    """The elements of an HTML page in document order, each with its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in VOID_TAGS:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data

    def find_all(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str, **attrs: str) -> Element:
        found = self.find_all(tag, **attrs)
        assert found, f"geen <{tag} {attrs}> op de pagina"
        return found[0]

    def by_id(self, element_id: str) -> Element:
        found = [e for e in self.elements if e.attrs.get("id") == element_id]
        assert len(found) == 1, f"id={element_id!r} komt {len(found)} keer voor"
        return found[0]

    def ids(self) -> list[str]:
        return [e.attrs["id"] for e in self.elements if "id" in e.attrs]

    def focusable(self) -> list[Element]:
        """Elements reachable with Tab, in document order (tabindex=-1 excluded)."""
        result = []
        for e in self.elements:
            tabindex = e.attrs.get("tabindex")
            if tabindex is not None and int(tabindex) < 0:
                continue
            if (
                (e.tag == "a" and "href" in e.attrs)
                or e.tag in FOCUSABLE_TAGS
                or tabindex is not None
            ):
                result.append(e)
        return result


@pytest.fixture
def parse() -> Callable[[bytes], Page]:
    """Read an HTML response body into a :class:`Page`."""

    def _parse(content: bytes) -> Page:
        page = Page()
        page.feed(content.decode("utf-8"))
        page.close()
        return page

    return _parse


@pytest.fixture
def text() -> Callable[[Element], str]:
    """An element's text with whitespace collapsed."""
    return lambda element: element.plain


# --- Back office: users with a role, logged in with the second factor passed ---------------


@pytest.fixture
def make_user(db) -> Callable[..., Any]:
    """Make an active user with a profile: ``make_user(role="adviseur", organisation=...)``.

    Without an organisation, staff get a municipality (Emmen) and an employer user gets
    a new employer organisation.
    """
    from django.contrib.auth import get_user_model

    from werkpunt.accounts.models import Organisation, OrganisationKind, Profile, Role

    counter = {"n": 0}

    def _make(
        *, role: str = "adviseur", organisation: Any = None, first_name: str = "", **extra: Any
    ) -> Any:
        counter["n"] += 1
        n = counter["n"]
        if organisation is None:
            if role == Role.EMPLOYER:
                organisation = Organisation.objects.create(
                    name=f"Werkgever {n}", slug=f"werkgever-{n}", kind=OrganisationKind.EMPLOYER
                )
            else:
                organisation, _ = Organisation.objects.get_or_create(
                    slug="emmen",
                    defaults={
                        "name": "Gemeente Emmen",
                        "kind": OrganisationKind.MUNICIPALITY,
                        "municipality": "emmen",
                    },
                )
        user = get_user_model().objects.create_user(
            username=f"{role}{n}",
            email=f"{role}{n}@example.org",
            password="een-lang-wachtwoord-voor-tests",
            first_name=first_name or f"{role.capitalize()} {n}",
            **extra,
        )
        Profile.objects.create(user=user, organisation=organisation, role=role)
        return user

    return _make


def login_with_second_factor(client: Any, user: Any) -> Any:
    """Log ``user`` in on the Django test ``client`` as if they passed the second factor."""
    import secrets

    from django.conf import settings
    from django.utils import timezone

    from werkpunt.accounts.models import StaffSession
    from werkpunt.accounts.permissions import STAFF_SESSION_KEY

    client.force_login(user)
    staff_session = StaffSession.objects.create(
        user=user, key=secrets.token_urlsafe(32), verified_at=timezone.now()
    )
    session = client.session
    session[STAFF_SESSION_KEY] = staff_session.key
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


@pytest.fixture
def login() -> Callable[[Any, Any], Any]:
    """``login(client, user)``: log in with the second factor passed (staff) or plainly (employer)."""
    return login_with_second_factor


# --- Matching on tasks (step 4): partners, employers, candidates and demands -------------------


@pytest.fixture
def emmen(db) -> Any:
    from werkpunt.accounts.models import Organisation, OrganisationKind

    organisation, _ = Organisation.objects.get_or_create(
        slug="emmen",
        defaults={
            "name": "Gemeente Emmen",
            "kind": OrganisationKind.MUNICIPALITY,
            "municipality": "emmen",
        },
    )
    return organisation


@pytest.fixture
def coevorden(db) -> Any:
    from werkpunt.accounts.models import Organisation, OrganisationKind

    return Organisation.objects.create(
        name="Gemeente Coevorden",
        slug="coevorden",
        kind=OrganisationKind.MUNICIPALITY,
        municipality="coevorden",
    )


@pytest.fixture
def adviser(make_user, emmen) -> Any:
    """An adviser of Emmen (the organisation of the candidates made by ``make_candidate``)."""
    return make_user(role="adviseur", organisation=emmen, first_name="Anna")


@pytest.fixture
def other_adviser(make_user, coevorden) -> Any:
    """An adviser of another partner."""
    return make_user(role="adviseur", organisation=coevorden, first_name="Bram")


@pytest.fixture
def make_employer(db, make_user) -> Callable[..., Any]:
    """``make_employer(contact_person=..., organisation=..., municipality=...)``."""
    from werkpunt.employers.models import Employer

    counter = {"n": 0}

    def _make(
        *,
        contact_person: Any = None,
        organisation: Any = None,
        name: str = "",
        municipality: str = "emmen",
        sector: str = "agrarisch",
    ) -> Any:
        counter["n"] += 1
        n = counter["n"]
        return Employer.objects.create(
            name=name or f"Kwekerij {n}",
            kvk_number=f"{20000000 + n}",
            sector=sector,
            size="1-9",
            municipality=municipality,
            contact_person=contact_person or make_user(role="adviseur"),
            organisation=organisation,
        )

    return _make


@pytest.fixture
def make_candidate(db, make_user) -> Callable[..., Any]:
    """``make_candidate(adviser=..., released=True, tasks=[...], **profile fields)``.

    A complete profile of someone in Emmen who cycles up to 30 minutes, 24 hours a week,
    Monday to Friday; ``consent=True`` turns the candidate's key, ``released=True`` both.
    """
    from django.utils import timezone

    from werkpunt.candidates.models import Candidate

    counter = {"n": 0}

    def _make(
        *,
        adviser: Any = None,
        organisation: Any = None,
        consent: bool = False,
        released: bool = False,
        **fields: Any,
    ) -> Any:
        counter["n"] += 1
        n = counter["n"]
        adviser = adviser or make_user(role="adviseur")
        now = timezone.now()
        values: dict[str, Any] = {
            "display_name": f"Kandidaat {n}.",
            "email": f"kandidaat{n}@example.org",
            "organisation": organisation or adviser.profile.organisation,
            "adviser": adviser,
            "home_place": "emmen",
            "travel_mode": "fiets",
            "max_travel_minutes": 30,
            "hours_per_week": 24,
            "days": ["ma", "di", "wo", "do", "vr"],
            "tasks": ["orderpicken-magazijn"],
            "skills": ["orderpicken"],
            "experience_years": 2,
            "education_level": "mbo2",
            "language_level": "B1",
            "interests": ["logistiek"],
            "motivation": "Wil graag aan de slag.",
            "created_by": adviser,
        }
        if consent or released:
            values["candidate_consent_at"] = now
            values["candidate_consent_via"] = "papier"
        if released:
            values["adviser_release_at"] = now
            values["adviser_release_by"] = adviser
        values.update(fields)
        return Candidate.objects.create(**values)

    return _make


@pytest.fixture
def make_demand(db, make_employer) -> Callable[..., Any]:
    """``make_demand(employer=..., tasks=[("orderpicken-magazijn", 24)], **fields)``.

    Task rows are filled in from the shipped task list, as the screens do.
    """
    from decimal import Decimal

    from werkpunt.demands.models import Demand, DemandTask
    from werkpunt.matching import load_catalogue

    catalogue = load_catalogue()

    def _make(
        *,
        employer: Any = None,
        tasks: tuple[tuple[str, float], ...] | list[tuple[str, float]] = (
            ("orderpicken-magazijn", 24),
        ),
        **fields: Any,
    ) -> Any:
        values: dict[str, Any] = {
            "employer": employer or make_employer(),
            "title": "Medewerker magazijn",
            "place": "emmen",
        }
        values.update(fields)
        demand = Demand.objects.create(**values)
        for task_id, hours in tasks:
            task = catalogue.task(task_id)
            DemandTask.objects.create(
                demand=demand,
                task_id=task.id,
                name=task.name,
                hours=Decimal(str(hours)),
                skills=sorted(task.skills),
                physical_load=task.physical_load,
                language=task.language,
                sector=task.sector,
            )
        return demand

    return _make
