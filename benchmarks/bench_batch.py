"""Time the vectorised batch path on 1,000,000 synthetic situations.

The situations are built directly as arrays (seeded, so every run computes the
same thing) with a mix that looks like the back office's: starts from 2019 to
2027, a third fixed-term, most people on no benefit, WW or bijstand, some with a
loonwaarde, hours per week or per year, wages around the minimum wage.

After a warm-up on a small slice, it times ``evaluate_batch`` on all situations
twice: the first call gets fresh memory from the operating system for its ~0.8 GB
outcome (on some machines page faults cost as much as the computing), the second
can reuse what the first freed. A third call runs under ``tracemalloc`` (which
slows allocation, so it is not timed) for the peak of numpy's memory;
``ru_maxrss`` is the peak of the whole process. Prints figures only. Run with
``.venv/bin/python benchmarks/bench_batch.py [N]``.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import sys
import time
import tracemalloc

import numpy as np

from werkpunt.rules import Benefit, default_parameters
from werkpunt.rules.batch import BENEFITS, BatchOutcome, SituationArrays, evaluate_batch

AS_OF = dt.date(2026, 11, 28)
SEED = 20261128

BENEFIT_MIX = {
    Benefit.NONE: 0.40,
    Benefit.WW: 0.18,
    Benefit.BIJSTAND: 0.16,
    Benefit.IOAW: 0.02,
    Benefit.IOAZ: 0.01,
    Benefit.WIA_WGA: 0.05,
    Benefit.WIA_IVA: 0.01,
    Benefit.WAO: 0.02,
    Benefit.WAZ: 0.01,
    Benefit.WAJONG: 0.10,
    Benefit.ZIEKTEWET: 0.04,
}


def synthetic(n: int, seed: int = SEED) -> SituationArrays:
    """``n`` valid situations with a realistic mix, built column by column."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2019-01-01") + rng.integers(0, 9 * 365, n).astype("timedelta64[D]")
    age_days = (rng.triangular(15.5, 40, 68, n) * 365.25).astype("timedelta64[D]")
    birth = start - age_days
    fixed = rng.random(n) < 0.35
    length = rng.integers(180, 3 * 365, n).astype("timedelta64[D]")
    end = np.where(fixed, start + length, np.datetime64("NaT"))
    per_year = rng.random(n) < 0.15
    hours_week = rng.integers(800, 4001, n)
    hours_year = rng.integers(40000, 208001, n)
    wage = np.where(rng.random(n) < 0.6, rng.integers(1000, 1700, n), rng.integers(1100, 3500, n))
    cao = np.where(rng.random(n) < 0.2, wage + rng.integers(0, 500, n), -1)
    loonwaarde = np.where(rng.random(n) < 0.15, rng.integers(3000, 9600, n), -1)
    codes = [BENEFITS.index(b) for b in BENEFIT_MIX]
    benefit = rng.choice(codes, n, p=list(BENEFIT_MIX.values()))
    municipality = np.where(rng.random(n) < 0.7, rng.integers(0, 6, n), -1)
    flags = {
        "doelgroepregister": rng.random(n) < 0.08,
        "scholingsbelemmerd": rng.random(n) < 0.03,
        "wia_rejected_within_5_years": rng.random(n) < 0.02,
        "herplaatsing": rng.random(n) < 0.02,
        "wsw_indicatie": rng.random(n) < 0.02,
        "bbl_student": rng.random(n) < 0.05,
        "employed_by_employer_last_6_months": rng.random(n) < 0.1,
    }
    return SituationArrays.create(
        birth_date=birth,
        start_date=start,
        end_date=end,
        hours_per_week_centi=np.where(per_year, -1, hours_week),
        hours_per_year_centi=np.where(per_year, hours_year, -1),
        hourly_wage_cents=wage,
        cao_hourly_wage_cents=cao,
        loonwaarde_hundredths=loonwaarde,
        benefit=benefit,
        municipality=municipality,
        benefit_weeks=rng.integers(0, 157, n),
        fulltime_centi=rng.choice([3600, 3800, 4000], n),
        flags=flags,
    )


def _timed(arrays: SituationArrays) -> tuple[float, float, int]:
    """Wall-clock seconds, CPU seconds of this process (user + system, so page
    faults count; other processes on the machine do not), and the rows."""
    started, cpu = time.perf_counter(), time.process_time()
    outcome = evaluate_batch(arrays, as_of=AS_OF)
    return time.perf_counter() - started, time.process_time() - cpu, len(outcome)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    default_parameters()
    started = time.perf_counter()
    arrays = synthetic(n)
    built = time.perf_counter() - started
    evaluate_batch(arrays.slice(0, 2_000), as_of=AS_OF)  # warm-up: imports, parameter tables
    # first call on all situations: the output and temporaries are fresh memory
    seconds, cpu, rows = _timed(arrays)
    # second call: the allocator can reuse what the first call freed
    again, cpu_again, _ = _timed(arrays)
    # a third call under tracemalloc (which slows allocation) for the peak of numpy memory
    tracemalloc.start()
    outcome = evaluate_batch(arrays, as_of=AS_OF)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"situations                  {n:>14,}")
    print(f"situation-years             {rows:>14,}")
    print(f"building the arrays         {built:>14.2f} s")
    for label, wall, used in (("first", seconds, cpu), ("second", again, cpu_again)):
        print(f"evaluate_batch, {label + ' call':<11} {wall:>14.2f} s   (CPU {used:.2f} s)")
        print(f"  situation-years / s       {rows / wall:>14,.0f}   (CPU {rows / used:,.0f})")
    print(f"peak traced memory          {peak / 2**20:>14,.0f} MiB")
    print(f"  of which the outcome      {_outcome_bytes(outcome) / 2**20:>14,.0f} MiB")
    print(f"peak RSS (process)          {rss / 2**10:>14,.0f} MiB")
    print(f"total of all amounts        {int(outcome.total_cents.sum()) / 100:>14,.2f} euro")
    print(f"machine load (1 min)        {load:>14.2f}")


def _outcome_bytes(outcome: BatchOutcome) -> int:
    """Bytes held by the outcome's arrays (broadcast constants take none)."""
    arrays = [outcome.situation_index, outcome.year, outcome.total_cents, outcome.year_provisional]
    for mapping in (outcome.applies, outcome.amount_cents, outcome.provisional):
        arrays.extend(mapping.values())
    return sum(a.nbytes for a in arrays if a.strides != (0,))


if __name__ == "__main__":
    main()
