from django.apps import AppConfig


class PlacementsConfig(AppConfig):
    """Placements, their deadlines (from ``werkpunt.rules`` actions) and the year of after-sales."""

    name = "werkpunt.placements"
    label = "placements"
    verbose_name = "Plaatsingen"
