"""Speed of the budget optimiser, the efficient frontier and target seeking; prints a table.

Run: ``python benchmarks/bench_optimizer.py``. Targets from the Mix Planner issue: one
optimisation ≤ 100 ms, a 50-point frontier ≤ 2 s, target seeking ≤ 500 ms (default
scenario: 3 strategies × 36 months). Each row also counts the engine calls and the splits
they evaluated, which do not depend on the machine.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from core.analysis import budget_problem
from core.analysis.frontier import efficient_frontier, seek_target
from core.analysis.mix_requests import (
    Constraints,
    FrontierRequest,
    OptimizationRequest,
    TargetRequest,
)
from core.analysis.optimizer import optimize
from core.model.scenario import default_scenario

CALLS: list[int] = []
_evaluate = budget_problem.Problem.evaluate


def _counted(self: budget_problem.Problem, amounts: budget_problem.FloatArray) -> object:
    CALLS.append(int(amounts.shape[0]))
    return _evaluate(self, amounts)


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float, float, int, int]:
    """Median and 95th percentile wall time (ms), median CPU time of this process (ms: close
    to the wall time on an idle machine, and what to read when other work shares the
    cores), engine calls and splits of one run."""
    fn()
    samples, cpu = [], []
    for _ in range(repeat):
        CALLS.clear()
        start, start_cpu = time.perf_counter_ns(), time.process_time_ns()
        fn()
        samples.append((time.perf_counter_ns() - start) / 1e6)
        cpu.append((time.process_time_ns() - start_cpu) / 1e6)
    samples.sort()
    return (
        statistics.median(samples),
        samples[int(0.95 * (len(samples) - 1))],
        statistics.median(cpu),
        len(CALLS),
        sum(CALLS),
    )


def main() -> None:
    budget_problem.Problem.evaluate = _counted  # type: ignore[method-assign]
    scenario = default_scenario()
    budget = 63_000.0  # the default split: ¥30k ads, ¥30k content, ¥3k members
    # Floors and limits that bind at the default scenario (its best split needs ¥52.3万 of
    # cash and has ROI −10.2 %, GMV ÷ spend 4.51× when net revenue is the objective).
    cash = Constraints(max_peak_cash=500_000.0, min_roi=-0.10)
    rows = [
        (
            "optimise npv, ¥63k a month",
            measure(lambda: optimize(scenario, OptimizationRequest("npv", budget)), 30),
        ),
        (
            "optimise net revenue, GMV ÷ spend ≥ 4.55×",
            measure(
                lambda: optimize(
                    scenario,
                    OptimizationRequest("net_revenue", budget, Constraints(min_gmv_roas=4.55)),
                ),
                30,
            ),
        ),
        (
            "optimise npv, peak cash ≤ ¥50万, ROI ≥ −10 %",
            measure(lambda: optimize(scenario, OptimizationRequest("npv", budget, cash)), 30),
        ),
        (
            "frontier npv, 50 budgets to ¥300k",
            measure(lambda: efficient_frontier(scenario, FrontierRequest("npv", 300_000.0)), 5),
        ),
        (
            "frontier net revenue, 50, peak cash",
            measure(
                lambda: efficient_frontier(
                    scenario,
                    FrontierRequest(
                        "net_revenue", 300_000.0, constraints=Constraints(max_peak_cash=5e5)
                    ),
                ),
                5,
            ),
        ),
        (
            "target net revenue ¥1,200万",
            measure(lambda: seek_target(scenario, TargetRequest("net_revenue", 1.2e7, 1e6)), 10),
        ),
        (
            "target npv ¥3万",
            measure(lambda: seek_target(scenario, TargetRequest("npv", 3e4, 1e6)), 10),
        ),
        (
            "target GMV ÷ spend 4.5×",
            measure(lambda: seek_target(scenario, TargetRequest("gmv_roas", 4.5, 1e6)), 10),
        ),
        (
            "target npv ¥1亿 (unreachable)",
            measure(lambda: seek_target(scenario, TargetRequest("npv", 1e8, 1e6)), 10),
        ),
    ]
    width = max(len(name) for name, _ in rows)
    header = f"{'median ms':>10}  {'p95 ms':>8}  {'cpu ms':>8}  {'calls':>5}  {'splits':>7}"
    print(f"{'benchmark':<{width}}  {header}")
    for name, (median, p95, cpu, calls, splits) in rows:
        print(
            f"{name:<{width}}  {median:>10.1f}  {p95:>8.1f}  {cpu:>8.1f}  {calls:>5}  {splits:>7}"
        )


if __name__ == "__main__":
    main()
