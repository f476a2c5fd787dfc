"""URLs of the opendays app (namespace ``opendays``); filled in by the app's views."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "opendays"

urlpatterns: list[URLPattern | URLResolver] = []
