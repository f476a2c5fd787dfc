"""The candidate screens (``/werk/kandidaten/``) and the candidate's own consent page
(``/toestemming/<token>/``). Thin: reads through ``selectors`` (scoped by the user; a profile
the user may not see is a 404), writes through ``services``, and an audit event for every
screen that shows who someone is.

``""``                              the list (filters, pages of 25)
``nieuw/``                          a new profile; ``nieuw/?werknemer=<pk>`` from a placement's worker
``<pk>/``                           the profile: work profile, identity (own organisation), consent
``<pk>/wijzigen/``                  change the profile
``<pk>/toestemming/...``            the two keys, withdrawal, the personal link (POST)
``<pk>/stoppen/``, ``<pk>/weer-actief/``  looking for work or not (POST)
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from werkpunt.accounts.models import AuditAction, Role
from werkpunt.accounts.permissions import role_required
from werkpunt.accounts.services import audit_record
from werkpunt.candidates import selectors, services
from werkpunt.candidates.forms import (
    EDUCATION_LABELS,
    LANGUAGE_LABELS,
    SUPPORT_LABELS,
    CandidateForm,
    ConsentGiveForm,
    ConsentWithdrawForm,
    FilterForm,
)
from werkpunt.candidates.models import Candidate, ConsentVia, PhysicalLoad, TravelMode
from werkpunt.core.forms import service_errors
from werkpunt.matching.vocab import DAY_NAMES, DAYS, SECTOR_LABELS, format_number

STAFF = (Role.ADVISER, Role.TEAM_LEAD, Role.JOBCOACH)
CASE = (Role.ADVISER, Role.TEAM_LEAD)
PAGE_SIZE = 25
#: How many tasks the list shows per profile.
TOP_TASKS = 3


def _get(request: HttpRequest, pk: int) -> Candidate:
    candidate = selectors.candidate_get(user=request.user, pk=pk)
    if candidate is None:
        raise Http404
    return candidate


def _changeable(request: HttpRequest, pk: int) -> Candidate:
    candidate = _get(request, pk)
    if not selectors.can_change_candidate(user=request.user, candidate=candidate):
        raise PermissionDenied
    return candidate


def _detail_url(candidate: Candidate, anchor: str = "") -> str:
    url = reverse("candidates:detail", args=[candidate.pk])
    return f"{url}#{anchor}" if anchor else url


def _hours(value: Any) -> str:
    return _("%(hours)s uur per week") % {"hours": format_number(float(value))}


def consent_state_text(*, candidate: Candidate) -> str:
    """The consent state in words (never by colour alone)."""
    state = selectors.consent_state(candidate=candidate)
    texts = {
        selectors.ConsentState.RELEASED: _("Vrijgegeven: beide sleutels zijn om"),
        selectors.ConsentState.WAITS_FOR_ADVISER: _(
            "Kandidaat gaf toestemming; wacht op vrijgave door de adviseur"
        ),
        selectors.ConsentState.WAITS_FOR_CANDIDATE: _(
            "Adviseur gaf vrij; wacht op toestemming van de kandidaat"
        ),
        selectors.ConsentState.WITHDRAWN: _("Toestemming ingetrokken"),
        selectors.ConsentState.NONE: _("Nog geen toestemming"),
    }
    return str(texts[state])


def match_url(*, candidate: Candidate) -> str:
    """The page "Zoek passend werk" of the demands app, or "" while it does not exist."""
    try:
        return reverse("demands:for_candidate", args=[candidate.pk])
    except NoReverseMatch:
        return ""


# --- The list ------------------------------------------------------------------------------


@role_required(*STAFF)
@require_safe
def candidate_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "place": data.get("plaats") or "",
            "task": data.get("taak") or "",
            "sector": data.get("sector") or "",
            "mine": bool(data.get("mine")),
            "include_inactive": bool(data.get("gestopt")),
        }
    candidates = selectors.candidate_list(user=request.user, **filters)
    page = Paginator(candidates, PAGE_SIZE).get_page(request.GET.get("pagina"))
    task_names = selectors.task_names()
    place_names = selectors.place_names()
    rows = []
    for candidate in page.object_list:
        tasks = list(candidate.tasks or [])
        rows.append(
            {
                "candidate": candidate,
                "place": place_names.get(candidate.home_place, candidate.home_place),
                "hours": _hours(candidate.hours_per_week),
                "tasks": selectors.names_of(tasks[:TOP_TASKS], task_names),
                "more_tasks": max(0, len(tasks) - TOP_TASKS),
                "completeness": selectors.completeness(candidate=candidate),
                "consent": consent_state_text(candidate=candidate),
            }
        )
    kept = {key: value for key, value in request.GET.items() if key != "pagina" and value}
    return render(
        request,
        "candidates/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query_prefix": urlencode(kept) + "&" if kept else "",
            "can_create": selectors.can_create_candidate(user=request.user),
        },
    )


# --- Create and change -----------------------------------------------------------------------


def _worker_id(request: HttpRequest) -> int | None:
    raw = request.GET.get("werknemer", "")
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


def _profile_initial(candidate: Candidate) -> dict[str, Any]:
    initial: dict[str, Any] = {
        name: getattr(candidate, name)
        for name in (*selectors.IDENTITY_FIELDS, *selectors.PROFILE_FIELDS)
    }
    initial["adviser"] = candidate.adviser_id
    for name in ("hours_per_week", "experience_years"):
        value = initial.get(name)
        initial[name] = "" if value is None else format_number(float(value))
    return initial


def _render_form(
    request: HttpRequest,
    form: CandidateForm,
    *,
    candidate: Candidate | None = None,
    worker: Any = None,
) -> HttpResponse:
    return render(
        request,
        "candidates/form.html",
        {"form": form, "candidate": candidate, "worker": worker},
    )


@role_required(*CASE)
@require_http_methods(["GET", "POST"])
def candidate_create(request: HttpRequest) -> HttpResponse:
    organisation_id = request.user.profile.organisation_id  # type: ignore[union-attr]
    worker = None
    worker_id = _worker_id(request)
    if "werknemer" in request.GET:
        worker = (
            selectors.worker_for_new_profile(user=request.user, worker_id=worker_id)
            if worker_id is not None
            else None
        )
        if worker is None:
            raise Http404
        existing = Candidate.objects.filter(worker=worker).first()
        if existing is not None:
            messages.info(request, _("Deze werknemer heeft al een profiel."))
            return HttpResponseRedirect(_detail_url(existing))
    if request.method == "POST":
        form = CandidateForm(request.POST, organisation_id=organisation_id)
        if form.is_valid():
            fields = form.service_fields()
            try:
                if worker is not None:
                    candidate = services.candidate_create_from_worker(
                        worker=worker, by=request.user, **fields
                    )
                else:
                    candidate = services.candidate_create(by=request.user, **fields)
            except ValidationError as error:
                form.add_service_errors(service_errors(error))
            else:
                messages.success(
                    request,
                    _("Het profiel is opgeslagen met kenmerk %(reference)s.")
                    % {"reference": candidate.reference},
                )
                return HttpResponseRedirect(_detail_url(candidate))
        else:
            form.check_rules()
    else:
        initial: dict[str, Any] = {"adviser": request.user.pk}
        if worker is not None:
            initial.update(selectors.worker_profile_defaults(worker=worker))
            if "hours_per_week" in initial:
                initial["hours_per_week"] = format_number(float(initial["hours_per_week"]))
        form = CandidateForm(initial=initial, organisation_id=organisation_id)
    return _render_form(request, form, worker=worker)


@role_required(*CASE)
@require_http_methods(["GET", "POST"])
def candidate_update(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = _changeable(request, pk)
    options = {
        "organisation_id": candidate.organisation_id,
        "current_adviser_id": candidate.adviser_id,
    }
    if request.method == "POST":
        form = CandidateForm(request.POST, **options)
        if form.is_valid():
            try:
                services.candidate_update(
                    candidate=candidate, by=request.user, **form.service_fields()
                )
            except ValidationError as error:
                form.add_service_errors(service_errors(error))
            else:
                messages.success(request, _("Het profiel is opgeslagen."))
                return HttpResponseRedirect(_detail_url(candidate))
        else:
            form.check_rules()
    else:
        form = CandidateForm(initial=_profile_initial(candidate), **options)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=candidate,
        fields=list(selectors.IDENTITY_FIELDS),
        reason="kandidaat wijzigen",
    )
    return _render_form(request, form, candidate=candidate)


# --- The profile page ------------------------------------------------------------------------


def _profile_rows(candidate: Candidate) -> dict[str, Any]:
    """The work profile as Dutch words, for every member of staff."""
    task_names = selectors.task_names()
    skill_names = selectors.skill_names()
    licences = dict(selectors.licence_choices())
    interests = [
        str(SECTOR_LABELS.get(i, "")) or task_names.get(i, i) for i in candidate.interests or []
    ]
    return {
        "place": selectors.place_names().get(candidate.home_place, candidate.home_place),
        "travel_mode": dict(TravelMode.choices).get(candidate.travel_mode, ""),
        "minutes": candidate.max_travel_minutes,
        "hours": _hours(candidate.hours_per_week),
        "days": [DAY_NAMES[d] for d in DAYS if d in (candidate.days or [])],
        "tasks": selectors.names_of(candidate.tasks or [], task_names),
        "skills": selectors.names_of(candidate.skills or [], skill_names),
        "licences": selectors.names_of(candidate.licences or [], licences),
        "experience": (
            format_number(float(candidate.experience_years))
            if candidate.experience_years is not None
            else ""
        ),
        "education": EDUCATION_LABELS.get(candidate.education_level, ""),
        "language": LANGUAGE_LABELS.get(candidate.language_level, ""),
        "support": [SUPPORT_LABELS.get(s, s) for s in candidate.support_needs or []],
        "interests": interests,
        "load": dict(PhysicalLoad.choices).get(candidate.max_physical_load, ""),
    }


def _detail_context(
    request: HttpRequest,
    candidate: Candidate,
    *,
    give_form: ConsentGiveForm | None = None,
    withdraw_form: ConsentWithdrawForm | None = None,
) -> dict[str, Any]:
    user = request.user
    show_identity = selectors.can_see_identity(user=user, candidate=candidate)
    can_change = selectors.can_change_candidate(user=user, candidate=candidate)
    if show_identity:
        audit_record(
            actor=user,
            action=AuditAction.VIEW,
            obj=candidate,
            fields=list(selectors.IDENTITY_FIELDS),
            reason="kandidaat bekijken",
        )
    errors: list[tuple[str, str]] = []
    for form in (give_form, withdraw_form):
        if form is not None:
            errors.extend(form.error_summary())
    return {
        "candidate": candidate,
        "profile": _profile_rows(candidate),
        "show_identity": show_identity,
        "can_change": can_change,
        "can_release": selectors.can_release(user=user, candidate=candidate),
        "completeness": selectors.completeness(candidate=candidate),
        "consent_state": selectors.consent_state(candidate=candidate),
        "consent_text": consent_state_text(candidate=candidate),
        "events": list(selectors.consent_events(candidate=candidate)) if show_identity else [],
        "consent_url": selectors.consent_link(candidate=candidate) if can_change else "",
        "give_form": give_form
        or ConsentGiveForm(prefix="toestemming", initial={"via": ConsentVia.PAPER}),
        "withdraw_form": withdraw_form or ConsentWithdrawForm(prefix="intrekken"),
        "match_url": match_url(candidate=candidate) if candidate.is_active else "",
        "errors": errors,
        "retention_days": services.retention_days(),
    }


@role_required(*STAFF)
@require_safe
def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = _get(request, pk)
    return render(request, "candidates/detail.html", _detail_context(request, candidate))


# --- Consent (POST, then back to the profile) -------------------------------------------------


def _after(
    request: HttpRequest, candidate: Candidate, error: ValidationError | None, ok: str
) -> HttpResponse:
    if error is not None:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, ok)
    return HttpResponseRedirect(_detail_url(candidate, "toestemming"))


@role_required(*CASE)
@require_POST
def consent_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The adviser records the candidate's key (after a paper form or a conversation)."""
    candidate = _changeable(request, pk)
    form = ConsentGiveForm(request.POST, prefix="toestemming")
    if form.is_valid():
        try:
            services.consent_give(
                candidate=candidate,
                via=form.cleaned_data["via"],
                by=request.user,
                note=form.cleaned_data.get("note", ""),
            )
        except ValidationError as error:
            for field, errors in service_errors(error).items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            return _after(
                request, candidate, None, _("De toestemming van de kandidaat is vastgelegd.")
            )
    candidate.refresh_from_db()
    return render(
        request,
        "candidates/detail.html",
        _detail_context(request, candidate, give_form=form),
    )


@role_required(*CASE)
@require_POST
def consent_release(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = _get(request, pk)
    if not selectors.can_release(user=request.user, candidate=candidate):
        raise PermissionDenied
    try:
        candidate = services.consent_release(candidate=candidate, by=request.user)
    except ValidationError as error:
        return _after(request, candidate, error, "")
    ok = (
        _("Het profiel is vrijgegeven. Beide sleutels zijn om.")
        if candidate.is_released
        else _("Het profiel is vrijgegeven. Nu is nog de toestemming van de kandidaat nodig.")
    )
    return _after(request, candidate, None, ok)


@role_required(*CASE)
@require_POST
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = _changeable(request, pk)
    form = ConsentWithdrawForm(request.POST, prefix="intrekken")
    if form.is_valid():
        try:
            services.consent_withdraw(
                candidate=candidate, by=request.user, note=form.cleaned_data.get("note", "")
            )
        except ValidationError as error:
            return _after(request, candidate, error, "")
        return _after(
            request,
            candidate,
            None,
            _("De vrijgave is ingetrokken. Werkgevers zien vanaf nu niet meer wie dit is."),
        )
    return render(
        request,
        "candidates/detail.html",
        _detail_context(request, candidate, withdraw_form=form),
    )


@role_required(*CASE)
@require_POST
def consent_link_send(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = _changeable(request, pk)
    try:
        services.consent_link_send(candidate=candidate, by=request.user)
    except ValidationError as error:
        return _after(request, candidate, error, "")
    return _after(
        request,
        candidate,
        None,
        _("De persoonlijke link is gemaild naar %(email)s.") % {"email": candidate.email},
    )


@role_required(*CASE)
@require_POST
def consent_link_renew(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = _changeable(request, pk)
    try:
        services.consent_link_renew(candidate=candidate, by=request.user)
    except ValidationError as error:
        return _after(request, candidate, error, "")
    return _after(
        request,
        candidate,
        None,
        _("Er is een nieuwe persoonlijke link. De oude link werkt niet meer."),
    )


@role_required(*CASE)
@require_POST
def candidate_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = _changeable(request, pk)
    try:
        services.candidate_deactivate(candidate=candidate, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("De kandidaat zoekt geen werk meer. Het profiel doet niet meer mee.")
        )
    return HttpResponseRedirect(_detail_url(candidate))


@role_required(*CASE)
@require_POST
def candidate_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = _changeable(request, pk)
    try:
        services.candidate_reactivate(candidate=candidate, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De kandidaat zoekt weer werk. Het profiel doet weer mee."))
    return HttpResponseRedirect(_detail_url(candidate))


# --- The candidate's own page (no login) -----------------------------------------------------

TOKEN_MAX = 64


def _no_index(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def public_consent(request: HttpRequest, token: str) -> HttpResponse:
    """Give or withdraw consent through the personal link. Unknown link: a 404 page."""
    candidate = (
        Candidate.objects.select_related("adviser", "organisation")
        .filter(consent_token=token, anonymised_at__isnull=True)
        .first()
        if 0 < len(token) <= TOKEN_MAX
        else None
    )
    if candidate is None:
        return _no_index(render(request, "candidates/public/consent_unknown.html", status=404))
    if request.method == "POST":
        action = request.POST.get("actie", "")
        try:
            if action == "geven":
                already = candidate.candidate_consent_at is not None
                candidate = services.consent_give(candidate=candidate, via=ConsentVia.LINK)
                if already:
                    messages.info(request, _("U gaf al toestemming. Er is niets veranderd."))
                elif candidate.is_released:
                    messages.success(
                        request,
                        _("Dank u. Uw toestemming is vastgelegd. Uw profiel is nu vrijgegeven."),
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "Dank u. Uw toestemming is vastgelegd. Uw adviseur moet uw profiel "
                            "nog vrijgeven."
                        ),
                    )
            elif action == "intrekken":
                services.consent_withdraw(candidate=candidate)
                messages.success(
                    request,
                    _("Uw toestemming is ingetrokken. Werkgevers zien niet meer wie u bent."),
                )
            else:
                messages.error(request, _("Kies een van de twee knoppen."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return _no_index(HttpResponseRedirect(request.path))
    audit_record(
        actor=None,
        action=AuditAction.VIEW,
        obj=candidate,
        fields=["display_name"],
        reason="kandidaat opende de persoonlijke toestemmingspagina",
    )
    adviser = candidate.adviser
    return _no_index(
        render(
            request,
            "candidates/public/consent.html",
            {
                "candidate": candidate,
                "state": selectors.consent_state(candidate=candidate),
                "adviser_name": (adviser.get_full_name() or adviser.get_username())
                if adviser
                else "",
                "adviser_email": adviser.email if adviser else "",
                "organisation": candidate.organisation.name,
            },
        )
    )


__all__ = [
    "candidate_create",
    "candidate_deactivate",
    "candidate_detail",
    "candidate_list",
    "candidate_reactivate",
    "candidate_update",
    "consent_link_renew",
    "consent_link_send",
    "consent_record",
    "consent_release",
    "consent_withdraw",
    "public_consent",
]
