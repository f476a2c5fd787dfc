"""URLs of the matchtafels app (namespace ``matchtafels``), mounted at ``/werk/matchtafels/``."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from werkpunt.matchtafels import views

app_name = "matchtafels"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.matchtafel_list, name="list"),
    path("nieuw/", views.matchtafel_create, name="create"),
    path("<int:pk>/", views.matchtafel_detail, name="detail"),
    path("<int:pk>/wijzigen/", views.matchtafel_update, name="update"),
    path("<int:pk>/voorstel/", views.proposal_run, name="propose"),
    path("<int:pk>/uitkomst/<int:candidate_pk>/", views.outcome_record, name="outcome"),
    path("<int:pk>/afsluiten/", views.matchtafel_close, name="close"),
    path("<int:pk>/blad.pdf", views.session_sheet_pdf, name="sheet"),
    path("werkgever/", views.employer_list, name="employer_list"),
    path("werkgever/<int:pk>/", views.employer_detail, name="employer_detail"),
]
