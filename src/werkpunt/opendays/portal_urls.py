"""URLs of the opendays app for the employer portal, at ``/mijn/open-dagen/``
(namespace ``opendays_portal``)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from werkpunt.opendays import portal_views

app_name = "opendays_portal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", portal_views.portal_list, name="list"),
    path("<int:pk>/", portal_views.portal_detail, name="detail"),
]
