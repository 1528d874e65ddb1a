"""Speed of the DataStore on the full shipped data; prints a table (not a test).

Run: ``python benchmarks/bench_datastore.py [--repeat N]``. Times opening the store
(in-memory DuckDB + views) and each query on the full demo store (1.28 M orders) and the
benchmark table: the first (cold) call, then the median of ``N`` further calls.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from core.data.presets import load_presets, preset_assumptions
from core.data.store import DataStore

ROOT = Path(__file__).resolve().parents[1]


def milliseconds(fn: Callable[[], object]) -> float:
    """Wall time of one call of ``fn`` in milliseconds."""
    start = time.perf_counter_ns()
    fn()
    return (time.perf_counter_ns() - start) / 1e6


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """First-call time and the median of ``repeat`` later calls, in milliseconds."""
    first = milliseconds(fn)
    return first, statistics.median(milliseconds(fn) for _ in range(repeat))


def open_store() -> None:
    """Open and close a store over the shipped ``data/``."""
    DataStore().close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    store = DataStore()
    presets = load_presets()
    concurrent = ThreadPoolExecutor(max_workers=8)
    rows = [
        ("open DataStore (DuckDB + 4 views)", measure(open_store, repeat)),
        ("demo_monthly_kpis() — 24 months × 4 channels", measure(store.demo_monthly_kpis, repeat)),
        ("demo_monthly_kpis('ads')", measure(lambda: store.demo_monthly_kpis("ads"), repeat)),
        ("demo_channel_summary()", measure(store.demo_channel_summary, repeat)),
        (
            "8 threads × demo_monthly_kpis() at once",
            measure(
                lambda: list(concurrent.map(lambda _: store.demo_monthly_kpis(), range(8))), repeat
            ),
        ),
        ("benchmarks() — all 226 rows", measure(store.benchmarks, repeat)),
        (
            "benchmarks(platform='douyin', metric='cvr')",
            measure(lambda: store.benchmarks(platform="douyin", metric="cvr"), repeat),
        ),
        ("metric_ranges('cvr')", measure(lambda: store.metric_ranges("cvr"), repeat)),
        (
            f"preset_assumptions() × {len(presets)} presets",
            measure(lambda: [preset_assumptions(p, store) for p in presets], repeat),
        ),
    ]
    concurrent.shutdown()
    store.close()
    width = max(len(name) for name, _ in rows)
    print(f"{os.cpu_count()} CPUs; median of {repeat} runs after the first")
    print(f"{'benchmark':<{width}}  {'first ms':>9}  {'median ms':>10}")
    for name, (first, median) in rows:
        print(f"{name:<{width}}  {first:>9.1f}  {median:>10.1f}")


if __name__ == "__main__":
    main()
