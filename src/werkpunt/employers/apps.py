from django.apps import AppConfig


class EmployersConfig(AppConfig):
    """Employers and their requests (questions and call-backs)."""

    name = "werkpunt.employers"
    label = "employers"
    verbose_name = "Werkgevers"
