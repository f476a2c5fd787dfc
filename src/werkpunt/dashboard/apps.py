from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """Screens that read across apps: an adviser's work list, team KPIs, board aggregates."""

    name = "werkpunt.dashboard"
    label = "dashboard"
    verbose_name = "Dashboard"
