"""Numbers of the dashboard as text: money, hours and shares in the active language."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext

from werkpunt.dashboard import kpis
from werkpunt.financieel_cv.formatting import active_language
from werkpunt.rules.i18n import format_money, format_number

#: Shown where there is nothing to count (no answered request, no check yet).
NOTHING = "–"


def euros(cents: int | None) -> str:
    """Cents as ``€ 1.234,56``."""
    if cents is None:
        return NOTHING
    return format_money(int(cents), active_language())


def hours_number(value: Fraction) -> str:
    """Hours with one decimal, without a unit: ``3,5``."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    rounded = exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return format_number(rounded, active_language(), places=1)


def hours(value: Fraction | None) -> str:
    """Hours with one decimal: ``3,5 uur``."""
    if value is None:
        return NOTHING
    return gettext("%(hours)s uur") % {"hours": hours_number(value)}


def percentage(value: Fraction | None) -> str:
    """A share as a whole percentage: ``67%``."""
    if value is None:
        return NOTHING
    return f"{kpis.percent(value)}%"
