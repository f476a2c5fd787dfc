from django.apps import AppConfig


class ApiConfig(AppConfig):
    """REST endpoints for employers, requests, placements and deadlines."""

    name = "werkpunt.api"
    label = "api"
    verbose_name = "API"
