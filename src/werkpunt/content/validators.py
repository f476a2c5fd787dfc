"""Validation shared by the editor (model and block validation) and the demo loader.

Every function raises :class:`django.core.exceptions.ValidationError` with Dutch
messages an editor can act on.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError

from werkpunt.content.placeholders import placeholder_errors, typed_amount_errors
from werkpunt.rules import INSTRUMENT_CODES, Benefit, Contract, Municipality, Situation
from werkpunt.rules import default_parameters as _default_parameters

#: The fields of a situation the financieel CV wizard reads from the query string.
SITUATION_FIELDS = frozenset(f.name for f in dataclasses.fields(Situation))
_ENUM_FIELDS: dict[str, frozenset[str]] = {
    "benefit": frozenset(b.value for b in Benefit),
    "municipality": frozenset(m.value for m in Municipality),
    "contract": frozenset(c.value for c in Contract),
}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _today() -> Any:
    from werkpunt.core import views

    return views.today()


def text_errors(text: str, *, allow_amounts: bool = False) -> list[str]:
    """Messages for unknown placeholders (and typed amounts) in ``text``."""
    if not text:
        return []
    errors = placeholder_errors(text, _default_parameters(), _today())
    if not allow_amounts:
        errors.extend(typed_amount_errors(text))
    return errors


def validate_instrument_text(value: Any) -> None:
    """Field validator: every ``[[name]]`` must exist, and no typed amounts."""
    errors = text_errors(str(value or ""))
    if errors:
        raise ValidationError(errors)


def validate_instrument_codes(value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError("Verwacht een lijst met codes.")
    unknown = [code for code in value if code not in INSTRUMENT_CODES]
    if unknown:
        raise ValidationError(
            "Deze codes kennen we niet: %(codes)s. Kies uit: %(known)s.",
            params={"codes": ", ".join(unknown), "known": ", ".join(INSTRUMENT_CODES)},
        )
    if len(set(value)) != len(value):
        raise ValidationError("Elke code mag maar één keer voorkomen.")


def validate_parameter_names(value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise ValidationError("Verwacht een lijst met namen van parameters.")
    parameters = _default_parameters()
    unknown = [name for name in value if name not in parameters]
    if unknown:
        raise ValidationError(
            "Deze parameters bestaan niet: %(names)s. Kijk op de pagina Regels en bedragen "
            "voor de juiste namen.",
            params={"names": ", ".join(unknown)},
        )
    if len(set(value)) != len(value):
        raise ValidationError("Elke parameter mag maar één keer voorkomen.")


def wizard_preset_errors(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if not isinstance(value, Mapping):
        return ['Verwacht een object met velden, zoals {"benefit": "ww"}.']
    errors: list[str] = []
    for key, item in value.items():
        if key not in SITUATION_FIELDS:
            errors.append(
                f"{key!r} is geen veld van de financieel CV. Kies uit: "
                f"{', '.join(sorted(SITUATION_FIELDS))}."
            )
        elif not isinstance(item, str | int | float | bool):
            errors.append(f"{key}: verwacht één waarde (tekst, getal, true of false).")
        elif key in _ENUM_FIELDS and str(item) not in _ENUM_FIELDS[key]:
            errors.append(
                f"{key}: {item!r} kennen we niet. Kies uit: {', '.join(sorted(_ENUM_FIELDS[key]))}."
            )
    return errors


def validate_wizard_preset(value: Any) -> None:
    errors = wizard_preset_errors(value)
    if errors:
        raise ValidationError(errors)


def validate_https_url(value: Any) -> None:
    if value and not str(value).startswith("https://"):
        raise ValidationError("Gebruik een adres dat begint met https://.")


def validate_synonyms(value: Any) -> None:
    forms = [form.strip() for form in str(value or "").split(",")]
    if any(not form for form in forms) and str(value or "").strip():
        raise ValidationError("Scheid andere schrijfwijzen met een komma, zonder lege plekken.")


def unique(items: Iterable[str]) -> bool:
    seen: set[str] = set()
    for item in items:
        if item in seen:
            return False
        seen.add(item)
    return True
