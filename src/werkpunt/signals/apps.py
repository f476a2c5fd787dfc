from django.apps import AppConfig


class SignalsConfig(AppConfig):
    """Problems in laws and rules, recorded from contacts and placements, reported by theme."""

    name = "werkpunt.signals"
    label = "law_signals"
    verbose_name = "Knelpunten in wet- en regelgeving"
