"""The demand screens of the back office (``/werk/werkvragen/``), for advisers and teamleiders.

Thin: reads through ``selectors`` (a demand the user may not see is a 404), writes through
``services``, an audit event whenever a candidate's identity is shown. Every form works
without JavaScript (POST, then a redirect; errors show the page again with the values).

``""``                                    the list of demands
``nieuw/?werkgever=<pk>``                 a new demand, as tasks
``<pk>/``                                 the matching screen (or the sign-up list: open hiring)
``<pk>/wijzigen/``                        change the demand and its tasks
``<pk>/gewichten/``                       the weights of the six parts of the score
``<pk>/voorstellen/``                     the proposals and their outcome
``<pk>/log/``                             every decision about the demand
``<pk>/kandidaten/<c>/voorstellen/``      propose a candidate (POST)
``<pk>/kandidaten/<c>/past-niet/``        the candidate does not fit (POST)
``<pk>/aanmelden/``                       open hiring: sign up a candidate (POST)
``<pk>/aanmeldingen/<s>/afmelden/``       open hiring: take someone off the list (POST)
``voor-kandidaat/<c>/``                   the best demands for one candidate
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from werkpunt.accounts.models import AuditAction, Role
from werkpunt.accounts.permissions import role_required
from werkpunt.accounts.services import audit_record
from werkpunt.candidates.models import Candidate
from werkpunt.candidates.selectors import can_see_identity
from werkpunt.core.forms import service_errors
from werkpunt.demands import selectors, services
from werkpunt.demands.forms import (
    MORE_ROWS,
    TASK_ROWS,
    AdviserSignUpForm,
    DemandFilterForm,
    DemandForm,
    NotSuitableForm,
    ProposeForm,
    StatusForm,
    WeightsForm,
)
from werkpunt.demands.models import (
    Demand,
    MatchAction,
    MatchProposal,
    OpenHiringSignUp,
    ProposalStatus,
)
from werkpunt.matching import PARTS
from werkpunt.matching.vocab import format_number

if TYPE_CHECKING:
    from django.contrib.auth.models import User

CASE = (Role.ADVISER, Role.TEAM_LEAD)
PAGE_SIZE = 25
LOG_PAGE_SIZE = 50
IDENTITY_FIELDS = ["display_name", "email", "phone"]


def add_service_errors(form: forms.Form, error: ValidationError, *, fallback: str = "") -> None:
    """Put the service's messages next to the matching field, else at the top of the form."""
    for field, messages_ in service_errors(error).items():
        name = field if field in form.fields else (fallback or None)
        for message in messages_:
            form.add_error(name, message)


def me(request: HttpRequest) -> User:
    """The logged-in user (every view here is behind ``role_required``)."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    return user


def _demand(request: HttpRequest, pk: int) -> Demand:
    demand = selectors.demand_get(user=request.user, pk=pk)
    if demand is None:
        raise Http404
    return demand


def _candidate(request: HttpRequest, pk: int) -> Candidate:
    candidate = selectors.candidate_for_matching(user=request.user, pk=pk)
    if candidate is None:
        raise Http404
    return candidate


def _detail_url(demand: Demand, anchor: str = "") -> str:
    url = reverse("demands:detail", args=[demand.pk])
    return f"{url}#{anchor}" if anchor else url


def _audit_identities(
    request: HttpRequest, candidates: list[Candidate], shown: set[int], reason: str
) -> None:
    for candidate in candidates:
        if candidate.pk in shown:
            audit_record(
                actor=request.user,
                action=AuditAction.VIEW,
                obj=candidate,
                fields=IDENTITY_FIELDS,
                reason=reason,
            )


# --- The list ----------------------------------------------------------------------------------


@role_required(*CASE)
@require_safe
def demand_list(request: HttpRequest) -> HttpResponse:
    form = DemandFilterForm(request.GET or None)
    status, employer_id = "", None
    if form.is_bound and form.is_valid():
        status = form.cleaned_data.get("status") or ""
        employer_id = form.cleaned_data.get("werkgever")
    demands = selectors.demand_list(user=request.user, status=status, employer_id=employer_id)
    page = Paginator(demands, PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = [(d, selectors.total_hours(demand=d)) for d in page.object_list]
    kept = {key: value for key, value in request.GET.items() if key != "pagina" and value}
    return render(
        request,
        "demands/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query_prefix": urlencode(kept) + "&" if kept else "",
        },
    )


# --- Create and change -------------------------------------------------------------------------


def _employer_id(request: HttpRequest) -> int | None:
    raw = request.GET.get("werkgever", "")
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": data["title"],
        "description": data.get("description") or "",
        "place": data["place"],
        "positions": data["positions"],
        "min_hours": data.get("min_hours"),
        "days": data.get("days") or [],
        "required_licences": data.get("required_licences") or [],
        "language_min": data.get("language_min") or "geen",
        "support_offered": data.get("support_offered") or [],
        "open_hiring": bool(data.get("open_hiring")),
        "basic_requirements": data.get("basic_requirements") or "",
    }


def _more_rows(request: HttpRequest) -> DemandForm | None:
    """ "Meer taken toevoegen": the same answers with more rows, nothing checked yet."""
    if request.POST.get("actie") != "meer":
        return None
    raw = request.POST.get("rijen", "")
    rows = (int(raw) if raw.isdigit() and len(raw) < 4 else TASK_ROWS) + MORE_ROWS
    return DemandForm(initial=DemandForm.initial_from(request.POST, rows=rows), rows=rows)


@role_required(*CASE)
@require_http_methods(["GET", "POST"])
def demand_create(request: HttpRequest) -> HttpResponse:
    employer_id = _employer_id(request)
    if employer_id is None:
        return render(request, "demands/choose_employer.html")
    employer = selectors.employer_for_new_demand(user=request.user, employer_id=employer_id)
    if employer is None:
        raise Http404
    form: DemandForm
    if request.method == "POST":
        more = _more_rows(request)
        if more is not None:
            form = more
        else:
            form = DemandForm(request.POST)
            if form.is_valid():
                try:
                    demand = services.demand_create(
                        employer=employer,
                        by=me(request),
                        tasks=form.cleaned_data["tasks"],
                        **_fields(form.cleaned_data),
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(
                        request, _("De werkvraag is vastgelegd. Hieronder staat de ranglijst.")
                    )
                    return HttpResponseRedirect(_detail_url(demand))
    else:
        form = DemandForm(rows=TASK_ROWS)
    return render(
        request, "demands/form.html", {"form": form, "employer": employer, "demand": None}
    )


def _initial_of(demand: Demand) -> tuple[dict[str, Any], int]:
    tasks = list(demand.tasks.all())
    rows = max(TASK_ROWS, len(tasks) + 2)
    initial: dict[str, Any] = {
        "title": demand.title,
        "description": demand.description,
        "place": demand.place,
        "positions": demand.positions,
        "min_hours": format_number(float(demand.min_hours)) if demand.min_hours is not None else "",
        "days": list(demand.days or []),
        "required_licences": list(demand.required_licences or []),
        "language_min": demand.language_min,
        "support_offered": list(demand.support_offered or []),
        "open_hiring": demand.open_hiring,
        "basic_requirements": demand.basic_requirements,
        "rijen": rows,
    }
    for i, task in enumerate(tasks):
        initial[f"taak_{i}"] = task.task_id
        initial[f"uren_{i}"] = format_number(float(task.hours))
        initial[f"gewicht_{i}"] = f"{task.weight.normalize():f}"
    return initial, rows


@role_required(*CASE)
@require_http_methods(["GET", "POST"])
def demand_update(request: HttpRequest, pk: int) -> HttpResponse:
    demand = _demand(request, pk)
    form: DemandForm
    if request.method == "POST":
        more = _more_rows(request)
        if more is not None:
            form = more
        else:
            form = DemandForm(request.POST)
            if form.is_valid():
                try:
                    services.demand_update(
                        demand=demand,
                        by=me(request),
                        tasks=form.cleaned_data["tasks"],
                        **_fields(form.cleaned_data),
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("De werkvraag is gewijzigd."))
                    return HttpResponseRedirect(_detail_url(demand))
    else:
        initial, rows = _initial_of(demand)
        form = DemandForm(initial=initial, rows=rows)
    return render(
        request,
        "demands/form.html",
        {"form": form, "employer": demand.employer, "demand": demand},
    )


# --- The matching screen -----------------------------------------------------------------------


def _candidate_forms(
    candidate: Candidate, bound: dict[str, forms.Form]
) -> tuple[forms.Form, forms.Form]:
    propose_key = f"voorstel-{candidate.pk}"
    unsuitable_key = f"pastniet-{candidate.pk}"
    propose = bound.get(propose_key) or ProposeForm(prefix=propose_key, auto_id="%s")
    unsuitable = bound.get(unsuitable_key) or NotSuitableForm(prefix=unsuitable_key, auto_id="%s")
    return propose, unsuitable


def _ranking_context(
    request: HttpRequest, demand: Demand, bound: dict[str, forms.Form]
) -> dict[str, Any]:
    result = selectors.ranking(demand=demand)
    people = [r.candidate for r in result.rows] + [a.candidate for a in result.almost]
    shown = selectors.identity_visible_ids(user=request.user, candidates=people)
    _audit_identities(request, people, shown, "werkvraag: ranglijst")
    rows = []
    for row in result.rows:
        propose, unsuitable = _candidate_forms(row.candidate, bound)
        rows.append(
            {
                "row": row,
                "show_identity": row.candidate.pk in shown,
                "propose_form": propose,
                "unsuitable_form": unsuitable,
            }
        )
    almost = []
    for item in result.almost:
        propose, unsuitable = _candidate_forms(item.candidate, bound)
        almost.append(
            {
                "item": item,
                "show_identity": item.candidate.pk in shown,
                "propose_form": propose,
                "unsuitable_form": unsuitable,
            }
        )
    total = sum(result.weights.values()) or 1.0
    weights = [
        (str(selectors.PART_LABELS[p]), round(100 * result.weights.get(p, 0) / total))
        for p in PARTS
    ]
    return {
        "ranking": result,
        "rows": rows,
        "almost": almost,
        "weights": weights,
        "own_weights": selectors.has_own_weights(demand=demand),
    }


def _open_hiring_context(
    request: HttpRequest, demand: Demand, bound: dict[str, forms.Form]
) -> dict[str, Any]:
    listing = selectors.open_hiring_list(demand=demand)
    entries = [*listing.eligible, *listing.not_eligible]
    people = [e.sign_up.candidate for e in entries if e.sign_up.candidate is not None]
    shown = selectors.identity_visible_ids(user=request.user, candidates=people)
    _audit_identities(request, people, shown, "open hiring: aanmeldlijst")
    if any(e.sign_up.candidate is None for e in entries):
        audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            obj=demand,
            fields=["sign_ups.name", "sign_ups.email", "sign_ups.phone"],
            reason="open hiring: aanmeldlijst",
        )
    return {
        "listing": listing,
        "shown": shown,
        "sign_up_form": bound.get("aanmelden") or AdviserSignUpForm(),
        "public_url": request.build_absolute_uri(
            reverse("demands_public:sign_up", args=[demand.pk])
        ),
    }


def _render_detail(
    request: HttpRequest, demand: Demand, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    bound = bound or {}
    context: dict[str, Any] = {
        "demand": demand,
        "tasks": list(demand.tasks.all()),
        "total_hours": selectors.total_hours(demand=demand),
        "errors": [item for form in bound.values() for item in form.error_summary()],  # type: ignore[attr-defined]
    }
    if demand.open_hiring:
        context.update(_open_hiring_context(request, demand, bound))
    else:
        context.update(_ranking_context(request, demand, bound))
        if request.method in ("GET", "HEAD"):
            services.ranking_viewed(demand=demand, by=me(request))
    return render(request, "demands/detail.html", context)


@role_required(*CASE)
@require_safe
def demand_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _demand(request, pk))


def _back_to_candidate(request: HttpRequest) -> bool:
    return request.POST.get("terug") == "kandidaat"


@role_required(*CASE)
@require_POST
def propose(request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
    demand = _demand(request, pk)
    candidate = _candidate(request, candidate_pk)
    key = f"voorstel-{candidate.pk}" if not _back_to_candidate(request) else f"voorstel-{demand.pk}"
    form = ProposeForm(request.POST, prefix=key, auto_id="%s")
    if form.is_valid():
        try:
            services.proposal_create(
                demand=demand,
                candidate=candidate,
                by=me(request),
                note=form.cleaned_data.get("note") or "",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "%(reference)s is voorgesteld aan de werkgever. De werkgever ziet naam en "
                    "telefoonnummer pas als de kandidaat en de adviseur het profiel vrijgeven."
                )
                % {"reference": candidate.reference},
            )
            if _back_to_candidate(request):
                return HttpResponseRedirect(
                    reverse("demands:for_candidate", args=[candidate.pk])
                    + f"#werkvraag-{demand.pk}"
                )
            return HttpResponseRedirect(_detail_url(demand, f"kandidaat-{candidate.pk}"))
    if _back_to_candidate(request):
        return _render_for_candidate(request, candidate, {key: form})
    return _render_detail(request, demand, {key: form})


@role_required(*CASE)
@require_POST
def not_suitable(request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
    demand = _demand(request, pk)
    candidate = _candidate(request, candidate_pk)
    key = f"pastniet-{candidate.pk}"
    form = NotSuitableForm(request.POST, prefix=key, auto_id="%s")
    if form.is_valid():
        try:
            services.mark_not_suitable(
                demand=demand,
                candidate=candidate,
                by=me(request),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(reference)s staat niet meer in de ranglijst van deze werkvraag.")
                % {"reference": candidate.reference},
            )
            return HttpResponseRedirect(_detail_url(demand, "ranglijst"))
    return _render_detail(request, demand, {key: form})


# --- Weights -----------------------------------------------------------------------------------


@role_required(*CASE)
@require_http_methods(["GET", "POST"])
def weights(request: HttpRequest, pk: int) -> HttpResponse:
    demand = _demand(request, pk)
    if demand.open_hiring:
        messages.info(request, _("Bij open hiring is er geen score, dus ook geen gewichten."))
        return HttpResponseRedirect(_detail_url(demand))
    if request.method == "POST":
        if request.POST.get("actie") == "standaard":
            services.weights_set(demand=demand, weights=None, by=me(request))
            messages.success(request, _("De standaardgewichten gelden weer."))
            return HttpResponseRedirect(_detail_url(demand, "ranglijst"))
        form = WeightsForm(request.POST)
        if form.is_valid():
            try:
                services.weights_set(
                    demand=demand,
                    weights=form.cleaned_data["weights"],
                    by=me(request),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("De gewichten zijn opgeslagen. De ranglijst is opnieuw berekend.")
                )
                return HttpResponseRedirect(_detail_url(demand, "ranglijst"))
    else:
        current = selectors.form_weights(demand=demand)
        form = WeightsForm(initial={p: format_number(current[p], 2) for p in PARTS})
    return render(
        request,
        "demands/weights.html",
        {
            "demand": demand,
            "form": form,
            "own_weights": selectors.has_own_weights(demand=demand),
        },
    )


# --- Proposals and the log ---------------------------------------------------------------------


def _statuses_after(proposal: MatchProposal) -> list[str]:
    return sorted(services.NEXT_STATUSES.get(proposal.status, frozenset()), key=_status_order)


def _status_order(status: str) -> int:
    order = ["invited", "hired", "declined", "withdrawn"]
    return order.index(status) if status in order else len(order)


def _render_proposals(
    request: HttpRequest, demand: Demand, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    bound = bound or {}
    proposals = list(selectors.proposals_of_demand(user=request.user, demand=demand))
    people = [p.candidate for p in proposals]
    shown = selectors.identity_visible_ids(user=request.user, candidates=people)
    _audit_identities(request, people, shown, "werkvraag: voorstellen")
    rows = []
    for proposal in proposals:
        statuses = _statuses_after(proposal)
        key = f"status-{proposal.pk}"
        form = bound.get(key) or (
            StatusForm(prefix=key, auto_id="%s", statuses=statuses) if statuses else None
        )
        rows.append(
            {
                "proposal": proposal,
                "show_identity": proposal.candidate_id in shown,
                "tasks": selectors.task_names(task_ids=proposal.task_ids or [], demand=demand),
                "hours": selectors.covered_hours(task_ids=proposal.task_ids or [], demand=demand),
                "percent": round(100 * proposal.score),
                "released": proposal.candidate.is_released,
                "form": form,
            }
        )
    return render(
        request,
        "demands/proposals.html",
        {
            "demand": demand,
            "rows": rows,
            "errors": [item for form in bound.values() for item in form.error_summary()],  # type: ignore[attr-defined]
        },
    )


@role_required(*CASE)
@require_safe
def proposals(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_proposals(request, _demand(request, pk))


@role_required(*CASE)
@require_POST
def proposal_status(request: HttpRequest, pk: int, proposal_pk: int) -> HttpResponse:
    demand = _demand(request, pk)
    proposal = selectors.proposal_get(user=request.user, demand=demand, pk=proposal_pk)
    if proposal is None:
        raise Http404
    key = f"status-{proposal.pk}"
    form = StatusForm(request.POST, prefix=key, auto_id="%s", statuses=_statuses_after(proposal))
    if form.is_valid():
        try:
            services.proposal_set_status(
                proposal=proposal,
                status=form.cleaned_data["status"],
                by=me(request),
                note=form.cleaned_data.get("note") or "",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De uitkomst is vastgelegd."))
            url = reverse("demands:proposals", args=[demand.pk])
            return HttpResponseRedirect(f"{url}#voorstel-{proposal.pk}")
    return _render_proposals(request, demand, {key: form})


def _log_details(entry: Any) -> str:
    details = entry.details or {}
    if entry.action == MatchAction.WEIGHTS:
        if details.get("defaults") or not details.get("weights"):
            return _("Standaardgewichten")
        weights = details.get("weights") or {}
        return "; ".join(
            f"{selectors.PART_LABELS[p]} {format_number(float(weights[p]), 2)}"
            for p in PARTS
            if p in weights
        )
    if entry.action == MatchAction.PROPOSED:
        text = _("Score %(percent)s procent.") % {
            "percent": round(100 * float(details.get("score") or 0))
        }
        if not details.get("passed", True):
            text += " " + _("Voldoet niet aan een harde eis.")
        if details.get("note"):
            text += " " + _("Toelichting: %(note)s") % {"note": details["note"]}
        return text
    if entry.action in (MatchAction.STATUS, MatchAction.WITHDRAWN):
        labels = dict(ProposalStatus.choices)
        status = str(details.get("status") or "")
        text = str(labels.get(status, status))
        if details.get("note"):
            text += ". " + _("Toelichting: %(note)s") % {"note": details["note"]}
        return text
    if entry.action == MatchAction.NOT_SUITABLE:
        return _("Reden: %(reason)s") % {"reason": details.get("reason", "")}
    return ""


@role_required(*CASE)
@require_safe
def match_log(request: HttpRequest, pk: int) -> HttpResponse:
    demand = _demand(request, pk)
    entries = selectors.match_log(user=request.user, demand=demand)
    page = Paginator(entries, LOG_PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = [
        {
            "entry": entry,
            "who": (entry.by.get_full_name() or entry.by.get_username()) if entry.by else "",
            "details": _log_details(entry),
        }
        for entry in page.object_list
    ]
    return render(request, "demands/log.html", {"demand": demand, "page": page, "rows": rows})


# --- Demands for one candidate -----------------------------------------------------------------


def _render_for_candidate(
    request: HttpRequest, candidate: Candidate, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    bound = bound or {}
    found = selectors.demands_for_candidate(candidate=candidate, user=request.user)
    show_identity = can_see_identity(user=request.user, candidate=candidate)
    if show_identity:
        _audit_identities(request, [candidate], {candidate.pk}, "kandidaat: passende werkvragen")
    rows = [
        {
            "item": item,
            "form": bound.get(f"voorstel-{item.demand.pk}")
            or ProposeForm(prefix=f"voorstel-{item.demand.pk}", auto_id="%s"),
        }
        for item in found
    ]
    return render(
        request,
        "demands/for_candidate.html",
        {
            "candidate": candidate,
            "show_identity": show_identity,
            "rows": rows,
            "errors": [item for form in bound.values() for item in form.error_summary()],  # type: ignore[attr-defined]
        },
    )


@role_required(*CASE)
@require_safe
def for_candidate(request: HttpRequest, candidate_pk: int) -> HttpResponse:
    return _render_for_candidate(request, _candidate(request, candidate_pk))


# --- Open hiring (adviser) ---------------------------------------------------------------------


@role_required(*CASE)
@require_POST
def sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    demand = _demand(request, pk)
    if not demand.open_hiring:
        raise Http404
    form = AdviserSignUpForm(request.POST)
    if form.is_valid():
        candidate = selectors.candidate_by_reference(
            user=request.user, reference=form.cleaned_data["reference"]
        )
        if candidate is None:
            form.add_error(
                "reference",
                _("Er is geen kandidaat die werk zoekt met dit kenmerk. Controleer het kenmerk."),
            )
        else:
            try:
                services.open_hiring_sign_up(
                    demand=demand,
                    candidate=candidate,
                    meets_requirements=bool(form.cleaned_data["meets_requirements"]),
                    by=me(request),
                )
            except ValidationError as error:
                add_service_errors(form, error, fallback="reference")
            else:
                messages.success(
                    request,
                    _("%(reference)s staat op de lijst.") % {"reference": candidate.reference},
                )
                return HttpResponseRedirect(_detail_url(demand, "aanmeldingen"))
    return _render_detail(request, demand, {"aanmelden": form})


@role_required(*CASE)
@require_POST
def sign_up_cancel(request: HttpRequest, pk: int, sign_up_pk: int) -> HttpResponse:
    demand = _demand(request, pk)
    entry = OpenHiringSignUp.objects.filter(demand=demand, pk=sign_up_pk).first()
    if entry is None:
        raise Http404
    services.sign_up_cancel(sign_up=entry, by=me(request))
    messages.success(request, _("De aanmelding staat niet meer op de lijst."))
    return HttpResponseRedirect(_detail_url(demand, "aanmeldingen"))


__all__ = [
    "demand_create",
    "demand_detail",
    "demand_list",
    "demand_update",
    "for_candidate",
    "match_log",
    "not_suitable",
    "proposal_status",
    "proposals",
    "propose",
    "sign_up",
    "sign_up_cancel",
    "weights",
]
