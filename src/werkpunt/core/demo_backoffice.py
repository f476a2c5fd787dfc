"""Fictitious, lived-in demo data for the back office: ``werkpunt manage demo_backoffice``.

What it makes (docs/demo.md has the whole list and the logins):

- the seven partners (six municipalities, UWV) and the WSP programme office;
- staff of every role, each with a confirmed authenticator app whose secret is derived
  from the user name and ``SECRET_KEY`` (demo only: ``werkpunt manage demo_code <name>``
  prints the current code), and a few employer users;
- 40 small Drenthe employers with locations and a contact log, about 30 requests in
  every state, 60 placements in every phase and a few law signals.

Everything goes through the apps' services where one exists (``employer_create``,
``request_register``, ``placement_create``, ``deadline_complete``, ...), so deadlines come
from the rules and the after-sales plan from the settings. The services stamp "now";
the generator then moves those timestamps into the past with plain updates (the only
direct writes on other apps' data besides users, organisations and the demo TOTP
devices, for which the accounts app has no service).

Everything is relative to today, with a fixed random seed: two runs on the same day
give the same data. A second run does not add anything (the employers' KvK numbers
mark the demo); ``reset=True`` removes the demo employers, requests and placements and
builds them again with today's dates. Users and organisations are kept and updated.

No user-facing screen shows these strings through gettext: they are data, in Dutch.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Max, Q
from django.test.utils import override_settings
from django.utils import timezone

from werkpunt.accounts import services as account_services
from werkpunt.accounts import totp
from werkpunt.accounts.models import (
    STAFF_ROLES,
    Organisation,
    OrganisationKind,
    Profile,
    Role,
    TotpDevice,
)
from werkpunt.employers import services as employer_services
from werkpunt.employers.models import (
    ContactKind,
    ContactLogEntry,
    Employer,
    Request,
    Sector,
    SizeClass,
    Source,
    Topic,
)
from werkpunt.employers.workdays import AMSTERDAM, callback_deadline, is_working_day
from werkpunt.placements import services as placement_services
from werkpunt.placements.models import (
    AfterSalesTask,
    ContractKind,
    Deadline,
    DeadlineStatus,
    HelperRole,
    Placement,
    PlacementStatus,
    Sustainability,
    Worker,
)
from werkpunt.placements.services import add_months
from werkpunt.rules import evaluate, parse_situation
from werkpunt.signals import services as signal_services
from werkpunt.signals.models import LawSignal

#: Every account the demo makes has an address at this domain (RFC 2606 reserves ``.test``).
#: ``demo_code`` works only for such accounts.
DEMO_EMAIL_DOMAIN = "demo.werkpunt.test"
#: The password of every demo account unless ``WERKPUNT_DEMO_PASSWORD`` is set.
DEFAULT_PASSWORD = "drenthe-demo-2026"  # noqa: S105 - a documented demo value
PASSWORD_ENV = "WERKPUNT_DEMO_PASSWORD"  # noqa: S105 - the name of a variable
#: Set to ``true`` to allow the demo with DEBUG off (a test or staging server).
ALLOW_ENV = "WERKPUNT_ALLOW_DEMO"
#: The fixed seed: the same data every run.
SEED = 20261128
#: Work that is late by at most this many days stays open ("te laat" in "mijn werk");
#: an older deadline nobody did is marked missed.
LATE_WINDOW_DAYS = 21
#: The placements (counted per phase) where one deadline with money at stake was missed.
MISSED_ORDINALS = (3, 9, 14)
#: Addresses of fictitious employers and people (``.example`` is reserved by RFC 2606).
EXAMPLE_TLD = "example"

TRUE_WORDS = frozenset({"1", "true", "yes", "ja", "on"})


class DemoRefused(Exception):  # noqa: N818 - a refusal, shown to the user as is
    """The demo may not run here, or the account is not a demo account. The text is Dutch."""


# --- Guard and the demo second factor -------------------------------------------------------


def demo_allowed() -> bool:
    """True with DEBUG on (``tasks.py run``) or with ``WERKPUNT_ALLOW_DEMO=true``."""
    return bool(settings.DEBUG) or os.environ.get(ALLOW_ENV, "").strip().lower() in TRUE_WORDS


def check_demo_allowed() -> None:
    if not demo_allowed():
        raise DemoRefused(
            "De demo maakt accounts met een bekend wachtwoord. Daarom draait hij alleen met "
            f"WERKPUNT_DEBUG=true (zoals bij 'python3 tasks.py run') of met {ALLOW_ENV}=true. "
            "Zet dat nooit op een server met echte gegevens."
        )


def demo_password() -> str:
    return os.environ.get(PASSWORD_ENV, "").strip() or DEFAULT_PASSWORD


def demo_email(username: str) -> str:
    return f"{username}@{DEMO_EMAIL_DOMAIN}"


def is_demo_user(user: Any) -> bool:
    """An account made by the demo: its e-mail address is at :data:`DEMO_EMAIL_DOMAIN`."""
    email = str(getattr(user, "email", "") or "").strip().lower()
    return email.endswith("@" + DEMO_EMAIL_DOMAIN)


def demo_totp_secret(username: str) -> str:
    """The authenticator secret of a demo account (base32, 32 characters).

    HMAC-SHA1 of the user name with ``SECRET_KEY``: the same on every run of one
    installation, and not computable from the user name alone. Demo only.
    """
    key = str(settings.SECRET_KEY).encode("utf-8")
    digest = hmac.new(key, f"werkpunt-demo-totp:{username}".encode(), hashlib.sha1).digest()
    return base64.b32encode(digest).decode("ascii").rstrip("=")


@dataclass(frozen=True)
class DemoCode:
    username: str
    code: str
    valid_until: dt.datetime
    secret: str


def demo_code_for(username: str, *, at: float | None = None) -> DemoCode:
    """The code a demo account can type now. Raises :class:`DemoRefused` for anyone else.

    A code works once: when the current step was used already, the code of the next
    step is given (the login accepts one step ahead).
    """
    check_demo_allowed()
    user_model = get_user_model()
    user = (
        user_model.objects.filter(username=username).first()
        or user_model.objects.filter(email__iexact=username).first()
    )
    if user is None:
        raise DemoRefused(f"Er is geen account met de naam {username!r}.")
    if not is_demo_user(user):
        raise DemoRefused(
            f"{user.get_username()} is geen demo-account. Deze opdracht geeft alleen codes "
            f"voor accounts van demo_backoffice (e-mailadres op @{DEMO_EMAIL_DOMAIN})."
        )
    profile = Profile.objects.filter(user=user).first()
    if profile is not None and profile.role == Role.EMPLOYER:
        raise DemoRefused(
            f"{user.get_username()} is een werkgever. Een werkgever logt in met alleen het "
            "wachtwoord; er is geen code nodig."
        )
    device = TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).first()
    secret = demo_totp_secret(user.get_username())
    if device is None:
        raise DemoRefused(f"{user.get_username()} heeft nog geen authenticator-app.")
    if not hmac.compare_digest(device.secret, secret):
        raise DemoRefused(
            f"{user.get_username()} heeft een eigen authenticator-app ingesteld. "
            "Gebruik de code uit die app."
        )
    moment = time.time() if at is None else at
    current = totp.time_step(moment)
    step = max(current, device.last_step + 1)
    if step > current + totp.WINDOW:
        raise DemoRefused(
            "De code van nu is al gebruikt. Wacht 30 seconden en probeer het opnieuw."
        )
    code = totp.hotp(totp.secret_bytes(secret), step)
    # The login accepts a step up to WINDOW steps after the current one.
    last_second = (current + totp.WINDOW + 1) * totp.STEP_SECONDS
    until = dt.datetime.fromtimestamp(last_second, tz=dt.UTC)
    return DemoCode(username=user.get_username(), code=code, valid_until=until, secret=secret)


# --- Organisations and people ----------------------------------------------------------------


@dataclass(frozen=True)
class PartnerSeed:
    slug: str
    name: str
    kind: OrganisationKind
    municipality: str = ""
    area_code: str = "088"


PARTNERS: tuple[PartnerSeed, ...] = (
    PartnerSeed("emmen", "Gemeente Emmen", OrganisationKind.MUNICIPALITY, "emmen", "0591"),
    PartnerSeed(
        "coevorden", "Gemeente Coevorden", OrganisationKind.MUNICIPALITY, "coevorden", "0524"
    ),
    PartnerSeed(
        "hoogeveen", "Gemeente Hoogeveen", OrganisationKind.MUNICIPALITY, "hoogeveen", "0528"
    ),
    PartnerSeed(
        "borger-odoorn",
        "Gemeente Borger-Odoorn",
        OrganisationKind.MUNICIPALITY,
        "borger-odoorn",
        "0599",
    ),
    PartnerSeed(
        "midden-drenthe",
        "Gemeente Midden-Drenthe",
        OrganisationKind.MUNICIPALITY,
        "midden-drenthe",
        "0593",
    ),
    PartnerSeed(
        "de-wolden", "Gemeente De Wolden", OrganisationKind.MUNICIPALITY, "de-wolden", "0528"
    ),
    PartnerSeed("uwv", "UWV", OrganisationKind.UWV, "", "088"),
    PartnerSeed(
        "wsp", "Programmabureau WSP Drenthe", OrganisationKind.PROGRAMME_OFFICE, "", "0592"
    ),
)
PARTNER_BY_SLUG = {partner.slug: partner for partner in PARTNERS}


@dataclass(frozen=True)
class StaffSeed:
    username: str
    first_name: str
    last_name: str
    role: Role
    organisation: str


STAFF: tuple[StaffSeed, ...] = (
    StaffSeed("adviseur.emmen", "Marieke", "Jalving", Role.ADVISER, "emmen"),
    StaffSeed("adviseur.emmen2", "Bram", "Lubbers", Role.ADVISER, "emmen"),
    StaffSeed("adviseur.coevorden", "Esther", "Hofstee", Role.ADVISER, "coevorden"),
    StaffSeed("adviseur.hoogeveen", "Roelof", "Kamping", Role.ADVISER, "hoogeveen"),
    StaffSeed("adviseur.borger-odoorn", "Femke", "Eising", Role.ADVISER, "borger-odoorn"),
    StaffSeed("adviseur.midden-drenthe", "Geert", "Nijhof", Role.ADVISER, "midden-drenthe"),
    StaffSeed("adviseur.de-wolden", "Hilde", "Brink", Role.ADVISER, "de-wolden"),
    StaffSeed("adviseur.uwv", "Niels", "Drenth", Role.ADVISER, "uwv"),
    StaffSeed("adviseur.uwv2", "Karin", "Boerema", Role.ADVISER, "uwv"),
    StaffSeed("adviseur.wsp", "Jeroen", "Mulder", Role.ADVISER, "wsp"),
    StaffSeed("teamleider.emmen", "Ingrid", "Hekkert", Role.TEAM_LEAD, "emmen"),
    StaffSeed("teamleider.uwv", "Marco", "Kuipers", Role.TEAM_LEAD, "uwv"),
    StaffSeed("jobcoach.emmen", "Sanne", "Wolters", Role.JOBCOACH, "emmen"),
    StaffSeed("jobcoach.hoogeveen", "Harm", "Oosting", Role.JOBCOACH, "hoogeveen"),
    StaffSeed("redacteur.wsp", "Lieke", "Dijkstra", Role.EDITOR, "wsp"),
    StaffSeed("beheerder.wsp", "Wim", "Schuiling", Role.ADMINISTRATOR, "wsp"),
    StaffSeed("bestuur.wsp", "Jannie", "Smeenge", Role.BOARD, "wsp"),
)
#: The adviser whose "mijn werk" the demo fills best (named first in the summary).
SHOWCASE_ADVISER = "adviseur.emmen"


@dataclass(frozen=True)
class EmployerSeed:
    name: str
    sector: Sector
    size: SizeClass
    municipality: str
    place: str
    street: str
    postcode: str
    contact_person: str
    #: The employer's own person who asks questions (first and last name).
    asker: tuple[str, str]
    #: User name of a portal account (role werkgever), if this employer has one.
    portal_user: str = ""
    second_location: tuple[str, str, str, str] | None = None


#: The employers, one a line: name | sector | size | municipality | place | street |
#: postcode | contact person (user name) | who asks questions (first/last name) |
#: portal account (user name, or empty) | second location (name; street; postcode; place).
#: Fictitious firms with fictitious addresses.
EMPLOYER_TABLE = """
Supermarkt Hondsrugplein | detailhandel | 50-249 | emmen | Emmen | Hondsrugplein 4 | 7811 AB | adviseur.emmen | Rick/Veenstra | werkgever.supermarkt | Filiaal Angelslo; Angelslo 12; 7824 JA; Emmen
Metaalbewerking Bargeres | industrie | 10-49 | emmen | Emmen | Bargerweg 112 | 7823 PL | adviseur.uwv | Dennis/Hulshof
Zorgcentrum De Eshof | zorg | 50-249 | emmen | Emmen | Eshoflaan 20 | 7812 HM | adviseur.emmen2 | Annemiek/Timmer
Transportbedrijf Lanting | logistiek | 10-49 | emmen | Zwartemeer | Verlengde Herendiep 7 | 7894 AD | adviseur.emmen | Gerard/Lanting |  | Loods Nieuw-Schoonebeek; Europaweg 80; 7766 AK; Nieuw-Schoonebeek
Restaurant De Vlinderhof | horeca | 10-49 | emmen | Emmen | Raadhuisplein 9 | 7811 AP | adviseur.emmen2 | Sabine/Moes
Schoonmaakbedrijf Glans | schoonmaak | 50-249 | emmen | Emmen | Phileas Foggstraat 31 | 7821 AK | adviseur.emmen | Petra/Kremer
Bakkerij Klaassens | food | 10-49 | emmen | Nieuw-Amsterdam | Vaart NZ 61 | 7833 AB | adviseur.emmen | Jan/Klaassens
Administratiekantoor Rietlanden | kantoor | 1-9 | emmen | Emmen | Rietlandenweg 3 | 7812 AC | adviseur.emmen2 | Yvonne/Bouwman
Installatietechniek Snijders | bouw | 10-49 | emmen | Klazienaveen | Langestraat 88 | 7891 AH | adviseur.emmen | Albert/Snijders
Vleeswaren Hulsman | food | 50-249 | coevorden | Coevorden | Europaweg 30 | 7741 KW | adviseur.coevorden | Martin/Hulsman
Op- en Overslag Vechtdal | logistiek | 50-249 | coevorden | Coevorden | Nieuwe Haven 12 | 7741 NT | adviseur.uwv | Linda/Strijker |  | Opslag Oost; Holtdijk 4; 7741 KA; Coevorden
Akkerbouwbedrijf Ten Have | agrarisch | 1-9 | coevorden | Dalen | Hoofdstraat 142 | 7751 GK | adviseur.coevorden | Harry/ten Have
Vakantiepark Vechtoever | horeca | 10-49 | coevorden | Coevorden | Vechtdijk 3 | 7742 PA | adviseur.coevorden | Monique/Bruins
Bouwbedrijf Wolters | bouw | 10-49 | coevorden | Schoonoord | Tramstraat 5 | 7848 BA | adviseur.emmen | Erik/Wolters
Tuincentrum Het Sleenerzand | detailhandel | 10-49 | coevorden | Sleen | Dorpsstraat 40 | 7841 AB | adviseur.coevorden | Gea/Nijland
Installatiebedrijf Kamps | bouw | 10-49 | hoogeveen | Hoogeveen | Industrieweg 18 | 7903 AH | adviseur.hoogeveen | Johan/Kamps | werkgever.installateur | Werkplaats; Edisonstraat 9; 7903 AN; Hoogeveen
Drukkerij Vaartkant | industrie | 10-49 | hoogeveen | Hoogeveen | Hoofdstraat 210 | 7902 EM | adviseur.hoogeveen | Ria/Vos
Supermarkt Krakeel | detailhandel | 50-249 | hoogeveen | Hoogeveen | Krakeel 60 | 7908 AB | adviseur.hoogeveen | Tom/Koops
Thuiszorg Samen Thuis | zorg | 50-249 | hoogeveen | Hollandscheveld | Riegmeerweg 14 | 7912 TB | adviseur.uwv2 | Wilma/Pol
Autoschade Pesse | anders | 1-9 | hoogeveen | Pesse | Brinkstraat 2 | 7933 PB | adviseur.hoogeveen | Henk/Zwiers
Distributiecentrum Hoogeveen-Oost | logistiek | 250+ | hoogeveen | Hoogeveen | Buitenvaart 1201 | 7905 SH | adviseur.uwv | Saskia/de Groot |  | Crossdock; Buitenvaart 1305; 7905 SJ; Hoogeveen
Lunchroom Het Raadhuisplein | horeca | 1-9 | hoogeveen | Hoogeveen | Raadhuisplein 3 | 7901 BP | adviseur.wsp | Nienke/Oldenhuis
Kaasboerderij Exloërveld | food | 1-9 | borger-odoorn | Exloo | Zuiderhoofdstraat 11 | 7875 BT | adviseur.borger-odoorn | Jantina/Hadders
Hotel-Restaurant Hunzedal | horeca | 10-49 | borger-odoorn | Borger | Hoofdstraat 70 | 9531 AJ | adviseur.borger-odoorn | Ruud/Kiers
Meubelmakerij Odoorn | industrie | 10-49 | borger-odoorn | Odoorn | Industrieweg 6 | 7873 BZ | adviseur.uwv2 | Bert/Luinge
Tuinbouwbedrijf Zuiderdiep | agrarisch | 10-49 | borger-odoorn | Nieuw-Buinen | Zuiderdiep 250 | 9521 AL | adviseur.borger-odoorn | Klaas/Meijering |  | Kas 2; Zuiderdiep 262; 9521 AL; Nieuw-Buinen
Bouwmarkt Exloërmond | detailhandel | 10-49 | borger-odoorn | 2e Exloërmond | Noorderdiep 300 | 7887 AB | adviseur.borger-odoorn | Dirk/Ubbens
Zorgboerderij De Hunzehoeve | zorg | 1-9 | borger-odoorn | Buinerveen | Buinerveen 12 | 9524 TA | adviseur.wsp | Margreet/Veldman
Plantenkwekerij Beilerveld | agrarisch | 10-49 | midden-drenthe | Beilen | Eursinge 5 | 9411 VP | adviseur.midden-drenthe | Arjan/Beugeling
Melkveehouderij De Zwiggelte | agrarisch | 1-9 | midden-drenthe | Westerbork | Zwiggelte 8 | 9433 TC | adviseur.midden-drenthe | Jeannet/Tiemens
Fietsenwinkel Smilde | detailhandel | 1-9 | midden-drenthe | Smilde | Hoofdweg 40 | 9422 AB | adviseur.midden-drenthe | Kees/Brouwer
Metaalbedrijf Hooghalen | industrie | 10-49 | midden-drenthe | Hooghalen | Oude Tramweg 2 | 9414 AN | adviseur.uwv | Freek/Assies
Schoonmaakdiensten Beilen | schoonmaak | 10-49 | midden-drenthe | Beilen | Brinkstraat 30 | 9411 KN | adviseur.midden-drenthe | Tineke/Ottens
Administratiekantoor Oranjekanaal | kantoor | 1-9 | midden-drenthe | Westerbork | Hoofdstraat 25 | 9431 AB | adviseur.midden-drenthe | Paul/Sikkema
Boomkwekerij Hekman | agrarisch | 10-49 | de-wolden | Zuidwolde | Hoogeveenseweg 45 | 7921 PC | adviseur.de-wolden | Gerrit/Hekman | werkgever.boomkwekerij | Kwekerij Veeningen; Veeningen 31; 7924 PD; Veeningen
Recreatiepark Ruinen | horeca | 50-249 | de-wolden | Ruinen | Oude Benderseweg 11 | 7963 PX | adviseur.de-wolden | Sandra/Mensink
Zuivelboerderij De Wijk | food | 1-9 | de-wolden | De Wijk | Julianastraat 7 | 7957 AP | adviseur.de-wolden | Marco/Stoker
Timmerbedrijf Ruinerwold | bouw | 1-9 | de-wolden | Ruinerwold | Dijkhuizen 90 | 7961 AM | adviseur.de-wolden | Hendrik/Bos
Zorgcentrum Wolderwijs | zorg | 50-249 | de-wolden | Zuidwolde | Stationsweg 20 | 7921 AC | adviseur.uwv2 | Ellen/Groen
Garage Koekange | anders | 1-9 | de-wolden | Koekange | Dorpsstraat 14 | 7958 PA | adviseur.de-wolden | Roel/Vedder
"""


def _employer_seeds(table: str) -> tuple[EmployerSeed, ...]:
    seeds = []
    for line in table.strip().splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        cells += [""] * (11 - len(cells))
        name, sector, size, municipality, place, street, postcode, contact, asker = cells[:9]
        first, _, last = asker.partition("/")
        second: tuple[str, str, str, str] | None = None
        if cells[10]:
            location_name, location_street, location_postcode, location_place = (
                part.strip() for part in cells[10].split(";")
            )
            second = (location_name, location_street, location_postcode, location_place)
        seeds.append(
            EmployerSeed(
                name=name,
                sector=Sector(sector),
                size=SizeClass(size),
                municipality=municipality,
                place=place,
                street=street,
                postcode=postcode,
                contact_person=contact,
                asker=(first, last),
                portal_user=cells[9],
                second_location=second,
            )
        )
    return tuple(seeds)


EMPLOYERS: tuple[EmployerSeed, ...] = _employer_seeds(EMPLOYER_TABLE)

#: The fictitious KvK numbers, one per employer (8 digits starting with 9). They mark
#: the demo: when one of them is in the register, the demo world exists.
DEMO_KVK_NUMBERS: tuple[str, ...] = tuple(
    f"{number}"
    for number in random.Random(SEED).sample(  # noqa: S311 - demo data, not a secret
        range(90_000_000, 99_999_999), len(EMPLOYERS)
    )
)

#: Job titles per sector.
JOBS: dict[str, tuple[str, ...]] = {
    Sector.AGRICULTURE: ("Medewerker kwekerij", "Medewerker teelt", "Medewerker melkveehouderij"),
    Sector.FOOD: ("Productiemedewerker", "Medewerker inpak", "Medewerker kaasmakerij"),
    Sector.MANUFACTURING: ("Assemblagemedewerker", "Metaalbewerker", "Medewerker werkplaats"),
    Sector.LOGISTICS: ("Orderpicker", "Magazijnmedewerker", "Bijrijder"),
    Sector.RETAIL: ("Vakkenvuller", "Medewerker kassa", "Medewerker versafdeling"),
    Sector.HOSPITALITY: ("Afwasser", "Medewerker bediening", "Medewerker schoonmaak park"),
    Sector.CLEANING: ("Schoonmaker", "Glazenwasser", "Medewerker schoonmaak"),
    Sector.CARE: ("Medewerker huishouding", "Helpende zorg", "Medewerker activiteiten"),
    Sector.CONSTRUCTION: ("Leerling-installateur", "Hulptimmerman", "Medewerker montage"),
    Sector.OFFICE: ("Medewerker administratie", "Medewerker postkamer", "Medewerker archief"),
    Sector.OTHER: ("Medewerker werkplaats", "Poetser", "Medewerker onderhoud"),
}

#: First names of the workers (the worker is shown as "first name + initial").
FIRST_NAMES_TEXT = """
Anouk Bas Chantal Dylan Eva Fleur Gijs Hanna Iris Jesse Kim Lars Mandy Nick Oscar Priscilla Quinten Romy Stefan Tamara
Ugur Vera Wouter Yara Zoë Ahmed Bianca Coen Demi Emre Fatima Gerben Hülya Ilse Joost Kevin Lotte Milan Noor Rutger
"""
FIRST_NAMES = tuple(FIRST_NAMES_TEXT.split())
LAST_INITIALS = "ABDEGHJKLMNOPRSTVWZ"
HELPER_FIRST = ("Anja", "Bert", "Carla", "Dick", "Elly", "Frank", "Gonny", "Hans", "Inge", "Jos")
HELPER_LAST = ("Akkerman", "Bolt", "Wever", "Dolfing", "Eleveld", "Fledderus", "Grit", "Huizing")

CONTACT_NOTES: dict[str, tuple[str, ...]] = {
    ContactKind.PHONE: (
        "Gebeld over de mogelijkheden voor een leerwerkplek. Werkgever denkt na over twee plekken.",
        "Telefonisch uitgelegd hoe de no-riskpolis werkt bij ziekte.",
        "Werkgever belde over de loonwaardemeting. Afspraak voor een meting gemaakt.",
        "Gesproken over de vacature voor het voorjaar. Profiel van de functie afgestemd.",
    ),
    ContactKind.VISIT: (
        "Op bezoek geweest. Rondleiding door het bedrijf en de werkplekken bekeken.",
        "Bedrijfsbezoek met de jobcoach. Taken voor een nieuwe medewerker op papier gezet.",
        "Kennismaking op locatie. De werkgever wil graag één vast aanspreekpunt.",
    ),
    ContactKind.EMAIL: (
        "Informatie over het loonkostenvoordeel gemaild, met de link naar de rekenhulp.",
        "Overzicht van de regelingen voor oudere werknemers gestuurd.",
        "Uitnodiging voor de matchtafel van volgende maand gemaild.",
    ),
    ContactKind.EVENT: (
        "Gesproken op de werkgeversbijeenkomst in Assen over inclusief werkgeverschap.",
        "Ontmoet op de netwerkborrel van de ondernemersvereniging.",
    ),
}

AFTERSALES_NOTES = (
    "Gebeld met de werkgever. Het gaat goed; de werknemer went aan het ritme.",
    "Op bezoek geweest. Werkplek bekeken en afspraken over de begeleiding gemaakt.",
    "Werkgever is tevreden. Vraag over de loonaangifte beantwoord.",
    "Werknemer vindt de vroege diensten zwaar. De jobcoach bespreekt een ander rooster.",
    "Kort gesprek met werkgever en werknemer samen. Geen bijzonderheden.",
    "Werkgever wil de uren uitbreiden. Gevolgen voor de regelingen uitgelegd.",
)

REQUEST_MESSAGES: dict[str, tuple[str, ...]] = {
    Topic.SCHEMES: (
        "Wij willen iemand uit de bijstand aannemen. Welke regelingen zijn er en wat moeten wij doen?",
        "Klopt het dat het loonkostenvoordeel voor oudere werknemers stopt? Wij hebben net iemand van 60 aangenomen.",
        "Hoe vraag ik de loonkostensubsidie aan en hoe lang duurt dat?",
        "Onze medewerker is ziek. Geldt de no-riskpolis ook voor hem?",
    ),
    Topic.RECRUITMENT: (
        "Wij zoeken twee medewerkers voor de kassen, vanaf het voorjaar. Kunt u helpen?",
        "Wij hebben een vacature voor een magazijnmedewerker. Hebben jullie kandidaten?",
        "Graag een gesprek over een leerwerkplek in onze werkplaats.",
    ),
    Topic.SUPPORT: (
        "Onze nieuwe collega heeft wat meer uitleg nodig dan gedacht. Kan er een jobcoach komen?",
        "Wie kan ons helpen met een aangepaste werkplek?",
    ),
    Topic.OTHER: (
        "Ik wil graag weten wie mijn vaste contactpersoon is.",
        "Kunt u terugbellen over de bijeenkomst voor werkgevers?",
    ),
}

ANSWERS = (
    "Teruggebeld en de regelingen doorgelopen. Informatie nagestuurd per mail.",
    "Gebeld: afspraak gemaakt voor een bezoek volgende week.",
    "Antwoord per mail gestuurd met de voorwaarden en een voorbeeldberekening.",
    "Teruggebeld. Twee kandidaten voorgesteld; werkgever nodigt ze uit.",
)

SIGNALS: tuple[tuple[str, str, str], ...] = (
    (
        "lks",
        "Loonwaardemeting duurt te lang",
        (
            "De werkgever wachtte zeven weken op de loonwaardemeting. In die tijd betaalde hij het "
            "volle loon. Een kortere termijn voor de meting zou helpen."
        ),
    ),
    (
        "no_risk",
        "No-riskpolis onbekend bij de arbodienst",
        (
            "De arbodienst van de werkgever wist niet dat de no-riskpolis gold. De ziekmelding ging "
            "eerst naar de verkeerde plek. Daardoor kwam de uitkering pas na twee maanden."
        ),
    ),
    (
        "termijnen",
        "Doelgroepverklaring te laat aangevraagd",
        (
            "De aanvraag voor de doelgroepverklaring kwam een week na de termijn van drie maanden. "
            "Het loonkostenvoordeel ging zo verloren. De werkgever wist niet van de termijn."
        ),
    ),
    (
        "lkv",
        "LKV oudere werknemer vervalt in 2026",
        (
            "Twee werkgevers namen iemand van boven de 56 aan in de verwachting van het "
            "loonkostenvoordeel. Vanaf 2026 bestaat dat voordeel niet meer. Dat was niet duidelijk."
        ),
    ),
    (
        "contracten",
        "Ketenregeling remt vast contract",
        (
            "Na drie tijdelijke contracten moest de werkgever kiezen voor een vast contract. Hij "
            "vond dat te snel en liet de werknemer gaan. Een langere proefperiode zou helpen."
        ),
    ),
    (
        "begeleiding",
        "Te veel hulpverleners rond één werknemer",
        (
            "Rond één werknemer waren vijf mensen betrokken. De werkgever wist niet wie hij moest "
            "bellen. Eén coördinator was vanaf het begin nodig geweest."
        ),
    ),
)


# --- Situations --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Situation:
    """A kind of worker: the rules' answers and the instruments an adviser would consider."""

    key: str
    candidates: tuple[str, ...]
    build: Callable[[random.Random, dt.date], tuple[dt.date, dict[str, Any]]]
    contract: ContractKind | None = None
    wage_cents: tuple[int, int] = (1480, 1850)


def _born(rng: random.Random, start: dt.date, low: int, high: int) -> dt.date:
    """A birth date so the worker is ``low`` to ``high`` years old at ``start``."""
    age = rng.randint(low, high)
    return dt.date(start.year - age, rng.randint(1, 12), rng.randint(1, 28))


def _wajong(rng: random.Random, start: dt.date) -> tuple[dt.date, dict[str, Any]]:
    extras: dict[str, Any] = {"benefit": "wajong", "doelgroepregister": True}
    if rng.random() < 0.5:
        extras["loonwaarde_percentage"] = rng.choice((55, 60, 65, 70))
    return _born(rng, start, 20, 34), extras


def _bijstand_lks(rng: random.Random, start: dt.date) -> tuple[dt.date, dict[str, Any]]:
    return _born(rng, start, 24, 50), {
        "benefit": "bijstand",
        "benefit_weeks": rng.randint(52, 200),
        "doelgroepregister": rng.random() < 0.6,
        "loonwaarde_percentage": rng.choice((45, 50, 55, 60, 65, 70, 75, 80)),
    }


def _ww_older(rng: random.Random, start: dt.date) -> tuple[dt.date, dict[str, Any]]:
    return _born(rng, start, 57, 63), {"benefit": "ww", "benefit_weeks": rng.randint(30, 104)}


def _wia(rng: random.Random, start: dt.date) -> tuple[dt.date, dict[str, Any]]:
    return _born(rng, start, 30, 55), {"benefit": "wia_wga"}


def _bbl(rng: random.Random, start: dt.date) -> tuple[dt.date, dict[str, Any]]:
    return _born(rng, start, 18, 20), {"benefit": "none", "bbl_student": True}


def _scholing(rng: random.Random, start: dt.date) -> tuple[dt.date, dict[str, Any]]:
    return _born(rng, start, 19, 27), {
        "benefit": "bijstand",
        "benefit_weeks": rng.randint(30, 120),
        "scholingsbelemmerd": True,
    }


def _ww_trial(rng: random.Random, start: dt.date) -> tuple[dt.date, dict[str, Any]]:
    return _born(rng, start, 28, 45), {"benefit": "ww", "benefit_weeks": rng.randint(14, 40)}


def _regular(rng: random.Random, start: dt.date) -> tuple[dt.date, dict[str, Any]]:
    return _born(rng, start, 22, 45), {"benefit": "none"}


SITUATIONS: dict[str, Situation] = {
    s.key: s
    for s in (
        Situation("wajong", ("lkv", "no_riskpolis", "jobcoach", "loondispensatie"), _wajong),
        Situation("lks", ("loonkostensubsidie", "no_riskpolis", "lkv", "jobcoach"), _bijstand_lks),
        Situation("ww_older", ("lkv", "no_riskpolis"), _ww_older),
        Situation("wia", ("lkv", "no_riskpolis", "jobcoach"), _wia),
        Situation(
            "bbl", ("praktijkleren",), _bbl, contract=ContractKind.LEARNING, wage_cents=(1050, 1250)
        ),
        Situation("scholing", ("lkv", "no_riskpolis"), _scholing),
        Situation("proef", ("proefplaatsing", "lkv"), _ww_trial),
        Situation("regular", ("ww_premiedifferentiatie",), _regular),
    )
}

#: Which kinds of worker each phase draws from.
PHASE_SITUATIONS: dict[str, tuple[str, ...]] = {
    "planned": ("proef", "proef", "wajong", "lks", "regular"),
    "started": ("wia", "wia", "wajong", "lks", "ww_older", "bbl", "regular"),
    "running": ("wia", "wajong", "lks", "lks", "ww_older", "scholing", "bbl", "regular"),
    "year": ("wajong", "lks", "wia", "scholing", "ww_older", "regular"),
    "ended": ("lks", "wajong", "regular", "ww_older", "bbl", "scholing"),
}

#: How many placements per phase: for the showcase adviser, and for everyone else.
SHOWCASE_PHASES = (
    ("planned", 2),
    ("started", 3),
    ("running", 5),
    ("year", 2),
    ("ended", 2),
)
OTHER_PHASES = (("planned", 4), ("started", 7), ("running", 17), ("year", 8), ("ended", 10))


def _applies(outcome: Any, code: str) -> bool:
    """Does the instrument (or, for ``lkv``/``proefplaatsing``, one of its kinds) apply in
    any year of the outcome?"""
    for year in outcome.years:
        for item in year.instruments:
            if not item.applies:
                continue
            if item.code == code or (
                code in ("lkv", "proefplaatsing") and item.code.startswith(code)
            ):
                return True
    return False


def _rules_situation(
    *,
    extras: dict[str, Any],
    birth: dt.date,
    start: dt.date,
    end: dt.date | None,
    hours: Decimal,
    wage_cents: int,
    municipality: str,
) -> dict[str, Any]:
    """The situation in the rules' JSON form (README, "A situation is a JSON object")."""
    return {
        **extras,
        "birth_date": birth.isoformat(),
        "start_date": start.isoformat(),
        "end_date": end.isoformat() if end else None,
        "hours_per_week": str(hours),
        "hourly_wage": f"{wage_cents // 100}.{wage_cents % 100:02d}",
        "contract": "fixed_term" if end else "open_ended",
        "municipality": municipality,
    }


# --- Dates -------------------------------------------------------------------------------------


def working_day_before(day: dt.date, count: int) -> dt.date:
    """The ``count``-th working day before ``day`` (``employers.workdays.is_working_day``)."""
    while count:
        day -= dt.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def local_moment(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=AMSTERDAM)


# --- The report --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoLogin:
    username: str
    name: str
    role: str
    organisation: str
    #: The demo authenticator secret; empty for employers (no second factor).
    secret: str


@dataclass
class DemoReport:
    password: str
    logins: list[DemoLogin]
    #: False when the employers, requests and placements were there already.
    world_created: bool
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


# --- The build ---------------------------------------------------------------------------------


def build_demo(*, reset: bool = False, seed: int = SEED) -> DemoReport:
    """Make (or complete) the demo back office. See the module docstring.

    Raises :class:`DemoRefused` when the demo may not run here or a user name of the demo
    belongs to a real account. The whole build is one transaction: nothing is left
    half-made. The mails the services would send go to Django's dummy backend.
    """
    check_demo_allowed()
    started = time.perf_counter()
    password = demo_password()
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        transaction.atomic(),
    ):
        builder = _Builder(seed=seed, password=password)
        builder.organisations()
        builder.staff()
        if reset:
            builder.remove_world()
        world_exists = Employer.objects.filter(kvk_number__in=DEMO_KVK_NUMBERS).exists()
        if world_exists:
            builder.notes.append(
                "Werkgevers, vragen en plaatsingen van de demo stonden er al; er is niets dubbel "
                "gemaakt. Met --reset bouwt u ze opnieuw op, met de datums van vandaag."
            )
        else:
            builder.world()
        builder.employer_users()
        report = DemoReport(
            password=password,
            logins=builder.logins(),
            world_created=not world_exists,
            counts=builder.counts(),
            notes=builder.notes,
        )
    report.seconds = time.perf_counter() - started
    return report


class _Builder:
    def __init__(self, *, seed: int, password: str) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not a secret
        self.password_hash = make_password(password)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.orgs: dict[str, Organisation] = {}
        self.users: dict[str, Any] = {}
        self.employers: list[Employer] = []
        self.notes: list[str] = []

    # -- organisations and users -------------------------------------------------------------

    def organisations(self) -> None:
        for seed in PARTNERS:
            organisation, _created = Organisation.objects.get_or_create(
                slug=seed.slug,
                defaults={"name": seed.name, "kind": seed.kind, "municipality": seed.municipality},
            )
            if organisation.kind != seed.kind:
                raise DemoRefused(
                    f"De organisatie {seed.slug!r} bestaat al en is geen {seed.kind.label}."
                )
            self.orgs[seed.slug] = organisation

    def _phone(self, area: str, number: int) -> str:
        return f"{area} 00{number:04d}"

    def _user(
        self,
        *,
        username: str,
        first_name: str,
        last_name: str,
        role: Role,
        organisation: Organisation,
        phone: str,
    ) -> Any:
        user_model = get_user_model()
        email = demo_email(username)
        user = user_model.objects.filter(username=username).first()
        if user is not None and not is_demo_user(user):
            raise DemoRefused(
                f"Er is al een account {username!r} dat niet van de demo is. De demo verandert "
                "het niet en stopt."
            )
        if user is None:
            user = user_model(username=username)
        user.email = email
        user.first_name = first_name
        user.last_name = last_name
        user.is_active = True
        user.password = self.password_hash
        user.save()
        Profile.objects.update_or_create(
            user=user, defaults={"organisation": organisation, "role": role, "phone": phone}
        )
        return user

    def staff(self) -> None:
        editors = Group.objects.filter(name=account_services.EDITORS_GROUP).first()
        for number, seed in enumerate(STAFF, 1):
            partner = PARTNER_BY_SLUG[seed.organisation]
            user = self._user(
                username=seed.username,
                first_name=seed.first_name,
                last_name=seed.last_name,
                role=seed.role,
                organisation=self.orgs[seed.organisation],
                phone=self._phone(partner.area_code, 1000 + number),
            )
            if seed.role == Role.EDITOR and editors is not None:
                user.groups.add(editors)
            self._second_factor(user)
            self.users[seed.username] = user

    def _second_factor(self, user: Any) -> None:
        """A confirmed authenticator app with the demo secret (kept when the user set up
        their own app after a reset of the second factor)."""
        secret = demo_totp_secret(user.get_username())
        device = TotpDevice.objects.filter(user=user).first()
        if device is not None and device.confirmed_at is not None:
            if device.secret != secret:
                self.notes.append(
                    f"{user.get_username()} heeft een eigen authenticator-app; die blijft staan."
                )
            return
        if device is None:
            # accounts has no service that makes a device with a given secret (demo only).
            device = TotpDevice.objects.create(user=user, secret=secret)
        elif device.secret != secret:
            TotpDevice.objects.filter(pk=device.pk).update(secret=secret)
            device.secret = secret
        # Confirm with the code of step 1 (1970): the real codes of today stay unused.
        code = totp.hotp(totp.secret_bytes(secret), 1)
        if not account_services.totp_device_confirm(
            device=device, code=code, at=float(totp.STEP_SECONDS)
        ):
            raise RuntimeError(f"authenticator van {user.get_username()} niet bevestigd")

    def employer_users(self) -> None:
        """Portal accounts (role werkgever) for a few employers, in their organisation."""
        by_kvk = {
            employer.kvk_number: employer
            for employer in Employer.objects.filter(kvk_number__in=DEMO_KVK_NUMBERS)
        }
        for number, (seed, kvk) in enumerate(zip(EMPLOYERS, DEMO_KVK_NUMBERS, strict=True)):
            employer = by_kvk.get(kvk)
            if not seed.portal_user or employer is None:
                continue
            organisation = employer_services.employer_ensure_organisation(employer=employer)
            self.users[seed.portal_user] = self._user(
                username=seed.portal_user,
                first_name=seed.asker[0],
                last_name=seed.asker[1],
                role=Role.EMPLOYER,
                organisation=organisation,
                phone=self._phone(PARTNER_BY_SLUG[seed.municipality].area_code, 5000 + number),
            )

    def logins(self) -> list[DemoLogin]:
        result = []
        for username, user in self.users.items():
            profile = Profile.objects.select_related("organisation").get(user=user)
            is_staff = profile.role in STAFF_ROLES
            result.append(
                DemoLogin(
                    username=username,
                    name=user.get_full_name(),
                    role=profile.get_role_display(),
                    organisation=profile.organisation.name,
                    secret=demo_totp_secret(username) if is_staff else "",
                )
            )
        return result

    # -- removing the world (reset) ----------------------------------------------------------

    def remove_world(self) -> None:
        """Remove the demo employers with their requests, placements and signals."""
        employers = Employer.objects.filter(kvk_number__in=DEMO_KVK_NUMBERS)
        placements = Placement.objects.filter(employer__in=employers)
        worker_ids = list(placements.values_list("worker_id", flat=True))
        LawSignal.objects.filter(Q(employer__in=employers) | Q(placement__in=placements)).delete()
        placements.delete()
        Worker.objects.filter(pk__in=worker_ids).delete()
        Request.objects.filter(
            Q(employer__in=employers) | Q(employer__isnull=True, email__endswith=f".{EXAMPLE_TLD}")
        ).delete()
        employers.delete()

    # -- the world: employers, requests, placements, signals ---------------------------------

    def world(self) -> None:
        self.make_employers()
        self.make_requests()
        self.make_placements()
        self.make_signals()
        self.finish()

    def _back(self, days: int, hour: int = 10) -> dt.datetime:
        return local_moment(
            self.today - dt.timedelta(days=days), hour, self.rng.choice((0, 15, 30, 45))
        )

    def make_employers(self) -> None:
        for seed, kvk in zip(EMPLOYERS, DEMO_KVK_NUMBERS, strict=True):
            contact = self.users[seed.contact_person]
            employer = employer_services.employer_create(
                name=seed.name,
                kvk_number=kvk,
                sector=seed.sector,
                size=seed.size,
                municipality=seed.municipality,
                contact_person=contact,
                by=contact,
            )
            added = self._back(self.rng.randint(420, 1100))
            Employer.objects.filter(pk=employer.pk).update(created_at=added)
            ContactLogEntry.objects.filter(employer=employer).update(
                date=added.date(), created_at=added
            )
            employer_services.employer_location_add(
                employer=employer,
                name="Hoofdvestiging",
                street=seed.street,
                postcode=seed.postcode,
                place=seed.place,
                municipality=seed.municipality,
                by=contact,
            )
            if seed.second_location is not None:
                name, street, postcode, place = seed.second_location
                employer_services.employer_location_add(
                    employer=employer,
                    name=name,
                    street=street,
                    postcode=postcode,
                    place=place,
                    municipality=seed.municipality,
                    by=contact,
                )
            self._contacts(employer, contact, first_day=added.date())
            self.employers.append(employer)

    def _contacts(self, employer: Employer, contact: Any, *, first_day: dt.date) -> None:
        advisers = [u for name, u in self.users.items() if name.startswith("adviseur.")]
        span = max((self.today - first_day).days - 1, 1)
        for _ in range(self.rng.randint(2, 4)):
            kind = self.rng.choice(
                (
                    ContactKind.PHONE,
                    ContactKind.PHONE,
                    ContactKind.VISIT,
                    ContactKind.EMAIL,
                    ContactKind.EVENT,
                )
            )
            by = self.rng.choice(advisers) if kind == ContactKind.EVENT else contact
            day = first_day + dt.timedelta(days=self.rng.randint(1, span))
            entry = employer_services.contact_log_add(
                employer=employer,
                kind=kind,
                date=day,
                summary=self.rng.choice(CONTACT_NOTES[kind]),
                by=by,
            )
            ContactLogEntry.objects.filter(pk=entry.pk).update(
                created_at=local_moment(day, self.rng.randint(9, 16))
            )

    # -- requests ----------------------------------------------------------------------------

    def _asker(self, employer: Employer) -> tuple[str, str, str]:
        seed = EMPLOYERS[self.employers.index(employer)]
        first, last = seed.asker
        domain = "".join(ch for ch in employer.name.lower() if ch.isalnum())[:24]
        email = f"{first.lower()}@{domain}.{EXAMPLE_TLD}"
        phone = self._phone(
            PARTNER_BY_SLUG[employer.municipality].area_code, 7000 + self.employers.index(employer)
        )
        return f"{first} {last}", email, phone

    def _message(self) -> tuple[str, str]:
        topic = self.rng.choice(
            (Topic.SCHEMES, Topic.SCHEMES, Topic.RECRUITMENT, Topic.SUPPORT, Topic.OTHER)
        )
        return topic, self.rng.choice(REQUEST_MESSAGES[topic])

    def _backdate_request(self, request: Request, created: dt.datetime, *, website: bool) -> None:
        deadline = callback_deadline(received_at=created)
        values: dict[str, Any] = {"created_at": created, "call_back_by": deadline}
        if website:
            # The mails of the site's form went out when the question came in.
            values["wsp_mailed_at"] = created
            values["confirmation_mailed_at"] = created
        Request.objects.filter(pk=request.pk).update(**values)
        request.created_at = created
        request.call_back_by = deadline

    def _website_request(
        self,
        employer: Employer | None,
        created: dt.datetime,
        *,
        name: str,
        organisation: str,
        email: str,
        phone: str,
    ) -> Request:
        topic, message = self._message()
        request = employer_services.request_create(
            name=name,
            organisation=organisation,
            email=email,
            phone=phone,
            municipality=employer.municipality
            if employer
            else self.rng.choice(list(PARTNER_BY_SLUG)[:6]),
            topic=topic,
            message=message,
            preferred_contact="phone" if phone and self.rng.random() < 0.7 else "email",
            consent=True,
            page_url=self.rng.choice(
                (
                    "/regelingen/loonkostensubsidie/",
                    "/financieel-cv/uitkomst/",
                    "/regelingen/no-riskpolis/",
                    "/",
                )
            ),
        )
        self._backdate_request(request, created, website=True)
        return request

    def _registered_request(
        self,
        employer: Employer | None,
        created: dt.datetime,
        *,
        by: Any,
        name: str,
        email: str,
        phone: str,
        organisation: str = "",
    ) -> Request:
        topic, message = self._message()
        request = employer_services.request_register(
            employer=employer,
            source=self.rng.choice((Source.PHONE, Source.PHONE, Source.EMAIL)),
            message=message,
            topic=topic,
            name=name,
            registered_by=by,
            email=email,
            phone=phone,
            organisation=organisation,
        )
        self._backdate_request(request, created, website=False)
        return request

    def _answer(self, request: Request, *, at: dt.datetime, by: Any) -> None:
        before = ContactLogEntry.objects.aggregate(last=Max("pk"))["last"] or 0
        employer_services.request_answer(request=request, answer=self.rng.choice(ANSWERS), by=by)
        Request.objects.filter(pk=request.pk).update(answered_at=at)
        if request.employer_id is not None:
            # request_answer wrote the answer in the employer's contact log, dated today.
            ContactLogEntry.objects.filter(pk__gt=before, employer_id=request.employer_id).update(
                date=timezone.localtime(at).date(), created_at=at
            )

    def make_requests(self) -> None:
        """About 30 requests, handled in the order things happened, so the escalation job
        sees exactly the requests that were still open when it ran."""
        rng = self.rng
        now = self.now
        showcase = self.users[SHOWCASE_ADVISER]
        mine = [e for e in self.employers if e.contact_person_id == showcase.pk]
        others = [e for e in self.employers if e.contact_person_id != showcase.pk]
        two_back = working_day_before(self.today, 2)

        def recent() -> dt.datetime:
            # Minutes to hours ago: the call-back deadline is at least the next working day.
            return now - dt.timedelta(minutes=rng.randint(20, 300))

        # 1. Answered long ago: on time (within the call-back deadline) and late.
        for index in range(12):
            employer = (
                mine[index % len(mine)] if index % 3 == 0 else others[(index * 5) % len(others)]
            )
            name, email, phone = self._asker(employer)
            created = local_moment(
                working_day_before(self.today, rng.randint(9, 55)), rng.randint(8, 15)
            )
            if index % 2:
                request = self._website_request(
                    employer,
                    created,
                    name=name,
                    organisation=employer.name,
                    email=email,
                    phone=phone,
                )
                employer_services.request_link_employer(
                    request=request, employer=employer, by=employer.contact_person
                )
            else:
                request = self._registered_request(
                    employer,
                    created,
                    by=employer.contact_person,
                    name=name,
                    email=email,
                    phone=phone,
                )
            assert request.call_back_by is not None
            if index < 8:  # on time
                answered = min(
                    created + dt.timedelta(hours=rng.randint(2, 20)),
                    request.call_back_by - dt.timedelta(minutes=30),
                )
            else:  # late
                answered = request.call_back_by + dt.timedelta(hours=rng.randint(3, 60))
            self._answer(request, at=answered, by=employer.contact_person)

        # 2. Still open after the deadline, then escalated to the teamleider.
        escalated: list[Request] = []
        for index, days in enumerate((6, 7, 9, 5)):
            employer = mine[index] if index < 2 else others[(index * 7) % len(others)]
            name, email, phone = self._asker(employer)
            created = local_moment(working_day_before(self.today, days), rng.randint(9, 15))
            escalated.append(
                self._registered_request(
                    employer,
                    created,
                    by=employer.contact_person,
                    name=name,
                    email=email,
                    phone=phone,
                )
            )

        # 3. Overdue but not yet escalated: the deadline passed after the job last ran.
        overdue: list[Request] = []
        for index in range(3):
            employer = mine[2 + index] if index < 2 else others[11]
            name, email, phone = self._asker(employer)
            overdue.append(
                self._registered_request(
                    employer,
                    local_moment(two_back, 10 + index),
                    by=employer.contact_person,
                    name=name,
                    email=email,
                    phone=phone,
                )
            )
        intake_late = self._registered_request(
            None,
            local_moment(two_back, 14),
            by=self.users["adviseur.wsp"],
            name="Bert Zijlstra",
            email=f"bert@zijlstragroen.{EXAMPLE_TLD}",
            phone="0592 009876",
            organisation="Hoveniersbedrijf Zijlstra",
        )
        overdue.append(intake_late)

        # The escalation job ran after the older deadlines and before the newer ones.
        last_run = min(r.call_back_by for r in overdue if r.call_back_by) - dt.timedelta(minutes=30)
        assert all(r.call_back_by and r.call_back_by < last_run for r in escalated)
        employer_services.request_escalate_overdue(now=last_run)
        # One escalated request was answered this morning after all (late, and escalated).
        late_one = escalated[-1]
        self._answer(
            late_one,
            at=min(now, max(last_run, now - dt.timedelta(hours=2))),
            by=late_one.owner or showcase,
        )

        # 4. Open and within the deadline: owned (by the contact person, or picked up).
        for index in range(8):
            employer = mine[index % len(mine)] if index < 4 else others[(index * 3) % len(others)]
            name, email, phone = self._asker(employer)
            if index % 4 == 3:
                request = self._website_request(
                    employer,
                    recent(),
                    name=name,
                    organisation=employer.name,
                    email=email,
                    phone=phone,
                )
                employer_services.request_link_employer(
                    request=request, employer=employer, by=employer.contact_person
                )
            else:
                self._registered_request(
                    employer,
                    recent(),
                    by=employer.contact_person,
                    name=name,
                    email=email,
                    phone=phone,
                )
        picked = self._website_request(
            None,
            recent(),
            name="Anita Wubbels",
            organisation="Kinderopvang Het Speelhuis",
            email=f"anita@hetspeelhuis.{EXAMPLE_TLD}",
            phone="",
        )
        employer_services.request_assign(
            request=picked, owner=self.users["adviseur.emmen2"], by=self.users["adviseur.emmen2"]
        )

        # 5. New in the intake queue: nobody has picked them up yet.
        for name, organisation, domain in (
            ("Gerda Hoving", "Camping De Drie Provinciën", "driepro"),
            ("Mustafa Yilmaz", "Yilmaz Bouw en Onderhoud", "yilmazbouw"),
            ("Joke Pieters", "Bloemisterij Pieters", "bloemisterijpieters"),
            ("Sven Oosterhuis", "Oosterhuis Techniek", "oosterhuistechniek"),
        ):
            self._website_request(
                None,
                recent(),
                name=name,
                organisation=organisation,
                email=f"{name.split()[0].lower()}@{domain}.{EXAMPLE_TLD}",
                phone=self._phone("0591", 8000 + len(domain)) if len(domain) % 2 else "",
            )

    # -- placements --------------------------------------------------------------------------

    def _plans(self) -> list[tuple[str, Employer, bool]]:
        """(phase, employer, showcase) for every placement."""
        showcase = self.users[SHOWCASE_ADVISER]
        mine = [e for e in self.employers if e.contact_person_id == showcase.pk]
        others = [e for e in self.employers if e.contact_person_id != showcase.pk]
        weights = {SizeClass.MICRO: 1, SizeClass.SMALL: 2, SizeClass.MEDIUM: 3, SizeClass.LARGE: 4}
        plans: list[tuple[str, Employer, bool]] = []
        index = 0
        for phase, count in SHOWCASE_PHASES:
            for _ in range(count):
                plans.append((phase, mine[index % len(mine)], True))
                index += 1
        pool = [e for e in others for _ in range(weights[SizeClass(e.size)])]
        for phase, count in OTHER_PHASES:
            plans.extend((phase, self.rng.choice(pool), False) for _ in range(count))
        return plans

    def _start_for(self, phase: str, number: int) -> dt.date:
        rng, today = self.rng, self.today
        if phase == "planned":
            first_next = add_months(today.replace(day=1), 1)
            return first_next if number % 2 else today + dt.timedelta(days=rng.randint(8, 40))
        if phase == "started":
            return today - dt.timedelta(days=rng.randint(3, 45))
        if phase == "running":
            return today - dt.timedelta(days=rng.randint(92, 275))
        if phase == "year":
            return today - dt.timedelta(days=rng.randint(335, 410))
        return today - dt.timedelta(days=rng.randint(240, 720))

    def make_placements(self) -> None:
        jobcoaches = [self.users["jobcoach.emmen"], self.users["jobcoach.hoogeveen"]]
        counter: Counter[str] = Counter()
        plans = self._plans()
        for number, (phase, employer, showcase) in enumerate(plans):
            counter[phase] += 1
            start = self._start_for(phase, counter[phase])
            if showcase:
                start = self._showcase_start(phase, counter[phase], start)
            situation = SITUATIONS[self._situation_key(phase, showcase, counter[phase])]
            with_jobcoach = phase in ("started", "running") and number % 3 == 0
            self._placement(
                number=number,
                phase=phase,
                employer=employer,
                start=start,
                situation=situation,
                jobcoach=jobcoaches[number % 2]
                if with_jobcoach or (showcase and phase == "started")
                else None,
                showcase=showcase,
                ordinal=counter[phase],
            )

    def _situation_key(self, phase: str, showcase: bool, ordinal: int) -> str:
        if showcase and phase in ("started", "running") and ordinal == 1:
            return "wia"  # a doelgroepverklaring due soon
        if showcase and phase == "started" and ordinal == 2:
            return "lks"  # the loonkostensubsidie request, due at the start, is late
        if phase == "planned" and ordinal <= 2:
            return "proef"  # a proefplaatsing that ends the day before the start
        if phase == "running" and ordinal in MISSED_ORDINALS:
            return self.rng.choice(("wia", "lks", "wajong"))  # deadlines with money at stake
        return self.rng.choice(PHASE_SITUATIONS[phase])

    def _showcase_start(self, phase: str, ordinal: int, start: dt.date) -> dt.date:
        """Start dates that put something in every group of the showcase adviser's week."""
        today = self.today
        if phase == "started":
            # 1: the 2-week contact is due in two days; 2: it is four days late; 3: six weeks.
            return today - dt.timedelta(days=(12, 18, 40)[(ordinal - 1) % 3])
        if phase == "running" and ordinal == 1:
            # The doelgroepverklaring (3 months after the start) is due in a few days.
            return add_months(today, -3) + dt.timedelta(days=4)
        if phase == "running" and ordinal == 2:
            return add_months(today, -6) + dt.timedelta(days=3)  # 6-month check this week
        return start

    def _placement(
        self,
        *,
        number: int,
        phase: str,
        employer: Employer,
        start: dt.date,
        situation: Situation,
        jobcoach: Any,
        showcase: bool,
        ordinal: int,
    ) -> None:
        rng, today = self.rng, self.today
        contact = employer.contact_person
        birth, extras = situation.build(rng, start)
        contract = situation.contract or rng.choice(
            (ContractKind.OPEN_ENDED, ContractKind.FIXED, ContractKind.FIXED)
        )
        end: dt.date | None = None
        if contract in (ContractKind.FIXED, ContractKind.LEARNING):
            end = add_months(start, rng.choice((6, 12, 12))) - dt.timedelta(days=1)
        if phase != "ended" and end is not None and end < today + dt.timedelta(days=14):
            # Still working: the contract was (or will be) extended to two years.
            end = add_months(start, 24) - dt.timedelta(days=1)
        hours = Decimal(rng.choice((16, 20, 24, 28, 32, 32, 36, 38)))
        wage = rng.randint(*situation.wage_cents)
        municipality = (
            employer.municipality if rng.random() < 0.8 else rng.choice(list(PARTNER_BY_SLUG)[:6])
        )
        rules_situation = _rules_situation(
            extras=extras,
            birth=birth,
            start=start,
            end=end,
            hours=hours,
            wage_cents=wage,
            municipality=municipality,
        )
        outcome = evaluate(parse_situation(rules_situation), as_of=min(start, today))
        instruments = [code for code in situation.candidates if _applies(outcome, code)]
        sector_jobs = JOBS[employer.sector]
        placement = placement_services.placement_create(
            employer=employer,
            worker_name=f"{FIRST_NAMES[number % len(FIRST_NAMES)]} {LAST_INITIALS[(number * 7) % len(LAST_INITIALS)]}.",
            worker_birth_date=birth,
            worker_municipality=municipality,
            consent_recorded=True,
            job_title=sector_jobs[number % len(sector_jobs)],
            start_date=start,
            end_date=end,
            hours_per_week=hours,
            hourly_wage_cents=wage,
            contract=contract,
            situation=extras,
            instruments=instruments,
            created_by=contact,
            as_of=min(start, today),
        )
        Placement.objects.filter(pk=placement.pk).update(
            created_at=local_moment(min(start, today) - dt.timedelta(days=rng.randint(3, 20)), 11)
        )
        self._helpers(
            placement, situation=situation, contact=contact, jobcoach=jobcoach, number=number
        )

        ended_on: dt.date | None = None
        after_end = ""
        if phase == "ended":
            if end is not None and end < today - dt.timedelta(days=7) and ordinal % 3:
                ended_on = end
            else:
                ended_on = start + dt.timedelta(
                    days=rng.randint(45, max(46, min(400, (today - start).days - 10)))
                )
                if end is not None:
                    ended_on = min(ended_on, end)
            after_end = Sustainability.ELSEWHERE if ordinal % 2 else Sustainability.NOT_WORKING
        elif phase == "year" and ordinal in (3, 6, 9):
            ended_on = add_months(start, 6) + dt.timedelta(days=rng.randint(20, 120))
            ended_on = min(ended_on, add_months(start, 12) - dt.timedelta(days=5))
            after_end = Sustainability.NOT_WORKING if ordinal == 9 else Sustainability.ELSEWHERE
        if ended_on is not None:
            placement_services.placement_end(
                placement=placement, ended_on=ended_on, by=contact, as_of=today
            )

        # What happened so far: contact moments, and the deadlines that passed.
        leave_late = (showcase and phase in ("started", "running") and ordinal in (2, 3)) or (
            not showcase and number % 5 == 0 and phase in ("started", "running")
        )
        self._aftersales(
            placement,
            contact=contact,
            ended_on=ended_on,
            after_end=after_end,
            leave_late=leave_late,
        )
        miss_one = phase == "running" and ordinal in MISSED_ORDINALS
        self._deadlines(placement, contact=contact, leave_late=leave_late, miss_one=miss_one)

    def _helpers(
        self,
        placement: Placement,
        *,
        situation: Situation,
        contact: Any,
        jobcoach: Any,
        number: int,
    ) -> None:
        rng = self.rng
        municipality = PARTNER_BY_SLUG[placement.employer.municipality]

        def person() -> str:
            return f"{rng.choice(HELPER_FIRST)} {rng.choice(HELPER_LAST)}"

        coordinator_set = False
        if jobcoach is not None:
            placement_services.helper_add(
                placement=placement,
                role=HelperRole.JOBCOACH,
                name=jobcoach.get_full_name(),
                organisation_name=jobcoach.profile.organisation.name,
                phone=jobcoach.profile.phone,
                email=jobcoach.email,
                user=jobcoach,
                is_coordinator=True,
                by=contact,
            )
            coordinator_set = True
        benefit = (placement.situation or {}).get("benefit", "none")
        if benefit in ("bijstand", "ioaw", "ioaz"):
            name = person()
            placement_services.helper_add(
                placement=placement,
                role=HelperRole.CASE_MANAGER,
                name=name,
                organisation_name=municipality.name,
                phone=self._phone(municipality.area_code, 3000 + number),
                email=f"{name.split()[0].lower()}@{municipality.slug}.{EXAMPLE_TLD}",
                is_coordinator=not coordinator_set,
                by=contact,
            )
            coordinator_set = True
        elif benefit in ("ww", "wia_wga", "wajong"):
            name = person()
            placement_services.helper_add(
                placement=placement,
                role=HelperRole.UWV_ADVISER,
                name=name,
                organisation_name="UWV",
                phone=self._phone("088", 3000 + number),
                email=f"{name.split()[0].lower()}@uwv.{EXAMPLE_TLD}",
                is_coordinator=not coordinator_set,
                by=contact,
            )
            coordinator_set = True
        if number % 4 == 1:
            name = person()
            placement_services.helper_add(
                placement=placement,
                role=HelperRole.REINTEGRATION,
                name=name,
                organisation_name="Re-integratiebureau Op Koers (fictief)",
                phone=self._phone("0592", 4000 + number),
                email=f"{name.split()[0].lower()}@opkoers.{EXAMPLE_TLD}",
                by=contact,
            )
        if number % 3 == 2:
            placement_services.helper_add(
                placement=placement,
                role=HelperRole.BUDDY,
                name=person(),
                organisation_name=placement.employer.name,
                phone="",
                email="",
                by=contact,
            )
        if not coordinator_set:
            placement_services.helper_add(
                placement=placement,
                role=HelperRole.ADVISER,
                name=contact.get_full_name(),
                organisation_name=contact.profile.organisation.name,
                phone=contact.profile.phone,
                email=contact.email,
                user=contact,
                is_coordinator=True,
                by=contact,
            )

    def _on_day(self, day: dt.date) -> dt.datetime:
        """A working hour on ``day``, but never later than now."""
        moment = local_moment(
            min(day, self.today), self.rng.randint(9, 16), self.rng.choice((0, 20, 40))
        )
        return min(moment, self.now)

    def _done_at(self, due: dt.date, *, late: bool) -> dt.datetime:
        if late:
            return self._on_day(due + dt.timedelta(days=self.rng.randint(2, 12)))
        return self._on_day(due - dt.timedelta(days=self.rng.randint(0, 10)))

    def _aftersales(
        self,
        placement: Placement,
        *,
        contact: Any,
        ended_on: dt.date | None,
        after_end: str,
        leave_late: bool,
    ) -> None:
        recent = self.today - dt.timedelta(days=LATE_WINDOW_DAYS)
        for task in AfterSalesTask.objects.filter(
            placement=placement, due_date__lt=self.today
        ).order_by("due_date"):
            if leave_late and task.due_date >= recent:
                continue  # still to do: shows as late in "mijn werk"
            if task.is_sustainability_check:
                where = (
                    after_end
                    if ended_on is not None and task.due_date > ended_on
                    else Sustainability.STILL_HERE
                )
                notes = {
                    Sustainability.STILL_HERE: "Werknemer werkt hier nog. Werkgever tevreden.",
                    Sustainability.ELSEWHERE: "Werknemer werkt nu bij een andere werkgever in de regio.",
                    Sustainability.NOT_WORKING: "Werknemer werkt niet meer. Klantmanager is op de hoogte.",
                }[Sustainability(where)]
            else:
                where = ""
                notes = self.rng.choice(AFTERSALES_NOTES)
            task.placement = placement
            placement_services.aftersales_task_complete(
                task=task, by=contact, notes=notes, sustainability=where
            )
            AfterSalesTask.objects.filter(pk=task.pk).update(
                done_at=self._on_day(task.due_date + dt.timedelta(days=self.rng.randint(0, 4)))
            )

    def _deadlines(
        self, placement: Placement, *, contact: Any, leave_late: bool, miss_one: bool
    ) -> None:
        rng, today = self.rng, self.today
        recent = today - dt.timedelta(days=LATE_WINDOW_DAYS)
        past = list(
            Deadline.objects.filter(
                placement=placement, status=DeadlineStatus.OPEN, due_date__lt=today
            ).order_by("due_date", "pk")
        )
        missed: Deadline | None = None
        if miss_one:
            old = [d for d in past if d.due_date < recent and d.amount_at_stake_cents]
            if old:
                missed = max(old, key=lambda d: (d.amount_at_stake_cents or 0, d.pk))
        for deadline in past:
            if deadline is missed:
                continue  # marked missed below (deadlines_mark_missed)
            if leave_late and deadline.due_date >= recent:
                continue  # open and late
            late = rng.random() < 0.12
            placement_services.deadline_complete(deadline=deadline, by=contact)
            Deadline.objects.filter(pk=deadline.pk).update(
                done_at=self._done_at(deadline.due_date, late=late)
            )

    def make_signals(self) -> None:
        advisers = [u for name, u in self.users.items() if name.startswith("adviseur.")]
        placements = list(Placement.objects.filter(employer__in=self.employers).order_by("pk"))
        for index, (theme, title, description) in enumerate(SIGNALS):
            by = advisers[(index * 3) % len(advisers)]
            placement = placements[(index * 11) % len(placements)] if index % 2 else None
            employer = None if placement else self.employers[(index * 7) % len(self.employers)]
            signal = signal_services.signal_create(
                theme=theme,
                title=title,
                description=description,
                employer=employer,
                placement=placement,
                created_by=by,
            )
            LawSignal.objects.filter(pk=signal.pk).update(
                created_at=self._back(self.rng.randint(5, 200), 14)
            )

    def finish(self) -> None:
        """Deadlines more than :data:`LATE_WINDOW_DAYS` past their date that nobody did
        are missed (what the daily job does)."""
        placement_services.deadlines_mark_missed(
            today=self.today - dt.timedelta(days=LATE_WINDOW_DAYS)
        )

    # -- counts ------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        employers = Employer.objects.filter(kvk_number__in=DEMO_KVK_NUMBERS)
        placements = Placement.objects.filter(employer__in=employers)
        statuses = Counter(placements.values_list("status", flat=True))
        return {
            "partners": len(self.orgs),
            "accounts": len(self.users),
            "employers": employers.count(),
            "requests": Request.objects.filter(
                Q(employer__in=employers)
                | Q(employer__isnull=True, email__endswith=f".{EXAMPLE_TLD}")
            ).count(),
            "placements": placements.count(),
            "planned": statuses[PlacementStatus.PLANNED],
            "active": statuses[PlacementStatus.ACTIVE],
            "ended": statuses[PlacementStatus.ENDED],
            "deadlines": Deadline.objects.filter(placement__in=placements).count(),
            "aftersales": AfterSalesTask.objects.filter(placement__in=placements).count(),
            "signals": LawSignal.objects.filter(
                Q(employer__in=employers) | Q(placement__in=placements)
            ).count(),
        }


def demo_users() -> Iterable[Any]:
    """The accounts of the demo that exist now."""
    names = [s.username for s in STAFF] + [s.portal_user for s in EMPLOYERS if s.portal_user]
    return get_user_model().objects.filter(
        username__in=names, email__endswith="@" + DEMO_EMAIL_DOMAIN
    )


__all__: Sequence[str] = (
    "ALLOW_ENV",
    "DEFAULT_PASSWORD",
    "DEMO_EMAIL_DOMAIN",
    "DEMO_KVK_NUMBERS",
    "PASSWORD_ENV",
    "SHOWCASE_ADVISER",
    "DemoCode",
    "DemoLogin",
    "DemoRefused",
    "DemoReport",
    "build_demo",
    "check_demo_allowed",
    "demo_allowed",
    "demo_code_for",
    "demo_totp_secret",
    "demo_users",
    "is_demo_user",
)
