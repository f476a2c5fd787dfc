"""URLs of the demands app (namespace ``demands_portal``); filled in by the app's views."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "demands_portal"

urlpatterns: list[URLPattern | URLResolver] = []
