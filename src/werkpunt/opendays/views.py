"""The back-office screens of open days (``/werk/open-dagen/``). Thin: reads through
``selectors`` (scoped by the user; an open day the user may not see is a 404), writes
through ``services``, an audit event whenever a candidate's name is shown.

``""``                                  the list: upcoming and past open days
``nieuw/?werkgever=<pk>``               plan an open day (adviseur, teamleider)
``<pk>/``                               the open day: slots, invitations, actions
``<pk>/uitnodigen/``                    invite fitting candidates (POST)
``<pk>/tijdvakken/``                    add a slot (POST)
``<pk>/tijdvakken/<id>/verwijderen/``   remove a slot (POST)
``<pk>/uitnodigingen/<id>/``            register, decline or cancel for a candidate (POST)
``<pk>/annuleren/``                     call the day off (POST)
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from werkpunt.accounts.models import AuditAction, Role
from werkpunt.accounts.permissions import role_required
from werkpunt.accounts.services import audit_record
from werkpunt.core.forms import service_errors
from werkpunt.employers.selectors import employer_search
from werkpunt.opendays import selectors, services
from werkpunt.opendays.forms import (
    CancelDayForm,
    InviteForm,
    OpenDayForm,
    SlotChoiceForm,
    SlotForm,
)
from werkpunt.opendays.models import OpenDay
from werkpunt.opendays.text import where_text

STAFF = (Role.ADVISER, Role.TEAM_LEAD, Role.JOBCOACH)
CASE = (Role.ADVISER, Role.TEAM_LEAD)


def _first_message(error: ValidationError) -> str:
    return next(iter(m for ms in service_errors(error).values() for m in ms), "")


def _get_open_day(request: HttpRequest, pk: int) -> OpenDay:
    open_day = selectors.open_day_get(user=request.user, pk=pk)
    if open_day is None:
        raise Http404
    return open_day


def _detail_url(open_day: OpenDay, anchor: str = "") -> str:
    url = reverse("opendays:detail", args=[open_day.pk])
    return f"{url}#{anchor}" if anchor else url


# --- The list ------------------------------------------------------------------------------


@role_required(*STAFF)
@require_safe
def open_day_list(request: HttpRequest) -> HttpResponse:
    upcoming, past = selectors.open_day_list(user=request.user, today=timezone.localdate())
    return render(
        request,
        "opendays/list.html",
        {
            "upcoming": upcoming,
            "past": past[:50],
            "can_create": selectors.can_manage(user=request.user),
        },
    )


# --- Plan an open day ----------------------------------------------------------------------


def _employer_id(request: HttpRequest) -> int | None:
    raw = request.GET.get("werkgever", "")
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


@role_required(*CASE)
@require_http_methods(["GET", "HEAD", "POST"])
def open_day_create(request: HttpRequest) -> HttpResponse:
    employer_id = _employer_id(request)
    if employer_id is None:
        query = request.GET.get("q", "").strip()[:100]
        found = list(employer_search(user=request.user, query=query)[:25]) if query else []
        return render(
            request, "opendays/choose_employer.html", {"query": query, "employers": found}
        )
    employer = selectors.employer_for_new_open_day(user=request.user, employer_id=employer_id)
    if employer is None:
        raise Http404
    demands = selectors.demands_for_open_day(user=request.user, employer=employer)
    choices = [(d.pk, d.title) for d in demands]
    existing = selectors.upcoming_open_day_of(employer=employer, today=timezone.localdate())
    if request.method == "POST":
        form = OpenDayForm(request.POST, demands=choices)
        if form.is_valid():
            data = form.cleaned_data
            demand = next((d for d in demands if d.pk == data.get("demand")), None)
            try:
                open_day = services.open_day_create(
                    employer=employer,
                    by=request.user,
                    title=data["title"],
                    date=data["date"],
                    address=data["address"],
                    place=data["place"],
                    description=data.get("description") or "",
                    demand=demand,
                    slots=form.slots,
                )
            except ValidationError as error:
                form.add_service_errors(service_errors(error))
            else:
                messages.success(
                    request,
                    _(
                        "De open dag is gepland. Nodig nu passende kandidaten uit met de knop "
                        "hieronder."
                    ),
                )
                return HttpResponseRedirect(_detail_url(open_day))
    else:
        form = OpenDayForm(demands=choices)
    return render(
        request,
        "opendays/create.html",
        {"form": form, "employer": employer, "existing": existing},
    )


# --- The open day --------------------------------------------------------------------------


def _slot_options(counts: list[selectors.SlotCount]) -> list[tuple[int, str]]:
    options = []
    for count in counts:
        if count.full:
            label = _("%(time)s (vol)") % {"time": count.text}
        else:
            label = _("%(time)s (nog %(left)s vrij)") % {"time": count.text, "left": count.left}
        options.append((count.slot.pk, label))
    return options


def _render_detail(
    request: HttpRequest,
    open_day: OpenDay,
    *,
    invite_form: InviteForm | None = None,
    slot_form: SlotForm | None = None,
    cancel_form: CancelDayForm | None = None,
    action_errors: dict[int, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    counts = selectors.slot_counts(open_day=open_day)
    groups = selectors.invitation_rows(user=request.user, open_day=open_day)
    to_call = selectors.to_call(rows=groups)
    for _status, _label, rows in groups:
        for row in rows:
            if row.show_name:
                audit_record(
                    actor=request.user,
                    action=AuditAction.VIEW,
                    obj=row.invitation.candidate,
                    fields=["display_name", "phone"] if row.needs_call else ["display_name"],
                    reason="open dag: uitnodigingen",
                )
    can_manage = selectors.can_manage(user=request.user)
    is_open = selectors.is_open_for_changes(open_day=open_day, today=today)
    summary: list[tuple[str, str]] = []
    for form in (invite_form, slot_form, cancel_form):
        if form is not None:
            summary.extend(form.error_summary())
    summary.extend((f"uitnodiging-{pk}", message) for pk, message in (action_errors or {}).items())
    return render(
        request,
        "opendays/detail.html",
        {
            "open_day": open_day,
            "where": where_text(open_day),
            "counts": counts,
            "capacity_total": sum(c.capacity for c in counts),
            "registered_total": sum(c.registered for c in counts),
            "groups": groups,
            "to_call": to_call,
            "slot_options": _slot_options(counts),
            "can_manage": can_manage,
            "is_open": is_open,
            "invite_form": invite_form or InviteForm(),
            "slot_form": slot_form or SlotForm(),
            "cancel_form": cancel_form or CancelDayForm(),
            "action_errors": action_errors or {},
            "error_summary": summary,
        },
        status=status,
    )


@role_required(*STAFF)
@require_safe
def open_day_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get_open_day(request, pk))


def _managed(request: HttpRequest, pk: int) -> OpenDay:
    open_day = _get_open_day(request, pk)
    if not selectors.can_manage(user=request.user):
        raise PermissionDenied
    return open_day


@role_required(*CASE)
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    open_day = _managed(request, pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            result = services.invite_fitting(
                open_day=open_day,
                by=request.user,
                limit=form.cleaned_data["limit"],
                min_score=form.cleaned_data["min_score"] / 100,
            )
        except ValidationError as error:
            form.add_service_errors(service_errors(error))
        else:
            if result.invited == 0:
                messages.info(
                    request,
                    _(
                        "Er zijn geen nieuwe passende kandidaten gevonden. Iedereen die past, "
                        "is al uitgenodigd."
                    ),
                )
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d kandidaat uitgenodigd.",
                        "%(count)d kandidaten uitgenodigd.",
                        result.invited,
                    )
                    % {"count": result.invited},
                )
            if result.without_email:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)d kandidaat heeft geen e-mailadres. De adviseur belt deze "
                        "persoon. U ziet wie het is onder ‘Nog bellen’.",
                        "%(count)d kandidaten hebben geen e-mailadres. Hun adviseur belt hen. "
                        "U ziet wie het zijn onder ‘Nog bellen’.",
                        len(result.without_email),
                    )
                    % {"count": len(result.without_email)},
                )
            if result.failed:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)d mail kon nu niet worden verstuurd. Probeer het later nog eens.",
                        "%(count)d mails konden nu niet worden verstuurd. Probeer het later "
                        "nog eens.",
                        result.failed,
                    )
                    % {"count": result.failed},
                )
            return HttpResponseRedirect(_detail_url(open_day, "uitnodigingen"))
    return _render_detail(request, open_day, invite_form=form)


@role_required(*CASE)
@require_POST
def slot_add(request: HttpRequest, pk: int) -> HttpResponse:
    open_day = _managed(request, pk)
    form = SlotForm(request.POST)
    if form.is_valid():
        starts_at, ends_at, capacity = form.slot(open_day.date)
        try:
            services.slot_add(
                open_day=open_day,
                by=request.user,
                starts_at=starts_at,
                ends_at=ends_at,
                capacity=capacity,
            )
        except ValidationError as error:
            form.add_service_errors(service_errors(error))
        else:
            messages.success(request, _("Het tijdvak is toegevoegd."))
            return HttpResponseRedirect(_detail_url(open_day, "tijdvakken"))
    return _render_detail(request, open_day, slot_form=form)


@role_required(*CASE)
@require_POST
def slot_remove(request: HttpRequest, pk: int, slot_pk: int) -> HttpResponse:
    open_day = _managed(request, pk)
    slot = open_day.slots.filter(pk=slot_pk).first()
    if slot is None:
        raise Http404
    try:
        services.slot_remove(slot=slot, by=request.user)
    except ValidationError as error:
        messages.error(request, _first_message(error))
    else:
        messages.success(request, _("Het tijdvak is verwijderd."))
    return HttpResponseRedirect(_detail_url(open_day, "tijdvakken"))


@role_required(*STAFF)
@require_POST
def invitation_action(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    """An adviser registers, moves, declines or cancels for a candidate they may name."""
    open_day = _get_open_day(request, pk)
    invitation = selectors.invitation_get(user=request.user, open_day=open_day, pk=invitation_pk)
    if invitation is None:
        raise Http404
    if not selectors.can_see_identity(user=request.user, candidate=invitation.candidate):
        raise PermissionDenied
    action = request.POST.get("actie", "")
    counts = selectors.slot_counts(open_day=open_day)
    try:
        if action == "aanmelden":
            form = SlotChoiceForm(request.POST, slots=_slot_options(counts), select=True)
            if not form.is_valid():
                return _render_detail(
                    request,
                    open_day,
                    action_errors={invitation.pk: str(form.errors["slot"][0])},
                )
            slot = next(c.slot for c in counts if c.slot.pk == form.cleaned_data["slot"])
            services.register(invitation=invitation, slot=slot, by=request.user)
            messages.success(request, _("De kandidaat is aangemeld. Hij of zij krijgt een mail."))
        elif action == "kan-niet":
            services.decline(invitation=invitation, by=request.user)
            messages.success(request, _("Vastgelegd: de kandidaat komt niet."))
        elif action == "afmelden":
            services.cancel(invitation=invitation, by=request.user)
            messages.success(request, _("De kandidaat is afgemeld. De plaats is weer vrij."))
        else:
            raise Http404
    except ValidationError as error:
        return _render_detail(
            request, open_day, action_errors={invitation.pk: _first_message(error)}
        )
    return HttpResponseRedirect(_detail_url(open_day, "uitnodigingen"))


@role_required(*CASE)
@require_POST
def open_day_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    open_day = _managed(request, pk)
    form = CancelDayForm(request.POST)
    if form.is_valid():
        try:
            mailed = services.open_day_cancel(open_day=open_day, by=request.user)
        except ValidationError as error:
            form.add_error(None, _first_message(error))
        else:
            messages.success(
                request,
                ngettext(
                    "De open dag is geannuleerd. %(count)d aangemelde persoon kreeg een mail.",
                    "De open dag is geannuleerd. %(count)d aangemelde mensen kregen een mail.",
                    mailed,
                )
                % {"count": mailed},
            )
            return HttpResponseRedirect(_detail_url(open_day))
    return _render_detail(request, open_day, cancel_form=form)
