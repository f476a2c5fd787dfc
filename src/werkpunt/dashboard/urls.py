"""URLs of the dashboard app, at the root inside ``i18n_patterns`` (``/werk/``, ``/mijn/``, ...)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from werkpunt.dashboard import views

app_name = "dashboard"

urlpatterns: list[URLPattern | URLResolver] = [
    path("werk/", views.my_work, name="my_work"),
    path("werk/team/", views.team, name="team"),
    path("werk/cijfers/", views.board, name="board"),
    path("werk/cijfers/cijfers.csv", views.board_csv, name="board_csv"),
    path("mijn/", views.portal, name="portal"),
]
