"""Django's password validators with Dutch (B1) messages.

Django 5.2 changed the message of the minimum length check, and its Dutch translation
was not updated, so those messages would show in English. These subclasses only
replace the texts; the checks are Django's own. Used in ``AUTH_PASSWORD_VALIDATORS``.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "Dit wachtwoord is te kort. Gebruik minimaal %d teken.",
            "Dit wachtwoord is te kort. Gebruik minimaal %d tekens.",
            self.min_length,
        ) % (self.min_length)

    def get_help_text(self) -> str:
        return ngettext(
            "Uw wachtwoord heeft minimaal %d teken.",
            "Uw wachtwoord heeft minimaal %d tekens.",
            self.min_length,
        ) % (self.min_length)


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("Dit wachtwoord lijkt te veel op uw %(verbose_name)s. Kies een ander wachtwoord.")

    def get_help_text(self) -> str:
        return _("Uw wachtwoord lijkt niet op uw naam of e-mailadres.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _(
            "Dit wachtwoord gebruiken veel mensen. Kies een wachtwoord dat minder voor de hand ligt."
        )

    def get_help_text(self) -> str:
        return _("Uw wachtwoord is geen wachtwoord dat veel mensen gebruiken.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("Dit wachtwoord heeft alleen cijfers. Gebruik ook letters.")

    def get_help_text(self) -> str:
        return _("Uw wachtwoord heeft niet alleen cijfers.")
