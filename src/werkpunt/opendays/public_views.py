"""The candidate's own page (``/open-dag/<token>/``): no login, the secret link is the key.

The page shows the day, the address, the description and the slots with places left; the
candidate registers for a slot, moves to another, says they cannot come, or cancels. After
registering there is a calendar file (``agenda.ics``). The page never shows the
candidate's name (a forwarded link gives nothing away), is never cached or indexed, and
works without JavaScript (plain forms, Post/Redirect/Get).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from werkpunt.core.forms import service_errors
from werkpunt.opendays import selectors, services
from werkpunt.opendays.forms import SlotChoiceForm
from werkpunt.opendays.models import Invitation, InvitationStatus, OpenDayStatus
from werkpunt.opendays.text import day_text, slot_text, where_text

NOINDEX = "noindex, nofollow"


def _invitation(token: str) -> Invitation:
    invitation = selectors.invitation_by_token(token=token)
    if invitation is None:
        raise Http404
    return invitation


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = NOINDEX
    return response


def _render(
    request: HttpRequest,
    invitation: Invitation,
    form: SlotChoiceForm | None = None,
    errors: list[str] | None = None,
) -> HttpResponse:
    open_day = invitation.open_day
    counts = selectors.slot_counts(open_day=open_day)
    options = [(c.slot.pk, c.text) for c in counts]
    if form is None:
        initial: dict[str, Any] = {}
        if invitation.status == InvitationStatus.REGISTERED and invitation.slot_id:
            initial["slot"] = invitation.slot_id
        form = SlotChoiceForm(slots=options, initial=initial, prefix=None)
    chosen = str(form["slot"].value() or "")
    now = timezone.now()
    slots = [
        {
            "count": count,
            "id": f"{form['slot'].auto_id}_{index}",
            "checked": str(count.slot.pk) == chosen,
            # A full slot cannot be chosen, except the one the candidate already has.
            "disabled": (count.full and count.slot.pk != invitation.slot_id)
            or count.slot.starts_at <= now,
            "started": count.slot.starts_at <= now,
            "own": count.slot.pk == invitation.slot_id
            and invitation.status == InvitationStatus.REGISTERED,
        }
        for index, count in enumerate(counts)
    ]
    open_for_changes = selectors.is_open_for_changes(open_day=open_day, today=timezone.localdate())
    response = render(
        request,
        "opendays/public/invitation.html",
        {
            "invitation": invitation,
            "open_day": open_day,
            "day_text": day_text(open_day.date),
            "where": where_text(open_day),
            "slots": slots,
            "form": form,
            "registered": invitation.status == InvitationStatus.REGISTERED,
            "slot_text": slot_text(invitation.slot) if invitation.slot else "",
            "open_for_changes": open_for_changes,
            "cancelled": open_day.status == OpenDayStatus.CANCELLED,
            "statuses": InvitationStatus,
            "error_summary": [*form.error_summary(), *(("", e) for e in errors or [])],
        },
    )
    return _private(response)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = _invitation(token)
    if request.method != "POST":
        return _render(request, found)
    action = request.POST.get("actie", "")
    counts = selectors.slot_counts(open_day=found.open_day)
    form = SlotChoiceForm(request.POST, slots=[(c.slot.pk, c.text) for c in counts])
    try:
        if action == "aanmelden":
            if not form.is_valid():
                return _render(request, found, form)
            slot = next(c.slot for c in counts if c.slot.pk == form.cleaned_data["slot"])
            services.register(invitation=found, slot=slot)
            anchor = "bevestiging"
        elif action == "kan-niet":
            services.decline(invitation=found)
            anchor = "status"
        elif action == "afmelden":
            services.cancel(invitation=found)
            anchor = "status"
        else:
            return _render(request, found)
    except ValidationError as error:
        problems = service_errors(error)
        if action == "aanmelden":
            form.add_service_errors(problems)
            return _render(request, found, form)
        return _render(request, found, errors=[m for ms in problems.values() for m in ms])
    url = reverse("opendays_public:invitation", kwargs={"token": found.token})
    return _private(HttpResponseRedirect(f"{url}#{anchor}"))


@never_cache
@require_safe
def invitation_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The registered slot as a calendar file; 404 while not registered."""
    found = _invitation(token)
    if found.status != InvitationStatus.REGISTERED or found.slot is None:
        raise Http404
    response = HttpResponse(
        selectors.ics_for_invitation(invitation=found), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="open-dag.ics"'
    return _private(response)
