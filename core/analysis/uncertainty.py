"""Uncertainty on the drivers and the Monte Carlo: how likely a plan is to lose money.

**Ranges.** Every uncertain driver carries a :class:`DriverRange` (low, mode, high,
distribution, source); the mode is the scenario's own value:

* from the benchmark table when it has evidence for the driver (``benchmark``: the
  table's low .. high, widened to include the scenario's value, then cut to at most
  :data:`MULTIPLICATIVE_SPREAD` × either way of the value for multiplicative drivers
  (half to double) and ± :data:`ADDITIVE_SPREAD` (50 %) of it for the others). The cut is
  a design choice: the table's span covers many sellers, categories and years (a CPC of
  ¥0.5–¥10, repeat orders per member of 0.1–1.07 a month), while a Monte Carlo asks how
  far *this* seller's own figure may be off; with the whole span an SME plan with an NPV
  near zero showed a P5 / P95 of −¥520万 / +¥490万;
* else ± :data:`DEFAULT_WIDTH` (20 %) around the value (``default``), the same rule as
  the tornado (:data:`core.analysis.sensitivity.SENSITIVITY_STEP`);
* from the user's own orders or campaign results (``data``: the calibrated 10th–90th
  percentile range, :mod:`core.data.orders.calibration`);
* or what the user sets (``user``).

The last two are saved with the scenario (``ranges``, :mod:`core.model.stored_ranges`)
and :func:`scenario_ranges` lays them over the defaults, so the Risk page, the summary's
risk score, the exports and the CLI draw from the same ranges. A saved range is widened
to include the driver's current value (a range that no longer contains the value would
make the value impossible).

Every range is clipped into the driver's bounds. A driver at 0 with no range, a
switched-off optional driver, and the decisions (:data:`DECISIONS`: the spend levers,
the content budget split and the discount rate) are not uncertain. Drivers the
strategy's choices make irrelevant and drivers of strategies that are off are left out.

**Distributions.** PERT by default: low + (high − low)·B with B ~ Beta(α, β),
α = 1 + 4(mode − low)/(high − low), β = 1 + 4(high − mode)/(high − low). Drivers that act
multiplicatively — prices per click, per mille and per member, views per ¥1,000, volume
ceilings (:data:`LOGNORMAL_UNITS`) — are two-piece lognormal when 0 < low < mode < high:
ln X = ln mode + σ·Z with σ = ln(mode/low)/1.645 below the median and ln(high/mode)/1.645
above, so the mode is the median and low / high the 5th / 95th percentiles (a range with
the value at one end stays PERT). Draws are clipped into the driver's bounds.

**Correlation.** A Gaussian copula: each driver has a standard normal score Z; within a
group of :data:`CORRELATED` the scores share a common factor, Z_i = √ρ·W + √(1 − ρ)·E_i
(pairwise correlation ρ). Lognormal drivers use Z directly; PERT draws are reordered to
follow Z's ranks (Iman–Conover), which keeps each driver's own distribution exact. All
other drivers are independent.

**Monte Carlo.** Draws run in chunks of :data:`CHUNK_DRAWS` (memory, and progress for
long runs); each chunk's drivers and risk events (:func:`core.analysis.risk.event_paths`)
come from ``numpy.random.default_rng([seed, chunk])`` — fixed seed, reproducible — and go
through one :func:`core.model.engine.evaluate_batch` call. Chunks run side by side on up
to :data:`WORKERS` threads (:func:`in_parallel`: numpy releases the interpreter lock in
its array loops, so two cores nearly halve a long run); they are combined in chunk
order, so the result does not depend on the number of threads. Without any uncertain
driver or event every draw is the deterministic result, exactly.

**Statistics** per strategy and for the plan (:class:`Statistics`): NPV P5 / P50 / P95
(linear interpolation) and mean; P(loss) = P(NPV < 0); expected shortfall = mean NPV of
the worst ⌈5 % · N⌉ draws; ROI P5 / P50 / P95 (net profit ÷ investment, draws with
nothing invested left out); P(paid back within the horizon); the median payback month
over all draws (a draw that never pays back counts as later than any month, so the median
is "no payback" when half or more never pay back; for an even N the lower middle draw);
peak cash need at P95. Means are taken as min + mean of the excess over it, so equal
draws give their value exactly.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal, TypeVar

import numpy as np
from numpy.typing import NDArray

from core.analysis.risk import TOTAL, Basis, event_paths
from core.analysis.sensitivity import SENSITIVITY_STEP
from core.model.engine import BatchResult, evaluate_batch, lever_path, paid_back
from core.model.finance import MIN_YUAN, peak_cash_need
from core.model.paths import driver_spec, strategy_driver_paths, value_at
from core.model.scenario import ScenarioBase
from core.model.strategies import REGISTRY

FloatArray = NDArray[np.float64]
Distribution = Literal["pert", "lognormal"]
RangeSource = Literal["benchmark", "default", "data", "user"]

MULTIPLICATIVE_SPREAD = 2.0
"""A benchmark range of a multiplicative driver is cut to value ÷ 2 .. value × 2."""
ADDITIVE_SPREAD = 0.5
"""A benchmark range of any other driver is cut to value × (1 ± 0.5)."""
DEFAULT_WIDTH = SENSITIVITY_STEP
"""Half-width of a range without benchmark evidence, as a share of the value (± 20 %, as
the tornado moves a driver without a benchmark range)."""
PERT_WEIGHT = 4.0
Z_95 = 1.6448536269514722
"""Standard normal 95th percentile: low and high of a lognormal range sit at P5 / P95."""
LOGNORMAL_UNITS: frozenset[str] = frozenset(
    {
        "yuan_per_click",
        "yuan_per_mille",
        "yuan_per_member",
        "views_per_kyuan",
        "clicks_per_month",
        "members_per_month",
    }
)
BUSINESS_PATHS: tuple[str, ...] = (
    "business.gross_margin",
    "business.fulfilment_cost_per_order",
    "business.payment_fee_rate",
    "business.cost_per_return",
    "business.repeat_orders_per_customer_month",
    "business.customer_retention_monthly",
)
CHUNK_DRAWS = 2_500
WORKERS = max(1, min(4, os.cpu_count() or 1))
"""Threads a Monte Carlo run uses for its chunks (the cores, at most four)."""
MAX_DRAWS = 100_000
"""Most draws a run takes (the CLI says so when asked for more)."""
TAIL = 0.05
"""The worst share of draws whose mean NPV is the expected shortfall."""


def decisions() -> frozenset[str]:
    """Drivers a person decides rather than estimates: each strategy's spend lever, the
    content budget split (promotion and live shares) and the discount rate."""
    levers = {lever_path(spec.key) for spec in REGISTRY}
    return frozenset(
        levers | {"content.promotion_share", "content.live_share", "annual_discount_rate"}
    )


DECISIONS = decisions()


@dataclass(frozen=True)
class CorrelationGroup:
    """Drivers whose normal scores share a common factor with pairwise correlation ρ."""

    name: str
    paths: tuple[str, ...]
    rho: float


CORRELATED: tuple[CorrelationGroup, ...] = (
    # Design assumptions (the documents give no correlations): every channel buys on the
    # same auctions, whose prices rise together (000 §1.1.1: CPC +15 % across e-commerce).
    CorrelationGroup(
        "media_prices",
        ("ads.cpc", "ads.cpm", "ads.cpc_growth_annual", "content.promotion_cpm"),
        0.6,
    ),
    # The same product pages and prices convert visitors from every channel (001 §3.4).
    CorrelationGroup(
        "conversion", ("ads.ctr", "ads.cvr", "content.click_rate", "content.cvr"), 0.5
    ),
    # The same goods: sizing and quality drive returns, the assortment drives order value.
    CorrelationGroup(
        "returns",
        ("ads.return_rate", "content.return_rate", "private_domain.return_rate"),
        0.7,
    ),
    CorrelationGroup("order_value", ("ads.aov", "content.aov", "private_domain.aov"), 0.7),
)


@dataclass(frozen=True)
class DriverRange:
    """A driver's uncertainty in model units (module docstring)."""

    low: float
    mode: float
    high: float
    distribution: Distribution
    source: RangeSource

    @property
    def fixed(self) -> bool:
        """True when the range is a single value (the driver is not drawn)."""
        return self.low == self.high


def uncertain_paths(scenario: ScenarioBase) -> tuple[str, ...]:
    """Drivers that may carry a range: the active drivers of the enabled strategies and
    the business drivers, minus decisions and switched-off optional drivers."""
    paths: list[str] = []
    for spec in REGISTRY:
        if not scenario.strategy(spec.key).enabled:
            continue
        inactive = spec.inactive_drivers(scenario.strategy(spec.key))
        paths += [p for p in strategy_driver_paths(spec.key) if p.partition(".")[2] not in inactive]
    paths += BUSINESS_PATHS
    return tuple(p for p in paths if p not in DECISIONS and value_at(scenario, p) is not None)


def distribution_for(path: str, low: float, mode: float, high: float) -> Distribution:
    """Lognormal for multiplicative drivers with 0 < low < mode < high, else PERT."""
    inside = 0.0 < low < mode < high
    return "lognormal" if driver_spec(path).unit in LOGNORMAL_UNITS and inside else "pert"


def make_range(path: str, mode: float, low: float, high: float, source: RangeSource) -> DriverRange:
    """A range for ``path`` around ``mode``: widened to include it, clipped to bounds."""
    spec = driver_spec(path)
    low, high = spec.clip(min(low, mode)), spec.clip(max(high, mode))
    return DriverRange(low, mode, high, distribution_for(path, low, mode, high), source)


def _within_spread(path: str, mode: float, low: float, high: float) -> tuple[float, float]:
    """The benchmark ``low`` .. ``high`` cut to the spread around ``mode`` (module docstring)."""
    if driver_spec(path).unit in LOGNORMAL_UNITS:
        floor, ceiling = mode / MULTIPLICATIVE_SPREAD, mode * MULTIPLICATIVE_SPREAD
    else:
        floor, ceiling = mode * (1 - ADDITIVE_SPREAD), mode * (1 + ADDITIVE_SPREAD)
    floor, ceiling = min(floor, ceiling), max(floor, ceiling)
    return max(low, floor), min(high, ceiling)


def default_ranges(
    scenario: ScenarioBase, benchmark: Mapping[str, tuple[float, float]]
) -> dict[str, DriverRange]:
    """Each uncertain driver's range: ``benchmark`` (path → low, high) where it has the
    driver, else the default width (module docstring)."""
    ranges: dict[str, DriverRange] = {}
    for path in uncertain_paths(scenario):
        mode = float(value_at(scenario, path))
        if path in benchmark:
            low, high = _within_spread(path, mode, *benchmark[path])
            ranges[path] = make_range(path, mode, low, high, "benchmark")
        else:
            low, high = mode * (1 - DEFAULT_WIDTH), mode * (1 + DEFAULT_WIDTH)
            ranges[path] = make_range(path, mode, low, high, "default")
    return ranges


def tornado_ranges(
    scenario: ScenarioBase, benchmark: Mapping[str, tuple[float, float]]
) -> dict[str, tuple[float, float]]:
    """Low and high per driver for the tornado where the benchmark table has the driver:
    the Monte Carlo's benchmark ranges (cut to the spread around the value, widened to
    hold it), so both analyses move a driver over the same range. A raw table range can
    lie wholly below the value (an SME's team cost against a large firm's): the tornado
    then showed a higher cost raising NPV."""
    return {
        path: (r.low, r.high)
        for path, r in default_ranges(scenario, benchmark).items()
        if r.source == "benchmark"
    }


def scenario_ranges(
    scenario: ScenarioBase, benchmark: Mapping[str, tuple[float, float]]
) -> dict[str, DriverRange]:
    """:func:`default_ranges`, then the ranges saved with the scenario (``data`` or
    ``user``) for the drivers that are uncertain in it (module docstring)."""
    ranges = default_ranges(scenario, benchmark)
    for path, stored in scenario.ranges.items():
        if path in ranges:
            mode = ranges[path].mode
            ranges[path] = make_range(path, mode, stored.low, stored.high, stored.source)
    return ranges


def _follow(values: FloatArray, scores: FloatArray) -> FloatArray:
    """``values`` reordered so that their ranks are the ranks of ``scores``."""
    out = np.empty_like(values)
    out[np.argsort(scores)] = np.sort(values)
    return out


def draw(
    ranges: Mapping[str, DriverRange], n: int, rng: np.random.Generator
) -> dict[str, FloatArray]:
    """``n`` draws of every driver whose range is not fixed (module docstring). Drivers
    take their random numbers in path order, so the same ranges and seed give the same
    draws however the mapping is ordered (the app caches ranges as sorted JSON)."""
    paths = sorted(path for path, r in ranges.items() if not r.fixed)
    z = rng.standard_normal((len(paths), n))
    linked: set[str] = set()
    for group in CORRELATED:
        rows = [i for i, path in enumerate(paths) if path in group.paths]
        if len(rows) > 1:
            z[rows] = (
                math.sqrt(group.rho) * rng.standard_normal(n) + math.sqrt(1.0 - group.rho) * z[rows]
            )
            linked.update(paths[i] for i in rows)
    draws: dict[str, FloatArray] = {}
    for i, path in enumerate(paths):
        r = ranges[path]
        if r.distribution == "lognormal":
            below, above = math.log(r.mode / r.low), math.log(r.high / r.mode)
            x = r.mode * np.exp(z[i] * np.where(z[i] < 0.0, below, above) / Z_95)
        else:
            span = r.high - r.low
            alpha = 1.0 + PERT_WEIGHT * (r.mode - r.low) / span
            beta = 1.0 + PERT_WEIGHT * (r.high - r.mode) / span
            b = rng.beta(alpha, beta, n)
            if path in linked:
                b = _follow(b, z[i])
            x = r.low + span * b
        spec = driver_spec(path)
        draws[path] = np.clip(x, spec.clip(spec.lower), spec.clip(spec.upper))
    return draws


# --- the Monte Carlo ---------------------------------------------------------------------


@dataclass(frozen=True)
class SimulationSetup:
    """How to run: number of draws, seed, basis of the risk events, whether risk events
    are drawn at all."""

    draws: int = 5_000
    seed: int = 2025
    basis: Basis = "inherent"
    events: bool = True

    def __post_init__(self) -> None:
        if not 1 <= self.draws <= MAX_DRAWS:
            raise ValueError(f"draws must be 1..{MAX_DRAWS}, not {self.draws}")


@dataclass(frozen=True)
class Outcomes:
    """Per draw: NPV and peak cash need (yuan), ROI (fraction, NaN when nothing is
    invested) and payback month (0 = not paid back within the horizon)."""

    npv: FloatArray
    roi: FloatArray
    payback: NDArray[np.int64]
    peak_cash: FloatArray

    @staticmethod
    def join(parts: Sequence[Outcomes]) -> Outcomes:
        """The draws of ``parts`` one after another."""
        return Outcomes(
            *(np.concatenate([getattr(p, name) for p in parts]) for name in Outcomes.fields())
        )

    @staticmethod
    def fields() -> tuple[str, ...]:
        """Names of the per-draw arrays."""
        return ("npv", "roi", "payback", "peak_cash")


def chunk_sizes(draws: int) -> list[int]:
    """Draws per chunk: :data:`CHUNK_DRAWS` each, the rest in the last."""
    full, rest = divmod(draws, CHUNK_DRAWS)
    return [CHUNK_DRAWS] * full + ([rest] if rest else [])


def _outcomes(batch: BatchResult, key: str, n: int) -> Outcomes:
    p = batch.total if key == TOTAL else batch.strategies[key]
    npv = batch.npv(None if key == TOTAL else key)
    investment = p.totals["costs"] + p.setup_cost
    net = p.contribution.sum(axis=1) - p.setup_cost
    roi = np.full(investment.shape, np.nan)
    np.divide(net, investment, out=roi, where=investment > MIN_YUAN)
    payback, _ = paid_back(p)
    arrays = (npv, roi, payback, peak_cash_need(p.cumulative_cash))
    return Outcomes(*(np.broadcast_to(a, (n,)) if a.shape[0] != n else a for a in arrays))


def simulate_chunk(
    scenario: ScenarioBase,
    ranges: Mapping[str, DriverRange],
    setup: SimulationSetup,
    index: int,
) -> dict[str, Outcomes]:
    """Chunk ``index`` of the run: its draws through one batch, per strategy and plan."""
    n = chunk_sizes(setup.draws)[index]
    rng = np.random.default_rng([setup.seed, index])
    overrides = draw(ranges, n, rng)
    shocks = event_paths(scenario, setup.basis, n, rng) if setup.events else None
    batch = evaluate_batch(scenario, overrides, shocks=shocks)
    return {key: _outcomes(batch, key, n) for key in (*batch.strategies, TOTAL)}


@dataclass(frozen=True)
class Statistics:
    """Summary of one strategy's or the plan's draws (module docstring). Money in yuan,
    shares and ROI as fractions; ``None`` where no draw has a value."""

    draws: int
    mean: float
    p5: float
    p50: float
    p95: float
    p_loss: float
    expected_shortfall: float
    roi_p5: float | None
    roi_p50: float | None
    roi_p95: float | None
    p_paid_back: float
    payback_p50: int | None
    peak_cash_p95: float


def expected_shortfall(npv: FloatArray, tail: float = TAIL) -> float:
    """Mean of the worst ⌈tail · N⌉ values. Computed as min + mean(worst − min), so equal
    draws give that value exactly."""
    k = max(1, math.ceil(tail * npv.size))
    worst = np.partition(npv, k - 1)[:k]
    low = worst.min()
    return float(low + (worst - low).mean())


def percentiles(values: FloatArray, shares: Sequence[float]) -> list[float]:
    """Percentiles by linear interpolation between order statistics (numpy's default
    rule), written as low + (high − low)·f so that equal draws give that value exactly."""
    ordered = np.sort(values)
    out = []
    for share in shares:
        position = share * (ordered.size - 1)
        i = int(position)
        low, high = ordered[i], ordered[min(i + 1, ordered.size - 1)]
        out.append(float(low + (high - low) * (position - i)))
    return out


def statistics(outcomes: Outcomes) -> Statistics:
    """The statistics of one set of draws (module docstring)."""
    npv = outcomes.npv
    p5, p50, p95 = percentiles(npv, (0.05, 0.5, 0.95))
    roi = outcomes.roi[np.isfinite(outcomes.roi)]
    roi_q: list[float | None] = [*percentiles(roi, (0.05, 0.5, 0.95))] if roi.size else [None] * 3
    never = np.iinfo(np.int64).max
    months = np.where(outcomes.payback > 0, outcomes.payback, never)
    median_month = int(np.quantile(months, 0.5, method="inverted_cdf"))
    return Statistics(
        draws=int(npv.size),
        mean=float(npv.min() + (npv - npv.min()).mean()),
        p5=p5,
        p50=p50,
        p95=p95,
        p_loss=float((npv < 0.0).mean()),
        expected_shortfall=expected_shortfall(npv),
        roi_p5=roi_q[0],
        roi_p50=roi_q[1],
        roi_p95=roi_q[2],
        p_paid_back=float((outcomes.payback > 0).mean()),
        payback_p50=None if median_month == never else median_month,
        peak_cash_p95=percentiles(outcomes.peak_cash, (0.95,))[0],
    )


@dataclass(frozen=True)
class Simulation:
    """The draws of one run per strategy and for the plan (``total``), and their
    statistics."""

    setup: SimulationSetup
    outcomes: Mapping[str, Outcomes]

    @property
    def keys(self) -> tuple[str, ...]:
        """Strategies, then ``total``."""
        return tuple(self.outcomes)

    def stats(self, key: str = TOTAL) -> Statistics:
        """Statistics of strategy ``key`` or of the plan."""
        return statistics(self.outcomes[key])


def combine(setup: SimulationSetup, chunks: Sequence[Mapping[str, Outcomes]]) -> Simulation:
    """One simulation from its chunks, in order."""
    return Simulation(setup, {k: Outcomes.join([c[k] for c in chunks]) for k in chunks[0]})


T = TypeVar("T")


def in_parallel(
    work: Callable[[int], T], count: int, progress: Callable[[float], None] | None = None
) -> list[T]:
    """``work(0) … work(count − 1)`` on up to :data:`WORKERS` threads, results in index
    order; ``progress`` (called in the caller's thread) gets the share done as each
    result arrives in order."""
    results: list[T] = []
    with ThreadPoolExecutor(max_workers=max(1, min(WORKERS, count))) as pool:
        for future in [pool.submit(work, index) for index in range(count)]:
            results.append(future.result())
            if progress is not None:
                progress(len(results) / count)
    return results


def simulate(
    scenario: ScenarioBase,
    ranges: Mapping[str, DriverRange],
    setup: SimulationSetup,
    progress: Callable[[float], None] | None = None,
) -> Simulation:
    """The Monte Carlo run (module docstring); ``progress`` gets the share done after
    every chunk."""
    count = len(chunk_sizes(setup.draws))
    chunks = in_parallel(
        lambda index: simulate_chunk(scenario, ranges, setup, index), count, progress
    )
    return combine(setup, chunks)
