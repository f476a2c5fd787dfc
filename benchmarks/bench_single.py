"""Time one situation over all years, with reasons (the one-by-one path).

Prints the median and 95th percentile of ``evaluate`` (structured reasons
included), and of ``evaluate`` + rendering to JSON text. Run with
``.venv/bin/python benchmarks/bench_single.py``.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from werkpunt.rules import default_parameters, evaluate, parse_situation, to_json

CASES = {
    "typical (start 2025, 6 years)": {
        "birth_date": "1966-03-10",
        "start_date": "2025-09-01",
        "hours_per_week": 32,
        "hourly_wage": "15.20",
        "benefit": "ww",
        "benefit_weeks": 40,
        "municipality": "emmen",
    },
    "long (start 2019, 12 years, LKS + no-riskpolis)": {
        "birth_date": "1995-02-14",
        "start_date": "2019-03-01",
        "hours_per_week": 30,
        "hourly_wage": "11.50",
        "loonwaarde_percentage": 60,
        "benefit": "bijstand",
        "doelgroepregister": True,
        "municipality": "hoogeveen",
    },
}
RUNS = 2000


def measure(label: str, fields: dict[str, object]) -> None:
    situation = parse_situation(fields)
    as_of = dt.date(2026, 11, 28)
    default_parameters()
    for _ in range(50):
        evaluate(situation, as_of=as_of)
    core, rendered = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        outcome = evaluate(situation, as_of=as_of)
        middle = time.perf_counter()
        to_json(outcome)
        end = time.perf_counter()
        core.append((middle - start) * 1000)
        rendered.append((end - start) * 1000)
    years = len(outcome.years)
    reasons = sum(len(i.reasons) for y in outcome.years for i in y.instruments)
    print(f"{label}: {years} years, {reasons} reasons, {len(outcome.actions)} actions")
    for name, values in (("evaluate", core), ("evaluate + JSON", rendered)):
        q = statistics.quantiles(values, n=20)
        print(f"  {name:16s} median {statistics.median(values):.3f} ms   p95 {q[18]:.3f} ms")


if __name__ == "__main__":
    for label, fields in CASES.items():
        measure(label, fields)
