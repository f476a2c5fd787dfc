"""The 500 page: in the site's style, without context processors or a database."""

from __future__ import annotations

import sys
import types

import pytest
from django.test import RequestFactory
from django.urls import path
from django.views.defaults import server_error

from werkpunt.conf import urls as project_urls

URLCONF = "werkpunt_test_urls_with_error"


def _boom(request):
    raise RuntimeError("kapot")


@pytest.fixture
def urls_with_error(settings):
    module = types.ModuleType(URLCONF)
    module.urlpatterns = [path("kapot/", _boom), *project_urls.urlpatterns]
    sys.modules[URLCONF] = module
    settings.ROOT_URLCONF = URLCONF
    yield
    del sys.modules[URLCONF]


def test_server_error_renders_the_custom_page(client, urls_with_error, parse, text):
    client.raise_request_exception = False

    response = client.get("/kapot/")

    assert response.status_code == 500
    page = parse(response.content)
    assert page.find("html").attrs["lang"] == "nl"
    assert text(page.find("h1")) == "Er ging iets mis"
    assert page.focusable()[0].attrs["href"] == "#inhoud"
    assert "werkpunt-theme" in page.find("body").attrs["class"]
    assert "kapot" not in response.content.decode()  # no error detail for the visitor
    assert "Content-Security-Policy" in response


def test_server_error_page_needs_no_request_context():
    # Django renders 500.html with an empty Context; the database is not allowed here
    # (no django_db mark), so any query would fail this test.
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert b"Er ging iets mis" in response.content
    assert b'href="/static/werkpunt/theme.css"' in response.content
