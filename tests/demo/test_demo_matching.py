"""What ``werkpunt manage demo_matching`` promises: candidates, consent, demands, proposals, a
matchtafel that gives proposals and an open day, on top of the back-office demo."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Iterator

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from werkpunt.candidates.models import Candidate, ConsentAction, ConsentEvent
from werkpunt.core import demo_matching
from werkpunt.core.demo_backoffice import ALLOW_ENV, DEMO_KVK_NUMBERS
from werkpunt.core.demo_matching import (
    CANDIDATE_COUNT,
    DEMANDS,
    core_candidate,
    core_demand,
    matchtafel_table,
    own_candidates,
    own_demands,
    own_matchtafels,
    own_open_days,
)
from werkpunt.demands.models import MatchAction, MatchLogEntry, MatchProposal, OpenHiringSignUp
from werkpunt.matching import Matcher, load_catalogue, load_places
from werkpunt.matching.vocab import (
    DAYS,
    EDUCATION_LEVELS,
    LANGUAGE_LEVELS,
    PHYSICAL_LOADS,
    SECTORS,
    SUPPORT_NEEDS,
    TRAVEL_MODES,
)
from werkpunt.matchtafels.models import MatchtafelPair, MatchtafelStatus
from werkpunt.opendays.models import InvitationStatus
from werkpunt.placements.models import Placement
from werkpunt.placements.services import add_months

pytestmark = pytest.mark.django_db


def run(**options: object) -> str:
    out = io.StringIO()
    call_command("demo_matching", stdout=out, **options)
    return out.getvalue()


def snapshot() -> dict[str, int]:
    return demo_matching.counts()


# --- The guard and the order of the demos (before the world is built) --------------------


def test_refuses_with_debug_off_and_no_permission(monkeypatch, settings):
    settings.DEBUG = False
    monkeypatch.delenv(ALLOW_ENV, raising=False)
    before = Candidate.objects.count()

    with pytest.raises(CommandError, match="WERKPUNT_ALLOW_DEMO"):
        run()

    assert Candidate.objects.count() == before


def test_refuses_without_the_back_office_demo(monkeypatch, settings):
    settings.DEBUG = False
    monkeypatch.setenv(ALLOW_ENV, "true")
    # Whatever ran before in this module: no employer of the back-office demo is found.
    monkeypatch.setattr(demo_matching, "DEMO_KVK_NUMBERS", ("90000001",))
    before = Candidate.objects.count()

    with pytest.raises(CommandError, match="Draai eerst 'werkpunt manage demo_backoffice'"):
        run()

    assert Candidate.objects.count() == before


# --- The world ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def matching_world(world: str, django_db_blocker: object) -> Iterator[str]:
    """The matching demo on top of the module's back-office demo (rolled back with it)."""
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():  # type: ignore[attr-defined]
        patch.setenv(ALLOW_ENV, "true")
        yield run()


def test_summary_in_dutch(matching_world):
    assert "Demo voor matching klaar" in matching_world
    assert f"{CANDIDATE_COUNT} kandidaten" in matching_world
    assert "Voorstel maken" in matching_world
    assert "adviseur.hoogeveen" in matching_world
    assert "werkgever.supermarkt" in matching_world


def test_candidates_spread_over_partners_and_municipalities(matching_world):
    candidates = list(own_candidates().select_related("organisation"))
    assert len(candidates) == CANDIDATE_COUNT
    per_partner = Counter(c.organisation.slug for c in candidates)
    assert set(per_partner) == {
        "emmen",
        "coevorden",
        "hoogeveen",
        "borger-odoorn",
        "midden-drenthe",
        "de-wolden",
        "uwv",
    }
    assert min(per_partner.values()) >= 10
    places = load_places()
    municipalities = Counter(places.get(c.home_place).municipality_code for c in candidates)
    assert len(municipalities) == 6
    # Every candidate has an adviser of their own organisation.
    for c in candidates:
        assert c.adviser.profile.organisation_id == c.organisation_id
    assert all(c.reference.startswith("K-D") for c in candidates)
    names = [c.display_name for c in candidates]
    assert all(name.endswith(".") and " " in name for name in names)


def test_profiles_vary_in_travel_language_and_completeness(matching_world):
    candidates = list(own_candidates())
    modes = Counter(c.travel_mode for c in candidates)
    assert set(TRAVEL_MODES) <= set(modes)
    assert modes[""] >= 1  # not filled in yet
    completeness = [core_candidate(c).completeness for c in candidates]
    assert max(completeness) == 1
    assert min(completeness) < 0.85
    assert sum(1 for c in candidates if not c.skills) >= 3
    assert sum(1 for c in candidates if c.support_needs) >= 20
    assert len({c.language_level for c in candidates}) >= 6
    assert len({c.hours_per_week for c in candidates}) >= 6


def test_consent_a_third_released_a_fifth_a_few_withdrawn(matching_world):
    candidates = own_candidates()
    with_consent = candidates.filter(
        candidate_consent_at__isnull=False, consent_withdrawn_at__isnull=True
    )
    released = candidates.filter(pk__in=Candidate.objects.released())
    withdrawn = candidates.filter(consent_withdrawn_at__isnull=False)
    assert with_consent.count() == CANDIDATE_COUNT // 3
    assert released.count() == CANDIDATE_COUNT // 5
    assert 3 <= withdrawn.count() <= 8


def test_released_candidates_have_both_keys_and_the_events(matching_world):
    for candidate in own_candidates().filter(pk__in=Candidate.objects.released()):
        assert candidate.is_released
        assert candidate.candidate_consent_at is not None
        assert candidate.candidate_consent_via
        assert candidate.adviser_release_at is not None
        assert candidate.adviser_release_by_id is not None
        assert candidate.adviser_release_at >= candidate.candidate_consent_at
        actions = set(candidate.consent_events.values_list("action", flat=True))
        assert {ConsentAction.CANDIDATE_GAVE, ConsentAction.ADVISER_RELEASED} <= actions


def test_withdrawn_candidates_are_closed_and_logged(matching_world):
    withdrawn = own_candidates().filter(consent_withdrawn_at__isnull=False)
    assert withdrawn.exists()
    for candidate in withdrawn:
        assert not candidate.is_released
        assert candidate.candidate_consent_at is None
        assert candidate.adviser_release_at is None
        actions = list(
            candidate.consent_events.order_by("at", "pk").values_list("action", flat=True)
        )
        assert actions[0] == ConsentAction.CANDIDATE_GAVE
        assert actions[-1] in (ConsentAction.CANDIDATE_WITHDREW, ConsentAction.ADVISER_WITHDREW)
    # Candidates without consent have no events at all.
    no_consent = own_candidates().filter(
        candidate_consent_at__isnull=True, consent_withdrawn_at__isnull=True
    )
    assert not ConsentEvent.objects.filter(candidate__in=no_consent).exists()


def test_workers_whose_contract_ends_are_linked_with_consent(matching_world):
    today = timezone.localdate()
    linked = own_candidates().filter(worker__isnull=False).select_related("worker")
    assert 10 <= linked.count() <= 14
    for candidate in linked:
        assert candidate.candidate_consent_at is not None
        assert candidate.consent_withdrawn_at is None
        assert candidate.display_name == candidate.worker.display_name
        placement = Placement.objects.get(worker=candidate.worker)
        assert placement.end_date is not None
        assert today < placement.end_date <= add_months(today, 3)
        assert placement.employer.kvk_number in DEMO_KVK_NUMBERS


def test_no_candidate_has_fields_outside_the_work_profile(matching_world):
    words_in_names = {w for f in Candidate._meta.get_fields() for w in f.name.split("_")}
    forbidden = {"age", "birth", "born", "gender", "sex", "origin", "nationality", "health"}
    forbidden |= {"diagnosis", "disability", "subsidy", "benefit", "situation", "instruments"}
    assert not words_in_names & forbidden

    catalogue = load_catalogue()
    places = load_places()
    words = ("ziek", "diagnose", "beperking", "leeftijd", "jaar oud", "afkomst", "uitkering")
    for c in own_candidates():
        assert c.home_place in places
        assert c.travel_mode in (*TRAVEL_MODES, "")
        assert set(c.days) <= set(DAYS)
        assert set(c.tasks) <= set(catalogue.tasks)
        assert c.tasks, c.reference
        assert set(c.skills) <= set(catalogue.skills)
        assert set(c.licences) <= set(catalogue.licences)
        assert set(c.support_needs) <= set(SUPPORT_NEEDS)
        assert set(c.interests) <= set(catalogue.tasks) | set(SECTORS)
        assert c.language_level in (*LANGUAGE_LEVELS, "")
        assert c.education_level in (*EDUCATION_LEVELS, "")
        assert c.max_physical_load in PHYSICAL_LOADS
        assert not any(word in c.motivation.lower() for word in words)
        core_candidate(c)  # the pure core accepts every profile


def test_demands_at_demo_employers_with_tasks_from_the_list(matching_world):
    catalogue = load_catalogue()
    demands = list(own_demands().select_related("employer").prefetch_related("tasks"))
    assert len(demands) >= len(DEMANDS)
    assert 20 <= len(demands) <= 32
    for demand in demands:
        assert demand.employer.kvk_number in DEMO_KVK_NUMBERS
        assert demand.weights == {}
        assert demand.place in load_places()
        tasks = list(demand.tasks.all())
        assert tasks
        for task in tasks:
            listed = catalogue.task(task.task_id)
            assert task.name == listed.name
            assert set(task.skills) == set(listed.skills)
        core_demand(demand)  # valid for the pure core
    assert any(d.days for d in demands)
    assert any(d.required_licences for d in demands)
    assert any(d.language_min != "geen" for d in demands)


def test_three_open_hiring_demands_with_basic_requirements_and_sign_ups(matching_world):
    open_hiring = own_demands().filter(open_hiring=True)
    assert open_hiring.count() == 3
    for demand in open_hiring:
        assert demand.basic_requirements
        sign_ups = OpenHiringSignUp.objects.filter(demand=demand)
        assert sign_ups.count() >= 2
        for sign_up in sign_ups.filter(candidate__isnull=False):
            assert sign_up.candidate.is_released
    people = OpenHiringSignUp.objects.filter(demand__in=open_hiring, candidate__isnull=True)
    assert people.exists()
    assert all(p.name for p in people)


def test_a_few_proposals_with_their_log(matching_world):
    proposals = MatchProposal.objects.filter(demand__in=own_demands())
    assert 4 <= proposals.count() <= 12
    for proposal in proposals:
        assert proposal.candidate.candidate_consent_at is not None
        assert 0 < proposal.score <= 1
        assert [p["name"] for p in proposal.parts] == [
            "tasks",
            "skills",
            "travel",
            "hours",
            "interests",
            "completeness",
        ]
        assert proposal.task_ids
        log = MatchLogEntry.objects.filter(proposal=proposal, action=MatchAction.PROPOSED)
        assert log.count() == 1
    assert len(set(proposals.values_list("status", flat=True))) >= 2


def test_the_matchtafel_is_planned_with_ending_contracts_and_no_pairs(matching_world):
    today = timezone.localdate()
    tafel = own_matchtafels().get()
    assert tafel.status == MatchtafelStatus.PLANNED
    assert today + dt.timedelta(days=14) <= tafel.date <= today + dt.timedelta(days=42)
    assert tafel.date.weekday() < 5
    employers = list(tafel.employers.all())
    assert 4 <= len(employers) <= 6
    assert tafel.advisers.count() >= 2
    assert not MatchtafelPair.objects.filter(matchtafel=tafel).exists()
    assert tafel.proposed_at is None
    candidates, places, placements = matchtafel_table(tafel)
    for employer in employers:
        assert any(p.employer_id == employer.pk for p in placements.values()), employer.name
        assert any(d.employer_id == employer.pk for d, _ in places), employer.name
    for candidate in candidates:
        end = placements[candidate.pk].end_date
        assert end is not None
        assert tafel.period_start <= end <= tafel.period_end


def test_the_matchtafel_gives_proposals_with_the_pure_core(matching_world):
    tafel = own_matchtafels().get()
    candidates, places, _ = matchtafel_table(tafel)
    assert len(candidates) >= 4

    result = Matcher.default().matchtafel(
        [core_candidate(c) for c in candidates],
        [(core_demand(d), n) for d, n in places],
        min_score=tafel.min_score,
    )

    proposals = result.proposals()
    assert len(proposals) >= 3
    demand_ids = {str(d.pk) for d, _ in places}
    assert all(demand in demand_ids for _, demand, _ in proposals)
    assert all(score >= tafel.min_score for _, _, score in proposals)
    # Several employers get someone, not one employer everybody.
    assert len({demand for _, demand, _ in proposals}) >= 3


def test_the_open_day_has_three_slots_and_invitations(matching_world):
    today = timezone.localdate()
    open_day = own_open_days().get()
    assert today + dt.timedelta(days=21) <= open_day.date <= today + dt.timedelta(days=45)
    assert open_day.date.weekday() < 5
    assert open_day.demand is not None
    assert open_day.demand.employer_id == open_day.employer_id
    slots = list(open_day.slots.all())
    assert len(slots) == 3
    assert all(timezone.localdate(s.starts_at) == open_day.date for s in slots)
    invitations = list(open_day.invitations.select_related("candidate"))
    assert len(invitations) >= 5
    statuses = Counter(i.status for i in invitations)
    assert statuses[InvitationStatus.REGISTERED] >= 2
    assert statuses[InvitationStatus.INVITED] >= 1
    for invitation in invitations:
        assert invitation.candidate.candidate_consent_at is not None
        assert invitation.candidate.consent_withdrawn_at is None
        if invitation.status == InvitationStatus.REGISTERED:
            assert invitation.slot is not None
            assert invitation.registered_at is not None
    for slot in slots:
        assert slot.registrations.count() <= slot.capacity


# --- Running it again ------------------------------------------------------------------------


def test_running_again_adds_nothing(matching_world):
    before = snapshot()
    pks = set(own_candidates().values_list("pk", flat=True))

    out = run()

    assert "stond er al" in out
    assert snapshot() == before
    assert set(own_candidates().values_list("pk", flat=True)) == pks


def test_reset_builds_the_same_demo_again(matching_world):
    before = snapshot()
    profiles = sorted(own_candidates().values_list("reference", "display_name", "tasks"))
    pks = set(own_candidates().values_list("pk", flat=True))

    run(reset=True)

    assert snapshot() == before
    assert not pks & set(own_candidates().values_list("pk", flat=True))
    assert sorted(own_candidates().values_list("reference", "display_name", "tasks")) == profiles


def test_an_incomplete_demo_is_built_again(matching_world):
    before = snapshot()
    own_demands().delete()  # as after demo_backoffice --reset removed the employers

    out = run()

    assert "niet meer compleet" in out
    assert snapshot() == before
