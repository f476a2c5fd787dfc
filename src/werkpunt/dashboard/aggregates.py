"""The board's aggregates: counts and sums per municipality and per partner, never a person.

No selector of another app gives figures per municipality and per partner, so this
module is the dashboard's own read model over the models of ``employers`` and
``placements``. Its definitions follow the selectors the team screen uses
(``employers.selectors.request_kpis``, ``placements.selectors.deadline_kpis``), so a
total here equals the same figure there. It returns raw numbers; ``dashboard.board``
applies the small-cell rule. Eight queries, whatever the amount of data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from werkpunt.accounts.models import PARTNER_KINDS, Organisation
from werkpunt.dashboard.sources import sustainability_moments
from werkpunt.employers.models import Request
from werkpunt.placements.models import (
    AfterSalesTask,
    Deadline,
    DeadlineStatus,
    Placement,
    PlacementStatus,
    Sustainability,
)


def _day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in the site's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def response_hours(created_at: dt.datetime, answered_at: dt.datetime) -> Fraction:
    """Calendar hours from received to answered, rounded to one decimal (as the selector does)."""
    seconds = Decimal(int((answered_at - created_at).total_seconds()))
    hours = (seconds / 3600).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Fraction(str(hours))


@dataclass
class BoardRow:
    """The raw figures of one municipality or partner; suppression happens in the view."""

    key: str
    label: str
    started: int = 0
    active: int = 0
    checks: dict[str, int] = field(default_factory=dict)
    here: dict[str, int] = field(default_factory=dict)
    requests: int = 0
    answered: int = 0
    hours: list[Fraction] = field(default_factory=list)
    on_time: int = 0
    on_time_base: int = 0
    met_cents: int = 0
    met_placements: int = 0
    missed_cents: int = 0
    missed_placements: int = 0


@dataclass
class BoardFigures:
    """Rows per municipality, per partner, and the region's total."""

    municipalities: list[BoardRow]
    partners: list[BoardRow]
    total: BoardRow


UNKNOWN = ""


def board_figures(
    *,
    since: dt.date,
    until: dt.date,
    now: dt.datetime,
    municipality_labels: Mapping[str, str],
    unknown_label: str,
    total_label: str,
) -> BoardFigures:
    """Aggregates per municipality (of the employer) and per partner.

    The partner of a placement (and of its deadlines) is the organisation of the
    employer's contact person; the partner of a request is its owner's organisation.
    The municipality is the employer's main municipality; a request not linked to an
    employer uses the municipality filled in on the form. Eight queries in all.
    """
    partners = list(
        Organisation.objects.filter(kind__in=PARTNER_KINDS).order_by("kind", "name", "pk")
    )
    by_municipality: dict[str, BoardRow] = {
        code: BoardRow(code, label) for code, label in municipality_labels.items()
    }
    by_municipality.setdefault(UNKNOWN, BoardRow(UNKNOWN, unknown_label))
    by_partner: dict[str, BoardRow] = {
        str(org.pk): BoardRow(str(org.pk), org.name) for org in partners
    }
    by_partner.setdefault(UNKNOWN, BoardRow(UNKNOWN, unknown_label))
    total = BoardRow("total", total_label)
    moments = sustainability_moments()
    for row in [*by_municipality.values(), *by_partner.values(), total]:
        row.checks = dict.fromkeys(moments, 0)
        row.here = dict.fromkeys(moments, 0)

    def rows_for(municipality: Any, partner: Any) -> list[BoardRow]:
        m = by_municipality.get(str(municipality or UNKNOWN), by_municipality[UNKNOWN])
        p = by_partner.get(str(partner or UNKNOWN), by_partner[UNKNOWN])
        return [m, p, total]

    placement_partner = "employer__contact_person__profile__organisation_id"
    started = (
        Placement.objects.filter(start_date__gte=since, start_date__lte=until)
        .values("employer__municipality", placement_partner)
        .annotate(n=Count("pk"))
        .order_by()
    )
    for item in started:
        for row in rows_for(item["employer__municipality"], item[placement_partner]):
            row.started += item["n"]
    active = (
        Placement.objects.filter(status=PlacementStatus.ACTIVE)
        .values("employer__municipality", placement_partner)
        .annotate(n=Count("pk"))
        .order_by()
    )
    for item in active:
        for row in rows_for(item["employer__municipality"], item[placement_partner]):
            row.active += item["n"]

    task_partner = f"placement__{placement_partner}"
    checks = (
        AfterSalesTask.objects.filter(
            is_sustainability_check=True,
            moment__in=moments,
            due_date__gte=since,
            due_date__lte=until,
        )
        .filter(done_at__isnull=False)
        .exclude(sustainability="")
        .values("placement__employer__municipality", task_partner, "moment", "sustainability")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for item in checks:
        for row in rows_for(item["placement__employer__municipality"], item[task_partner]):
            row.checks[item["moment"]] += item["n"]
            if item["sustainability"] == Sustainability.STILL_HERE:
                row.here[item["moment"]] += item["n"]

    requests = Request.objects.filter(
        created_at__gte=_day_start(since), created_at__lt=_day_start(until + dt.timedelta(days=1))
    ).values_list(
        "municipality",
        "employer__municipality",
        "owner__profile__organisation_id",
        "created_at",
        "answered_at",
        "call_back_by",
    )
    for form_m, employer_m, partner, created_at, answered_at, call_back_by in requests:
        for row in rows_for(employer_m or form_m, partner):
            row.requests += 1
            if answered_at is not None:
                row.answered += 1
                row.hours.append(response_hours(created_at, answered_at))
            if call_back_by is None:
                continue
            if answered_at is not None:
                row.on_time_base += 1
                row.on_time += answered_at <= call_back_by
            elif call_back_by < now:
                row.on_time_base += 1

    deadline_partner = f"placement__{placement_partner}"
    # Met: done on or before the date; missed: recorded as missed (placements.selectors).
    met = Q(status=DeadlineStatus.DONE, done_at__date__lte=F("due_date"))
    missed = Q(status=DeadlineStatus.MISSED)
    for condition, cents_attr, count_attr in (
        (met, "met_cents", "met_placements"),
        (missed, "missed_cents", "missed_placements"),
    ):
        sums = (
            Deadline.objects.filter(condition, due_date__gte=since, due_date__lte=until)
            .values("placement__employer__municipality", deadline_partner)
            .annotate(
                cents=Sum("amount_at_stake_cents"), placements=Count("placement", distinct=True)
            )
            .order_by()
        )
        for item in sums:
            for row in rows_for(item["placement__employer__municipality"], item[deadline_partner]):
                setattr(row, cents_attr, getattr(row, cents_attr) + int(item["cents"] or 0))
                setattr(row, count_attr, getattr(row, count_attr) + item["placements"])

    municipality_rows = [
        row for key, row in by_municipality.items() if key != UNKNOWN or _has_data(row)
    ]
    partner_rows = [row for key, row in by_partner.items() if key != UNKNOWN or _has_data(row)]
    return BoardFigures(municipality_rows, partner_rows, total)


def _has_data(row: BoardRow) -> bool:
    return bool(
        row.started
        or row.active
        or row.requests
        or any(row.checks.values())
        or row.met_placements
        or row.missed_placements
    )
