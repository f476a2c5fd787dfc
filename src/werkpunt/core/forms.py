"""Form helpers shared by every app: the error summary at the top of a form page, and a
date field that reads dates as people type them.

Use :class:`SummaryMixin` on a form and include ``core/includes/error_summary.html`` with
``items=form.error_summary`` (and optionally ``title`` and ``summary_id``); messages of the
``django.contrib.messages`` framework go through ``core/includes/messages.html``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

#: Dates as people type them (31-12-2026, 31/12/2026) and as a date field sends them; use as
#: ``input_formats`` of a ``DateField`` with the :class:`DateInput` widget.
DATE_INPUT_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


class DateInput(forms.DateInput):
    """A date field; a typed Dutch date is shown back as ISO, the only form it can display."""

    input_type = "date"

    def __init__(self, *, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={"class": "utrecht-textbox utrecht-textbox--html-input", **(attrs or {})},
            format="%Y-%m-%d",
        )

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, str):
            for pattern in DATE_INPUT_FORMATS:
                try:
                    return dt.datetime.strptime(value.strip(), pattern).date().isoformat()  # noqa: DTZ007
                except ValueError:
                    continue
        return super().format_value(value)


def error_summary_of(form: forms.BaseForm) -> list[tuple[str, str]]:
    """(anchor, message) for each error, in the order of the fields; anchor "" for none."""
    items: list[tuple[str, str]] = [("", str(error)) for error in form.non_field_errors()]
    for bound in form.visible_fields():
        if not bound.errors:
            continue
        anchor = bound.auto_id or ""
        if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            anchor = f"{anchor}_0"
        items.extend((anchor, str(error)) for error in bound.errors)
    for bound in form.hidden_fields():
        items.extend(("", str(error)) for error in bound.errors)
    return items


class SummaryMixin:
    """``error_summary()`` for the summary include, ``mark_required()`` for aria-required."""

    def error_summary(self) -> list[tuple[str, str]]:
        form: forms.BaseForm = self  # type: ignore[assignment]
        return error_summary_of(form)

    def mark_required(self) -> None:
        form: forms.BaseForm = self  # type: ignore[assignment]
        for field in form.fields.values():
            if field.required and not isinstance(
                field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple
            ):
                field.widget.attrs["aria-required"] = "true"


def service_errors(error: ValidationError) -> dict[str, list[str]]:
    """A service's ``ValidationError`` as {field: [messages]}; errors without a field under
    ``"__all__"`` (for ``form.add_error`` or a page's error list)."""
    if hasattr(error, "error_dict"):
        return {key: [str(m) for m in value] for key, value in error.message_dict.items()}
    return {"__all__": [str(m) for m in error.messages]}
