"""One-at-a-time sensitivity (tornado) and break-even values of key drivers.

* Tornado: each of a strategy's active drivers (and the business drivers that affect
  it) is moved to a low and a high value, everything else fixed, and the strategy's NPV
  recomputed. By default low/high are 80 % / 120 % of the value (clamped to the driver's
  bounds); callers may pass other ranges (e.g. the benchmark table's low–high). All
  variants run in one batch through the engine. Bars are sorted by swing
  = |NPV(high) − NPV(low)|.
* Break-even: the driver value at which the strategy's NPV is zero, within the driver's
  bounds. ``None`` when NPV has the same sign at both bounds (profitable, or loss-making,
  at every valid value). Found by bracketing, every driver of a strategy in one engine
  batch per round: NPV on a grid of ``GRID_POINTS`` values across the bracket (evenly
  spaced in log(value) where the bounds span more than ``LOG_SPAN`` ×, else evenly), the
  bracket shrinks to the grid cell where NPV changes sign (the cell nearest the driver's
  current value when there are several), ``REFINE_ROUNDS`` times; the root is then the
  linear interpolation of NPV across the last cell (a cell 64³ times narrower than the
  bounds: NPV is linear there to far below a fen).
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
GRID_POINTS = 65
REFINE_ROUNDS = 3
LOG_SPAN = 100.0
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


def _grid(low: float, high: float) -> np.ndarray:
    """``GRID_POINTS`` values from ``low`` to ``high`` (log-spaced over wide positive spans)."""
    if low > 0.0 and high / low > LOG_SPAN:
        return np.geomspace(low, high, GRID_POINTS)
    return np.linspace(low, high, GRID_POINTS)


def _sign_change_cell(
    npv: np.ndarray, grid: np.ndarray, current: float
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The cell (values, NPVs) where NPV changes sign, nearest ``current``. When rounding
    leaves none (NPV within a rounding error of 0 along the bracket: one batch may add in
    another order than the last), the grid value with the NPV nearest 0, as a cell of
    width 0."""
    cells = np.flatnonzero(np.sign(npv[:-1]) * np.sign(npv[1:]) <= 0.0)
    if cells.size == 0:
        j = int(np.argmin(np.abs(npv)))
        return (float(grid[j]), float(grid[j])), (float(npv[j]), float(npv[j]))
    middles = 0.5 * (grid[cells] + grid[cells + 1])
    j = int(cells[np.argmin(np.abs(middles - current))])
    return (float(grid[j]), float(grid[j + 1])), (float(npv[j]), float(npv[j + 1]))


def _roots(scenario: ScenarioBase, key: str, paths: list[str]) -> list[BreakEven]:
    """Break-even of every driver in ``paths`` (module docstring: bracketing rounds)."""
    currents = [current_value(scenario, path) for path in paths]
    if any(c is None for c in currents):
        raise ValueError(f"{paths}: a driver is switched off")
    base = [float(c) for c in currents if c is not None]
    brackets = [_search_range(driver_spec(path)) for path in paths]
    ends = _npv_grid(scenario, key, paths, base, [np.array(b) for b in brackets])
    open_ = [i for i, f in enumerate(ends) if f[0] * f[1] <= 0.0]
    roots: dict[int, float] = {i: brackets[i][0] for i in open_ if ends[i][0] == 0.0}
    searching = [i for i in open_ if i not in roots]
    cells = {i: (brackets[i], ends[i]) for i in searching}
    for _ in range(REFINE_ROUNDS):
        if not searching:
            break
        grids = [_grid(*cells[i][0]) for i in searching]
        values = _npv_grid(
            scenario, key, [paths[i] for i in searching], [base[i] for i in searching], grids
        )
        for i, grid, npv in zip(searching, grids, values, strict=True):
            cells[i] = _sign_change_cell(npv, grid, base[i])
    for i in searching:
        (x0, x1), (f0, f1) = cells[i]
        roots[i] = x0 if f0 == f1 else x0 + (x1 - x0) * f0 / (f0 - f1)
    return [BreakEven(path, base[i], roots.get(i)) for i, path in enumerate(paths)]


def _npv_grid(
    scenario: ScenarioBase,
    key: str,
    paths: list[str],
    base: list[float],
    grids: list[np.ndarray],
) -> list[np.ndarray]:
    """Strategy NPV with driver i at each value of ``grids[i]``, the others at ``base``;
    every driver's grid in one engine batch."""
    size = sum(grid.size for grid in grids)
    overrides = {path: np.full(size, value) for path, value in zip(paths, base, strict=True)}
    offsets = np.cumsum([0] + [grid.size for grid in grids])
    for path, grid, start in zip(paths, grids, offsets, strict=False):
        overrides[path][start : start + grid.size] = grid
    npv = evaluate_batch(scenario, overrides).npv(key)
    return [npv[offsets[i] : offsets[i + 1]] for i in range(len(paths))]


def break_even(scenario: ScenarioBase, key: str, driver_name: str) -> BreakEven:
    """The value of ``key``'s driver ``driver_name`` that makes the strategy's NPV zero."""
    return _roots(scenario, key, [f"{key}.{driver_name}"])[0]


def break_evens(scenario: ScenarioBase, key: str) -> list[BreakEven]:
    """Break-even values of the strategy's key drivers; none for a switched-off strategy."""
    if not scenario.strategy(key).enabled:
        return []
    spec = get_strategy(key)
    inactive = spec.inactive_drivers(scenario.strategy(key))
    paths = [
        f"{key}.{name}"
        for name in spec.key_drivers
        if name not in inactive and current_value(scenario, f"{key}.{name}") is not None
    ]
    return _roots(scenario, key, paths) if paths else []
