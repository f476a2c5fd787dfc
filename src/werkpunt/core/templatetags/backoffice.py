"""The navigation of the back office and the employer portal, by role."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

# (url name, label, roles that see it). Names that do not resolve are left out.
_ITEMS: tuple[tuple[str, Any, frozenset[str]], ...] = (
    ("dashboard:my_work", _("Mijn werk"), frozenset({"adviseur", "teamleider", "jobcoach"})),
    ("employers_backoffice:employer_list", _("Werkgevers"), frozenset({"adviseur", "teamleider"})),
    ("employers_backoffice:request_list", _("Vragen"), frozenset({"adviseur", "teamleider"})),
    ("placements:list", _("Plaatsingen"), frozenset({"adviseur", "teamleider", "jobcoach"})),
    ("candidates:list", _("Kandidaten"), frozenset({"adviseur", "teamleider", "jobcoach"})),
    ("demands:list", _("Werkvragen"), frozenset({"adviseur", "teamleider"})),
    ("matchtafels:list", _("Matchtafels"), frozenset({"adviseur", "teamleider"})),
    ("opendays:list", _("Open dagen"), frozenset({"adviseur", "teamleider"})),
    ("dashboard:team", _("Team"), frozenset({"teamleider"})),
    ("law_signals:list", _("Knelpunten"), frozenset({"adviseur", "teamleider", "bestuur"})),
    ("dashboard:board", _("Cijfers"), frozenset({"bestuur", "teamleider"})),
    ("calendar_feed:manage", _("Agenda"), frozenset({"adviseur", "teamleider", "jobcoach"})),
    ("accounts:audit_log", _("Auditlog"), frozenset({"beheerder"})),
    ("accounts:user_list", _("Gebruikers"), frozenset({"beheerder"})),
    ("dashboard:portal", _("Mijn overzicht"), frozenset({"werkgever"})),
    ("demands_portal:list", _("Mijn werkvragen"), frozenset({"werkgever"})),
    ("opendays_portal:list", _("Mijn open dag"), frozenset({"werkgever"})),
    ("matchtafels:employer_list", _("Matchtafels"), frozenset({"werkgever"})),
    (
        "accounts:security",
        _("Inloggen en beveiliging"),
        frozenset(
            {
                "adviseur",
                "teamleider",
                "jobcoach",
                "redacteur",
                "beheerder",
                "bestuur",
                "werkgever",
            }
        ),
    ),
)


@register.simple_tag(takes_context=True)
def backoffice_nav(context: template.Context) -> list[dict[str, Any]]:
    """Menu items for the logged-in user's role, the current one marked."""
    request = context.get("request")
    user = getattr(request, "user", None)
    profile = getattr(user, "profile", None) if user is not None and user.is_authenticated else None
    if profile is None:
        return []
    items = []
    for name, label, roles in _ITEMS:
        if profile.role not in roles:
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        current = request is not None and (
            request.path == url or (url.count("/") > 2 and request.path.startswith(url))
        )
        items.append({"url": url, "title": label, "current": current})
    return items
