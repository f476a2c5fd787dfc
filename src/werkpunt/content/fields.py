"""A model field for a list of codes chosen from a list that lives in code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db import models
from django.utils.text import capfirst

from werkpunt.rules import INSTRUMENT_CODES, default_parameters, instrument_name

if TYPE_CHECKING:
    _JSONField = models.JSONField[Any, Any]
else:
    _JSONField = models.JSONField


class ChoiceListField(_JSONField):
    """A list of strings stored as JSON, edited as checkboxes.

    The choices are read when the form is built, not stored in the migration, so
    a new instrument code or parameter does not need a migration.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def choices_for_form(self) -> list[tuple[str, str]]:
        raise NotImplementedError

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        return forms.MultipleChoiceField(
            choices=self.choices_for_form,
            required=not self.blank,
            label=capfirst(str(self.verbose_name)),
            help_text=self.help_text,
            widget=kwargs.get("widget") or forms.CheckboxSelectMultiple,
        )


class InstrumentCodesField(ChoiceListField):
    """Codes from ``werkpunt.rules.INSTRUMENT_CODES``."""

    def choices_for_form(self) -> list[tuple[str, str]]:
        return [(code, f"{instrument_name(code)} ({code})") for code in INSTRUMENT_CODES]


class ParameterNamesField(ChoiceListField):
    """Names of parameters of ``werkpunt.rules``, in the order of the rules register."""

    def choices_for_form(self) -> list[tuple[str, str]]:
        return [
            (name, f"{parameter.description} ({name})")
            for name, parameter in default_parameters().items()
        ]
