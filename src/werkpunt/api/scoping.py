"""Which objects a user may see through the API: the selectors of the screens.

The API does not have rules of its own. Employers and requests come from
``employers.selectors`` (advisers and teamleiders all, a werkgever only its own, others
none), placements from ``placements.selectors`` (advisers and teamleiders all, a jobcoach
own placements, a werkgever its own), and deadlines are those of the visible placements.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from werkpunt.employers.selectors import employer_search, employers_visible_to, requests_visible_to
from werkpunt.placements.models import Deadline
from werkpunt.placements.selectors import placements_visible_to

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.db.models import QuerySet

__all__ = [
    "deadlines_visible_to",
    "employer_search",
    "employers_visible_to",
    "placements_visible_to",
    "requests_visible_to",
]


def deadlines_visible_to(*, user: User | AnonymousUser) -> QuerySet[Deadline]:
    """The deadlines of the placements ``user`` may see."""
    placements = placements_visible_to(user=user).order_by().values("pk")
    return Deadline.objects.select_related("owner", "placement").filter(placement__in=placements)
