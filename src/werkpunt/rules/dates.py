"""Calendar arithmetic used by the rules (no time zones: all dates are local dates)."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus a number of months; the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: dt.date, years: int) -> dt.date:
    return add_months(day, 12 * years)


def end_of_month(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Age in whole years on ``day`` (a birthday counts on the day itself)."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def days_inclusive(first: dt.date, last: dt.date) -> int:
    """Number of days from ``first`` to ``last``, both included; 0 when ``last`` < ``first``."""
    return max(0, (last - first).days + 1)


def period_end(start: dt.date, *, years: int = 0, months: int = 0) -> dt.date:
    """The last day of a period of whole years/months that starts on ``start``.

    Normally the day before the same date after the period (1 September + 3 months:
    30 November). When that date does not exist the period runs to the end of the
    shorter month (30 November + 3 months: the end of February).
    """
    same_day = add_months(start, 12 * years + months)
    if same_day.day < start.day:
        return same_day
    return same_day - dt.timedelta(days=1)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def today() -> dt.date:
    """Today's date in the Netherlands."""
    from zoneinfo import ZoneInfo

    return dt.datetime.now(tz=ZoneInfo("Europe/Amsterdam")).date()
