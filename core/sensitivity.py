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

from scipy.optimize import brentq

from core.business import Business
from core.evaluate import project_strategy
from core.fields import DriverSpec, driver_specs
from core.scenario import ScenarioBase
from core.strategies import get_strategy

SENSITIVITY_STEP = 0.20
BUSINESS_DRIVERS: tuple[str, ...] = ("gross_margin", "return_rate")


@dataclass(frozen=True)
class DriverRef:
    """A numeric driver: ``owner`` is a strategy key or ``"business"``; ``spec`` its metadata."""

    owner: str
    spec: DriverSpec

    @property
    def path(self) -> str:
        """Dotted name, e.g. ``ads.cpc`` or ``business.gross_margin``."""
        return f"{self.owner}.{self.spec.name}"


def drivers_for(key: str) -> tuple[DriverRef, ...]:
    """The strategy's own numeric drivers followed by the business drivers that affect it."""
    own = tuple(DriverRef(key, s) for s in driver_specs(get_strategy(key).assumptions))
    business = tuple(
        DriverRef("business", s) for s in driver_specs(Business) if s.name in BUSINESS_DRIVERS
    )
    return own + business


def current_value(scenario: ScenarioBase, ref: DriverRef) -> float | None:
    """Value of the driver in ``scenario`` (``None`` for a switched-off optional driver)."""
    owner = scenario.business if ref.owner == "business" else scenario.strategy(ref.owner)
    value = getattr(owner, ref.spec.name)
    return None if value is None else float(value)


def with_value(scenario: ScenarioBase, ref: DriverRef, value: float) -> ScenarioBase:
    """A copy of ``scenario`` with the driver set to ``value`` (trusted: already in range)."""
    if ref.owner == "business":
        owner = scenario.business.model_copy(update={ref.spec.name: value})
        return scenario.model_copy(update={"business": owner})
    part = scenario.strategy(ref.owner).model_copy(update={ref.spec.name: value})
    return scenario.model_copy(update={ref.owner: part})


def strategy_npv(scenario: ScenarioBase, key: str) -> float:
    """NPV of one strategy (yuan)."""
    return project_strategy(scenario, key).metrics.npv


@dataclass(frozen=True)
class TornadoBar:
    """NPV of a strategy with one driver at 80 % and 120 % of its current value (yuan)."""

    driver: DriverRef
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
    for ref in drivers_for(key):
        base = current_value(scenario, ref)
        if base is None or base == 0.0:
            continue
        low = ref.spec.clip(base * (1.0 - step))
        high = ref.spec.clip(base * (1.0 + step))
        bars.append(
            TornadoBar(
                driver=ref,
                base_value=base,
                low_value=low,
                high_value=high,
                npv_low=strategy_npv(with_value(scenario, ref, low), key),
                npv_high=strategy_npv(with_value(scenario, ref, high), key),
            )
        )
    return sorted(bars, key=lambda bar: bar.swing, reverse=True)


@dataclass(frozen=True)
class BreakEven:
    """Driver value at which the strategy's NPV is zero, or ``None`` if none in range."""

    driver: DriverRef
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
    ref = next(r for r in drivers_for(key) if r.owner == key and r.spec.name == driver_name)
    current = current_value(scenario, ref)
    if current is None:
        raise ValueError(f"{ref.path} is switched off")

    def npv_at(value: float) -> float:
        return strategy_npv(with_value(scenario, ref, value), key)

    low, high = _search_range(ref.spec, current)
    f_low, f_high = npv_at(low), npv_at(high)
    if f_low == 0.0:
        return BreakEven(ref, current, low)
    if f_low * f_high > 0.0:
        return BreakEven(ref, current, None)
    root = brentq(npv_at, low, high, xtol=1e-9 * max(1.0, abs(current)), rtol=1e-12)
    return BreakEven(ref, current, float(root))


def break_evens(scenario: ScenarioBase, key: str) -> list[BreakEven]:
    """Break-even values of the strategy's key drivers (see :class:`StrategySpec`)."""
    return [break_even(scenario, key, name) for name in get_strategy(key).key_drivers]
