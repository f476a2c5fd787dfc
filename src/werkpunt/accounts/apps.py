"""Accounts: the partner organisations, employers' organisations, users, roles, MFA and the audit trail."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Organisations, users and their roles, the second factor, the audit trail."""

    name = "werkpunt.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from werkpunt.accounts import receivers  # noqa: F401 - connects the receivers
