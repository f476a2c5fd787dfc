"""Who and what comes to the table: period, participants, consent, open demands."""

from __future__ import annotations

import pytest
from django.utils import timezone

from werkpunt.matchtafels import selectors

pytestmark = pytest.mark.django_db


def test_period_is_inclusive_and_bounds_are_respected(table, make_person, employer_a):
    first = make_person(employer=employer_a, ends_in=1)  # period_start
    last = make_person(employer=employer_a, ends_in=90)  # period_end
    make_person(employer=employer_a, ends_in=0)  # the day before the period
    make_person(employer=employer_a, ends_in=91)  # the day after
    gathered = selectors.gather(matchtafel=table)
    assert {p.candidate.pk for p in gathered.people} == {first.pk, last.pk}


def test_only_participating_employers_and_running_contracts(
    table, make_person, make_ending, make_candidate, employer_a, employer_other
):
    inside = make_person(employer=employer_a)
    make_person(employer=employer_other)
    ended = make_ending(employer=employer_a, status="ended")
    make_candidate(worker=ended.worker, consent=True)
    planned = make_person(employer=employer_a, ends_in=40)
    planned.worker.placements.update(status="planned")
    gathered = selectors.gather(matchtafel=table)
    assert {p.candidate.pk for p in gathered.people} == {inside.pk, planned.pk}
    assert all(p.ending_placement.employer == employer_a for p in gathered.people)


def test_withdrawn_consent_is_not_gathered_but_listed_for_the_adviser(
    table, make_person, employer_a
):
    person = make_person(employer=employer_a)
    person.consent_withdrawn_at = timezone.now()
    person.save()
    gathered = selectors.gather(matchtafel=table)
    assert gathered.people == ()
    assert [m.code for m in gathered.missing] == ["withdrawn"]


def test_no_consent_no_profile_and_inactive_profile_are_listed_separately(
    table, make_person, make_ending, employer_a, employer_b
):
    make_person(employer=employer_a, consent=False)
    bare = make_ending(employer=employer_b)
    make_person(employer=employer_a, is_active=False)
    gathered = selectors.gather(matchtafel=table)
    assert gathered.people == ()
    codes = sorted(m.code for m in gathered.missing)
    assert codes == ["inactive", "no_consent", "no_profile"]
    no_profile = next(m for m in gathered.missing if m.code == "no_profile")
    assert no_profile.placement == bare
    assert no_profile.action_url == f"/werk/kandidaten/nieuw/?werknemer={bare.worker_id}"


def test_places_are_open_scored_demands_of_participants(
    table, make_demand, employer_a, employer_b, employer_other
):
    open_a = make_demand(employer=employer_a, positions=2)
    make_demand(employer=employer_b, status="filled")
    make_demand(employer=employer_b, open_hiring=True)
    make_demand(employer=employer_other)
    gathered = selectors.gather(matchtafel=table)
    assert [(p.demand.pk, p.positions) for p in gathered.places] == [(open_a.pk, 2)]


def test_visibility_by_role(table, make_user, employer_a, make_table, employer_other):
    from werkpunt.accounts.models import Organisation

    other_table = make_table(employers=[employer_other, employer_a], title="Andere tafel")
    employer_user = make_user(role="werkgever")
    employer_b_org = Organisation.objects.get(pk=employer_user.profile.organisation_id)
    employer_other.organisation = employer_b_org
    employer_other.save()
    assert list(selectors.matchtafels_visible_to(user=employer_user)) == [other_table]
    assert not selectors.matchtafels_visible_to(user=make_user(role="jobcoach")).exists()
    assert not selectors.matchtafels_visible_to(user=make_user(role="bestuur")).exists()
    assert selectors.matchtafels_visible_to(user=make_user(role="teamleider")).count() == 2
