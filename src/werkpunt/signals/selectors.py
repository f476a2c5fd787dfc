"""Reads of the register of problems in laws and rules, scoped by who asks.

- adviseur and teamleider read everything, with the links to the employer and placement;
- bestuur reads everything without those links (:func:`shows_links`);
- other roles read nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from werkpunt.accounts.models import Role
from werkpunt.accounts.permissions import role_of
from werkpunt.employers import selectors as employer_selectors
from werkpunt.placements import selectors as placement_selectors
from werkpunt.placements.models import Placement
from werkpunt.signals.models import LawSignal, Theme

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from werkpunt.employers.models import Employer

READ_ROLES = frozenset({Role.ADVISER, Role.TEAM_LEAD, Role.BOARD})
WRITE_ROLES = frozenset({Role.ADVISER, Role.TEAM_LEAD})

#: Examples per theme in the report.
EXAMPLES_PER_THEME = 3


def can_create(*, user: User | AnonymousUser) -> bool:
    return role_of(user) in WRITE_ROLES


def shows_links(*, user: User | AnonymousUser) -> bool:
    """Whether the user sees which employer or placement a signal came from (not bestuur)."""
    return role_of(user) in WRITE_ROLES


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def signals_visible_to(
    *,
    user: User | AnonymousUser,
    theme: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[LawSignal]:
    """Signals ``user`` may read, newest first, filtered by theme and period (both ends included)."""
    if role_of(user) not in READ_ROLES:
        return LawSignal.objects.none()
    signals = LawSignal.objects.all()
    if shows_links(user=user):
        signals = signals.select_related("employer", "placement__employer")
    if theme:
        signals = signals.filter(theme=theme)
    if since is not None:
        signals = signals.filter(created_at__gte=_day_start(since))
    if until is not None:
        signals = signals.filter(created_at__lt=_day_start(until + dt.timedelta(days=1)))
    return signals.order_by("-created_at", "-pk")


def linkable_placement(*, user: User | AnonymousUser, pk: object) -> Placement | None:
    """The placement ``pk`` when ``user`` may record a signal for it (may see it), else ``None``."""
    number = _as_pk(pk)
    if number is None or not can_create(user=user):
        return None
    return placement_selectors.placements_visible_to(user=user).filter(pk=number).first()


def linkable_employer(*, user: User | AnonymousUser, pk: object) -> Employer | None:
    """The employer ``pk`` when ``user`` may record a signal for it (may see it), else ``None``."""
    number = _as_pk(pk)
    if number is None or not can_create(user=user):
        return None
    return employer_selectors.employers_visible_to(user=user).filter(pk=number).first()


def _as_pk(value: object) -> int | None:
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and value.isdigit() and len(value) <= 12:
        number = int(value)
        return number if number > 0 else None
    return None


# --- The report ---------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    def next(self) -> Quarter:
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def label(self) -> str:
        return f"Q{self.number} {self.year}"


def quarters_between(since: dt.date, until: dt.date) -> list[Quarter]:
    found = []
    quarter, last = Quarter.of(since), Quarter.of(until)
    while quarter <= last:
        found.append(quarter)
        quarter = quarter.next()
    return found


def report_default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The current quarter and the three before it, up to and including today."""
    quarter = Quarter.of(today)
    for _step in range(3):
        quarter = Quarter(quarter.year - (quarter.number == 1), (quarter.number - 2) % 4 + 1)
    return quarter.first_day, today


@dataclass
class ThemeReport:
    theme: str
    label: str
    counts: list[int]
    total: int
    examples: list[LawSignal] = field(default_factory=list)


@dataclass
class Report:
    since: dt.date
    until: dt.date
    quarters: list[Quarter]
    themes: list[ThemeReport]
    totals: list[int]
    total: int


def signal_report(*, user: User | AnonymousUser, since: dt.date, until: dt.date) -> Report:
    """Counts per theme per quarter, and the latest examples per theme (title and text only)."""
    quarters = quarters_between(since, until)
    index = {quarter: i for i, quarter in enumerate(quarters)}
    visible = signals_visible_to(user=user, since=since, until=until)
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(quarters))
    tz = timezone.get_current_timezone()
    for theme, created_at in visible.values_list("theme", "created_at"):
        quarter = Quarter.of(created_at.astimezone(tz).date())
        if quarter in index:
            counts[theme][index[quarter]] += 1
    themes = []
    for theme in Theme:
        row = counts.get(theme.value, [0] * len(quarters))
        report = ThemeReport(theme.value, str(theme.label), row, sum(row))
        if report.total:
            # Only the text: no employer, placement or author, so the report can be shared.
            report.examples = list(
                visible.filter(theme=theme.value)
                .select_related(None)
                .only("theme", "title", "description", "created_at")[:EXAMPLES_PER_THEME]
            )
        themes.append(report)
    totals = [sum(t.counts[i] for t in themes) for i in range(len(quarters))]
    return Report(since, until, quarters, themes, totals, sum(totals))
