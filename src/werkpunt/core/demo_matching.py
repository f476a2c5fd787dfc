"""Fictitious demo data for matching on tasks (step 4): ``werkpunt manage demo_matching``.

It builds on the back-office demo (``demo_backoffice``: partners, advisers, employers and
placements) and adds, relative to today and with a fixed seed:

- 150 candidates of the seven partners, living in the kernen of the six municipalities, with
  tasks and skills from the task list, every kind of travel, hours and days, and profiles
  filled in more or less completely. About a third gave consent, a fifth is released (both
  keys), a few withdrew. Every change of consent is a ``ConsentEvent``;
- about 12 of them are the workers of demo placements whose contracts end within three
  months (a few fixed-term demo placements get such an end date when there are too few);
- about 25 demands at the demo employers, three of them open hiring with sign-ups, and a few
  proposals with their match log;
- one planned matchtafel in about three weeks with five employers whose workers' contracts end
  in its period (no pairs yet: the adviser presses "Voorstel maken"), and one open day in
  about four weeks with three time slots and invitations.

The other apps' services are being written at the same time, so the rows are made with the
models directly (only the placements' end dates go through ``placement_update``, which also
computes the deadlines again). A second run adds nothing; when the demo is incomplete (after
``demo_backoffice --reset`` removed the demo employers, say) or with ``reset=True``, it removes
only its own rows and builds them again. Its own rows: candidates whose reference starts with
``K-D``, and the demands, matchtafel and open day with the titles below at demo employers.

No user-facing screen shows these strings through gettext: they are data, in Dutch.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.test.utils import override_settings
from django.utils import timezone

from werkpunt.accounts.models import Organisation, Profile, Role
from werkpunt.candidates import selectors as candidate_selectors
from werkpunt.candidates.models import (
    Candidate,
    ConsentAction,
    ConsentEvent,
    ConsentVia,
    PhysicalLoad,
)
from werkpunt.core.demo_backoffice import (
    DEMO_EMAIL_DOMAIN,
    DEMO_KVK_NUMBERS,
    EXAMPLE_TLD,
    LAST_INITIALS,
    PARTNERS,
    DemoRefused,
    check_demo_allowed,
    local_moment,
)
from werkpunt.demands import selectors as demand_selectors
from werkpunt.demands.models import (
    Demand,
    DemandStatus,
    DemandTask,
    MatchAction,
    MatchLogEntry,
    MatchProposal,
    OpenHiringSignUp,
    ProposalStatus,
)
from werkpunt.employers.models import Employer
from werkpunt.employers.workdays import is_working_day
from werkpunt.matching import Matcher, load_catalogue, load_places
from werkpunt.matching import core as matching
from werkpunt.matching.catalogue import TaskCatalogue
from werkpunt.matching.esco import slugify
from werkpunt.matching.travel import Places
from werkpunt.matching.vocab import DAYS, EDUCATION_LEVELS, LANGUAGE_LEVELS, SUPPORT_NEEDS
from werkpunt.matchtafels import selectors as matchtafel_selectors
from werkpunt.matchtafels.models import Matchtafel, MatchtafelStatus
from werkpunt.opendays.models import (
    Invitation,
    InvitationStatus,
    OpenDay,
    OpenDaySlot,
    OpenDayStatus,
)
from werkpunt.placements import services as placement_services
from werkpunt.placements.models import ContractKind, Placement, PlacementStatus
from werkpunt.placements.services import add_months

#: The fixed seed of this demo (the back office has its own).
SEED = 20261204
#: Every demo candidate's reference starts with this (``K-D00001``); the references the app
#: gives (``K-000123``) never do, so these mark the demo's own candidates.
REFERENCE_PREFIX = "K-D"
CANDIDATE_COUNT = 150
#: Candidates linked to the worker of a placement whose contract ends within three months.
ENDING_TARGET = 12
#: Per employer at the matchtafel, at most this many ending contracts are brought.
ENDING_PER_EMPLOYER = 3
#: How many candidates (not linked to a worker) get each consent state.
RELEASED_GENERIC = 23
CONSENT_ONLY_GENERIC = 15
WITHDRAWN_GENERIC = 5
#: Of the linked (worker) candidates, this many are released; the others only consented.
RELEASED_LINKED = 7

MATCHTAFEL_TITLE = "Matchtafel Hoogeveen en De Wolden"
MATCHTAFEL_LOCATION = "Werkplein Hoogeveen, vergaderzaal De Reest (fictief adres)"
#: The employers at the matchtafel, in this order of preference; the demo takes those that
#: have a fixed-term placement that can end in the period, and fills up to four with others.
MATCHTAFEL_EMPLOYERS = (
    "Distributiecentrum Hoogeveen-Oost",
    "Supermarkt Krakeel",
    "Lunchroom Het Raadhuisplein",
    "Zorgcentrum Wolderwijs",
    "Recreatiepark Ruinen",
)
MATCHTAFEL_ADVISER = "adviseur.hoogeveen"
OPEN_DAY_EMPLOYER = "Supermarkt Hondsrugplein"
OPEN_DAY_TITLE = "Open dag: werken in de supermarkt"
OPEN_DAY_DEMAND = "Vakkenvuller ochtend"

#: Partner slug → CBS municipality code of ``werkpunt.matching`` places.
MUNICIPALITY_CODES = {
    "emmen": "GM0114",
    "coevorden": "GM0109",
    "hoogeveen": "GM0118",
    "borger-odoorn": "GM1681",
    "midden-drenthe": "GM1731",
    "de-wolden": "GM1690",
}
#: The main kern of each municipality (where most people live).
MAIN_PLACES = {
    "emmen": "emmen",
    "coevorden": "coevorden",
    "hoogeveen": "hoogeveen",
    "borger-odoorn": "borger",
    "midden-drenthe": "beilen",
    "de-wolden": "zuidwolde",
}
#: How many candidates (not linked to a worker) each partner supports.
PARTNER_SHARES = {
    "emmen": 28,
    "coevorden": 18,
    "hoogeveen": 22,
    "borger-odoorn": 14,
    "midden-drenthe": 16,
    "de-wolden": 12,
    "uwv": 28,
}
#: The home sector of a profile (most tasks come from it): roughly the region's mix.
SECTOR_WEIGHTS = {
    "logistiek": 16,
    "detailhandel": 14,
    "schoonmaak": 12,
    "horeca": 12,
    "food": 10,
    "agrarisch": 10,
    "zorg": 10,
    "industrie": 8,
    "bouw": 5,
    "kantoor": 5,
}
TRAVEL = (  # mode, share, (low, high) maximum minutes
    ("auto", 42, (20, 60)),
    ("fiets", 30, (15, 45)),
    ("ov", 15, (30, 75)),
    ("geen", 8, (10, 30)),
    ("", 5, (20, 40)),  # not filled in yet
)
LANGUAGE_SHARES = {"": 8, "geen": 3, "A1": 6, "A2": 14, "B1": 30, "B2": 22, "C1": 10, "C2": 7}
LOAD_SHARES = {"licht": 15, "middel": 35, "zwaar": 50}
EDUCATION_SHARES = {
    "": 15,
    "basisonderwijs": 4,
    "praktijkonderwijs": 10,
    "vso": 5,
    "vmbo": 18,
    "entree": 8,
    "mbo2": 18,
    "mbo3": 10,
    "mbo4": 6,
    "havo-vwo": 3,
    "hbo": 3,
}
HOURS = (8, 12, 16, 16, 20, 20, 24, 24, 24, 28, 32, 32, 36, 38)
#: Functional motivation lines, in the adviser's words; never health, age or origin.
MOTIVATIONS = (
    "Wil graag weer een vast ritme en collega's om zich heen.",
    "Werkt graag buiten en met de handen.",
    "Zoekt werk dicht bij huis, het liefst in de ochtend.",
    "Heeft ervaring als vrijwilliger in het buurthuis en wil nu betaald werk.",
    "Leert het snelst door het te doen; een vaste collega helpt bij de start.",
    "Wil graag meer uren werken dan nu.",
    "Houdt van afwisseling en werkt graag met mensen.",
    "Is betrouwbaar en altijd op tijd. Zoekt een plek om te blijven.",
    "Wil zich verder ontwikkelen, het liefst met een opleiding in de praktijk.",
    "Werkt het liefst in een klein team met duidelijke afspraken.",
    "Heeft jaren in de productie gewerkt en wil graag weer aan de slag.",
    "Is handig en pakt graag zelf dingen aan.",
)
ENDING_MOTIVATION = (
    "Het tijdelijke contract loopt binnenkort af. Wil graag door in hetzelfde soort werk, "
    "ook bij een andere werkgever."
)

#: Tasks of the workers at the demo placements, by job title (``demo_backoffice.JOBS``).
JOB_TASKS: dict[str, tuple[str, ...]] = {
    "Orderpicker": ("orderpicken-magazijn", "orders-inpakken", "pallets-wikkelen"),
    "Magazijnmedewerker": (
        "goederen-ontvangen",
        "orderpicken-magazijn",
        "pallets-wikkelen",
        "magazijn-schoonhouden",
    ),
    "Bijrijder": ("bijrijden-afleveren", "vrachtwagens-laden-lossen", "rolcontainers-laden"),
    "Vakkenvuller": ("vakken-vullen", "houdbaarheid-controleren", "winkelwagens-verzamelen"),
    "Medewerker kassa": ("kassa-afrekenen", "zelfscan-begeleiden", "vakken-vullen"),
    "Medewerker versafdeling": (
        "groente-fruit-afdeling",
        "brood-afbakken-winkel",
        "houdbaarheid-controleren",
        "vakken-vullen",
    ),
    "Afwasser": ("afwassen-spoelkeuken", "keuken-schoonmaken-sluiting", "mise-en-place-maken"),
    "Medewerker bediening": (
        "tafels-dekken-afruimen",
        "terras-bedienen",
        "koffie-zetten-barista",
        "broodjes-lunch-maken",
    ),
    "Medewerker schoonmaak park": (
        "vakantiehuisjes-schoonmaken",
        "sanitairgebouw-schoonmaken",
        "camping-terrein-onderhouden",
    ),
    "Medewerker huishouding": (
        "bedden-opmaken-zorg",
        "wasgoed-bewoners",
        "koffieronde",
        "zorglocatie-schoonmaken",
    ),
    "Helpende zorg": ("maaltijden-rondbrengen", "koffieronde", "wandelen-met-bewoners"),
    "Medewerker activiteiten": ("activiteiten-bewoners", "wandelen-met-bewoners", "koffieronde"),
    "Medewerker kwekerij": ("planten-oppotten", "stekken-snijden", "kwekerij-orders-klaarzetten"),
    "Medewerker teelt": ("kas-oogsten", "gewas-indraaien", "kassen-schoonmaken"),
    "Medewerker melkveehouderij": ("koeien-melken", "kalveren-verzorgen", "stallen-uitmesten"),
    "Productiemedewerker": ("voedingslijn-bedienen", "producten-inpakken-lijn", "dozen-vullen"),
    "Medewerker inpak": ("producten-inpakken-lijn", "dozen-vullen", "dozen-palletiseren"),
    "Medewerker kaasmakerij": ("kaas-keren", "kaas-maken", "productieruimte-reinigen"),
    "Assemblagemedewerker": ("kleine-onderdelen-monteren", "machines-samenbouwen"),
    "Metaalbewerker": ("metaal-zagen-boren", "hechtlassen", "onderdelen-ontbramen"),
    "Medewerker werkplaats": ("werkplaats-opruimen", "metaal-zagen-boren", "onderdelen-ontbramen"),
    "Schoonmaker": ("kantoren-schoonmaken", "toiletten-reinigen", "stofzuigen-stoffen"),
    "Glazenwasser": ("ramen-binnen-wassen", "ramen-buiten-wassen"),
    "Medewerker schoonmaak": ("kantoren-schoonmaken", "vloeren-schrobben", "toiletten-reinigen"),
    "Leerling-installateur": ("loodgieter-assisteren", "warmtepomp-installeren"),
    "Hulptimmerman": ("timmeren-bouw", "bouwplaats-opruimen", "kozijnen-deuren-plaatsen"),
    "Medewerker montage": ("binnenwanden-plaatsen", "bouwplaats-opruimen", "isoleren"),
    "Medewerker administratie": ("gegevens-invoeren", "post-verwerken", "archief-ordenen"),
    "Medewerker postkamer": ("post-verwerken", "interne-post-rondbrengen", "documenten-scannen"),
    "Medewerker archief": ("archief-ordenen", "documenten-scannen", "kopieren-binden"),
    "Poetser": ("voertuigen-wassen", "werkplaats-opruimen"),
    "Medewerker onderhoud": ("werkplaats-opruimen", "preventief-onderhoud"),
}
#: Work next to a sector that people often move to: what a worker whose contract ends can
#: also do (so the matchtafel can propose a move to another employer).
NEIGHBOUR_TASKS: dict[str, tuple[str, ...]] = {
    "logistiek": ("vakken-vullen", "winkelwagens-verzamelen", "winkelmagazijn-ontvangst"),
    "detailhandel": ("orderpicken-magazijn", "pallets-wikkelen", "magazijn-schoonhouden"),
    "horeca": ("bedden-opmaken-zorg", "koffieronde", "wasgoed-bewoners"),
    "zorg": ("afwassen-spoelkeuken", "vakantiehuisjes-schoonmaken", "broodjes-lunch-maken"),
    "schoonmaak": ("vakantiehuisjes-schoonmaken", "sanitairgebouw-schoonmaken"),
    "food": ("orderpicken-magazijn", "orders-inpakken"),
    "agrarisch": ("onkruid-wieden", "planten-oppotten"),
    "industrie": ("orderpicken-magazijn", "eindproduct-inpakken"),
    "bouw": ("bouwmaterieel-onderhouden", "werkplaats-opruimen"),
    "kantoor": ("post-verwerken", "receptie-kantoor"),
    "anders": ("voertuigen-wassen", "werkplaats-opruimen"),
}


@dataclass(frozen=True)
class DemandSeed:
    employer: str
    title: str
    positions: int
    #: ``task:hours`` or ``task:hours:weight``, separated by commas.
    tasks: str
    days: str = ""
    licences: str = ""
    language_min: str = "geen"
    min_hours: int | None = None
    status: str = DemandStatus.OPEN
    support: str = ""

    @property
    def open_hiring(self) -> bool:
        return self.title in BASIC_REQUIREMENTS

    @property
    def basic_requirements(self) -> str:
        return BASIC_REQUIREMENTS.get(self.title, "")

    @property
    def description(self) -> str:
        return DESCRIPTIONS.get(self.title, "")


#: The demands, one a line: employer | title | people | tasks (``task:hours[:weight]``) |
#: days | licences | language minimum | minimum hours | status | support offered.
#: First those of the matchtafel's employers, then the three open-hiring demands, those of the
#: employers with a portal account, and a few elsewhere in the region.
DEMAND_TABLE = """
Distributiecentrum Hoogeveen-Oost | Orderpickers dagdienst | 2 | orderpicken-magazijn:24, pallets-wikkelen:8, magazijn-schoonhouden:4 | | | geen | | open | vaste-collega begeleiding-bij-start
Distributiecentrum Hoogeveen-Oost | Heftruckchauffeur | 1 | heftruck-rijden:24:2, goederen-ontvangen:8 | ma di wo do vr | heftruck | A2 | | open |
Supermarkt Krakeel | Vakkenvuller avond | 2 | vakken-vullen:12, houdbaarheid-controleren:4, winkelwagens-verzamelen:4 | | | geen | | open |
Lunchroom Het Raadhuisplein | Medewerker keuken en afwas | 1 | afwassen-spoelkeuken:12, broodjes-lunch-maken:8, keuken-schoonmaken-sluiting:4 | | | geen | | open |
Zorgcentrum Wolderwijs | Medewerker huishouding woonafdeling | 2 | bedden-opmaken-zorg:12, wasgoed-bewoners:6, koffieronde:6 | | | A2 | | open | vaste-collega aangepaste-werktijden
Recreatiepark Ruinen | Schoonmaak vakantiehuisjes | 2 | vakantiehuisjes-schoonmaken:16, sanitairgebouw-schoonmaken:8 | ma vr | | geen | | open |
Vleeswaren Hulsman | Productiemedewerkers (open hiring) | 4 | vleeswaren-verpakken:16, producten-inpakken-lijn:8 | ma di wo do vr | | geen | 24 | open |
Op- en Overslag Vechtdal | Medewerker overslag (open hiring) | 3 | cross-dock-overslag:20, pallets-wikkelen:8 | | | geen | 20 | open |
Schoonmaakbedrijf Glans | Schoonmaker kantoren (open hiring) | 3 | kantoren-schoonmaken:12, toiletten-reinigen:4 | ma di wo do | | geen | 12 | open |
Supermarkt Hondsrugplein | Vakkenvuller ochtend | 2 | vakken-vullen:16, winkelmagazijn-ontvangst:4, houdbaarheid-controleren:4 | ma di wo do vr | | geen | | open | jobcoach begeleiding-bij-start
Supermarkt Hondsrugplein | Medewerker versafdeling | 1 | groente-fruit-afdeling:12, brood-afbakken-winkel:8, vleeswaren-snijden-winkel:4 | za | | A2 | | open |
Installatiebedrijf Kamps | Assistent-installateur | 1 | loodgieter-assisteren:24:2, warmtepomp-installeren:8 | | B | B1 | | open |
Installatiebedrijf Kamps | Hulp in de werkplaats | 1 | bouwmaterieel-onderhouden:12, bouwmagazijn-uitgifte:8 | | | geen | | open |
Boomkwekerij Hekman | Medewerker kwekerij voorjaar | 3 | planten-oppotten:16, stekken-snijden:8, onkruid-wieden:8 | | | geen | | open |
Boomkwekerij Hekman | Orders klaarzetten kwekerij | 1 | kwekerij-orders-klaarzetten:20, planten-etiketteren:8 | | | A1 | | open |
Zorgcentrum De Eshof | Gastvrouw of gastheer woonafdeling | 1 | gastvrouw-woonafdeling:12, koffieronde:8, maaltijden-rondbrengen:8 | | vog | B1 | | open |
Bakkerij Klaassens | Inpakker bakkerij | 1 | brood-snijden-inpakken:16, dozen-vullen:4 | za | | geen | | open |
Transportbedrijf Lanting | Chauffeur vrachtwagen | 1 | vrachtwagen-rijden:32:2, vrachtwagens-laden-lossen:8 | | C code95 | B1 | | open |
Restaurant De Vlinderhof | Afwasser weekend | 1 | afwassen-spoelkeuken:12, tafels-dekken-afruimen:4 | za zo | | geen | | open |
Vakantiepark Vechtoever | Medewerker terrein en schoonmaak | 2 | camping-terrein-onderhouden:12, sanitairgebouw-schoonmaken:8 | | | A1 | | open |
Kaasboerderij Exloërveld | Medewerker kaasmakerij | 1 | kaas-keren:16, productieruimte-reinigen:8 | | | geen | | filled |
Plantenkwekerij Beilerveld | Medewerker potten en stekken | 2 | planten-oppotten:12, zaaien-in-trays:8 | | | geen | | open |
Thuiszorg Samen Thuis | Huishoudelijke hulp | 2 | huishoudelijke-hulp-thuis:16 | | vog | A2 | | open | begeleiding-bij-start
Metaalbewerking Bargeres | Medewerker metaalbewerking | 1 | metaal-zagen-boren:16, onderdelen-ontbramen:8, werkplaats-opruimen:4 | | | A1 | | closed |
Administratiekantoor Rietlanden | Medewerker scannen en archief | 1 | documenten-scannen:12, archief-ordenen:8, post-verwerken:4 | | | A2 | | open |
Meubelmakerij Odoorn | Medewerker meubelmontage | 1 | meubels-monteren:20, hout-schuren-lakken:8 | | | A1 | | open |
"""

#: Open hiring: first come, first served, with only these basic requirements.
BASIC_REQUIREMENTS = {
    "Productiemedewerkers (open hiring)": (
        "Je kunt 24 uur per week werken, van maandag tot en met vrijdag. Je begint om 7.00 uur. "
        "Je kunt lang staan."
    ),
    "Medewerker overslag (open hiring)": (
        "Je kunt minstens 20 uur per week werken. Je mag zwaar tillen. Werkschoenen regelen we "
        "samen."
    ),
    "Schoonmaker kantoren (open hiring)": (
        "Je kunt 's avonds werken, van 18.00 tot 21.00 uur, op maandag tot en met donderdag."
    ),
}
DESCRIPTIONS = {
    "Orderpickers dagdienst": "Dagdienst van 7.00 tot 15.30 uur. Inwerken met een vaste collega.",
    "Vakkenvuller avond": "Vier avonden per week van 18.00 tot 21.00 uur.",
    "Schoonmaak vakantiehuisjes": (
        "Op de wisseldagen maandag en vrijdag, ook in de schoolvakanties."
    ),
    OPEN_DAY_DEMAND: "Van 6.00 tot 10.00 uur, voordat de winkel opengaat.",
    "Medewerker kwekerij voorjaar": "Van maart tot en met juni, met kans op een vast contract.",
}


def _demand_seeds(table: str) -> tuple[DemandSeed, ...]:
    seeds = []
    for line in table.strip().splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        employer, title, positions, tasks, days, licences, language, minimum, status, support = (
            cells
        )
        seeds.append(
            DemandSeed(
                employer=employer,
                title=title,
                positions=int(positions),
                tasks=tasks,
                days=days,
                licences=licences,
                language_min=language,
                min_hours=int(minimum) if minimum else None,
                status=DemandStatus(status),
                support=support,
            )
        )
    return tuple(seeds)


DEMANDS: tuple[DemandSeed, ...] = _demand_seeds(DEMAND_TABLE)
#: A demand for a matchtafel employer that is not in :data:`DEMANDS` (used only when the
#: back-office demo put the ending contracts at other employers than expected).
SECTOR_DEMANDS: dict[str, tuple[str, str]] = {
    "logistiek": ("Medewerker magazijn", "orderpicken-magazijn:20, pallets-wikkelen:8"),
    "detailhandel": ("Medewerker winkel", "vakken-vullen:16, houdbaarheid-controleren:4"),
    "horeca": ("Medewerker keuken", "afwassen-spoelkeuken:12, mise-en-place-maken:8"),
    "zorg": ("Medewerker huishouding", "bedden-opmaken-zorg:12, koffieronde:8"),
    "schoonmaak": ("Medewerker schoonmaak", "kantoren-schoonmaken:12, toiletten-reinigen:4"),
    "food": ("Medewerker productie", "producten-inpakken-lijn:16, dozen-vullen:8"),
    "agrarisch": ("Medewerker teelt", "planten-oppotten:16, onkruid-wieden:8"),
    "industrie": ("Medewerker productie", "eindproduct-inpakken:16, werkplaats-opruimen:8"),
    "bouw": ("Hulp op de bouw", "bouwplaats-opruimen:16, bouwmaterieel-onderhouden:8"),
    "kantoor": ("Medewerker post en archief", "post-verwerken:12, archief-ordenen:8"),
    "anders": ("Medewerker werkplaats", "werkplaats-opruimen:16, voertuigen-wassen:8"),
}
DEMAND_TITLES = frozenset(
    [seed.title for seed in DEMANDS] + [title for title, _ in SECTOR_DEMANDS.values()]
)
#: Demands that get a proposal of the best fitting candidates (and how the proposal went).
PROPOSALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (OPEN_DAY_DEMAND, (ProposalStatus.INVITED, ProposalStatus.PROPOSED)),
    ("Medewerker versafdeling", (ProposalStatus.PROPOSED,)),
    ("Medewerker kwekerij voorjaar", (ProposalStatus.INVITED, ProposalStatus.DECLINED)),
    ("Hulp in de werkplaats", (ProposalStatus.PROPOSED,)),
    ("Gastvrouw of gastheer woonafdeling", (ProposalStatus.PROPOSED,)),
    ("Medewerker potten en stekken", (ProposalStatus.INVITED,)),
)
#: Candidates whose profile is built around a demand (its tasks, near its employer), so the
#: proposals and the open day have people who fit: (demand title, how many).
TARGETS: tuple[tuple[str, int], ...] = (
    (OPEN_DAY_DEMAND, 8),
    ("Medewerker versafdeling", 2),
    ("Medewerker kwekerij voorjaar", 3),
    ("Hulp in de werkplaats", 2),
    ("Gastvrouw of gastheer woonafdeling", 2),
    ("Medewerker potten en stekken", 2),
)
PROPOSAL_NOTES = {
    ProposalStatus.PROPOSED: "Profiel gestuurd; werkgever kijkt er deze week naar.",
    ProposalStatus.INVITED: "Werkgever wil kennismaken. Gesprek gepland.",
    ProposalStatus.DECLINED: "Werkgever koos voor iemand met meer ervaring in de kas.",
}
SIGN_UP_PEOPLE = (
    ("Joyce T.", "joyce"),
    ("Mehmet K.", "mehmet"),
    ("Annet V.", "annet"),
    ("Rick de B.", "rick"),
    ("Sylvia H.", "sylvia"),
)


# --- Converting rows to the pure matching core -------------------------------------------------
# Through the apps' own selectors, so the demo checks what the screens do.


def core_candidate(candidate: Candidate) -> matching.Candidate:
    """The anonymous work profile of a candidate row, for ``werkpunt.matching``."""
    return candidate_selectors.as_match_candidate(candidate=candidate)


def core_demand(demand: Demand) -> matching.Demand:
    """A demand row with its task rows, for ``werkpunt.matching``."""
    return demand_selectors.as_match_demand(demand=demand)


def with_consent() -> QuerySet[Candidate]:
    """Active candidates whose own key is turned and not withdrawn."""
    return Candidate.objects.active().filter(
        candidate_consent_at__isnull=False, consent_withdrawn_at__isnull=True
    )


def matchtafel_table(
    matchtafel: Matchtafel,
) -> tuple[list[Candidate], list[tuple[Demand, int]], dict[int, Placement]]:
    """What a matchtafel brings to the table (``matchtafels.selectors.gather``): candidates
    with consent whose placement at a participating employer ends in the period (with that
    placement), and the open, scored demands of the participants with their places."""
    gathering = matchtafel_selectors.gather(matchtafel=matchtafel)
    candidates = [person.candidate for person in gathering.people]
    placements = {person.candidate.pk: person.ending_placement for person in gathering.people}
    return candidates, [(p.demand, p.positions) for p in gathering.places], placements


# --- The report --------------------------------------------------------------------------------


@dataclass
class MatchingDemoReport:
    #: False when the demo was complete already and nothing was made.
    created: bool
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    matchtafel_date: dt.date | None = None
    open_day_date: dt.date | None = None
    seconds: float = 0.0


# --- Own rows --------------------------------------------------------------------------------


def demo_employers() -> QuerySet[Employer]:
    return Employer.objects.filter(kvk_number__in=DEMO_KVK_NUMBERS)


def own_candidates() -> QuerySet[Candidate]:
    return Candidate.objects.filter(reference__startswith=REFERENCE_PREFIX)


def own_demands() -> QuerySet[Demand]:
    return Demand.objects.filter(employer__in=demo_employers(), title__in=DEMAND_TITLES)


def own_matchtafels() -> QuerySet[Matchtafel]:
    return Matchtafel.objects.filter(title=MATCHTAFEL_TITLE)


def own_open_days() -> QuerySet[OpenDay]:
    return OpenDay.objects.filter(employer__in=demo_employers(), title=OPEN_DAY_TITLE)


def is_complete() -> bool:
    """All of the demo is there (nothing removed since it was made)."""
    return (
        own_candidates().count() == CANDIDATE_COUNT
        and own_demands().count() >= len(DEMANDS)
        and own_matchtafels().filter(employers__isnull=False).exists()
        and own_open_days().exists()
    )


def remove_own_rows() -> None:
    """Remove what this demo made; proposals, sign-ups, invitations and pairs go with it."""
    own_open_days().delete()
    own_matchtafels().delete()
    own_demands().delete()
    own_candidates().delete()


# --- The build ---------------------------------------------------------------------------------


def build_matching_demo(*, reset: bool = False, seed: int = SEED) -> MatchingDemoReport:
    """Make the demo of step 4 on top of the back-office demo. See the module docstring.

    Raises :class:`DemoRefused` when the demo may not run here or when the back-office demo
    is missing. One transaction: nothing is left half-made.
    """
    check_demo_allowed()
    started = time.perf_counter()
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        transaction.atomic(),
    ):
        builder = _Builder(seed=seed)
        builder.check_backoffice()
        if not reset and is_complete():
            report = MatchingDemoReport(created=False)
            report.notes.append(
                "De demo voor matching stond er al; er is niets dubbel gemaakt. Met --reset "
                "bouwt u hem opnieuw op, met de datums van vandaag."
            )
        else:
            if own_candidates().exists() or own_demands().exists():
                if not reset:
                    builder.notes.append(
                        "De demo voor matching was niet meer compleet (bijvoorbeeld na "
                        "demo_backoffice --reset); hij is opnieuw opgebouwd."
                    )
                remove_own_rows()
            builder.build()
            report = MatchingDemoReport(created=True, notes=builder.notes)
        report.counts = counts()
        tafel = own_matchtafels().first()
        report.matchtafel_date = tafel.date if tafel else None
        if tafel is not None:
            candidates, places, _ = matchtafel_table(tafel)
            report.counts["table_candidates"] = len(candidates)
            report.counts["table_places"] = sum(n for _, n in places)
            report.counts["table_proposals"] = len(expected_proposals(tafel))
        open_day = own_open_days().first()
        report.open_day_date = open_day.date if open_day else None
    report.seconds = time.perf_counter() - started
    return report


def expected_proposals(matchtafel: Matchtafel) -> list[tuple[str, str, float]]:
    """The pairs the pure core proposes for this matchtafel now: (candidate, demand, score)."""
    candidates, places, _ = matchtafel_table(matchtafel)
    if not candidates or not places:
        return []
    result = Matcher.default().matchtafel(
        [core_candidate(c) for c in candidates],
        [(core_demand(d), n) for d, n in places],
        min_score=matchtafel.min_score,
    )
    return result.proposals()


def counts() -> dict[str, int]:
    candidates = own_candidates()
    demands = own_demands()
    return {
        "candidates": candidates.count(),
        "consent": candidates.filter(
            candidate_consent_at__isnull=False, consent_withdrawn_at__isnull=True
        ).count(),
        "released": candidates.filter(pk__in=Candidate.objects.released()).count(),
        "withdrawn": candidates.filter(consent_withdrawn_at__isnull=False).count(),
        "linked": candidates.filter(worker__isnull=False).count(),
        "consent_events": ConsentEvent.objects.filter(candidate__in=candidates).count(),
        "demands": demands.count(),
        "open_hiring": demands.filter(open_hiring=True).count(),
        "sign_ups": OpenHiringSignUp.objects.filter(demand__in=demands).count(),
        "proposals": MatchProposal.objects.filter(demand__in=demands).count(),
        "log_entries": MatchLogEntry.objects.filter(demand__in=demands).count(),
        "matchtafels": own_matchtafels().count(),
        "open_days": own_open_days().count(),
        "slots": OpenDaySlot.objects.filter(open_day__in=own_open_days()).count(),
        "invitations": Invitation.objects.filter(open_day__in=own_open_days()).count(),
        "registered": Invitation.objects.filter(
            open_day__in=own_open_days(), status=InvitationStatus.REGISTERED
        ).count(),
    }


def _weighted(rng: random.Random, shares: dict[str, int]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def _tasks_of(text: str) -> list[tuple[str, Decimal, Decimal]]:
    """``"a:12, b:8:2"`` → ``[("a", 12, 1), ("b", 8, 2)]``."""
    result = []
    for item in text.split(","):
        parts = item.strip().split(":")
        weight = Decimal(parts[2]) if len(parts) > 2 else Decimal(1)
        result.append((parts[0], Decimal(parts[1]), weight))
    return result


def event_day(*, after: dt.date, weekday: int) -> dt.date:
    """The first ``weekday`` (0 = Monday) from ``after`` on that is a working day and not in
    the week between Christmas and New Year: a day an employer would pick."""
    day = after + dt.timedelta(days=(weekday - after.weekday()) % 7)
    while not is_working_day(day) or (day.month, day.day) >= (12, 24):
        day += dt.timedelta(days=7)
    return day


@dataclass(frozen=True)
class _Fit:
    slug: str
    sector: str
    home: str
    travel: tuple[str, int, int]
    tasks: list[str]
    skills: list[str]
    days: list[str]
    hours: float
    language: str
    licences: list[str]


class _Builder:
    def __init__(self, *, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not a secret
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.catalogue: TaskCatalogue = load_catalogue()
        self.places: Places = load_places()
        self.matcher = Matcher.default()
        self.notes: list[str] = []
        self.orgs: dict[str, Organisation] = {}
        self.advisers: dict[str, list[Any]] = {}
        self.users: dict[str, Any] = {}
        self.employers: dict[str, Employer] = {}
        self.number = 0
        self.candidates: list[Candidate] = []
        self.demands: dict[str, Demand] = {}
        self.matchtafel_employers: list[Employer] = []
        #: The candidates built around a demand (they get consent first).
        self.targeted: set[int] = set()

    # -- what the back-office demo must have made --------------------------------------------

    def check_backoffice(self) -> None:
        missing: list[str] = []
        slugs = [p.slug for p in PARTNERS if p.slug in PARTNER_SHARES]
        self.orgs = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
        if len(self.orgs) != len(slugs):
            missing.append("de zeven partners")
        profiles = Profile.objects.filter(
            role=Role.ADVISER,
            organisation__slug__in=slugs,
            user__email__endswith="@" + DEMO_EMAIL_DOMAIN,
            user__is_active=True,
        ).select_related("user", "organisation")
        for profile in profiles.order_by("user__username"):
            self.advisers.setdefault(profile.organisation.slug, []).append(profile.user)
        users = get_user_model().objects.filter(email__endswith="@" + DEMO_EMAIL_DOMAIN)
        self.users = {u.get_username(): u for u in users}
        if set(self.advisers) != set(slugs) or MATCHTAFEL_ADVISER not in self.users:
            missing.append("de adviseurs van de partners")
        self.employers = {e.name: e for e in demo_employers().order_by("name")}
        if len(self.employers) < len(DEMO_KVK_NUMBERS):
            missing.append("de 40 werkgevers")
        elif not Placement.objects.filter(employer__in=self.employers.values()).exists():
            missing.append("de plaatsingen")
        if missing:
            raise DemoRefused(
                "De demo voor matching bouwt voort op de demo van de backoffice, maar "
                f"{' en '.join(missing)} ontbreken. Draai eerst 'werkpunt manage "
                "demo_backoffice' en daarna deze opdracht opnieuw."
            )

    # -- the build -------------------------------------------------------------------------

    def build(self) -> None:
        linked = self.ending_placements()
        self.make_linked_candidates(linked)
        self.make_candidates(CANDIDATE_COUNT - len(self.candidates))
        self.make_demands()
        self.make_sign_ups()
        self.make_proposals()
        self.make_matchtafel()
        self.make_open_day()

    def _back(self, days: int) -> dt.datetime:
        moment = local_moment(
            self.today - dt.timedelta(days=days),
            self.rng.randint(9, 16),
            self.rng.choice((0, 15, 30, 45)),
        )
        return min(moment, self.now)

    def _place_of(self, employer: Employer) -> str:
        """The place code of the employer's first location (else its municipality's kern)."""
        location = employer.locations.order_by("pk").first()
        if location is not None:
            wanted = location.place.strip().lower()
            for place in self.places.places:
                if place.name.lower() == wanted:
                    return place.id
        return MAIN_PLACES.get(employer.municipality, "emmen")

    def _places_in(self, slug: str) -> list[str]:
        code = MUNICIPALITY_CODES[slug]
        return sorted(p.id for p in self.places.places if p.municipality_code == code)

    def _home(self, slug: str) -> str:
        if slug not in MUNICIPALITY_CODES:  # UWV: people from the whole region
            slug = self.rng.choice(sorted(MUNICIPALITY_CODES))
        if self.rng.random() < 0.45:
            return MAIN_PLACES[slug]
        return self.rng.choice(self._places_in(slug))

    # -- placements whose contract ends --------------------------------------------------------

    def ending_placements(self) -> list[Placement]:
        """About :data:`ENDING_TARGET` demo placements whose contract ends within three months,
        most of them at the matchtafel's employers; a few get that end date now."""
        today = self.today
        window_end = add_months(today, 3)
        first_end = today + dt.timedelta(days=14)
        eligible = (
            Placement.objects.filter(
                employer__in=self.employers.values(),
                status=PlacementStatus.ACTIVE,
                ended_on__isnull=True,
                end_date__isnull=False,
                contract__in=(ContractKind.FIXED, ContractKind.LEARNING),
                worker__anonymised_at__isnull=True,
                worker__candidate__isnull=True,
            )
            .select_related("employer", "worker")
            .order_by("end_date", "pk")
        )
        by_employer: dict[int, list[Placement]] = {}
        for placement in eligible:
            by_employer.setdefault(placement.employer_id, []).append(placement)

        participants = [
            self.employers[name]
            for name in MATCHTAFEL_EMPLOYERS
            if name in self.employers and self.employers[name].pk in by_employer
        ]
        if len(participants) < 4:
            others = sorted(
                (e for e in self.employers.values() if e.pk in by_employer),
                key=lambda e: (-len(by_employer[e.pk]), e.name),
            )
            participants += [e for e in others if e not in participants][: 5 - len(participants)]
            self.notes.append(
                "Niet alle werkgevers van de matchtafel hadden een tijdelijk contract; de "
                "matchtafel kreeg andere werkgevers erbij."
            )
        self.matchtafel_employers = participants

        chosen: list[Placement] = []
        for employer in participants:
            chosen += by_employer[employer.pk][:ENDING_PER_EMPLOYER]
        rest = [p for p in eligible if p not in chosen]
        rest.sort(key=lambda p: (not (first_end <= (p.end_date or today) <= window_end), p.pk))
        chosen += rest[: max(0, ENDING_TARGET - len(chosen))]

        table_day = self._matchtafel_day()
        moved = 0
        for index, placement in enumerate(chosen):
            end = placement.end_date
            if end is not None and first_end <= end <= window_end:
                continue
            new_end = min(table_day + dt.timedelta(days=14 + 7 * (index % 8)), window_end)
            new_end = max(new_end, placement.start_date + dt.timedelta(days=1))
            try:
                placement_services.placement_update(
                    placement=placement,
                    hours_per_week=placement.hours_per_week,
                    hourly_wage_cents=placement.hourly_wage_cents,
                    end_date=new_end,
                    by=placement.employer.contact_person,
                    as_of=today,
                )
            except ValidationError:
                continue
            moved += 1
        if moved:
            self.notes.append(
                f"{moved} tijdelijke contracten van de demo kregen een einddatum in de komende "
                "drie maanden, zodat er werknemers naar de matchtafel kunnen."
            )
        chosen_pks = [p.pk for p in chosen]
        return list(
            Placement.objects.filter(
                pk__in=chosen_pks, end_date__gte=first_end, end_date__lte=window_end
            )
            .select_related("employer", "worker")
            .order_by("end_date", "pk")
        )

    def _matchtafel_day(self) -> dt.date:
        return event_day(after=self.today + dt.timedelta(days=21), weekday=1)  # a Tuesday

    # -- candidates ------------------------------------------------------------------------

    def _reference(self) -> str:
        self.number += 1
        return f"{REFERENCE_PREFIX}{self.number:05d}"

    def _contact(self, first: str, number: int) -> tuple[str, str]:
        rng = self.rng
        handle = slugify(first).replace("-", "")
        email = f"{handle}.{number}@kandidaat.{EXAMPLE_TLD}" if rng.random() < 0.75 else ""
        phone = f"06 00{number:06d}" if rng.random() < 0.7 else ""
        return email, phone

    def _skills_for(self, tasks: Sequence[str], *, keep: float) -> list[str]:
        needed = sorted(self.catalogue.skills_for_tasks(tasks))
        return [s for s in needed if self.rng.random() < keep]

    def _tasks_from(self, sector: str, *, count: int, load: str, language: str) -> list[str]:
        loads = ("licht", "middel", "zwaar")
        level = max(LANGUAGE_LEVELS.index(language) if language else 0, 0)
        fitting = [
            t.id
            for t in self.catalogue.in_sector(sector)
            if loads.index(t.physical_load) <= loads.index(load)
            and LANGUAGE_LEVELS.index(t.language) <= level
        ]
        pool = fitting or [t.id for t in self.catalogue.in_sector(sector)]
        return self.rng.sample(pool, min(count, len(pool)))

    def _licences(self, *, sector: str, mode: str) -> list[str]:
        rng = self.rng
        held = []
        if rng.random() < (0.9 if mode == "auto" else 0.15):
            held.append("B")
        chances = {
            "heftruck": 0.25 if sector == "logistiek" else 0.03,
            "reachtruck": 0.08 if sector == "logistiek" else 0.0,
            "vca-basis": 0.3 if sector in ("bouw", "industrie") else 0.03,
            "vog": 0.5 if sector == "zorg" else 0.08,
            "sociale-hygiene": 0.2 if sector == "horeca" else 0.0,
            "T": 0.25 if sector == "agrarisch" else 0.0,
        }
        held += [licence for licence, chance in chances.items() if rng.random() < chance]
        if sector == "logistiek" and "B" in held and rng.random() < 0.12:
            held += ["C", "code95"]
        return held

    def _days(self) -> list[str]:
        draw = self.rng.random()
        if draw < 0.55:
            return list(DAYS[:5])
        if draw < 0.75:
            return list(DAYS)
        if draw < 0.92:
            return sorted(self.rng.sample(DAYS, self.rng.randint(2, 5)), key=DAYS.index)
        return []

    def _support(self, *, language: str) -> list[str]:
        rng = self.rng
        needs: set[str] = set()
        if rng.random() < 0.25:
            needs.add(rng.choice(sorted(SUPPORT_NEEDS)))
            if rng.random() < 0.3:
                needs.add(rng.choice(sorted(SUPPORT_NEEDS)))
        if language in ("geen", "A1") and rng.random() < 0.6:
            needs.add("taalondersteuning")
        return sorted(needs)

    def make_candidates(self, total: int) -> None:
        """Candidates looking for work, spread over the seven partners."""
        rng = self.rng
        slugs = [slug for slug, share in PARTNER_SHARES.items() for _ in range(share)]
        rng.shuffle(slugs)
        by_title = {seed.title: seed for seed in DEMANDS if seed.employer in self.employers}
        targets = [
            by_title[title] for title, count in TARGETS if title in by_title for _ in range(count)
        ]
        for index in range(total):
            slug = slugs[index % len(slugs)]
            sector = rng.choices(list(SECTOR_WEIGHTS), weights=list(SECTOR_WEIGHTS.values()))[0]
            mode, low, high = self._travel()
            language = _weighted(rng, LANGUAGE_SHARES)
            load = _weighted(rng, LOAD_SHARES)
            tasks = self._tasks_from(
                sector, count=rng.randint(2, 5), load=load, language=language or "A2"
            )
            if rng.random() < 0.2:
                other = rng.choice([s for s in SECTOR_WEIGHTS if s != sector])
                tasks += self._tasks_from(other, count=1, load=load, language=language or "A2")
            skills = self._skills_for(tasks, keep=0.8) if rng.random() > 0.08 else []
            days = self._days()
            hours: float = rng.choice(HOURS)
            licences = self._licences(sector=sector, mode=mode)
            home = ""
            if index < len(targets):
                fit = self._fitting_profile(targets[index], number=index)
                slug, sector, home, mode, low, high = fit.slug, fit.sector, fit.home, *fit.travel
                tasks, skills, days, hours = fit.tasks, fit.skills, fit.days, fit.hours
                language, load = fit.language, "zwaar" if index % 3 else "middel"
                licences = sorted({*licences, *fit.licences})
            adviser = self.advisers[slug][index % len(self.advisers[slug])]
            interest_draw = rng.random()
            if interest_draw < 0.35:
                interests = [sector]
            elif interest_draw < 0.65:
                interests = sorted(tasks[:2])
            elif interest_draw < 0.75:
                interests = [rng.choice(list(SECTOR_WEIGHTS)), tasks[0]]
            else:
                interests = []
            first = FIRST_NAMES_DEMO[(index * 7 + 3) % len(FIRST_NAMES_DEMO)]
            initial = LAST_INITIALS[(index * 5 + 1) % len(LAST_INITIALS)]
            education = _weighted(rng, EDUCATION_SHARES)
            assert education in ("", *EDUCATION_LEVELS)
            candidate = self._candidate(
                adviser=adviser,
                organisation=self.orgs[slug],
                display_name=f"{first} {initial}.",
                home_place=home or self._home(slug),
                travel_mode=mode,
                max_travel_minutes=rng.randrange(low, high + 1, 5),
                hours=hours,
                days=days,
                tasks=tasks,
                skills=skills,
                experience=None if rng.random() < 0.15 else rng.randint(0, 40) / 2,
                education=education,
                language=language,
                licences=licences,
                support=self._support(language=language),
                interests=interests,
                load=load,
                motivation="" if rng.random() < 0.15 else rng.choice(MOTIVATIONS),
            )
            if index < len(targets):
                self.targeted.add(candidate.pk)
        self._consent()

    def _fitting_profile(self, seed: DemandSeed, *, number: int) -> _Fit:
        """A profile built around a demand: its tasks, living near its employer, available on
        its days and for its hours, with its licences and language."""
        rng = self.rng
        employer = self.employers[seed.employer]
        work = self._place_of(employer)
        slug = "uwv" if number % 4 == 3 else employer.municipality
        nearby = sorted(
            self._places_in(employer.municipality),
            key=lambda place: (self.places.minutes(place, work, "auto"), place),
        )[:5]
        home = rng.choice(nearby)
        mode = rng.choice(("auto", "fiets", "fiets", "ov"))
        minutes = self.places.minutes(home, work, mode)
        if minutes > 40:
            mode, minutes = "auto", self.places.minutes(home, work, "auto")
        low = max(20, 5 * math.ceil((minutes + 10) / 5))
        demand_tasks = [task_id for task_id, _, _ in _tasks_of(seed.tasks)]
        tasks = rng.sample(demand_tasks, max(2, len(demand_tasks) - rng.randint(0, 1)))
        sector = self.catalogue.tasks[tasks[0]].sector
        tasks += self._tasks_from(sector, count=1, load="zwaar", language="B1")
        needed = max(
            LANGUAGE_LEVELS.index(seed.language_min),
            *(LANGUAGE_LEVELS.index(self.catalogue.tasks[t].language) for t in demand_tasks),
            LANGUAGE_LEVELS.index("A2"),
        )
        language = LANGUAGE_LEVELS[min(needed + rng.randint(0, 1), len(LANGUAGE_LEVELS) - 1)]
        total = sum(hours for _, hours, _ in _tasks_of(seed.tasks))
        return _Fit(
            slug=slug,
            sector=sector,
            home=home,
            travel=(mode, low, low + 15),
            tasks=list(dict.fromkeys(tasks)),
            skills=self._skills_for(tasks, keep=0.85),
            days=sorted({*DAYS[:5], *seed.days.split()}, key=DAYS.index),
            hours=float(min(38, max(16, int(total) - 4 * rng.randint(0, 2)))),
            language=language,
            licences=seed.licences.split(),
        )

    def _travel(self) -> tuple[str, int, int]:
        mode, _, (low, high) = self.rng.choices(TRAVEL, weights=[t[1] for t in TRAVEL])[0]
        return mode, low, high

    def _candidate(
        self,
        *,
        adviser: Any,
        organisation: Organisation,
        display_name: str,
        home_place: str,
        travel_mode: str,
        max_travel_minutes: int,
        hours: float,
        days: list[str],
        tasks: list[str],
        skills: list[str],
        experience: float | None,
        education: str,
        language: str,
        licences: list[str],
        support: list[str],
        interests: list[str],
        load: str,
        motivation: str,
        worker: Any = None,
    ) -> Candidate:
        reference = self._reference()
        email, phone = self._contact(display_name.split(maxsplit=1)[0], self.number)
        created = self._back(self.rng.randint(20, 420))
        candidate = Candidate.objects.create(
            reference=reference,
            display_name=display_name,
            email=email,
            phone=phone,
            organisation=organisation,
            adviser=adviser,
            worker=worker,
            home_place=home_place,
            travel_mode=travel_mode,
            max_travel_minutes=max_travel_minutes,
            hours_per_week=Decimal(str(hours)),
            days=days,
            tasks=list(dict.fromkeys(tasks)),
            skills=skills,
            experience_years=Decimal(str(experience)) if experience is not None else None,
            education_level=education,
            language_level=language,
            licences=licences,
            support_needs=support,
            interests=interests,
            max_physical_load=load,
            motivation=motivation,
            created_by=adviser,
            created_at=created,
            updated_at=min(created + dt.timedelta(days=self.rng.randint(0, 15)), self.now),
        )
        self.candidates.append(candidate)
        return candidate

    def make_linked_candidates(self, placements: list[Placement]) -> None:
        """The workers whose contracts end: a profile with what they do now, and consent."""
        rng = self.rng
        for index, placement in enumerate(placements):
            employer = placement.employer
            worker = placement.worker
            slug = worker.municipality if worker.municipality in MUNICIPALITY_CODES else "uwv"
            organisation = self.orgs[slug]
            adviser = self.advisers[slug][index % len(self.advisers[slug])]
            work_place = self._place_of(employer)
            if slug == employer.municipality:
                home = work_place if rng.random() < 0.5 else self._home(slug)
            else:
                home = self._home(slug)
            by_bike = self.places.minutes(home, work_place, "fiets")
            if by_bike <= 25 and rng.random() < 0.6:
                mode, minutes = "fiets", by_bike
            else:
                mode, minutes = "auto", self.places.minutes(home, work_place, "auto")
            limit = max(30, 5 * math.ceil((minutes + 15) / 5))
            tasks = [
                t for t in JOB_TASKS.get(placement.job_title, ()) if t in self.catalogue.tasks
            ] or self._tasks_from(employer.sector, count=3, load="zwaar", language="B1")
            neighbours = [
                t for t in NEIGHBOUR_TASKS.get(employer.sector, ()) if t in self.catalogue.tasks
            ]
            tasks += rng.sample(neighbours, min(len(neighbours), rng.randint(1, 2)))
            sectors = {self.catalogue.tasks[t].sector for t in tasks}
            licences = self._licences(sector=employer.sector, mode=mode)
            if "heftruck-rijden" in tasks or (
                employer.sector == "logistiek" and index % 2 == 0 and "heftruck" not in licences
            ):
                licences.append("heftruck")
            self._candidate(
                adviser=adviser,
                organisation=organisation,
                display_name=worker.display_name,
                home_place=home,
                travel_mode=mode,
                max_travel_minutes=limit,
                hours=float(max(placement.hours_per_week, Decimal(16))),
                days=list(DAYS[:5]),
                tasks=tasks,
                skills=self._skills_for(tasks, keep=0.9),
                experience=float(rng.randint(1, 8)),
                education=rng.choice(("vmbo", "mbo2", "praktijkonderwijs", "entree", "mbo3")),
                language=rng.choice(("A2", "B1", "B1", "B2")),
                licences=sorted(set(licences)),
                support=["jobcoach"] if index % 4 == 1 else [],
                interests=sorted(sectors),
                load=PhysicalLoad.HEAVY if index % 5 else PhysicalLoad.MEDIUM,
                motivation=ENDING_MOTIVATION,
                worker=worker,
            )

    # -- consent -------------------------------------------------------------------------------

    def _consent(self) -> None:
        """Both keys for a fifth, the candidate's key for a third, a few withdrawn."""
        rng = self.rng
        linked = [c for c in self.candidates if c.worker_id is not None]
        generic = [c for c in self.candidates if c.worker_id is None]
        targeted = [c for c in generic if c.pk in self.targeted]
        others = rng.sample([c for c in generic if c not in targeted], len(generic) - len(targeted))
        # Those built around a demand take turns: released, consented only.
        first_released = targeted[::2][:RELEASED_GENERIC]
        first_consent = targeted[1::2][:CONSENT_ONLY_GENERIC]
        released_rest = RELEASED_GENERIC - len(first_released)
        consent_rest = CONSENT_ONLY_GENERIC - len(first_consent)
        released = linked[:RELEASED_LINKED] + first_released + others[:released_rest]
        consent_only = (
            linked[RELEASED_LINKED:]
            + first_consent
            + others[released_rest : released_rest + consent_rest]
        )
        start = released_rest + consent_rest
        withdrawn = others[start : start + WITHDRAWN_GENERIC]
        for candidate in released:
            self._give_consent(candidate, release=True)
        for candidate in consent_only:
            self._give_consent(candidate, release=False)
        for number, candidate in enumerate(withdrawn):
            self._give_consent(candidate, release=number % 2 == 0)
            self._withdraw(candidate, by_candidate=number % 3 != 2)

    def _event(
        self, candidate: Candidate, action: str, at: dt.datetime, by: Any, note: str
    ) -> None:
        ConsentEvent.objects.create(candidate=candidate, action=action, at=at, by=by, note=note)

    def _give_consent(self, candidate: Candidate, *, release: bool) -> None:
        rng = self.rng
        via = rng.choice(
            (ConsentVia.LINK, ConsentVia.LINK, ConsentVia.PAPER, ConsentVia.CONVERSATION)
        )
        given = min(candidate.created_at + dt.timedelta(days=rng.randint(1, 12), hours=2), self.now)
        by = None if via == ConsentVia.LINK else candidate.adviser
        note = {
            ConsentVia.LINK: "",
            ConsentVia.PAPER: "Formulier getekend bij het intakegesprek.",
            ConsentVia.CONVERSATION: "Toestemming gegeven in het gesprek op kantoor.",
        }[ConsentVia(via)]
        self._event(candidate, ConsentAction.CANDIDATE_GAVE, given, by, note)
        candidate.candidate_consent_at = given
        candidate.candidate_consent_via = via
        fields = ["candidate_consent_at", "candidate_consent_via", "updated_at"]
        if release:
            released = min(given + dt.timedelta(days=rng.randint(0, 6), hours=1), self.now)
            self._event(candidate, ConsentAction.ADVISER_RELEASED, released, candidate.adviser, "")
            candidate.adviser_release_at = released
            candidate.adviser_release_by = candidate.adviser
            fields += ["adviser_release_at", "adviser_release_by"]
        candidate.updated_at = max(candidate.updated_at, candidate.adviser_release_at or given)
        candidate.save(update_fields=fields)

    def _withdraw(self, candidate: Candidate, *, by_candidate: bool) -> None:
        """Withdrawal closes both keys at once; the events keep the history."""
        before = candidate.adviser_release_at or candidate.candidate_consent_at or self.now
        at = min(before + dt.timedelta(days=self.rng.randint(3, 30)), self.now)
        if by_candidate:
            self._event(candidate, ConsentAction.CANDIDATE_WITHDREW, at, None, "")
        else:
            self._event(
                candidate,
                ConsentAction.ADVISER_WITHDREW,
                at,
                candidate.adviser,
                "Op verzoek van de kandidaat, in een telefoongesprek.",
            )
        candidate.candidate_consent_at = None
        candidate.candidate_consent_via = ""
        candidate.adviser_release_at = None
        candidate.adviser_release_by = None
        candidate.consent_withdrawn_at = at
        candidate.updated_at = at
        candidate.save(
            update_fields=[
                "candidate_consent_at",
                "candidate_consent_via",
                "adviser_release_at",
                "adviser_release_by",
                "consent_withdrawn_at",
                "updated_at",
            ]
        )

    # -- demands -------------------------------------------------------------------------------

    def make_demands(self) -> None:
        seeds = [s for s in DEMANDS if s.employer in self.employers]
        named = {s.employer for s in seeds}
        for employer in self.matchtafel_employers:
            if employer.name not in named:
                title, tasks = SECTOR_DEMANDS[employer.sector]
                seeds.append(
                    DemandSeed(employer=employer.name, title=title, positions=1, tasks=tasks)
                )
        portal = {
            profile.organisation_id: profile.user
            for profile in Profile.objects.filter(role=Role.EMPLOYER).select_related("user")
        }
        for number, seed in enumerate(seeds):
            employer = self.employers[seed.employer]
            created_by: Any = employer.contact_person
            portal_user = portal.get(employer.organisation_id or 0)
            if portal_user is not None and number % 2 == 0:
                created_by = portal_user  # asked by the employer in the portal
            created = self._back(self.rng.randint(3, 45))
            demand = Demand.objects.create(
                employer=employer,
                title=seed.title,
                description=seed.description,
                place=self._place_of(employer),
                positions=seed.positions,
                min_hours=Decimal(seed.min_hours) if seed.min_hours is not None else None,
                days=seed.days.split(),
                required_licences=seed.licences.split(),
                language_min=seed.language_min,
                support_offered=seed.support.split(),
                weights={},
                open_hiring=seed.open_hiring,
                basic_requirements=seed.basic_requirements,
                status=seed.status,
                created_by=created_by,
                created_at=created,
                updated_at=created,
            )
            for task_id, hours, weight in _tasks_of(seed.tasks):
                task = self.catalogue.task(task_id)
                DemandTask.objects.create(
                    demand=demand,
                    task_id=task.id,
                    name=task.name,
                    hours=hours,
                    weight=weight,
                    skills=sorted(task.skills),
                    physical_load=task.physical_load,
                    language=task.language,
                    sector=task.sector,
                )
            self.demands.setdefault(seed.title, demand)

    def _released(self) -> list[Candidate]:
        return list(own_candidates().filter(pk__in=Candidate.objects.released()).order_by("pk"))

    def make_sign_ups(self) -> None:
        """A few sign-ups on each open-hiring list: by advisers and by people themselves."""
        rng = self.rng
        released = self._released()
        people = list(SIGN_UP_PEOPLE)
        for index, demand in enumerate(d for d in self.demands.values() if d.open_hiring):
            minimum = demand.min_hours or Decimal(0)
            fitting = [
                c
                for c in released
                if c.hours_per_week >= minimum and set(demand.days) <= set(c.days)
            ]
            moment = self._back(12 - 3 * index)
            for candidate in fitting[index * 2 : index * 2 + 2]:
                moment += dt.timedelta(hours=rng.randint(2, 20))
                OpenHiringSignUp.objects.create(
                    demand=demand,
                    candidate=candidate,
                    meets_requirements=True,
                    signed_up_at=min(moment, self.now),
                    signed_up_by=candidate.adviser,
                )
            for number in range(2 if index != 1 else 1):
                name, handle = people[(index * 2 + number) % len(people)]
                moment += dt.timedelta(hours=rng.randint(1, 30))
                OpenHiringSignUp.objects.create(
                    demand=demand,
                    name=name,
                    email=f"{handle}@voorbeeld.{EXAMPLE_TLD}",
                    phone=f"06 00{900 + index * 10 + number:06d}" if number == 0 else "",
                    meets_requirements=True,
                    signed_up_at=min(moment, self.now),
                    cancelled_at=min(moment + dt.timedelta(days=2), self.now)
                    if index == 2 and number == 1
                    else None,
                )

    def _fitting(self, demand: Demand, *, limit: int) -> list[tuple[Candidate, matching.Match]]:
        """Candidates with consent that pass the demand's constraints and can do at least one
        of its tasks, best first."""
        pool = list(with_consent().filter(reference__startswith=REFERENCE_PREFIX).order_by("pk"))
        by_id = {str(c.pk): c for c in pool}
        ranked = self.matcher.rank(core_demand(demand), [core_candidate(c) for c in pool])
        # Only people who can do at least one of the tasks: a proposal or an invitation for
        # work someone does not list would not be made.
        ranked = [m for m in ranked if m.partial is not None and m.partial.task_ids]
        return [(by_id[m.candidate_id], m) for m in ranked[:limit]]

    def make_proposals(self) -> None:
        rng = self.rng
        used: set[int] = set()
        for title, statuses in PROPOSALS:
            demand = self.demands.get(title)
            if demand is None:
                continue
            adviser = demand.employer.contact_person
            ranked = [(c, m) for c, m in self._fitting(demand, limit=12) if c.pk not in used][
                : len(statuses)
            ]
            viewed = self._back(rng.randint(6, 14))
            MatchLogEntry.objects.create(
                demand=demand,
                action=MatchAction.VIEWED,
                details={"shown": len(ranked), "weights": "standaard"},
                by=adviser,
                at=viewed,
            )
            for number, ((candidate, result), status) in enumerate(
                zip(ranked, statuses, strict=False)
            ):
                used.add(candidate.pk)
                proposed = min(viewed + dt.timedelta(hours=1 + number), self.now)
                weights = dict(result.weights)
                proposal = MatchProposal.objects.create(
                    demand=demand,
                    candidate=candidate,
                    score=result.score,
                    parts=[
                        {
                            "name": part.name,
                            "value": part.value,
                            "weight": part.weight,
                            "text": part.reason.text,
                        }
                        for part in result.parts
                    ],
                    weights=weights,
                    task_ids=list(result.partial.task_ids) if result.partial else [],
                    status=status,
                    note=PROPOSAL_NOTES[ProposalStatus(status)],
                    proposed_by=adviser,
                    proposed_at=proposed,
                    decided_at=None
                    if status == ProposalStatus.PROPOSED
                    else min(proposed + dt.timedelta(days=rng.randint(2, 5)), self.now),
                )
                MatchLogEntry.objects.create(
                    demand=demand,
                    candidate=candidate,
                    proposal=proposal,
                    action=MatchAction.PROPOSED,
                    details={
                        "score": round(result.score, 4),
                        "weights": weights,
                        "task_ids": proposal.task_ids,
                    },
                    by=adviser,
                    at=proposed,
                )
                if status != ProposalStatus.PROPOSED:
                    MatchLogEntry.objects.create(
                        demand=demand,
                        candidate=candidate,
                        proposal=proposal,
                        action=MatchAction.STATUS,
                        details={"status": status, "note": proposal.note},
                        by=adviser,
                        at=proposal.decided_at or proposed,
                    )

    # -- the matchtafel and the open day -----------------------------------------------------

    def make_matchtafel(self) -> None:
        day = self._matchtafel_day()
        creator = self.users[MATCHTAFEL_ADVISER]
        tafel = Matchtafel.objects.create(
            title=MATCHTAFEL_TITLE,
            date=day,
            location=MATCHTAFEL_LOCATION,
            period_start=self.today,
            period_end=add_months(self.today, 3),
            status=MatchtafelStatus.PLANNED,
            notes=(
                "Werkgevers brengen mensen van wie het contract afloopt en plekken die ze niet "
                "kunnen vullen. Voorstel maken vlak voor de tafel."
            ),
            created_by=creator,
            created_at=self._back(10),
        )
        tafel.employers.set(self.matchtafel_employers)
        advisers = {creator.pk: creator}
        for employer in self.matchtafel_employers:
            advisers.setdefault(employer.contact_person_id, employer.contact_person)
        tafel.advisers.set(list(advisers.values()))

    def make_open_day(self) -> None:
        employer = self.employers.get(OPEN_DAY_EMPLOYER)
        demand = self.demands.get(OPEN_DAY_DEMAND)
        if employer is None or demand is None:
            return
        rng = self.rng
        day = event_day(after=self.today + dt.timedelta(days=28), weekday=3)  # a Thursday
        location = employer.locations.order_by("pk").first()
        address = (
            f"{location.street}, {location.postcode} {location.place}"
            if location is not None
            else employer.name
        )
        adviser = employer.contact_person
        open_day = OpenDay.objects.create(
            employer=employer,
            demand=demand,
            title=OPEN_DAY_TITLE,
            date=day,
            address=address,
            place=demand.place,
            description=(
                "Kom kijken hoe het werk in de supermarkt gaat. We laten het magazijn en de "
                "winkel zien, je vult zelf een schap en je praat met een collega. Neem gerust "
                "iemand mee."
            ),
            status=OpenDayStatus.PUBLISHED,
            created_by=adviser,
            created_at=self._back(9),
        )
        slots = [
            OpenDaySlot.objects.create(
                open_day=open_day,
                starts_at=local_moment(day, hour, minute),
                ends_at=local_moment(day, hour + 1, minute),
                capacity=4,
            )
            for hour, minute in ((9, 30), (11, 0), (13, 30))
        ]
        invited_at = self._back(5)
        for number, (candidate, result) in enumerate(self._fitting(demand, limit=8)):
            status = InvitationStatus.INVITED
            slot = None
            registered_at = None
            if number < 4:
                status = InvitationStatus.REGISTERED
                slot = slots[number % len(slots)]
                registered_at = min(invited_at + dt.timedelta(hours=rng.randint(3, 70)), self.now)
            elif number == 4:
                status = InvitationStatus.DECLINED
            Invitation.objects.create(
                open_day=open_day,
                candidate=candidate,
                status=status,
                slot=slot,
                score=round(result.score, 4),
                invited_at=invited_at,
                invited_by=adviser,
                invitation_sent_at=invited_at,
                registered_at=registered_at,
            )


#: First names of the candidates (shown as "first name + initial"), a Drenthe mix.
FIRST_NAMES_TEXT = """
Sanne Jan Anouk Henk Fenna Dirk Esra Koen Lisa Roelof Naima Gert Mirjam Ramon Tessa Albert
Yusuf Ingrid Bart Chantal Harm Joyce Mohamed Wendy Peter Aylin Sjoerd Marloes Kevin Hennie
Dewi Marco Femke Arjen Samira Erwin Janneke Tim Greetje Bilal Nadia Jeroen Linda Thijs Ilse
Wim Priya Gerrit Manon Stijn Rianne Ahmet Bianca Luuk Jolanda Nick Hatice Frank Mariska Ruben
"""
FIRST_NAMES_DEMO: tuple[str, ...] = tuple(FIRST_NAMES_TEXT.split())


__all__: Sequence[str] = (
    "CANDIDATE_COUNT",
    "DEMANDS",
    "MATCHTAFEL_TITLE",
    "OPEN_DAY_TITLE",
    "REFERENCE_PREFIX",
    "MatchingDemoReport",
    "build_matching_demo",
    "core_candidate",
    "core_demand",
    "counts",
    "expected_proposals",
    "is_complete",
    "matchtafel_table",
    "own_candidates",
    "own_demands",
    "own_matchtafels",
    "own_open_days",
    "remove_own_rows",
    "with_consent",
)
