"""Writes of the employers app: the only way other code creates or changes a request."""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from werkpunt.employers import mails
from werkpunt.employers.models import Language, Request, Source

logger = logging.getLogger(__name__)


def request_create(
    *,
    name: str,
    organisation: str,
    email: str,
    topic: str,
    message: str,
    preferred_contact: str,
    consent: bool,
    phone: str = "",
    municipality: str = "",
    page_url: str = "",
    language: str = Language.DUTCH,
    source: str = Source.WEBSITE,
) -> Request:
    """Store a question, then mail the WSP and the employer once the data is committed.

    Raises ``django.core.exceptions.ValidationError`` for data the model does not accept.
    The mails are sent after the commit; a failed mail is logged and leaves the request
    stored (``request_send_mails`` sends it again later).
    """
    request = Request(
        name=name,
        organisation=organisation,
        email=email,
        phone=phone,
        municipality=municipality,
        topic=topic,
        message=message,
        preferred_contact=preferred_contact,
        page_url=page_url,
        consent=consent,
        language=language,
        source=source,
    )
    request.full_clean()
    with transaction.atomic():
        request.save()
        transaction.on_commit(partial(request_send_mails, request_id=request.pk), robust=True)
    logger.info("Vraag %s opgeslagen (onderwerp %s)", request.pk, request.topic)
    return request


def request_send_mails(*, request_id: int) -> None:
    """Send the mails of a request that have not gone out yet, and note when each went out.

    Safe to call again: a mail that was sent is not sent twice. A failure is logged; the
    request itself is never touched by it.
    """
    request = Request.objects.get(pk=request_id)
    if request.wsp_mailed_at is None:
        try:
            mails.send_wsp_mail(request)
        except Exception:
            logger.exception("Mail aan het WSP over vraag %s is niet verstuurd", request_id)
        else:
            Request.objects.filter(pk=request_id, wsp_mailed_at__isnull=True).update(
                wsp_mailed_at=timezone.now()
            )
    if request.confirmation_mailed_at is None:
        try:
            mails.send_confirmation_mail(request)
        except Exception:
            logger.exception("Bevestiging van vraag %s is niet verstuurd", request_id)
        else:
            Request.objects.filter(pk=request_id, confirmation_mailed_at__isnull=True).update(
                confirmation_mailed_at=timezone.now()
            )


def request_send_pending_mails(*, max_age_days: int = 7) -> int:
    """Send the mails that failed for requests of the last ``max_age_days`` days.

    Returns how many requests were tried. Meant for a scheduled job until the task
    queue exists: ``werkpunt manage send_request_mails``.
    """
    since = timezone.now() - dt.timedelta(days=max_age_days)
    unsent = Q(wsp_mailed_at__isnull=True) | Q(confirmation_mailed_at__isnull=True)
    ids = list(
        Request.objects.filter(unsent, created_at__gte=since)
        .order_by("created_at")
        .values_list("pk", flat=True)
    )
    for request_id in ids:
        request_send_mails(request_id=request_id)
    return len(ids)
