from django.apps import AppConfig


class ContentConfig(AppConfig):
    """Wagtail pages: home, instruments, stories, news, glossary, statements."""

    name = "werkpunt.content"
    label = "content"
    verbose_name = "Inhoud"

    def ready(self) -> None:
        from werkpunt.content import signals

        signals.connect()
