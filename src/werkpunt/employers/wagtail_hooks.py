"""The CMS (``/cms/``): a read-only list of requests, so the WSP sees the questions today.

"Vragen van werkgevers" in the CMS menu: a list with filters by status, topic and
municipality, and a page per request. Nobody can add, change or delete requests here;
step 3 adds owners, deadlines and status changes.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks  # type: ignore[import-untyped, unused-ignore]
from wagtail.admin.viewsets.model import (  # type: ignore[import-untyped, unused-ignore]
    ModelViewSet,
)
from wagtail.permission_policies import (  # type: ignore[import-untyped, unused-ignore]
    ModelPermissionPolicy,
)
from wagtail.permissions import (  # type: ignore[import-untyped, unused-ignore]
    register_permission_policy,
)

from werkpunt.employers.mails import CMS_NAMESPACE
from werkpunt.employers.models import Request

#: The only action the CMS allows on requests.
READ_ACTIONS = frozenset({"view"})


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):  # type: ignore[misc]
    """Django's ``view_request`` permission (or superuser) to look; nothing else, for anyone."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action in READ_ACTIONS and bool(super().user_has_permission(user, action))

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        return self.user_has_permission(user, action)


# Registered before any view asks for the model's policy (see wagtail.permissions).
register_permission_policy(Request, ReadOnlyPermissionPolicy(Request))


class RequestViewSet(ModelViewSet):  # type: ignore[misc]
    model = Request
    name = CMS_NAMESPACE
    url_prefix = "vragen"
    icon = "help"
    menu_label = _("Vragen van werkgevers")
    menu_order = 150
    add_to_admin_menu = True
    list_display = ("organisation", "name", "topic", "municipality", "created_at", "status")
    list_filter = ("status", "topic", "municipality")
    list_per_page = 50
    ordering = ("-created_at",)
    inspect_view_enabled = True
    inspect_view_fields = (
        "created_at",
        "status",
        "name",
        "organisation",
        "email",
        "phone",
        "municipality",
        "topic",
        "message",
        "preferred_contact",
        "page_url",
        "consent",
        "source",
        "language",
        "wsp_mailed_at",
        "confirmation_mailed_at",
    )
    copy_view_enabled = False
    form_fields = ("status",)  # needed to build the viewset; editing is never allowed


@hooks.register("register_admin_viewset")  # type: ignore[untyped-decorator, unused-ignore]
def register_request_viewset() -> RequestViewSet:
    return RequestViewSet()
