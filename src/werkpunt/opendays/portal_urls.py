"""URLs of the opendays app for the employer portal (namespace ``opendays_portal``)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "opendays_portal"

urlpatterns: list[URLPattern | URLResolver] = []
