"""The matchtafel screens (``/werk/matchtafels/``). Thin: reads through ``selectors`` (scoped
by the user; a matchtafel the user may not see is a 404), writes through ``services``, and an
audit event whenever a person's name is shown.

``""``                              the list: upcoming and past (adviseur, teamleider)
``nieuw/``, ``<pk>/wijzigen/``      plan or change a matchtafel
``<pk>/``                           the people, the places, the proposal and the outcomes
``<pk>/voorstel/``                  make the proposal (POST)
``<pk>/uitkomst/<candidate>/``      record the outcome for one person (form page and POST)
``<pk>/afsluiten/``                 the session took place (POST)
``<pk>/blad.pdf``                   the session sheet to print (also for participating employers)
``werkgever/``, ``werkgever/<pk>/`` read-only for an employer at the table
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from werkpunt.accounts.models import AuditAction, Role
from werkpunt.accounts.permissions import role_required
from werkpunt.accounts.services import audit_record
from werkpunt.core.forms import service_errors
from werkpunt.matchtafels import selectors, services
from werkpunt.matchtafels.forms import MatchtafelForm, OutcomeForm
from werkpunt.matchtafels.models import Matchtafel, MatchtafelOutcome, MatchtafelStatus

CASE = (Role.ADVISER, Role.TEAM_LEAD)


def _get(request: HttpRequest, pk: int) -> Matchtafel:
    matchtafel = selectors.matchtafel_get(user=request.user, pk=pk)
    if matchtafel is None:
        raise Http404
    return matchtafel


def _changeable(request: HttpRequest, pk: int) -> Matchtafel:
    matchtafel = _get(request, pk)
    if not selectors.can_change(user=request.user, matchtafel=matchtafel):
        raise PermissionDenied
    return matchtafel


def _detail_url(matchtafel: Matchtafel, anchor: str = "") -> str:
    url = reverse("matchtafels:detail", args=[matchtafel.pk])
    return f"{url}#{anchor}" if anchor else url


def _audit_names(request: HttpRequest, sheet: selectors.SessionSheet, *, reason: str) -> None:
    for candidate in sheet.shown_names:
        audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            obj=candidate,
            fields=["display_name"],
            reason=reason,
        )
    for row in sheet.missing:
        if row.worker_name:
            audit_record(
                actor=request.user,
                action=AuditAction.VIEW,
                obj=row.missing.placement,
                fields=["worker.display_name"],
                reason=reason,
            )


# --- List, plan, change --------------------------------------------------------------------


@role_required(*CASE)
@require_safe
def matchtafel_list(request: HttpRequest) -> HttpResponse:
    upcoming, past = selectors.matchtafel_list(user=request.user, today=timezone.localdate())
    return render(
        request,
        "matchtafels/list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "can_create": selectors.can_manage(user=request.user),
        },
    )


def _form(request: HttpRequest, **kwargs: Any) -> MatchtafelForm:
    return MatchtafelForm(
        request.POST if request.method == "POST" else None,
        employers=selectors.employer_choices(),
        advisers=selectors.adviser_choices(),
        **kwargs,
    )


@role_required(*CASE)
@require_http_methods(["GET", "POST"])
def matchtafel_create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = _form(request)
        if form.is_valid():
            try:
                matchtafel = services.matchtafel_create(by=request.user, **form.service_arguments())
            except ValidationError as error:
                form.add_service_errors(service_errors(error))
            else:
                messages.success(
                    request,
                    _("De matchtafel is gepland. Hieronder ziet u wie en wat er aan tafel komt."),
                )
                return HttpResponseRedirect(_detail_url(matchtafel))
    else:
        form = _form(request, initial={"min_score": 30})
    return render(request, "matchtafels/form.html", {"form": form, "matchtafel": None})


@role_required(*CASE)
@require_http_methods(["GET", "POST"])
def matchtafel_update(request: HttpRequest, pk: int) -> HttpResponse:
    matchtafel = _changeable(request, pk)
    if request.method == "POST":
        form = _form(request)
        if form.is_valid():
            try:
                services.matchtafel_update(
                    matchtafel=matchtafel, by=request.user, **form.service_arguments()
                )
            except ValidationError as error:
                form.add_service_errors(service_errors(error))
            else:
                messages.success(request, _("De wijzigingen zijn opgeslagen."))
                return HttpResponseRedirect(_detail_url(matchtafel))
    else:
        form = _form(request, initial=MatchtafelForm.initial_from(matchtafel))
    return render(request, "matchtafels/form.html", {"form": form, "matchtafel": matchtafel})


# --- The matchtafel page -------------------------------------------------------------------


def _outcome_form(
    matchtafel: Matchtafel,
    row: selectors.PersonRow,
    *,
    sheet: selectors.SessionSheet,
    data: Any = None,
) -> OutcomeForm:
    candidate = row.candidate
    demands = selectors.outcome_demand_choices(
        matchtafel=matchtafel,
        candidate=candidate,
        open_demands=[place.demand for place in sheet.places],
    )
    initial: dict[str, Any] = {}
    outcome: MatchtafelOutcome | None = row.outcome
    if outcome is not None:
        initial = {
            "kind": outcome.kind,
            "demand": str(outcome.demand_id or ""),
            "note": outcome.note,
        }
    elif row.assigned is not None:
        initial = {"demand": str(row.assigned.demand.pk)}
    ending = row.ending_placement
    if ending is not None and ending.end_date is not None:
        initial.setdefault("start_date", ending.end_date + dt.timedelta(days=1))
    hours = Decimal(candidate.hours_per_week).normalize()
    initial.setdefault("hours_per_week", f"{hours:f}".replace(".", ","))
    return OutcomeForm(data, demands=demands, initial=initial, prefix=f"p{candidate.pk}")


def _detail_context(request: HttpRequest, matchtafel: Matchtafel) -> dict[str, Any]:
    sheet = selectors.session_sheet(matchtafel=matchtafel, user=request.user)
    _audit_names(request, sheet, reason=f"matchtafel {matchtafel.pk}")
    can_change = selectors.can_change(user=request.user, matchtafel=matchtafel)
    forms: list[tuple[selectors.PersonRow, OutcomeForm]] = []
    if can_change and matchtafel.status != MatchtafelStatus.CANCELLED:
        for row in sheet.people:
            if not row.gathered and row.outcome is None:
                continue
            forms.append((row, _outcome_form(matchtafel, row, sheet=sheet)))
    return {
        "matchtafel": matchtafel,
        "sheet": sheet,
        "can_change": can_change,
        "outcome_forms": forms,
        "is_planned": matchtafel.status == MatchtafelStatus.PLANNED,
    }


@role_required(*CASE)
@require_safe
def matchtafel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    matchtafel = _get(request, pk)
    return render(request, "matchtafels/detail.html", _detail_context(request, matchtafel))


@role_required(*CASE)
@require_POST
def proposal_run(request: HttpRequest, pk: int) -> HttpResponse:
    matchtafel = _changeable(request, pk)
    try:
        pairs = services.proposal_run(matchtafel=matchtafel, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        assigned = sum(1 for p in pairs if p.kind == "assigned")
        messages.success(
            request,
            _("Het voorstel is klaar: %(count)s mensen hebben een voorgestelde plek.")
            % {"count": assigned},
        )
    return HttpResponseRedirect(_detail_url(matchtafel, "voorstel"))


@role_required(*CASE)
@require_http_methods(["GET", "POST"])
def outcome_record(request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
    matchtafel = _changeable(request, pk)
    if matchtafel.status == MatchtafelStatus.CANCELLED:
        raise Http404
    sheet = selectors.session_sheet(matchtafel=matchtafel, user=request.user)
    row = next((r for r in sheet.people if r.candidate.pk == candidate_pk), None)
    if row is None:
        raise Http404
    form = _outcome_form(
        matchtafel, row, sheet=sheet, data=request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.outcome_record(
                matchtafel=matchtafel,
                candidate=row.candidate,
                kind=data["kind"],
                demand=form.chosen_demand,
                note=data.get("note") or "",
                by=request.user,
                start_date=data.get("start_date"),
                end_date=data.get("end_date"),
                hours_per_week=data.get("hours_per_week"),
                hourly_wage_cents=form.hourly_wage_cents,
                contract=data.get("contract") or "",
                as_of=timezone.localdate(),
            )
        except ValidationError as error:
            form.add_service_errors(service_errors(error))
        else:
            messages.success(
                request,
                _("De uitkomst voor %(person)s is vastgelegd.") % {"person": row.label},
            )
            return HttpResponseRedirect(_detail_url(matchtafel, f"persoon-{row.candidate.pk}"))
    if row.show_name:
        audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            obj=row.candidate,
            fields=["display_name"],
            reason=f"uitkomst matchtafel {matchtafel.pk}",
        )
    return render(
        request,
        "matchtafels/outcome.html",
        {"matchtafel": matchtafel, "row": row, "form": form},
    )


@role_required(*CASE)
@require_POST
def matchtafel_close(request: HttpRequest, pk: int) -> HttpResponse:
    matchtafel = _changeable(request, pk)
    try:
        services.matchtafel_close(matchtafel=matchtafel, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("De matchtafel staat op ‘gehouden’. U kunt nog uitkomsten vastleggen."),
        )
    return HttpResponseRedirect(_detail_url(matchtafel))


# --- The session sheet ---------------------------------------------------------------------


@role_required(Role.ADVISER, Role.TEAM_LEAD, Role.EMPLOYER)
@require_safe
def session_sheet_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from werkpunt.financieel_cv.documents import html_to_pdf

    matchtafel = _get(request, pk)
    sheet = selectors.session_sheet(matchtafel=matchtafel, user=request.user, printed=True)
    html = render_to_string(
        "matchtafels/pdf/sheet.html",
        {"matchtafel": matchtafel, "sheet": sheet, "lang": "nl"},
        request=request,
    )
    pdf = html_to_pdf(html)
    for candidate in sheet.shown_names:
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            obj=candidate,
            fields=["display_name"],
            reason=f"sessieblad matchtafel {matchtafel.pk}",
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="matchtafel-{matchtafel.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


# --- Read-only for a participating employer ------------------------------------------------


@role_required(Role.EMPLOYER)
@require_safe
def employer_list(request: HttpRequest) -> HttpResponse:
    upcoming, past = selectors.matchtafel_list(user=request.user, today=timezone.localdate())
    return render(request, "matchtafels/employer_list.html", {"upcoming": upcoming, "past": past})


@role_required(Role.EMPLOYER)
@require_safe
def employer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    matchtafel = _get(request, pk)
    sheet = selectors.session_sheet(matchtafel=matchtafel, user=request.user)
    _audit_names(request, sheet, reason=f"matchtafel {matchtafel.pk} (werkgever)")
    return render(
        request,
        "matchtafels/employer_detail.html",
        {
            "matchtafel": matchtafel,
            "sheet": sheet,
            "own_employer": selectors.employer_of_user(user=request.user),
        },
    )
