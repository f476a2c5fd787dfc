"""The mails of an open day, in Dutch at B1 level: the invitation, the reminder (with an
.ics file), the confirmation when an adviser registered someone, the cancellation, and the
list of candidates to call for their adviser.

Every mail is plain text, carries a fixed ``Message-ID`` (a repeat after a crash is
recognisable) and ``Auto-Submitted: auto-generated``. A mail to a candidate names the
employer, the day, the address and the slots; never anything about support or health.
The adviser's list names candidates only by their reference (K-000123).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from werkpunt.opendays import selectors
from werkpunt.opendays.text import day_text, slot_text, where_text

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser

    from werkpunt.opendays.models import Invitation, OpenDay

#: Candidates and advisers get these mails in Dutch.
MAIL_LANGUAGE = "nl"


def message_id(kind: str, key: str) -> str:
    """A fixed Message-ID: every attempt to send the same mail carries the same one."""
    domain = urlsplit(str(settings.WERKPUNT_BASE_URL)).hostname or "werkpunt.localhost"
    return f"<werkpunt-opendag-{kind}-{key}@{domain}>"


def reminder_message_id(*, invitation: Invitation) -> str:
    """Fixed per registration: a new slot is a new reminder (a mail program would drop a
    second mail with the same Message-ID)."""
    stamp = int(invitation.registered_at.timestamp()) if invitation.registered_at else 0
    return message_id("herinnering", f"{invitation.pk}-{invitation.slot_id}-{stamp}")


def _headers(fixed_id: str | None) -> dict[str, str]:
    headers = {
        # An automatic mail: out-of-office replies are not sent back (RFC 3834).
        "Auto-Submitted": "auto-generated",
        "X-Auto-Response-Suppress": "All",
    }
    if fixed_id:
        headers["Message-ID"] = fixed_id
    return headers


def _adviser_name(invitation: Invitation) -> str:
    adviser = invitation.candidate.adviser
    if adviser is None:
        return ""
    return adviser.get_full_name() or adviser.get_username()


def _day_context(open_day: OpenDay) -> dict[str, object]:
    return {
        "employer": open_day.employer.name,
        "title": open_day.title,
        "description": open_day.description,
        "day_text": day_text(open_day.date),
        "where": where_text(open_day),
    }


def _message(
    *,
    subject: str,
    template: str,
    context: dict[str, object],
    to: str,
    fixed_id: str | None = None,
) -> EmailMessage:
    body = render_to_string(template, context)
    return EmailMessage(subject=subject, body=body, to=[to], headers=_headers(fixed_id))


def invitation_message(*, invitation: Invitation) -> EmailMessage:
    """The invitation: what, when, where, the slots, the personal link; saying no is fine."""
    open_day = invitation.open_day
    with translation.override(MAIL_LANGUAGE):
        context = {
            **_day_context(open_day),
            "name": invitation.candidate.display_name,
            "slots": [slot_text(slot) for slot in open_day.slots.order_by("starts_at", "pk")],
            "url": selectors.invitation_url(invitation=invitation),
            "adviser": _adviser_name(invitation),
        }
        subject = gettext("Uitnodiging: open dag bij %(employer)s op %(day)s") % {
            "employer": open_day.employer.name,
            "day": context["day_text"],
        }
        return _message(
            subject=subject,
            template="opendays/email/invitation.txt",
            context=context,
            to=invitation.candidate.email,
            fixed_id=message_id("uitnodiging", str(invitation.pk)),
        )


def reminder_message(*, invitation: Invitation) -> EmailMessage:
    """The reminder the day before, with the slot as an .ics file."""
    open_day = invitation.open_day
    assert invitation.slot is not None
    with translation.override(MAIL_LANGUAGE):
        context = {
            **_day_context(open_day),
            "name": invitation.candidate.display_name,
            "slot": slot_text(invitation.slot),
            "url": selectors.invitation_url(invitation=invitation),
            "adviser": _adviser_name(invitation),
        }
        subject = gettext("Herinnering: open dag bij %(employer)s, %(day)s van %(time)s") % {
            "employer": open_day.employer.name,
            "day": context["day_text"],
            "time": context["slot"],
        }
        message = _message(
            subject=subject,
            template="opendays/email/reminder.txt",
            context=context,
            to=invitation.candidate.email,
            fixed_id=reminder_message_id(invitation=invitation),
        )
        message.attach(
            "open-dag.ics",
            selectors.ics_for_invitation(invitation=invitation),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    return message


def registered_message(*, invitation: Invitation) -> EmailMessage:
    """The confirmation when an adviser registered the candidate for a slot."""
    open_day = invitation.open_day
    assert invitation.slot is not None
    with translation.override(MAIL_LANGUAGE):
        context = {
            **_day_context(open_day),
            "name": invitation.candidate.display_name,
            "slot": slot_text(invitation.slot),
            "url": selectors.invitation_url(invitation=invitation),
            "adviser": _adviser_name(invitation),
        }
        subject = gettext("U bent aangemeld: open dag bij %(employer)s") % {
            "employer": open_day.employer.name
        }
        return _message(
            subject=subject,
            template="opendays/email/registered.txt",
            context=context,
            to=invitation.candidate.email,
        )


def cancelled_message(*, invitation: Invitation) -> EmailMessage:
    """The open day does not go ahead."""
    open_day = invitation.open_day
    with translation.override(MAIL_LANGUAGE):
        context = {
            **_day_context(open_day),
            "name": invitation.candidate.display_name,
            "slot": slot_text(invitation.slot) if invitation.slot else "",
            "adviser": _adviser_name(invitation),
        }
        subject = gettext("De open dag bij %(employer)s gaat niet door") % {
            "employer": open_day.employer.name
        }
        return _message(
            subject=subject,
            template="opendays/email/cancelled.txt",
            context=context,
            to=invitation.candidate.email,
        )


def call_list_message(
    *, adviser: AbstractUser, open_day: OpenDay, references: Sequence[str]
) -> EmailMessage:
    """To a candidate's adviser: these candidates have no mail address; please call them."""
    with translation.override(MAIL_LANGUAGE):
        context = {
            **_day_context(open_day),
            "adviser": adviser.get_full_name() or adviser.get_username(),
            "references": list(references),
            "url": selectors.open_day_url(open_day=open_day),
        }
        subject = gettext("Bellen: uitnodiging voor de open dag bij %(employer)s") % {
            "employer": open_day.employer.name
        }
        return _message(
            subject=subject,
            template="opendays/email/call_list.txt",
            context=context,
            to=adviser.email,
        )
