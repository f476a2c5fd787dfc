"""Dates, times and places of an open day as people read them: "dinsdag 9 maart 2027",
"9:00 tot 10:00", "Emmen". Used by the pages, the mails and the calendar file."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from werkpunt.matching import load_places
from werkpunt.rules.i18n import format_date

if TYPE_CHECKING:
    from werkpunt.opendays.models import OpenDay, OpenDaySlot

WEEKDAYS = (
    _("maandag"),
    _("dinsdag"),
    _("woensdag"),
    _("donderdag"),
    _("vrijdag"),
    _("zaterdag"),
    _("zondag"),
)


def _lang() -> str:
    lang = (translation.get_language() or "nl").split("-")[0]
    return lang if lang in ("nl", "en") else "nl"


def day_text(day: dt.date) -> str:
    """``dinsdag 9 maart 2027``."""
    return f"{WEEKDAYS[day.weekday()]} {format_date(day, _lang())}"


def clock(moment: dt.datetime) -> str:
    """``9:00``: the local time (Europe/Amsterdam) of an aware datetime."""
    local = timezone.localtime(moment)
    return f"{local.hour}:{local.minute:02d}"


def slot_text(slot: OpenDaySlot) -> str:
    """``9:00 tot 10:00``."""
    return gettext("%(start)s tot %(end)s") % {
        "start": clock(slot.starts_at),
        "end": clock(slot.ends_at),
    }


def place_name(code: str) -> str:
    """The name of a place code of ``werkpunt.matching`` ("emmen" → "Emmen")."""
    place = load_places().get(code)
    return place.name if place is not None else code


def where_text(open_day: OpenDay) -> str:
    """``Industrieweg 4, Emmen``; the place is left out when the address already names it."""
    name = place_name(open_day.place)
    if name.lower() in open_day.address.lower():
        return open_day.address
    return f"{open_day.address}, {name}"
