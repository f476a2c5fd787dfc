"""URLs of the api app, mounted at ``/api/`` (no language prefix).

``/api/v1/...``   the endpoints (``v1_urls``)
``/api/schema/``  the OpenAPI 3 schema (YAML; JSON with ``?format=json``)
``/api/docs/``    a page that lists the endpoints, made from the schema
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path, re_path

from werkpunt.api import docs

app_name = "api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("v1/", include("werkpunt.api.v1_urls")),
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.docs_page, name="docs"),
    # Every other address under /api/ answers a JSON 404, not the site's HTML page.
    re_path(r"^", docs.not_found, name="not_found"),
]
