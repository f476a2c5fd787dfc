"""The writes of the demands app: Dutch messages by field, task rows from the task list, the log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from werkpunt.demands import selectors, services
from werkpunt.demands.models import (
    Demand,
    DemandStatus,
    MatchAction,
    MatchLogEntry,
    MatchProposal,
    OpenHiringSignUp,
    ProposalStatus,
)

pytestmark = pytest.mark.django_db


def messages_of(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict


def create(employer, by, **changes):
    values = {
        "employer": employer,
        "by": by,
        "title": "Medewerker magazijn",
        "place": "emmen",
        "tasks": [("orderpicken-magazijn", "16", 2), ("heftruck-rijden", Decimal("8"), 1)],
    }
    values.update(changes)
    return services.demand_create(**values)


# --- Demands -----------------------------------------------------------------------------------


def test_create_fills_the_task_rows_from_the_task_list(employer, adviser):
    demand = create(employer, adviser, days=["di", "ma", "ma"], min_hours="12,5")
    rows = list(demand.tasks.order_by("pk"))
    assert [r.task_id for r in rows] == ["orderpicken-magazijn", "heftruck-rijden"]
    picking = rows[0]
    assert picking.name == "Orders picken in het magazijn"
    assert picking.hours == Decimal("16.0")
    assert picking.weight == Decimal("2.0")
    assert set(picking.skills) == {"orderpicken", "scanner-gebruiken", "tempo-houden"}
    assert (picking.sector, picking.language, picking.physical_load) == (
        "logistiek",
        "A1",
        "middel",
    )
    assert demand.days == ["ma", "di"]  # week order, no repeats
    assert demand.min_hours == Decimal("12.5")
    assert demand.created_by == adviser


def test_create_refuses_bad_input_with_dutch_messages_by_field(employer, adviser):
    with pytest.raises(ValidationError) as error:
        create(
            employer,
            adviser,
            title="  ",
            place="parijs",
            positions=0,
            tasks=[("bestaat-niet", 8), ("orderpicken-magazijn", 0), ("heftruck-rijden", 8, 9)],
        )
    errors = messages_of(error)
    assert errors["title"] == ["Vul een titel in, bijvoorbeeld ‘Medewerker magazijn’."]
    assert errors["place"] == ["Kies de plaats van het werk uit de lijst."]
    assert "1 tot en met 50" in errors["positions"][0]
    assert errors["tasks"] == [
        "Kies elke taak uit de takenlijst.",
        "Vul bij ‘Orders picken in het magazijn’ de uren per week in: meer dan 0 en hoogstens 60.",
        "Het gewicht van ‘Heftruck rijden’ moet meer dan 0 en hoogstens 5 zijn.",
    ]
    assert not Demand.objects.exists()


def test_create_needs_a_task_and_refuses_a_task_twice(employer, adviser):
    with pytest.raises(ValidationError) as error:
        create(employer, adviser, tasks=[])
    assert messages_of(error)["tasks"] == [
        "Kies minstens één taak. Een werkvraag bestaat uit taken."
    ]
    with pytest.raises(ValidationError) as error:
        create(employer, adviser, tasks=[("heftruck-rijden", 8), ("heftruck-rijden", 4)])
    assert messages_of(error)["tasks"] == ["De taak ‘Heftruck rijden’ staat er twee keer in."]


def test_open_hiring_needs_the_basic_requirements(employer, adviser):
    with pytest.raises(ValidationError) as error:
        create(employer, adviser, open_hiring=True)
    assert "basiseisen" in messages_of(error)["basic_requirements"][0]
    demand = create(employer, adviser, open_hiring=True, basic_requirements="Je kunt tillen.")
    assert demand.open_hiring


def test_update_replaces_the_tasks_and_keeps_at_least_one(employer, adviser):
    demand = create(employer, adviser)
    services.demand_update(
        demand=demand,
        by=adviser,
        title="Magazijn",
        tasks=[("heftruck-rijden", "10", 3), ("pallets-wikkelen", 4, 1)],
    )
    demand.refresh_from_db()
    assert demand.title == "Magazijn"
    assert {(t.task_id, t.hours, t.weight) for t in demand.tasks.all()} == {
        ("heftruck-rijden", Decimal("10.0"), Decimal("3.0")),
        ("pallets-wikkelen", Decimal("4.0"), Decimal("1.0")),
    }
    with pytest.raises(ValidationError):
        services.demand_update(demand=demand, by=adviser, title="", tasks=[])
    demand.refresh_from_db()
    assert demand.title == "Magazijn"  # nothing saved when something is wrong
    assert demand.tasks.count() == 2
    only = demand.tasks.get(task_id="pallets-wikkelen")
    services.demand_task_remove(task=only, by=adviser)
    with pytest.raises(ValidationError) as error:
        services.demand_task_remove(task=demand.tasks.get(), by=adviser)
    assert "minstens één taak" in messages_of(error)["tasks"][0]


def test_task_add_and_update(employer, adviser):
    demand = create(employer, adviser)
    task = services.demand_task_add(
        demand=demand, task_id="pallets-wikkelen", hours="6", weight=2, by=adviser
    )
    assert task.skills
    assert task.sector == "logistiek"
    with pytest.raises(ValidationError) as error:
        services.demand_task_add(demand=demand, task_id="pallets-wikkelen", hours=2, by=adviser)
    assert messages_of(error)["tasks"] == ["Deze taak staat al in de werkvraag."]
    with pytest.raises(ValidationError) as error:
        services.demand_task_update(task=task, hours="nul", weight=0, by=adviser)
    assert set(messages_of(error)) == {"hours", "weight"}


# --- Weights -----------------------------------------------------------------------------------


def test_weights_are_checked_stored_and_logged(employer, adviser):
    demand = create(employer, adviser)
    with pytest.raises(ValidationError) as error:
        services.weights_set(demand=demand, weights={"tasks": 6, "travel": "x"}, by=adviser)
    errors = messages_of(error)
    assert errors["tasks"] == ["Vul bij ‘Taken’ een getal in van 0 tot en met 5."]
    assert errors["travel"] == ["Vul bij ‘Reistijd’ een getal in van 0 tot en met 5."]
    with pytest.raises(ValidationError) as error:
        services.weights_set(
            demand=demand, weights=dict.fromkeys(selectors.PART_LABELS, 0), by=adviser
        )
    assert messages_of(error)["__all__"] == ["Geef minstens één onderdeel een gewicht hoger dan 0."]
    assert not MatchLogEntry.objects.filter(action=MatchAction.WEIGHTS).exists()

    services.weights_set(demand=demand, weights={"travel": "4,5"}, by=adviser)
    demand.refresh_from_db()
    assert demand.weights["travel"] == 4.5
    assert demand.weights["tasks"] == 3.5  # the parts not given keep their default
    entry = MatchLogEntry.objects.get(action=MatchAction.WEIGHTS)
    assert entry.by == adviser
    assert entry.details["weights"]["travel"] == 4.5
    assert entry.details["before"] == {}

    services.weights_set(demand=demand, weights=None, by=adviser)
    demand.refresh_from_db()
    assert demand.weights == {}
    assert MatchLogEntry.objects.filter(action=MatchAction.WEIGHTS).count() == 2


# --- Proposals ---------------------------------------------------------------------------------


def test_proposal_stores_the_match_as_it_was_and_is_logged(employer, adviser, make_candidate):
    demand = create(employer, adviser)
    candidate = make_candidate(adviser=adviser)
    proposal = services.proposal_create(demand=demand, candidate=candidate, by=adviser, note="")
    expected = selectors.match_one(demand=demand, candidate=candidate)
    assert proposal.score == pytest.approx(expected.score)
    assert [p["name"] for p in proposal.parts] == [
        "tasks",
        "skills",
        "travel",
        "hours",
        "interests",
        "completeness",
    ]
    assert proposal.parts[0]["text"].startswith("Kan 1 van de 2 taken doen")
    assert proposal.task_ids == ["orderpicken-magazijn"]
    assert proposal.weights["tasks"] == pytest.approx(0.35)
    entry = MatchLogEntry.objects.get(action=MatchAction.PROPOSED)
    assert (entry.proposal, entry.candidate, entry.by) == (proposal, candidate, adviser)
    assert entry.details["passed"] is True


def test_proposal_with_a_failing_hard_constraint_needs_a_note(employer, adviser, make_candidate):
    demand = create(employer, adviser, days=["za"])
    candidate = make_candidate(adviser=adviser)  # works Monday to Friday
    with pytest.raises(ValidationError) as error:
        services.proposal_create(demand=demand, candidate=candidate, by=adviser, note=" ")
    message = messages_of(error)["note"][0]
    assert "Dagen: niet beschikbaar op zaterdag." in message
    assert "Schrijf in de toelichting waarom u toch voorstelt." in message
    assert not MatchProposal.objects.exists()
    proposal = services.proposal_create(
        demand=demand, candidate=candidate, by=adviser, note="Kan op zaterdag, net afgesproken."
    )
    assert proposal.note == "Kan op zaterdag, net afgesproken."
    assert MatchLogEntry.objects.get(action=MatchAction.PROPOSED).details["passed"] is False


def test_a_candidate_is_proposed_once_until_withdrawn(employer, adviser, make_candidate):
    demand = create(employer, adviser)
    candidate = make_candidate(adviser=adviser)
    proposal = services.proposal_create(demand=demand, candidate=candidate, by=adviser)
    with pytest.raises(ValidationError) as error:
        services.proposal_create(demand=demand, candidate=candidate, by=adviser)
    assert messages_of(error)["candidate"] == [
        "Deze kandidaat is al voorgesteld voor deze werkvraag."
    ]
    services.proposal_set_status(
        proposal=proposal, status=ProposalStatus.WITHDRAWN, by=adviser, note="Toch niet."
    )
    again = services.proposal_create(demand=demand, candidate=candidate, by=adviser)
    assert again.pk != proposal.pk
    assert MatchLogEntry.objects.filter(action=MatchAction.WITHDRAWN).count() == 1


def test_no_proposal_for_open_hiring_or_a_closed_demand(employer, adviser, make_candidate):
    candidate = make_candidate(adviser=adviser)
    open_hiring = create(employer, adviser, open_hiring=True, basic_requirements="Tillen.")
    with pytest.raises(ValidationError) as error:
        services.proposal_create(demand=open_hiring, candidate=candidate, by=adviser)
    assert "open hiring" in messages_of(error)["__all__"][0]
    closed = create(employer, adviser)
    services.demand_update(demand=closed, by=adviser, status=DemandStatus.CLOSED)
    with pytest.raises(ValidationError) as error:
        services.proposal_create(demand=closed, candidate=candidate, by=adviser)
    assert messages_of(error)["__all__"] == ["Deze werkvraag is niet meer open."]


def test_status_changes_follow_the_steps_and_are_logged(
    employer, adviser, employer_user, make_candidate
):
    demand = create(employer, adviser)
    candidate = make_candidate(adviser=adviser, released=True)
    proposal = services.proposal_create(demand=demand, candidate=candidate, by=adviser)
    with pytest.raises(ValidationError) as error:
        services.proposal_set_status(proposal=proposal, status="hired", by=employer_user)
    assert messages_of(error)["status"] == ["Dit kunt u niet vastleggen bij dit voorstel."]
    services.proposal_set_status(proposal=proposal, status="invited", by=employer_user)
    services.proposal_set_status(proposal=proposal, status="hired", by=adviser, note="Start 1/3")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.HIRED
    assert proposal.decided_at is not None
    with pytest.raises(ValidationError) as error:
        services.proposal_set_status(proposal=proposal, status="declined", by=adviser)
    assert messages_of(error)["status"] == ["Over dit voorstel is al besloten: Aangenomen."]
    log = list(
        MatchLogEntry.objects.filter(action=MatchAction.STATUS)
        .order_by("pk")
        .values_list("details", flat=True)
    )
    assert [(d["before"], d["status"]) for d in log] == [
        ("proposed", "invited"),
        ("invited", "hired"),
    ]
    assert log[1]["note"] == "Start 1/3"


def test_not_suitable_needs_a_reason_and_is_logged(employer, adviser, make_candidate):
    demand = create(employer, adviser)
    candidate = make_candidate(adviser=adviser)
    with pytest.raises(ValidationError) as error:
        services.mark_not_suitable(demand=demand, candidate=candidate, by=adviser, reason=" ")
    assert messages_of(error)["reason"] == ["Schrijf kort op waarom deze kandidaat niet past."]
    entry = services.mark_not_suitable(
        demand=demand, candidate=candidate, by=adviser, reason="Wil geen ploegendienst."
    )
    assert entry.action == MatchAction.NOT_SUITABLE
    assert entry.details == {"reason": "Wil geen ploegendienst."}
    assert selectors.not_suitable_ids(demand=demand) == {candidate.pk}


def test_viewing_a_ranking_is_logged_once_per_adviser_per_day(employer, adviser, make_user):
    demand = create(employer, adviser)
    colleague = make_user(role="teamleider")
    assert services.ranking_viewed(demand=demand, by=adviser) is True
    assert services.ranking_viewed(demand=demand, by=adviser) is False
    assert services.ranking_viewed(demand=demand, by=colleague) is True
    MatchLogEntry.objects.filter(by=adviser).update(at=timezone.now() - dt.timedelta(days=1))
    assert services.ranking_viewed(demand=demand, by=adviser) is True
    assert MatchLogEntry.objects.filter(action=MatchAction.VIEWED).count() == 3


# --- Open hiring -------------------------------------------------------------------------------


def open_demand(employer, adviser, **changes):
    values = {"open_hiring": True, "basic_requirements": "Je kunt 20 kilo tillen."}
    values.update(changes)
    return create(employer, adviser, **values)


def test_sign_up_only_for_an_open_open_hiring_demand(employer, adviser):
    scored = create(employer, adviser)
    with pytest.raises(ValidationError) as error:
        services.open_hiring_sign_up(
            demand=scored, name="Sanne", phone="0591 123 456", meets_requirements=True
        )
    assert messages_of(error)["__all__"] == ["Aanmelden kan niet meer: deze werkvraag is gesloten."]
    demand = open_demand(employer, adviser)
    services.demand_update(demand=demand, by=adviser, status=DemandStatus.FILLED)
    with pytest.raises(ValidationError):
        services.open_hiring_sign_up(
            demand=demand, name="Sanne", phone="0591 123 456", meets_requirements=True
        )


def test_sign_up_checks_the_person_and_refuses_doubles(employer, adviser):
    demand = open_demand(employer, adviser)
    with pytest.raises(ValidationError) as error:
        services.open_hiring_sign_up(demand=demand, name="", meets_requirements=False)
    errors = messages_of(error)
    assert errors["name"] == ["Vul uw naam in."]
    assert errors["meets_requirements"][0].startswith("Zet een vinkje")
    assert errors["phone"] == [
        "Vul een telefoonnummer of een e-mailadres in. Dan kan de werkgever u bereiken."
    ]
    first = services.open_hiring_sign_up(
        demand=demand, name="Sanne B.", email="sanne@example.org", meets_requirements=True
    )
    assert first.meets_requirements
    with pytest.raises(ValidationError) as error:
        services.open_hiring_sign_up(
            demand=demand, name="Sanne", email="SANNE@example.org", meets_requirements=True
        )
    assert messages_of(error)["__all__"] == ["U staat al op de lijst voor dit werk."]


def test_a_candidate_is_on_a_list_once_and_back_at_the_end(employer, adviser, make_candidate):
    demand = open_demand(employer, adviser)
    candidate = make_candidate(adviser=adviser)
    entry = services.open_hiring_sign_up(
        demand=demand, candidate=candidate, meets_requirements=True, by=adviser
    )
    with pytest.raises(ValidationError) as error:
        services.open_hiring_sign_up(
            demand=demand, candidate=candidate, meets_requirements=True, by=adviser
        )
    assert messages_of(error)["candidate"] == ["Deze kandidaat staat al op de lijst."]
    other = services.open_hiring_sign_up(
        demand=demand, name="Piet", phone="06 12345678", meets_requirements=True
    )
    services.sign_up_cancel(sign_up=entry, by=adviser)
    assert [r.sign_up.pk for r in selectors.open_hiring_list(demand=demand).eligible] == [other.pk]
    again = services.open_hiring_sign_up(
        demand=demand, candidate=candidate, meets_requirements=True, by=adviser
    )
    assert again.pk == entry.pk
    listing = selectors.open_hiring_list(demand=demand)
    assert [(r.position, r.sign_up.pk) for r in listing.eligible] == [(1, other.pk), (2, entry.pk)]
    assert OpenHiringSignUp.objects.count() == 2
