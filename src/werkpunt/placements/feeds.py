"""The personal calendar feed: a person's open deadlines and after-sales moments as .ics.

``/agenda/<token>.ics`` needs no login, because calendar apps cannot log in; the secret
link is the key. The link has two parts:

- a *selector* (random, 24 characters), stored in ``Profile.calendar_token``;
- a *check* (32 characters), an HMAC of the selector with ``SECRET_KEY``; never stored.

The feed looks the profile up by the selector and compares the check in constant time.
A copy of the database alone therefore gives no working link, an empty or revoked
token never matches, and the page ``/agenda/`` can show the link again at any time.
A new link replaces the old one (the old stops working); revoking empties the field.

What is in the feed: "Termijn: <what> — <employer>" and "Nazorg: <moment> — <employer>",
all-day, with a link into the back office. No worker name, no health or benefit data,
so reading the feed is not audited (docs/reminders.md, "The calendar feed").
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from werkpunt.accounts.models import STAFF_ROLES, Profile
from werkpunt.accounts.permissions import role_required
from werkpunt.placements.models import AfterSalesTask, Deadline, DeadlineStatus
from werkpunt.placements.reminders import aftersales_title, placement_link

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AbstractUser

#: Length of the stored part of the link (``secrets.token_urlsafe(18)``).
SELECTOR_LENGTH = 24
#: Length of the check part (hex characters of an HMAC-SHA256).
CHECK_LENGTH = 32
TOKEN_LENGTH = SELECTOR_LENGTH + CHECK_LENGTH
#: At most this many events of each kind (the oldest open ones first).
MAX_EVENTS_PER_KIND = 1000
#: Calendar apps may keep the feed this long (seconds) before asking again.
FEED_MAX_AGE = 300

_HMAC_SALT = "werkpunt.placements.feeds.calendar_token"


# --- The token ------------------------------------------------------------------------------


def _check_part(selector: str) -> str:
    return salted_hmac(_HMAC_SALT, selector, algorithm="sha256").hexdigest()[:CHECK_LENGTH]


def _token(selector: str) -> str:
    return f"{selector}{_check_part(selector)}"


def calendar_token_create(*, user: AbstractBaseUser) -> str:
    """Make a new feed link for ``user`` and return its token; an earlier link stops working.

    Raises ``Profile.DoesNotExist`` for a user without a profile.
    """
    selector = secrets.token_urlsafe(18)
    assert len(selector) == SELECTOR_LENGTH
    updated = Profile.objects.filter(user_id=user.pk).update(calendar_token=selector)
    if not updated:
        raise Profile.DoesNotExist
    return _token(selector)


def calendar_token_revoke(*, user: AbstractBaseUser) -> None:
    """Stop ``user``'s feed link. Nothing happens when there is none."""
    Profile.objects.filter(user_id=user.pk).update(calendar_token="")


def calendar_feed_token(*, user: AbstractBaseUser) -> str | None:
    """The token of ``user``'s current feed link, or ``None`` when there is none."""
    profile = Profile.objects.filter(user_id=user.pk).only("calendar_token").first()
    if profile is None or not profile.calendar_token:
        return None
    return _token(profile.calendar_token)


def calendar_feed_url(*, token: str) -> str:
    """The absolute https (or http) address of the feed with ``token``."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("calendar_feed:feed", kwargs={"token": token})
    return f"{str(settings.WERKPUNT_BASE_URL).rstrip('/')}{path}"


def calendar_feed_user(*, token: str) -> AbstractUser | None:
    """The active staff member whose feed link this is, or ``None``."""
    if len(token) != TOKEN_LENGTH:
        return None
    selector, check = token[:SELECTOR_LENGTH], token[SELECTOR_LENGTH:]
    if not selector.strip():
        return None
    profile = Profile.objects.select_related("user").filter(calendar_token=selector).first()
    if profile is None or not constant_time_compare(_check_part(selector), check):
        return None
    user = profile.user
    if not user.is_active or profile.role not in STAFF_ROLES:
        return None
    return user


# --- The calendar -----------------------------------------------------------------------


def _uid(kind: str, pk: int) -> str:
    domain = urlsplit(str(settings.WERKPUNT_BASE_URL)).hostname or "werkpunt.localhost"
    return f"werkpunt-{kind}-{pk}@{domain}"


def calendar_feed_ics(*, user: AbstractUser, now: dt.datetime | None = None) -> bytes:
    """The open deadlines and after-sales moments ``user`` owns, as all-day events."""
    from icalendar import Calendar, Event

    stamp = (now or timezone.now()).astimezone(dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//Werkpunt//Agenda//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", gettext("Werkpunt: mijn termijnen"))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("x-published-ttl", "PT1H")

    def add(uid: str, day: dt.date, summary: str, url: str) -> None:
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", summary)
        event.add("description", gettext("Bekijk het in Werkpunt: %(url)s") % {"url": url})
        event.add("url", url)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)

    deadlines = (
        Deadline.objects.filter(owner_id=user.pk, status=DeadlineStatus.OPEN)
        .select_related("placement__employer")
        .order_by("due_date", "pk")[:MAX_EVENTS_PER_KIND]
    )
    for deadline in deadlines:
        add(
            _uid("termijn", deadline.pk),
            deadline.due_date,
            gettext("Termijn: %(what)s — %(employer)s")
            % {"what": deadline.title, "employer": deadline.placement.employer.name},
            placement_link(deadline.placement_id),
        )
    tasks = (
        AfterSalesTask.objects.filter(owner_id=user.pk, done_at__isnull=True)
        .select_related("placement__employer")
        .order_by("due_date", "pk")[:MAX_EVENTS_PER_KIND]
    )
    for task in tasks:
        add(
            _uid("nazorg", task.pk),
            task.due_date,
            gettext("Nazorg: %(what)s — %(employer)s")
            % {"what": aftersales_title(task), "employer": task.placement.employer.name},
            placement_link(task.placement_id),
        )
    return bytes(calendar.to_ical())


# --- Views ------------------------------------------------------------------------------


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """``GET /agenda/<token>.ics``: no login; an unknown, revoked or empty token is a 404."""
    user = calendar_feed_user(token=token)
    if user is None:
        raise Http404
    response = HttpResponse(
        calendar_feed_ics(user=user), content_type="text/calendar; charset=utf-8"
    )
    # Calendar apps ask again and again; a short private cache, never a shared one.
    response["Cache-Control"] = f"private, max-age={FEED_MAX_AGE}"
    response["Content-Disposition"] = 'inline; filename="werkpunt.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@role_required(*STAFF_ROLES)
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def manage(request: HttpRequest) -> HttpResponse | HttpResponseRedirect:
    """``/agenda/``: see the own feed link, make a new one, or stop it (Post/Redirect/Get)."""
    user = request.user
    if not user.is_authenticated:  # role_required let only logged-in users through
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "create":
            calendar_token_create(user=user)
            messages.success(
                request,
                gettext(
                    "Uw nieuwe agendalink staat hieronder. Een oude link werkt niet meer. "
                    "Zet de nieuwe link in uw agenda."
                ),
            )
        elif action == "revoke":
            calendar_token_revoke(user=user)
            messages.success(
                request,
                gettext("Uw agendalink is gestopt. Uw agenda krijgt geen nieuwe termijnen meer."),
            )
        return redirect("calendar_feed:manage")
    token = calendar_feed_token(user=user)
    url = calendar_feed_url(token=token) if token else ""
    return render(
        request,
        "placements/calendar_feed/manage.html",
        {
            "feed_url": url,
            "webcal_url": "webcal://" + url.split("://", 1)[1] if url else "",
        },
    )
