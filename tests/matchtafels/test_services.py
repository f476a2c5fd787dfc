"""Planning, the proposal (optimal, one person per place, positions), outcomes and figures."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from werkpunt.demands.models import Demand
from werkpunt.matchtafels import selectors, services
from werkpunt.matchtafels.models import MatchtafelOutcome, MatchtafelPair, PairKind
from werkpunt.placements.models import AfterSalesTask, Deadline, Placement

pytestmark = pytest.mark.django_db


# --- Planning --------------------------------------------------------------------------------


def test_create_checks_period_employers_and_date_in_dutch(make_table, employer_a, today):
    with pytest.raises(ValidationError) as caught:
        make_table(
            date=today - dt.timedelta(days=1),
            period_start=today + dt.timedelta(days=10),
            period_end=today + dt.timedelta(days=5),
            employers=[employer_a],
            title=" ",
        )
    errors = caught.value.message_dict
    assert "vóór de begindatum" in errors["period_end"][0]
    assert "minstens twee werkgevers" in errors["employers"][0]
    assert "al voorbij" in errors["date"][0]
    assert "titel" in errors["title"][0]


def test_create_and_update(make_table, adviser, employer_a, employer_b, employer_other, today):
    table = make_table()
    assert set(table.employers.all()) == {employer_a, employer_b}
    assert list(table.advisers.all()) == [adviser]
    services.matchtafel_update(
        matchtafel=table,
        by=adviser,
        title="Matchtafel Emmen najaar",
        date=table.date,
        location="Werkplein",
        period_start=table.period_start,
        period_end=table.period_end,
        employers=[employer_a, employer_b, employer_other],
        advisers=[],
        min_score=0.5,
    )
    table.refresh_from_db()
    assert table.title == "Matchtafel Emmen najaar"
    assert table.employers.count() == 3
    assert table.min_score == 0.5


def test_close_only_when_the_date_has_come(table, adviser, today):
    with pytest.raises(ValidationError, match="nog niet geweest"):
        services.matchtafel_close(matchtafel=table, by=adviser)
    services.matchtafel_close(matchtafel=table, by=adviser, today=table.date)
    table.refresh_from_db()
    assert table.status == "held"
    with pytest.raises(ValidationError):
        services.proposal_run(matchtafel=table, by=adviser)


# --- The proposal ----------------------------------------------------------------------------


def _assigned(table):
    return {
        p.candidate_id: p.demand_id
        for p in MatchtafelPair.objects.filter(matchtafel=table, kind=PairKind.ASSIGNED)
    }


def test_the_whole_table_beats_greedy_on_a_hand_case(
    table, adviser, make_person, make_demand, employer_a, employer_b
):
    """Both people fit the weekday job; only the first can work Saturdays. Greedy would give
    the weekday job to the best scorer and leave the other without work."""
    flexible = make_person(
        employer=employer_a, days=["ma", "di", "wo", "do", "vr", "za", "zo"], hours_per_week=24
    )
    weekdays = make_person(employer=employer_a, hours_per_week=24)
    weekday_job = make_demand(employer=employer_b, title="Orderpicker overdag")
    saturday_job = make_demand(employer=employer_b, title="Orderpicker zaterdag", days=["za"])
    services.proposal_run(matchtafel=table, by=adviser)
    assert _assigned(table) == {weekdays.pk: weekday_job.pk, flexible.pk: saturday_job.pk}


def _brute_force(
    scores: dict[tuple[int, int], float], people: list[int], slots: list[int]
) -> float:
    """Best total over every way to give each person at most one slot (feasible pairs only)."""
    best = 0.0
    options = [None, *range(len(slots))]
    for choice in itertools.product(options, repeat=len(people)):
        used = [c for c in choice if c is not None]
        if len(used) != len(set(used)):
            continue
        total = 0.0
        ok = True
        for person, slot in zip(people, choice, strict=True):
            if slot is None:
                continue
            pair = (person, slots[slot])
            if pair not in scores:
                ok = False
                break
            total += scores[pair]
        if ok:
            best = max(best, total)
    return best


def test_assignment_is_optimal_compared_with_brute_force(
    make_table, adviser, make_person, make_demand, employer_a, employer_b
):
    table = make_table(min_score=0.2)
    people = [
        make_person(employer=employer_a, tasks=["orderpicken-magazijn"], skills=["orderpicken"]),
        make_person(
            employer=employer_a,
            tasks=["orders-inpakken", "orderpicken-magazijn"],
            skills=["verpakken", "tempo-houden", "scanner-gebruiken"],
            hours_per_week=32,
        ),
        make_person(employer=employer_b, tasks=["orders-inpakken"], skills=[], interests=[]),
        make_person(
            employer=employer_b,
            tasks=["vakken-vullen"],
            skills=["tempo-houden"],
            home_place="coevorden",
            travel_mode="auto",
            max_travel_minutes=45,
        ),
    ]
    demands = [
        make_demand(employer=employer_b, title="Picker", positions=2),
        make_demand(employer=employer_a, title="Inpakker", tasks=[("orders-inpakken", 20)]),
        make_demand(
            employer=employer_a,
            title="Vakkenvuller",
            tasks=[("vakken-vullen", 16), ("orders-inpakken", 8)],
        ),
    ]
    services.proposal_run(matchtafel=table, by=adviser)
    engine = selectors.matcher()
    scores = {}
    for person in people:
        core = selectors.match_candidate(candidate=person)
        for demand in demands:
            result = engine.match(core, selectors.match_demand(demand=demand))
            if result.passed and result.score >= table.min_score:
                scores[(person.pk, demand.pk)] = result.score
    slots = [d.pk for d in demands for _ in range(d.positions)]
    optimum = _brute_force(scores, [p.pk for p in people], slots)
    stored = MatchtafelPair.objects.filter(matchtafel=table, kind=PairKind.ASSIGNED)
    assert optimum > 0
    assert sum(p.score for p in stored) == pytest.approx(optimum, abs=1e-9)


def test_one_place_per_person_and_positions_respected(
    table, adviser, make_person, make_demand, employer_a, employer_b
):
    people = [make_person(employer=employer_a) for _ in range(4)]
    two_places = make_demand(employer=employer_b, positions=2, title="Twee pickers")
    one_place = make_demand(employer=employer_a, positions=1, title="Een picker")
    services.proposal_run(matchtafel=table, by=adviser)
    assigned = list(MatchtafelPair.objects.filter(matchtafel=table, kind=PairKind.ASSIGNED))
    per_person = [p.candidate_id for p in assigned]
    assert len(per_person) == len(set(per_person)) == 3
    assert sum(1 for p in assigned if p.demand_id == two_places.pk) == 2
    assert sum(1 for p in assigned if p.demand_id == one_place.pk) == 1
    assert set(per_person) <= {p.pk for p in people}


def test_pairs_store_explanations_and_alternatives_and_are_replaced(
    table, adviser, make_person, make_demand, employer_a, employer_b
):
    person = make_person(employer=employer_a)
    first = make_demand(employer=employer_b, title="Picker B")
    make_demand(employer=employer_a, title="Picker A")
    services.proposal_run(matchtafel=table, by=adviser)
    services.proposal_run(matchtafel=table, by=adviser)
    pairs = list(MatchtafelPair.objects.filter(matchtafel=table).order_by("rank"))
    assert [p.kind for p in pairs] == ["assigned", "alternative"]
    assert [p.rank for p in pairs] == [1, 2]
    assert pairs[0].demand_id != pairs[1].demand_id
    assert any(line.startswith("Taken:") for line in pairs[0].explanation)
    assert pairs[0].ending_placement.worker_id == person.worker_id
    assert first.pk in {p.demand_id for p in pairs}
    table.refresh_from_db()
    assert table.proposed_at is not None


def test_min_score_and_empty_table(make_table, adviser, make_person, make_demand, employer_a):
    strict = make_table(min_score=1.0)
    with pytest.raises(ValidationError, match="niemand aan tafel"):
        services.proposal_run(matchtafel=strict, by=adviser)
    make_person(employer=employer_a)
    make_demand(employer=employer_a)
    services.proposal_run(matchtafel=strict, by=adviser)
    assert not MatchtafelPair.objects.filter(matchtafel=strict, kind="assigned").exists()


# --- Outcomes --------------------------------------------------------------------------------


def _place(table, person, demand, adviser, **changes):
    values = {
        "matchtafel": table,
        "candidate": person,
        "kind": "placed",
        "demand": demand,
        "note": "Begint na de zomer.",
        "by": adviser,
        "start_date": timezone.localdate() + dt.timedelta(days=40),
        "end_date": timezone.localdate() + dt.timedelta(days=400),
        "hours_per_week": Decimal(24),
        "hourly_wage_cents": 1520,
        "contract": "fixed",
    }
    values.update(changes)
    return services.outcome_record(**values)


def test_placed_creates_a_placement_with_deadlines_and_aftersales(
    table, adviser, make_person, make_demand, employer_a, employer_b
):
    person = make_person(employer=employer_a)
    demand = make_demand(employer=employer_b, title="Orderpicker")
    outcome = _place(table, person, demand, adviser)
    placement = outcome.placement
    assert placement is not None
    assert placement.employer == employer_b
    assert placement.job_title == "Orderpicker"
    assert placement.hourly_wage_cents == 1520
    assert placement.worker.birth_date == person.worker.birth_date
    assert placement.worker.municipality == person.worker.municipality
    assert placement.situation == {"benefit": "none"}
    # The profile now points at the new job, so a later matchtafel finds it when it ends.
    person.refresh_from_db()
    assert person.worker_id == placement.worker_id
    assert Deadline.objects.filter(placement=placement).exists()
    assert AfterSalesTask.objects.filter(placement=placement).count() >= 6
    demand.refresh_from_db()
    assert demand.status == "filled"


def test_positions_left_keep_the_demand_open_and_a_full_demand_refuses(
    table, adviser, make_person, make_demand, employer_a, employer_b
):
    first, second, third = (make_person(employer=employer_a) for _ in range(3))
    demand = make_demand(employer=employer_b, positions=2)
    _place(table, first, demand, adviser)
    assert Demand.objects.get(pk=demand.pk).status == "open"
    _place(table, second, demand, adviser, kind="trial", contract="")
    assert Demand.objects.get(pk=demand.pk).status == "filled"
    with pytest.raises(ValidationError) as caught:
        _place(table, third, Demand.objects.get(pk=demand.pk), adviser)
    assert "demand" in caught.value.message_dict


def test_a_second_outcome_updates_and_trial_then_placed_makes_the_contract(
    table, adviser, make_person, make_demand, employer_a, employer_b
):
    person = make_person(employer=employer_a)
    demand = make_demand(employer=employer_b)
    services.outcome_record(
        matchtafel=table, candidate=person, kind="talk", demand=demand, by=adviser
    )
    trial = _place(table, person, demand, adviser, kind="trial", contract="", end_date=None)
    assert trial.placement.contract == "trial"
    placed = _place(table, person, demand, adviser)
    assert MatchtafelOutcome.objects.filter(matchtafel=table, candidate=person).count() == 1
    assert placed.kind == "placed"
    assert placed.placement.contract == "fixed"
    assert placed.placement != trial.placement
    again = _place(table, person, demand, adviser, note="Toch 28 uur.")
    assert again.placement == placed.placement
    assert Placement.objects.filter(employer=employer_b).count() == 2


def test_outcome_errors_are_dutch_and_nothing_is_stored(
    table, adviser, make_person, make_demand, employer_a, employer_b, employer_other
):
    person = make_person(employer=employer_a)
    demand = make_demand(employer=employer_b)
    with pytest.raises(ValidationError) as caught:
        _place(table, person, demand, adviser, start_date=None, hourly_wage_cents=None)
    assert "eerste werkdag" in caught.value.message_dict["start_date"][0]
    assert "uurloon" in caught.value.message_dict["hourly_wage_cents"][0]
    elsewhere = make_demand(employer=employer_other)
    with pytest.raises(ValidationError) as caught:
        _place(table, person, elsewhere, adviser)
    assert "werkgever aan deze tafel" in caught.value.message_dict["demand"][0]
    with pytest.raises(ValidationError) as caught:
        _place(table, person, demand, adviser, contract="open")
    assert "vast contract heeft geen einddatum" in caught.value.message_dict["end_date"][0]
    assert not MatchtafelOutcome.objects.exists()
    assert not Placement.objects.filter(employer=employer_b).exists()


def test_no_outcome_after_withdrawal_or_for_someone_not_at_the_table(
    table, adviser, make_person, make_demand, employer_a, employer_other
):
    person = make_person(employer=employer_a)
    stranger = make_person(employer=employer_other)
    person.consent_withdrawn_at = timezone.now()
    person.save()
    for candidate in (person, stranger):
        with pytest.raises(ValidationError):
            services.outcome_record(
                matchtafel=table, candidate=candidate, kind="no_match", by=adviser
            )


def test_kpis_count_held_sessions_people_and_outcomes(
    make_table, adviser, make_person, make_demand, employer_a, employer_b, today
):
    table = make_table()
    people = [make_person(employer=employer_a) for _ in range(4)]
    demand = make_demand(employer=employer_b, positions=2)
    services.proposal_run(matchtafel=table, by=adviser)
    _place(table, people[0], demand, adviser)
    _place(table, people[1], demand, adviser, kind="trial", contract="")
    services.outcome_record(matchtafel=table, candidate=people[2], kind="talk", by=adviser)
    services.outcome_record(matchtafel=table, candidate=people[3], kind="no_match", by=adviser)
    services.matchtafel_close(matchtafel=table, by=adviser, today=table.date)
    make_table(title="Nog niet gehouden")
    kpis = selectors.matchtafel_kpis(since=today, until=today + dt.timedelta(days=60))
    assert kpis.as_dict() == {
        "sessions_held": 1,
        "people_brought": 4,
        "placed": 1,
        "trial": 1,
        "talk": 1,
        "no_match": 1,
    }
    assert selectors.matchtafel_kpis(since=today, until=today).sessions_held == 0
