"""The adviser's placement screens (``/werk/plaatsingen/``). Thin: reads through ``selectors``
(scoped by the user; a placement the user may not see is a 404), writes through
``services``, and an audit event for every view of the worker's personal data.

``""``                                    the list (filters, pages)
``nieuw/?werkgever=<pk>``                 register a placement (adviseur, teamleider)
``<pk>/``                                 the placement page: timeline, people, instruments
``<pk>/wijzigen/``, ``<pk>/stoppen/``     change hours/wage/end date; the worker stopped
``<pk>/wissen/``                          erase the worker's data on request (teamleider)
``<pk>/termijnen/<id>/gedaan|niet-nodig/`` record a deadline (POST)
``<pk>/nazorg/<id>/``                     record a contact moment (POST)
``<pk>/betrokkenen/...``                  add, remove, choose the coordinator (POST)
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from werkpunt.accounts.models import AuditAction, Role
from werkpunt.accounts.permissions import role_required
from werkpunt.accounts.services import audit_record
from werkpunt.core.forms import service_errors
from werkpunt.financieel_cv.questions import prefill
from werkpunt.placements import selectors, services
from werkpunt.placements.forms import (
    FLAG_FIELDS,
    AfterSalesForm,
    EndForm,
    EraseForm,
    HelperForm,
    NotNeededForm,
    PlacementFilterForm,
    PlacementForm,
    UpdateForm,
)
from werkpunt.placements.models import (
    AfterSalesTask,
    ContractKind,
    Deadline,
    DeadlineStatus,
    Helper,
    Placement,
    PlacementStatus,
)
from werkpunt.placements.situations import EXTRA_FIELDS
from werkpunt.rules import instrument_name

STAFF = (Role.ADVISER, Role.TEAM_LEAD, Role.JOBCOACH)
CASE = (Role.ADVISER, Role.TEAM_LEAD)
PAGE_SIZE = 25


def _get_placement(request: HttpRequest, pk: int) -> Placement:
    placement = selectors.placement_get(user=request.user, pk=pk)
    if placement is None:
        raise Http404
    return placement


def _changeable(request: HttpRequest, pk: int) -> Placement:
    placement = _get_placement(request, pk)
    if not selectors.can_change_placement(user=request.user, placement=placement):
        raise PermissionDenied
    return placement


def _detail_url(placement: Placement, anchor: str = "") -> str:
    url = reverse("placements:detail", args=[placement.pk])
    return f"{url}#{anchor}" if anchor else url


# --- The list ------------------------------------------------------------------------------


@role_required(*STAFF)
@require_safe
def placement_list(request: HttpRequest) -> HttpResponse:
    form = PlacementFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()
        data = getattr(form, "cleaned_data", {})
        filters = {
            "status": data.get("status") or "",
            "employer_query": data.get("q") or "",
            "employer_id": data.get("werkgever"),
            "mine": bool(data.get("mine")),
        }
    placements = selectors.placement_list(user=request.user, **filters)
    page = Paginator(placements, PAGE_SIZE).get_page(request.GET.get("pagina"))
    named = selectors.involved_placement_ids(
        user=request.user, placement_ids=[p.pk for p in page.object_list]
    )
    rows = [(placement, placement.pk in named) for placement in page.object_list]
    for placement, show_name in rows:
        if show_name:
            audit_record(
                actor=request.user,
                action=AuditAction.VIEW,
                obj=placement,
                fields=["worker.display_name"],
                reason="lijst van plaatsingen",
            )
    kept = {key: value for key, value in request.GET.items() if key != "pagina" and value}
    return render(
        request,
        "placements/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query_prefix": urlencode(kept) + "&" if kept else "",
            "can_create": selectors.can_create_placement(user=request.user),
        },
    )


# --- Register a placement ------------------------------------------------------------------

#: Financieel CV answers (a prefill link) → the form's initial values.
_CONTRACTS = {"fixed_term": ContractKind.FIXED, "open_ended": ContractKind.OPEN_ENDED}


def _initial_from_link(query: Any) -> dict[str, Any]:
    answers = prefill(query)
    initial: dict[str, Any] = {}
    renames = {"birth_date": "worker_birth_date", "municipality": "worker_municipality"}
    for field, value in answers.items():
        if field in FLAG_FIELDS:
            if value == "true":
                initial.setdefault("indications", []).append(field)
        elif field == "contract":
            initial["contract"] = _CONTRACTS.get(value, "")
        else:
            initial[renames.get(field, field)] = value
    # From a hired match proposal (demands): the job title of the demand.
    title = str(query.get("functie", "")).strip()
    if title:
        initial["job_title"] = title[:200]
    return initial


def _employer_id(request: HttpRequest) -> int | None:
    raw = request.GET.get("werkgever", "")
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


@role_required(*CASE)
@require_http_methods(["GET", "POST"])
def placement_create(request: HttpRequest) -> HttpResponse:
    employer_id = _employer_id(request)
    if employer_id is None:
        return render(request, "placements/choose_employer.html")
    employer = selectors.employer_for_new_placement(user=request.user, employer_id=employer_id)
    if employer is None:
        raise Http404
    if request.method == "POST":
        form = PlacementForm(request.POST)
        saving = request.POST.get("actie") != "bereken"
        if form.is_valid() and saving and form.check_instruments_apply():
            data = form.cleaned_data
            try:
                placement = services.placement_create(
                    employer=employer,
                    worker_name=data["worker_name"],
                    worker_birth_date=data["worker_birth_date"],
                    worker_municipality=data.get("worker_municipality") or "",
                    consent_recorded=bool(data["consent_recorded"]),
                    job_title=data["job_title"],
                    start_date=data["start_date"],
                    end_date=data.get("end_date"),
                    hours_per_week=data["hours_per_week"],
                    hourly_wage_cents=form.hourly_wage_cents,
                    contract=data["contract"],
                    situation=form.situation_answers(),
                    instruments=data.get("instruments") or [],
                    created_by=request.user,
                    as_of=timezone.localdate(),
                )
            except ValidationError as error:
                form.add_service_errors(service_errors(error))
            else:
                messages.success(
                    request,
                    _("De plaatsing is vastgelegd. De termijnen en de nazorg staan hieronder."),
                )
                return HttpResponseRedirect(_detail_url(placement))
    else:
        form = PlacementForm(initial=_initial_from_link(request.GET))
    return render(
        request,
        "placements/create.html",
        {"form": form, "employer": employer, "applying": form.applying},
    )


# --- The placement page --------------------------------------------------------------------

SITUATION_LABELS = {
    "benefit": gettext_lazy("Uitkering voor de start"),
    "benefit_weeks": gettext_lazy("Weken met een uitkering"),
    "indications": gettext_lazy("Wat geldt"),
    "bbl_student": gettext_lazy("Bbl-opleiding bij deze werkgever"),
    "employed_by_employer_last_6_months": gettext_lazy(
        "Werkte al bij deze werkgever in de 6 maanden voor de start"
    ),
    "loonwaarde_percentage": gettext_lazy("Gemeten loonwaarde"),
    "cao_hourly_wage": gettext_lazy("Uurloon volgens de cao"),
    "fulltime_hours_per_week": gettext_lazy("Uren van een volledige werkweek"),
}


def _situation_rows(placement: Placement) -> list[tuple[str, str]]:
    form = PlacementForm()
    situation = placement.situation or {}
    rows: list[tuple[str, str]] = []
    benefit = dict(form.fields["benefit"].choices)  # type: ignore[attr-defined]
    flags = dict(form.fields["indications"].choices)  # type: ignore[attr-defined]
    yes, no = _("ja"), _("nee")
    for name in EXTRA_FIELDS:
        if name in FLAG_FIELDS:
            continue
        value = situation.get(name)
        if value is None or value == "":
            continue
        if name == "benefit":
            text = str(benefit.get(value, value))
        elif isinstance(value, bool):
            text = str(yes if value else no)
        elif name == "loonwaarde_percentage":
            text = f"{value}%".replace(".", ",")
        elif name == "cao_hourly_wage":
            text = f"€ {value}".replace(".", ",")
        else:
            text = str(value).replace(".", ",")
        rows.append((str(SITUATION_LABELS[name]), text))
    chosen = [str(flags[f]) for f in FLAG_FIELDS if situation.get(f) in (True, "true")]
    rows.insert(
        1 if rows else 0,
        (str(SITUATION_LABELS["indications"]), "; ".join(chosen) or str(_("niets van deze lijst"))),
    )
    return rows


def _detail_context(
    request: HttpRequest,
    placement: Placement,
    *,
    bound: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What the placement page shows; ``bound`` holds a form that came back with errors."""
    bound = bound or {}
    user = request.user
    show_name = selectors.can_see_worker_name(user=user, placement=placement)
    show_situation = selectors.can_see_situation(user=user, placement=placement)
    can_change = selectors.can_change_placement(user=user, placement=placement)
    timeline = []
    for item in selectors.placement_timeline(placement=placement):
        form: Any = None
        if can_change and item.deadline is not None and item.deadline.status == DeadlineStatus.OPEN:
            key = f"termijn-{item.deadline.pk}"
            form = bound.get(key) or NotNeededForm(prefix=key, auto_id="%s")
        elif can_change and item.task is not None and item.task.done_at is None:
            key = f"nazorg-{item.task.pk}"
            form = bound.get(key) or AfterSalesForm(
                prefix=key, auto_id="%s", check=item.task.is_sustainability_check
            )
        timeline.append({"item": item, "form": form})
    helpers = list(selectors.helpers_of(placement=placement))
    coordinator = next((h for h in helpers if h.is_coordinator), None)
    contact = placement.employer.contact_person
    errors: list[tuple[str, str]] = []
    for form in bound.values():
        errors.extend(form.error_summary())
    fields: list[str] = []
    if show_name:
        fields += ["worker.display_name", "aftersales.notes", "aftersales.sustainability"]
    if show_situation:
        fields += ["worker.birth_date", "worker.municipality", "situation"]
    if fields and placement.worker.anonymised_at is None:
        audit_record(
            actor=user,
            action=AuditAction.VIEW,
            obj=placement,
            fields=fields,
            reason="plaatsing bekijken",
        )
    return {
        "placement": placement,
        "worker": placement.worker,
        "show_name": show_name,
        "show_situation": show_situation,
        "can_change": can_change,
        "can_erase": selectors.can_erase_worker(user=user)
        and placement.worker.anonymised_at is None,
        "timeline": timeline,
        "helpers": helpers,
        "coordinator": coordinator,
        "contact": contact,
        "contact_phone": getattr(getattr(contact, "profile", None), "phone", ""),
        "helper_form": bound.get("betrokkene")
        or (HelperForm(user_choices=selectors.helper_user_choices()) if can_change else None),
        "table": selectors.instrument_table(placement=placement, as_of=timezone.localdate()),
        "chosen_names": [instrument_name(code) for code in placement.instruments or []],
        "situation_rows": _situation_rows(placement) if show_situation else [],
        "errors": errors,
        "today": timezone.localdate(),
    }


def _render_detail(
    request: HttpRequest, placement: Placement, bound: dict[str, Any] | None = None
) -> HttpResponse:
    status = 400 if bound else 200
    return render(
        request,
        "placements/detail.html",
        _detail_context(request, placement, bound=bound),
        status=status,
    )


@role_required(*STAFF)
@require_safe
def placement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get_placement(request, pk))


@role_required(*CASE)
@require_POST
def deadline_done(request: HttpRequest, pk: int, deadline_pk: int) -> HttpResponse:
    placement = _changeable(request, pk)
    deadline = Deadline.objects.filter(placement=placement, pk=deadline_pk).first()
    if deadline is None:
        raise Http404
    try:
        services.deadline_complete(deadline=deadline, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De termijn staat op gedaan."))
    return HttpResponseRedirect(_detail_url(placement, f"termijn-{deadline.pk}"))


@role_required(*CASE)
@require_POST
def deadline_not_needed(request: HttpRequest, pk: int, deadline_pk: int) -> HttpResponse:
    placement = _changeable(request, pk)
    deadline = Deadline.objects.filter(placement=placement, pk=deadline_pk).first()
    if deadline is None:
        raise Http404
    key = f"termijn-{deadline.pk}"
    form = NotNeededForm(request.POST, prefix=key, auto_id="%s")
    if form.is_valid():
        try:
            services.deadline_mark_not_needed(
                deadline=deadline, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            for field, errors in service_errors(error).items():
                for message in errors:
                    form.add_error("reason" if field == "reason" else None, message)
        else:
            messages.success(request, _("De termijn staat op niet nodig."))
            return HttpResponseRedirect(_detail_url(placement, key))
    return _render_detail(request, placement, {key: form})


@role_required(*CASE)
@require_POST
def aftersales_complete(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    placement = _changeable(request, pk)
    task = AfterSalesTask.objects.filter(placement=placement, pk=task_pk).first()
    if task is None:
        raise Http404
    key = f"nazorg-{task.pk}"
    form = AfterSalesForm(
        request.POST, prefix=key, auto_id="%s", check=task.is_sustainability_check
    )
    if form.is_valid():
        try:
            services.aftersales_task_complete(
                task=task,
                by=request.user,
                notes=form.cleaned_data.get("notes", ""),
                sustainability=form.cleaned_data.get("sustainability", ""),
            )
        except ValidationError as error:
            for field, errors in service_errors(error).items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("Het nazorgmoment is vastgelegd."))
            return HttpResponseRedirect(_detail_url(placement, key))
    return _render_detail(request, placement, {key: form})


@role_required(*CASE)
@require_POST
def helper_add(request: HttpRequest, pk: int) -> HttpResponse:
    placement = _changeable(request, pk)
    form = HelperForm(request.POST, user_choices=selectors.helper_user_choices())
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.helper_add(
                placement=placement,
                role=data["role"],
                name=data["name"],
                organisation_name=data.get("organisation_name", ""),
                phone=data.get("phone", ""),
                email=data.get("email", ""),
                user=data.get("user"),
                is_coordinator=bool(data.get("is_coordinator")),
                by=request.user,
            )
        except ValidationError as error:
            for field, errors in service_errors(error).items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("De betrokkene is toegevoegd."))
            return HttpResponseRedirect(_detail_url(placement, "betrokkenen"))
    return _render_detail(request, placement, {"betrokkene": form})


def _helper(placement: Placement, helper_pk: int) -> Helper:
    helper = Helper.objects.filter(placement=placement, pk=helper_pk).first()
    if helper is None:
        raise Http404
    return helper


@role_required(*CASE)
@require_POST
def helper_remove(request: HttpRequest, pk: int, helper_pk: int) -> HttpResponse:
    placement = _changeable(request, pk)
    services.helper_remove(helper=_helper(placement, helper_pk), by=request.user)
    messages.success(request, _("De betrokkene is verwijderd."))
    return HttpResponseRedirect(_detail_url(placement, "betrokkenen"))


@role_required(*CASE)
@require_POST
def helper_coordinator(request: HttpRequest, pk: int, helper_pk: int) -> HttpResponse:
    placement = _changeable(request, pk)
    services.helper_set_coordinator(helper=_helper(placement, helper_pk), by=request.user)
    messages.success(request, _("De coördinator is gekozen."))
    return HttpResponseRedirect(_detail_url(placement, "betrokkenen"))


# --- Change, end, erase --------------------------------------------------------------------


@role_required(*CASE)
@require_http_methods(["GET", "POST"])
def placement_update(request: HttpRequest, pk: int) -> HttpResponse:
    placement = _changeable(request, pk)
    if placement.worker.anonymised_at is not None:
        raise Http404
    if request.method == "POST":
        form = UpdateForm(request.POST)
        if form.is_valid():
            try:
                services.placement_update(
                    placement=placement,
                    hours_per_week=form.cleaned_data["hours_per_week"],
                    hourly_wage_cents=form.hourly_wage_cents,
                    end_date=form.cleaned_data.get("end_date"),
                    by=request.user,
                )
            except ValidationError as error:
                for field, errors in service_errors(error).items():
                    name = "hourly_wage" if field == "hourly_wage_cents" else field
                    for message in errors:
                        form.add_error(name if name in form.fields else None, message)
            else:
                messages.success(
                    request, _("De plaatsing is gewijzigd. De termijnen zijn opnieuw berekend.")
                )
                return HttpResponseRedirect(_detail_url(placement))
    else:
        form = UpdateForm(
            initial={
                "hours_per_week": str(placement.hours_per_week).replace(".", ","),
                "hourly_wage": f"{placement.hourly_wage_cents // 100},{placement.hourly_wage_cents % 100:02d}",
                "end_date": placement.end_date,
            }
        )
    return render(request, "placements/update.html", {"placement": placement, "form": form})


@role_required(*CASE)
@require_http_methods(["GET", "POST"])
def placement_end(request: HttpRequest, pk: int) -> HttpResponse:
    placement = _changeable(request, pk)
    if placement.status == PlacementStatus.ENDED:
        messages.info(request, _("Deze plaatsing is al gestopt."))
        return HttpResponseRedirect(_detail_url(placement))
    if request.method == "POST":
        form = EndForm(request.POST)
        if form.is_valid():
            try:
                services.placement_end(
                    placement=placement, ended_on=form.cleaned_data["ended_on"], by=request.user
                )
            except ValidationError as error:
                for field, errors in service_errors(error).items():
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(request, _("De plaatsing is gestopt."))
                return HttpResponseRedirect(_detail_url(placement))
    else:
        form = EndForm(initial={"ended_on": timezone.localdate()})
    return render(request, "placements/end.html", {"placement": placement, "form": form})


@role_required(Role.TEAM_LEAD)
@require_http_methods(["GET", "POST"])
def worker_erase(request: HttpRequest, pk: int) -> HttpResponse:
    placement = _get_placement(request, pk)
    if placement.worker.anonymised_at is not None:
        messages.info(request, _("De gegevens van deze werknemer zijn al gewist."))
        return HttpResponseRedirect(_detail_url(placement))
    if request.method == "POST":
        form = EraseForm(request.POST)
        if form.is_valid():
            try:
                services.worker_erase(
                    worker=placement.worker, by=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                for field, errors in service_errors(error).items():
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(request, _("De gegevens van de werknemer zijn gewist."))
                return HttpResponseRedirect(_detail_url(placement))
    else:
        form = EraseForm()
    others = (
        Placement.objects.filter(worker_id=placement.worker_id).exclude(pk=placement.pk).count()
    )
    return render(
        request,
        "placements/erase.html",
        {"placement": placement, "form": form, "other_placements": others},
    )


__all__ = [
    "aftersales_complete",
    "deadline_done",
    "deadline_not_needed",
    "helper_add",
    "helper_coordinator",
    "helper_remove",
    "placement_create",
    "placement_detail",
    "placement_end",
    "placement_list",
    "placement_update",
    "worker_erase",
]
