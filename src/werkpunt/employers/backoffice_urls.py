"""URLs of the employer record and requests in the back office (``/werk/werkgevers/``, ``/werk/vragen/``)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "employers_backoffice"

urlpatterns: list[URLPattern | URLResolver] = []
