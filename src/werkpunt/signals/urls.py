"""URLs of the register of problems in laws and rules, under ``/werk/knelpunten/``."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from werkpunt.signals import views

app_name = "law_signals"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.signal_list, name="list"),
    path("nieuw/", views.signal_new, name="create"),
    path("rapport/", views.signal_report, name="report"),
]
