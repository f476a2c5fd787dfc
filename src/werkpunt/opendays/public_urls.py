"""URLs of the candidate's own invitation page, at ``/open-dag/`` (namespace
``opendays_public``). No login: the token in the link is the key."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from werkpunt.opendays import public_views

app_name = "opendays_public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("<str:token>/", public_views.invitation, name="invitation"),
    path("<str:token>/agenda.ics", public_views.invitation_ics, name="invitation_ics"),
]
