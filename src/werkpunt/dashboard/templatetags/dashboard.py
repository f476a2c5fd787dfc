"""Formatting filters for the dashboard screens: ``{% load dashboard %}``."""

from __future__ import annotations

from fractions import Fraction

from django import template

from werkpunt.dashboard import formatting

register = template.Library()


@register.filter
def euros(cents: int | None) -> str:
    """Cents as ``€ 1.234,56``; nothing known as a dash."""
    return formatting.euros(cents)


@register.filter
def hours(value: Fraction | None) -> str:
    """Hours with one decimal: ``3,5 uur``; nothing known as a dash."""
    return formatting.hours(value)


@register.filter
def percentage(value: Fraction | None) -> str:
    """A share as a whole percentage: ``67%``; nothing known as a dash."""
    return formatting.percentage(value)
