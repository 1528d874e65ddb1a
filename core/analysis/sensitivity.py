"""One-at-a-time sensitivity (tornado) and break-even values of key drivers.

* Tornado: each of a strategy's active drivers (and the business drivers that affect
  it) is moved to a low and a high value, everything else fixed, and the strategy's NPV
  recomputed. By default low/high are 80 % / 120 % of the value (clamped to the driver's
  bounds); callers may pass other ranges (e.g. the benchmark table's low–high). All
  variants run in one batch through the engine. Bars are sorted by swing
  = |NPV(high) − NPV(low)|.
* Break-even: the driver value at which the strategy's NPV is zero, found with
  :func:`scipy.optimize.brentq` within the driver's bounds. ``None`` when NPV does not
  change sign there (profitable, or loss-making, at every valid value).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from core.model.engine import evaluate_batch
from core.model.fields import DriverSpec
from core.model.paths import driver_spec, strategy_driver_paths, value_at
from core.model.scenario import ScenarioBase
from core.model.strategies import get_strategy

SENSITIVITY_STEP = 0.20
BUSINESS_DRIVERS: tuple[str, ...] = (
    "business.gross_margin",
    "business.fulfilment_cost_per_order",
    "business.cost_per_return",
    "business.repeat_orders_per_customer_month",
    "business.customer_retention_monthly",
)
Range = tuple[float, float]


def drivers_for(scenario: ScenarioBase, key: str) -> tuple[str, ...]:
    """Paths of the strategy's active numeric drivers, then the business drivers."""
    spec = get_strategy(key)
    inactive = spec.inactive_drivers(scenario.strategy(key))
    own = tuple(p for p in strategy_driver_paths(key) if p.partition(".")[2] not in inactive)
    return own + BUSINESS_DRIVERS


def current_value(scenario: ScenarioBase, path: str) -> float | None:
    """Value of the driver at ``path`` (``None`` for a switched-off optional driver)."""
    value = value_at(scenario, path)
    return None if value is None else float(value)


def strategy_npv(scenario: ScenarioBase, key: str) -> float:
    """Headline NPV of one strategy (yuan)."""
    return float(evaluate_batch(scenario).npv(key)[0])


@dataclass(frozen=True)
class TornadoBar:
    """NPV of a strategy with one driver at a low and a high value (yuan).

    ``from_range`` is True when low/high came from a supplied range rather than ±20 %.
    """

    path: str
    base_value: float
    low_value: float
    high_value: float
    npv_low: float
    npv_high: float
    from_range: bool = False

    @property
    def swing(self) -> float:
        """|NPV(high) − NPV(low)|: how much the driver moves NPV over its range."""
        return abs(self.npv_high - self.npv_low)


def tornado(
    scenario: ScenarioBase,
    key: str,
    ranges: Mapping[str, Range] | None = None,
    step: float = SENSITIVITY_STEP,
) -> list[TornadoBar]:
    """Sensitivity of strategy ``key``'s NPV, largest swing first (module docstring).

    A driver without a supplied range moves ±``step``; a driver at 0 with no range, or
    switched off, is left out (±20 % of nothing is nothing).
    """
    if not scenario.strategy(key).enabled:
        return []
    ranges = ranges or {}
    chosen: list[tuple[str, float, float, float, bool]] = []
    for path in drivers_for(scenario, key):
        base = current_value(scenario, path)
        if base is None:
            continue
        spec = driver_spec(path)
        if path in ranges:
            low, high = (spec.clip(v) for v in ranges[path])
            chosen.append((path, base, low, high, True))
        elif base != 0.0:
            low, high = spec.clip(base * (1.0 - step)), spec.clip(base * (1.0 + step))
            chosen.append((path, base, low, high, False))
    if not chosen:
        return []
    size = 2 * len(chosen)
    overrides = {}
    for i, (path, base, low, high, _) in enumerate(chosen):
        column = np.full(size, base)
        column[2 * i], column[2 * i + 1] = low, high
        overrides[path] = column
    npv = evaluate_batch(scenario, overrides).npv(key)
    bars = [
        TornadoBar(path, base, low, high, float(npv[2 * i]), float(npv[2 * i + 1]), ranged)
        for i, (path, base, low, high, ranged) in enumerate(chosen)
    ]
    return sorted(bars, key=lambda bar: bar.swing, reverse=True)


@dataclass(frozen=True)
class BreakEven:
    """Driver value at which the strategy's NPV is zero, or ``None`` if none in range."""

    path: str
    current: float
    value: float | None


def _search_range(spec: DriverSpec) -> tuple[float, float]:
    return spec.clip(spec.lower), spec.clip(spec.upper)


def break_even(scenario: ScenarioBase, key: str, driver_name: str) -> BreakEven:
    """The value of ``key``'s driver ``driver_name`` that makes the strategy's NPV zero."""
    from scipy.optimize import brentq  # imported on first use: a heavy import

    path = f"{key}.{driver_name}"
    current = current_value(scenario, path)
    if current is None:
        raise ValueError(f"{path} is switched off")

    def npv_at(value: float) -> float:
        return float(evaluate_batch(scenario, {path: [value]}).npv(key)[0])

    low, high = _search_range(driver_spec(path))
    f_low, f_high = npv_at(low), npv_at(high)
    if f_low == 0.0:
        return BreakEven(path, current, low)
    if f_low * f_high > 0.0:
        return BreakEven(path, current, None)
    root = brentq(npv_at, low, high, xtol=1e-9 * max(1.0, abs(current)), rtol=1e-12)
    return BreakEven(path, current, float(root))


def break_evens(scenario: ScenarioBase, key: str) -> list[BreakEven]:
    """Break-even values of the strategy's key drivers; none for a switched-off strategy."""
    if not scenario.strategy(key).enabled:
        return []
    spec = get_strategy(key)
    inactive = spec.inactive_drivers(scenario.strategy(key))
    return [
        break_even(scenario, key, name)
        for name in spec.key_drivers
        if name not in inactive and current_value(scenario, f"{key}.{name}") is not None
    ]
