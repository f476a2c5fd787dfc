"""Views of the register of problems in laws and rules (``/werk/knelpunten/``).

``/werk/knelpunten/``          list    adviseur, teamleider, bestuur: filter by theme and period
``/werk/knelpunten/nieuw/``    create  adviseur, teamleider; ``?werkgever=<pk>&plaatsing=<pk>``
                                       links the signal (only objects the user may see)
``/werk/knelpunten/rapport/``  report  adviseur, teamleider, bestuur: counts per theme per
                                       quarter and recent examples, for the lobby; printable
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from werkpunt.accounts.models import Role
from werkpunt.accounts.permissions import role_required
from werkpunt.employers.models import Employer
from werkpunt.placements.models import Placement
from werkpunt.signals import selectors
from werkpunt.signals.forms import FilterForm, SignalForm
from werkpunt.signals.services import signal_create

PAGE_SIZE = 50


def _url(name: str, pk: int) -> str | None:
    """A detail page of another app, or ``None`` while it does not exist."""
    for kwargs, args in (({"pk": pk}, None), (None, [pk])):
        try:
            return reverse(name, kwargs=kwargs, args=args)
        except NoReverseMatch:
            continue
    return None


@never_cache
@require_safe
@role_required(Role.ADVISER, Role.TEAM_LEAD, Role.BOARD)
def signal_list(request: HttpRequest) -> HttpResponse:
    """All signals, newest first, filtered by theme and period; links for advisers only."""
    form = FilterForm(request.GET or None)
    theme, since, until = form.values()
    signals = selectors.signals_visible_to(user=request.user, theme=theme, since=since, until=until)
    page = Paginator(signals, PAGE_SIZE).get_page(request.GET.get("pagina"))
    with_links = selectors.shows_links(user=request.user)
    rows = []
    for signal in page.object_list:
        row: dict[str, Any] = {"signal": signal}
        if with_links:
            if signal.employer_id:
                row["employer_url"] = _url(
                    "employers_backoffice:employer_detail", signal.employer_id
                )
            if signal.placement_id:
                row["placement_url"] = _url("placements:detail", signal.placement_id)
        rows.append(row)
    query = {key: value for key, value in request.GET.items() if key != "pagina" and value}
    return render(
        request,
        "law_signals/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "with_links": with_links,
            "can_create": selectors.can_create(user=request.user),
            "saved": request.GET.get("opgeslagen") == "1",
            "filtered": bool(theme or since or until),
            "page_query": urlencode(query),
        },
    )


def _links(request: HttpRequest, data: Any) -> tuple[Employer | None, Placement | None]:
    """The employer and placement named in ``data``, only when the user may see them."""
    placement = selectors.linkable_placement(user=request.user, pk=data.get("plaatsing"))
    employer = selectors.linkable_employer(user=request.user, pk=data.get("werkgever"))
    if placement is not None and (employer is None or employer.pk != placement.employer_id):
        employer = placement.employer
    return employer, placement


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ADVISER, Role.TEAM_LEAD)
def signal_new(request: HttpRequest) -> HttpResponse:
    """Record a signal; POST-redirect-GET to the list. Errors keep what was typed."""
    if request.method == "POST":
        form = SignalForm(request.POST)
        employer, placement = _links(request, request.POST)
        if form.is_valid():
            try:
                signal_create(
                    theme=form.cleaned_data["theme"],
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    employer=employer,
                    placement=placement,
                    created_by=request.user,  # type: ignore[arg-type]
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, messages in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, messages)
                else:
                    form.add_error(None, error.messages)
            else:
                return HttpResponseRedirect(f"{reverse('law_signals:list')}?opgeslagen=1")
    else:
        employer, placement = _links(request, request.GET)
        form = SignalForm(
            initial={
                "werkgever": employer.pk if employer else "",
                "plaatsing": placement.pk if placement else "",
            }
        )
    return render(
        request,
        "law_signals/new.html",
        {"form": form, "employer": employer, "placement": placement},
    )


@never_cache
@require_safe
@role_required(Role.ADVISER, Role.TEAM_LEAD, Role.BOARD)
def signal_report(request: HttpRequest) -> HttpResponse:
    """Counts per theme per quarter and up to three recent examples per theme."""
    today = timezone.localdate()
    default = selectors.report_default_period(today)
    form = FilterForm(request.GET or None, with_theme=False)
    _theme, since, until = form.values(default=default)
    assert since is not None
    assert until is not None
    if (until - since).days > 5 * 366:
        since, until = default
    report = selectors.signal_report(user=request.user, since=since, until=until)
    return render(request, "law_signals/report.html", {"form": form, "report": report})
