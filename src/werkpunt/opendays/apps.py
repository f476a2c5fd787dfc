from django.apps import AppConfig


class OpendaysConfig(AppConfig):
    """The one open day per employer: slots, invitations, registrations and reminders."""

    name = "werkpunt.opendays"
    label = "opendays"
    verbose_name = "Open dagen"
