"""How drf-spectacular describes the API: the two ways to log in and Dutch texts.

Imported by ``ApiConfig.ready`` so the extensions are registered before a schema is made.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema


class ApiTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "werkpunt.api.authentication.ApiTokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "Persoonlijke API-token, zo: Authorization: Token <uw token>. De beheerder maakt "
                "hem aan. Medewerkers van de partners hebben een ingestelde tweede stap nodig."
            ),
        }


class SessionScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "werkpunt.api.authentication.CsrfSessionAuthentication"
    name = "sessie"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": (
                "De sessie van de browser na inloggen (met de tweede stap voor medewerkers). "
                "POST, PUT en PATCH vragen de CSRF-token in de header X-CSRFToken."
            ),
        }


#: Dutch group names (tags) per first part of the path.
TAGS = {
    "employers": "werkgevers",
    "requests": "vragen",
    "placements": "plaatsingen",
    "deadlines": "termijnen",
}


class ApiAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, with Dutch texts only.

    Python docstrings stay English for the developers; the schema (read by the partners'
    developers) takes its texts from ``extend_schema(description=...)`` and, for a
    serializer, from its ``schema_description`` attribute.
    """

    def get_description(self) -> str:  # type: ignore[override]
        return ""

    def get_tags(self) -> list[str]:
        return [TAGS.get(tag, tag) for tag in super().get_tags()]

    def _map_serializer(
        self, serializer: Any, direction: Any, bypass_extensions: bool = False
    ) -> dict[str, Any]:
        result: dict[str, Any] = super()._map_serializer(  # type: ignore[no-untyped-call]
            serializer, direction, bypass_extensions
        )
        text = getattr(serializer, "schema_description", "")
        if text:
            result["description"] = text
        else:
            result.pop("description", None)
        return result
