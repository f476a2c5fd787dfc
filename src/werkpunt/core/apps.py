"""App configuration for the web foundation."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "werkpunt.core"
    label = "core"
    verbose_name = "Werkpunt (basis)"
    default_auto_field = "django.db.models.BigAutoField"
