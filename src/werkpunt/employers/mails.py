"""The two mails of a request: to the WSP inbox, and a confirmation to the employer.

Plain text from templates in ``employers/templates/employers/email/``. The WSP mail is
in Dutch (the WSP works in Dutch; it says which language the employer used); the
confirmation is in the language the form was filled in.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from werkpunt.employers.models import Language, Request

#: The URL namespace of the request views in the CMS (``wagtail_hooks.py``).
CMS_NAMESPACE = "vragen"


def _absolute(path: str) -> str:
    return f"{str(settings.WERKPUNT_BASE_URL).rstrip('/')}{path}" if path else ""


def _subject(template: str, context: dict[str, object]) -> str:
    """A subject is one line; a name with a line break cannot inject mail headers."""
    return " ".join(render_to_string(template, context).split())[:200]


def _cms_link(request: Request) -> str:
    try:
        return _absolute(reverse(f"{CMS_NAMESPACE}:inspect", args=[request.pk]))
    except NoReverseMatch:
        return ""


def send_wsp_mail(request: Request) -> None:
    """Everything the employer filled in, to ``settings.WERKPUNT_WSP_EMAIL``.

    Reply-To is the employer, so the WSP can answer by replying.
    """
    with translation.override(settings.LANGUAGE_CODE):
        context: dict[str, object] = {
            "vraag": request,
            "page_link": _absolute(request.page_url),
            "cms_link": _cms_link(request),
            "backoffice_link": _backoffice_link(request),
            "created": request.created_at,
        }
        subject = _subject("employers/email/wsp_subject.txt", context)
        body = render_to_string("employers/email/wsp_body.txt", context)
    EmailMessage(
        subject=subject,
        body=body,
        to=[settings.WERKPUNT_WSP_EMAIL],
        reply_to=[request.email],
    ).send()


def send_confirmation_mail(request: Request) -> None:
    """What the employer asked and what happens next, in the language of the form.

    Reply-To is the WSP inbox, so a reply reaches people and not the no-reply address.
    """
    language = request.language if request.language in Language.values else Language.DUTCH
    with translation.override(language):
        context: dict[str, object] = {"vraag": request}
        subject = _subject("employers/email/confirmation_subject.txt", context)
        body = render_to_string("employers/email/confirmation_body.txt", context)
    EmailMessage(
        subject=subject,
        body=body,
        to=[request.email],
        reply_to=[settings.WERKPUNT_WSP_EMAIL],
    ).send()


def _backoffice_link(request: Request) -> str:
    try:
        return _absolute(reverse("employers_backoffice:request_detail", args=[request.pk]))
    except NoReverseMatch:
        return ""


def send_escalation_mail(request: Request, *, to: list[str]) -> None:
    """Tell the teamleiders that a request was not answered in time, in Dutch.

    Only what they need to act: the number, the organisation, the topic, the owner and the
    deadline, and a link. Not the question itself and not the contact data of the person.
    """
    with translation.override(settings.LANGUAGE_CODE):
        owner = request.owner
        context: dict[str, object] = {
            "vraag": request,
            "owner": (owner.get_full_name() or owner.get_username()) if owner else "",
            "link": _backoffice_link(request),
        }
        subject = _subject("employers/email/escalation_subject.txt", context)
        body = render_to_string("employers/email/escalation_body.txt", context)
    EmailMessage(subject=subject, body=body, to=to).send()
