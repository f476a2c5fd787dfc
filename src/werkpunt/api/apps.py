from django.apps import AppConfig


class ApiConfig(AppConfig):
    """REST endpoints for employers, requests, placements and deadlines."""

    name = "werkpunt.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        # Registers how the schema describes our authentication classes.
        from werkpunt.api import schema  # noqa: F401
