"""URLs of the opendays app, mounted at ``/werk/open-dagen/`` (namespace ``opendays``)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from werkpunt.opendays import views

app_name = "opendays"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.open_day_list, name="list"),
    path("nieuw/", views.open_day_create, name="create"),
    path("<int:pk>/", views.open_day_detail, name="detail"),
    path("<int:pk>/uitnodigen/", views.invite, name="invite"),
    path("<int:pk>/tijdvakken/", views.slot_add, name="slot_add"),
    path("<int:pk>/tijdvakken/<int:slot_pk>/verwijderen/", views.slot_remove, name="slot_remove"),
    path(
        "<int:pk>/uitnodigingen/<int:invitation_pk>/",
        views.invitation_action,
        name="invitation_action",
    ),
    path("<int:pk>/annuleren/", views.open_day_cancel, name="cancel"),
]
