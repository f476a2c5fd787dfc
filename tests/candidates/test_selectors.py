"""Reads of the candidates app: who sees which profile and identity, the bridge to matching."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from werkpunt import matching
from werkpunt.candidates import selectors

pytestmark = pytest.mark.django_db


def test_staff_of_every_partner_see_active_profiles_others_nothing(
    make_candidate, adviser, other_adviser, make_user, coevorden
):
    active = make_candidate(adviser=adviser)
    stopped = make_candidate(adviser=adviser, is_active=False)
    jobcoach = make_user(role="jobcoach", organisation=coevorden)
    for user in (other_adviser, jobcoach):
        assert list(selectors.candidates_visible_to(user=user)) == [active]
    # The own organisation also sees its profiles that stopped looking for work.
    assert set(selectors.candidates_visible_to(user=adviser)) == {active, stopped}
    for role in ("werkgever", "bestuur", "redacteur", "beheerder"):
        assert not selectors.candidates_visible_to(user=make_user(role=role)).exists()


def test_identity_only_for_own_organisation_and_own_adviser(
    candidate, adviser, other_adviser, make_user, emmen, coevorden
):
    assert selectors.can_see_identity(user=adviser, candidate=candidate)
    assert selectors.can_see_identity(
        user=make_user(role="jobcoach", organisation=emmen), candidate=candidate
    )
    assert not selectors.can_see_identity(user=other_adviser, candidate=candidate)
    assert not selectors.can_see_identity(
        user=make_user(role="jobcoach", organisation=coevorden), candidate=candidate
    )
    assert not selectors.can_see_identity(user=make_user(role="bestuur"), candidate=candidate)
    # An adviser of another partner who is the candidate's own adviser does see it.
    candidate.adviser = other_adviser
    assert selectors.can_see_identity(user=other_adviser, candidate=candidate)


def test_employer_sees_identity_only_when_released_and_proposed(
    make_candidate, adviser, make_user, make_employer, make_demand
):
    from werkpunt.demands.models import MatchProposal

    employer_user = make_user(role="werkgever")
    employer = make_employer(organisation=employer_user.profile.organisation)
    demand = make_demand(employer=employer)
    released = make_candidate(adviser=adviser, released=True)
    not_released = make_candidate(adviser=adviser, consent=True)
    not_proposed = make_candidate(adviser=adviser, released=True)
    for candidate in (released, not_released):
        MatchProposal.objects.create(demand=demand, candidate=candidate, score=0.8)
    assert selectors.can_see_identity(user=employer_user, candidate=released)
    assert not selectors.can_see_identity(user=employer_user, candidate=not_released)
    assert not selectors.can_see_identity(user=employer_user, candidate=not_proposed)
    assert selectors.released_to_employer(candidate=not_proposed)
    assert not selectors.released_to_employer(candidate=not_released)
    assert set(selectors.released_candidates()) == {released, not_proposed}


def test_as_match_candidate_passes_only_the_work_profile(make_candidate, adviser):
    candidate = make_candidate(
        adviser=adviser,
        hours_per_week=Decimal("24.5"),
        travel_mode="",
        education_level="",
        language_level="",
        experience_years=None,
    )
    profile = selectors.as_match_candidate(candidate=candidate)
    assert isinstance(profile, matching.Candidate)
    assert profile.id == str(candidate.pk)
    assert profile.hours_per_week == 24.5
    assert isinstance(profile.max_travel_minutes, float)
    assert profile.travel_mode is None
    assert profile.education_level is None
    assert profile.language_level is None
    assert profile.experience_years is None
    assert profile.tasks == frozenset({"orderpicken-magazijn"})
    names = {f.name for f in dataclasses.fields(profile)}
    assert not names & {"display_name", "email", "phone", "organisation", "adviser", "name"}
    assert candidate.display_name not in repr(profile)


def test_match_candidates_is_the_active_pool_and_ranks(make_candidate, adviser, make_demand):
    fits = make_candidate(adviser=adviser)
    make_candidate(adviser=adviser, is_active=False)
    make_candidate(adviser=adviser, travel_mode="raket")  # an old bad value counts as empty
    pool = selectors.match_candidates()
    assert len(pool) == 2
    demand = matching.Demand(
        id="v1",
        place="emmen",
        tasks=(matching.Matcher.default().demand_task("orderpicken-magazijn", hours=24),),
    )
    ranked = matching.Matcher.default().rank(demand, pool)
    assert ranked[0].candidate_id == str(fits.pk)


def test_completeness_names_what_is_missing(make_candidate, adviser):
    full = selectors.completeness(candidate=make_candidate(adviser=adviser))
    assert (full.percent, full.missing) == (100, ())
    partial = selectors.completeness(
        candidate=make_candidate(adviser=adviser, skills=[], motivation="", travel_mode="")
    )
    assert partial.filled == 9
    assert partial.total == 12
    assert partial.percent == 75
    assert set(partial.missing) == {"vaardigheden", "motivatie", "vervoer"}


def test_choices_from_the_task_list_and_places():
    tasks = selectors.task_choices()
    assert sum(len(choices) for _, _, choices in tasks) == len(matching.load_catalogue().tasks)
    assert tasks[0][1] == "Landbouw en tuinbouw"
    skills = [skill for _, _, choices in selectors.skill_choices() for skill, _ in choices]
    assert sorted(skills) == sorted(matching.load_catalogue().skills)
    assert selectors.skill_choices()[0][0] == selectors.GENERAL_GROUP
    places = dict(selectors.place_choices())
    assert ("coevorden", "Coevorden") in places["Coevorden"]
    assert selectors.task_choices() is selectors.task_choices()  # cached


def test_list_filters_on_task_sector_place_and_mine(make_candidate, adviser, make_user, emmen):
    picker = make_candidate(adviser=adviser, tasks=["orderpicken-magazijn"])
    grower = make_candidate(adviser=adviser, tasks=["fruit-plukken"], home_place="coevorden")
    colleague = make_user(role="adviseur", organisation=emmen)
    theirs = make_candidate(adviser=colleague, tasks=["orderpicken-magazijn", "fruit-plukken"])

    def listed(**filters):
        return set(selectors.candidate_list(user=adviser, **filters))

    assert listed(task="orderpicken-magazijn") == {picker, theirs}
    assert listed(task="orderpicken") == set()  # a whole task id, not a part of one
    assert listed(sector="agrarisch") == {grower, theirs}
    assert listed(place="coevorden") == {grower}
    assert listed(mine=True) == {picker, grower}
