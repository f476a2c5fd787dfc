"""The health endpoint for load balancers and monitoring."""

from __future__ import annotations

import json

import pytest
from django.db import OperationalError, connection


@pytest.mark.django_db
def test_health_is_ok_with_a_database(client):
    response = client.get("/gezond/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_has_no_language_prefix(client):
    assert client.get("/en/gezond/").status_code == 404


@pytest.mark.django_db
def test_health_is_503_when_the_database_fails(client, monkeypatch, caplog):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)

    response = client.get("/gezond/")

    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "database": "error"}
    assert "database antwoordt niet" in caplog.text
    # The error detail goes to the log, not to whoever asks.
    assert b"refused" not in response.content
