"""The score parts, computed by hand on small examples, and the rest of one match."""

from __future__ import annotations

import pytest

from werkpunt.matching import Candidate, Demand, DemandTask
from werkpunt.matching.core import match, part_travel, travel_value
from werkpunt.matching.vocab import DEFAULT_WEIGHTS, PARTS


@pytest.fixture
def example(make_candidate, make_demand, make_task):
    """Task a is covered; b is listed but asks B1 (the candidate has A2); c is not listed."""
    person = make_candidate(
        tasks={"a", "b"}, skills={"s1", "s2"}, language_level="A2", interests={"logistiek"}
    )
    work = make_demand(
        make_task("a", 8, weight=2, skills={"s1", "s2"}, language="A1", name="Taak A"),
        make_task("b", 8, weight=1, skills={"s1", "s3", "s4"}, language="B1", name="Taak B"),
        make_task("c", 4, weight=1, sector="detailhandel", name="Taak C"),
    )
    return person, work


def test_parts_by_hand(matcher, example):
    person, work = example
    result = matcher.match(person, work)
    values = {p.name: p.value for p in result.parts}
    assert values["tasks"] == pytest.approx(2 / 4)
    assert values["skills"] == pytest.approx((2 * 1 + 1 * (1 / 3) + 1 * 1) / 4)
    assert values["hours"] == pytest.approx(1.0)  # 24 available, 20 asked
    assert values["interests"] == pytest.approx(3 / 4)  # a and b are in logistiek
    minutes = 2 + 1.0 * 1.25 / 15 * 60  # cycling within Emmen: the minimum distance
    assert result.travel_minutes == pytest.approx(minutes)
    assert values["travel"] == pytest.approx(1 - minutes / 30)
    assert values["completeness"] == 1.0
    expected = sum(DEFAULT_WEIGHTS[p] * values[p] for p in PARTS)
    assert result.score == pytest.approx(expected)
    assert result.score == pytest.approx(0.72333, abs=1e-5)


def test_explanation_lines_in_dutch(matcher, example):
    person, work = example
    result = matcher.match(person, work)
    texts = {p.name: p.reason.text for p in result.parts}
    assert texts["tasks"] == "Kan 1 van de 3 taken doen: 50 procent van het werk."
    assert texts["skills"] == "Heeft 2 van de 4 gevraagde vaardigheden."
    assert texts["hours"] == "Beschikbaar 24 uur per week; het werk is 20 uur per week."
    assert texts["interests"] == "Interesse in 2 van de 3 taken."
    assert texts["travel"] == (
        "Ongeveer 7 minuten met de fiets; de kandidaat wil maximaal 30 minuten reizen."
    )
    assert texts["completeness"] == "Het profiel is voor 100 procent ingevuld."
    assert result.explanation[0] == "Taken: Kan 1 van de 3 taken doen: 50 procent van het werk."


def test_partial_job_is_the_covered_subset(matcher, example):
    person, work = example
    partial = matcher.match(person, work).partial
    assert partial is not None
    assert partial.task_ids == ("a",)
    assert partial.hours == 8
    assert partial.share_of_hours == pytest.approx(0.4)
    assert partial.missing == ("c",)
    assert [r.text for r in partial.not_doable] == ["Taak B: vraagt taalniveau B1."]
    assert partial.reason is not None
    assert partial.reason.text == "Deelbaan: Taak A, samen 8 uur per week (40 procent van de uren)."


def test_too_heavy_tasks_are_not_covered(matcher, make_candidate, make_demand, make_task):
    work = make_demand(
        make_task("a", 8, physical_load="zwaar"), make_task("b", 8, physical_load="licht")
    )
    light = matcher.match(make_candidate(tasks={"a", "b"}, max_physical_load="middel"), work)
    assert light.part("tasks").value == 0.5
    assert light.partial is not None
    assert light.partial.task_ids == ("b",)
    assert light.partial.not_doable[0].code == "load"
    strong = matcher.match(make_candidate(tasks={"a", "b"}), work)
    assert strong.part("tasks").value == 1.0


def test_skills_recall_does_not_punish_extra_skills(
    matcher, make_candidate, make_demand, make_task
):
    work = make_demand(make_task("a", 8, skills={"s1", "s2"}))
    exact = matcher.match(make_candidate(skills={"s1", "s2"}), work).part("skills").value
    more = matcher.match(make_candidate(skills={"s1", "s2", "s9", "s8"}), work).part("skills").value
    assert exact == more == 1.0
    empty = matcher.match(make_candidate(skills=set()), work).part("skills")
    assert empty.value == 0
    assert empty.reason.code == "skills-empty"


def test_no_skills_asked_scores_full(matcher, make_candidate, make_demand, make_task):
    part = matcher.match(make_candidate(), make_demand(make_task("a", 8))).part("skills")
    assert part.value == 1.0
    assert part.reason.code == "skills-not-asked"


def test_hours_part(matcher, make_candidate, make_demand, make_task):
    work = make_demand(make_task("a", 16), make_task("b", 16))
    assert matcher.match(make_candidate(hours_per_week=16), work).part("hours").value == 0.5
    assert matcher.match(make_candidate(hours_per_week=40), work).part("hours").value == 1.0


def test_interests_by_task_or_sector_count_once(matcher, make_candidate, make_demand, make_task):
    work = make_demand(make_task("a", 8), make_task("b", 8, sector="horeca"))
    both = matcher.match(make_candidate(interests={"a", "logistiek"}), work).part("interests")
    assert both.value == 0.5
    by_task = matcher.match(make_candidate(interests={"b"}), work).part("interests")
    assert by_task.value == 0.5
    none = matcher.match(make_candidate(interests={"zorg"}), work).part("interests")
    assert none.value == 0.0


def test_empty_interests_count_neutral_not_zero(matcher, make_candidate, make_demand, make_task):
    part = matcher.match(make_candidate(interests=set()), make_demand(make_task("a", 8))).part(
        "interests"
    )
    assert part.value == 0.5
    assert part.reason.text == "Geen interesses ingevuld: dit telt neutraal mee (0,5)."


def test_travel_part_falls_to_zero_at_the_maximum(make_candidate):
    assert travel_value(0, 30) == 1.0
    assert travel_value(15, 30) == 0.5
    assert travel_value(45, 30) == 0.0
    assert travel_value(float("inf"), 30) == 0.0
    assert travel_value(10, 0) == 0.0
    _value, why = part_travel(make_candidate(travel_mode=None), 12.0)
    assert why.code == "travel-unknown"


def test_completeness_counts_filled_fields_and_names_the_missing(make_candidate):
    full = make_candidate()
    assert full.completeness == 1.0
    assert full.missing_fields == ()
    thin = make_candidate(skills=set(), interests=set(), motivation="", education_level=None)
    assert thin.completeness == pytest.approx(8 / 12)
    assert thin.missing_fields == ("vaardigheden", "opleiding", "interesses", "motivatie")


def test_completeness_explanation_lists_what_is_missing(
    matcher, make_candidate, make_demand, make_task
):
    part = matcher.match(
        make_candidate(skills=set(), motivation=""), make_demand(make_task("a", 8))
    ).part("completeness")
    assert part.reason.text == (
        "Het profiel is voor 83 procent ingevuld. Nog in te vullen: vaardigheden en motivatie."
    )


def test_weights_can_be_changed_per_demand(matcher, example):
    person, work = example
    only_tasks = Demand(
        id=work.id,
        place=work.place,
        tasks=work.tasks,
        weights=dict.fromkeys(PARTS, 0.0) | {"tasks": 1.0},
    )
    assert matcher.match(person, only_tasks).score == pytest.approx(0.5)
    partial = Demand(id="v", place="emmen", tasks=work.tasks, weights={"tasks": 0.7})
    result = matcher.match(person, partial)
    assert result.weights["tasks"] == 0.7
    assert result.weights["skills"] == DEFAULT_WEIGHTS["skills"]
    assert result.part("tasks").weight == 0.7


def test_invalid_weights_and_demands_are_refused(make_task):
    with pytest.raises(ValueError, match="onbekend onderdeel"):
        Demand(id="v", place="emmen", tasks=(make_task("a", 8),), weights={"leeftijd": 1.0})
    with pytest.raises(ValueError, match="0 of meer"):
        Demand(id="v", place="emmen", tasks=(make_task("a", 8),), weights={"tasks": -1.0})
    with pytest.raises(ValueError, match="samen 0"):
        Demand(id="v", place="emmen", tasks=(make_task("a", 8),), weights=dict.fromkeys(PARTS, 0.0))
    with pytest.raises(ValueError, match="minstens één taak"):
        Demand(id="v", place="emmen", tasks=())
    with pytest.raises(ValueError, match="dubbel"):
        Demand(id="v", place="emmen", tasks=(make_task("a", 8), make_task("a", 4)))
    with pytest.raises(ValueError, match="uren"):
        DemandTask(task_id="a", hours=0)


def test_invalid_profiles_are_refused():
    with pytest.raises(ValueError, match="vervoer"):
        Candidate(
            id="k", home_place="emmen", travel_mode="paard", max_travel_minutes=10, hours_per_week=8
        )
    with pytest.raises(ValueError, match="dag"):
        Candidate(
            id="k",
            home_place="emmen",
            travel_mode="auto",
            max_travel_minutes=10,
            hours_per_week=8,
            days={"maandag"},
        )
    with pytest.raises(TypeError):
        Candidate(
            id="k",
            home_place="emmen",
            travel_mode="auto",
            max_travel_minutes=10,
            hours_per_week=8,
            tasks="orderpicken",
        )  # type: ignore[arg-type]


def test_demand_task_from_the_catalogue(matcher):
    item = matcher.demand_task("heftruck-rijden", hours=12, weight=2)
    assert item.skills == {"heftruck-rijden", "veilig-werken", "lading-stapelen"}
    assert (item.sector, item.physical_load, item.language, item.name) == (
        "logistiek",
        "middel",
        "A2",
        "Heftruck rijden",
    )


def test_adjacent_tasks_are_suggested(matcher, make_candidate, make_demand):
    work = make_demand(
        matcher.demand_task("pallets-wikkelen", 8), matcher.demand_task("transport-plannen", 8)
    )
    result = matcher.match(make_candidate(tasks={"heftruck-rijden"}), work)
    assert [s.task_id for s in result.suggestions] == ["pallets-wikkelen"]
    assert result.suggestions[0].via_task_id == "heftruck-rijden"
    assert result.suggestions[0].reason.text == (
        "Pallets stapelen en wikkelen ligt dicht bij Heftruck rijden, wat de kandidaat al kan: "
        "dit is aan te leren."
    )


def test_no_suggestions_without_a_catalogue(places, make_candidate, make_demand, make_task):
    result = match(
        make_candidate(tasks={"heftruck-rijden"}),
        make_demand(make_task("pallets-wikkelen", 8)),
        travel_minutes=places.minutes("emmen", "emmen", "fiets"),
    )
    assert result.suggestions == ()


def test_support_needs_are_noted_and_never_scored(matcher, example):
    person, work = example
    plain = matcher.match(person, work)
    needs = Candidate(
        **{**{f: getattr(person, f) for f in person.__slots__}, "support_needs": {"jobcoach"}}
    )
    offered = Demand(id=work.id, place=work.place, tasks=work.tasks, support_offered={"jobcoach"})
    with_support = matcher.match(needs, work)
    assert with_support.score == plain.score
    assert [n.text for n in with_support.notes] == [
        "Heeft een jobcoach nodig; bespreek dit met de werkgever."
    ]
    assert [n.text for n in matcher.match(needs, offered).notes] == [
        "Heeft een jobcoach nodig; de werkgever biedt dit aan."
    ]


def test_rank_orders_by_score_then_id_and_leaves_out_failures(
    matcher, make_candidate, make_demand, make_task
):
    work = make_demand(make_task("orderpicken-magazijn", 16))
    people = [
        make_candidate(id="b"),
        make_candidate(id="a"),
        make_candidate(id="c", tasks=set()),
        make_candidate(id="d", hours_per_week=0),
    ]
    assert [m.candidate_id for m in matcher.rank(work, people)] == ["a", "b", "c"]
    assert [m.candidate_id for m in matcher.rank(work, people, k=1)] == ["a"]
