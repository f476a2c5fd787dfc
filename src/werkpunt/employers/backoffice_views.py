"""Views of the back office: the shared employer record and the requests (``/werk/``).

Thin: forms check the input, ``services`` write, ``selectors`` read (always scoped by
``request.user``; an object the user may not see is a 404). Every view is wrapped in
``role_required``. Advisers and teamleiders of all partners may use every screen; an
employer user may open only its own employer page and its own requests, read-only.
Every POST ends in a redirect (post/redirect/get) or, on an error, shows the page again
with what was typed, the errors next to the fields and a summary at the top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from werkpunt.accounts.models import AuditAction, Role
from werkpunt.accounts.permissions import CASE_ROLES, role_of, role_required
from werkpunt.accounts.services import audit_record
from werkpunt.employers import selectors, services
from werkpunt.employers.backoffice_forms import (
    AnswerForm,
    AssignForm,
    BackofficeForm,
    ContactForm,
    EmployerFilterForm,
    EmployerForm,
    InviteForm,
    LocationForm,
    RequestRegisterForm,
    user_label,
)
from werkpunt.employers.models import Employer, PreferredContact, Request, Source, Status
from werkpunt.placements.selectors import can_see_worker_name, placements_visible_to

if TYPE_CHECKING:
    from django.contrib.auth.models import User

#: Rows per page of the employer and request lists.
PAGE_SIZE = 25
#: At most this many employers are offered when linking a request.
LINK_RESULTS = 20

STAFF = (Role.ADVISER, Role.TEAM_LEAD)

#: The reason written in the audit trail when a request's contact data is shown.
REQUEST_VIEW_REASON = "Vraag bekeken om de werkgever te helpen"
#: ... and when worker names are shown on an employer page.
PLACEMENTS_VIEW_REASON = "Plaatsingen op de werkgeverspagina"


def _actor(request: HttpRequest) -> User:
    """The logged-in user (``role_required`` lets no one else through)."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    return user


def _is_staff(request: HttpRequest) -> bool:
    return role_of(request.user) in CASE_ROLES


def _page(request: HttpRequest, items: Any) -> Page[Any]:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("pagina"))


def _reverse_or_empty(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _query_without_page(request: HttpRequest) -> str:
    """The current query string without ``pagina``, to build page links."""
    pairs = [(k, v) for k, v in request.GET.items() if k != "pagina" and v]
    return urlencode(pairs)


def _pk(value: str | None) -> int | None:
    if value is None or not value.isdigit() or len(value) > 18:
        return None
    return int(value)


# --- Employers -------------------------------------------------------------------------------


@never_cache
@role_required(*STAFF)
@require_safe
def employer_list(request: HttpRequest) -> HttpResponse:
    """The shared register: search on name and KvK, filters, 25 per page."""
    filter_form = EmployerFilterForm(request.GET or None)
    filters = filter_form.filters() if request.GET else {}
    employers = selectors.employer_search(user=request.user, **filters)
    page = _page(request, employers)
    return render(
        request,
        "employers/backoffice/employer_list.html",
        {
            "filter_form": filter_form,
            "page": page,
            "filtered": any(filters.values()),
            "query_string": _query_without_page(request),
        },
    )


def _employer_form_page(
    request: HttpRequest, form: EmployerForm, employer: Employer | None
) -> HttpResponse:
    return render(
        request,
        "employers/backoffice/employer_form.html",
        {"form": form, "employer": employer},
    )


def _employer_save(
    request: HttpRequest, form: EmployerForm, employer: Employer | None
) -> Employer | None:
    data = form.cleaned_data
    fields = {
        "name": data["name"],
        "kvk_number": data["kvk_number"],
        "sector": data["sector"],
        "size": data["size"],
        "municipality": data["municipality"],
        "contact_person": data["contact_person"],
        "by": _actor(request),
    }
    try:
        if employer is None:
            return services.employer_create(**fields)
        return services.employer_update(employer=employer, **fields)
    except ValidationError as error:
        _add_errors(form, error)
        if "kvk_number" in form.errors:
            others = Employer.objects.filter(kvk_number=data["kvk_number"])
            if employer is not None:
                others = others.exclude(pk=employer.pk)
            form.duplicate = others.first()
        return None


def _add_errors(form: BackofficeForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@never_cache
@role_required(*STAFF)
@require_http_methods(["GET", "HEAD", "POST"])
def employer_create(request: HttpRequest) -> HttpResponse:
    """Add an employer. The contact person is the current user by default (if an adviser)."""
    if request.method == "POST":
        form = EmployerForm(request.POST)
        if form.is_valid():
            employer = _employer_save(request, form, None)
            if employer is not None:
                messages.success(request, _("De werkgever is toegevoegd."))
                return HttpResponseRedirect(
                    reverse("employers_backoffice:employer_detail", args=[employer.pk])
                )
        return _employer_form_page(request, form, None)
    initial: dict[str, Any] = {}
    if role_of(request.user) is Role.ADVISER:
        initial["contact_person"] = request.user.pk
    return _employer_form_page(request, EmployerForm(initial=initial), None)


@never_cache
@role_required(*STAFF)
@require_http_methods(["GET", "HEAD", "POST"])
def employer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the record, also the one contact person (the change goes in the contact log)."""
    employer = get_object_or_404(selectors.employers_visible_to(user=request.user), pk=pk)
    if request.method == "POST":
        form = EmployerForm(request.POST, instance=employer)
        if form.is_valid() and _employer_save(request, form, employer) is not None:
            messages.success(request, _("De gegevens van de werkgever zijn opgeslagen."))
            return HttpResponseRedirect(
                reverse("employers_backoffice:employer_detail", args=[employer.pk])
            )
        return _employer_form_page(request, form, employer)
    form = EmployerForm(
        instance=employer,
        initial={
            "name": employer.name,
            "kvk_number": employer.kvk_number,
            "sector": employer.sector,
            "size": employer.size,
            "municipality": employer.municipality,
            "contact_person": employer.contact_person_id,
        },
    )
    return _employer_form_page(request, form, employer)


def _placement_rows(request: HttpRequest, employer: Employer) -> list[dict[str, Any]]:
    """The employer's placements this user may see; the worker's name only where allowed
    (each shown name is written in the audit trail)."""
    rows = []
    placements = placements_visible_to(user=request.user).filter(employer=employer)
    for placement in placements.order_by("-start_date", "-pk"):
        show_name = can_see_worker_name(user=request.user, placement=placement)
        if show_name:
            audit_record(
                actor=request.user,
                action=AuditAction.VIEW,
                obj=placement.worker,
                fields=["display_name"],
                reason=PLACEMENTS_VIEW_REASON,
            )
        rows.append(
            {
                "placement": placement,
                "worker": placement.worker.display_name if show_name else "",
                "url": _reverse_or_empty("placements:detail", placement.pk),
            }
        )
    return rows


def _employer_page(
    request: HttpRequest,
    employer: Employer,
    *,
    location_form: LocationForm | None = None,
    contact_form: ContactForm | None = None,
    invite_form: InviteForm | None = None,
) -> HttpResponse:
    staff = _is_staff(request)
    contact_person = employer.contact_person
    placement_create = _reverse_or_empty("placements:create")
    if placement_create:
        placement_create = f"{placement_create}?{urlencode({'werkgever': employer.pk})}"
    forms = [f for f in (location_form, contact_form, invite_form) if f is not None and f.errors]
    context = {
        "employer": employer,
        "staff": staff,
        "contact_person": contact_person,
        "contact_person_profile": getattr(contact_person, "profile", None),
        "locations": employer.locations.order_by("place", "street", "pk"),
        "contacts": (
            employer.contacts.select_related("by").order_by("-date", "-pk") if staff else []
        ),
        "requests": selectors.requests_of_employer(user=request.user, employer=employer),
        "placements": _placement_rows(request, employer),
        "placement_create_url": placement_create if staff else "",
        "location_form": location_form or LocationForm(),
        "contact_form": contact_form or ContactForm(initial={"date": timezone.localdate()}),
        "invite_form": invite_form or InviteForm(),
        "invitations_available": services.invitations_available(),
        "error_items": [item for form in forms for item in form.error_summary()],
        "register_url": (
            reverse("employers_backoffice:request_register")
            + "?"
            + urlencode({"werkgever": employer.pk})
        ),
    }
    return render(request, "employers/backoffice/employer_detail.html", context)


def _visible_employer(request: HttpRequest, pk: int) -> Employer:
    return get_object_or_404(selectors.employers_visible_to(user=request.user), pk=pk)


def _to_employer(employer: Employer, anchor: str = "") -> HttpResponseRedirect:
    url = reverse("employers_backoffice:employer_detail", args=[employer.pk])
    return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)


@never_cache
@role_required(*STAFF, Role.EMPLOYER)
@require_safe
def employer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The employer page: record, locations, contact person, contact log, requests,
    placements, and inviting the employer to the portal. An employer user sees its own
    page without the contact log and without the forms."""
    return _employer_page(request, _visible_employer(request, pk))


@never_cache
@role_required(*STAFF)
@require_POST
def employer_location_add(request: HttpRequest, pk: int) -> HttpResponse:
    employer = _visible_employer(request, pk)
    form = LocationForm(request.POST)
    if form.is_valid():
        try:
            services.employer_location_add(
                employer=employer, by=_actor(request), **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("De vestiging is toegevoegd."))
            return _to_employer(employer, "vestigingen")
    return _employer_page(request, employer, location_form=form)


@never_cache
@role_required(*STAFF)
@require_POST
def employer_location_remove(request: HttpRequest, pk: int, location_pk: int) -> HttpResponse:
    employer = _visible_employer(request, pk)
    location = get_object_or_404(employer.locations.all(), pk=location_pk)
    services.employer_location_remove(location=location, by=_actor(request))
    messages.success(request, _("De vestiging is verwijderd."))
    return _to_employer(employer, "vestigingen")


@never_cache
@role_required(*STAFF)
@require_POST
def employer_contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    employer = _visible_employer(request, pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            services.contact_log_add(employer=employer, by=_actor(request), **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Het contactmoment is opgeslagen."))
            return _to_employer(employer, "contacten")
    return _employer_page(request, employer, contact_form=form)


@never_cache
@role_required(*STAFF)
@require_POST
def employer_invite(request: HttpRequest, pk: int) -> HttpResponse:
    employer = _visible_employer(request, pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.employer_invite(
                employer=employer, email=form.cleaned_data["email"], by=_actor(request)
            )
        except services.InvitationsUnavailable:
            messages.warning(
                request,
                _("Uitnodigen kan nog niet: deze functie is er nog niet. Probeer het later."),
            )
            return _to_employer(employer, "portaal")
        except ValidationError as error:
            form.add_error("email", error.messages)
        else:
            messages.success(
                request,
                _("De uitnodiging is verstuurd naar %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return _to_employer(employer, "portaal")
    return _employer_page(request, employer, invite_form=form)


# --- Requests --------------------------------------------------------------------------------


def _tab_labels() -> dict[str, str]:
    return {
        "mine": _("Mijn vragen"),
        "intake": _("Intake (nog zonder behandelaar)"),
        "overdue": _("Te laat"),
        "open": _("Alle open vragen"),
        "done": _("Afgerond"),
    }


def is_overdue(vraag: Request, now: Any) -> bool:
    return (
        vraag.status != Status.DONE and vraag.call_back_by is not None and vraag.call_back_by < now
    )


@never_cache
@role_required(*STAFF)
@require_safe
def request_list(request: HttpRequest) -> HttpResponse:
    """The requests by tab: mine, intake, overdue, all open, done."""
    tab = request.GET.get("tab") or "mine"
    if tab not in selectors.REQUEST_TABS:
        tab = "mine"
    now = timezone.now()
    page = _page(request, selectors.request_queue(user=request.user, tab=tab, now=now))
    rows = [{"request": vraag, "overdue": is_overdue(vraag, now)} for vraag in page]
    labels = _tab_labels()
    tabs = [
        {
            "key": key,
            "label": labels[key],
            "url": f"{reverse('employers_backoffice:request_list')}?{urlencode({'tab': key})}",
            "current": key == tab,
        }
        for key in selectors.REQUEST_TABS
    ]
    return render(
        request,
        "employers/backoffice/request_list.html",
        {
            "tab": tab,
            "tab_label": labels[tab],
            "tabs": tabs,
            "page": page,
            "rows": rows,
            "query_string": urlencode({"tab": tab}),
        },
    )


def _visible_request(request: HttpRequest, pk: int) -> Request:
    return get_object_or_404(selectors.requests_visible_to(user=request.user), pk=pk)


def _request_page(
    request: HttpRequest,
    vraag: Request,
    *,
    assign_form: AssignForm | None = None,
    answer_form: AnswerForm | None = None,
) -> HttpResponse:
    staff = _is_staff(request)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=vraag,
        fields=["name", "email", "phone", "message"],
        reason=REQUEST_VIEW_REASON,
    )
    query = request.GET.get("zoek", "").strip()[:200] if staff else ""
    link_results: list[Employer] = []
    if query:
        link_results = list(
            selectors.employer_search(user=request.user, query=query)[:LINK_RESULTS]
        )
    owner = vraag.owner
    forms = [f for f in (assign_form, answer_form) if f is not None and f.errors]
    context = {
        "vraag": vraag,
        "staff": staff,
        "overdue": is_overdue(vraag, timezone.now()),
        "owner_label": user_label(owner) if owner is not None else "",
        "owner_profile": getattr(owner, "profile", None) if owner is not None else None,
        "is_mine": owner is not None and owner.pk == request.user.pk,
        "assign_form": assign_form or AssignForm(initial={"owner": vraag.owner_id}),
        "answer_form": answer_form or AnswerForm(initial={"answer": vraag.answer}),
        "query": query,
        "link_results": link_results,
        "searched": "zoek" in request.GET,
        "error_items": [item for form in forms for item in form.error_summary()],
    }
    return render(request, "employers/backoffice/request_detail.html", context)


def _to_request(vraag: Request, anchor: str = "") -> HttpResponseRedirect:
    url = reverse("employers_backoffice:request_detail", args=[vraag.pk])
    return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)


@never_cache
@role_required(*STAFF, Role.EMPLOYER)
@require_safe
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One request: the question, the contact data (audited), owner, employer, answer."""
    return _request_page(request, _visible_request(request, pk))


@never_cache
@role_required(*STAFF)
@require_POST
def request_take(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Ik pak deze op": the current user becomes the owner."""
    vraag = _visible_request(request, pk)
    services.request_assign(request=vraag, owner=_actor(request), by=_actor(request))
    messages.success(request, _("U behandelt deze vraag nu."))
    return _to_request(vraag)


@never_cache
@role_required(*STAFF)
@require_POST
def request_assign(request: HttpRequest, pk: int) -> HttpResponse:
    vraag = _visible_request(request, pk)
    form = AssignForm(request.POST)
    if form.is_valid():
        owner = form.cleaned_data["owner"]
        try:
            services.request_assign(request=vraag, owner=owner, by=_actor(request))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s behandelt deze vraag nu.") % {"name": user_label(owner)}
            )
            return _to_request(vraag)
    return _request_page(request, vraag, assign_form=form)


@never_cache
@role_required(*STAFF)
@require_POST
def request_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Link the request to the employer chosen from the search results."""
    vraag = _visible_request(request, pk)
    employer_pk = _pk(request.POST.get("werkgever"))
    employer = (
        selectors.employers_visible_to(user=request.user).filter(pk=employer_pk).first()
        if employer_pk is not None
        else None
    )
    if employer is None:
        messages.error(request, _("Kies een werkgever uit de zoekresultaten."))
        return _to_request(vraag, "werkgever")
    services.request_link_employer(request=vraag, employer=employer, by=_actor(request))
    messages.success(request, _("De vraag is gekoppeld aan %(name)s.") % {"name": employer.name})
    return _to_request(vraag)


@never_cache
@role_required(*STAFF)
@require_POST
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    vraag = _visible_request(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.request_answer(
                request=vraag, answer=form.cleaned_data["answer"], by=_actor(request)
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Het antwoord is opgeslagen. De vraag is afgerond."))
            return _to_request(vraag)
    return _request_page(request, vraag, answer_form=form)


@never_cache
@role_required(*STAFF)
@require_http_methods(["GET", "HEAD", "POST"])
def request_register(request: HttpRequest) -> HttpResponse:
    """Type in a request that came in by phone or mail; ``?werkgever=<pk>`` links it to that
    employer (and its contact person becomes the owner)."""
    employer: Employer | None = None
    if "werkgever" in request.GET:
        employer_pk = _pk(request.GET.get("werkgever"))
        if employer_pk is None:
            raise Http404
        employer = _visible_employer(request, employer_pk)
    if request.method == "POST":
        form = RequestRegisterForm(request.POST, employer=employer)
        if form.is_valid():
            data = form.cleaned_data
            try:
                vraag = services.request_register(
                    employer=employer,
                    source=data["source"],
                    message=data["message"],
                    topic=data["topic"],
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    organisation=data.get("organisation", ""),
                    preferred_contact=data["preferred_contact"],
                    registered_by=_actor(request),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("De vraag is opgeslagen."))
                return _to_request(vraag)
    else:
        form = RequestRegisterForm(
            employer=employer,
            initial={"source": Source.PHONE, "preferred_contact": PreferredContact.PHONE},
        )
    return render(
        request,
        "employers/backoffice/request_register.html",
        {"form": form, "employer": employer, "action": request.get_full_path()},
    )
