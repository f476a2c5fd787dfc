"""Travel times: the approximation gives believable door-to-door minutes in Drenthe.

Reference points used for the sanity ranges (door to door, including parking or waiting):
Emmen-Coevorden is about 22 km by road (20-25 minutes driving), Hoogeveen-Emmen about 40 km
over the A37 (30-35 minutes), Beilen-Hoogeveen about 20 km over the A28; by bicycle 15 km/h.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from werkpunt.matching.travel import (
    MIN_DISTANCE_KM,
    great_circle_km,
    great_circle_km_array,
    travel_minutes,
    travel_minutes_array,
)
from werkpunt.matching.vocab import TRAVEL_MODES


def test_great_circle_distance_emmen_coevorden(places):
    emmen, coevorden = places.get("emmen"), places.get("coevorden")
    assert emmen
    assert coevorden
    assert great_circle_km(emmen.lat, emmen.lon, coevorden.lat, coevorden.lon) == pytest.approx(
        17.5, abs=0.5
    )
    # One degree of latitude is about 111.2 km everywhere.
    assert great_circle_km(52.0, 6.0, 53.0, 6.0) == pytest.approx(111.2, abs=0.1)


@pytest.mark.parametrize(
    ("origin", "destination", "mode", "low", "high"),
    [
        ("emmen", "coevorden", "auto", 25, 35),
        ("hoogeveen", "emmen", "auto", 30, 45),
        ("beilen", "hoogeveen", "auto", 18, 30),
        ("emmen", "klazienaveen", "auto", 10, 18),
        ("emmen", "coevorden", "fiets", 75, 100),
        ("borger", "emmen", "fiets", 70, 100),
        ("zuidwolde", "hoogeveen", "fiets", 25, 45),
        ("emmen", "coevorden", "ov", 40, 65),
        ("emmen", "emmen", "auto", 5, 8),
        ("emmen", "emmen", "geen", 10, 25),
        ("nieuw-amsterdam", "veenoord", "geen", 10, 30),
    ],
)
def test_sanity_of_travel_times(places, origin, destination, mode, low, high):
    assert low <= places.minutes(origin, destination, mode) <= high


def test_faster_modes_are_faster_over_distance(places):
    car, bike, bus, walk = (places.minutes("emmen", "hoogeveen", m) for m in TRAVEL_MODES)
    assert car < bus < bike < walk
    assert walk > 6 * 60


def test_travel_is_symmetric_and_never_zero(places):
    table = places.table
    n = len(places)
    assert np.allclose(table[:, :n, :n], table[:, :n, :n].transpose(0, 2, 1))
    assert (table[:, :n, :n] > 0).all()


def test_unknown_place_or_mode_is_infinitely_far(places):
    assert math.isinf(places.minutes("atlantis", "emmen", "auto"))
    assert math.isinf(places.minutes("emmen", "atlantis", "fiets"))
    assert math.isinf(places.minutes("emmen", "coevorden", None))
    assert math.isinf(places.minutes("emmen", "coevorden", "paard"))


def test_short_trips_use_the_minimum_distance():
    same = travel_minutes(52.78, 6.90, 52.78, 6.90, "fiets")
    near = travel_minutes(52.78, 6.90, 52.781, 6.90, "fiets")
    assert same == near  # 110 m counts as MIN_DISTANCE_KM
    assert MIN_DISTANCE_KM == 1.0


def test_vectorised_equals_scalar():
    rng = np.random.default_rng(7)
    lat1, lat2 = rng.uniform(52.6, 53.0, (2, 200))
    lon1, lon2 = rng.uniform(6.2, 7.1, (2, 200))
    assert np.allclose(
        great_circle_km_array(lat1, lon1, lat2, lon2),
        [great_circle_km(*args) for args in zip(lat1, lon1, lat2, lon2, strict=True)],
        rtol=0,
        atol=1e-9,
    )
    for mode in TRAVEL_MODES:
        vector = travel_minutes_array(lat1, lon1, lat2, lon2, mode)
        scalar = [
            travel_minutes(a, b, c, d, mode)
            for a, b, c, d in zip(lat1, lon1, lat2, lon2, strict=True)
        ]
        assert np.allclose(vector, scalar, rtol=0, atol=1e-9)


def test_table_matches_the_formula(places):
    emmen, borger = places.get("emmen"), places.get("borger")
    assert emmen
    assert borger
    assert places.minutes("emmen", "borger", "ov") == pytest.approx(
        travel_minutes(emmen.lat, emmen.lon, borger.lat, borger.lon, "ov"), abs=1e-9
    )
