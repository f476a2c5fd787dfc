"""Reads of the candidates app, always scoped by the user who asks.

Who sees what (``docs/candidates.md``):

- advisers, teamleiders and jobcoaches of **all** partners see every active work profile, by
  its anonymous reference (``K-000123``); staff of the candidate's own organisation also see
  the profiles of their own organisation that stopped looking for work;
- the **identity** (name, mail, phone) only staff of the candidate's own organisation and
  the candidate's adviser see (:func:`can_see_identity`), and an employer user only when
  both keys are turned *and* the candidate was proposed to, or signed up with, that employer;
- every other role (redacteur, beheerder, bestuur) sees no profiles here.

Matching reads profiles through :func:`as_match_candidate` / :func:`match_candidates`: only
work-profile fields go into :class:`werkpunt.matching.Candidate`, never the identity.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy

from werkpunt import matching
from werkpunt.accounts.models import Role
from werkpunt.accounts.permissions import profile_of, role_of
from werkpunt.candidates.models import Candidate, ConsentEvent
from werkpunt.matching.core import COMPLETENESS_FIELDS
from werkpunt.matching.vocab import (
    DAYS,
    EDUCATION_LEVELS,
    LANGUAGE_LEVELS,
    PHYSICAL_LOADS,
    SECTOR_LABELS,
    SECTORS,
    TRAVEL_MODES,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from werkpunt.placements.models import Worker

logger = logging.getLogger(__name__)

#: Roles that work with candidate profiles in the back office.
STAFF_ROLES = frozenset({Role.ADVISER, Role.TEAM_LEAD, Role.JOBCOACH})
#: Roles that may change profiles and consent (of their own organisation).
CASE_ROLES = frozenset({Role.ADVISER, Role.TEAM_LEAD})

#: The fields that say who someone is; shown only after :func:`can_see_identity`.
IDENTITY_FIELDS: tuple[str, ...] = ("display_name", "email", "phone")

#: The fields of the anonymous work profile (the same names as ``matching.Candidate``).
PROFILE_FIELDS: tuple[str, ...] = (
    "home_place",
    "travel_mode",
    "max_travel_minutes",
    "hours_per_week",
    "days",
    "tasks",
    "skills",
    "experience_years",
    "education_level",
    "language_level",
    "licences",
    "support_needs",
    "interests",
    "max_physical_load",
    "motivation",
)


# --- Who sees which profiles ---------------------------------------------------------------


def _organisation_id(user: User | AnonymousUser | None) -> int | None:
    profile = profile_of(user)
    return profile.organisation_id if profile is not None else None


def candidates_visible_to(*, user: User | AnonymousUser) -> QuerySet[Candidate]:
    """The profiles ``user`` may see at all (the identity is a separate check).

    Staff of every partner: all active profiles; staff of the candidate's own organisation
    also the ones that stopped looking for work (not the anonymised ones). Others: none.
    """
    if role_of(user) not in STAFF_ROLES:
        return Candidate.objects.none()
    own = Q(organisation_id=_organisation_id(user), anonymised_at__isnull=True)
    active = Q(is_active=True, anonymised_at__isnull=True)
    return Candidate.objects.filter(active | own).select_related("organisation", "adviser")


def candidate_get(*, user: User | AnonymousUser, pk: int) -> Candidate | None:
    """One profile the user may see, or ``None`` (the view answers 404)."""
    return candidates_visible_to(user=user).filter(pk=pk).first()


def is_own_organisation(*, user: User | AnonymousUser, candidate: Candidate) -> bool:
    org = _organisation_id(user)
    return org is not None and org == candidate.organisation_id


def _proposed_to_employer_of(*, user: User | AnonymousUser, candidate: Candidate) -> bool:
    """The candidate was proposed to, or signed up with, the employer user's organisation."""
    from werkpunt.demands.models import MatchProposal, OpenHiringSignUp, ProposalStatus

    org = _organisation_id(user)
    if org is None:
        return False
    proposed = (
        MatchProposal.objects.filter(candidate=candidate, demand__employer__organisation_id=org)
        .exclude(status=ProposalStatus.WITHDRAWN)
        .exists()
    )
    return (
        proposed
        or OpenHiringSignUp.objects.filter(
            candidate=candidate,
            demand__employer__organisation_id=org,
            cancelled_at__isnull=True,
        ).exists()
    )


def can_see_identity(*, user: User | AnonymousUser, candidate: Candidate) -> bool:
    """May ``user`` see the name, mail and phone of ``candidate``?

    Staff of the candidate's own organisation and the candidate's adviser: yes. An employer
    user: only while both keys are turned and the candidate was proposed to (or signed up
    with) their own organisation. Everyone else: no. An anonymised profile: never.
    """
    if candidate.anonymised_at is not None or not user.is_authenticated:
        return False
    role = role_of(user)
    if role in STAFF_ROLES:
        return candidate.adviser_id == user.pk or is_own_organisation(
            user=user, candidate=candidate
        )
    if role is Role.EMPLOYER:
        return released_to_employer(candidate=candidate) and _proposed_to_employer_of(
            user=user, candidate=candidate
        )
    return False


def released_to_employer(*, candidate: Candidate) -> bool:
    """Both keys turned and not withdrawn: an employer *may* see who this is.

    A plain check of :attr:`Candidate.is_released`, for the employer screens of other apps;
    they decide themselves which employer is involved (a proposal, a sign-up).
    """
    return candidate.is_released


def released_candidates(*, queryset: QuerySet[Candidate] | None = None) -> QuerySet[Candidate]:
    """The profiles (of ``queryset``) an employer may see the identity of, at this moment."""
    base = queryset if queryset is not None else Candidate.objects.all()
    return base.released()  # type: ignore[attr-defined, no-any-return]


def can_change_candidate(*, user: User | AnonymousUser, candidate: Candidate) -> bool:
    """Change the profile, record consent, withdraw: advisers and teamleiders of the
    candidate's own organisation, and the candidate's own adviser."""
    if candidate.anonymised_at is not None or role_of(user) not in CASE_ROLES:
        return False
    return candidate.adviser_id == user.pk or is_own_organisation(user=user, candidate=candidate)


def can_release(*, user: User | AnonymousUser, candidate: Candidate) -> bool:
    """Turn the adviser's key: only an adviser or teamleider of the candidate's own organisation."""
    return (
        candidate.anonymised_at is None
        and role_of(user) in CASE_ROLES
        and is_own_organisation(user=user, candidate=candidate)
    )


def can_create_candidate(*, user: User | AnonymousUser) -> bool:
    return role_of(user) in CASE_ROLES


def worker_for_new_profile(*, user: User | AnonymousUser, worker_id: int) -> Worker | None:
    """The worker a new profile is made from, if ``user`` may see that worker's name."""
    from werkpunt.placements import selectors as placement_selectors
    from werkpunt.placements.models import Worker

    if role_of(user) not in CASE_ROLES:
        return None
    worker = Worker.objects.filter(pk=worker_id, anonymised_at__isnull=True).first()
    if worker is None:
        return None
    placements = placement_selectors.placements_visible_to(user=user).filter(worker=worker)
    if any(
        placement_selectors.can_see_worker_name(user=user, placement=placement)
        for placement in placements
    ):
        return worker
    return None


#: Travel time put into a profile made from a worker when nothing else is known.
DEFAULT_TRAVEL_MINUTES = 30


def worker_profile_defaults(*, worker: Worker) -> dict[str, Any]:
    """What a placement already says about the person: name, hours, home place.

    The home place is filled in only when the worker's municipality code is also a place
    (``emmen``); the adviser checks it. The travel time is a starting value of 30 minutes.
    """
    from decimal import Decimal

    defaults: dict[str, Any] = {
        "display_name": worker.display_name,
        "max_travel_minutes": DEFAULT_TRAVEL_MINUTES,
    }
    placement = worker.placements.order_by("-start_date", "-pk").first()
    if placement is not None:
        defaults["hours_per_week"] = min(placement.hours_per_week, Decimal(60))
    if worker.municipality and worker.municipality in matching.load_places():
        defaults["home_place"] = worker.municipality
    return defaults


# --- The list ------------------------------------------------------------------------------


def _json_has(field: str, value: str) -> Q:
    """Rows whose JSON list ``field`` holds ``value`` (works on PostgreSQL and SQLite)."""
    if connection.features.supports_json_field_contains:
        return Q(**{f"{field}__contains": [value]})
    # SQLite: search the JSON text. The ids are slugs, so with the quotes around it the
    # text matches one whole element.
    return Q(**{f"{field}__icontains": f'"{value}"'})


def candidate_list(
    *,
    user: User | AnonymousUser,
    place: str = "",
    task: str = "",
    sector: str = "",
    mine: bool = False,
    include_inactive: bool = False,
) -> QuerySet[Candidate]:
    """The visible profiles, filtered, the most recently changed first."""
    candidates = candidates_visible_to(user=user)
    if not include_inactive:
        candidates = candidates.filter(is_active=True)
    if place:
        candidates = candidates.filter(home_place=place)
    if task:
        candidates = candidates.filter(_json_has("tasks", task))
    if sector:
        query = Q(pk__in=[])
        for task_id in sector_task_ids(sector):
            query |= _json_has("tasks", task_id)
        candidates = candidates.filter(query)
    if mine:
        candidates = candidates.filter(adviser_id=user.pk or 0)
    return candidates.order_by("-updated_at", "-pk")


def consent_link(*, candidate: Candidate) -> str:
    """The absolute address of the candidate's personal consent page (a secret)."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    with translation.override("nl"):
        path = reverse("candidates_public:consent", args=[candidate.consent_token])
    return f"{str(settings.WERKPUNT_BASE_URL).rstrip('/')}{path}"


def consent_events(*, candidate: Candidate) -> QuerySet[ConsentEvent]:
    """The consent history, newest first (the caller checked that the user may see it)."""
    return candidate.consent_events.select_related("by").order_by("-at", "-pk")


class ConsentState:
    """Codes of :func:`consent_state`."""

    RELEASED = "released"
    WAITS_FOR_ADVISER = "waits_for_adviser"
    WAITS_FOR_CANDIDATE = "waits_for_candidate"
    NONE = "none"
    WITHDRAWN = "withdrawn"


def consent_state(*, candidate: Candidate) -> str:
    """One of :class:`ConsentState`: which keys are turned now."""
    if candidate.is_released:
        return ConsentState.RELEASED
    if candidate.candidate_consent_at is not None and candidate.adviser_release_at is None:
        return ConsentState.WAITS_FOR_ADVISER
    if candidate.adviser_release_at is not None and candidate.candidate_consent_at is None:
        return ConsentState.WAITS_FOR_CANDIDATE
    if candidate.consent_withdrawn_at is not None:
        return ConsentState.WITHDRAWN
    return ConsentState.NONE


# --- Matching --------------------------------------------------------------------------------


def _strings(value: Any) -> frozenset[str]:
    if not isinstance(value, list | tuple | set | frozenset):
        return frozenset()
    return frozenset(v for v in value if isinstance(v, str) and v)


def _choice(value: str, allowed: Sequence[str]) -> str | None:
    """``None`` for an empty value (the core's "not filled in") or an unknown code."""
    if not value:
        return None
    if value not in allowed:
        logger.warning("Onbekende waarde %r in een kandidaatprofiel; telt als leeg", value)
        return None
    return value


def as_match_candidate(*, candidate: Candidate) -> matching.Candidate:
    """The work profile as the matching core's :class:`~werkpunt.matching.Candidate`.

    Only work-profile fields go in (never name, mail, phone, organisation or adviser); the
    id is the primary key as text. Decimals become floats, empty texts ``None``. A value the
    core does not know (written before validation existed) counts as empty.
    """
    physical = candidate.max_physical_load
    return matching.Candidate(
        id=str(candidate.pk),
        home_place=candidate.home_place,
        travel_mode=_choice(candidate.travel_mode, TRAVEL_MODES),
        max_travel_minutes=float(candidate.max_travel_minutes or 0),
        hours_per_week=float(candidate.hours_per_week or 0),
        days=_strings(candidate.days) & frozenset(DAYS),
        tasks=_strings(candidate.tasks),
        skills=_strings(candidate.skills),
        experience_years=(
            float(candidate.experience_years) if candidate.experience_years is not None else None
        ),
        education_level=_choice(candidate.education_level, EDUCATION_LEVELS),
        language_level=_choice(candidate.language_level, LANGUAGE_LEVELS),
        licences=_strings(candidate.licences),
        support_needs=_strings(candidate.support_needs),
        interests=_strings(candidate.interests),
        max_physical_load=physical if physical in PHYSICAL_LOADS else PHYSICAL_LOADS[-1],
        motivation=candidate.motivation or "",
    )


def match_candidates(*, queryset: QuerySet[Candidate] | None = None) -> list[matching.Candidate]:
    """The active pool (of ``queryset``) as matching candidates, ordered by primary key.

    A profile the core refuses (a broken value) is left out and logged, so one bad row
    never breaks a ranking.
    """
    base = queryset if queryset is not None else Candidate.objects.all()
    rows = base.active().only("pk", *PROFILE_FIELDS).order_by("pk")  # type: ignore[attr-defined]
    result = []
    for candidate in rows:
        try:
            result.append(as_match_candidate(candidate=candidate))
        except (TypeError, ValueError):
            logger.warning("Kandidaat %s overgeslagen: profiel niet te lezen", candidate.pk)
    return result


@dataclass(frozen=True, slots=True)
class Completeness:
    """How complete a profile is: the share (0-1) and the Dutch names of what is missing."""

    share: float
    filled: int
    total: int
    missing: tuple[str, ...]

    @property
    def percent(self) -> int:
        return round(100 * self.share)


def completeness(*, candidate: Candidate) -> Completeness:
    """The core's completeness of this profile (matching counts it as one part of the score)."""
    profile = as_match_candidate(candidate=candidate)
    missing = profile.missing_fields
    total = len(COMPLETENESS_FIELDS)
    return Completeness(
        share=profile.completeness, filled=total - len(missing), total=total, missing=missing
    )


# --- Choices from the task list and the places (cached per process) -------------------------

GENERAL_GROUP = "algemeen"
GENERAL_LABEL = gettext_lazy("Algemeen, in veel sectoren")
#: A skill used by tasks in at least this many sectors goes into the general group.
GENERAL_SECTOR_COUNT = 3

Choices = list[tuple[str, str]]
#: (group code, group label, choices); the label may be a lazy translation.
GroupedChoices = list[tuple[str, Any, Choices]]


@cache
def task_choices() -> GroupedChoices:
    """(sector code, Dutch sector name, [(task id, task name)]) in the order of the sectors."""
    catalogue = matching.load_catalogue()
    groups: GroupedChoices = []
    for sector in SECTORS:
        tasks = sorted(catalogue.in_sector(sector), key=lambda t: t.name.lower())
        if tasks:
            groups.append((sector, SECTOR_LABELS[sector], [(t.id, t.name) for t in tasks]))
    return groups


@cache
def skill_choices() -> GroupedChoices:
    """Skills grouped: first the general ones (used in several sectors), then per sector
    the skills mostly used there. Each skill is in exactly one group."""
    catalogue = matching.load_catalogue()
    sectors_of: dict[str, dict[str, int]] = {}
    for task in catalogue.tasks.values():
        for skill_id in task.skills:
            counts = sectors_of.setdefault(skill_id, {})
            counts[task.sector] = counts.get(task.sector, 0) + 1
    members: dict[str, list[tuple[str, str]]] = {}
    for skill in catalogue.skills.values():
        counts = sectors_of.get(skill.id, {})
        if not counts or len(counts) >= GENERAL_SECTOR_COUNT:
            group = GENERAL_GROUP
        else:
            group = min(counts, key=lambda s: (-counts[s], SECTORS.index(s)))
        members.setdefault(group, []).append((skill.id, skill.name))
    order = [GENERAL_GROUP, *SECTORS]
    labels: dict[str, Any] = {GENERAL_GROUP: GENERAL_LABEL, **SECTOR_LABELS}
    return [
        (group, labels[group], sorted(members[group], key=lambda c: c[1].lower()))
        for group in order
        if group in members
    ]


@cache
def place_choices() -> list[tuple[str, Choices]]:
    """(municipality, [(place id, place name)]) for a grouped select."""
    places = matching.load_places()
    return [
        (municipality, sorted(((p.id, p.name) for p in group), key=lambda c: c[1]))
        for municipality, group in sorted(places.by_municipality().items())
    ]


@cache
def licence_choices() -> Choices:
    return [(lic.id, lic.name) for lic in matching.load_catalogue().licences.values()]


@cache
def task_names() -> dict[str, str]:
    return {t.id: t.name for t in matching.load_catalogue().tasks.values()}


@cache
def skill_names() -> dict[str, str]:
    return {s.id: s.name for s in matching.load_catalogue().skills.values()}


@cache
def place_names() -> dict[str, str]:
    return {p.id: p.name for p in matching.load_places().places}


@cache
def sector_task_ids(sector: str) -> tuple[str, ...]:
    return tuple(t.id for t in matching.load_catalogue().in_sector(sector))


def names_of(ids: Iterable[str], names: dict[str, str]) -> list[str]:
    """Dutch names in the order given; an unknown id is shown as it is."""
    return [names.get(i, i) for i in ids]


__all__ = [
    "CASE_ROLES",
    "IDENTITY_FIELDS",
    "PROFILE_FIELDS",
    "STAFF_ROLES",
    "Completeness",
    "ConsentState",
    "as_match_candidate",
    "can_change_candidate",
    "can_create_candidate",
    "can_release",
    "can_see_identity",
    "candidate_get",
    "candidate_list",
    "candidates_visible_to",
    "completeness",
    "consent_events",
    "consent_link",
    "consent_state",
    "licence_choices",
    "match_candidates",
    "place_choices",
    "place_names",
    "released_candidates",
    "released_to_employer",
    "sector_task_ids",
    "skill_choices",
    "skill_names",
    "task_choices",
    "task_names",
    "worker_for_new_profile",
    "worker_profile_defaults",
]
