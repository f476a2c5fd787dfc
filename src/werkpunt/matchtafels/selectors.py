"""Reads of the matchtafels app, scoped by the user who asks (see docs/matchtafels.md).

Who sees what:

- advisers and teamleiders see every matchtafel (a shared regional instrument); a person's
  name only where they may see the identity (own organisation, own adviser, or released);
- an employer user sees only the matchtafels its employer takes part in, read-only, with
  references instead of names unless the person is released (both keys, not withdrawn);
- everyone else sees none; the board gets :func:`matchtafel_kpis` through the dashboard.

:func:`gather` collects who and what comes to the table; :func:`session_sheet` turns the
stored proposal (``MatchtafelPair`` rows) and the outcomes into rows for the screens and
the printed session sheet.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from werkpunt.accounts.models import Role
from werkpunt.accounts.permissions import profile_of, role_of
from werkpunt.candidates.models import Candidate
from werkpunt.demands.models import Demand, DemandStatus
from werkpunt.matching import Candidate as MatchCandidate
from werkpunt.matching import Demand as MatchDemand
from werkpunt.matching import Matcher
from werkpunt.matchtafels.models import (
    Matchtafel,
    MatchtafelOutcome,
    MatchtafelPair,
    MatchtafelStatus,
    OutcomeKind,
    PairKind,
)
from werkpunt.placements.models import Placement, PlacementStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from werkpunt.employers.models import Employer

    UserLike = User | AnonymousUser

CASE_ROLES = frozenset({Role.ADVISER, Role.TEAM_LEAD})
#: Outcomes that put the person at the employer (a placement is made); they take a place.
TAKING_KINDS = (OutcomeKind.PLACED, OutcomeKind.TRIAL)


@functools.cache
def matcher() -> Matcher:
    """The shipped places and task list, loaded once per process."""
    return Matcher.default()


# --- Which matchtafels ---------------------------------------------------------------------


def matchtafels_visible_to(*, user: UserLike) -> QuerySet[Matchtafel]:
    """All for advisers and teamleiders; for an employer user the ones its employer joins."""
    matchtafels = Matchtafel.objects.all()
    role = role_of(user)
    if role in CASE_ROLES:
        return matchtafels
    if role is Role.EMPLOYER:
        profile = profile_of(user)
        assert profile is not None
        return matchtafels.filter(
            pk__in=Matchtafel.objects.filter(
                employers__organisation_id=profile.organisation_id
            ).values("pk")
        )
    return matchtafels.none()


def matchtafel_get(*, user: UserLike, pk: int) -> Matchtafel | None:
    """One matchtafel the user may see, or ``None`` (the view answers 404)."""
    return matchtafels_visible_to(user=user).filter(pk=pk).first()


def can_manage(*, user: UserLike) -> bool:
    """Plan matchtafels: advisers and teamleiders."""
    return role_of(user) in CASE_ROLES


def can_change(*, user: UserLike, matchtafel: Matchtafel) -> bool:
    """Change it, make the proposal, record outcomes: a teamleider, or an adviser who takes
    part in it or planned it."""
    role = role_of(user)
    if role is Role.TEAM_LEAD:
        return True
    if role is not Role.ADVISER:
        return False
    if user.pk is None:
        return False
    return matchtafel.created_by_id == user.pk or matchtafel.advisers.filter(pk=user.pk).exists()


@dataclass(frozen=True, slots=True)
class ListRow:
    matchtafel: Matchtafel
    employer_count: int
    proposal_count: int
    outcome_count: int
    placed_count: int


def matchtafel_list(*, user: UserLike, today: dt.date) -> tuple[list[ListRow], list[ListRow]]:
    """(upcoming, past): upcoming soonest first, past newest first, each with counts."""
    matchtafels = matchtafels_visible_to(user=user).annotate(
        employer_count=Count("employers", distinct=True),
        proposal_count=Count("pairs", filter=Q(pairs__kind=PairKind.ASSIGNED), distinct=True),
        outcome_count=Count("outcomes", distinct=True),
        placed_count=Count("outcomes", filter=Q(outcomes__kind=OutcomeKind.PLACED), distinct=True),
    )

    def row(m: Any) -> ListRow:
        return ListRow(m, m.employer_count, m.proposal_count, m.outcome_count, m.placed_count)

    upcoming = [
        row(m)
        for m in matchtafels.filter(date__gte=today, status=MatchtafelStatus.PLANNED).order_by(
            "date", "pk"
        )
    ]
    past = [
        row(m)
        for m in matchtafels.exclude(date__gte=today, status=MatchtafelStatus.PLANNED).order_by(
            "-date", "-pk"
        )
    ]
    return upcoming, past


def employer_choices() -> QuerySet[Employer]:
    """Employers that can take part, by municipality and name."""
    from werkpunt.employers.models import Employer

    return Employer.objects.order_by("municipality", "name", "pk")


def adviser_choices() -> QuerySet[Any]:
    """Accounts that can join as adviser: advisers and teamleiders of every partner."""
    from werkpunt.accounts.selectors import users_with_role

    return users_with_role(Role.ADVISER, Role.TEAM_LEAD)


def employer_of_user(*, user: UserLike) -> Employer | None:
    """The own employer of an employer user."""
    from werkpunt.employers.selectors import employer_for_portal

    return employer_for_portal(user=user)


# --- Identity -------------------------------------------------------------------------------


def can_see_identity(*, user: UserLike, candidate: Candidate) -> bool:
    """May ``user`` see the name of ``candidate`` on a matchtafel screen?

    Staff: the rule of the candidates app (the candidate's own adviser and organisation).
    An employer user: only while the candidate is released (both keys, not withdrawn); the
    caller has already checked that the employer takes part in this matchtafel, which is
    the context the release is for. Asked every time, so a withdrawal takes effect at once.
    """
    from werkpunt.candidates.selectors import can_see_identity as candidate_identity
    from werkpunt.candidates.selectors import released_to_employer

    if not user.is_authenticated or candidate.anonymised_at is not None:
        return False
    if role_of(user) is Role.EMPLOYER:
        return released_to_employer(candidate=candidate)
    return candidate_identity(user=user, candidate=candidate)


# --- From the database to the pure matching core -------------------------------------------


def match_candidate(*, candidate: Candidate) -> MatchCandidate:
    """The work profile for the core (``candidates.selectors.as_match_candidate``)."""
    from werkpunt.candidates.selectors import as_match_candidate

    return as_match_candidate(candidate=candidate)


def match_demand(*, demand: Demand) -> MatchDemand:
    """The demand for the core (``demands.selectors.as_match_demand``); ``ValueError`` for a
    demand without tasks."""
    from werkpunt.demands.selectors import as_match_demand

    return as_match_demand(demand=demand)


# --- Who and what comes to the table --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GatheredPerson:
    """A candidate whose contract at a participating employer ends in the period."""

    candidate: Candidate
    ending_placement: Placement


@dataclass(frozen=True, slots=True)
class MissingProfile:
    """An ending contract the adviser must act on first: no profile, or no consent."""

    placement: Placement
    code: str  # "no_profile", "inactive", "no_consent", "withdrawn"
    reason: str
    #: Where to act: make a profile, or open the candidate.
    action_url: str
    action_text: str


@dataclass(frozen=True, slots=True)
class Place:
    """An open demand of a participating employer, with its number of places."""

    demand: Demand
    positions: int


@dataclass(frozen=True, slots=True)
class Gathering:
    people: tuple[GatheredPerson, ...]
    missing: tuple[MissingProfile, ...]
    places: tuple[Place, ...]

    def candidate_ids(self) -> set[int]:
        return {p.candidate.pk for p in self.people}


def _url(name: str, *, args: Sequence[Any] = (), query: str = "") -> str:
    try:
        url = reverse(name, args=list(args))
    except NoReverseMatch:
        return ""
    return f"{url}?{query}" if query else url


def has_consent(candidate: Candidate) -> bool:
    """The candidate's own key: consent given and not withdrawn (and not anonymised)."""
    return (
        candidate.candidate_consent_at is not None
        and candidate.consent_withdrawn_at is None
        and candidate.anonymised_at is None
    )


def ending_placements(*, matchtafel: Matchtafel) -> QuerySet[Placement]:
    """Active or planned placements at the participants whose contract ends in the period."""
    return (
        Placement.objects.filter(
            employer__in=matchtafel.employers.all(),
            status__in=(PlacementStatus.ACTIVE, PlacementStatus.PLANNED),
            end_date__gte=matchtafel.period_start,
            end_date__lte=matchtafel.period_end,
            worker__anonymised_at__isnull=True,
        )
        .select_related("employer", "worker")
        .order_by("end_date", "pk")
    )


def _missing(placement: Placement, candidate: Candidate | None) -> MissingProfile:
    if candidate is None:
        return MissingProfile(
            placement=placement,
            code="no_profile",
            reason=_("Er is nog geen profiel. Maak een profiel en vraag toestemming."),
            action_url=_url("candidates:create", query=f"werknemer={placement.worker_id}"),
            action_text=_("Profiel maken"),
        )
    detail = _url("candidates:detail", args=[candidate.pk])
    if not candidate.is_active or candidate.anonymised_at is not None:
        return MissingProfile(
            placement=placement,
            code="inactive",
            reason=_("Het profiel staat op ‘zoekt geen werk’."),
            action_url=detail,
            action_text=_("Profiel bekijken"),
        )
    if candidate.consent_withdrawn_at is not None:
        return MissingProfile(
            placement=placement,
            code="withdrawn",
            reason=_("De toestemming is ingetrokken. Deze persoon komt niet aan tafel."),
            action_url=detail,
            action_text=_("Profiel bekijken"),
        )
    return MissingProfile(
        placement=placement,
        code="no_consent",
        reason=_("De kandidaat gaf nog geen toestemming. Vraag die eerst."),
        action_url=detail,
        action_text=_("Toestemming vragen"),
    )


def gather(*, matchtafel: Matchtafel) -> Gathering:
    """Who and what comes to the table (see the module text and docs/matchtafels.md).

    People: the ending placements of the participants whose worker has an active profile
    with the candidate's consent (not withdrawn). A worker with two ending contracts comes
    once, with the contract that ends last. The other ending contracts are listed in
    ``missing`` for the adviser. Places: the open demands (not open hiring) of the
    participants, each with its number of places.
    """
    placements = list(ending_placements(matchtafel=matchtafel))
    worker_ids = {p.worker_id for p in placements}
    candidates = {
        c.worker_id: c
        for c in Candidate.objects.filter(worker_id__in=worker_ids).select_related(
            "organisation", "adviser"
        )
    }
    people: dict[int, GatheredPerson] = {}
    missing: list[MissingProfile] = []
    for placement in placements:
        candidate = candidates.get(placement.worker_id)
        if (
            candidate is not None
            and candidate.is_active
            and candidate.anonymised_at is None
            and has_consent(candidate)
        ):
            # Ordered by end date: a later contract of the same worker replaces an earlier one.
            people[candidate.pk] = GatheredPerson(candidate, placement)
        else:
            missing.append(_missing(placement, candidate))
    ordered = sorted(
        people.values(), key=lambda p: (p.ending_placement.end_date or dt.date.max, p.candidate.pk)
    )
    demands = (
        Demand.objects.filter(
            employer__in=matchtafel.employers.all(),
            status=DemandStatus.OPEN,
            open_hiring=False,
        )
        .select_related("employer")
        .prefetch_related("tasks")
        .order_by("employer__name", "employer_id", "title", "pk")
    )
    places = tuple(Place(d, int(d.positions)) for d in demands if d.positions > 0)
    return Gathering(people=tuple(ordered), missing=tuple(missing), places=places)


def taken_positions(*, demand_ids: Iterable[int]) -> dict[int, int]:
    """Per demand: places taken by a placed or trial outcome (of any matchtafel)."""
    rows = (
        MatchtafelOutcome.objects.filter(demand_id__in=list(demand_ids), kind__in=TAKING_KINDS)
        .values("demand_id")
        .annotate(n=Count("pk"))
    )
    return {row["demand_id"]: row["n"] for row in rows}


# --- The session sheet: proposal, alternatives, reasons, outcomes ---------------------------


@dataclass(frozen=True, slots=True)
class PairView:
    demand: Demand
    score: float
    rank: int
    explanation: tuple[str, ...]

    @property
    def percent(self) -> int:
        return round(100 * self.score)


@dataclass
class PersonRow:
    candidate: Candidate
    #: The name when the viewer may see it, else the reference (K-000123).
    label: str
    show_name: bool
    ending_placement: Placement | None
    assigned: PairView | None = None
    alternatives: list[PairView] = field(default_factory=list)
    outcome: MatchtafelOutcome | None = None
    #: Why there is no proposed place (after a proposal; staff only).
    reason: str = ""
    #: Still gathered now (consent, period); False for someone only kept by an outcome.
    gathered: bool = True


@dataclass
class PlaceRow:
    demand: Demand
    positions: int
    taken: int
    assigned: int
    reason: str = ""

    @property
    def open_after_proposal(self) -> int:
        return max(0, self.positions - self.taken - self.assigned)


@dataclass
class MissingRow:
    missing: MissingProfile
    #: The worker's name when the viewer works with this placement, else "".
    worker_name: str


@dataclass
class SessionSheet:
    matchtafel: Matchtafel
    employers: list[Employer]
    advisers: list[Any]
    people: list[PersonRow]
    places: list[PlaceRow]
    missing: list[MissingRow]
    proposed: bool
    is_staff: bool

    @property
    def assigned_rows(self) -> list[PersonRow]:
        return [row for row in self.people if row.assigned is not None]

    @property
    def unassigned_rows(self) -> list[PersonRow]:
        return [
            row
            for row in self.people
            if row.assigned is None
            and row.gathered
            and not (row.outcome is not None and row.outcome.kind in TAKING_KINDS)
        ]

    @property
    def unfilled_places(self) -> list[PlaceRow]:
        return [row for row in self.places if row.open_after_proposal > 0]

    @property
    def shown_names(self) -> list[Candidate]:
        return [row.candidate for row in self.people if row.show_name]

    @property
    def places_by_employer(self) -> list[tuple[str, list[PlaceRow]]]:
        groups: dict[int, tuple[str, list[PlaceRow]]] = {}
        for row in self.places:
            groups.setdefault(row.demand.employer_id, (row.demand.employer.name, []))[1].append(row)
        return list(groups.values())


def _person_reason(candidate: Candidate, demands: Sequence[MatchDemand], min_score: float) -> str:
    """Why a person got no place, in plain Dutch."""
    try:
        person = match_candidate(candidate=candidate)
    except ValueError as error:
        return _("Het profiel kan niet gematcht worden: %(error)s.") % {"error": error}
    if not demands:
        return _("Er zijn geen open plaatsen die mee kunnen doen.")
    results = [matcher().match(person, demand) for demand in demands]
    passing = [m for m in results if m.passed]
    if not passing:
        best = max(results, key=lambda m: m.score)
        first = best.failures[0].reason.text if best.failures else ""
        return _(
            "Past bij geen enkele werkvraag: een harde eis wordt niet gehaald. Bijvoorbeeld: %(reason)s"
        ) % {"reason": first}
    top = max(m.score for m in passing)
    if top < min_score:
        return _(
            "De beste score is %(score)s%%. Dat is lager dan de minimale score van %(min)s%%."
        ) % {"score": round(100 * top), "min": round(100 * min_score)}
    return _(
        "De plaatsen die passen, gingen naar anderen. Zo is de totale score het hoogst. "
        "Kijk bij de alternatieven."
    )


def _place_reason(place: Place, people: Sequence[MatchCandidate], min_score: float) -> str:
    """Why a place stays open, in plain Dutch."""
    try:
        demand = match_demand(demand=place.demand)
    except ValueError:
        return _("Deze werkvraag heeft geen taken. Vul de taken aan, dan doet hij mee.")
    if not people:
        return _("Er zijn geen mensen aan tafel.")
    results = [matcher().match(person, demand) for person in people]
    passing = [m for m in results if m.passed]
    if not passing:
        return _("Niemand aan tafel haalt de harde eisen van deze werkvraag.")
    if max(m.score for m in passing) < min_score:
        return _("Wie de eisen haalt, scoort lager dan de minimale score van %(min)s%%.") % {
            "min": round(100 * min_score)
        }
    return _("Er waren meer plaatsen dan mensen die passen.")


def session_sheet(*, matchtafel: Matchtafel, user: UserLike, printed: bool = False) -> SessionSheet:
    """Everything the detail page, the employer view and the printed sheet show.

    Identity is decided per person for ``user`` (:func:`can_see_identity`). The printed
    sheet (``printed=True``) goes on the table where the employers sit, so there a name is
    shown only for a released candidate, whoever prints it. The list of contracts without
    a profile and the reasons are for staff only. The caller records an audit event for
    :attr:`SessionSheet.shown_names`.
    """
    from werkpunt.candidates.selectors import released_to_employer

    is_staff = role_of(user) in CASE_ROLES
    gathering = gather(matchtafel=matchtafel)
    gathered = {p.candidate.pk: p for p in gathering.people}
    outcomes = {
        o.candidate_id: o
        for o in MatchtafelOutcome.objects.filter(matchtafel=matchtafel).select_related(
            "demand__employer", "placement", "candidate__organisation"
        )
    }
    pairs = list(
        MatchtafelPair.objects.filter(matchtafel=matchtafel)
        .select_related("demand__employer", "ending_placement__employer")
        .order_by("candidate_id", "rank", "pk")
    )
    people = [
        PersonRow(
            candidate=person.candidate,
            label="",
            show_name=False,
            ending_placement=person.ending_placement,
        )
        for person in gathering.people
    ]
    # Someone no longer gathered (consent withdrawn, contract ended early) stays only with
    # an outcome, and then without the proposal.
    for candidate_id, outcome in outcomes.items():
        if candidate_id not in gathered:
            people.append(
                PersonRow(
                    candidate=outcome.candidate,
                    label="",
                    show_name=False,
                    ending_placement=None,
                    gathered=False,
                )
            )
    rows = {row.candidate.pk: row for row in people}
    for row in people:
        if printed:
            row.show_name = user.is_authenticated and released_to_employer(candidate=row.candidate)
        else:
            row.show_name = can_see_identity(user=user, candidate=row.candidate)
        row.label = row.candidate.display_name if row.show_name else str(row.candidate)
        row.outcome = outcomes.get(row.candidate.pk)
    assigned_per_demand: dict[int, int] = {}
    for pair in pairs:
        pair_row = rows.get(pair.candidate_id)
        if pair_row is None or not pair_row.gathered:
            continue
        view = PairView(
            demand=pair.demand,
            score=pair.score,
            rank=pair.rank,
            explanation=tuple(str(line) for line in pair.explanation or ()),
        )
        if pair.kind == PairKind.ASSIGNED:
            pair_row.assigned = view
            assigned_per_demand[pair.demand_id] = assigned_per_demand.get(pair.demand_id, 0) + 1
        else:
            pair_row.alternatives.append(view)
    proposed = matchtafel.proposed_at is not None
    taken = taken_positions(demand_ids=[p.demand.pk for p in gathering.places])
    places = [
        PlaceRow(
            demand=place.demand,
            positions=place.positions,
            taken=taken.get(place.demand.pk, 0),
            assigned=assigned_per_demand.get(place.demand.pk, 0),
        )
        for place in gathering.places
    ]
    if proposed and is_staff:
        matchable: list[MatchCandidate] = []
        for person in gathering.people:
            try:
                matchable.append(match_candidate(candidate=person.candidate))
            except ValueError:
                continue
        for place_row in places:
            if place_row.open_after_proposal > 0:
                place_row.reason = _place_reason(
                    Place(place_row.demand, place_row.positions), matchable, matchtafel.min_score
                )
        sheet_unassigned = [
            row
            for row in people
            if row.assigned is None
            and row.gathered
            and not (row.outcome is not None and row.outcome.kind in TAKING_KINDS)
        ]
        open_demands: list[MatchDemand] = []
        for place_row in places:
            if place_row.positions - place_row.taken <= 0:
                continue
            try:
                open_demands.append(match_demand(demand=place_row.demand))
            except ValueError:
                continue
        for row in sheet_unassigned:
            row.reason = _person_reason(row.candidate, open_demands, matchtafel.min_score)
    missing: list[MissingRow] = []
    if is_staff:
        from werkpunt.placements.selectors import involved_placement_ids

        involved = involved_placement_ids(
            user=user, placement_ids=[m.placement.pk for m in gathering.missing]
        )
        missing = [
            MissingRow(m, m.placement.worker.display_name if m.placement.pk in involved else "")
            for m in gathering.missing
        ]
    return SessionSheet(
        matchtafel=matchtafel,
        employers=list(matchtafel.employers.order_by("name", "pk")),
        advisers=list(
            matchtafel.advisers.select_related("profile__organisation").order_by(
                "first_name", "last_name", "pk"
            )
        ),
        people=people,
        places=places,
        missing=missing,
        proposed=proposed,
        is_staff=is_staff,
    )


def outcome_demand_choices(
    *,
    matchtafel: Matchtafel,
    candidate: Candidate,
    open_demands: Sequence[Demand] | None = None,
) -> list[Demand]:
    """Demands an outcome may name: the open places (``open_demands`` when the caller has
    gathered them already), plus this person's proposed demands and the demand of an earlier
    outcome (even when filled since)."""
    if open_demands is None:
        open_demands = [p.demand for p in gather(matchtafel=matchtafel).places]
    found: dict[int, Demand] = {d.pk: d for d in open_demands}
    extra_ids = set(
        MatchtafelPair.objects.filter(matchtafel=matchtafel, candidate=candidate).values_list(
            "demand_id", flat=True
        )
    )
    extra_ids |= set(
        MatchtafelOutcome.objects.filter(
            matchtafel=matchtafel, candidate=candidate, demand__isnull=False
        ).values_list("demand_id", flat=True)
    )
    extra_ids -= set(found)
    if extra_ids:
        for demand in Demand.objects.filter(
            pk__in=extra_ids, employer__in=matchtafel.employers.all()
        ).select_related("employer"):
            found[demand.pk] = demand
    return sorted(found.values(), key=lambda d: (d.employer.name, d.title, d.pk))


def person_at_table(*, matchtafel: Matchtafel, candidate_id: int) -> GatheredPerson | None:
    """The gathered person with this candidate id, or ``None``."""
    for person in gather(matchtafel=matchtafel).people:
        if person.candidate.pk == candidate_id:
            return person
    return None


def outcome_candidate(*, matchtafel: Matchtafel, candidate_id: int) -> Candidate | None:
    """A candidate an outcome may be recorded for: gathered now, or with an earlier outcome."""
    person = person_at_table(matchtafel=matchtafel, candidate_id=candidate_id)
    if person is not None:
        return person.candidate
    outcome = (
        MatchtafelOutcome.objects.filter(matchtafel=matchtafel, candidate_id=candidate_id)
        .select_related("candidate")
        .first()
    )
    return outcome.candidate if outcome is not None else None


# --- Figures for the dashboard --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MatchtafelKpis:
    sessions_held: int
    people_brought: int
    placed: int
    trial: int
    talk: int
    no_match: int

    def as_dict(self) -> dict[str, int]:
        return {
            "sessions_held": self.sessions_held,
            "people_brought": self.people_brought,
            "placed": self.placed,
            "trial": self.trial,
            "talk": self.talk,
            "no_match": self.no_match,
        }


def matchtafel_kpis(*, since: dt.date, until: dt.date) -> MatchtafelKpis:
    """Counts over the matchtafels held with a date in [since, until] (aggregates only).

    ``people_brought``: distinct people in the proposal or with an outcome at those
    sessions. The outcome counts are per person (one outcome per person per session).
    """
    held = Matchtafel.objects.filter(status=MatchtafelStatus.HELD, date__gte=since, date__lte=until)
    held_ids = list(held.values_list("pk", flat=True))
    brought = set(
        MatchtafelPair.objects.filter(matchtafel_id__in=held_ids).values_list(
            "matchtafel_id", "candidate_id"
        )
    ) | set(
        MatchtafelOutcome.objects.filter(matchtafel_id__in=held_ids).values_list(
            "matchtafel_id", "candidate_id"
        )
    )
    kinds = dict(
        MatchtafelOutcome.objects.filter(matchtafel_id__in=held_ids)
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    return MatchtafelKpis(
        sessions_held=len(held_ids),
        people_brought=len(brought),
        placed=kinds.get(OutcomeKind.PLACED, 0),
        trial=kinds.get(OutcomeKind.TRIAL, 0),
        talk=kinds.get(OutcomeKind.TALK, 0),
        no_match=kinds.get(OutcomeKind.NO_MATCH, 0),
    )
