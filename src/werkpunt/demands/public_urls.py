"""URLs of the public open-hiring sign-up, mounted at ``/open-hiring/`` (namespace
``demands_public``); no account needed."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from werkpunt.demands import public_views

app_name = "demands_public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("<int:pk>/", public_views.sign_up, name="sign_up"),
    path("<int:pk>/aangemeld/<str:token>/", public_views.signed_up, name="signed_up"),
]
