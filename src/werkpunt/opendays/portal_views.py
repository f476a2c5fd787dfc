"""The employer portal's open-day pages (``/mijn/open-dagen/``): the employer's own open
days, the slots with how many are coming, and who: by name only when the candidate turned
both keys (``candidate.is_released``), else the reference (K-000123). Never a score."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from werkpunt.accounts.models import AuditAction, Role
from werkpunt.accounts.permissions import role_required
from werkpunt.accounts.services import audit_record
from werkpunt.opendays import selectors
from werkpunt.opendays.text import where_text


@role_required(Role.EMPLOYER)
@require_safe
def portal_list(request: HttpRequest) -> HttpResponse:
    upcoming, past = selectors.open_day_list(user=request.user, today=timezone.localdate())
    return render(request, "opendays/portal/list.html", {"upcoming": upcoming, "past": past})


@role_required(Role.EMPLOYER)
@require_safe
def portal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    open_day = selectors.open_day_get(user=request.user, pk=pk)
    if open_day is None:
        raise Http404
    slots = selectors.portal_slots(user=request.user, open_day=open_day)
    for portal_slot in slots:
        for candidate, _label in portal_slot.people:
            if candidate.is_released:
                audit_record(
                    actor=request.user,
                    action=AuditAction.VIEW,
                    obj=candidate,
                    fields=["display_name"],
                    reason="open dag: wie komt (werkgever)",
                )
    counts = selectors.invitation_counts(open_day=open_day)
    return render(
        request,
        "opendays/portal/detail.html",
        {
            "open_day": open_day,
            "where": where_text(open_day),
            "slots": slots,
            "counts": counts,
            "registered_total": sum(s.count.registered for s in slots),
            "capacity_total": sum(s.count.capacity for s in slots),
        },
    )
