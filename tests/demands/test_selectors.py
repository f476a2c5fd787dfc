"""The reads: the ranking against the core, weights, "almost", the pool cache, open hiring."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from werkpunt.candidates.models import Candidate
from werkpunt.demands import selectors, services
from werkpunt.demands.models import DemandStatus
from werkpunt.matching import Matcher

pytestmark = pytest.mark.django_db

TWO_TASKS = [("orderpicken-magazijn", 16), ("heftruck-rijden", 8)]


@pytest.fixture
def crowd(make_candidate, adviser):
    """Six candidates with different profiles, all passing a demand in Emmen."""
    return [
        make_candidate(adviser=adviser),
        make_candidate(adviser=adviser, tasks=["orderpicken-magazijn", "heftruck-rijden"]),
        make_candidate(adviser=adviser, hours_per_week=12, interests=[]),
        make_candidate(adviser=adviser, home_place="nieuw-amsterdam", max_travel_minutes=45),
        make_candidate(
            adviser=adviser,
            tasks=["heftruck-rijden"],
            skills=["heftruck-rijden", "veilig-werken", "lading-stapelen"],
        ),
        make_candidate(adviser=adviser, skills=[], motivation="", experience_years=None),
    ]


def test_as_match_demand_turns_decimals_into_floats(make_demand):
    demand = make_demand(
        tasks=TWO_TASKS, min_hours=Decimal("12.5"), weights={"travel": 2}, days=["ma"]
    )
    core = selectors.as_match_demand(demand=demand)
    assert core.id == str(demand.pk)
    assert core.min_hours == 12.5
    assert isinstance(core.tasks[0].hours, float)
    assert [t.task_id for t in core.tasks] == ["orderpicken-magazijn", "heftruck-rijden"]
    assert core.weights == {"travel": 2.0}
    assert core.days == frozenset({"ma"})


def test_the_ranking_is_the_order_of_matcher_rank(make_demand, crowd):
    demand = make_demand(tasks=TWO_TASKS)
    result = selectors.ranking(demand=demand, k=20)
    core = Matcher.default().rank(
        selectors.as_match_demand(demand=demand),
        [selectors.match_candidate(candidate=c) for c in crowd],
    )
    assert [str(r.candidate.pk) for r in result.rows] == [m.candidate_id for m in core]
    assert [r.match.score for r in result.rows] == pytest.approx([m.score for m in core])
    assert [r.position for r in result.rows] == list(range(1, len(core) + 1))
    assert result.considered == len(crowd)
    assert len({m.score for m in core}) > 3  # the set really has an order


def test_top_k_cuts_the_list(make_demand, crowd):
    demand = make_demand(tasks=TWO_TASKS)
    full = selectors.ranking(demand=demand, k=20)
    top = selectors.ranking(demand=demand, k=2)
    assert [r.candidate.pk for r in top.rows] == [r.candidate.pk for r in full.rows[:2]]


def test_the_explanation_names_parts_tasks_and_support(make_demand, make_candidate, adviser):
    demand = make_demand(tasks=TWO_TASKS, support_offered=["jobcoach"])
    make_candidate(adviser=adviser, support_needs=["jobcoach"], tasks=["orderpicken-magazijn"])
    (row,) = selectors.ranking(demand=demand).rows
    x = row.explanation
    assert [p.label for p in x.parts][:2] == ["Taken", "Vaardigheden"]
    assert sum(p.weight_percent for p in x.parts) == 100
    assert x.parts[0].text == "Kan 1 van de 2 taken doen: 50 procent van het werk."
    assert [(t.task_id, t.hours) for t in x.covered] == [("orderpicken-magazijn", Decimal(16))]
    assert x.support == (("jobcoach", True),)
    assert x.support_labels == ["jobcoach"]
    assert x.support_notes == ("Heeft een jobcoach nodig; de werkgever biedt dit aan.",)


def test_adjacent_tasks_are_suggested(make_demand, make_candidate, adviser):
    demand = make_demand(tasks=[("heftruck-rijden", 8), ("pallets-wikkelen", 8)])
    make_candidate(adviser=adviser, tasks=["heftruck-rijden"])
    (row,) = selectors.ranking(demand=demand).rows
    assert row.explanation.suggestions == (
        (
            "Pallets stapelen en wikkelen ligt dicht bij Heftruck rijden, wat de kandidaat al kan: "
            "dit is aan te leren."
        ),
    )


def test_support_needs_never_change_the_score(make_demand, make_candidate, adviser):
    demand = make_demand(tasks=TWO_TASKS)
    plain = make_candidate(adviser=adviser)
    needs = make_candidate(adviser=adviser, support_needs=["jobcoach", "vervoer"])
    rows = {r.candidate.pk: r for r in selectors.ranking(demand=demand).rows}
    assert rows[plain.pk].match.score == rows[needs.pk].match.score


def test_weights_change_the_order(make_demand, make_candidate, adviser):
    demand = make_demand(tasks=TWO_TASKS)
    # Does both tasks but lives further away; does one task next door.
    both = make_candidate(
        adviser=adviser,
        tasks=["orderpicken-magazijn", "heftruck-rijden"],
        home_place="coevorden",
        travel_mode="auto",
        max_travel_minutes=40,
    )
    near = make_candidate(adviser=adviser)
    default = [r.candidate.pk for r in selectors.ranking(demand=demand).rows]
    assert default == [both.pk, near.pk]
    travel_first = {"tasks": 0, "skills": 0, "travel": 5, "hours": 0, "interests": 0}
    preview = [r.candidate.pk for r in selectors.ranking(demand=demand, weights=travel_first).rows]
    assert preview == [near.pk, both.pk]
    services.weights_set(demand=demand, weights=travel_first, by=adviser)
    demand.refresh_from_db()
    assert [r.candidate.pk for r in selectors.ranking(demand=demand).rows] == [near.pk, both.pk]


def test_almost_lists_who_fails_one_hard_constraint(make_demand, make_candidate, adviser):
    demand = make_demand(tasks=TWO_TASKS, days=["ma", "za"])
    weekend = make_candidate(adviser=adviser, days=["ma", "za"])
    no_saturday = make_candidate(adviser=adviser)
    two_wrong = make_candidate(adviser=adviser, hours_per_week=4)
    result = selectors.ranking(demand=demand)
    assert [r.candidate.pk for r in result.rows] == [weekend.pk]
    assert [a.candidate.pk for a in result.almost] == [no_saturday.pk]
    assert result.almost[0].failure == "Dagen: niet beschikbaar op zaterdag."
    assert two_wrong.pk not in {a.candidate.pk for a in result.almost}


def test_not_suitable_and_inactive_candidates_are_left_out(make_demand, crowd, adviser):
    demand = make_demand(tasks=TWO_TASKS)
    services.mark_not_suitable(demand=demand, candidate=crowd[0], by=adviser, reason="Verhuisd.")
    Candidate.objects.filter(pk=crowd[1].pk).update(is_active=False)
    result = selectors.ranking(demand=demand)
    shown = {r.candidate.pk for r in result.rows}
    assert crowd[0].pk not in shown
    assert crowd[1].pk not in shown
    assert result.hidden == 1
    assert result.considered == len(crowd) - 1


def test_the_pool_is_kept_until_the_active_candidates_change(make_demand, crowd, make_candidate):
    first = selectors.active_pool()
    assert selectors.active_pool() is first
    Candidate.objects.filter(pk=crowd[2].pk).update(
        hours_per_week=30, updated_at=timezone.now() + dt.timedelta(seconds=1)
    )
    second = selectors.active_pool()
    assert second is not first
    assert second.profiles[second.rows[crowd[2].pk]].hours_per_week == 30
    make_candidate()
    assert len(selectors.active_pool().pks) == len(crowd) + 1


def test_open_hiring_and_empty_demands_have_no_ranking(make_demand, crowd):
    open_hiring = make_demand(open_hiring=True, basic_requirements="Tillen.")
    assert selectors.ranking(demand=open_hiring).rows == ()
    assert "geen ranglijst" in selectors.ranking(demand=open_hiring).problem
    empty = make_demand(tasks=[])
    assert "taken" in selectors.ranking(demand=empty).problem


def test_demands_for_candidate_are_open_scored_and_passing(make_demand, make_candidate, adviser):
    candidate = make_candidate(adviser=adviser, tasks=["orderpicken-magazijn", "heftruck-rijden"])
    best = make_demand(tasks=TWO_TASKS, title="Beste")
    good = make_demand(tasks=[("orderpicken-magazijn", 8), ("koelcel-orderpicken", 16)])
    make_demand(tasks=TWO_TASKS, status=DemandStatus.CLOSED)
    make_demand(tasks=TWO_TASKS, open_hiring=True, basic_requirements="Tillen.")
    make_demand(tasks=TWO_TASKS, place="coevorden")  # too far by bicycle
    found = selectors.demands_for_candidate(candidate=candidate, user=adviser)
    assert [f.demand.pk for f in found] == [best.pk, good.pk]
    assert found[0].match.score > found[1].match.score
    assert found[0].explanation.parts[0].text.startswith("Kan 2 van de 2 taken doen")


def test_open_hiring_list_is_first_come_first_served(make_demand, make_candidate, adviser):
    demand = make_demand(open_hiring=True, basic_requirements="Tillen.", days=["ma"])
    later = services.open_hiring_sign_up(
        demand=demand, name="Later", phone="0591 111 111", meets_requirements=True
    )
    earlier = services.open_hiring_sign_up(
        demand=demand, name="Eerder", phone="0591 222 222", meets_requirements=True
    )
    earlier.signed_up_at = later.signed_up_at - dt.timedelta(minutes=5)
    earlier.save()
    no_monday = make_candidate(adviser=adviser, days=["di"])
    services.open_hiring_sign_up(
        demand=demand, candidate=no_monday, meets_requirements=True, by=adviser
    )
    listing = selectors.open_hiring_list(demand=demand)
    assert [(r.position, r.sign_up.name) for r in listing.eligible] == [
        (1, "Eerder"),
        (2, "Later"),
    ]
    (outside,) = listing.not_eligible
    assert outside.sign_up.candidate == no_monday
    assert outside.reasons == ("Dagen: niet beschikbaar op maandag.",)
    assert selectors.sign_up_position(sign_up=later) == 2
