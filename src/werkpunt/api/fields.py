"""Serializer fields with Dutch (B1) error messages.

DRF's own messages are English or half translated ("Ongeldig samengestelde request").
Every input field of the API is made here, with a message for each way it can be wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.validators import ProhibitNullCharactersValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.validators import ProhibitSurrogateCharactersValidator


def _missing(label: str) -> Any:
    return format_lazy(_("Vul {label} in."), label=label)


def text(
    *, label: str, max_length: int, required: bool = True, allow_blank: bool = False, **extra: Any
) -> serializers.CharField:
    """A line or a text. ``label`` with article, as in a sentence: "de naam"."""
    return TextField(
        max_length=max_length,
        required=required,
        allow_blank=allow_blank,
        error_messages={
            "required": _missing(label),
            "null": _missing(label),
            "blank": _missing(label),
            "invalid": format_lazy(_("Vul {label} in als tekst."), label=label),
            "max_length": format_lazy(
                _("{label} is te lang. Gebruik hoogstens {n} tekens."),
                label=label[:1].upper() + label[1:],
                n=max_length,
            ),
        },
        **extra,
    )


class TextField(serializers.CharField):
    """DRF's CharField, with Dutch messages for characters that cannot be stored."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        kept = [
            validator
            for validator in self.validators
            if not isinstance(
                validator, ProhibitNullCharactersValidator | ProhibitSurrogateCharactersValidator
            )
        ]
        self.validators = [*kept, _no_odd_characters]


def _no_odd_characters(value: str) -> None:
    if "\x00" in value or any(0xD800 <= ord(char) <= 0xDFFF for char in value):
        raise serializers.ValidationError(
            _("Deze tekst bevat een teken dat niet kan worden opgeslagen. Haal het weg."),
            code="invalid_character",
        )


def choice(
    *, label: str, choices: Iterable[tuple[str, Any]], required: bool = True, **extra: Any
) -> serializers.ChoiceField:
    """One of fixed codes; the message lists them."""
    choices = list(choices)
    values = ", ".join(str(value) for value, _label in choices)
    return serializers.ChoiceField(
        choices=choices,
        required=required,
        error_messages={
            "required": _missing(label),
            "null": _missing(label),
            "invalid_choice": format_lazy(
                _("Kies voor {label} een van deze waarden: {values}."), label=label, values=values
            ),
        },
        **extra,
    )


def integer(*, label: str, required: bool = True, **extra: Any) -> serializers.IntegerField:
    """A whole number from 1 up (identifiers)."""
    return serializers.IntegerField(
        required=required,
        min_value=1,
        max_value=2**63 - 1,
        error_messages={
            "required": _missing(label),
            "null": _missing(label),
            "invalid": format_lazy(_("Vul voor {label} een heel getal in."), label=label),
            "min_value": format_lazy(
                _("Vul voor {label} een getal van 1 of meer in."), label=label
            ),
            "max_value": format_lazy(_("Het getal voor {label} is te groot."), label=label),
            "max_string_length": format_lazy(_("Het getal voor {label} is te groot."), label=label),
        },
        **extra,
    )


def date(*, label: str, required: bool = True, **extra: Any) -> serializers.DateField:
    """A date as 2026-12-01."""
    invalid = format_lazy(_("Vul voor {label} een datum in zoals 2026-12-01."), label=label)
    return serializers.DateField(
        required=required,
        input_formats=["iso-8601"],
        error_messages={
            "required": _missing(label),
            "null": _missing(label),
            "invalid": invalid,
            "datetime": invalid,
        },
        **extra,
    )


def boolean(*, label: str, required: bool = False, **extra: Any) -> serializers.BooleanField:
    """``true`` or ``false`` (in a query: also 1/0, yes/no). Left out means: no choice made."""
    return OptionalBooleanField(
        required=required,
        error_messages={
            "required": _missing(label),
            "null": _missing(label),
            "invalid": format_lazy(_("Vul voor {label} true of false in."), label=label),
        },
        **extra,
    )


class OptionalBooleanField(serializers.BooleanField):
    """A boolean that is absent when it is not given.

    DRF reads a missing checkbox in form data, and so in a query string, as False.
    """

    default_empty_html = serializers.empty


#: Messages of a serializer itself (the body is not a JSON object). DRF formats them, so
#: braces are doubled.
SERIALIZER_MESSAGES: dict[str, Any] = {
    "invalid": _('Stuur de gegevens als een JSON-object, zoals {{"veld": "waarde"}}.'),
    "null": _('Stuur de gegevens als een JSON-object, zoals {{"veld": "waarde"}}.'),
}


class DutchSerializer(serializers.Serializer[Any]):
    """A serializer whose own errors (not a JSON object) are in Dutch."""

    default_error_messages = SERIALIZER_MESSAGES
