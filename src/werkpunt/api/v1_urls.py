"""The endpoints of version 1 of the API (``/api/v1/``)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from werkpunt.api import views

router = SimpleRouter(trailing_slash=True)
router.register("employers", views.EmployerViewSet, basename="employer")
router.register("requests", views.RequestViewSet, basename="request")
router.register("placements", views.PlacementViewSet, basename="placement")
router.register("deadlines", views.DeadlineViewSet, basename="deadline")

urlpatterns: list[URLPattern | URLResolver] = list(router.urls)
