"""Fixtures of the demand tests: an adviser, an employer with a portal user, and a clean pool."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _fresh_pool():
    """The pool of active candidates is kept per process; every test starts without it."""
    from werkpunt.demands.selectors import clear_pool_cache

    clear_pool_cache()
    yield
    clear_pool_cache()


@pytest.fixture
def adviser(make_user) -> Any:
    return make_user(role="adviseur", first_name="Anna")


@pytest.fixture
def employer_user(make_user) -> Any:
    return make_user(role="werkgever", first_name="Wim")


@pytest.fixture
def employer(make_employer, employer_user, adviser) -> Any:
    """An employer whose own organisation is the employer user's."""
    return make_employer(contact_person=adviser, organisation=employer_user.profile.organisation)


@pytest.fixture
def other_partner(db) -> Any:
    """A second partner (Coevorden): its advisers see work profiles, not identities."""
    from werkpunt.accounts.models import Organisation, OrganisationKind

    return Organisation.objects.create(
        name="Gemeente Coevorden",
        slug="coevorden",
        kind=OrganisationKind.MUNICIPALITY,
        municipality="coevorden",
    )
