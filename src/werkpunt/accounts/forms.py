"""Forms of the accounts app: login, the second factor, passwords, invitations, the beheerder's filters.

Every form lists its errors in a summary at the top of the page (:meth:`error_summary`,
with links to the fields) and next to each field. Required fields say "(verplicht)"
and carry ``aria-required``; the browser's own ``required`` check is off so that
empty fields are not marked red before anything was sent.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model, password_validation
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from werkpunt.accounts import selectors
from werkpunt.accounts.models import STAFF_ROLES, Organisation, Role
from werkpunt.core.forms import SummaryMixin

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
SELECT = "utrecht-select utrecht-select--html-select"

#: "Vul ... in" messages of the two password fields of a new password.
NEW_PASSWORD_HELP = _(
    "Kies een wachtwoord van minimaal 12 tekens. Gebruik geen wachtwoord dat u ook ergens "
    "anders gebruikt. Een zin van een paar woorden is goed te onthouden."
)


class ErrorSummaryMixin(SummaryMixin):
    """``error_summary()`` and ``mark_required()`` (``aria-required``) from the core mixin,
    and no browser ``required`` check."""

    use_required_attribute = False

    fields: dict[str, forms.Field]


class LoginForm(ErrorSummaryMixin, forms.Form):
    """User name or e-mail address and password. The view checks them (with rate limits)."""

    identifier = forms.CharField(
        label=_("Gebruikersnaam of e-mailadres"),
        max_length=254,
        error_messages={"required": _("Vul uw gebruikersnaam of e-mailadres in.")},
        widget=forms.TextInput(
            attrs={
                "class": TEXTBOX,
                "autocomplete": "username",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        max_length=4096,
        strip=False,
        error_messages={"required": _("Vul uw wachtwoord in.")},
        widget=forms.PasswordInput(attrs={"class": TEXTBOX, "autocomplete": "current-password"}),
    )
    next = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "inloggen-%s")
        super().__init__(*args, **kwargs)
        self.mark_required()


class CodeForm(ErrorSummaryMixin, forms.Form):
    """A code from the authenticator app (or, where allowed, a recovery code)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        error_messages={"required": _("Vul de code in.")},
        widget=forms.TextInput(
            attrs={
                "class": f"{TEXTBOX} werkpunt-code-input",
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )

    def __init__(self, *args: Any, allow_recovery: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "code-%s")
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        if allow_recovery:
            field.help_text = _(
                "De 6 cijfers uit uw authenticator-app. Heeft u uw telefoon niet bij de hand? "
                "Vul dan een van uw herstelcodes in."
            )
        else:
            field.help_text = _("De 6 cijfers die de authenticator-app nu laat zien.")
            field.widget.attrs["inputmode"] = "numeric"
        self.mark_required()

    def clean_code(self) -> str:
        return " ".join(str(self.cleaned_data["code"]).split())


def _password_field(label: Any, *, autocomplete: str, required_message: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        max_length=4096,
        error_messages={"required": required_message},
        widget=forms.PasswordInput(attrs={"class": TEXTBOX, "autocomplete": autocomplete}),
    )


PASSWORD_MISMATCH = _("De twee wachtwoorden zijn niet gelijk. Typ twee keer hetzelfde wachtwoord.")


class NewPasswordMixin(ErrorSummaryMixin):
    """Dutch labels and messages for Django's forms with a new password (``new_password1/2``)."""

    def _dutch_new_password(self) -> None:
        self.fields["new_password1"] = _password_field(
            _("Nieuw wachtwoord"),
            autocomplete="new-password",
            required_message=_("Vul een nieuw wachtwoord in."),
        )
        self.fields["new_password1"].help_text = NEW_PASSWORD_HELP
        self.fields["new_password2"] = _password_field(
            _("Typ het nieuwe wachtwoord nog een keer"),
            autocomplete="new-password",
            required_message=_("Typ het nieuwe wachtwoord nog een keer."),
        )
        form: Any = self
        form.error_messages = {**form.error_messages, "password_mismatch": PASSWORD_MISMATCH}
        self.mark_required()

    def validate_password_for_user(
        self,
        user: Any,
        password_field_name: str = "new_password2",  # noqa: S107 - a field name
        **kwargs: Any,
    ) -> None:
        """Django's check, but the error goes next to the first field (where it was typed)."""
        form: Any = self
        password = form.cleaned_data.get(password_field_name)
        if password:
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as error:
                form.add_error("new_password1", error)


if TYPE_CHECKING:
    from django.contrib.auth.models import User

    _SetPasswordBase = auth_forms.SetPasswordForm[User]
else:
    _SetPasswordBase = auth_forms.SetPasswordForm


class SetPasswordForm(NewPasswordMixin, _SetPasswordBase):
    """A new password after a reset link."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "wachtwoord-%s")
        super().__init__(*args, **kwargs)
        self._dutch_new_password()


class PasswordChangeForm(NewPasswordMixin, auth_forms.PasswordChangeForm):
    """Change the password on the security page: the old one first."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "wachtwoord-%s")
        super().__init__(*args, **kwargs)
        self.fields["old_password"] = _password_field(
            _("Uw huidige wachtwoord"),
            autocomplete="current-password",
            required_message=_("Vul uw huidige wachtwoord in."),
        )
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": _("Uw huidige wachtwoord klopt niet. Probeer het opnieuw."),
        }
        self._dutch_new_password()
        self.order_fields(["old_password", "new_password1", "new_password2"])


class PasswordResetForm(ErrorSummaryMixin, auth_forms.PasswordResetForm):
    """Ask for a reset link by e-mail."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "herstel-%s")
        super().__init__(*args, **kwargs)
        self.fields["email"] = forms.EmailField(
            label=_("Uw e-mailadres"),
            max_length=254,
            help_text=_("Het e-mailadres waarmee u bij Werkpunt bekend bent."),
            error_messages={
                "required": _("Vul uw e-mailadres in."),
                "invalid": _("Vul een e-mailadres in zoals naam@bedrijf.nl."),
            },
            widget=forms.EmailInput(
                attrs={"class": TEXTBOX, "autocomplete": "email", "spellcheck": "false"}
            ),
        )
        self.mark_required()


class InvitationAcceptForm(ErrorSummaryMixin, forms.Form):
    """Name and password of someone who accepts an invitation."""

    first_name = forms.CharField(
        label=_("Voornaam"),
        max_length=150,
        error_messages={"required": _("Vul uw voornaam in.")},
        widget=forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Achternaam"),
        max_length=150,
        error_messages={"required": _("Vul uw achternaam in.")},
        widget=forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "family-name"}),
    )
    password1 = _password_field(
        _("Wachtwoord"),
        autocomplete="new-password",
        required_message=_("Kies een wachtwoord."),
    )
    password2 = _password_field(
        _("Typ het wachtwoord nog een keer"),
        autocomplete="new-password",
        required_message=_("Typ het wachtwoord nog een keer."),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "account-%s")
        super().__init__(*args, **kwargs)
        self.email = email
        self.fields["password1"].help_text = NEW_PASSWORD_HELP
        self.mark_required()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password1 = cleaned.get("password1")
        password2 = cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", forms.ValidationError(PASSWORD_MISMATCH, code="mismatch"))
        elif password1 and "password1" not in self.errors:
            # Checked against a user that does not exist yet, so that "too much like your
            # name or e-mail address" works too.
            candidate = get_user_model()(
                username=self.email.lower(),
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, user=candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


# --- The beheerder ---------------------------------------------------------------------------


def staff_role_choices() -> list[tuple[str, str]]:
    return [(role.value, str(role.label)) for role in Role if role in STAFF_ROLES]


class InviteStaffForm(ErrorSummaryMixin, forms.Form):
    """The beheerder invites a new colleague of one of the partners."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        error_messages={
            "required": _("Vul het e-mailadres in."),
            "invalid": _("Vul een e-mailadres in zoals naam@emmen.nl."),
        },
        widget=forms.EmailInput(
            attrs={"class": TEXTBOX, "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.none(),
        empty_label=_("Kies een organisatie"),
        error_messages={
            "required": _("Kies de organisatie."),
            "invalid_choice": _("Kies een organisatie uit de lijst."),
        },
        widget=forms.Select(attrs={"class": SELECT}),
    )
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=(),
        error_messages={
            "required": _("Kies de rol."),
            "invalid_choice": _("Kies een rol uit de lijst."),
        },
        widget=forms.Select(attrs={"class": SELECT}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "uitnodigen-%s")
        super().__init__(*args, **kwargs)
        organisation_field: Any = self.fields["organisation"]
        organisation_field.queryset = selectors.partner_organisations()
        role_field: Any = self.fields["role"]
        role_field.choices = [("", _("Kies een rol")), *staff_role_choices()]
        self.mark_required()


class UserFilterForm(forms.Form):
    """Filters of the user list (GET)."""

    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("Alle organisaties"),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    role = forms.ChoiceField(
        label=_("Rol"),
        required=False,
        choices=[("", _("Alle rollen")), *Role.choices],
        widget=forms.Select(attrs={"class": SELECT}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"


SYSTEM_ACTOR_CHOICE = "systeem"


class AuditFilterForm(ErrorSummaryMixin, forms.Form):
    """Filters of the audit log (GET): who, which object, which days."""

    actor = forms.ChoiceField(
        label=_("Wie"),
        required=False,
        choices=(),
        error_messages={"invalid_choice": _("Kies een persoon uit de lijst.")},
        widget=forms.Select(attrs={"class": SELECT}),
    )
    object_type = forms.ChoiceField(
        label=_("Soort gegevens"),
        required=False,
        choices=(),
        error_messages={"invalid_choice": _("Kies een soort gegevens uit de lijst.")},
        widget=forms.Select(attrs={"class": SELECT}),
    )
    object_id = forms.CharField(
        label=_("Nummer"),
        required=False,
        max_length=64,
        help_text=_("Het nummer van het dossier, bijvoorbeeld van een plaatsing."),
        error_messages={"max_length": _("Het nummer is te lang. Gebruik maximaal 64 tekens.")},
        widget=forms.TextInput(attrs={"class": TEXTBOX, "spellcheck": "false"}),
    )
    date_from = forms.DateField(
        label=_("Vanaf datum"),
        required=False,
        error_messages={"invalid": _("Vul een datum in zoals 1-12-2026.")},
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        widget=DateInput(attrs={"class": TEXTBOX}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("Tot en met datum"),
        required=False,
        error_messages={"invalid": _("Vul een datum in zoals 31-12-2026.")},
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        widget=DateInput(attrs={"class": TEXTBOX}, format="%Y-%m-%d"),
    )

    def __init__(
        self,
        *args: Any,
        actors: QuerySet[Any],
        object_types: list[str],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", "audit-%s")
        super().__init__(*args, **kwargs)
        actor_field: Any = self.fields["actor"]
        actor_field.choices = [
            ("", _("Iedereen")),
            (SYSTEM_ACTOR_CHOICE, _("Systeem (geplande taken)")),
            *((str(user.pk), user.get_full_name() or user.get_username()) for user in actors),
        ]
        type_field: Any = self.fields["object_type"]
        type_field.choices = [("", _("Alle soorten")), *((t, t) for t in object_types)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        date_from: dt.date | None = cleaned.get("date_from")
        date_to: dt.date | None = cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error(
                "date_to",
                forms.ValidationError(
                    _("De einddatum ligt voor de begindatum. Kies een latere einddatum."),
                    code="order",
                ),
            )
        return cleaned
