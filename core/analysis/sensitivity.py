"""One-at-a-time sensitivity (tornado) and break-even values of key drivers.

* Tornado: each driver is moved to 80 % and 120 % of its value (clamped to its valid
  range), everything else fixed, and the strategy's NPV recomputed. Bars are sorted by
  swing = |NPV(high) − NPV(low)|.
* Break-even: the driver value at which the strategy's NPV is zero, found with
  :func:`scipy.optimize.brentq` inside the driver's valid range. ``None`` when NPV does
  not change sign there (the strategy is profitable, or loss-making, at every value).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.model.engine import project_strategy
from core.model.fields import DriverSpec
from core.model.paths import driver_spec, strategy_driver_paths, value_at, with_values
from core.model.scenario import ScenarioBase
from core.model.strategies import get_strategy

SENSITIVITY_STEP = 0.20
BUSINESS_DRIVERS: tuple[str, ...] = ("business.gross_margin", "business.return_rate")


def drivers_for(key: str) -> tuple[str, ...]:
    """Paths of the strategy's own numeric drivers, then the business drivers affecting it."""
    return strategy_driver_paths(key) + BUSINESS_DRIVERS


def current_value(scenario: ScenarioBase, path: str) -> float | None:
    """Value of the driver at ``path`` (``None`` for a switched-off optional driver)."""
    value = value_at(scenario, path)
    return None if value is None else float(value)


def strategy_npv(scenario: ScenarioBase, key: str) -> float:
    """NPV of one strategy (yuan)."""
    return project_strategy(scenario, key).metrics.npv


@dataclass(frozen=True)
class TornadoBar:
    """NPV of a strategy with one driver at 80 % and 120 % of its current value (yuan)."""

    path: str
    base_value: float
    low_value: float
    high_value: float
    npv_low: float
    npv_high: float

    @property
    def swing(self) -> float:
        """|NPV(high) − NPV(low)|: how much the driver moves NPV over ±20 %."""
        return abs(self.npv_high - self.npv_low)


def tornado(scenario: ScenarioBase, key: str, step: float = SENSITIVITY_STEP) -> list[TornadoBar]:
    """±``step`` one-at-a-time sensitivity of strategy ``key``'s NPV, largest swing first.

    Drivers that are zero or switched off (``None``) are left out: ±20 % of nothing is
    nothing.
    """
    bars = []
    for path in drivers_for(key):
        base = current_value(scenario, path)
        if base is None or base == 0.0:
            continue
        spec = driver_spec(path)
        low = spec.clip(base * (1.0 - step))
        high = spec.clip(base * (1.0 + step))
        bars.append(
            TornadoBar(
                path=path,
                base_value=base,
                low_value=low,
                high_value=high,
                npv_low=strategy_npv(with_values(scenario, {path: low}), key),
                npv_high=strategy_npv(with_values(scenario, {path: high}), key),
            )
        )
    return sorted(bars, key=lambda bar: bar.swing, reverse=True)


@dataclass(frozen=True)
class BreakEven:
    """Driver value at which the strategy's NPV is zero, or ``None`` if none in range."""

    path: str
    current: float
    value: float | None


def _search_range(spec: DriverSpec, current: float) -> tuple[float, float]:
    """Bracket for the root: the valid range, cut to ±1000 × max(|current|, slider max)."""
    reach = max(abs(current), spec.ui_max) * 1_000.0
    low = spec.lower if spec.lower is not None else -reach
    high = min(spec.upper, reach) if spec.upper is not None else reach
    return spec.clip(low), spec.clip(high)


def break_even(scenario: ScenarioBase, key: str, driver_name: str) -> BreakEven:
    """The value of ``key``'s driver ``driver_name`` that makes the strategy's NPV zero."""
    path = f"{key}.{driver_name}"
    current = current_value(scenario, path)
    if current is None:
        raise ValueError(f"{path} is switched off")

    def npv_at(value: float) -> float:
        return strategy_npv(with_values(scenario, {path: value}), key)

    from scipy.optimize import brentq  # imported on first use: a heavy import

    low, high = _search_range(driver_spec(path), current)
    f_low, f_high = npv_at(low), npv_at(high)
    if f_low == 0.0:
        return BreakEven(path, current, low)
    if f_low * f_high > 0.0:
        return BreakEven(path, current, None)
    root = brentq(npv_at, low, high, xtol=1e-9 * max(1.0, abs(current)), rtol=1e-12)
    return BreakEven(path, current, float(root))


def break_evens(scenario: ScenarioBase, key: str) -> list[BreakEven]:
    """Break-even values of the strategy's key drivers (see :class:`StrategySpec`)."""
    return [break_even(scenario, key, name) for name in get_strategy(key).key_drivers]
