"""URLs of the demands app, mounted at ``/werk/werkvragen/`` (namespace ``demands``).

See ``views`` for what each page does.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from werkpunt.demands import views

app_name = "demands"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.demand_list, name="list"),
    path("nieuw/", views.demand_create, name="create"),
    path("<int:pk>/", views.demand_detail, name="detail"),
    path("<int:pk>/wijzigen/", views.demand_update, name="update"),
    path("<int:pk>/gewichten/", views.weights, name="weights"),
    path("<int:pk>/voorstellen/", views.proposals, name="proposals"),
    path(
        "<int:pk>/voorstellen/<int:proposal_pk>/uitkomst/",
        views.proposal_status,
        name="proposal_status",
    ),
    path("<int:pk>/log/", views.match_log, name="log"),
    path(
        "<int:pk>/kandidaten/<int:candidate_pk>/voorstellen/",
        views.propose,
        name="propose",
    ),
    path(
        "<int:pk>/kandidaten/<int:candidate_pk>/past-niet/",
        views.not_suitable,
        name="not_suitable",
    ),
    path("<int:pk>/aanmelden/", views.sign_up, name="sign_up"),
    path(
        "<int:pk>/aanmeldingen/<int:sign_up_pk>/afmelden/",
        views.sign_up_cancel,
        name="sign_up_cancel",
    ),
    path("voor-kandidaat/<int:candidate_pk>/", views.for_candidate, name="for_candidate"),
]
