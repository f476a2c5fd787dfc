"""The public sign-up page of an open-hiring demand (``/open-hiring/<pk>/``), no account.

Only an open-hiring demand that is open has this page (else 404). It shows the work and the
employer's basic requirements, and a short form: a name, a phone number or mail address, "I
meet the basic requirements" and consent to keep the data for this sign-up. A hidden field
catches bots (nothing is stored; the bot sees the usual confirmation). The responses are
personal (CSRF token, the position on the list): ``Cache-Control: private, no-store``.

``<pk>/``                 the page with the form
``<pk>/aangemeld/<t>/``   the confirmation with the position on the list (``t`` is signed)
"""

from __future__ import annotations

import logging

from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from werkpunt.demands import selectors, services
from werkpunt.demands.forms import PublicSignUpForm
from werkpunt.demands.models import Demand, OpenHiringSignUp
from werkpunt.demands.views import add_service_errors

logger = logging.getLogger(__name__)

_TOKEN_SALT = "werkpunt.demands.open-hiring-sign-up"  # noqa: S105 - a salt, not a secret
_RATE_SALT = "werkpunt.demands.open-hiring-rate"

#: Sign-ups per client per hour (the client is known only by a keyed hash of its address).
RATE_LIMIT = 10
RATE_WINDOW_SECONDS = 60 * 60


def _demand(pk: int) -> Demand:
    demand = selectors.public_open_hiring_demand(pk=pk)
    if demand is None:
        raise Http404
    return demand


def _rate_key(request: HttpRequest) -> str:
    address = str(request.META.get("REMOTE_ADDR") or "")
    digest = salted_hmac(_RATE_SALT, address, algorithm="sha256").hexdigest()
    return f"werkpunt:demands:sign-ups:{digest}"


def _rate_limited(request: HttpRequest) -> bool:
    count = cache.get(_rate_key(request), 0)
    return isinstance(count, int) and count >= RATE_LIMIT


def _count(request: HttpRequest) -> None:
    key = _rate_key(request)
    cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=RATE_WINDOW_SECONDS)


def _confirmation(demand: Demand, sign_up_pk: int) -> HttpResponseRedirect:
    token = signing.dumps(sign_up_pk, salt=_TOKEN_SALT, compress=False)
    return HttpResponseRedirect(reverse("demands_public:signed_up", args=[demand.pk, token]))


def _page(request: HttpRequest, demand: Demand, form: PublicSignUpForm) -> HttpResponse:
    return render(
        request,
        "demands/public/sign_up.html",
        {
            "demand": demand,
            "form": form,
            "tasks": list(demand.tasks.all()),
            "total_hours": selectors.total_hours(demand=demand),
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    demand = _demand(pk)
    if request.method != "POST":
        return _page(request, demand, PublicSignUpForm())
    form = PublicSignUpForm(request.POST)
    if form.honeypot_filled():
        _count(request)
        logger.info("Open hiring: verborgen veld ingevuld; niet opgeslagen")
        return _confirmation(demand, 0)
    if _rate_limited(request):
        form.add_error(
            None,
            _(
                "Er zijn vanaf dit adres veel aanmeldingen gedaan. Probeer het over een uur opnieuw."
            ),
        )
        return _page(request, demand, form)
    if form.is_valid():
        _count(request)
        data = form.cleaned_data
        try:
            entry = services.open_hiring_sign_up(
                demand=demand,
                name=data["name"],
                email=data.get("email") or "",
                phone=data.get("phone") or "",
                meets_requirements=bool(data["meets_requirements"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _confirmation(demand, entry.pk)
    return _page(request, demand, form)


@never_cache
@require_safe
def signed_up(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    demand = _demand(pk)
    try:
        sign_up_pk = signing.loads(token, salt=_TOKEN_SALT)
    except signing.BadSignature as error:
        raise Http404 from error
    if not isinstance(sign_up_pk, int):
        raise Http404
    position = 0
    if sign_up_pk:
        entry = OpenHiringSignUp.objects.filter(
            pk=sign_up_pk, demand=demand, cancelled_at__isnull=True
        ).first()
        if entry is None:
            raise Http404
        position = selectors.sign_up_position(sign_up=entry)
    return render(
        request,
        "demands/public/signed_up.html",
        {"demand": demand, "position": position},
    )
