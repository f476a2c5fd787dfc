"""What the API sends and accepts. Output serializers are read-only; input ones validate.

Worker data is never read by a serializer on its own: :class:`PlacementSerializer` gets
the decision from the view (``context["worker_access"]``, per placement), which asks
``placements.selectors`` and writes the audit event.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from werkpunt.api import fields
from werkpunt.employers.models import (
    Employer,
    EmployerLocation,
    Municipality,
    PreferredContact,
    Request,
    Sector,
    SizeClass,
    Source,
    Status,
    Topic,
)
from werkpunt.placements.models import (
    ContractKind,
    Deadline,
    DeadlineStatus,
    Helper,
    HelperRole,
    Placement,
    PlacementStatus,
)

Out = serializers.Serializer  # shorthand: every output serializer is read-only

# --- People --------------------------------------------------------------------------------


def _name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


class PersonSerializer(Out[Any]):
    """A staff member, by name."""

    schema_description = "Een medewerker van een van de partners."

    id = serializers.IntegerField(read_only=True)
    name = serializers.SerializerMethodField(help_text="Voornaam en achternaam.")

    def get_name(self, user: Any) -> str:
        return _name(user)


class ContactPersonSerializer(PersonSerializer):
    """The one contact person of an employer: whom the employer calls."""

    schema_description = "De vaste contactpersoon van de werkgever: die belt u."

    email = serializers.EmailField(read_only=True)
    phone = serializers.SerializerMethodField(help_text="Telefoonnummer; leeg als onbekend.")
    organisation = serializers.SerializerMethodField(help_text="Partner waar de persoon werkt.")

    def get_phone(self, user: Any) -> str:
        profile = getattr(user, "profile", None)
        return str(profile.phone) if profile is not None else ""

    def get_organisation(self, user: Any) -> str:
        profile = getattr(user, "profile", None)
        return str(profile.organisation.name) if profile is not None else ""


# --- Employers -----------------------------------------------------------------------------


class LocationSerializer(Out[EmployerLocation]):
    """A place where the employer has work."""

    schema_description = "Een vestiging van de werkgever."

    name = serializers.CharField(read_only=True)
    street = serializers.CharField(read_only=True)
    postcode = serializers.CharField(read_only=True)
    place = serializers.CharField(read_only=True)
    municipality = serializers.ChoiceField(choices=Municipality.choices, read_only=True)


class EmployerSerializer(Out[Employer]):
    """The one employer record shared by all partners."""

    schema_description = "Een werkgever: één gedeeld dossier voor alle partners."

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    kvk_number = serializers.CharField(read_only=True, help_text="KvK-nummer, 8 cijfers.")
    sector = serializers.ChoiceField(choices=Sector.choices, read_only=True)
    size = serializers.ChoiceField(choices=SizeClass.choices, read_only=True)
    municipality = serializers.ChoiceField(
        choices=Municipality.choices, read_only=True, help_text="Gemeente van de hoofdvestiging."
    )
    contact_person = ContactPersonSerializer(read_only=True)
    locations = LocationSerializer(many=True, read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


#: The message for a KvK number that is not 8 digits (the model's validator says the same).
KVK_MESSAGE = _("Een KvK-nummer heeft 8 cijfers, bijvoorbeeld 01234567.")


class EmployerInputSerializer(fields.DutchSerializer):
    """A new employer, or changes to one (PATCH: only the fields that change)."""

    schema_description = (
        "Een nieuwe werkgever, of wijzigingen (bij PATCH alleen de velden die veranderen)."
    )

    name = fields.text(label="de naam", max_length=200)
    kvk_number = fields.text(
        label="het KvK-nummer",
        max_length=20,
        help_text="8 cijfers, bijvoorbeeld 01234567 (spaties mogen, die vallen weg).",
    )
    sector = fields.choice(label="de sector", choices=Sector.choices)
    size = fields.choice(label="de grootte", choices=SizeClass.choices)
    municipality = fields.choice(label="de gemeente", choices=Municipality.choices)
    contact_person = fields.integer(
        label="de contactpersoon",
        required=False,
        help_text=(
            "Gebruiker-id van de vaste contactpersoon (een adviseur). Bij een nieuwe "
            "werkgever zonder dit veld wordt u zelf de contactpersoon."
        ),
    )

    def validate_name(self, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise serializers.ValidationError(_("Vul de naam in."), code="blank")
        return value

    def validate_kvk_number(self, value: str) -> str:
        value = value.replace(" ", "")
        if len(value) != 8 or not value.isascii() or not value.isdigit():
            raise serializers.ValidationError(KVK_MESSAGE, code="invalid_kvk")
        return value


# --- Requests ------------------------------------------------------------------------------


class RequestSerializer(Out[Request]):
    """A question of an employer who wants to be called or mailed back."""

    schema_description = "Een vraag van een werkgever die teruggebeld of gemaild wil worden."

    id = serializers.IntegerField(read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    topic = serializers.ChoiceField(choices=Topic.choices, read_only=True)
    message = serializers.CharField(read_only=True, help_text="De vraag.")
    name = serializers.CharField(read_only=True, help_text="Naam van wie de vraag stelde.")
    organisation = serializers.CharField(read_only=True, help_text="Bedrijf, zoals ingevuld.")
    email = serializers.CharField(read_only=True, help_text="E-mailadres; kan leeg zijn.")
    phone = serializers.CharField(read_only=True, help_text="Telefoonnummer; kan leeg zijn.")
    municipality = serializers.ChoiceField(
        choices=Municipality.choices, read_only=True, allow_blank=True
    )
    preferred_contact = serializers.ChoiceField(choices=PreferredContact.choices, read_only=True)
    # "source" and "errors" are also attributes of DRF fields; the names are part of the API.
    source = serializers.ChoiceField(choices=Source.choices, read_only=True)  # type: ignore[assignment]
    employer = serializers.IntegerField(
        source="employer_id",
        read_only=True,
        allow_null=True,
        help_text="Id van de werkgever, of null.",
    )
    owner = PersonSerializer(read_only=True, allow_null=True, help_text="Wie de vraag behandelt.")
    created_at = serializers.DateTimeField(read_only=True, help_text="Ontvangen op.")
    call_back_by = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="Uiterlijk terugbellen op."
    )
    answered_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="Eerste antwoord gegeven op."
    )
    answer = serializers.CharField(
        read_only=True, help_text="Het antwoord; leeg als er nog geen is."
    )
    overdue = serializers.SerializerMethodField(
        help_text="True als de vraag nog open is en de terugbeldatum voorbij is."
    )

    def get_overdue(self, request: Request) -> bool:
        now = self.context.get("now") or timezone.now()
        return (
            request.status != Status.DONE
            and request.call_back_by is not None
            and request.call_back_by < now
        )


class RequestAnswerSerializer(fields.DutchSerializer):
    """What the adviser answered the employer (by phone or mail)."""

    schema_description = "Wat u de werkgever hebt geantwoord (per telefoon of mail)."

    answer = fields.text(label="het antwoord", max_length=4000)

    def validate_answer(self, value: str) -> str:
        value = value.strip()
        if not value:
            raise serializers.ValidationError(_("Vul het antwoord in."), code="blank")
        return value


# --- Placements ----------------------------------------------------------------------------


class HelperSerializer(Out[Helper]):
    """A person around the worker: whom to call."""

    schema_description = "Iemand rond de werknemer: wie u kunt bellen."

    role = serializers.ChoiceField(choices=HelperRole.choices, read_only=True)
    name = serializers.CharField(read_only=True)
    organisation_name = serializers.CharField(read_only=True)
    phone = serializers.CharField(read_only=True)
    email = serializers.CharField(read_only=True)
    is_coordinator = serializers.BooleanField(read_only=True)


class WorkerSerializer(Out[Any]):
    """The worker: only for those involved (and the own employer: the name only)."""

    schema_description = (
        "De werknemer. Alleen voor wie betrokken is; de werkgever ziet alleen de naam."
    )

    display_name = serializers.CharField(read_only=True, help_text="Voornaam en eerste letter.")
    birth_date = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="Alleen voor betrokken medewerkers; anders null.",
    )


class EmployerRefSerializer(Out[Employer]):
    """The employer of a placement, by name."""

    schema_description = "De werkgever van een plaatsing."
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class PlacementSerializer(Out[Placement]):
    """One worker at one employer. ``worker`` and ``situation`` only for who may see them."""

    schema_description = "Eén werknemer bij één werkgever."

    id = serializers.IntegerField(read_only=True)
    employer = EmployerRefSerializer(read_only=True)
    job_title = serializers.CharField(read_only=True)
    start_date = serializers.DateField(read_only=True)
    end_date = serializers.DateField(read_only=True, allow_null=True)
    hours_per_week = serializers.DecimalField(max_digits=4, decimal_places=1, read_only=True)
    hourly_wage_cents = serializers.IntegerField(
        read_only=True, help_text="Bruto uurloon in eurocent."
    )
    contract = serializers.ChoiceField(choices=ContractKind.choices, read_only=True)
    status = serializers.ChoiceField(choices=PlacementStatus.choices, read_only=True)
    instruments = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Codes van de gekozen regelingen."
    )
    ended_on = serializers.DateField(read_only=True, allow_null=True)
    helpers = HelperSerializer(many=True, read_only=True)
    worker = serializers.SerializerMethodField(
        help_text="De werknemer; null als u die gegevens niet mag zien."
    )
    situation = serializers.SerializerMethodField(
        help_text=(
            "De situatie achter de plaatsing (uitkering, indicatie); alleen voor betrokken "
            "medewerkers, anders null."
        )
    )

    def _access(self, placement: Placement) -> tuple[bool, bool]:
        access: dict[int, tuple[bool, bool]] = self.context.get("worker_access", {})
        return access.get(placement.pk, (False, False))

    @extend_schema_field(WorkerSerializer(allow_null=True))
    def get_worker(self, placement: Placement) -> dict[str, Any] | None:
        name, situation = self._access(placement)
        if not name:
            return None
        worker = placement.worker
        return {
            "display_name": worker.display_name,
            "birth_date": worker.birth_date.isoformat()
            if situation and worker.birth_date
            else None,
        }

    @extend_schema_field({"type": "object", "additionalProperties": True, "nullable": True})
    def get_situation(self, placement: Placement) -> dict[str, Any] | None:
        _name_visible, situation = self._access(placement)
        if not situation:
            return None
        value = placement.situation
        return dict(value) if isinstance(value, dict) else {}


# --- Deadlines -----------------------------------------------------------------------------


class DeadlineSerializer(Out[Deadline]):
    """Something that must happen by a date, from the rules of a placement."""

    schema_description = (
        "Iets dat vóór een datum moet gebeuren, volgens de regels van een plaatsing."
    )

    id = serializers.IntegerField(read_only=True)
    placement = serializers.IntegerField(
        source="placement_id", read_only=True, help_text="Id van de plaatsing."
    )
    code = serializers.CharField(read_only=True, help_text="Code van de actie in de regels.")
    title = serializers.CharField(read_only=True, help_text="Wat er moet gebeuren.")
    due_date = serializers.DateField(read_only=True, help_text="Uiterlijke datum.")
    owner = PersonSerializer(read_only=True, help_text="Wie ervoor zorgt.")
    amount_at_stake_cents = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Geld dat verloren gaat als de termijn wordt gemist, in eurocent; null als onbekend.",
    )
    status = serializers.ChoiceField(choices=DeadlineStatus.choices, read_only=True)
    done_at = serializers.DateTimeField(read_only=True, allow_null=True)


# --- Query parameters ----------------------------------------------------------------------


class EmployerFilterSerializer(fields.DutchSerializer):
    q = fields.text(
        label="de zoekterm",
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Zoek op (een deel van) de naam of het begin van het KvK-nummer.",
    )


OWNER_CHOICES = [("me", "Alleen van mij")]


class RequestFilterSerializer(fields.DutchSerializer):
    status = fields.choice(label="de status", choices=Status.choices, required=False)
    owner = fields.choice(
        label="de behandelaar",
        choices=OWNER_CHOICES,
        required=False,
        help_text="me: alleen de vragen die u behandelt.",
    )
    overdue = fields.boolean(
        label="te laat",
        help_text="true: alleen open vragen waarvan de terugbeldatum voorbij is.",
    )


class PlacementFilterSerializer(fields.DutchSerializer):
    employer = fields.integer(
        label="de werkgever", required=False, help_text="Id van de werkgever."
    )
    status = fields.choice(label="de status", choices=PlacementStatus.choices, required=False)


class DeadlineFilterSerializer(fields.DutchSerializer):
    owner = fields.choice(
        label="de eigenaar",
        choices=OWNER_CHOICES,
        required=False,
        help_text="me: alleen de termijnen waar u voor zorgt.",
    )
    placement = fields.integer(
        label="de plaatsing", required=False, help_text="Alleen de termijnen van deze plaatsing."
    )
    status = fields.choice(label="de status", choices=DeadlineStatus.choices, required=False)
    due_before = fields.date(
        label="uiterlijk vóór",
        required=False,
        help_text="Alleen termijnen met een uiterlijke datum vóór deze dag (2026-12-01).",
    )


# --- Errors (for the schema) ---------------------------------------------------------------


class ErrorSerializer(Out[Any]):
    """Every error: a Dutch sentence and a code."""

    schema_description = "Een fout: een Nederlandse zin en een vaste code."

    detail = serializers.CharField(read_only=True, help_text="Wat er mis is, in het Nederlands.")
    code = serializers.CharField(read_only=True, help_text="Vaste code, bijvoorbeeld not_found.")


class ValidationErrorSerializer(ErrorSerializer):
    """Wrong input: per field what is wrong (``non_field_errors`` for the whole)."""

    schema_description = "Onjuiste invoer: per veld wat er niet klopt."

    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        read_only=True,
        help_text="Per veld de fouten, in het Nederlands.",
    )
