"""Writes of the register of problems in laws and rules (knelpunten).

A signal is meant for the lobby: it must say what went wrong, not who it happened to.
:func:`signal_create` refuses a text that looks like it holds a citizen service number
(BSN), the one piece of worker data we can recognise reliably. Names cannot be
recognised; the form asks the user not to type them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from werkpunt.signals.models import LawSignal, Theme

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django_stubs_ext import StrOrPromise

    from werkpunt.employers.models import Employer
    from werkpunt.placements.models import Placement

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 4000

#: Nine digits, each pair perhaps separated by one space, dot or dash, not part of a
#: longer run of digits: "123456782", "1234.56.782", "123 456 782".
_NINE_DIGITS = re.compile(r"(?<!\d)(?:\d[ .-]?){8}\d(?!\d)")

BSN_MESSAGE = _(
    "Haal het burgerservicenummer (BSN) weg. Dit lijkt een BSN. Schrijf geen gegevens "
    "van de werknemer in het knelpunt: geen BSN, geen naam, geen geboortedatum."
)


def passes_elfproef(digits: str) -> bool:
    """The BSN check: 9×d1 + 8×d2 + … + 2×d8 − 1×d9 is divisible by 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


def contains_bsn(text: str) -> bool:
    """True when ``text`` holds nine digits in a row that pass the elfproef."""
    for match in _NINE_DIGITS.finditer(text):
        if passes_elfproef(re.sub(r"\D", "", match.group())):
            return True
    return False


def _clean_text(
    value: str, *, field: str, max_length: int, required: StrOrPromise, too_long: StrOrPromise
) -> str:
    text = value.strip()
    if not text:
        raise ValidationError({field: ValidationError(required, code="required")})
    if len(text) > max_length:
        raise ValidationError({field: ValidationError(too_long, code="max_length")})
    if contains_bsn(text):
        raise ValidationError({field: ValidationError(BSN_MESSAGE, code="bsn")})
    return text


def signal_create(
    *,
    theme: str,
    title: str,
    description: str,
    employer: Employer | None = None,
    placement: Placement | None = None,
    created_by: User,
) -> LawSignal:
    """Record a problem in a law or rule. Raises :class:`ValidationError` (per field, in Dutch).

    ``employer`` and ``placement`` must already be checked as visible to ``created_by``
    (the view does that through the selectors). A placement without an employer links
    the placement's employer too.
    """
    errors: dict[str, list[ValidationError]] = {}
    if theme not in Theme.values:
        errors["theme"] = [ValidationError(_("Kies een thema."), code="invalid_choice")]
    cleaned: dict[str, str] = {}
    for field, value, max_length, required, too_long in (
        (
            "title",
            title,
            TITLE_MAX_LENGTH,
            _("Geef het knelpunt een korte titel."),
            _("Maak de titel korter: hoogstens 200 tekens."),
        ),
        (
            "description",
            description,
            DESCRIPTION_MAX_LENGTH,
            _("Schrijf op wat er mis ging."),
            _("Maak de tekst korter: hoogstens 4000 tekens."),
        ),
    ):
        try:
            cleaned[field] = _clean_text(
                value, field=field, max_length=max_length, required=required, too_long=too_long
            )
        except ValidationError as error:
            errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)
    if placement is not None and employer is None:
        employer = placement.employer
    if placement is not None and employer is not None and placement.employer_id != employer.pk:
        raise ValidationError(
            _("De plaatsing hoort niet bij deze werkgever."), code="placement_employer"
        )
    with transaction.atomic():
        return LawSignal.objects.create(
            theme=theme,
            title=cleaned["title"],
            description=cleaned["description"],
            employer=employer,
            placement=placement,
            created_by=created_by,
        )
