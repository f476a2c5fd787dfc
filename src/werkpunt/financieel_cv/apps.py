from django.apps import AppConfig


class FinancieelCvConfig(AppConfig):
    """The financieel CV wizard, its result page and downloads, over ``werkpunt.rules``."""

    name = "werkpunt.financieel_cv"
    label = "financieel_cv"
    verbose_name = "Financieel CV"
