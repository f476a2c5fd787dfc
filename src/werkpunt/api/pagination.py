"""Pages of lists: ``?page=2``; 50 items a page (``REST_FRAMEWORK["PAGE_SIZE"]``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    """DRF's page numbers, with a 400 for a page that is not a number and Dutch texts.

    A page number past the last page answers 404, as in DRF.
    """

    invalid_page_message = _("Deze pagina bestaat niet.")  # type: ignore[assignment]
    max_page = 10**9
    template = None

    def get_page_number(self, request: Any, paginator: Any) -> Any:
        value = request.query_params.get(self.page_query_param)
        if value is None or value in self.last_page_strings:
            return super().get_page_number(request, paginator)
        if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= self.max_page:
            raise exceptions.ValidationError(
                {self.page_query_param: [_("Vul voor de pagina een heel getal van 1 of meer in.")]}
            )
        return value

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Welke pagina (1, 2, ...); elke pagina heeft 50 resultaten.",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page},
            }
        ]

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        result = super().get_paginated_response_schema(schema)
        result["properties"]["count"]["description"] = "Aantal resultaten op alle pagina's samen."
        result["properties"]["next"]["description"] = "Adres van de volgende pagina, of null."
        result["properties"]["previous"]["description"] = "Adres van de vorige pagina, of null."
        return result
