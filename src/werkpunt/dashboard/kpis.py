"""Pure computations behind the dashboard screens: no database, no Django request.

- :func:`bucket_for_day` and :func:`bucket_for_moment` put a piece of work in the group
  "te laat", "vandaag", "deze week" (or later / without a date) of "mijn werk";
- :func:`median_hours` and :func:`share` compute the call-back KPIs;
- :func:`suppress_small_cells` applies the small-cell rule of the board screen
  (docs/dashboard.md, "Kleine aantallen").

Everything takes "today" and "now" as arguments, so the tests can fix them.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Generic, Literal, TypeVar

T = TypeVar("T")

Bucket = Literal["late", "today", "week", "later", "undated"]

#: The order of the groups on "mijn werk".
BUCKET_ORDER: tuple[Bucket, ...] = ("late", "today", "week", "later", "undated")

#: "Deze week" is today and the six days after it, so on a Friday the coming Monday
#: is still in view (a calendar week would be almost over by then).
WEEK_DAYS = 7

#: Cells of the board screen that count fewer placements than this are not shown.
SMALL_CELL_LIMIT = 5


def week_end(today: dt.date) -> dt.date:
    """The last day of "deze week": six days after today."""
    return today + dt.timedelta(days=WEEK_DAYS - 1)


def bucket_for_day(due: dt.date | None, *, today: dt.date) -> Bucket:
    """The group of something due on ``due`` (a date: deadlines, after-sales tasks)."""
    if due is None:
        return "undated"
    if due < today:
        return "late"
    if due == today:
        return "today"
    if due <= week_end(today):
        return "week"
    return "later"


def bucket_for_moment(
    due: dt.datetime | None, *, now: dt.datetime, today: dt.date, tz: dt.tzinfo
) -> Bucket:
    """The group of something due at a moment (a call-back time): late once it passed."""
    if due is None:
        return "undated"
    if due < now:
        return "late"
    return bucket_for_day(due.astimezone(tz).date(), today=today)


@dataclass
class Group(Generic[T]):
    """The items of one bucket, in the order they came."""

    bucket: Bucket
    items: list[T] = field(default_factory=list)


def group_items(items: Iterable[T], buckets: Iterable[Bucket]) -> list[Group[T]]:
    """Items with their buckets (same order) as groups in :data:`BUCKET_ORDER`; empty groups left out."""
    groups: dict[Bucket, Group[T]] = {bucket: Group(bucket) for bucket in BUCKET_ORDER}
    for item, bucket in zip(items, buckets, strict=True):
        groups[bucket].items.append(item)
    return [group for group in groups.values() if group.items]


def median_hours(durations: Sequence[Fraction]) -> Fraction | None:
    """The median of the durations (in hours), or ``None`` when there are none.

    With an even number the median is the mean of the two middle values.
    """
    if not durations:
        return None
    return Fraction(statistics.median(durations))


def share(part: int, whole: int) -> Fraction | None:
    """``part / whole``, or ``None`` when ``whole`` is zero (a share of nothing is not 0%)."""
    if whole <= 0:
        return None
    return Fraction(part, whole)


def percent(value: Fraction) -> int:
    """A share as a whole percentage, rounded half up: 2/3 → 67."""
    exact = Decimal(value.numerator) * 100 / Decimal(value.denominator)
    return int(exact.to_integral_value(rounding=ROUND_HALF_UP))


# --- Small cells ----------------------------------------------------------------------------


@dataclass
class Cell:
    """One number of the board screen and the count of placements behind it.

    ``base`` is how many placements the value is about; the cell is hidden when that is
    below :data:`SMALL_CELL_LIMIT`. ``value`` may be a count, an amount in cents or a
    share; it is shown only when ``suppressed`` is false.
    """

    value: int | Fraction | None
    base: int
    suppressed: bool = False


def suppress_small_cells(column: Sequence[Cell], *, limit: int = SMALL_CELL_LIMIT) -> None:
    """Hide the cells of one column whose base is below ``limit`` (in place).

    Primary suppression hides each small cell. If that hides exactly one cell of the
    column, the total (shown elsewhere, or derivable from the other table) would give
    it away by subtraction, so the shown cell with the smallest base is hidden too
    (secondary suppression). A column of one cell has nothing to subtract from.
    """
    for cell in column:
        if cell.base < limit:
            cell.suppressed = True
    hidden = [cell for cell in column if cell.suppressed]
    shown = [cell for cell in column if not cell.suppressed]
    if len(hidden) == 1 and len(column) > 1 and shown:
        min(shown, key=lambda cell: cell.base).suppressed = True
