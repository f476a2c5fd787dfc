"""The OpenAPI 3 schema: made without warnings, valid, served, and listed on the docs page."""

from __future__ import annotations

import json
from io import StringIO

import pytest
import yaml
from django.core.management import call_command
from django.test import Client
from drf_spectacular.validation import validate_schema

from werkpunt.api.docs import api_schema

pytestmark = pytest.mark.django_db

OPERATIONS = {
    ("get", "/api/v1/employers/"),
    ("post", "/api/v1/employers/"),
    ("get", "/api/v1/employers/{id}/"),
    ("put", "/api/v1/employers/{id}/"),
    ("patch", "/api/v1/employers/{id}/"),
    ("get", "/api/v1/requests/"),
    ("get", "/api/v1/requests/{id}/"),
    ("post", "/api/v1/requests/{id}/answer/"),
    ("get", "/api/v1/placements/"),
    ("get", "/api/v1/placements/{id}/"),
    ("get", "/api/v1/deadlines/"),
    ("get", "/api/v1/deadlines/{id}/"),
    ("post", "/api/v1/deadlines/{id}/complete/"),
}


def test_the_command_makes_the_schema_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"
    # --fail-on-warn raises on any warning or error of drf-spectacular; --validate checks
    # the result against the OpenAPI 3.0 JSON schema.
    call_command(
        "spectacular",
        "--urlconf",
        "werkpunt.api.schema_urls",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(target),
        stderr=StringIO(),
    )
    schema = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert schema == json.loads(json.dumps(api_schema()))


def test_schema_is_valid_openapi_3_with_every_operation():
    schema = api_schema()
    validate_schema(schema)  # raises on an invalid OpenAPI 3.0 document
    assert schema["openapi"].startswith("3.0.")
    found = {(method, path) for path, item in schema["paths"].items() for method in item}
    assert found == OPERATIONS
    assert set(schema["components"]["securitySchemes"]) == {"token", "sessie"}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert operation["summary"], (method, path)
            assert {"401", "403", "429"} <= set(operation["responses"]), (method, path)
            assert operation["tags"][0] in {"werkgevers", "vragen", "plaatsingen", "termijnen"}


def _texts(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in {"description", "summary"} and isinstance(value, str):
                yield value
            else:
                yield from _texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _texts(item)


def test_schema_texts_are_dutch():
    texts = list(_texts(api_schema()))
    assert len(texts) > 50
    english = [t for t in texts if any(w in f" {t} " for w in (" the ", " this ", " of the "))]
    assert english == []


def test_schema_is_served_as_yaml_and_json():
    client = Client()
    as_yaml = client.get("/api/schema/")
    assert as_yaml.status_code == 200
    assert as_yaml["Content-Type"].startswith("application/vnd.oai.openapi")
    assert yaml.safe_load(as_yaml.content)["info"]["title"] == "Werkpunt API"
    as_json = client.get("/api/schema/?format=json")
    assert as_json.status_code == 200
    assert json.loads(as_json.content)["openapi"].startswith("3.0.")
    assert "werkpunt-api-v1.json" in as_json["Content-Disposition"]


def test_docs_page_lists_every_operation_without_scripts(parse, text):
    response = Client().get("/api/docs/")
    assert response.status_code == 200
    page = parse(response.content)
    assert len(page.find_all("h1")) == 1
    assert not page.find_all("script")
    assert 'style="' not in response.content.decode()
    tables = page.find_all("table")
    assert tables
    assert len(page.find_all("caption")) == len(tables)
    listed = {text(cell) for cell in page.find_all("code")}
    for method, path in OPERATIONS:
        assert f"{method.upper()} {path}" in listed
    for header in page.find_all("th"):
        assert header.attrs.get("scope") in {"col", "row"}
    assert page.find("a", href="/api/schema/?format=json")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert Client().post("/api/docs/").status_code == 405
