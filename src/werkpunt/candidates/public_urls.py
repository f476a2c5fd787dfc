"""URLs of the candidates app (namespace ``candidates_public``); filled in by the app's views."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "candidates_public"

urlpatterns: list[URLPattern | URLResolver] = []
