"""Writes of the matchtafels app. Each function is one transaction; see docs/matchtafels.md.

Errors are :class:`django.core.exceptions.ValidationError` with Dutch messages keyed by the
argument's name (``period_end``, ``employers``, ``hours_per_week``, ...).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkpunt.accounts.models import Role
from werkpunt.accounts.permissions import role_of
from werkpunt.candidates.models import Candidate
from werkpunt.demands.models import Demand, DemandStatus
from werkpunt.matching import Candidate as MatchCandidate
from werkpunt.matching import Demand as MatchDemand
from werkpunt.matchtafels import selectors
from werkpunt.matchtafels.models import (
    Matchtafel,
    MatchtafelOutcome,
    MatchtafelPair,
    MatchtafelStatus,
    OutcomeKind,
    PairKind,
)
from werkpunt.placements.models import ContractKind, Placement

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from werkpunt.employers.models import Employer

    UserLike = User | AnonymousUser

#: How far ahead a matchtafel may be planned, and how long its period may be.
MAX_DAYS_AHEAD = 2 * 366
MAX_PERIOD_DAYS = 366
MIN_EMPLOYERS = 2
#: The number of alternatives stored per person.
ALTERNATIVES = 3
#: Contracts an outcome "placed" may make (a trial always makes a proefplaatsing).
PLACED_CONTRACTS = (ContractKind.FIXED, ContractKind.OPEN_ENDED, ContractKind.LEARNING)
#: The rules situation of a placement made at the table: the worker comes from work, so
#: there is no benefit (``werkpunt.rules`` needs the answer). Nothing else is known or asked.
WORK_TO_WORK_SITUATION = {"benefit": "none"}


def _raise(errors: Mapping[str, list[str]]) -> None:
    if errors:
        raise ValidationError({key: list(messages) for key, messages in errors.items()})


def _real_user(user: UserLike | None) -> User | None:
    if user is None or not user.is_authenticated:
        return None
    return user


def _clean_text(value: str) -> str:
    return " ".join(str(value or "").split())


def _check_fields(
    *,
    title: str,
    date: dt.date | None,
    location: str,
    period_start: dt.date | None,
    period_end: dt.date | None,
    employers: list[Employer],
    advisers: list[Any],
    min_score: float,
    today: dt.date,
    date_changed: bool,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Vul een titel in, bijvoorbeeld ‘Matchtafel Emmen voorjaar’.")]
    elif len(title) > 200:
        errors["title"] = [_("De titel is te lang. Gebruik hoogstens 200 tekens.")]
    if not location:
        errors["location"] = [_("Vul in waar de matchtafel is.")]
    elif len(location) > 200:
        errors["location"] = [_("De plaats is te lang. Gebruik hoogstens 200 tekens.")]
    if date is None:
        errors["date"] = [_("Vul de datum van de matchtafel in.")]
    elif date_changed and date < today:
        errors["date"] = [_("Deze datum is al voorbij. Kies vandaag of een latere datum.")]
    elif date > today + dt.timedelta(days=MAX_DAYS_AHEAD):
        errors["date"] = [_("Deze datum ligt te ver weg. Kies een datum binnen twee jaar.")]
    if period_start is None:
        errors["period_start"] = [_("Vul in vanaf welke datum de contracten eindigen.")]
    if period_end is None:
        errors["period_end"] = [_("Vul in tot en met welke datum de contracten eindigen.")]
    if period_start is not None and period_end is not None:
        if period_end < period_start:
            errors["period_end"] = [
                _("De einddatum van de periode ligt vóór de begindatum. Kies een latere datum.")
            ]
        elif (period_end - period_start).days > MAX_PERIOD_DAYS:
            errors["period_end"] = [_("Kies een periode van hoogstens een jaar.")]
    if len(employers) < MIN_EMPLOYERS:
        errors["employers"] = [
            _("Kies minstens twee werkgevers. Aan een matchtafel zitten meerdere werkgevers.")
        ]
    allowed = {Role.ADVISER, Role.TEAM_LEAD}
    if any(role_of(user) not in allowed for user in advisers):
        errors["advisers"] = [_("Kies alleen adviseurs en teamleiders uit de lijst.")]
    if not 0 <= min_score <= 1:
        errors["min_score"] = [_("Kies een minimale score van 0 tot en met 100 procent.")]
    return errors


@transaction.atomic
def matchtafel_create(
    *,
    by: UserLike,
    title: str,
    date: dt.date | None,
    location: str,
    period_start: dt.date | None,
    period_end: dt.date | None,
    employers: Iterable[Employer],
    advisers: Iterable[Any],
    min_score: float,
    notes: str = "",
    today: dt.date | None = None,
) -> Matchtafel:
    """Plan a matchtafel. ``min_score`` is 0-1; ``employers`` at least two."""
    today = today or timezone.localdate()
    chosen = list(dict.fromkeys(employers))
    people = list(dict.fromkeys(advisers))
    title = _clean_text(title)
    location = _clean_text(location)
    _raise(
        _check_fields(
            title=title,
            date=date,
            location=location,
            period_start=period_start,
            period_end=period_end,
            employers=chosen,
            advisers=people,
            min_score=min_score,
            today=today,
            date_changed=True,
        )
    )
    assert date is not None
    assert period_start is not None
    assert period_end is not None
    matchtafel = Matchtafel.objects.create(
        title=title,
        date=date,
        location=location,
        period_start=period_start,
        period_end=period_end,
        min_score=float(min_score),
        notes=str(notes or "")[:4000],
        created_by=_real_user(by),
    )
    matchtafel.employers.set(chosen)
    matchtafel.advisers.set(people)
    return matchtafel


@transaction.atomic
def matchtafel_update(
    *,
    matchtafel: Matchtafel,
    by: UserLike,
    title: str,
    date: dt.date | None,
    location: str,
    period_start: dt.date | None,
    period_end: dt.date | None,
    employers: Iterable[Employer],
    advisers: Iterable[Any],
    min_score: float,
    notes: str = "",
    today: dt.date | None = None,
) -> Matchtafel:
    """Change a matchtafel. A date already past may stay as it is; the proposal stays until
    the next "Voorstel maken"."""
    if matchtafel.status == MatchtafelStatus.CANCELLED:
        raise ValidationError(_("Deze matchtafel is geannuleerd. U kunt hem niet meer wijzigen."))
    today = today or timezone.localdate()
    chosen = list(dict.fromkeys(employers))
    people = list(dict.fromkeys(advisers))
    title = _clean_text(title)
    location = _clean_text(location)
    _raise(
        _check_fields(
            title=title,
            date=date,
            location=location,
            period_start=period_start,
            period_end=period_end,
            employers=chosen,
            advisers=people,
            min_score=min_score,
            today=today,
            date_changed=date != matchtafel.date,
        )
    )
    assert date is not None
    assert period_start is not None
    assert period_end is not None
    matchtafel.title = title
    matchtafel.date = date
    matchtafel.location = location
    matchtafel.period_start = period_start
    matchtafel.period_end = period_end
    matchtafel.min_score = float(min_score)
    matchtafel.notes = str(notes or "")[:4000]
    matchtafel.save()
    matchtafel.employers.set(chosen)
    matchtafel.advisers.set(people)
    return matchtafel


@transaction.atomic
def matchtafel_close(
    *, matchtafel: Matchtafel, by: UserLike, today: dt.date | None = None
) -> Matchtafel:
    """The session took place: status "held". Outcomes can still be recorded afterwards."""
    today = today or timezone.localdate()
    locked = Matchtafel.objects.select_for_update().get(pk=matchtafel.pk)
    if locked.status != MatchtafelStatus.PLANNED:
        raise ValidationError(_("Deze matchtafel is al afgesloten of geannuleerd."))
    if locked.date > today:
        raise ValidationError(
            _("De matchtafel is nog niet geweest. Sluit hem af op of na %(date)s.")
            % {"date": locked.date.strftime("%d-%m-%Y")}
        )
    locked.status = MatchtafelStatus.HELD
    locked.save(update_fields=["status"])
    matchtafel.status = locked.status
    return locked


# --- The proposal --------------------------------------------------------------------------


@transaction.atomic
def proposal_run(*, matchtafel: Matchtafel, by: UserLike) -> list[MatchtafelPair]:
    """Gather, propose the best overall assignment and store it (replacing the last one).

    People with a "placed" or "trial" outcome are left out, and the places they took are
    subtracted. Each assigned pair and up to three alternatives per person (one per
    employer's demand, never the proposed one) are stored with the Dutch explanation.
    """
    locked = Matchtafel.objects.select_for_update().get(pk=matchtafel.pk)
    if locked.status != MatchtafelStatus.PLANNED:
        raise ValidationError(
            _("Deze matchtafel is al gehouden of geannuleerd. Er komt geen nieuw voorstel.")
        )
    gathering = selectors.gather(matchtafel=locked)
    done = set(
        MatchtafelOutcome.objects.filter(
            matchtafel=locked, kind__in=selectors.TAKING_KINDS
        ).values_list("candidate_id", flat=True)
    )
    people: list[MatchCandidate] = []
    endings: dict[str, Placement] = {}
    by_candidate: dict[str, Candidate] = {}
    for person in gathering.people:
        if person.candidate.pk in done:
            continue
        try:
            converted = selectors.match_candidate(candidate=person.candidate)
        except ValueError:
            continue
        people.append(converted)
        endings[converted.id] = person.ending_placement
        by_candidate[converted.id] = person.candidate
    taken = selectors.taken_positions(demand_ids=[p.demand.pk for p in gathering.places])
    places: list[tuple[MatchDemand, int]] = []
    demands: dict[str, Demand] = {}
    for place in gathering.places:
        count = place.positions - taken.get(place.demand.pk, 0)
        if count <= 0:
            continue
        try:
            converted_demand = selectors.match_demand(demand=place.demand)
        except ValueError:
            continue
        places.append((converted_demand, count))
        demands[converted_demand.id] = place.demand
    if not people:
        raise ValidationError(
            _(
                "Er is nog niemand aan tafel: geen contract dat eindigt in de periode, met een "
                "profiel en toestemming."
            )
        )
    if not places:
        raise ValidationError(
            _("Er zijn geen open werkvragen met taken bij de werkgevers van deze matchtafel.")
        )
    engine = selectors.matcher()
    result = engine.matchtafel(
        people, places, min_score=locked.min_score, alternatives=ALTERNATIVES
    )
    match_people = {c.id: c for c in people}
    match_demands = {d.id: d for d, _count in places}
    rows: list[MatchtafelPair] = []

    def pair(candidate_id: str, demand_id: str, kind: str, rank: int, score: float) -> None:
        explanation = engine.match(match_people[candidate_id], match_demands[demand_id])
        rows.append(
            MatchtafelPair(
                matchtafel=locked,
                candidate=by_candidate[candidate_id],
                demand=demands[demand_id],
                ending_placement=endings[candidate_id],
                kind=kind,
                rank=rank,
                score=float(score),
                explanation=list(explanation.explanation),
            )
        )

    assignment = result.assignment
    for row_index, candidate_id in enumerate(result.candidate_ids):
        column = assignment.column_of(row_index)
        if column is not None:
            score = assignment.scores[assignment.pairs.index((row_index, column))]
            pair(candidate_id, result.slots[column], PairKind.ASSIGNED, 1, score)
        for offset, (alt_column, alt_score) in enumerate(assignment.alternatives[row_index]):
            pair(
                candidate_id, result.slots[alt_column], PairKind.ALTERNATIVE, offset + 2, alt_score
            )
    MatchtafelPair.objects.filter(matchtafel=locked).delete()
    MatchtafelPair.objects.bulk_create(rows)
    locked.proposed_at = timezone.now()
    locked.save(update_fields=["proposed_at"])
    matchtafel.proposed_at = locked.proposed_at
    return rows


# --- Outcomes ------------------------------------------------------------------------------


def _demand_mark_filled(*, demand: Demand) -> None:
    """Close the demand as filled when placed and trial outcomes take all its places."""
    taken = selectors.taken_positions(demand_ids=[demand.pk]).get(demand.pk, 0)
    if taken >= demand.positions and demand.status == DemandStatus.OPEN:
        demand.status = DemandStatus.FILLED
        demand.updated_at = timezone.now()
        demand.save(update_fields=["status", "updated_at"])


def _check_placement_fields(
    *,
    kind: str,
    start_date: dt.date | None,
    end_date: dt.date | None,
    hours_per_week: Decimal | None,
    hourly_wage_cents: int | None,
    contract: str,
    errors: dict[str, list[str]],
) -> None:
    if start_date is None:
        errors.setdefault("start_date", []).append(_("Vul de eerste werkdag in."))
    if hours_per_week is None:
        errors.setdefault("hours_per_week", []).append(_("Vul het aantal uren per week in."))
    if hourly_wage_cents is None:
        errors.setdefault("hourly_wage_cents", []).append(_("Vul het bruto uurloon in."))
    if kind == OutcomeKind.PLACED and contract not in PLACED_CONTRACTS:
        errors.setdefault("contract", []).append(_("Kies een soort contract uit de lijst."))
    if start_date is not None and end_date is not None and end_date < start_date:
        errors.setdefault("end_date", []).append(
            _("De einddatum ligt vóór de eerste werkdag. Kies een latere datum.")
        )


#: placement_create's argument names → ours, for its error messages.
_PLACEMENT_ERRORS = {
    "worker_birth_date": "__all__",
    "worker_municipality": "__all__",
    "worker_name": "__all__",
    "consent_recorded": "__all__",
    "job_title": "demand",
    "instruments": "__all__",
}


@transaction.atomic
def outcome_record(
    *,
    matchtafel: Matchtafel,
    candidate: Candidate,
    kind: str,
    demand: Demand | None = None,
    note: str = "",
    by: UserLike,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    hours_per_week: Decimal | None = None,
    hourly_wage_cents: int | None = None,
    contract: str = "",
    as_of: dt.date | None = None,
) -> MatchtafelOutcome:
    """Record what happened at the table for one person; a second call updates it.

    ``placed`` and ``trial`` need a demand, the first working day, hours and wage; they make
    a placement at the demand's employer through ``placements.services.placement_create``
    (deadlines, after-sales plan, audit) and close the demand as filled when all its places
    are taken. The candidate's consent is the basis for registering the placement; the
    worker moves from work to work, so there is no benefit (:data:`WORK_TO_WORK_SITUATION`)
    and no instrument is chosen. A trial is registered as a proefplaatsing contract.

    A person keeps one outcome per matchtafel. A new placement is only made when the
    outcome did not already have one of the same kind (trial → placed makes the real
    contract); the placement of an earlier outcome is never removed (stop it on the
    placement page).
    """
    from werkpunt.placements.services import placement_create

    as_of = as_of or timezone.localdate()
    locked = Matchtafel.objects.select_for_update().get(pk=matchtafel.pk)
    errors: dict[str, list[str]] = {}
    if locked.status == MatchtafelStatus.CANCELLED:
        raise ValidationError(_("Deze matchtafel is geannuleerd. Er komen geen uitkomsten bij."))
    if kind not in OutcomeKind.values:
        errors["kind"] = [_("Kies een uitkomst uit de lijst.")]
    note = _clean_text(note)
    if len(note) > 500:
        errors["note"] = [_("De toelichting is te lang. Gebruik hoogstens 500 tekens.")]
    allowed = selectors.outcome_candidate(matchtafel=locked, candidate_id=candidate.pk)
    if allowed is None:
        raise ValidationError(_("Deze persoon zit niet aan deze matchtafel."))
    candidate = Candidate.objects.select_related("worker").get(pk=candidate.pk)
    if not selectors.has_consent(candidate):
        raise ValidationError(
            _(
                "Deze persoon gaf geen toestemming (meer). Werkpunt legt daarom niets over deze "
                "persoon vast."
            )
        )
    existing = (
        MatchtafelOutcome.objects.select_for_update(of=("self",))
        .filter(matchtafel=locked, candidate=candidate)
        .select_related("placement")
        .first()
    )
    taking = kind in selectors.TAKING_KINDS
    if demand is not None:
        choices = {
            d.pk for d in selectors.outcome_demand_choices(matchtafel=locked, candidate=candidate)
        }
        if demand.pk not in choices:
            errors["demand"] = [_("Kies een werkvraag van een werkgever aan deze tafel.")]
    if taking and demand is None:
        errors["demand"] = [_("Kies bij welke werkvraag deze persoon begint.")]
    keeps_placement = (
        existing is not None and existing.placement_id is not None and existing.kind == kind
    )
    needs_placement = taking and not keeps_placement
    if (
        keeps_placement
        and existing is not None
        and demand is not None
        and existing.demand_id != demand.pk
    ):
        errors["demand"] = [
            _(
                "Er is al een plaatsing gemaakt bij een andere werkvraag. Kies eerst een "
                "andere uitkomst, of stop die plaatsing bij Plaatsingen."
            )
        ]
    if needs_placement and demand is not None and "demand" not in errors:
        same_as_before = existing is not None and existing.demand_id == demand.pk
        taken = selectors.taken_positions(demand_ids=[demand.pk]).get(demand.pk, 0)
        if same_as_before and existing is not None and existing.kind in selectors.TAKING_KINDS:
            taken -= 1
        if demand.status != DemandStatus.OPEN and not same_as_before:
            errors["demand"] = [_("Deze werkvraag is niet meer open. Kies een andere.")]
        elif taken >= demand.positions:
            errors["demand"] = [_("Alle plaatsen van deze werkvraag zijn al bezet.")]
    if needs_placement:
        _check_placement_fields(
            kind=kind,
            start_date=start_date,
            end_date=end_date,
            hours_per_week=hours_per_week,
            hourly_wage_cents=hourly_wage_cents,
            contract=contract,
            errors=errors,
        )
        worker = candidate.worker
        if worker is None:
            errors.setdefault("__all__", []).append(
                _("Dit profiel hoort niet bij een werknemer. Maak de plaatsing bij Plaatsingen.")
            )
        elif worker.birth_date is None:
            errors.setdefault("__all__", []).append(
                _(
                    "De geboortedatum van de werknemer is niet bekend. Vul die eerst aan bij de "
                    "plaatsing die nu eindigt."
                )
            )
    _raise(errors)
    placement = existing.placement if existing is not None else None
    if needs_placement:
        assert demand is not None
        assert candidate.worker is not None
        worker = candidate.worker
        birth_date = worker.birth_date
        assert birth_date is not None
        assert start_date is not None
        assert hours_per_week is not None
        assert hourly_wage_cents is not None
        try:
            placement = placement_create(
                employer=demand.employer,
                worker_name=worker.display_name,
                worker_birth_date=birth_date,
                worker_municipality=worker.municipality,
                # The candidate gave consent to be brought to the table and placed.
                consent_recorded=True,
                job_title=demand.title,
                start_date=start_date,
                end_date=end_date,
                hours_per_week=hours_per_week,
                hourly_wage_cents=hourly_wage_cents,
                contract=ContractKind.TRIAL if kind == OutcomeKind.TRIAL else contract,
                # From work to work: no benefit. The rules need the answer; nothing else.
                situation=dict(WORK_TO_WORK_SITUATION),
                instruments=[],
                created_by=by,
                as_of=as_of,
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise
            mapped: dict[str, list[str]] = {}
            for key, messages in error.message_dict.items():
                mapped.setdefault(_PLACEMENT_ERRORS.get(key, key), []).extend(messages)
            raise ValidationError(mapped) from error
        # The profile follows the person to the new job: the next matchtafel finds this
        # contract when it ends. The old worker row stays with the old placement.
        candidate.worker = placement.worker
        candidate.save(update_fields=["worker"])
    now = timezone.now()
    if existing is None:
        outcome = MatchtafelOutcome.objects.create(
            matchtafel=locked,
            candidate=candidate,
            demand=demand,
            kind=kind,
            note=note,
            placement=placement,
            recorded_by=_real_user(by),
            recorded_at=now,
        )
    else:
        existing.demand = demand
        existing.kind = kind
        existing.note = note
        existing.placement = placement
        existing.recorded_by = _real_user(by)
        existing.recorded_at = now
        existing.save()
        outcome = existing
    if taking and demand is not None:
        _demand_mark_filled(demand=demand)
    return outcome
