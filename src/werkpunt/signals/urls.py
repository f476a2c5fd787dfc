"""URLs of the signals app."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "law_signals"

urlpatterns: list[URLPattern | URLResolver] = []
