"""Dutch working days and the call-back deadline of a request.

Pure Python (no Django import at module level): the public holidays are computed per
year, so no list has to be updated each year. See ``docs/backoffice-employers.md``
("The call-back deadline") for the rule and the decisions behind it.

A *working day* is Monday to Friday, unless it is one of these public holidays:

- Nieuwjaarsdag (1 January);
- Eerste en Tweede Paasdag (Easter Sunday and Monday; Easter by the anonymous
  Gregorian algorithm, also called the Meeus/Jones/Butcher algorithm);
- Koningsdag: 27 April, or 26 April when the 27th is a Sunday (from 2014; from 1980
  to 2013 Koninginnedag: 30 April, or 29 April when the 30th is a Sunday);
- Bevrijdingsdag (5 May): by default only in a lustrum year (2025, 2030, ...), see
  :data:`LIBERATION_DAY_POLICIES`;
- Hemelvaartsdag (Easter + 39 days);
- Eerste en Tweede Pinksterdag (Easter + 49 and + 50 days);
- Eerste en Tweede Kerstdag (25 and 26 December).

Goede Vrijdag is *not* a holiday here: it is not a general day off in the Netherlands
(the Algemene termijnenwet does not name it, and most CAOs do not give it). A holiday
that falls on a weekend is not moved to a weekday: the Netherlands has no substitute days.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Final, Literal
from zoneinfo import ZoneInfo

#: The time zone of the WSP; a request "comes in" on its date in this zone.
AMSTERDAM: Final = ZoneInfo("Europe/Amsterdam")

#: The end of a working day: a call-back deadline is at this local time.
END_OF_WORKING_DAY: Final = dt.time(17, 0)

#: First year the computation supports (Koninginnedag on 30 April since 1980).
MIN_YEAR: Final = 1980

LiberationDay = Literal["lustrum", "every_year", "never"]

#: How Bevrijdingsdag (5 May) counts:
#:
#: ``"lustrum"`` (the default) — only every fifth year (2025, 2030, ...), as most CAOs and
#: the public sector do: a day off "eens in de vijf jaar";
#: ``"every_year"`` — every year, as the Algemene termijnenwet treats it for legal time limits;
#: ``"never"`` — never a day off.
LIBERATION_DAY_POLICIES: Final[tuple[LiberationDay, ...]] = ("lustrum", "every_year", "never")

DEFAULT_LIBERATION_DAY: Final[LiberationDay] = "lustrum"


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _kings_day(year: int) -> tuple[dt.date, str]:
    if year >= 2014:
        day = dt.date(year, 4, 27)
        name = "Koningsdag"
    else:
        day = dt.date(year, 4, 30)
        name = "Koninginnedag"
    if day.weekday() == 6:  # Sunday: the day before
        day -= dt.timedelta(days=1)
    return day, name


def _check_policy(liberation_day: str) -> None:
    if liberation_day not in LIBERATION_DAY_POLICIES:
        raise ValueError(
            f"liberation_day moet een van {', '.join(LIBERATION_DAY_POLICIES)} zijn, "
            f"niet {liberation_day!r}"
        )


def public_holidays(
    year: int, *, liberation_day: LiberationDay = DEFAULT_LIBERATION_DAY
) -> dict[dt.date, str]:
    """The Dutch public holidays of ``year`` that are a day off, with their Dutch names.

    Sorted by date. Raises ``ValueError`` for a year before :data:`MIN_YEAR` or an
    unknown ``liberation_day`` policy.
    """
    return dict(_holidays(year, liberation_day))


@lru_cache(maxsize=1024)
def _holidays(year: int, liberation_day: LiberationDay) -> tuple[tuple[dt.date, str], ...]:
    _check_policy(liberation_day)
    if year < MIN_YEAR:
        raise ValueError(f"Feestdagen zijn pas vanaf {MIN_YEAR} bekend, niet voor {year}.")
    easter = easter_sunday(year)
    kings_day, kings_name = _kings_day(year)
    days = [
        (dt.date(year, 1, 1), "Nieuwjaarsdag"),
        (easter, "Eerste Paasdag"),
        (easter + dt.timedelta(days=1), "Tweede Paasdag"),
        (kings_day, kings_name),
        (easter + dt.timedelta(days=39), "Hemelvaartsdag"),
        (easter + dt.timedelta(days=49), "Eerste Pinksterdag"),
        (easter + dt.timedelta(days=50), "Tweede Pinksterdag"),
        (dt.date(year, 12, 25), "Eerste Kerstdag"),
        (dt.date(year, 12, 26), "Tweede Kerstdag"),
    ]
    if liberation_day == "every_year" or (liberation_day == "lustrum" and year % 5 == 0):
        days.append((dt.date(year, 5, 5), "Bevrijdingsdag"))
    return tuple(sorted(days))


@lru_cache(maxsize=1024)
def _holiday_dates(year: int, liberation_day: LiberationDay) -> frozenset[dt.date]:
    return frozenset(day for day, _ in _holidays(year, liberation_day))


def is_working_day(day: dt.date, *, liberation_day: LiberationDay = DEFAULT_LIBERATION_DAY) -> bool:
    """Monday to Friday and not a public holiday."""
    return day.weekday() < 5 and day not in _holiday_dates(day.year, liberation_day)


def local_date(moment: dt.date) -> dt.date:
    """The date of ``moment`` in Amsterdam; a plain date is returned as it is.

    A naive datetime is refused: without a time zone the date is ambiguous.
    """
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("Geef een tijdstip met tijdzone (aware datetime).")
        return moment.astimezone(AMSTERDAM).date()
    return moment


def add_working_days(
    *,
    start: dt.datetime | dt.date,
    days: int,
    liberation_day: LiberationDay = DEFAULT_LIBERATION_DAY,
) -> dt.date:
    """The ``days``-th working day after the (Amsterdam) date of ``start``.

    ``days=1`` is the next working day after that date, whether or not that date is a
    working day itself. ``days=0`` is the date itself when it is a working day, else the
    first working day after it. Negative ``days`` raise ``ValueError``.
    """
    if days < 0:
        raise ValueError("days mag niet negatief zijn.")
    _check_policy(liberation_day)
    day = local_date(start)
    if days == 0:
        while not is_working_day(day, liberation_day=liberation_day):
            day += dt.timedelta(days=1)
        return day
    remaining = days
    while remaining:
        day += dt.timedelta(days=1)
        if is_working_day(day, liberation_day=liberation_day):
            remaining -= 1
    return day


def _configured(name: str, default: object) -> object:
    """A Django setting, or ``default`` when Django is missing or not configured."""
    try:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured
    except ImportError:
        return default
    try:
        return getattr(settings, name, default)
    except ImproperlyConfigured:
        return default


def callback_working_days() -> int:
    """``settings.WERKPUNT_CALLBACK_WORKING_DAYS`` (default 1)."""
    value = _configured("WERKPUNT_CALLBACK_WORKING_DAYS", 1)
    return int(value) if isinstance(value, int | str) else 1


def configured_liberation_day() -> LiberationDay:
    """``settings.WERKPUNT_LIBERATION_DAY`` when set and valid, else ``"lustrum"``."""
    value = _configured("WERKPUNT_LIBERATION_DAY", DEFAULT_LIBERATION_DAY)
    for policy in LIBERATION_DAY_POLICIES:
        if value == policy:
            return policy
    return DEFAULT_LIBERATION_DAY


def callback_deadline(
    *,
    received_at: dt.datetime,
    working_days: int | None = None,
    liberation_day: LiberationDay | None = None,
) -> dt.datetime:
    """When a request must be answered: 17:00 Amsterdam time on the N-th working day
    after the day it came in.

    N is ``working_days``, by default ``settings.WERKPUNT_CALLBACK_WORKING_DAYS`` (1). The
    time of day does not matter: a request at 08:00 on Monday and one at 23:00 on Monday
    must both be answered by Tuesday 17:00; a request on Saturday by Monday 17:00. The
    result is an aware datetime in Europe/Amsterdam (summer and winter time honoured).
    """
    n = callback_working_days() if working_days is None else working_days
    policy = configured_liberation_day() if liberation_day is None else liberation_day
    day = add_working_days(start=received_at, days=n, liberation_day=policy)
    return dt.datetime.combine(day, END_OF_WORKING_DAY, tzinfo=AMSTERDAM)


def working_days_between(
    start: dt.date, end: dt.date, *, liberation_day: LiberationDay = DEFAULT_LIBERATION_DAY
) -> int:
    """How many working days lie after ``start`` up to and including ``end`` (0 if end ≤ start)."""
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, liberation_day=liberation_day):
            count += 1
    return count
