"""URLs of the placements app, mounted at ``/werk/plaatsingen/`` (see ``views`` for the list)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from werkpunt.placements import views

app_name = "placements"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.placement_list, name="list"),
    path("nieuw/", views.placement_create, name="create"),
    path("<int:pk>/", views.placement_detail, name="detail"),
    path("<int:pk>/wijzigen/", views.placement_update, name="update"),
    path("<int:pk>/stoppen/", views.placement_end, name="end"),
    path("<int:pk>/wissen/", views.worker_erase, name="erase"),
    path("<int:pk>/termijnen/<int:deadline_pk>/gedaan/", views.deadline_done, name="deadline_done"),
    path(
        "<int:pk>/termijnen/<int:deadline_pk>/niet-nodig/",
        views.deadline_not_needed,
        name="deadline_not_needed",
    ),
    path("<int:pk>/nazorg/<int:task_pk>/", views.aftersales_complete, name="aftersales_complete"),
    path("<int:pk>/betrokkenen/", views.helper_add, name="helper_add"),
    path(
        "<int:pk>/betrokkenen/<int:helper_pk>/verwijderen/",
        views.helper_remove,
        name="helper_remove",
    ),
    path(
        "<int:pk>/betrokkenen/<int:helper_pk>/coordinator/",
        views.helper_coordinator,
        name="helper_coordinator",
    ),
]
