"""Reads of the demands app, always scoped by the user who asks.

Who sees what (``docs/demands.md``):

- advisers and teamleiders of all seven partners see every demand, its ranking, its
  proposals and its log. A candidate's identity (name, mail, phone) only when they may see
  it (:func:`can_see_identity`: the candidate's own adviser and organisation); everyone else
  sees the anonymous reference (K-000123);
- an employer user sees only the demands of its own employer, and of the proposals only
  those whose candidate is released **at the moment of asking**
  (``Candidate.objects.released()``), so a withdrawal hides a proposal at once;
- everyone else sees nothing here.

Matching itself is ``werkpunt.matching`` (pure). The ranking scores every active candidate
at once with the vectorised pool (built once per process and kept while the active
candidates do not change), and explains only the few shown, with the scalar ``match``.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np
from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from werkpunt.accounts.models import Role
from werkpunt.accounts.permissions import CASE_ROLES, profile_of, role_of
from werkpunt.candidates.models import Candidate
from werkpunt.candidates.selectors import PROFILE_FIELDS, as_match_candidate, can_see_identity
from werkpunt.demands.models import (
    Demand,
    DemandStatus,
    DemandTask,
    MatchAction,
    MatchLogEntry,
    MatchProposal,
    OpenHiringSignUp,
    ProposalStatus,
)
from werkpunt.matching import (
    DEFAULT_WEIGHTS,
    PARTS,
    CandidatePool,
    Match,
    Matcher,
    Reason,
    SignUp,
)
from werkpunt.matching import Candidate as MatchCandidate
from werkpunt.matching import Demand as MatchDemand
from werkpunt.matching import DemandTask as MatchDemandTask
from werkpunt.matching import open_hiring_list as core_open_hiring_list
from werkpunt.matching.fast import top_k_indices
from werkpunt.matching.vocab import SUPPORT_NEEDS

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    UserLike = User | AnonymousUser

#: The parts of a score with their labels on the screens (the core's labels, translatable).
PART_LABELS: dict[str, Any] = {
    "tasks": _("Taken"),
    "skills": _("Vaardigheden"),
    "travel": _("Reistijd"),
    "hours": _("Uren"),
    "interests": _("Interesses"),
    "completeness": _("Volledig profiel"),
}

#: Functional support needs, as shown after "nodig:" (never a diagnosis, never scored).
SUPPORT_LABELS: dict[str, Any] = {
    "jobcoach": _("jobcoach"),
    "aanpassing-werkplek": _("aangepaste werkplek"),
    "aangepaste-werktijden": _("aangepaste werktijden"),
    "vaste-collega": _("vaste collega of buddy"),
    "vervoer": _("hulp bij vervoer"),
    "taalondersteuning": _("ondersteuning bij de Nederlandse taal"),
    "begeleiding-bij-start": _("begeleiding bij de start"),
}
assert set(SUPPORT_LABELS) == set(SUPPORT_NEEDS)

#: The scale of the weights form: the default weights times ten (3,5 for tasks … 0,5).
WEIGHT_SCALE = 10
WEIGHT_MAX = 5

#: How many "almost" candidates the matching screen shows below the ranking.
ALMOST_COUNT = 5

#: The statuses an employer may set on a proposal in the portal.
EMPLOYER_STATUSES = (ProposalStatus.INVITED, ProposalStatus.DECLINED)
#: Statuses after which nothing changes any more.
FINAL_STATUSES = (ProposalStatus.HIRED, ProposalStatus.DECLINED, ProposalStatus.WITHDRAWN)


# --- Who may see what --------------------------------------------------------------------------


def demands_visible_to(*, user: UserLike) -> QuerySet[Demand]:
    """Every demand for advisers and teamleiders; the own employer's for an employer user."""
    demands = Demand.objects.select_related("employer")
    role = role_of(user)
    if role in CASE_ROLES:
        return demands.all()
    if role is Role.EMPLOYER:
        profile = profile_of(user)
        assert profile is not None
        return demands.filter(employer__organisation_id=profile.organisation_id)
    return demands.none()


def demand_get(*, user: UserLike, pk: int) -> Demand | None:
    """One demand the user may see, or ``None`` (the view answers 404)."""
    return demands_visible_to(user=user).filter(pk=pk).first()


def demand_list(
    *, user: UserLike, status: str = "", employer_id: int | None = None
) -> QuerySet[Demand]:
    """The visible demands, filtered, newest first, with their hours summed."""
    demands = demands_visible_to(user=user).prefetch_related("tasks")
    if status:
        demands = demands.filter(status=status)
    if employer_id is not None:
        demands = demands.filter(employer_id=employer_id)
    return demands.order_by("-created_at", "-pk")


def employer_for_new_demand(*, user: UserLike, employer_id: int) -> Any:
    """The employer a new demand is for: advisers of every partner share all employers."""
    from werkpunt.employers.models import Employer

    if role_of(user) not in CASE_ROLES:
        return None
    return Employer.objects.filter(pk=employer_id).first()


def identity_visible_ids(*, user: UserLike, candidates: Iterable[Candidate]) -> set[int]:
    """Of these candidates, the ones whose identity ``user`` may see."""
    return {c.pk for c in candidates if can_see_identity(user=user, candidate=c)}


# --- From the database to the matching core ----------------------------------------------------


def _codes(value: Any) -> frozenset[str]:
    """A JSON list of codes as a set (anything else, e.g. a stray text, counts as empty)."""
    if isinstance(value, list | tuple):
        return frozenset(str(v) for v in value)
    return frozenset()


def _number(value: Decimal | float | int | None) -> float | None:
    return None if value is None else float(value)


def as_match_task(*, task: DemandTask) -> MatchDemandTask:
    return MatchDemandTask(
        task_id=task.task_id,
        hours=float(task.hours),
        weight=float(task.weight),
        skills=_codes(task.skills),
        physical_load=task.physical_load,
        language=task.language,
        sector=task.sector,
        name=task.name,
    )


def as_match_demand(*, demand: Demand, weights: Mapping[str, float] | None = None) -> MatchDemand:
    """``demand`` with its task rows as the matching core's ``Demand`` (Decimal → float).

    ``weights`` (optional) replaces the demand's own weights, e.g. to preview a change.
    Raises ``ValueError`` (Dutch) for a demand without tasks or with a broken value.
    """
    chosen = demand.weights if weights is None else weights
    clean = {p: float(w) for p, w in (chosen or {}).items() if p in PARTS}
    return MatchDemand(
        id=str(demand.pk),
        place=demand.place,
        tasks=tuple(as_match_task(task=t) for t in demand.tasks.all()),
        min_hours=_number(demand.min_hours),
        days=_codes(demand.days),
        required_licences=_codes(demand.required_licences),
        language_min=demand.language_min or "geen",
        open_hiring=demand.open_hiring,
        weights=clean or None,
        support_offered=_codes(demand.support_offered),
        employer_id=str(demand.employer_id),
    )


def match_candidate(*, candidate: Candidate) -> MatchCandidate:
    """The anonymous work profile as the core sees it (the candidates app's conversion: only
    work-profile fields, never name, mail, phone or organisation)."""
    return as_match_candidate(candidate=candidate)


# --- The matcher and the pool of active candidates (one per process) ---------------------------

_lock = threading.Lock()
_matcher: Matcher | None = None


def matcher() -> Matcher:
    """The shipped places and task list, loaded once per process."""
    global _matcher  # noqa: PLW0603 - a per-process cache
    if _matcher is None:
        _matcher = Matcher.default()
    return _matcher


@dataclass(frozen=True)
class ActivePool:
    """The active candidates as arrays, and the key they were built for."""

    key: tuple[int, int, str]
    pool: CandidatePool
    profiles: tuple[MatchCandidate, ...]
    #: Model pk per row of the pool.
    pks: tuple[int, ...]
    #: Row per model pk.
    rows: dict[int, int]


_pool: ActivePool | None = None


def _active_key() -> tuple[int, int, str]:
    stats = Candidate.objects.active().aggregate(
        n=Count("pk"), top=Max("pk"), last=Max("updated_at")
    )
    last = stats["last"]
    return (int(stats["n"] or 0), int(stats["top"] or 0), last.isoformat() if last else "")


def active_pool() -> ActivePool:
    """The pool of every active candidate, rebuilt only when (count, newest pk, newest
    ``updated_at``) of the active candidates changed since the last build in this process."""
    global _pool  # noqa: PLW0603 - a per-process cache
    key = _active_key()
    current = _pool
    if current is not None and current.key == key:
        return current
    with _lock:
        current = _pool
        if current is not None and current.key == key:
            return current
        profiles: list[MatchCandidate] = []
        pks: list[int] = []
        rows = Candidate.objects.active().only("pk", *PROFILE_FIELDS).order_by("pk")
        for candidate in rows.iterator(chunk_size=2000):
            try:
                profiles.append(match_candidate(candidate=candidate))
            except (TypeError, ValueError):
                continue  # a profile the core refuses cannot be matched; the profile page says so
            pks.append(candidate.pk)
        built = ActivePool(
            key=key,
            pool=matcher().pool(profiles),
            profiles=tuple(profiles),
            pks=tuple(pks),
            rows={pk: row for row, pk in enumerate(pks)},
        )
        _pool = built
        return built


def clear_pool_cache() -> None:
    """Forget the pool (tests; after a bulk import)."""
    global _pool  # noqa: PLW0603 - a per-process cache
    _pool = None


# --- Explanations for the screens --------------------------------------------------------------


def reason_text(*, reason: Reason) -> str:
    """A core explanation line in the active language."""
    template = gettext(reason.template)
    return template % dict(reason.params) if reason.params else template


@dataclass(frozen=True)
class PartView:
    name: str
    label: str
    value: float
    #: The share of this part in the score, in percent (the weights are relative).
    weight_percent: int
    text: str

    @property
    def percent(self) -> int:
        return round(100 * self.value)


@dataclass(frozen=True)
class TaskCover:
    task_id: str
    name: str
    hours: Decimal | float


@dataclass(frozen=True)
class Explanation:
    """Everything the screens show about one candidate for one demand, as Dutch text."""

    passed: bool
    score: float
    failures: tuple[str, ...]
    #: Constraint codes of the failures (hours, travel, …).
    failure_codes: tuple[str, ...]
    parts: tuple[PartView, ...]
    covered: tuple[TaskCover, ...]
    covered_hours: float
    partial_text: str
    not_doable: tuple[str, ...]
    suggestions: tuple[str, ...]
    #: Support needs by code, with whether the employer offers it.
    support: tuple[tuple[str, bool], ...]
    support_notes: tuple[str, ...]

    @property
    def percent(self) -> int:
        return round(100 * self.score)

    @property
    def support_labels(self) -> list[str]:
        return [str(SUPPORT_LABELS.get(code, code)) for code, _ in self.support]


def explain(*, result: Match, demand: Demand, support_needs: Iterable[str] = ()) -> Explanation:
    """The Dutch explanation of one match (``demand`` gives the task names and hours)."""
    rows = {t.task_id: t for t in demand.tasks.all()}
    total = sum(result.weights.values()) or 1.0
    parts = tuple(
        PartView(
            name=p.name,
            label=str(PART_LABELS[p.name]),
            value=p.value,
            weight_percent=round(100 * p.weight / total),
            text=reason_text(reason=p.reason),
        )
        for p in result.parts
    )
    partial = result.partial
    covered = tuple(
        TaskCover(task_id, rows[task_id].name or task_id, rows[task_id].hours)
        for task_id in (partial.task_ids if partial else ())
        if task_id in rows
    )
    offered = set(demand.support_offered or [])
    return Explanation(
        passed=result.passed,
        score=result.score,
        failures=tuple(reason_text(reason=f.reason) for f in result.failures),
        failure_codes=tuple(f.constraint for f in result.failures),
        parts=parts,
        covered=covered,
        covered_hours=partial.hours if partial else 0.0,
        partial_text=reason_text(reason=partial.reason) if partial and partial.reason else "",
        not_doable=tuple(reason_text(reason=r) for r in partial.not_doable) if partial else (),
        suggestions=tuple(reason_text(reason=s.reason) for s in result.suggestions),
        support=tuple((code, code in offered) for code in sorted(support_needs)),
        support_notes=tuple(reason_text(reason=n) for n in result.notes),
    )


def match_one(*, demand: Demand, candidate: Candidate) -> Match:
    """Score and explain one pair from the database, as it is now."""
    return matcher().match(match_candidate(candidate=candidate), as_match_demand(demand=demand))


# --- The ranking of one demand -----------------------------------------------------------------


@dataclass(frozen=True)
class RankedCandidate:
    position: int
    candidate: Candidate
    match: Match
    explanation: Explanation
    #: The open proposal of this candidate for this demand, if any.
    proposal: MatchProposal | None = None


@dataclass(frozen=True)
class AlmostCandidate:
    candidate: Candidate
    match: Match
    explanation: Explanation
    #: The one hard constraint that fails, as Dutch text.
    failure: str


@dataclass(frozen=True)
class Ranking:
    demand: Demand
    rows: tuple[RankedCandidate, ...] = ()
    almost: tuple[AlmostCandidate, ...] = ()
    #: Active candidates that were scored.
    considered: int = 0
    #: Candidates marked "past niet" for this demand (left out).
    hidden: int = 0
    #: The weights used, by part (relative).
    weights: Mapping[str, float] = field(default_factory=dict)
    #: A Dutch reason when no ranking could be made (no tasks, open hiring).
    problem: str = ""


def not_suitable_ids(*, demand: Demand) -> set[int]:
    """Candidates an adviser marked "past niet" for this demand."""
    return set(
        MatchLogEntry.objects.filter(
            demand=demand, action=MatchAction.NOT_SUITABLE, candidate__isnull=False
        ).values_list("candidate_id", flat=True)
    )


def open_proposals(*, demand: Demand) -> dict[int, MatchProposal]:
    """The proposals for this demand that were not withdrawn, by candidate pk."""
    proposals = MatchProposal.objects.filter(demand=demand).exclude(status=ProposalStatus.WITHDRAWN)
    return {p.candidate_id: p for p in proposals}


def _single_failure(bits: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """True where exactly one hard constraint fails (a power of two, not open hiring)."""
    one: np.ndarray[Any, Any] = (bits != 0) & ((bits & (bits - 1)) == 0)
    return one


def ranking(*, demand: Demand, k: int = 20, weights: Mapping[str, float] | None = None) -> Ranking:
    """The ``k`` best active candidates that pass every hard constraint, best first, each
    fully explained, plus up to :data:`ALMOST_COUNT` candidates that fail exactly one hard
    constraint (best score first, with that constraint).

    Every active candidate is scored at once with the vectorised pool (ties: smaller id
    first, as ``Matcher.rank``); only the few shown are explained with ``Matcher.match``.
    Candidates marked "past niet" for this demand are left out. Open-hiring demands get
    no ranking (no score at all).
    """
    if demand.open_hiring:
        return Ranking(demand=demand, problem=gettext("Open hiring: hier is geen ranglijst."))
    try:
        wanted = as_match_demand(demand=demand, weights=weights)
    except ValueError:
        return Ranking(
            demand=demand,
            problem=gettext("Er is nog geen ranglijst: geef de werkvraag eerst één of meer taken."),
        )
    active = active_pool()
    used = dict(zip(PARTS, wanted.effective_weights, strict=True))
    if not active.pks:
        return Ranking(demand=demand, weights=used)
    hidden = not_suitable_ids(demand=demand)
    keep = np.ones(len(active.pks), dtype=np.bool_)
    for pk in hidden:
        row = active.rows.get(pk)
        if row is not None:
            keep[row] = False
    scores = active.pool.score_demand(wanted)
    best = top_k_indices(scores.score, scores.passed & keep, active.pool.id_rank, k)
    near = top_k_indices(
        scores.score,
        _single_failure(scores.failures) & keep & (scores.parts["tasks"] > 0),
        active.pool.id_rank,
        ALMOST_COUNT,
    )
    chosen = [int(i) for i in best] + [int(i) for i in near]
    models = Candidate.objects.in_bulk([active.pks[i] for i in chosen])
    proposals = open_proposals(demand=demand)
    m = matcher()
    rows: list[RankedCandidate] = []
    for i in (int(i) for i in best):
        candidate = models.get(active.pks[i])
        if candidate is None:
            continue
        result = m.match(active.profiles[i], wanted)
        rows.append(
            RankedCandidate(
                position=len(rows) + 1,
                candidate=candidate,
                match=result,
                explanation=explain(
                    result=result, demand=demand, support_needs=active.profiles[i].support_needs
                ),
                proposal=proposals.get(candidate.pk),
            )
        )
    almost: list[AlmostCandidate] = []
    for i in (int(i) for i in near):
        candidate = models.get(active.pks[i])
        if candidate is None:
            continue
        result = m.match(active.profiles[i], wanted)
        explanation = explain(
            result=result, demand=demand, support_needs=active.profiles[i].support_needs
        )
        almost.append(
            AlmostCandidate(
                candidate=candidate,
                match=result,
                explanation=explanation,
                failure=explanation.failures[0] if explanation.failures else "",
            )
        )
    return Ranking(
        demand=demand,
        rows=tuple(rows),
        almost=tuple(almost),
        considered=len(active.pks),
        hidden=len(hidden),
        weights=used,
    )


# --- Demands for one candidate -----------------------------------------------------------------


@dataclass(frozen=True)
class DemandForCandidate:
    demand: Demand
    match: Match
    explanation: Explanation
    proposal: MatchProposal | None = None


def demands_for_candidate(
    *, candidate: Candidate, k: int = 10, user: UserLike | None = None
) -> list[DemandForCandidate]:
    """The ``k`` best open (scored) demands for one candidate that pass every hard
    constraint, best first (ties: older demand first), each explained.

    With ``user`` only the demands that user may see (pass it from a view).
    """
    try:
        profile = match_candidate(candidate=candidate)
    except ValueError:
        return []
    demands = (
        demands_visible_to(user=user)
        if user is not None
        else Demand.objects.select_related("employer")
    )
    demands = demands.filter(status=DemandStatus.OPEN, open_hiring=False).prefetch_related("tasks")
    m = matcher()
    found: list[tuple[float, int, Demand, Match]] = []
    for demand in demands:
        try:
            wanted = as_match_demand(demand=demand)
        except ValueError:
            continue
        result = m.match(profile, wanted)
        if result.passed:
            found.append((-result.score, demand.pk, demand, result))
    found.sort(key=lambda item: (item[0], item[1]))
    proposals = {
        p.demand_id: p
        for p in MatchProposal.objects.filter(candidate=candidate).exclude(
            status=ProposalStatus.WITHDRAWN
        )
    }
    return [
        DemandForCandidate(
            demand=demand,
            match=result,
            explanation=explain(result=result, demand=demand, support_needs=profile.support_needs),
            proposal=proposals.get(demand.pk),
        )
        for _, _, demand, result in found[:k]
    ]


def candidate_for_matching(*, user: UserLike, pk: int) -> Candidate | None:
    """An active candidate whose work profile an adviser or teamleider may match."""
    if role_of(user) not in CASE_ROLES:
        return None
    return Candidate.objects.active().filter(pk=pk).first()


def candidate_by_reference(*, user: UserLike, reference: str) -> Candidate | None:
    """An active candidate by its reference (``K-000123``, also ``k123`` or ``123``)."""
    if role_of(user) not in CASE_ROLES:
        return None
    text = reference.strip().upper().removeprefix("K").lstrip("-").strip()
    if not text.isdigit() or len(text) > 12:
        return None
    return Candidate.objects.active().filter(reference=f"K-{int(text):06d}").first()


# --- Open hiring -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignUpRow:
    #: Place on the list (1 = first); 0 for the ones that do not meet the basic requirements.
    position: int
    sign_up: OpenHiringSignUp
    #: For the adviser only: the stated basic requirements the candidate's profile misses.
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class OpenHiringView:
    eligible: tuple[SignUpRow, ...]
    not_eligible: tuple[SignUpRow, ...]


def _declared(demand: MatchDemand, sign_up: OpenHiringSignUp) -> MatchCandidate:
    """A person who signed up themselves declared they meet the basic requirements; with no
    profile, we take their word: a profile that meets exactly those requirements."""
    return MatchCandidate(
        id=f"s{sign_up.pk}",
        home_place="",
        travel_mode=None,
        max_travel_minutes=0,
        hours_per_week=max(demand.effective_min_hours, 1.0),
        days=demand.days,
        licences=demand.required_licences,
        language_level=None if demand.language_min == "geen" else demand.language_min,
    )


def open_hiring_list(*, demand: Demand) -> OpenHiringView:
    """The sign-up list of an open-hiring demand, first come first served (no score).

    Uses the core's ``open_hiring_list``: the order of signing up decides. A candidate signed
    up by an adviser is checked against the employer's stated basic requirements; the ones
    who miss one are listed apart, with the reason, for the adviser (not the employer).
    Cancelled sign-ups are left out.
    """
    sign_ups = list(
        demand.sign_ups.filter(cancelled_at__isnull=True)
        .select_related("candidate", "signed_up_by")
        .order_by("signed_up_at", "pk")
    )
    if not demand.open_hiring or not sign_ups:
        return OpenHiringView((), ())
    tasks = tuple(as_match_task(task=t) for t in demand.tasks.all()) or (
        MatchDemandTask(task_id="open-hiring", hours=max(float(demand.min_hours or 1), 0.5)),
    )
    wanted = MatchDemand(
        id=str(demand.pk),
        place=demand.place,
        tasks=tasks,
        min_hours=_number(demand.min_hours),
        days=_codes(demand.days),
        required_licences=_codes(demand.required_licences),
        language_min=demand.language_min or "geen",
        open_hiring=True,
    )
    by_id: dict[str, OpenHiringSignUp] = {}
    entries: list[SignUp] = []
    for sign_up in sign_ups:
        profile: MatchCandidate | None = None
        if sign_up.candidate is not None:
            try:
                profile = replace(match_candidate(candidate=sign_up.candidate), id=f"s{sign_up.pk}")
            except ValueError:
                profile = None
        if profile is None:
            profile = _declared(wanted, sign_up)
        by_id[profile.id] = sign_up
        entries.append(SignUp(candidate=profile, signed_up_at=sign_up.signed_up_at))
    result = core_open_hiring_list(wanted, entries)
    eligible = tuple(
        SignUpRow(position=n, sign_up=by_id[s.candidate.id])
        for n, s in enumerate(result.eligible, start=1)
    )
    not_eligible = tuple(
        SignUpRow(
            position=0,
            sign_up=by_id[s.candidate.id],
            reasons=tuple(reason_text(reason=f.reason) for f in failures),
        )
        for s, failures in result.not_eligible
    )
    return OpenHiringView(eligible, not_eligible)


def sign_up_position(*, sign_up: OpenHiringSignUp) -> int:
    """The place of ``sign_up`` on its list now (0 when it is not on the list)."""
    for row in open_hiring_list(demand=sign_up.demand).eligible:
        if row.sign_up.pk == sign_up.pk:
            return row.position
    return 0


def public_open_hiring_demand(*, pk: int) -> Demand | None:
    """An open-hiring demand people can sign up for without an account (open, not closed)."""
    return (
        Demand.objects.select_related("employer")
        .prefetch_related("tasks")
        .filter(pk=pk, open_hiring=True, status=DemandStatus.OPEN)
        .first()
    )


# --- Proposals and the log ---------------------------------------------------------------------


def proposals_of_demand(*, user: UserLike, demand: Demand) -> QuerySet[MatchProposal]:
    """All proposals for a demand (also withdrawn ones), for advisers and teamleiders."""
    if role_of(user) not in CASE_ROLES:
        return MatchProposal.objects.none()
    return (
        MatchProposal.objects.filter(demand=demand)
        .select_related("candidate", "proposed_by")
        .order_by("-proposed_at", "-pk")
    )


def proposal_get(*, user: UserLike, demand: Demand, pk: int) -> MatchProposal | None:
    return proposals_of_demand(user=user, demand=demand).filter(pk=pk).first()


def match_log(*, user: UserLike, demand: Demand) -> QuerySet[MatchLogEntry]:
    """Every decision about this demand, newest first (advisers and teamleiders)."""
    if role_of(user) not in CASE_ROLES:
        return MatchLogEntry.objects.none()
    return (
        MatchLogEntry.objects.filter(demand=demand)
        .select_related("by", "candidate", "proposal")
        .order_by("-at", "-pk")
    )


def proposals_for_employer(*, user: UserLike) -> QuerySet[MatchProposal]:
    """The proposals an employer user may see: for its own demands, not withdrawn, and
    **only** for candidates released right now (both keys, not withdrawn). Evaluated when
    asked, so a withdrawal of consent hides a proposal at once."""
    if role_of(user) is not Role.EMPLOYER:
        return MatchProposal.objects.none()
    profile = profile_of(user)
    assert profile is not None
    return (
        MatchProposal.objects.filter(
            demand__employer__organisation_id=profile.organisation_id,
            candidate__in=Candidate.objects.released(),
        )
        .exclude(status=ProposalStatus.WITHDRAWN)
        .select_related("demand", "candidate__adviser__profile", "proposed_by__profile")
        .order_by("-proposed_at", "-pk")
    )


def employer_proposal_get(*, user: UserLike, pk: int) -> MatchProposal | None:
    return proposals_for_employer(user=user).filter(pk=pk).first()


@dataclass(frozen=True)
class PortalDemand:
    demand: Demand
    proposals: tuple[MatchProposal, ...]
    sign_ups: OpenHiringView | None


def portal_demands(*, user: UserLike) -> list[PortalDemand]:
    """The own employer's demands, newest first, each with the proposals of released
    candidates (:func:`proposals_for_employer`) or, for open hiring, the sign-up list."""
    if role_of(user) is not Role.EMPLOYER:
        return []
    proposals: dict[int, list[MatchProposal]] = {}
    for proposal in proposals_for_employer(user=user):
        proposals.setdefault(proposal.demand_id, []).append(proposal)
    demands = demands_visible_to(user=user).prefetch_related(
        Prefetch("tasks", queryset=DemandTask.objects.order_by("pk"))
    )
    return [
        PortalDemand(
            demand=demand,
            proposals=tuple(proposals.get(demand.pk, ())),
            sign_ups=open_hiring_list(demand=demand) if demand.open_hiring else None,
        )
        for demand in demands.order_by("-created_at", "-pk")
    ]


def task_names(*, task_ids: Sequence[str], demand: Demand) -> list[str]:
    """Names of the demand's tasks with these ids (for a stored proposal)."""
    rows = {t.task_id: t.name or t.task_id for t in demand.tasks.all()}
    return [rows.get(t, t) for t in task_ids]


def covered_hours(*, task_ids: Sequence[str], demand: Demand) -> Decimal:
    wanted = set(task_ids)
    return sum((t.hours for t in demand.tasks.all() if t.task_id in wanted), Decimal(0))


def adviser_to_call(*, proposal: MatchProposal) -> Any:
    """Who the employer calls about a proposal: the candidate's adviser, else the proposer."""
    return proposal.candidate.adviser or proposal.proposed_by


# --- Weights -----------------------------------------------------------------------------------


def default_form_weights() -> dict[str, float]:
    """The default weights on the scale of the weights form (0–5)."""
    return {p: round(DEFAULT_WEIGHTS[p] * WEIGHT_SCALE, 2) for p in PARTS}


def form_weights(*, demand: Demand) -> dict[str, float]:
    """The demand's weights on the form's scale: a full set as stored, anything else (no
    weights, or only some parts) made relative to a total of 10 like the defaults."""
    stored = {p: float(w) for p, w in (demand.weights or {}).items() if p in PARTS}
    if not stored:
        return default_form_weights()
    if set(stored) == set(PARTS):
        return {p: round(stored[p], 2) for p in PARTS}
    full = {p: stored.get(p, DEFAULT_WEIGHTS[p]) for p in PARTS}
    total = sum(full.values()) or 1.0
    return {p: round(full[p] / total * WEIGHT_SCALE, 2) for p in PARTS}


def has_own_weights(*, demand: Demand) -> bool:
    return bool(demand.weights)


# --- Small helpers for the list ----------------------------------------------------------------


def total_hours(*, demand: Demand) -> Decimal:
    return sum((t.hours for t in demand.tasks.all()), Decimal(0))


def viewed_today(*, demand: Demand, user: UserLike, today: dt.date) -> bool:
    return MatchLogEntry.objects.filter(
        demand=demand, by_id=user.pk, action=MatchAction.VIEWED, at__date=today
    ).exists()
