"""The OpenAPI 3 schema (``/api/schema/``) and a page that lists the endpoints (``/api/docs/``).

drf-spectacular's Swagger UI and Redoc load scripts from a CDN, which the
Content-Security-Policy forbids (and the principles too: no third-party hosts). So the
docs page is our own HTML, made on the server from the same schema: no JavaScript.
The schema is made once per process; it only changes with the code.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from werkpunt.api.errors import api_exception_handler
from werkpunt.api.throttling import AnonymousThrottle

#: The urlconf with only the API's endpoints (``schema_urls``).
SCHEMA_URLCONF = "werkpunt.api.schema_urls"
#: The methods in the order the docs page lists them.
METHODS = ("get", "post", "put", "patch", "delete")


@lru_cache(maxsize=1)
def api_schema() -> dict[str, Any]:
    """The OpenAPI 3 schema of API v1, as a dict (made once, in Dutch)."""
    with translation.override("nl"):
        generator = SchemaGenerator(urlconf=SCHEMA_URLCONF)  # type: ignore[no-untyped-call]
        schema: dict[str, Any] = generator.get_schema(request=None, public=True)  # type: ignore[no-untyped-call]
    return schema


class SchemaView(APIView):
    """``/api/schema/``: YAML by default; JSON with ``?format=json`` or ``Accept: application/json``."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_classes = (AnonymousThrottle,)
    renderer_classes = (
        OpenApiYamlRenderer,
        OpenApiYamlRenderer2,
        OpenApiJsonRenderer,
        OpenApiJsonRenderer2,
    )
    schema = None  # not part of the API it describes

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        with translation.override("nl"):
            return super().dispatch(request, *args, **kwargs)

    def get_exception_handler(self) -> Any:
        return api_exception_handler

    def get(self, request: Request) -> Response:
        suffix = "json" if "json" in (request.accepted_renderer.format or "") else "yaml"
        return Response(
            api_schema(),
            headers={"Content-Disposition": f'inline; filename="werkpunt-api-v1.{suffix}"'},
        )


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The operations of the schema, grouped per path, for the template."""
    result = []
    for url, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parameters = [
                {
                    "name": parameter["name"],
                    "where": {"path": "pad", "query": "query"}.get(
                        parameter["in"], parameter["in"]
                    ),
                    "required": parameter.get("required", False),
                    "description": parameter.get("description", ""),
                }
                for parameter in operation.get("parameters", [])
            ]
            responses = [
                {"code": code, "description": response.get("description", "")}
                for code, response in operation.get("responses", {}).items()
            ]
            result.append(
                {
                    "id": operation.get("operationId", f"{method}-{url}"),
                    "method": method.upper(),
                    "path": url,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tag": (operation.get("tags") or [""])[0],
                    "parameters": parameters,
                    "responses": responses,
                }
            )
    return result


def not_found(request: HttpRequest) -> JsonResponse:
    """A JSON 404 in the API's error shape, for an address under /api/ that does not exist."""
    with translation.override("nl"):
        body = {"detail": gettext("Dit adres bestaat niet in de API."), "code": "not_found"}
    return JsonResponse(body, status=404)


@require_safe
def docs_page(request: HttpRequest) -> HttpResponse:
    """``/api/docs/``: every endpoint with its parameters and answers, from the schema."""
    schema = api_schema()
    with translation.override("nl"):
        return render(
            request,
            "api/docs.html",
            {
                "title": schema["info"]["title"],
                "version": schema["info"]["version"],
                "operations": _operations(schema),
            },
        )
