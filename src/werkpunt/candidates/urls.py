"""URLs of the candidates app (namespace ``candidates``); filled in by the app's views."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "candidates"

urlpatterns: list[URLPattern | URLResolver] = []
