"""The candidate's personal consent page (namespace ``candidates_public``, at ``/toestemming/``).

No login: the secret token in the link is the key. ``docs/candidates.md`` explains it.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from werkpunt.candidates import views

app_name = "candidates_public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("<str:token>/", views.public_consent, name="consent"),
]
