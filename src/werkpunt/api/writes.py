"""The API's writes: each one calls the service of the app that owns the data.

These functions only turn validated API input into service arguments; the services
check the rules (a unique KvK number, the contact person is an adviser, a deadline is
completed once) and raise Django's ``ValidationError``, which the API answers with 400.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from werkpunt.employers import services as employer_services
from werkpunt.placements import services as placement_services

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from werkpunt.employers.models import Employer, Request
    from werkpunt.placements.models import Deadline

EMPLOYER_FIELDS = ("name", "kvk_number", "sector", "size", "municipality")


def _contact_person(user_id: int) -> User:
    user = get_user_model().objects.select_related("profile").filter(pk=user_id).first()
    if user is None:
        raise ValidationError(
            {"contact_person": _("Kies als contactpersoon een adviseur van een van de partners.")}
        )
    return user


def employer_create(*, user: User, data: dict[str, Any]) -> Employer:
    """A new employer; without ``contact_person`` the caller becomes the contact person."""
    missing = [field for field in EMPLOYER_FIELDS if field not in data]
    if missing:  # pragma: no cover - the serializer requires them on create
        raise ValidationError({field: _("Vul dit veld in.") for field in missing})
    contact = _contact_person(data["contact_person"]) if "contact_person" in data else user
    return employer_services.employer_create(
        **{field: data[field] for field in EMPLOYER_FIELDS}, contact_person=contact, by=user
    )


def employer_update(*, user: User, employer: Employer, data: dict[str, Any]) -> Employer:
    """Change the fields in ``data``; the others keep their value (PATCH)."""
    values = {field: data.get(field, getattr(employer, field)) for field in EMPLOYER_FIELDS}
    contact = (
        _contact_person(data["contact_person"])
        if "contact_person" in data
        else employer.contact_person
    )
    return employer_services.employer_update(
        employer=employer, **values, contact_person=contact, by=user
    )


def request_answer(*, user: User, request: Request, answer: str) -> Request:
    """Record the answer given to the employer; the request is then done."""
    return employer_services.request_answer(request=request, answer=answer, by=user)


def deadline_complete(*, user: User, deadline: Deadline) -> Deadline:
    """Mark the deadline as done, by ``user``, now."""
    return placement_services.deadline_complete(deadline=deadline, by=user)
