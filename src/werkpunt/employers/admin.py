"""The Django admin (``/beheer/``, technical management): requests, read-only but the status.

The work on requests happens in the back office (``/werk/vragen/``); see
``docs/backoffice-employers.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.http import HttpRequest

from werkpunt.employers.models import Request

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Request]
else:  # ModelAdmin is generic only in django-stubs
    _ModelAdmin = admin.ModelAdmin


@admin.register(Request)
class RequestAdmin(_ModelAdmin):
    list_display = (
        "created_at",
        "organisation",
        "name",
        "topic",
        "municipality",
        "preferred_contact",
        "status",
    )
    list_filter = ("status", "topic", "municipality", "preferred_contact", "language")
    search_fields = ("organisation", "name", "email")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)
    fields = (
        "status",
        "created_at",
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
        "employer",
        "owner",
        "registered_by",
        "call_back_by",
        "answer",
        "answered_at",
        "escalated_at",
        "wsp_mailed_at",
        "confirmation_mailed_at",
    )
    readonly_fields = tuple(name for name in fields if name != "status")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Requests come in through the form on the site (services.request_create).
        return False
