"""URLs of the opendays app (namespace ``opendays_public``); filled in by the app's views."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "opendays_public"

urlpatterns: list[URLPattern | URLResolver] = []
