"""URLs of the candidate screens (namespace ``candidates``, mounted at ``/werk/kandidaten/``)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from werkpunt.candidates import views

app_name = "candidates"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.candidate_list, name="list"),
    path("nieuw/", views.candidate_create, name="create"),
    path("<int:pk>/", views.candidate_detail, name="detail"),
    path("<int:pk>/wijzigen/", views.candidate_update, name="update"),
    path("<int:pk>/stoppen/", views.candidate_deactivate, name="deactivate"),
    path("<int:pk>/weer-actief/", views.candidate_reactivate, name="reactivate"),
    path("<int:pk>/toestemming/kandidaat/", views.consent_record, name="consent_record"),
    path("<int:pk>/toestemming/vrijgeven/", views.consent_release, name="consent_release"),
    path("<int:pk>/toestemming/intrekken/", views.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/toestemming/link-mailen/", views.consent_link_send, name="consent_link_send"),
    path("<int:pk>/toestemming/nieuwe-link/", views.consent_link_renew, name="consent_link_renew"),
]
