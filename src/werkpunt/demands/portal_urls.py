"""URLs of the employer portal's demands, mounted at ``/mijn/werkvragen/`` (namespace
``demands_portal``)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from werkpunt.demands import portal_views

app_name = "demands_portal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", portal_views.portal_list, name="list"),
    path(
        "voorstellen/<int:pk>/",
        portal_views.portal_proposal_status,
        name="proposal_status",
    ),
]
