"""Travel time between places: an honest approximation, not a route planner.

minutes = fixed_minutes + max(distance, MIN_DISTANCE_KM) * detour / speed * 60

where ``distance`` is the great-circle (haversine) distance in km between the two village
centres, ``detour`` the factor by which the road or route is longer than the straight line,
``speed`` the average door-to-door speed while moving, and ``fixed_minutes`` the time that does
not depend on distance (walking to the car and parking; to the bus stop and waiting). The
parameters per mode are in :data:`MODE_PARAMETERS`; ``docs/matching.md`` explains them and the
sanity checks in the tests (Emmen–Coevorden by car 25–35 minutes and others).

No timetable or road network is used: none is available offline. Where the approximation is
wrong for a person (no bus on Sunday morning), the adviser knows better and decides.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from numpy.typing import ArrayLike, NDArray

from werkpunt.matching.vocab import TRAVEL_MODES

EARTH_RADIUS_KM = 6371.0088
#: Trips within one village are never counted as zero: the village has an extent.
MIN_DISTANCE_KM = 1.0


@dataclass(frozen=True, slots=True)
class TravelParameters:
    detour: float
    speed_kmh: float
    fixed_minutes: float


MODE_PARAMETERS: dict[str, TravelParameters] = {
    # Roads in Drenthe run fairly straight; N-roads and the A28/A37 give 60-70 km/h on average
    # door to door. Five minutes for getting to the car, parking and walking in.
    "auto": TravelParameters(detour=1.3, speed_kmh=65.0, fixed_minutes=5.0),
    # Cycle paths follow the roads; 15 km/h is an ordinary bicycle, not an e-bike.
    "fiets": TravelParameters(detour=1.25, speed_kmh=15.0, fixed_minutes=2.0),
    # Regional bus lines and the Zwolle-Emmen train: slower than a car and a detour via stops,
    # plus walking to the stop and waiting (a quarter-hour service at best, hourly often).
    "ov": TravelParameters(detour=1.35, speed_kmh=35.0, fixed_minutes=12.0),
    # On foot.
    "geen": TravelParameters(detour=1.3, speed_kmh=4.5, fixed_minutes=0.0),
}


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in km between two points given in degrees (WGS84)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def great_circle_km_array(
    lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike
) -> NDArray[np.float64]:
    """Haversine distance in km; the arguments broadcast against each other."""
    p1 = np.radians(np.asarray(lat1, dtype=np.float64))
    p2 = np.radians(np.asarray(lat2, dtype=np.float64))
    dl = np.radians(np.asarray(lon2, dtype=np.float64) - np.asarray(lon1, dtype=np.float64))
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    result: NDArray[np.float64] = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    return result


def minutes_for_distance(distance_km: float, mode: str) -> float:
    """Travel minutes for a straight-line distance and a mode."""
    p = MODE_PARAMETERS[mode]
    return p.fixed_minutes + max(distance_km, MIN_DISTANCE_KM) * p.detour / p.speed_kmh * 60.0


def travel_minutes(lat1: float, lon1: float, lat2: float, lon2: float, mode: str) -> float:
    """Approximate door-to-door minutes from point 1 to point 2."""
    return minutes_for_distance(great_circle_km(lat1, lon1, lat2, lon2), mode)


def travel_minutes_array(
    lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike, mode: str
) -> NDArray[np.float64]:
    """:func:`travel_minutes` for many pairs at once (broadcasting)."""
    p = MODE_PARAMETERS[mode]
    distance = np.maximum(great_circle_km_array(lat1, lon1, lat2, lon2), MIN_DISTANCE_KM)
    result: NDArray[np.float64] = p.fixed_minutes + distance * (p.detour / p.speed_kmh * 60.0)
    return result


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    municipality: str
    municipality_code: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Places:
    """The places (kernen) matching knows, with a travel table between all of them."""

    places: Sequence[Place]
    index: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        index = {p.id: i for i, p in enumerate(self.places)}
        if len(index) != len(self.places):
            raise ValueError("plaatsen: een id staat er dubbel in")
        object.__setattr__(self, "index", index)

    def __len__(self) -> int:
        return len(self.places)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.index

    def get(self, place_id: str) -> Place | None:
        i = self.index.get(place_id)
        return None if i is None else self.places[i]

    def position(self, place_id: str) -> int:
        """Index of a place, or -1 when it is not known."""
        return self.index.get(place_id, -1)

    @cached_property
    def table(self) -> NDArray[np.float64]:
        """Minutes from place i to place j per mode: shape (len(TRAVEL_MODES), n + 1, n + 1).

        The extra last row and column (index -1) are for an unknown place: infinite minutes,
        so that every travel constraint fails and the travel part scores 0.
        """
        n = len(self.places)
        lat = np.array([p.lat for p in self.places], dtype=np.float64)
        lon = np.array([p.lon for p in self.places], dtype=np.float64)
        table = np.full((len(TRAVEL_MODES), n + 1, n + 1), np.inf)
        for m, mode in enumerate(TRAVEL_MODES):
            table[m, :n, :n] = travel_minutes_array(
                lat[:, None], lon[:, None], lat[None, :], lon[None, :], mode
            )
        table.setflags(write=False)
        return table

    def minutes(self, origin: str, destination: str, mode: str | None) -> float:
        """Minutes by ``mode`` from the table; ``inf`` for an unknown place or mode."""
        if mode not in TRAVEL_MODES:
            return math.inf
        return float(
            self.table[TRAVEL_MODES.index(mode), self.position(origin), self.position(destination)]
        )

    def by_municipality(self) -> dict[str, list[Place]]:
        result: dict[str, list[Place]] = {}
        for place in self.places:
            result.setdefault(place.municipality, []).append(place)
        return result
