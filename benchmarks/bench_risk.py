"""Speed of the risk analyses; prints a table (not a test).

Run from the repository root: ``python -m benchmarks.bench_risk``. Target from the risk
issue: 20,000 draws × 36 months × 3 strategies ≤ 100 ms. Rows: the batch engine alone on
20,000 variants (every uncertain driver varied, with and without risk events), drawing
the variants, one Monte Carlo chunk, the whole run (chunks of CHUNK_DRAWS side by side on
WORKERS threads), and the exact risk assessment and a stress test of every shock.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np

from core.analysis.risk import assess_risks, event_paths, stress_test
from core.analysis.uncertainty import (
    CHUNK_DRAWS,
    WORKERS,
    SimulationSetup,
    default_ranges,
    draw,
    simulate,
    simulate_chunk,
)
from core.model.engine import evaluate_batch
from core.model.scenario import default_scenario
from core.model.shocks import SHOCK_IDS

DRAWS = 20_000


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and fastest wall time of ``fn`` in milliseconds (after one warm-up run)."""
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter_ns()
        fn()
        samples.append((time.perf_counter_ns() - start) / 1e6)
    return statistics.median(samples), min(samples)


def main() -> None:
    scenario = default_scenario()
    ranges = default_ranges(scenario, {})
    rng = np.random.default_rng(1)
    overrides = draw(ranges, DRAWS, rng)
    events = event_paths(scenario, "inherent", DRAWS, rng)
    setup = SimulationSetup(draws=DRAWS)
    cases = [(shock, (shock,)) for shock in SHOCK_IDS]
    rows = [
        (f"engine: {DRAWS:,} variants × 36 months × 3 strategies",
         measure(lambda: evaluate_batch(scenario, overrides), 15)),
        ("  … with risk events",
         measure(lambda: evaluate_batch(scenario, overrides, shocks=events), 15)),
        (f"draw {len(ranges)} drivers × {DRAWS:,} (copula)",
         measure(lambda: draw(ranges, DRAWS, np.random.default_rng(1)), 15)),
        (f"one chunk of {CHUNK_DRAWS:,} draws (draws, events, engine, outcomes)",
         measure(lambda: simulate_chunk(scenario, ranges, setup, 0), 15)),
        (f"simulate {DRAWS:,} draws + statistics ({WORKERS} threads)",
         measure(lambda: simulate(scenario, ranges, setup).stats(), 5)),
        ("assess 12 risks (exact loss per start month)",
         measure(lambda: assess_risks(scenario), 15)),
        ("stress test: 6 shocks", measure(lambda: stress_test(scenario, cases), 15)),
    ]  # fmt: skip
    width = max(len(name) for name, _ in rows)
    print(f"{'benchmark':<{width}}  {'median ms':>10}  {'best ms':>8}")
    for name, (median, best) in rows:
        print(f"{name:<{width}}  {median:>10.1f}  {best:>8.1f}")


if __name__ == "__main__":
    main()
