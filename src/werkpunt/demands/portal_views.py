"""The employer's own demands in the portal (``/mijn/werkvragen/``).

An employer user sees the demands of its own employer. Of the proposals only those whose
candidate is released at this moment (both keys turned, not withdrawn): then with name, mail
and phone, the tasks they would do and the adviser to call. Every time identity is shown,
an audit event is written. Open-hiring demands show the sign-up list in order.

``""``                          the demands, the proposals, the sign-up lists
``voorstellen/<pk>/``           POST: "uitgenodigd" or "niet aangenomen"
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from werkpunt.accounts.models import AuditAction, Role
from werkpunt.accounts.permissions import role_required
from werkpunt.accounts.services import audit_record
from werkpunt.demands import selectors, services
from werkpunt.demands.models import ProposalStatus
from werkpunt.demands.views import me

IDENTITY_FIELDS = ["display_name", "email", "phone"]


@role_required(Role.EMPLOYER)
@require_safe
def portal_list(request: HttpRequest) -> HttpResponse:
    items = selectors.portal_demands(user=request.user)
    blocks: list[dict[str, Any]] = []
    for item in items:
        proposals = []
        for proposal in item.proposals:
            candidate = proposal.candidate
            audit_record(
                actor=request.user,
                action=AuditAction.VIEW,
                obj=candidate,
                fields=IDENTITY_FIELDS,
                reason="portaal: voorstel voor werkvraag",
            )
            adviser = selectors.adviser_to_call(proposal=proposal)
            proposals.append(
                {
                    "proposal": proposal,
                    "candidate": candidate,
                    "tasks": selectors.task_names(
                        task_ids=proposal.task_ids or [], demand=item.demand
                    ),
                    "hours": selectors.covered_hours(
                        task_ids=proposal.task_ids or [], demand=item.demand
                    ),
                    "adviser": adviser,
                    "adviser_phone": getattr(getattr(adviser, "profile", None), "phone", ""),
                    "can_invite": proposal.status == ProposalStatus.PROPOSED,
                    "can_decline": proposal.status
                    in (ProposalStatus.PROPOSED, ProposalStatus.INVITED),
                }
            )
        sign_ups = []
        if item.sign_ups is not None:
            self_signed = False
            for row in item.sign_ups.eligible:
                person = row.sign_up.candidate
                named = person is None or person.is_released
                if person is None:
                    self_signed = True
                elif named:
                    audit_record(
                        actor=request.user,
                        action=AuditAction.VIEW,
                        obj=person,
                        fields=IDENTITY_FIELDS,
                        reason="portaal: aanmeldlijst open hiring",
                    )
                sign_ups.append({"row": row, "candidate": person, "named": named})
            if self_signed:
                audit_record(
                    actor=request.user,
                    action=AuditAction.VIEW,
                    obj=item.demand,
                    fields=["sign_ups.name", "sign_ups.email", "sign_ups.phone"],
                    reason="portaal: aanmeldlijst open hiring",
                )
        blocks.append(
            {
                "demand": item.demand,
                "tasks": list(item.demand.tasks.all()),
                "total_hours": selectors.total_hours(demand=item.demand),
                "proposals": proposals,
                "sign_ups": sign_ups,
                "public_url": request.build_absolute_uri(
                    reverse("demands_public:sign_up", args=[item.demand.pk])
                )
                if item.demand.open_hiring
                else "",
            }
        )
    return render(request, "demands/portal/list.html", {"blocks": blocks})


@role_required(Role.EMPLOYER)
@require_POST
def portal_proposal_status(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.employer_proposal_get(user=request.user, pk=pk)
    if proposal is None:
        raise Http404
    status = request.POST.get("status", "")
    if status not in selectors.EMPLOYER_STATUSES:
        messages.error(request, _("Kies ‘Uitgenodigd’ of ‘Niet aangenomen’."))
    else:
        try:
            services.proposal_set_status(
                proposal=proposal,
                status=status,
                by=me(request),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Vastgelegd. De adviseur ziet het ook.")
                if status == ProposalStatus.INVITED
                else _("Vastgelegd: niet aangenomen. De adviseur ziet het ook."),
            )
    url = reverse("demands_portal:list")
    return HttpResponseRedirect(f"{url}#voorstel-{proposal.pk}")
