"""Reads of the employers app, always scoped by who asks."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, PermissionsMixin
from django.db.models import QuerySet

from werkpunt.employers.models import Request, Status

#: The permission that lets someone read requests (Django's automatic "view" permission).
VIEW_PERMISSION = "employers.view_request"


def _can_view(user: AbstractBaseUser | AnonymousUser) -> bool:
    return isinstance(user, PermissionsMixin) and user.is_active and user.has_perm(VIEW_PERMISSION)


def request_list_recent(
    *, user: AbstractBaseUser | AnonymousUser, limit: int = 20, status: str | None = None
) -> QuerySet[Request]:
    """The newest requests first, at most ``limit``; nothing for someone who may not see them."""
    if limit < 1 or not _can_view(user):
        return Request.objects.none()
    requests = Request.objects.all()
    if status is not None:
        requests = requests.filter(status=status)
    return requests.order_by("-created_at", "-pk")[:limit]


def request_count_open(*, user: AbstractBaseUser | AnonymousUser) -> int:
    """How many requests are not finished yet (new or in progress)."""
    if not _can_view(user):
        return 0
    return Request.objects.exclude(status=Status.DONE).count()


def request_get(*, user: AbstractBaseUser | AnonymousUser, request_id: int) -> Request | None:
    """One request, or ``None`` when it does not exist or the user may not see it."""
    if not _can_view(user):
        return None
    return Request.objects.filter(pk=request_id).first()
