from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Organisations, users and their roles, the second factor, the audit trail."""

    name = "werkpunt.accounts"
    label = "accounts"
    verbose_name = "Accounts"
