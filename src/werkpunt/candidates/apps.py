from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    """Candidate work profiles for matching, and the two-key consent to show who someone is."""

    name = "werkpunt.candidates"
    label = "candidates"
    verbose_name = "Kandidaten"
