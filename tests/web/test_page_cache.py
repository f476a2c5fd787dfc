"""The whole-page cache for anonymous visitors (core.page_cache)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from werkpunt.core.page_cache import bump_generation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.WERKPUNT_PAGE_CACHE_SECONDS = 300


def test_second_anonymous_visit_comes_from_the_cache_with_the_same_headers(client):
    first = client.get("/regels/")
    second = client.get("/regels/")

    assert first.status_code == second.status_code == 200
    assert "X-Werkpunt-Cache" not in first
    assert second["X-Werkpunt-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Content-Language"] == first["Content-Language"]


def test_visitor_with_a_session_or_csrf_cookie_gets_a_fresh_page(client, settings):
    client.get("/regels/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "iets"
    assert "X-Werkpunt-Cache" not in client.get("/regels/")

    other = Client()
    other.cookies[settings.CSRF_COOKIE_NAME] = "iets"
    assert "X-Werkpunt-Cache" not in other.get("/regels/")


def test_query_string_and_unmarked_views_are_never_cached(client):
    client.get("/regels/?x=1")
    assert "X-Werkpunt-Cache" not in client.get("/regels/?x=1")
    client.get("/vraag/")
    assert "X-Werkpunt-Cache" not in client.get("/vraag/")
    client.get("/gezond/")
    assert "X-Werkpunt-Cache" not in client.get("/gezond/")


def test_each_day_has_its_own_entry(client, fix_today):
    fix_today(dt.date(2026, 11, 28))
    client.get("/regels/")
    fix_today(dt.date(2027, 2, 1))
    response = client.get("/regels/")
    assert "X-Werkpunt-Cache" not in response
    assert "1 februari 2027" in response.content.decode()


def test_scheme_is_part_of_the_key(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    assert "Strict-Transport-Security" in client.get("/regels/", secure=True)
    assert "Strict-Transport-Security" not in client.get("/regels/")


def test_gzip_and_plain_are_kept_apart(client):
    zipped = client.get("/regels/", HTTP_ACCEPT_ENCODING="gzip")
    plain = client.get("/regels/")
    again = client.get("/regels/", HTTP_ACCEPT_ENCODING="gzip")

    assert zipped["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert again["X-Werkpunt-Cache"] == "hit"
    assert again["Content-Encoding"] == "gzip"


def test_a_new_generation_forgets_every_page(client):
    client.get("/regels/")
    bump_generation()
    assert "X-Werkpunt-Cache" not in client.get("/regels/")


def test_turned_off_with_zero_seconds(client, settings):
    settings.WERKPUNT_PAGE_CACHE_SECONDS = 0
    client.get("/regels/")
    assert "X-Werkpunt-Cache" not in client.get("/regels/")
