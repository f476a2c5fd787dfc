"""Views of the web foundation: thin, the work is in ``register.py`` and ``werkpunt.rules``.

The home page is a Wagtail page (``werkpunt.content.models.HomePage``) served at ``/``.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from werkpunt.core.page_cache import mark_public
from werkpunt.core.register import register_groups
from werkpunt.rules import default_parameters
from werkpunt.rules.i18n import LANGUAGES, format_date

logger = logging.getLogger(__name__)


def today() -> dt.date:
    """Today in the Netherlands (``TIME_ZONE``); one place, so tests can fix the day."""
    return timezone.localdate()


def rules_language() -> str:
    """The active Django language as one of the languages of ``werkpunt.rules``."""
    code = (get_language() or "nl").split("-")[0]
    return code if code in LANGUAGES else "nl"


@require_safe
def rules_register(request: HttpRequest) -> HttpResponse:
    day = today()
    lang = rules_language()
    groups = register_groups(default_parameters(), today=day, lang=lang)
    response = render(
        request,
        "core/rules_register.html",
        {
            "groups": groups,
            "today": day,
            "today_text": format_date(day, lang),
            "parameter_count": sum(len(group.rows) for group in groups),
            "provisional_count": sum(row.provisional for group in groups for row in group.rows),
        },
    )
    return mark_public(response)


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: is the app up and can it reach its database?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Gezondheidscontrole: de database antwoordt niet")
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


#: Set on the request of a 404: the page has no counterpart in another language.
NOT_FOUND_ATTRIBUTE = "werkpunt_not_found"


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 404 view (``404.html``), marking the request so that the language
    switch offers the home page instead of the same missing path in the other
    language (Wagtail's catch-all URL pattern matches every path)."""
    setattr(request, NOT_FOUND_ATTRIBUTE, True)
    return defaults.page_not_found(request, exception)
