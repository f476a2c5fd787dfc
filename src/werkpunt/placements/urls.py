"""URLs of the placements app."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "placements"

urlpatterns: list[URLPattern | URLResolver] = []
