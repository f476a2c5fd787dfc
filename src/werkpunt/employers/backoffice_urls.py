"""URLs of the employer record and requests in the back office (``/werk/werkgevers/``, ``/werk/vragen/``)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from werkpunt.employers import backoffice_views as views

app_name = "employers_backoffice"

urlpatterns: list[URLPattern | URLResolver] = [
    path("werkgevers/", views.employer_list, name="employer_list"),
    path("werkgevers/nieuw/", views.employer_create, name="employer_create"),
    path("werkgevers/<int:pk>/", views.employer_detail, name="employer_detail"),
    path("werkgevers/<int:pk>/wijzigen/", views.employer_edit, name="employer_edit"),
    path(
        "werkgevers/<int:pk>/vestigingen/",
        views.employer_location_add,
        name="employer_location_add",
    ),
    path(
        "werkgevers/<int:pk>/vestigingen/<int:location_pk>/verwijderen/",
        views.employer_location_remove,
        name="employer_location_remove",
    ),
    path("werkgevers/<int:pk>/contact/", views.employer_contact_add, name="employer_contact_add"),
    path("werkgevers/<int:pk>/uitnodigen/", views.employer_invite, name="employer_invite"),
    path("vragen/", views.request_list, name="request_list"),
    path("vragen/nieuw/", views.request_register, name="request_register"),
    path("vragen/<int:pk>/", views.request_detail, name="request_detail"),
    path("vragen/<int:pk>/oppakken/", views.request_take, name="request_take"),
    path("vragen/<int:pk>/toewijzen/", views.request_assign, name="request_assign"),
    path("vragen/<int:pk>/werkgever/", views.request_link, name="request_link"),
    path("vragen/<int:pk>/antwoord/", views.request_answer, name="request_answer"),
]
