"""The endpoints of API v1: thin views over the selectors and services of the other apps.

Every endpoint checks, in this order: who is calling (token or session, else 401), the
second factor for staff and the role (else 403), then fetches objects only through the
scoped selectors (an object outside the caller's scope is 404, as on the screens).
Worker data is shown per placement only where ``placements.selectors`` allows it, and
each such read writes an audit event with reason "API".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone, translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from werkpunt.accounts.models import AuditAction, Role
from werkpunt.accounts.services import audit_record
from werkpunt.api import access, scoping, writes
from werkpunt.api.authentication import ApiTokenAuthentication, CsrfSessionAuthentication
from werkpunt.api.errors import api_exception_handler
from werkpunt.api.pagination import Pages
from werkpunt.api.schema import ApiAutoSchema
from werkpunt.api.serializers import (
    DeadlineFilterSerializer,
    DeadlineSerializer,
    EmployerFilterSerializer,
    EmployerInputSerializer,
    EmployerSerializer,
    ErrorSerializer,
    PlacementFilterSerializer,
    PlacementSerializer,
    RequestAnswerSerializer,
    RequestFilterSerializer,
    RequestSerializer,
    ValidationErrorSerializer,
)
from werkpunt.api.throttling import THROTTLES
from werkpunt.employers import models as employer_models
from werkpunt.employers.models import Employer, EmployerLocation, Status
from werkpunt.placements.models import Deadline, Helper, Placement
from werkpunt.placements.selectors import (
    can_change_placement,
    can_see_situation,
    can_see_worker_name,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from rest_framework.request import Request

#: The reason in the audit trail for every read of worker data through the API.
AUDIT_REASON = "API"
#: The personal data of a request (the person who asked), as the request screen logs it.
REQUEST_CONTACT_FIELDS = ["name", "email", "phone", "message"]


def _errors(*codes: int) -> dict[int, OpenApiResponse]:
    texts = {
        400: ("Onjuiste invoer; per veld staat wat er niet klopt.", ValidationErrorSerializer),
        401: ("Niet ingelogd en geen (geldige) token.", ErrorSerializer),
        403: ("Uw rol mag dit niet, of de tweede stap ontbreekt.", ErrorSerializer),
        404: ("Bestaat niet, of valt buiten wat u mag zien.", ErrorSerializer),
        429: ("Te veel verzoeken; zie de header Retry-After.", ErrorSerializer),
    }
    return {
        code: OpenApiResponse(response=texts[code][1], description=texts[code][0]) for code in codes
    }


def acting_user(request: Request) -> User:
    """The caller of a write; the permission check already made sure it is a logged-in user."""
    user = request.user
    assert user is not None
    assert user.is_authenticated
    return user


def _ok(serializer: Any, text: str) -> OpenApiResponse:
    return OpenApiResponse(response=serializer, description=text)


def _id(what: str) -> OpenApiParameter:
    return OpenApiParameter(
        "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=f"Id van {what}."
    )


READ_ERRORS = (400, 401, 403, 404, 429)  # 404: a page past the last one
DETAIL_ERRORS = (401, 403, 404, 429)
WRITE_ERRORS = (400, 401, 403, 404, 429)


class ApiViewSet(viewsets.GenericViewSet[Any]):
    """What every endpoint shares: authentication, roles, throttles, pages, JSON, Dutch."""

    schema = ApiAutoSchema()
    authentication_classes = (ApiTokenAuthentication, CsrfSessionAuthentication)
    permission_classes = (access.RoleAccess,)
    throttle_classes = THROTTLES
    pagination_class = Pages
    renderer_classes = (JSONRenderer,)
    parser_classes = (JSONParser,)
    # Any path segment reaches get_object, so "1.5" or "abc" get the JSON 404 too.
    lookup_value_regex = "[^/]+"
    read_roles: ClassVar[frozenset[Role]] = frozenset()
    write_roles: ClassVar[frozenset[Role]] = frozenset()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # The API speaks Dutch, whatever Accept-Language says (docs/api.md).
        with translation.override("nl"):
            return super().dispatch(request, *args, **kwargs)

    def get_exception_handler(self) -> Any:
        return api_exception_handler

    def get_object(self) -> Any:
        """The object of the URL, if the caller may see it; 404 otherwise (also for "abc")."""
        value = str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, ""))
        if not value.isascii() or not value.isdigit() or not 0 < int(value) < 2**63:
            raise NotFound
        obj = self.get_queryset().filter(pk=int(value)).first()
        if obj is None:
            raise NotFound
        self.check_object_permissions(self.request, obj)
        return obj

    def filters(self, serializer_class: type[Any]) -> dict[str, Any]:
        """The query parameters, checked (400 with Dutch messages when wrong)."""
        serializer = serializer_class(data=self.request.query_params)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def paged(self, queryset: QuerySet[Any], **context: Any) -> Response:
        page = self.paginate_queryset(queryset)
        items = list(page) if page is not None else list(queryset)
        data = self.serialize(items, many=True, **context)
        if page is None:  # pragma: no cover - pagination is always on
            return Response(data)
        return self.get_paginated_response(data)

    def serialize(self, obj: Any, *, many: bool = False, **context: Any) -> Any:
        serializer_class = self.get_serializer_class()
        return serializer_class(
            obj, many=many, context={**self.get_serializer_context(), **context}
        ).data


# --- Employers -----------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        operation_id="employers_list",
        summary="Werkgevers zoeken",
        description=(
            "Adviseurs en teamleiders zien alle werkgevers; een werkgever alleen het eigen "
            "bedrijf. Zoek met q op (een deel van) de naam of het begin van het KvK-nummer."
        ),
        parameters=[EmployerFilterSerializer],
        responses={
            200: _ok(EmployerSerializer(many=True), "Een pagina met werkgevers."),
            **_errors(*READ_ERRORS),
        },
    ),
    retrieve=extend_schema(
        operation_id="employers_retrieve",
        parameters=[_id("de werkgever")],
        summary="Eén werkgever",
        responses={200: _ok(EmployerSerializer, "De werkgever."), **_errors(*DETAIL_ERRORS)},
    ),
    create=extend_schema(
        operation_id="employers_create",
        summary="Werkgever toevoegen",
        description="Alleen adviseurs en teamleiders. Het KvK-nummer moet uniek zijn.",
        request=EmployerInputSerializer,
        responses={
            201: _ok(EmployerSerializer, "De nieuwe werkgever."),
            **_errors(400, 401, 403, 429),
        },
    ),
    update=extend_schema(
        operation_id="employers_update",
        parameters=[_id("de werkgever")],
        summary="Werkgever wijzigen (alle velden)",
        request=EmployerInputSerializer,
        responses={200: _ok(EmployerSerializer, "De werkgever."), **_errors(*WRITE_ERRORS)},
    ),
    partial_update=extend_schema(
        operation_id="employers_partial_update",
        parameters=[_id("de werkgever")],
        summary="Werkgever wijzigen (alleen de gegeven velden)",
        request=EmployerInputSerializer,
        responses={200: _ok(EmployerSerializer, "De werkgever."), **_errors(*WRITE_ERRORS)},
    ),
)
class EmployerViewSet(ApiViewSet):
    queryset = Employer.objects.none()  # tells the schema the model; rows come from get_queryset
    serializer_class = EmployerSerializer
    read_roles = access.EMPLOYER_READ_ROLES
    write_roles = access.CASE_ROLES
    http_method_names = ["get", "post", "put", "patch", "head"]  # noqa: RUF012 - as Django declares it

    def get_queryset(self) -> QuerySet[Any]:
        return scoping.employers_visible_to(user=self.request.user).prefetch_related(
            Prefetch("locations", queryset=EmployerLocation.objects.order_by("pk"))
        )

    def list(self, request: Request) -> Response:
        query = self.filters(EmployerFilterSerializer).get("q", "")
        employers = scoping.employer_search(user=request.user, query=query).prefetch_related(
            Prefetch("locations", queryset=EmployerLocation.objects.order_by("pk"))
        )
        return self.paged(employers)

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(self.serialize(self.get_object()))

    def create(self, request: Request) -> Response:
        serializer = EmployerInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        employer = writes.employer_create(user=acting_user(request), data=serializer.validated_data)
        employer = self.get_queryset().get(pk=employer.pk)
        return Response(self.serialize(employer), status=status.HTTP_201_CREATED)

    def update(self, request: Request, pk: str, partial: bool = False) -> Response:
        employer = self.get_object()
        serializer = EmployerInputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        writes.employer_update(
            user=acting_user(request), employer=employer, data=serializer.validated_data
        )
        return Response(self.serialize(self.get_queryset().get(pk=employer.pk)))

    def partial_update(self, request: Request, pk: str) -> Response:
        return self.update(request, pk, partial=True)


# --- Requests ------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        operation_id="requests_list",
        summary="Vragen van werkgevers",
        description=(
            "Adviseurs en teamleiders zien alle vragen; een werkgever alleen de eigen vragen. "
            "Filter op status, owner=me (vragen die u behandelt) en overdue=true (te laat)."
        ),
        parameters=[RequestFilterSerializer],
        responses={
            200: _ok(RequestSerializer(many=True), "Een pagina met vragen."),
            **_errors(*READ_ERRORS),
        },
    ),
    retrieve=extend_schema(
        operation_id="requests_retrieve",
        parameters=[_id("de vraag")],
        summary="Eén vraag",
        responses={200: _ok(RequestSerializer, "De vraag."), **_errors(*DETAIL_ERRORS)},
    ),
    answer=extend_schema(
        operation_id="requests_answer",
        parameters=[_id("de vraag")],
        summary="Vraag beantwoorden",
        description=(
            "Alleen adviseurs en teamleiders. Legt vast wat u de werkgever hebt geantwoord "
            "(per telefoon of mail); de vraag is daarmee afgerond. Het eerste antwoord telt "
            "voor de reactietijd. Werkpunt mailt het antwoord niet zelf."
        ),
        request=RequestAnswerSerializer,
        responses={200: _ok(RequestSerializer, "De vraag."), **_errors(*WRITE_ERRORS)},
    ),
)
class RequestViewSet(ApiViewSet):
    queryset = (
        employer_models.Request.objects.none()
    )  # tells the schema the model; rows come from get_queryset
    serializer_class = RequestSerializer
    read_roles = access.REQUEST_READ_ROLES
    write_roles = access.CASE_ROLES
    http_method_names = ["get", "post", "head"]  # noqa: RUF012 - as Django declares it

    def get_queryset(self) -> QuerySet[Any]:
        return scoping.requests_visible_to(user=self.request.user)

    def list(self, request: Request) -> Response:
        wanted = self.filters(RequestFilterSerializer)
        now = timezone.now()
        requests = self.get_queryset()
        if wanted.get("status"):
            requests = requests.filter(status=wanted["status"])
        if wanted.get("owner") == "me":
            requests = requests.filter(owner_id=request.user.pk)
        if wanted.get("overdue") is True:
            requests = requests.exclude(status=Status.DONE).filter(call_back_by__lt=now)
        elif wanted.get("overdue") is False:
            requests = requests.exclude(
                call_back_by__lt=now, status__in=[Status.NEW, Status.IN_PROGRESS]
            )
        page = self.paginate_queryset(requests.order_by("-created_at", "-pk"))
        items = list(page or [])
        audit_requests(request=request, items=items)
        return self.get_paginated_response(self.serialize(items, many=True, now=now))

    def retrieve(self, request: Request, pk: str) -> Response:
        item = self.get_object()
        audit_requests(request=request, items=[item])
        return Response(self.serialize(item))

    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str) -> Response:
        item = self.get_object()
        serializer = RequestAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        writes.request_answer(
            user=acting_user(request),
            request=item,
            answer=serializer.validated_data["answer"],
        )
        return Response(self.serialize(self.get_queryset().get(pk=item.pk)))


def audit_requests(*, request: Request, items: list[Any]) -> None:
    """The contact data of each request shown goes in the audit trail, as on the screen."""
    for item in items:
        audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            obj=item,
            fields=REQUEST_CONTACT_FIELDS,
            reason=AUDIT_REASON,
        )


# --- Placements ----------------------------------------------------------------------------


def worker_access(*, request: Request, placements: list[Placement]) -> dict[int, tuple[bool, bool]]:
    """Per placement: may the caller see the worker's name, and the situation?

    Each placement whose worker data is shown gets an audit event (reason "API").
    """
    user = request.user
    result: dict[int, tuple[bool, bool]] = {}
    for placement in placements:
        name = can_see_worker_name(user=user, placement=placement)
        situation = name and can_see_situation(user=user, placement=placement)
        result[placement.pk] = (name, situation)
        if name and placement.worker.anonymised_at is None:
            shown = ["worker.display_name"]
            if situation:
                shown += ["worker.birth_date", "situation"]
            audit_record(
                actor=user,
                action=AuditAction.VIEW,
                obj=placement,
                fields=shown,
                reason=AUDIT_REASON,
            )
    return result


@extend_schema_view(
    list=extend_schema(
        operation_id="placements_list",
        summary="Plaatsingen",
        description=(
            "Adviseurs en teamleiders zien alle plaatsingen, een jobcoach alleen de eigen, een "
            "werkgever die van het eigen bedrijf. De naam van de werknemer staat er alleen bij "
            "voor wie betrokken is (en voor de eigen werkgever); de situatie alleen voor "
            "betrokken medewerkers. Elke keer dat die gegevens worden getoond, komt dat in "
            "het auditlog."
        ),
        parameters=[PlacementFilterSerializer],
        responses={
            200: _ok(PlacementSerializer(many=True), "Een pagina met plaatsingen."),
            **_errors(*READ_ERRORS),
        },
    ),
    retrieve=extend_schema(
        operation_id="placements_retrieve",
        parameters=[_id("de plaatsing")],
        summary="Eén plaatsing",
        responses={200: _ok(PlacementSerializer, "De plaatsing."), **_errors(*DETAIL_ERRORS)},
    ),
)
class PlacementViewSet(ApiViewSet):
    queryset = Placement.objects.none()  # tells the schema the model; rows come from get_queryset
    serializer_class = PlacementSerializer
    read_roles = access.PLACEMENT_READ_ROLES
    http_method_names = ["get", "head"]  # noqa: RUF012 - as Django declares it

    def get_queryset(self) -> QuerySet[Any]:
        return scoping.placements_visible_to(user=self.request.user).prefetch_related(
            Prefetch("helpers", queryset=Helper.objects.order_by("-is_coordinator", "pk"))
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        wanted = self.filters(PlacementFilterSerializer)
        placements = self.get_queryset()
        if wanted.get("employer"):
            placements = placements.filter(employer_id=wanted["employer"])
        if wanted.get("status"):
            placements = placements.filter(status=wanted["status"])
        page = self.paginate_queryset(placements.order_by("-start_date", "-pk"))
        items = list(page or [])
        data = self.serialize(
            items, many=True, worker_access=worker_access(request=request, placements=items)
        )
        return self.get_paginated_response(data)

    def retrieve(self, request: Request, pk: str) -> Response:
        placement = self.get_object()
        return Response(
            self.serialize(
                placement, worker_access=worker_access(request=request, placements=[placement])
            )
        )


# --- Deadlines -----------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        operation_id="deadlines_list",
        summary="Termijnen",
        description=(
            "De termijnen van de plaatsingen die u mag zien. Filter op owner=me (waar u voor "
            "zorgt), placement (één plaatsing), status en due_before."
        ),
        parameters=[DeadlineFilterSerializer],
        responses={
            200: _ok(DeadlineSerializer(many=True), "Een pagina met termijnen."),
            **_errors(*READ_ERRORS),
        },
    ),
    retrieve=extend_schema(
        operation_id="deadlines_retrieve",
        parameters=[_id("de termijn")],
        summary="Eén termijn",
        responses={200: _ok(DeadlineSerializer, "De termijn."), **_errors(*DETAIL_ERRORS)},
    ),
    complete=extend_schema(
        operation_id="deadlines_complete",
        parameters=[_id("de termijn")],
        summary="Termijn afvinken",
        description=(
            "Een teamleider, of een adviseur die bij de plaatsing betrokken is (zoals op het "
            "scherm). Zet de termijn op gedaan, door u, nu. Er hoeft niets in de body."
        ),
        request=None,
        responses={200: _ok(DeadlineSerializer, "De termijn."), **_errors(*WRITE_ERRORS)},
    ),
)
class DeadlineViewSet(ApiViewSet):
    queryset = Deadline.objects.none()  # tells the schema the model; rows come from get_queryset
    serializer_class = DeadlineSerializer
    read_roles = access.PLACEMENT_READ_ROLES
    write_roles = access.DEADLINE_COMPLETE_ROLES
    http_method_names = ["get", "post", "head"]  # noqa: RUF012 - as Django declares it

    def get_queryset(self) -> QuerySet[Any]:
        return scoping.deadlines_visible_to(user=self.request.user)

    def list(self, request: Request) -> Response:
        wanted = self.filters(DeadlineFilterSerializer)
        deadlines = self.get_queryset()
        if wanted.get("owner") == "me":
            deadlines = deadlines.filter(owner_id=request.user.pk)
        if wanted.get("placement"):
            deadlines = deadlines.filter(placement_id=wanted["placement"])
        if wanted.get("status"):
            deadlines = deadlines.filter(status=wanted["status"])
        if wanted.get("due_before"):
            deadlines = deadlines.filter(due_date__lt=wanted["due_before"])
        return self.paged(deadlines.order_by("due_date", "pk"))

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(self.serialize(self.get_object()))

    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str) -> Response:
        deadline = self.get_object()
        if not can_change_placement(user=request.user, placement=deadline.placement):
            raise PermissionDenied(access.NOT_INVOLVED)
        writes.deadline_complete(user=acting_user(request), deadline=deadline)
        return Response(self.serialize(self.get_queryset().get(pk=deadline.pk)))
