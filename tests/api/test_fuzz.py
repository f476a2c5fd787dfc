"""A fuzz run over every operation of the schema (schemathesis), in-process over WSGI.

As an adviser with a token, for each operation: generated valid input (also with the id
of an object that exists, so the writes really run) and generated invalid input; as an
employer user with a token, valid input (for one object: the existing one, which is the
employer's own or another's, so 200, 403 and 404 all occur). No answer may be a 5xx, and every answer must match
the schema (status code, content type, body). Deterministic: hypothesis is derandomized.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from werkpunt.api import throttling
from werkpunt.api.services import api_token_create

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
HYPOTHESIS = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)


@contextmanager
def _same_database_connection() -> Iterator[None]:
    """Serve the WSGI calls on the test's own connection, inside its transaction.

    Django closes "old" connections at the start and end of every request; inside the
    test transaction that would throw the test data away. Django's test client turns
    this off the same way.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _existing_ids(world) -> dict[str, int]:
    return {
        "/api/v1/employers/{id}/": world.employer_a.pk,
        "/api/v1/requests/{id}/": world.request_a.pk,
        "/api/v1/requests/{id}/answer/": world.request_b.pk,
        "/api/v1/placements/{id}/": world.placement_a.pk,
        "/api/v1/deadlines/{id}/": world.deadline_a.pk,
        "/api/v1/deadlines/{id}/complete/": world.deadline_a.pk,
    }


def _fuzz(schema, *, token: str, existing: dict[str, int], negative: bool) -> int:
    """Run every operation; returns the number of calls made.

    With ``negative``: generated ids, invalid input and the id of an existing object; without:
    only valid input, and for an operation on one object only with the existing id.
    """
    # The werkzeug client does not unpack gzip; GZipMiddleware leaves "identity" alone.
    headers = {"Authorization": f"Token {token}", "Accept-Encoding": "identity"}
    calls = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        variants = []
        if negative or operation.path not in existing:
            variants.append((GenerationMode.POSITIVE, None))
        if negative:
            variants.append((GenerationMode.NEGATIVE, None))
        if operation.path in existing:
            variants.append((GenerationMode.POSITIVE, {"id": existing[operation.path]}))
        for mode, path_parameters in variants:
            strategy = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters)

            @HYPOTHESIS
            @given(case=strategy)
            def run(case) -> None:
                nonlocal calls
                calls += 1
                case.call_and_validate(headers=headers, checks=CHECKS)

            run()
    return calls


def test_no_server_errors_and_answers_match_the_schema(world, confirm_totp, monkeypatch):
    monkeypatch.setattr(throttling.UserThrottle, "rate", "100000/min")
    confirm_totp(world.adviser)
    _token, adviser_token = api_token_create(user=world.adviser, name="Fuzz")
    _token, employer_token = api_token_create(user=world.employer_user_a, name="Fuzz")
    with _same_database_connection():
        schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
        assert len(list(schema.get_all_operations())) == 13
        existing = _existing_ids(world)
        calls = _fuzz(schema, token=adviser_token, existing=existing, negative=True)
        # Invalid input meets the same validation for every caller: valid input is enough here.
        calls += _fuzz(schema, token=employer_token, existing=existing, negative=False)
    # Enough calls really happened (hypothesis stops early only for tiny input spaces).
    assert calls > 13 * 3 * 10
