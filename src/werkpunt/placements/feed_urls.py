"""URLs of the personal calendar feed, included at ``agenda/`` (``/agenda/``, ``/agenda/<token>.ics``)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from werkpunt.placements import feeds

app_name = "calendar_feed"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", feeds.manage, name="manage"),
    path("<str:token>.ics", feeds.feed, name="feed"),
]
