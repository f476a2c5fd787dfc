"""Explanation lines: a Dutch template with named values, turned into text only when asked.

The matching core does not import Django, so it cannot call ``gettext``. Every template is
wrapped in :func:`gettext_noop` (a no-op with the name Django's ``makemessages`` looks for),
so the strings land in the translation catalogue; a Django view that wants another language
does ``gettext(reason.template) % reason.params``. Values in ``params`` are already formatted
the Dutch way (``12,5``), so the template needs no number formatting.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


def gettext_noop(message: str) -> str:
    """Mark ``message`` for translation without translating it (as Django's gettext_noop)."""
    return message


@dataclass(frozen=True, slots=True)
class Reason:
    """One explanation line: a code to test on, a Dutch template, and its values."""

    code: str
    template: str
    params: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def text(self) -> str:
        """The Dutch sentence."""
        return self.template % dict(self.params) if self.params else self.template

    def __str__(self) -> str:
        return self.text


def reason(code: str, template: str, **params: object) -> Reason:
    """Build a :class:`Reason`; every value is turned into a string."""
    return Reason(code, template, MappingProxyType({k: str(v) for k, v in params.items()}))


# --- Templates, in one place so a translator and a reviewer see them together ----------------

# Parts of the score.
TASKS_COVERED = gettext_noop(
    "Kan %(covered)s van de %(total)s taken doen: %(percent)s procent van het werk."
)
TASKS_NONE = gettext_noop("Kan geen van de %(total)s taken doen die gevraagd worden.")
SKILLS_HAVE = gettext_noop("Heeft %(have)s van de %(need)s gevraagde vaardigheden.")
SKILLS_NOT_ASKED = gettext_noop("Voor deze taken zijn geen vaardigheden opgegeven.")
SKILLS_EMPTY = gettext_noop(
    "Er staan geen vaardigheden in het profiel; vul het profiel aan. Gevraagd: %(need)s."
)
TRAVEL_OK = gettext_noop(
    "Ongeveer %(minutes)s minuten %(mode)s; de kandidaat wil maximaal %(max)s minuten reizen."
)
TRAVEL_UNKNOWN = gettext_noop(
    "Onbekend: de woonplaats of de werkplek staat niet in de lijst met plaatsen."
)
HOURS_FIT = gettext_noop(
    "Beschikbaar %(available)s uur per week; het werk is %(total)s uur per week."
)
INTERESTS_MATCH = gettext_noop("Interesse in %(matched)s van de %(total)s taken.")
INTERESTS_EMPTY = gettext_noop("Geen interesses ingevuld: dit telt neutraal mee (%(neutral)s).")
COMPLETENESS = gettext_noop("Het profiel is voor %(percent)s procent ingevuld.")
COMPLETENESS_MISSING = gettext_noop(
    "Het profiel is voor %(percent)s procent ingevuld. Nog in te vullen: %(missing)s."
)

# Hard constraints.
FAIL_HOURS = gettext_noop(
    "Uren: beschikbaar %(available)s uur per week, nodig is minstens %(minimum)s uur."
)
FAIL_HOURS_NONE = gettext_noop("Uren: er staan geen beschikbare uren in het profiel.")
FAIL_TRAVEL = gettext_noop(
    "Reistijd: ongeveer %(minutes)s minuten %(mode)s, meer dan de %(max)s minuten die de "
    "kandidaat wil reizen."
)
FAIL_TRAVEL_UNKNOWN = gettext_noop(
    "Reistijd: de woonplaats of de werkplek staat niet in de lijst met plaatsen."
)
FAIL_LANGUAGE = gettext_noop("Taal: Nederlands op niveau %(level)s, nodig is %(required)s.")
FAIL_LANGUAGE_UNKNOWN = gettext_noop(
    "Taal: het taalniveau is niet ingevuld; nodig is %(required)s."
)
FAIL_LICENCES = gettext_noop("Rijbewijs of certificaat ontbreekt: %(missing)s.")
FAIL_DAYS = gettext_noop("Dagen: niet beschikbaar op %(days)s.")
FAIL_DAYS_UNKNOWN = gettext_noop(
    "Dagen: de beschikbare dagen zijn niet ingevuld; nodig is %(days)s."
)
FAIL_OPEN_HIRING = gettext_noop(
    "Open werving: deze vraag werkt met een inschrijflijst op volgorde van aanmelding, "
    "zonder score."
)

# Partial jobs, suggestions and notes.
PARTIAL_JOB = gettext_noop(
    "Deelbaan: %(tasks)s, samen %(hours)s uur per week (%(percent)s procent van de uren)."
)
PARTIAL_NONE = gettext_noop("Geen deelbaan: de kandidaat kan geen van de taken doen.")
NOT_DOABLE_LOAD = gettext_noop("%(task)s: te zwaar volgens het profiel.")
NOT_DOABLE_LANGUAGE = gettext_noop("%(task)s: vraagt taalniveau %(required)s.")
ADJACENT = gettext_noop(
    "%(task)s ligt dicht bij %(via)s, wat de kandidaat al kan: dit is aan te leren."
)
SUPPORT_OFFERED = gettext_noop("Heeft %(need)s nodig; de werkgever biedt dit aan.")
SUPPORT_TO_ARRANGE = gettext_noop("Heeft %(need)s nodig; bespreek dit met de werkgever.")
