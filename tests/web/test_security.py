"""Security headers on every response."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from werkpunt.core.middleware import SecurityHeadersMiddleware

# The pages read the menu from the Wagtail page tree.
pytestmark = pytest.mark.django_db


def _csp(response) -> dict[str, list[str]]:
    policy: dict[str, list[str]] = {}
    for part in response["Content-Security-Policy"].split(";"):
        directive, *sources = part.split()
        assert directive not in policy, f"{directive} staat er twee keer in"
        policy[directive] = sources
    return policy


@pytest.mark.parametrize("url", ["/", "/en/regels/", "/bestaat-niet/"])
def test_pages_have_a_strict_content_security_policy(client, url):
    policy = _csp(client.get(url))

    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    everything = " ".join(source for sources in policy.values() for source in sources)
    assert "unsafe" not in everything
    assert "*" not in everything


def test_health_endpoint_has_the_headers_too(client):
    response = client.get("/gezond/")

    assert "Content-Security-Policy" in response
    assert response["X-Content-Type-Options"] == "nosniff"


def test_other_security_headers(client):
    response = client.get("/")

    permissions = {p.strip() for p in response["Permissions-Policy"].split(",")}
    assert {"camera=()", "microphone=()", "geolocation=()"} <= permissions
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_no_hsts_by_default_for_local_http(client):
    response = client.get("/", secure=True)

    assert "Strict-Transport-Security" not in response


def test_hsts_when_configured(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000

    assert client.get("/", secure=True)["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in client.get("/")  # never over plain http


def test_hsts_seconds_come_from_the_environment():
    env = {**os.environ, "WERKPUNT_HSTS_SECONDS": "63072000"}
    code = "from werkpunt.conf import settings; print(settings.SECURE_HSTS_SECONDS)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "63072000"


def test_a_response_may_bring_its_own_policy():
    def view(request):
        response = HttpResponse("ok")
        response["Content-Security-Policy"] = "default-src 'self'; img-src *"
        return response

    middleware = SecurityHeadersMiddleware(view)
    response = middleware(RequestFactory().get("/"))

    assert response["Content-Security-Policy"] == "default-src 'self'; img-src *"
    assert response["Permissions-Policy"].startswith("camera=()")


def test_policy_can_be_replaced_in_settings(settings):
    settings.WERKPUNT_CONTENT_SECURITY_POLICY = {"default-src": ["'none'"]}

    middleware = SecurityHeadersMiddleware(lambda request: HttpResponse("ok"))

    assert middleware(RequestFactory().get("/"))["Content-Security-Policy"] == "default-src 'none'"


def test_the_cms_admin_gets_its_own_looser_policy(client):
    policy = _csp(client.get("/cms/login/"))

    # Wagtail's admin needs inline script and style, and frames its own preview.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    # Still nothing from another host.
    assert policy["default-src"] == ["'self'"]
    everything = " ".join(source for sources in policy.values() for source in sources)
    assert "http" not in everything
    assert "*" not in everything


def test_public_pages_keep_the_strict_policy_next_to_the_admin(client):
    assert "unsafe" not in client.get("/regels/")["Content-Security-Policy"]


def test_a_cms_preview_keeps_the_public_policy_but_may_be_framed_by_the_admin():
    request = RequestFactory().get("/regelingen/x/")
    request.is_dummy = True  # Wagtail's preview request

    response = SecurityHeadersMiddleware(lambda request: HttpResponse("ok"))(request)

    policy = _csp(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert "unsafe" not in response["Content-Security-Policy"]
