"""The dashboard screens: thin views over ``sources`` (reads), ``kpis`` and ``board`` (sums).

``/werk/``               my_work   adviseur, teamleider, jobcoach: own work of this week
``/werk/team/``          team      teamleider: overdue work per adviser and the KPIs
``/werk/cijfers/``       board     bestuur, teamleider: aggregates only (and ``cijfers.csv``)
``/mijn/``               portal    werkgever: own record, contact person, placements, requests

"Today" is :func:`django.utils.timezone.localdate` everywhere; see docs/dashboard.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from werkpunt.accounts.models import AuditAction, Role
from werkpunt.accounts.permissions import profile_of, role_of, role_required
from werkpunt.accounts.services import audit_record
from werkpunt.dashboard import aggregates, kpis, sources
from werkpunt.dashboard import board as board_tables
from werkpunt.dashboard.forms import SCOPE_ALL, PeriodForm, TeamPeriodForm
from werkpunt.employers.models import Municipality
from werkpunt.placements import selectors as placement_selectors

if TYPE_CHECKING:
    from werkpunt.employers.models import Request
    from werkpunt.placements.models import AfterSalesTask, Deadline, Placement

#: The default period of the team KPIs: the last 90 days up to and including today.
TEAM_DEFAULT_DAYS = 90

#: Why the portal shows the worker's name (the audit trail keeps it).
PORTAL_REASON = "Werkgeversportaal: eigen plaatsingen van de werkgever"


# --- Links to other apps' pages ----------------------------------------------------------------


#: A pk that appears nowhere else in a URL, to turn one reversed URL into a pattern.
_PK_SAMPLE = 987654321
_PK_MARK = "{pk}"


class Links:
    """Detail URLs of other apps' pages; ``None`` while such a page does not exist yet.

    The pages take the object's pk either as ``pk=`` or positionally; which one works is
    found once per URL name. Resolving a URL never queries the database.
    """

    def __init__(self) -> None:
        self._style: dict[str, str | None] = {}
        self._pattern: dict[str, str | None] = {}

    def url(self, name: str, pk: int) -> str | None:
        if name not in self._style:
            self._style[name] = None
            for candidate in ("kwargs", "args"):
                if self._reverse(name, pk, candidate) is not None:
                    self._style[name] = candidate
                    break
            self._pattern[name] = self._make_pattern(name)
        pattern = self._pattern.get(name)
        if pattern is not None:
            # One reverse() per URL name, then plain string work per row (a long list).
            return pattern.replace(_PK_MARK, str(pk))
        style = self._style[name]
        return self._reverse(name, pk, style) if style else None

    def _make_pattern(self, name: str) -> str | None:
        style = self._style[name]
        if style is None:
            return None
        url = self._reverse(name, _PK_SAMPLE, style)
        if url is None or url.count(str(_PK_SAMPLE)) != 1:
            return None
        return url.replace(str(_PK_SAMPLE), _PK_MARK)

    @staticmethod
    def _reverse(name: str, pk: int, style: str) -> str | None:
        try:
            if style == "kwargs":
                return reverse(name, kwargs={"pk": pk})
            return reverse(name, args=[pk])
        except NoReverseMatch:
            return None


def _list_url(name: str, **query: str) -> str | None:
    """A list page of another app with a query, or ``None`` while it does not exist."""
    try:
        url = reverse(name)
    except NoReverseMatch:
        return None
    return f"{url}?{urlencode(query)}" if query else url


REQUEST_DETAIL = "employers_backoffice:request_detail"
PLACEMENT_DETAIL = "placements:detail"


# --- "Mijn werk" -------------------------------------------------------------------------------


def _bucket_labels(today: dt.date) -> dict[kpis.Bucket, str]:
    until = kpis.week_end(today)
    return {
        "late": gettext("Te laat"),
        "today": gettext("Vandaag"),
        "week": gettext("Deze week (tot en met %(day)s)") % {"day": _day_text(until)},
        "later": gettext("Later"),
        "undated": gettext("Zonder datum"),
    }


def _day_text(day: dt.date) -> str:
    return str(date_format(day, "j F Y"))


_MOMENT = re.compile(r"^(\d+)([wm])$")


def moment_label(code: str) -> str:
    """``2w`` → "na 2 weken", ``6m`` → "na 6 maanden"; unknown codes as they are."""
    match = _MOMENT.match(code)
    if not match:
        return code
    number = int(match.group(1))
    if match.group(2) == "w":
        return ngettext("na %(n)d week", "na %(n)d weken", number) % {"n": number}
    return ngettext("na %(n)d maand", "na %(n)d maanden", number) % {"n": number}


def _placement_label(placement: Placement) -> str:
    """A placement without the worker's name: "Medewerker groen bij Kwekerij De Vries"."""
    return gettext("%(job)s bij %(employer)s") % {
        "job": placement.job_title,
        "employer": placement.employer.name,
    }


@dataclass
class Section:
    key: str
    title: str
    caption: str
    empty: str
    groups: list[dict[str, Any]] = field(default_factory=list)
    count: int = 0
    late: int = 0
    read_only: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


#: Rows shown per group ("te laat", "vandaag", ...) of a section unless the user asks for all.
#: A list of hundreds of rows helps nobody on a phone, and it makes the page slow.
GROUP_ROW_LIMIT = 40


def _grouped(
    rows: list[dict[str, Any]],
    buckets: list[kpis.Bucket],
    labels: dict[kpis.Bucket, str],
    *,
    limit: int | None,
) -> list[dict[str, Any]]:
    return [
        {
            "bucket": group.bucket,
            "label": labels[group.bucket],
            "rows": group.items if limit is None else group.items[:limit],
            "total": len(group.items),
            "hidden": 0 if limit is None else max(0, len(group.items) - limit),
        }
        for group in kpis.group_items(rows, buckets)
    ]


class _DateTexts:
    """Dates and moments as text, each distinct value formatted once (long lists share dates)."""

    def __init__(self) -> None:
        self._days: dict[dt.date, str] = {}
        self._moments: dict[dt.datetime, tuple[str, str]] = {}

    def day(self, day: dt.date) -> str:
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = _day_text(day)
        return text

    def moment(self, moment: dt.datetime) -> tuple[str, str]:
        """(ISO 8601, "3 december 2026, 10:00") in the current time zone."""
        found = self._moments.get(moment)
        if found is None:
            local = timezone.localtime(moment)
            found = self._moments[moment] = (
                local.isoformat(),
                str(date_format(local, "j F Y, H:i")),
            )
        return found


def _section_limit(request: HttpRequest, key: str) -> int | None:
    """No limit for the section the user asked to see whole (``?alles=<key>``)."""
    return None if request.GET.get("alles") == key else GROUP_ROW_LIMIT


def _request_section(
    found: list[Request],
    *,
    links: Links,
    now: dt.datetime,
    today: dt.date,
    labels: Any,
    limit: int | None,
    texts: _DateTexts,
) -> Section:
    tz = timezone.get_current_timezone()
    buckets = [kpis.bucket_for_moment(r.call_back_by, now=now, today=today, tz=tz) for r in found]
    rows = [
        {
            "url": links.url(REQUEST_DETAIL, r.pk),
            "organisation": r.employer.name if r.employer_id and r.employer else r.organisation,
            "name": r.name,
            "topic": r.get_topic_display(),
            "phone": r.phone,
            "email": r.email,
            "preferred": r.get_preferred_contact_display(),
            "due": r.call_back_by,
            "due_iso_text": texts.moment(r.call_back_by) if r.call_back_by else None,
        }
        for r in found
    ]
    return Section(
        key="vragen",
        title=gettext("Terugbellen"),
        caption=gettext("Vragen die u nog moet terugbellen of beantwoorden"),
        empty=gettext("U hoeft niemand terug te bellen. Er staan geen open vragen op uw naam."),
        groups=_grouped(rows, buckets, labels, limit=limit),
        count=len(rows),
        late=buckets.count("late"),
    )


def _deadline_section(
    found: list[Deadline],
    *,
    links: Links,
    today: dt.date,
    labels: Any,
    limit: int | None,
    texts: _DateTexts,
) -> Section:
    buckets = [kpis.bucket_for_day(d.due_date, today=today) for d in found]
    rows = [
        {
            "url": links.url(PLACEMENT_DETAIL, d.placement_id),
            "title": d.title,
            "placement": _placement_label(d.placement),
            "due": d.due_date,
            "due_text": texts.day(d.due_date),
            "amount_cents": d.amount_at_stake_cents,
        }
        for d in found
    ]
    at_stake = sum(d.amount_at_stake_cents or 0 for d in found)
    late_at_stake = sum(
        d.amount_at_stake_cents or 0 for d, b in zip(found, buckets, strict=True) if b == "late"
    )
    return Section(
        key="termijnen",
        title=gettext("Termijnen"),
        caption=gettext("Termijnen die u moet bewaken, met het geld dat op het spel staat"),
        empty=gettext("Er zijn deze week geen termijnen op uw naam."),
        groups=_grouped(rows, buckets, labels, limit=limit),
        count=len(rows),
        late=buckets.count("late"),
        extra={"at_stake_cents": at_stake, "late_at_stake_cents": late_at_stake},
    )


def _aftersales_section(
    found: list[AfterSalesTask],
    *,
    links: Links,
    today: dt.date,
    labels: Any,
    read_only: bool,
    limit: int | None,
    texts: _DateTexts,
) -> Section:
    buckets = [kpis.bucket_for_day(t.due_date, today=today) for t in found]
    rows = [
        {
            "url": links.url(PLACEMENT_DETAIL, t.placement_id),
            "moment": moment_label(t.moment),
            "is_check": t.is_sustainability_check,
            "placement": _placement_label(t.placement),
            "due": t.due_date,
            "due_text": texts.day(t.due_date),
            "owner": (t.owner.get_full_name() or t.owner.get_username()) if read_only else "",
        }
        for t in found
    ]
    if read_only:
        caption = gettext("Nazorg bij de plaatsingen waar u jobcoach bent")
        empty = gettext("Er is deze week geen nazorg bij uw plaatsingen.")
    else:
        caption = gettext("Nazorgmomenten die u moet doen")
        empty = gettext("U heeft deze week geen nazorgmomenten.")
    return Section(
        key="nazorg",
        title=gettext("Nazorg"),
        caption=caption,
        empty=empty,
        groups=_grouped(rows, buckets, labels, limit=limit),
        count=len(rows),
        late=buckets.count("late"),
        read_only=read_only,
    )


@never_cache
@require_safe
@role_required(Role.ADVISER, Role.TEAM_LEAD, Role.JOBCOACH)
def my_work(request: HttpRequest) -> HttpResponse:
    """Own requests, deadlines and after-sales tasks: late, today and this week.

    A fixed number of queries whatever the number of rows: one per section.
    """
    today = timezone.localdate()
    now = timezone.now()
    until = kpis.week_end(today)
    labels = _bucket_labels(today)
    links = Links()
    texts = _DateTexts()
    user = request.user
    sections: list[Section]
    if role_of(user) is Role.JOBCOACH:
        tasks = sources.aftersales_open(user=user, until=until)
        sections = [
            _aftersales_section(
                tasks,
                links=links,
                today=today,
                labels=labels,
                read_only=True,
                limit=_section_limit(request, "nazorg"),
                texts=texts,
            )
        ]
    else:
        sections = [
            _request_section(
                sources.requests_to_call_back(user=user),
                links=links,
                now=now,
                today=today,
                labels=labels,
                limit=_section_limit(request, "vragen"),
                texts=texts,
            ),
            _deadline_section(
                sources.deadlines_open(user=user, until=until),
                links=links,
                today=today,
                labels=labels,
                limit=_section_limit(request, "termijnen"),
                texts=texts,
            ),
            _aftersales_section(
                sources.aftersales_open(user=user, until=until),
                links=links,
                today=today,
                labels=labels,
                read_only=False,
                limit=_section_limit(request, "nazorg"),
                texts=texts,
            ),
        ]
    return render(
        request,
        "dashboard/my_work.html",
        {"sections": sections, "today": today, "week_end": until},
    )


# --- Team --------------------------------------------------------------------------------------


def _user_name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


@never_cache
@require_safe
@role_required(Role.TEAM_LEAD)
def team(request: HttpRequest) -> HttpResponse:
    """Overdue work per adviser and the team KPIs over a period."""
    profile = profile_of(request.user)
    assert profile is not None
    today = timezone.localdate()
    now = timezone.now()
    form = TeamPeriodForm(
        request.GET or None,
        default=(today - dt.timedelta(days=TEAM_DEFAULT_DAYS), today),
        organisation_name=profile.organisation.name,
    )
    since, until = form.period()
    all_partners = form.scope() == SCOPE_ALL
    organisation_id = None if all_partners else profile.organisation_id
    members = sources.team_members(organisation_id=organisation_id)
    owner_ids = (
        None
        if organisation_id is None
        else sources.organisation_member_ids(organisation_id=organisation_id)
    )

    overdue_requests = [
        r for r in sources.requests_overdue(now=now, owner_ids=owner_ids) if r.owner_id
    ]
    overdue_deadlines = sources.deadlines_overdue(today=today, owner_ids=owner_ids)
    overdue_tasks = sources.aftersales_overdue(today=today, owner_ids=owner_ids)
    by_owner = {
        "requests": sources.group_by_owner(overdue_requests),
        "deadlines": sources.group_by_owner(overdue_deadlines),
        "tasks": sources.group_by_owner(overdue_tasks),
    }
    owners = {user.pk: user for user in members}
    missing = {
        pk for grouped in by_owner.values() for pk in grouped if pk is not None
    } - owners.keys()
    owners.update(sources.users_by_id(missing))

    links = Links()
    rows = []
    for user in owners.values():
        requests = by_owner["requests"].get(user.pk, [])
        deadlines = by_owner["deadlines"].get(user.pk, [])
        tasks = by_owner["tasks"].get(user.pk, [])
        profile_of_user = profile_of(user)
        rows.append(
            {
                "pk": user.pk,
                "name": _user_name(user),
                "organisation": profile_of_user.organisation.name if profile_of_user else "",
                "role": profile_of_user.get_role_display() if profile_of_user else "",
                "requests": [
                    {
                        "url": links.url(REQUEST_DETAIL, r.pk),
                        "text": r.employer.name if r.employer else r.organisation,
                        "due": r.call_back_by,
                    }
                    for r in requests
                ],
                "deadlines": [
                    {
                        "url": links.url(PLACEMENT_DETAIL, d.placement_id),
                        "text": f"{d.title} — {_placement_label(d.placement)}",
                        "due": d.due_date,
                        "amount_cents": d.amount_at_stake_cents,
                    }
                    for d in deadlines
                ],
                "tasks": [
                    {
                        "url": links.url(PLACEMENT_DETAIL, t.placement_id),
                        "text": f"{moment_label(t.moment)} — {_placement_label(t.placement)}",
                        "due": t.due_date,
                    }
                    for t in tasks
                ],
                "total": len(requests) + len(deadlines) + len(tasks),
            }
        )
    rows.sort(key=lambda row: (-row["total"], row["name"].lower(), row["pk"]))

    request_figures = sources.request_kpis(since=since, until=until, owner_ids=owner_ids, now=now)
    deadline_figures = sources.deadline_kpis(
        since=since, until=until, owner_ids=owner_ids, today=today
    )
    sustainability = []
    for moment, counts in sources.sustainability_counts(since=since, until=until).items():
        recorded = sum(counts.get(str(key), 0) for key in sources.OUTCOMES)
        sustainability.append(
            {
                "moment": moment,
                "label": moment_label(moment),
                "recorded": recorded,
                "open": counts.get("open", 0),
                "outcomes": [
                    {
                        "key": str(key),
                        "label": key.label,
                        "count": counts.get(str(key), 0),
                        "share": kpis.share(counts.get(str(key), 0), recorded),
                    }
                    for key in sources.OUTCOMES
                ],
            }
        )
    return render(
        request,
        "dashboard/team.html",
        {
            "form": form,
            "since": since,
            "until": until,
            "all_partners": all_partners,
            "organisation": profile.organisation,
            "rows": rows,
            "totals": {
                "requests": len(overdue_requests),
                "deadlines": len(overdue_deadlines),
                "tasks": len(overdue_tasks),
            },
            "unassigned_overdue": sources.unassigned_overdue_count(user=request.user, now=now),
            "intake_url": _list_url("employers_backoffice:request_list", tab="intake"),
            "request_kpis": request_figures,
            "deadline_kpis": deadline_figures,
            "sustainability": sustainability,
            "matchtafels": sources.matchtafel_kpis(since=since, until=until),
            "today": today,
        },
    )


# --- Board -------------------------------------------------------------------------------------


def _board_tables(request: HttpRequest) -> tuple[PeriodForm, list[board_tables.Table]]:
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, default=(today.replace(month=1, day=1), today))
    since, until = form.period()
    figures = aggregates.board_figures(
        since=since,
        until=until,
        now=timezone.now(),
        municipality_labels=dict(Municipality.choices),
        unknown_label=gettext("Onbekend"),
        total_label=gettext("Regio Drenthe"),
    )
    moments = sources.sustainability_moments()
    tables = [
        board_tables.build_table(
            key="gemeenten",
            caption=gettext("Cijfers per gemeente (van de werkgever)"),
            heading=gettext("Gemeente"),
            rows=figures.municipalities,
            total=figures.total,
            moments=moments,
        ),
        board_tables.build_table(
            key="partners",
            caption=gettext("Cijfers per partner"),
            heading=gettext("Partner"),
            rows=figures.partners,
            total=figures.total,
            moments=moments,
        ),
    ]
    return form, tables


@never_cache
@require_safe
@role_required(Role.BOARD, Role.TEAM_LEAD)
def board(request: HttpRequest) -> HttpResponse:
    """Aggregates only: no names of workers, small cells hidden (docs/dashboard.md)."""
    form, tables = _board_tables(request)
    since, until = form.period()
    rendered = [
        {
            "key": table.key,
            "caption": table.caption,
            "heading": table.heading,
            "columns": table.columns,
            "rows": [
                {
                    "label": label,
                    "cells": [
                        {
                            "text": board_tables.cell_text(cells[c.key], c.kind),
                            "suppressed": cells[c.key].suppressed,
                        }
                        for c in table.columns
                    ],
                }
                for label, cells in table.rows
            ],
            "total": {
                "label": table.total[0],
                "cells": [
                    {
                        "text": board_tables.cell_text(table.total[1][c.key], c.kind),
                        "suppressed": table.total[1][c.key].suppressed,
                    }
                    for c in table.columns
                ],
            },
        }
        for table in tables
    ]
    query = urlencode({"van": since.isoformat(), "tot": until.isoformat()})
    return render(
        request,
        "dashboard/board.html",
        {
            "form": form,
            "since": since,
            "until": until,
            "tables": rendered,
            "csv_url": f"{reverse('dashboard:board_csv')}?{query}",
            "limit": kpis.SMALL_CELL_LIMIT,
        },
    )


def _csv_safe(value: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula."""
    return f"'{value}" if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


@never_cache
@require_safe
@role_required(Role.BOARD, Role.TEAM_LEAD)
def board_csv(request: HttpRequest) -> HttpResponse:
    """The board aggregates as CSV (semicolons, decimal comma, UTF-8 with BOM for Excel)."""
    form, tables = _board_tables(request)
    since, until = form.period()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="werkpunt-cijfers-{since.isoformat()}-{until.isoformat()}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerows([_csv_safe(value) for value in line] for line in board_tables.csv_rows(tables))
    return response


# --- Employer portal -------------------------------------------------------------------------


def _financieel_cv_url(municipality: str) -> str | None:
    """The wizard's start, with the employer's municipality filled in where the wizard knows it."""
    try:
        url = reverse("financieel_cv:start")
    except NoReverseMatch:
        return None
    if municipality in Municipality.values:
        return f"{url}?{urlencode({'municipality': municipality})}"
    return url


def _contact(employer: Any) -> dict[str, str]:
    person = employer.contact_person
    profile = profile_of(person)
    return {
        "name": _user_name(person),
        "organisation": profile.organisation.name if profile else "",
        "phone": profile.phone if profile else "",
        "email": person.email,
    }


def _portal_rows(request: HttpRequest, placements: Iterable[Placement]) -> list[dict[str, Any]]:
    rows = []
    for placement in placements:
        show_name = placement_selectors.can_see_worker_name(user=request.user, placement=placement)
        if show_name:
            audit_record(
                actor=request.user,
                action=AuditAction.VIEW,
                obj=placement.worker,
                fields=["display_name"],
                reason=PORTAL_REASON,
            )
        helpers = list(placement.helpers.all())
        rows.append(
            {
                "pk": placement.pk,
                "worker": placement.worker.display_name if show_name else "",
                "job_title": placement.job_title,
                "start_date": placement.start_date,
                "end_date": placement.end_date,
                "status": placement.get_status_display(),
                "contract": placement.get_contract_display(),
                "deadlines": list(getattr(placement, "employer_deadlines", [])),
                "helpers": helpers,
                "coordinator": next((h for h in helpers if h.is_coordinator), None),
            }
        )
    return rows


@never_cache
@require_safe
@role_required(Role.EMPLOYER)
def portal(request: HttpRequest) -> HttpResponse:
    """The employer's own overview: contact person, placements with what to do, requests."""
    employer = sources.employer_for_portal(user=request.user)
    question_url = reverse("employers:question")
    if employer is None:
        return render(
            request,
            "dashboard/portal_unlinked.html",
            {"question_url": question_url, "wsp_email": settings.WERKPUNT_WSP_EMAIL},
        )
    placements = sources.portal_placements(user=request.user)
    requests = sources.requests_of_employer(user=request.user)
    return render(
        request,
        "dashboard/portal.html",
        {
            "employer": employer,
            "contact": _contact(employer),
            "placements": _portal_rows(request, placements),
            "requests": requests,
            "question_url": question_url,
            "financieel_cv_url": _financieel_cv_url(employer.municipality),
            "municipality_label": employer.get_municipality_display(),
            "today": timezone.localdate(),
        },
    )
