"""Views of the question form: thin; the work is in ``forms``, ``spam`` and ``services``.

``/vraag/``            GET: the form alone. POST: from this page or from the block at the
                       bottom of every page; errors show this page again with the answers.
``/vraag/verstuurd/``  the thank-you page (after a redirect, so a reload sends nothing twice).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from werkpunt.employers import spam
from werkpunt.employers.forms import QuestionForm
from werkpunt.employers.models import Language
from werkpunt.employers.services import request_create

logger = logging.getLogger(__name__)

#: Longest ``next`` path we keep; longer ones are dropped.
NEXT_MAX_LENGTH = 500


def safe_next(request: HttpRequest, value: object) -> str:
    """``value`` when it is a path on this site, otherwise ``""``.

    Only paths (``/regels/?a=b``), never a full URL, so a link back can never lead
    to another site.
    """
    if not isinstance(value, str) or not value or len(value) > NEXT_MAX_LENGTH:
        return ""
    if not value.startswith("/") or value.startswith("//"):
        return ""
    if not url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    return value


def question_form_context(request: HttpRequest, form: QuestionForm | None = None) -> dict[str, Any]:
    """What the form template needs: the form and a fresh signed timestamp."""
    if form is None:
        form = QuestionForm(initial={"next": safe_next(request, request.get_full_path())})
    return {"form": form, "form_token": spam.form_token()}


def _language() -> str:
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in Language.values else Language.DUTCH


def _redirect_to_sent(next_path: str) -> HttpResponseRedirect:
    url = reverse("employers:sent")
    if next_path:
        url = f"{url}?{urlencode({'next': next_path})}"
    return HttpResponseRedirect(url)


def _form_page(request: HttpRequest, form: QuestionForm, next_path: str) -> HttpResponse:
    context = question_form_context(request, form)
    context["next_path"] = next_path
    return render(request, "employers/question.html", context)


# No CSRF token: the form is on every public page, and a token would make each page
# personal and uncacheable (core.page_cache). A forged submission could only send a
# question in the visitor's name to the WSP, which the honeypot, the signed timestamp and
# the rate limit already guard against; nobody is logged in on this form. See docs/requests.md.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def question(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _submit(request)
    next_path = safe_next(request, request.GET.get("next", ""))
    return _form_page(request, QuestionForm(initial={"next": next_path}), next_path)


def _submit(request: HttpRequest) -> HttpResponse:
    posted = request.POST.copy()
    next_path = safe_next(request, posted.get("next", ""))
    posted["next"] = next_path  # shown again on errors: only a checked path
    form = QuestionForm(posted)

    if spam.is_rate_limited(request):
        logger.info("Vraagformulier: te veel inzendingen van één adres; geweigerd")
        response = render(
            request,
            "employers/rate_limited.html",
            {
                "wsp_email": settings.WERKPUNT_WSP_EMAIL,
                "rate_limit": spam.RATE_LIMIT,
                "message": str(request.POST.get("message", ""))[:2000],
                "next_path": next_path,
            },
            status=429,
        )
        response["Retry-After"] = str(spam.RATE_WINDOW_SECONDS)
        return response

    if form.honeypot_filled():
        # A bot. Nothing is stored or mailed, and it sees the usual thank-you page.
        spam.record_submission(request)
        logger.info("Vraagformulier: verborgen veld ingevuld; niet opgeslagen")
        return _redirect_to_sent(next_path)

    if not form.is_valid():
        if form.token_refused:
            spam.record_submission(request)
            logger.info("Vraagformulier: tijdstempel geweigerd (te snel, te oud of ongeldig)")
        return _form_page(request, form, next_path)

    spam.record_submission(request)
    try:
        _create(form.cleaned_data, next_path)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return _form_page(request, form, next_path)
    return _redirect_to_sent(next_path)


def _create(data: dict[str, Any], next_path: str) -> None:
    request_create(
        name=data["name"],
        organisation=data["organisation"],
        email=data["email"],
        phone=data["phone"],
        municipality=data["municipality"],
        topic=data["topic"],
        message=data["message"],
        preferred_contact=data["preferred_contact"],
        consent=data["consent"],
        page_url=urlsplit(next_path).path,
        language=_language(),
    )


@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    next_path = safe_next(request, request.GET.get("next", ""))
    return render(request, "employers/sent.html", {"next_path": next_path})
