"""Only the API's own endpoints, with their full paths: the urlconf the schema is made from.

``werkpunt manage spectacular --urlconf werkpunt.api.schema_urls`` gives the same schema as
``/api/schema/``; without it, the command would also pick up the CMS's internal API.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", include("werkpunt.api.v1_urls")),
]
