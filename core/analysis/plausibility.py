"""Plausibility: headline outputs against the ranges the benchmark table supports.

A result far outside what the table makes plausible is shown with a warning, not as if
normal. Each check turns a result into one number (:data:`CHECKS`); the ranges, with the
rows behind them, come from ``data/benchmarks/plausibility.csv`` through the data layer
(:func:`core.data.plausibility.plausible_ranges`):

* ``ads_gmv_roas`` — ads GMV ÷ ad marketing spend;
* ``content_gmv_roas`` — content GMV ÷ content marketing spend;
* ``content_orders_per_kview`` — content orders per 1,000 views (first orders);
* ``member_gmv_month`` — orders per member-month × member AOV (yuan);
* ``payback_month`` — the plan's payback month (not paid back within the horizon counts
  as outside; a plan where nothing happens has nothing to pay back and is not checked).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from core.model.engine import ScenarioResult
from core.model.plausible import PlausibleRange
from core.model.scenario import ScenarioBase


@dataclass(frozen=True)
class Finding:
    """A headline output outside its plausible range (``value`` None: never paid back)."""

    check: str
    value: float | None
    range: PlausibleRange


def _ads(result: ScenarioResult, _: ScenarioBase) -> float | None:
    p = result.strategies.get("ads")
    return p.metrics.gmv_roas if p else None


def _content(result: ScenarioResult, _: ScenarioBase) -> float | None:
    p = result.strategies.get("content")
    return p.metrics.gmv_roas if p else None


def _orders_per_kview(result: ScenarioResult, _: ScenarioBase) -> float | None:
    p = result.strategies.get("content")
    if p is None or p.funnel["views"].sum() <= 0:
        return None
    return float(p.funnel["orders"].sum() / p.funnel["views"].sum() * 1_000.0)


def _member_gmv(result: ScenarioResult, scenario: ScenarioBase) -> float | None:
    if "private_domain" not in result.strategies:
        return None
    pd = scenario.private_domain
    return pd.orders_per_member_month * pd.aov


CHECKS: Mapping[str, Callable[[ScenarioResult, ScenarioBase], float | None]] = {
    "ads_gmv_roas": _ads,
    "content_gmv_roas": _content,
    "content_orders_per_kview": _orders_per_kview,
    "member_gmv_month": _member_gmv,
}
"""Checks whose value is a number from the result (payback is handled apart)."""


def findings(
    result: ScenarioResult, scenario: ScenarioBase, ranges: Mapping[str, PlausibleRange]
) -> list[Finding]:
    """Every headline output outside its range, in :data:`CHECKS` order, then payback."""
    found: list[Finding] = []
    for check, measure in CHECKS.items():
        value = measure(result, scenario)
        bounds = ranges.get(check)
        if value is not None and bounds is not None and not bounds.low <= value <= bounds.high:
            found.append(Finding(check, value, bounds))
    bounds = ranges.get("payback_month")
    if bounds is not None and result.strategies and result.total.metrics.active:
        month = result.total.metrics.payback_month
        if month is None or not bounds.low <= month <= bounds.high:
            found.append(Finding("payback_month", None if month is None else float(month), bounds))
    return found
