from django.apps import AppConfig


class DemandsConfig(AppConfig):
    """Employers' demands as tasks, open hiring, the matching screens and the proposal log."""

    name = "werkpunt.demands"
    label = "demands"
    verbose_name = "Werkvragen"
