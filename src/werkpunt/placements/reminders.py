"""The daily digest mail: what is due or overdue for one person, sent exactly once a day.

Three parts (docs/reminders.md has the whole story):

- :func:`digest_items_for` reads what one person has to do: open deadlines and
  after-sales moments up to a week ahead, and requests to call back by the end of
  tomorrow. Only the employer's name and the job title describe a placement; the
  mail never names the worker and never shows the situation (benefit, indication).
- :func:`digest_recipients` finds everyone who should get today's digest, with one
  query (a subquery per kind of work, not a query per person).
- :func:`digest_send` sends one person's digest for one day. A
  :class:`~werkpunt.placements.models.ReminderDigest` row per (person, day) and a row
  lock make it exactly-once when the job runs twice, a worker dies mid-run, or a
  task is delivered again.

The Celery tasks that call these live in ``placements/tasks.py``.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from werkpunt.accounts.models import STAFF_ROLES
from werkpunt.employers.models import Request
from werkpunt.employers.models import Status as RequestStatus
from werkpunt.placements.models import (
    AfterSalesTask,
    Deadline,
    DeadlineStatus,
    DigestStatus,
    Placement,
    ReminderDigest,
)
from werkpunt.rules.i18n import format_date, format_money

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AbstractUser

logger = logging.getLogger(__name__)

#: Deadlines and after-sales moments this many days ahead are in the digest.
LOOKAHEAD_DAYS = 7
#: At most this many items per group are listed; the mail says how many more there are.
MAX_ITEMS_PER_GROUP = 30
#: The language of the digest (staff work in Dutch).
DIGEST_LANGUAGE = "nl"


class ItemKind(StrEnum):
    DEADLINE = "deadline"
    AFTERSALES = "aftersales"
    REQUEST = "request"


@dataclass(frozen=True)
class DigestItem:
    """One thing to do, as the mail shows it. No worker name, no situation."""

    kind: ItemKind
    pk: int
    #: "Termijn", "Nazorg" or "Terugbellen".
    label: str
    #: What to do ("Doelgroepverklaring aanvragen", "Contact na 6 weken", ...).
    title: str
    #: Which work it is about: "werknemer bij <employer>, <job title>" or the employer.
    about: str
    due: dt.date
    #: "1 december 2026", or "1 december 2026 om 12:00" for a call-back.
    due_text: str
    url: str
    #: "€ 6.000,00" when the rules know what is lost when the deadline is missed.
    money_text: str = ""


@dataclass(frozen=True)
class DigestItems:
    """What is due for one person: overdue, and due within the week.

    Each group holds at most :data:`MAX_ITEMS_PER_GROUP` items (the earliest first); the
    counts say how many there are in all.
    """

    overdue: tuple[DigestItem, ...]
    upcoming: tuple[DigestItem, ...]
    overdue_count: int = 0
    upcoming_count: int = 0

    @property
    def count(self) -> int:
        return self.overdue_count + self.upcoming_count

    def __bool__(self) -> bool:
        return self.count > 0


class DigestOutcome(StrEnum):
    """What :func:`digest_send` did."""

    SENT = "sent"
    #: Nothing was due (any more) when it was time to send; no mail.
    EMPTY = "empty"
    #: Sent or found empty before: nothing done this time.
    ALREADY_DONE = "already_done"
    #: Another worker holds the digest right now (PostgreSQL); it sends it.
    BUSY = "busy"
    #: A digest for a day that has passed is never sent late (today's covers it).
    STALE = "stale"


# --- Reading what is due --------------------------------------------------------------------


def _absolute(path: str) -> str:
    return f"{str(settings.WERKPUNT_BASE_URL).rstrip('/')}{path}"


def _link(name: str, pk: int | None, fallback: str) -> str:
    """An absolute link to a back-office page; ``fallback`` while the URL name does not exist."""
    try:
        path = reverse(name, args=[pk] if pk is not None else [])
    except NoReverseMatch:
        path = fallback
    return _absolute(path)


def placement_link(placement_id: int) -> str:
    return _link("placements:detail", placement_id, f"/werk/plaatsingen/{placement_id}/")


def request_link(request_id: int) -> str:
    return _link("employers_backoffice:request_detail", request_id, f"/werk/vragen/{request_id}/")


def my_work_link() -> str:
    return _link("dashboard:my_work", None, "/werk/")


def placement_about(placement: Placement) -> str:
    """The placement without the worker's name: "werknemer bij Bakkerij Jansen, bakker"."""
    return gettext("werknemer bij %(employer)s, %(job)s") % {
        "employer": placement.employer.name,
        "job": placement.job_title,
    }


def aftersales_title(task: AfterSalesTask) -> str:
    """ "Contact na 6 weken", "Contact en duurzaamheidscheck na 12 maanden"."""
    unit, amount = settings.WERKPUNT_AFTERSALES_MOMENTS.get(task.moment, ("", 0))
    if unit == "weeks":
        when = ngettext("na %(n)d week", "na %(n)d weken", amount) % {"n": amount}
    elif unit == "months":
        when = ngettext("na %(n)d maand", "na %(n)d maanden", amount) % {"n": amount}
    else:
        when = task.moment
    if task.is_sustainability_check:
        return gettext("Contact en duurzaamheidscheck %(when)s") % {"when": when}
    return gettext("Contact %(when)s") % {"when": when}


def _open_deadlines(*, horizon: dt.date) -> QuerySet[Deadline]:
    return Deadline.objects.filter(status=DeadlineStatus.OPEN, due_date__lte=horizon)


def _open_aftersales(*, horizon: dt.date) -> QuerySet[AfterSalesTask]:
    return AfterSalesTask.objects.filter(done_at__isnull=True, due_date__lte=horizon)


def _local_midnight(day: dt.date) -> dt.datetime:
    """The start of ``day`` in the site's time zone (Europe/Amsterdam)."""
    return timezone.make_aware(
        dt.datetime.combine(day, dt.time.min), timezone.get_default_timezone()
    )


def _callback_before(today: dt.date) -> dt.datetime:
    """The end of tomorrow (local time): requests to call back before then are in the digest."""
    return _local_midnight(today + dt.timedelta(days=2))


def _open_requests(*, before: dt.datetime) -> QuerySet[Request]:
    # employers.selectors has no system-level read of open requests by owner yet; this
    # job reads the model directly (docs/reminders.md, "Open ends").
    return Request.objects.filter(
        owner__isnull=False, answered_at__isnull=True, call_back_by__lt=before
    ).exclude(status=RequestStatus.DONE)


def _deadline_item(deadline: Deadline, lang: str) -> DigestItem:
    cents = deadline.amount_at_stake_cents
    return DigestItem(
        kind=ItemKind.DEADLINE,
        pk=deadline.pk,
        label=gettext("Termijn"),
        title=deadline.title,
        about=placement_about(deadline.placement),
        due=deadline.due_date,
        due_text=format_date(deadline.due_date, lang),
        url=placement_link(deadline.placement_id),
        money_text=format_money(cents, lang) if cents else "",
    )


def _aftersales_item(task: AfterSalesTask, lang: str) -> DigestItem:
    return DigestItem(
        kind=ItemKind.AFTERSALES,
        pk=task.pk,
        label=gettext("Nazorg"),
        title=aftersales_title(task),
        about=placement_about(task.placement),
        due=task.due_date,
        due_text=format_date(task.due_date, lang),
        url=placement_link(task.placement_id),
    )


def _request_item(request: Request, lang: str) -> DigestItem:
    assert request.call_back_by is not None
    local = timezone.localtime(request.call_back_by)
    return DigestItem(
        kind=ItemKind.REQUEST,
        pk=request.pk,
        label=gettext("Terugbellen"),
        title=gettext("Vraag over: %(topic)s") % {"topic": request.get_topic_display()},
        about=request.employer.name if request.employer else request.organisation,
        due=local.date(),
        due_text=gettext("%(date)s om %(time)s")
        % {"date": format_date(local.date(), lang), "time": f"{local:%H:%M}"},
        url=request_link(request.pk),
    )


def digest_items_for(*, user: AbstractBaseUser, today: dt.date) -> DigestItems:
    """What ``user`` has to do on ``today``: overdue, and due within the next 7 days.

    - open deadlines they own, due on or before ``today`` + 7 days;
    - open after-sales moments they own, due on or before ``today`` + 7 days;
    - open requests they own, to call back before the end of tomorrow.

    An item is overdue when its date is before ``today``. However long the lists, at most
    :data:`MAX_ITEMS_PER_GROUP` rows per group and kind are read (plus one count per kind).
    """
    horizon = today + dt.timedelta(days=LOOKAHEAD_DAYS)
    limit = MAX_ITEMS_PER_GROUP
    lang = DIGEST_LANGUAGE
    late = Q(due_date__lt=today)
    deadlines = (
        _open_deadlines(horizon=horizon)
        .filter(owner_id=user.pk)
        .select_related("placement__employer")
        .order_by("due_date", "pk")
    )
    tasks = (
        _open_aftersales(horizon=horizon)
        .filter(owner_id=user.pk)
        .select_related("placement__employer")
        .order_by("due_date", "pk")
    )
    requests = (
        _open_requests(before=_callback_before(today))
        .filter(owner_id=user.pk)
        .select_related("employer")
        .order_by("call_back_by", "pk")
    )
    request_late = Q(call_back_by__lt=_local_midnight(today))
    overdue: list[DigestItem] = []
    upcoming: list[DigestItem] = []
    counts = {"overdue": 0, "upcoming": 0}

    def count(rows: QuerySet[Any], is_late: Q) -> None:
        totals = rows.order_by().aggregate(
            overdue=Count("pk", filter=is_late), upcoming=Count("pk", filter=~is_late)
        )
        counts["overdue"] += totals["overdue"]
        counts["upcoming"] += totals["upcoming"]

    with translation.override(lang):
        overdue.extend(_deadline_item(d, lang) for d in deadlines.filter(late)[:limit])
        upcoming.extend(_deadline_item(d, lang) for d in deadlines.exclude(late)[:limit])
        count(deadlines, late)
        overdue.extend(_aftersales_item(t, lang) for t in tasks.filter(late)[:limit])
        upcoming.extend(_aftersales_item(t, lang) for t in tasks.exclude(late)[:limit])
        count(tasks, late)
        overdue.extend(_request_item(r, lang) for r in requests.filter(request_late)[:limit])
        upcoming.extend(_request_item(r, lang) for r in requests.exclude(request_late)[:limit])
        count(requests, request_late)

    def first(items: list[DigestItem]) -> tuple[DigestItem, ...]:
        return tuple(sorted(items, key=lambda item: (item.due, item.kind, item.pk))[:limit])

    return DigestItems(
        overdue=first(overdue),
        upcoming=first(upcoming),
        overdue_count=counts["overdue"],
        upcoming_count=counts["upcoming"],
    )


def digest_recipients(*, today: dt.date) -> list[int]:
    """Ids of the people whose digest for ``today`` still has to go out, in one query.

    Active staff with a mail address who own something due (as in
    :func:`digest_items_for`) and whose digest for ``today`` is not sent or empty yet.
    """
    horizon = today + dt.timedelta(days=LOOKAHEAD_DAYS)
    finished = ReminderDigest.objects.filter(
        user=OuterRef("pk"), for_date=today, status__in=[DigestStatus.SENT, DigestStatus.EMPTY]
    )
    has_work = (
        Q(pk__in=_open_deadlines(horizon=horizon).values("owner_id"))
        | Q(pk__in=_open_aftersales(horizon=horizon).values("owner_id"))
        | Q(pk__in=_open_requests(before=_callback_before(today)).values("owner_id"))
    )
    return list(
        get_user_model()
        .objects.filter(has_work, is_active=True, profile__role__in=[str(r) for r in STAFF_ROLES])
        .exclude(email="")
        .exclude(Exists(finished))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


# --- The mail ---------------------------------------------------------------------------------


def message_id_for(digest: ReminderDigest) -> str:
    """The same Message-ID on every attempt, so a duplicate is recognisable at the SMTP side."""
    domain = urlsplit(str(settings.WERKPUNT_BASE_URL)).hostname or "werkpunt.localhost"
    return f"<werkpunt-digest-{digest.pk}-{digest.for_date:%Y%m%d}@{domain}>"


def digest_subject(items: DigestItems) -> str:
    return ngettext(
        "Werkpunt: %(count)d ding voor vandaag",
        "Werkpunt: %(count)d dingen voor vandaag",
        items.count,
    ) % {"count": items.count}


def build_digest_message(
    *, user: AbstractUser, items: DigestItems, for_date: dt.date, message_id: str
) -> EmailMultiAlternatives:
    """The digest as plain text with a simple HTML version."""
    with translation.override(DIGEST_LANGUAGE):
        context: dict[str, object] = {
            "name": user.first_name or user.get_username(),
            "date_text": format_date(for_date, DIGEST_LANGUAGE),
            "overdue": items.overdue,
            "overdue_more": items.overdue_count - len(items.overdue),
            "overdue_count": items.overdue_count,
            "upcoming": items.upcoming,
            "upcoming_more": items.upcoming_count - len(items.upcoming),
            "upcoming_count": items.upcoming_count,
            "my_work_url": my_work_link(),
        }
        subject = digest_subject(items)
        text = render_to_string("placements/email/digest.txt", context)
        html = render_to_string("placements/email/digest.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[user.email],
        headers={
            "Message-ID": message_id,
            # An automatic mail: out-of-office replies are not sent back (RFC 3834).
            "Auto-Submitted": "auto-generated",
            "X-Auto-Response-Suppress": "All",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


# --- Sending exactly once -----------------------------------------------------------------


def _claim(digest_id: int) -> ReminderDigest | None:
    """The digest row, locked for this transaction; ``None`` when another worker holds it.

    PostgreSQL: ``SELECT ... FOR UPDATE SKIP LOCKED``, so a second worker does not wait
    for a send in progress but leaves it to the first. SQLite has no row locks (Django
    leaves the clause out): the embedded default runs tasks in one process, one at a time.
    """
    rows = ReminderDigest.objects.filter(pk=digest_id)
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True)
    elif connection.features.has_select_for_update_nowait:
        rows = rows.select_for_update(nowait=True)
    else:
        rows = rows.select_for_update()
    return rows.first()


def digest_send(*, user_id: int, for_date: dt.date) -> DigestOutcome:
    """Send ``user_id``'s digest for ``for_date`` unless it went out already.

    The protocol (docs/reminders.md, "Exactly once"):

    1. get or create the (person, day) row; sent or empty: stop;
    2. claim: lock the row, count the attempt, fix the Message-ID; commit;
    3. lock the row again, read what is due, send the mail while holding the lock, and
       mark the row sent in the same transaction. Nothing due: mark it empty, no mail.

    A failure before the SMTP server accepted the mail rolls step 3 back: the row stays
    pending and the next attempt sends it. A crash (the worker killed) ends the database
    connection, so PostgreSQL rolls back and releases the lock in the same way. Only a
    crash after the server accepted the mail and before the commit can send it twice;
    the repeat carries the same Message-ID.

    Raises what the mail backend raises, so the task can retry.
    """
    if for_date < timezone.localdate():
        return DigestOutcome.STALE
    if not get_user_model().objects.filter(pk=user_id).exists():
        return DigestOutcome.EMPTY  # the account was deleted after the task was queued
    digest, _ = ReminderDigest.objects.get_or_create(user_id=user_id, for_date=for_date)
    if digest.status != DigestStatus.PENDING:
        return DigestOutcome.ALREADY_DONE

    # 2. Claim: count the attempt (also one that dies later) and fix the Message-ID.
    with transaction.atomic():
        claimed = _claim(digest.pk)
        if claimed is None:
            return DigestOutcome.BUSY
        if claimed.status != DigestStatus.PENDING:
            return DigestOutcome.ALREADY_DONE
        ReminderDigest.objects.filter(pk=claimed.pk).update(
            attempts=F("attempts") + 1, message_id=claimed.message_id or message_id_for(claimed)
        )

    # 3. Send and record, under the lock.
    with transaction.atomic():
        locked = _claim(digest.pk)
        if locked is None:
            return DigestOutcome.BUSY
        if locked.status != DigestStatus.PENDING:
            return DigestOutcome.ALREADY_DONE
        user = get_user_model().objects.filter(pk=user_id).select_related("profile").first()
        items = (
            digest_items_for(user=user, today=for_date)
            if user is not None and user.is_active and user.email
            else DigestItems(overdue=(), upcoming=())
        )
        if user is None or not items:
            locked.status = DigestStatus.EMPTY
            locked.item_count = 0
            locked.save(update_fields=["status", "item_count"])
            return DigestOutcome.EMPTY
        message = build_digest_message(
            user=user, items=items, for_date=for_date, message_id=locked.message_id
        )
        message.send(fail_silently=False)
        # From here until the commit returns, a crash means a second mail (same Message-ID).
        locked.status = DigestStatus.SENT
        locked.sent_at = timezone.now()
        locked.item_count = items.count
        locked.save(update_fields=["status", "sent_at", "item_count"])
    logger.info(
        "Overzichtsmail %s verstuurd (%s dingen, poging %s)",
        locked.message_id,
        items.count,
        locked.attempts,
    )
    return DigestOutcome.SENT
