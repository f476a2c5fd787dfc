"""URLs of the matchtafels app (namespace ``matchtafels``); filled in by the app's views."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "matchtafels"

urlpatterns: list[URLPattern | URLResolver] = []
