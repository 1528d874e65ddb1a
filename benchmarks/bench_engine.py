"""Speed of the engine and of a Strategy Lab rerun; prints a table (not a test).

Run: ``python benchmarks/bench_engine.py``. Targets from the economics issue: the engine
evaluates one scenario (3 strategies, 36 months) in ≤ 1 ms median on one core
(``evaluate_batch`` with no overrides) and 20,000 variants in ≤ 100 ms. ``evaluate`` is
what the pages call: the scenario plus one variant per strategy and one for the whole mix
(¥1,000 a month more, for the marginal returns) and every monthly line.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from core.analysis.sensitivity import break_evens, tornado
from core.model.engine import evaluate, evaluate_batch
from core.model.scenario import default_scenario, scenario_from_json, scenario_to_json

VARIANTS = {"ads.cpc": np.linspace(0.5, 2.0, 20_000)}
"""20,000 variants of the default scenario (the ad price), as the Monte Carlo batches them."""

ROOT = Path(__file__).resolve().parents[1]


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and 95th percentile wall time of ``fn`` in milliseconds."""
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter_ns()
        fn()
        samples.append((time.perf_counter_ns() - start) / 1e6)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def strategy_lab_rerun() -> Callable[[], object]:
    """One AppTest rerun of the Strategy Lab after moving the ads budget slider."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("pages/strategy_lab.py").run()  # the summary is the landing page
    budgets = iter(range(10_000, 500_000, 5_000))

    def rerun() -> object:
        key = next(s.key for s in app.slider if s.key.startswith("edit:ads.monthly_budget@"))
        return app.slider(key=key).set_value(float(next(budgets)) / 10_000).run()

    return rerun


def main() -> None:
    scenario = default_scenario().model_copy(update={"horizon_months": 36})
    text = scenario_to_json(scenario)
    rows = [
        ("evaluate_batch: one scenario", measure(lambda: evaluate_batch(scenario), 5_000)),
        ("evaluate (+ marginal returns, lines)", measure(lambda: evaluate(scenario), 5_000)),
        ("validate scenario JSON", measure(lambda: scenario_from_json(text), 2_000)),
        ("tornado ±20 % (ads, 11 drivers)", measure(lambda: tornado(scenario, "ads"), 200)),
        ("break-even of 3 key drivers (ads)", measure(lambda: break_evens(scenario, "ads"), 200)),
        ("Strategy Lab rerun after a slider move", measure(strategy_lab_rerun(), 30)),
        (
            "evaluate_batch: 20,000 variants",
            measure(lambda: evaluate_batch(scenario, VARIANTS), 10),
        ),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'benchmark':<{width}}  {'median ms':>10}  {'p95 ms':>8}")
    for name, (median, p95) in rows:
        print(f"{name:<{width}}  {median:>10.3f}  {p95:>8.3f}")


if __name__ == "__main__":
    main()
