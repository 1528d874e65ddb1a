"""The decision with the benchmark evidence it needs, for the CLI and the exports.

:func:`build_decision` reads the benchmark ranges of the business's category
(:func:`core.data.ranges.driver_ranges`) and the plausible output ranges, then calls
:func:`core.analysis.decision.decide` with the Monte Carlo and register risk figures
(:mod:`core.analysis.risk_figures`), as the app does.
"""

from __future__ import annotations

from core.analysis.decision import Decision, decide
from core.analysis.plausibility import findings
from core.analysis.risk_figures import simulated_risk, top_register_risks
from core.analysis.scores import Weights
from core.data.plausibility import plausible_ranges
from core.data.ranges import driver_ranges, range_bounds, trusted_bounds
from core.data.store import DataStore
from core.model.engine import evaluate
from core.model.scenario import ScenarioBase


def build_decision(
    scenario: ScenarioBase, store: DataStore, weights: Weights | None = None
) -> Decision:
    """The decision for ``scenario`` with the table's ranges and plausibility findings."""
    evidence = driver_ranges(store, scenario.business.category)
    ranges = range_bounds(evidence)
    found = findings(evaluate(scenario), scenario, plausible_ranges(store))
    return decide(
        scenario,
        weights or Weights(),
        ranges=ranges,
        checked=trusted_bounds(evidence),
        findings=found,
        risk_of=lambda s: simulated_risk(s, ranges),
        register=top_register_risks(scenario),
    )
