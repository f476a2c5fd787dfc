"""Errors of the API: always JSON, always in Dutch, never a 500 for bad input.

Every error has the same shape::

    {"detail": "Wat er mis is, in één zin.", "code": "not_found"}

and a 400 for wrong input adds, per field, what is wrong::

    {"detail": "Controleer de gegevens. ...", "code": "invalid",
     "errors": {"kvk_number": ["Een KvK-nummer heeft 8 cijfers, bijvoorbeeld 01234567."]}}

Errors that are not about a field are listed under ``non_field_errors``; every 400 has
``errors`` (a body that is not JSON too, code ``parse_error``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler

#: Code of the 429 after too many wrong tokens from one address.
TOKEN_FAILURES_CODE = "token_failures"  # noqa: S105 - an error code, not a secret
#: Field name for errors that are not about one field (DRF's default name).
NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY

# Dutch replacements for DRF's texts, by exception class, unless the code raised its own.
_DEFAULT_TEXTS: dict[type[exceptions.APIException], str] = {
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
}


def _text(code: str, exc: exceptions.APIException, method: str = "") -> str:
    if code == "not_authenticated":
        return _("Log in, of stuur uw API-token mee: Authorization: Token <uw token>.")
    if code == "authentication_failed":
        return _("Inloggen is niet gelukt.")
    if code == "permission_denied":
        return _("U mag dit niet doen met uw rol.")
    if code == "not_found":
        return _("Dit bestaat niet, of u mag het niet zien.")
    if code == "method_not_allowed":
        return _("Dit adres kent de methode %(method)s niet.") % {"method": method}
    if code == "not_acceptable":
        return _("Dit formaat kunnen wij niet leveren. Vraag om JSON (application/json).")
    if code == "unsupported_media_type":
        return _("Stuur de gegevens als JSON, met Content-Type: application/json.")
    if code == "parse_error":
        return _("De gegevens zijn geen geldige JSON.")
    if code == "throttled":
        wait = int(getattr(exc, "wait", 0) or 0) or 1
        return ngettext(
            "Te veel verzoeken. Probeer het over %(wait)d seconde opnieuw.",
            "Te veel verzoeken. Probeer het over %(wait)d seconden opnieuw.",
            wait,
        ) % {"wait": wait}
    return _("Er ging iets mis met dit verzoek.")


def _code_of(exc: exceptions.APIException) -> str:
    for cls, code in _DEFAULT_TEXTS.items():
        if isinstance(exc, cls):
            return code
    return str(exc.default_code)


def _is_default(exc: exceptions.APIException) -> bool:
    """True when the exception carries DRF's own (English or half-Dutch) text."""
    detail = exc.detail
    if isinstance(detail, (list, dict)):
        return False
    return str(detail) == str(exc.default_detail) or isinstance(
        exc,
        exceptions.MethodNotAllowed
        | exceptions.NotAcceptable
        | exceptions.UnsupportedMediaType
        | exceptions.ParseError,
    )


def _plain(detail: Any) -> Any:
    """ErrorDetail trees as plain lists and dicts of strings."""
    if isinstance(detail, dict):
        return {str(key): _plain(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_plain(item) for item in detail]
    return str(detail)


def _from_django_validation_error(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(
            {
                (NON_FIELD if field == "__all__" else field): messages
                for field, messages in error.message_dict.items()
            }
        )
    return exceptions.ValidationError({NON_FIELD: error.messages})


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler with Dutch texts and one error shape; see the module text."""
    if isinstance(exc, DjangoValidationError):
        exc = _from_django_validation_error(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response  # a real fault: Django's 500 handling takes over
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail
        if not isinstance(errors, dict):
            errors = {NON_FIELD: errors if isinstance(errors, list) else [errors]}
        response.data = {
            "detail": _("Controleer de gegevens. Bij elk veld staat wat er niet klopt."),
            "code": "invalid",
            "errors": _plain(errors),
        }
        return response
    code = _code_of(exc)
    if isinstance(exc, exceptions.Throttled):
        if getattr(exc.detail, "code", None) == TOKEN_FAILURES_CODE:
            response.data = {
                "detail": _("Te veel pogingen met een onjuiste token. Wacht tien minuten."),
                "code": TOKEN_FAILURES_CODE,
            }
            return response
        response.data = {"detail": _text("throttled", exc), "code": "throttled"}
        return response
    request = context.get("request")
    method = str(getattr(request, "method", "") or "")[:10]
    detail = _text(code, exc, method) if _is_default(exc) else str(_plain(exc.detail))
    response.data = {"detail": detail, "code": code}
    if response.status_code == 400:  # a body that is not JSON: same shape as other 400s
        response.data["errors"] = {NON_FIELD: [detail]}
    return response
