"""Shared test fixtures."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from werkpunt.rules import Outcome, evaluate, parse_situation

AS_OF = dt.date(2026, 11, 28)


@pytest.fixture
def compute():
    """Evaluate a situation given as keyword arguments (JSON field names)."""

    def _compute(**fields: Any) -> Outcome:
        fields.setdefault("as_of", AS_OF.isoformat())
        return evaluate(parse_situation(fields))

    return _compute
