"""Exact money: amounts are integer euro cents; rates may be exact fractions of a cent."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


class Money(int):
    """An amount in euro cents. It is an ``int``; the type only marks how to show it."""

    __slots__ = ()

    def as_decimal(self) -> Decimal:
        return Decimal(int(self)).scaleb(-2)

    def as_text(self) -> str:
        """Machine form: euros as a decimal string with two decimals, e.g. ``"1234.50"``."""
        return f"{self.as_decimal():.2f}"


def cents(amount: Decimal) -> int:
    """A Decimal amount in euros (at most 2 decimals) as integer cents."""
    value = amount * 100
    if value != value.to_integral_value():
        raise ValueError(f"{amount} heeft meer dan twee decimalen")
    return int(value)


def round_half_up(value: Fraction) -> int:
    """Round an exact non-negative or negative number of cents to whole cents, halves away from 0."""
    if value >= 0:
        return int((value * 2 + 1) // 2)
    return -int((-value * 2 + 1) // 2)


def percent(value: Decimal) -> Fraction:
    """A percentage (e.g. ``Decimal("23.5")``) as an exact fraction (``47/200``)."""
    return Fraction(value) / 100
