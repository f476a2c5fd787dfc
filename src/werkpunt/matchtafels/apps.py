from django.apps import AppConfig


class MatchtafelsConfig(AppConfig):
    """Matchtafels: round tables that move workers whose contracts end to open places."""

    name = "werkpunt.matchtafels"
    label = "matchtafels"
    verbose_name = "Matchtafels"
