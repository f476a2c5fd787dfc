"""Dutch working days and the call-back deadline: dates checked by hand, and properties."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from werkpunt.employers.workdays import (
    AMSTERDAM,
    add_working_days,
    callback_deadline,
    easter_sunday,
    is_working_day,
    public_holidays,
    working_days_between,
)

UTC = dt.UTC


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    """An Amsterdam time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def d(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)


# --- The holidays, by hand -------------------------------------------------------------------


def test_holidays_of_2026():
    assert public_holidays(2026) == {
        d(2026, 1, 1): "Nieuwjaarsdag",
        d(2026, 4, 5): "Eerste Paasdag",
        d(2026, 4, 6): "Tweede Paasdag",
        d(2026, 4, 27): "Koningsdag",
        d(2026, 5, 14): "Hemelvaartsdag",
        d(2026, 5, 24): "Eerste Pinksterdag",
        d(2026, 5, 25): "Tweede Pinksterdag",
        d(2026, 12, 25): "Eerste Kerstdag",
        d(2026, 12, 26): "Tweede Kerstdag",
    }


def test_holidays_of_2025_a_lustrum_year_with_kings_day_on_saturday():
    holidays = public_holidays(2025)
    # 27 April 2025 is a Sunday: Koningsdag is Saturday the 26th.
    assert holidays[d(2025, 4, 26)] == "Koningsdag"
    assert d(2025, 4, 27) not in holidays
    assert holidays[d(2025, 5, 5)] == "Bevrijdingsdag"
    assert holidays[d(2025, 4, 21)] == "Tweede Paasdag"
    assert holidays[d(2025, 5, 29)] == "Hemelvaartsdag"
    assert holidays[d(2025, 6, 9)] == "Tweede Pinksterdag"
    assert len(holidays) == 10


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2019, d(2019, 4, 21)),
        (2024, d(2024, 3, 31)),
        (2025, d(2025, 4, 20)),
        (2026, d(2026, 4, 5)),
        (2027, d(2027, 3, 28)),
        (2038, d(2038, 4, 25)),  # the latest possible date
        (2285, d(2285, 3, 22)),  # the earliest possible date
    ],
)
def test_easter_on_known_dates(year, easter):
    assert easter_sunday(year) == easter


def test_easter_agrees_with_dateutil_for_centuries():
    easter = pytest.importorskip("dateutil.easter")
    for year in range(1583, 4100):
        assert easter_sunday(year) == easter.easter(year), year


def test_good_friday_is_a_working_day():
    good_friday = easter_sunday(2026) - dt.timedelta(days=2)
    assert good_friday == d(2026, 4, 3)
    assert is_working_day(good_friday)
    assert all("Goede Vrijdag" not in name for name in public_holidays(2026).values())


@pytest.mark.parametrize(
    ("year", "policy", "holiday"),
    [
        (2025, "lustrum", True),
        (2030, "lustrum", True),
        (2026, "lustrum", False),
        (2026, "every_year", True),
        (2025, "never", False),
    ],
)
def test_liberation_day_follows_the_policy(year, policy, holiday):
    assert (d(year, 5, 5) in public_holidays(year, liberation_day=policy)) is holiday


def test_kings_day_before_2014_was_queens_day():
    assert public_holidays(2013)[d(2013, 4, 30)] == "Koninginnedag"
    # 27 April 2014 was a Sunday: the first Koningsdag was on Saturday the 26th.
    assert public_holidays(2014)[d(2014, 4, 26)] == "Koningsdag"


def test_unknown_policy_and_old_years_are_refused():
    with pytest.raises(ValueError, match="liberation_day"):
        public_holidays(2026, liberation_day="soms")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="1980"):
        public_holidays(1979)


def test_the_returned_holidays_cannot_change_the_cache():
    holidays = public_holidays(2026)
    holidays.clear()
    assert d(2026, 12, 25) in public_holidays(2026)


# --- Adding working days and the deadline, by hand ---------------------------------------------


@pytest.mark.parametrize(
    ("received", "deadline_day"),
    [
        # Thursday before Easter: Good Friday is a working day.
        (at(2026, 4, 2), d(2026, 4, 3)),
        # Good Friday: the weekend and Easter Monday are skipped.
        (at(2026, 4, 3), d(2026, 4, 7)),
        # Friday 24 December 2027: Christmas falls on the weekend, no day in lieu.
        (at(2027, 12, 24), d(2027, 12, 27)),
        # Thursday 24 December 2026: Christmas Friday, then the weekend.
        (at(2026, 12, 24), d(2026, 12, 28)),
        # Wednesday 24 December 2025: both Christmas days on Thursday and Friday.
        (at(2025, 12, 24), d(2025, 12, 29)),
        # New Year's Eve 2026 (Thursday): 1 January 2027 is a Friday.
        (at(2026, 12, 31), d(2027, 1, 4)),
        # Friday before Koningsdag on Monday 27 April 2026.
        (at(2026, 4, 24), d(2026, 4, 28)),
        # Friday 25 April 2025: Koningsdag is on Saturday, Monday is a working day.
        (at(2025, 4, 25), d(2025, 4, 28)),
        # Friday 2 May 2025: Bevrijdingsdag in a lustrum year.
        (at(2025, 5, 2), d(2025, 5, 6)),
        # Monday 4 May 2026: Bevrijdingsdag is a working day outside a lustrum year.
        (at(2026, 5, 4), d(2026, 5, 5)),
        # Wednesday before Hemelvaartsdag.
        (at(2026, 5, 13), d(2026, 5, 15)),
        # Friday before Pinksteren.
        (at(2026, 5, 22), d(2026, 5, 26)),
        # Saturday: the next working day is Monday.
        (at(2026, 11, 28), d(2026, 11, 30)),
        # Late on a Monday, or early on it: the time of day does not matter.
        (at(2026, 11, 30, 23, 59), d(2026, 12, 1)),
        (at(2026, 11, 30, 0, 1), d(2026, 12, 1)),
    ],
)
def test_callback_deadline_on_known_dates(received, deadline_day):
    deadline = callback_deadline(received_at=received, working_days=1)
    assert deadline == dt.datetime.combine(deadline_day, dt.time(17), tzinfo=AMSTERDAM)


def test_the_day_it_came_in_is_the_day_in_amsterdam():
    # 23:30 UTC on Monday 30 November is 00:30 on Tuesday in Amsterdam.
    received = dt.datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
    assert callback_deadline(received_at=received, working_days=1) == at(2026, 12, 2, 17)


def test_deadline_honours_summer_time():
    # Friday 27 March 2026; summer time starts on Sunday 29 March.
    deadline = callback_deadline(received_at=at(2026, 3, 27), working_days=1)
    assert deadline.astimezone(UTC) == dt.datetime(2026, 3, 30, 15, 0, tzinfo=UTC)
    winter = callback_deadline(received_at=at(2026, 11, 2), working_days=1)
    assert winter.astimezone(UTC) == dt.datetime(2026, 11, 3, 16, 0, tzinfo=UTC)


def test_deadline_uses_the_setting(settings):
    settings.WERKPUNT_CALLBACK_WORKING_DAYS = 2
    # Thursday 2 April 2026: Friday 3 (1), Tuesday 7 (2) after Easter Monday.
    assert callback_deadline(received_at=at(2026, 4, 2)) == at(2026, 4, 7, 17)
    settings.WERKPUNT_CALLBACK_WORKING_DAYS = 1
    assert callback_deadline(received_at=at(2026, 4, 2)) == at(2026, 4, 3, 17)


def test_deadline_uses_the_liberation_day_setting(settings):
    settings.WERKPUNT_LIBERATION_DAY = "every_year"
    assert callback_deadline(received_at=at(2026, 5, 4), working_days=1) == at(2026, 5, 6, 17)
    settings.WERKPUNT_LIBERATION_DAY = "iets anders"  # not valid: the default (lustrum)
    assert callback_deadline(received_at=at(2026, 5, 4), working_days=1) == at(2026, 5, 5, 17)


def test_zero_days_is_the_same_or_next_working_day():
    assert add_working_days(start=d(2026, 4, 2), days=0) == d(2026, 4, 2)
    assert add_working_days(start=d(2026, 4, 4), days=0) == d(2026, 4, 7)


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="negatief"):
        add_working_days(start=d(2026, 4, 2), days=-1)
    with pytest.raises(ValueError, match="tijdzone"):
        callback_deadline(received_at=dt.datetime(2026, 4, 2, 10))


# --- Properties --------------------------------------------------------------------------------

moments = st.datetimes(
    min_value=dt.datetime(1981, 1, 1),
    max_value=dt.datetime(2200, 12, 1),
    timezones=st.sampled_from([AMSTERDAM, UTC, ZoneInfo("America/New_York")]),
)
policies = st.sampled_from(["lustrum", "every_year", "never"])


@hypothesis_settings(max_examples=300, deadline=None)
@given(start=moments, days=st.integers(min_value=1, max_value=40), policy=policies)
def test_result_is_a_working_day_exactly_n_working_days_later(start, days, policy):
    result = add_working_days(start=start, days=days, liberation_day=policy)
    start_day = start.astimezone(AMSTERDAM).date()

    assert result > start_day
    assert result.weekday() < 5
    assert result not in public_holidays(result.year, liberation_day=policy)
    assert working_days_between(start_day, result, liberation_day=policy) == days
    # No working day is skipped: the day before the result has one fewer.
    assert working_days_between(
        start_day, result - dt.timedelta(days=1), liberation_day=policy
    ) == (days - 1)


@hypothesis_settings(max_examples=200, deadline=None)
@given(first=moments, second=moments, days=st.integers(min_value=0, max_value=10))
def test_later_start_never_gives_an_earlier_result(first, second, days):
    early, late = sorted((first, second))
    assert add_working_days(start=early, days=days) <= add_working_days(start=late, days=days)


@hypothesis_settings(max_examples=200, deadline=None)
@given(start=moments, days=st.integers(min_value=1, max_value=20))
def test_more_days_always_give_a_later_day(start, days):
    assert add_working_days(start=start, days=days) < add_working_days(start=start, days=days + 1)
    # Zero days on a weekend is the next working day, the same as one day: not later.
    assert add_working_days(start=start, days=0) <= add_working_days(start=start, days=1)


@hypothesis_settings(max_examples=300, deadline=None)
@given(received=moments, days=st.integers(min_value=1, max_value=5))
def test_deadline_is_five_pm_on_a_working_day_after_receipt(received, days):
    deadline = callback_deadline(received_at=received, working_days=days, liberation_day="lustrum")
    local = deadline.astimezone(AMSTERDAM)

    assert (local.hour, local.minute) == (17, 0)
    assert is_working_day(local.date())
    assert deadline > received
    assert local.date() > received.astimezone(AMSTERDAM).date()
