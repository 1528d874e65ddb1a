"""The engine: a scenario (or a batch of its variants) → monthly P&L and metrics.

Steps, for N variants at once (numpy arrays: variants first, months last):

1. every enabled acquisition strategy projects its flows (``StrategySpec.project``); the
   new customers they win are summed (``acquired``) and handed to the retention
   strategies (the public → private flow), which project next;
2. each strategy's order streams become P&L lines through the shared unit economics
   (:mod:`core.model.economics`); an acquisition strategy gets a further stream, the
   repeat orders of the customers it won (:mod:`core.model.lifetime`), valued with the
   same unit economics as their first orders;
3. contribution = gross profit − per-order costs − the strategy's own costs; cash,
   NPV, payback and the other metrics follow :mod:`core.model.finance`;
4. the plan total is the month-by-month sum of the enabled strategies (so total NPV =
   Σ strategy NPVs); its ``flow_value`` is the part of it the public → private flow
   brings (the flow members' contribution and terminal value).

Terminal value: the value at month H of the customers and members a strategy leaves
behind (repeat customers, member pools; :mod:`core.model.lifetime`), discounted to t = 0
by (1 + ρ)^−H and added to the headline NPV when the scenario includes it.

Shocks (:mod:`core.model.shocks`, optional): time paths that make media dearer, content
reach fewer people, members leave or add fees and one-off losses; strategies read them
from their context, the extra costs join each strategy's cost lines. Without shocks
nothing changes.

Marginal return (single scenario): each enabled strategy's spend lever gets ¥1,000 more a
month; marginal_roi = Δ plan NPV / Δ present value of the spend. It includes what the
extra customers add to other strategies (members), so it answers "where does the next
¥1,000 a month earn most".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from core.model.drivers import DriverBatch
from core.model.economics import PER_ORDER_LINES, OrderStream, stream_pnl
from core.model.finance import (
    MIN_COUNT,
    MIN_YUAN,
    IntArray,
    Metrics,
    cumulative_cash,
    discount_factors,
    monthly_rate,
    payback_months,
    peak_cash_need,
    ratio,
)
from core.model.lifetime import (
    customer_value,
    repeat_orders,
    repeat_terminal_value,
)
from core.model.paths import driver_spec
from core.model.scenario import ScenarioBase
from core.model.shocks import ShockPaths, shock_costs
from core.model.strategies import REGISTRY, ProjectionContext, StrategyFlows, get_strategy

FloatArray = NDArray[np.float64]
MARGINAL_STEP = 1_000.0
"""Yuan a month added to a spend lever to measure its marginal return."""


TOTALS: tuple[str, ...] = (
    "orders",
    "gmv",
    "refunds",
    "net_revenue",
    "gross_profit",
    "costs",
    "marketing_spend",
    "acquisition_spend",
    "new_customers",
)
"""Horizon totals every projection carries (per variant)."""


@dataclass(frozen=True)
class BatchProjection:
    """A strategy or the plan for N variants.

    Always: monthly ``contribution`` (N, H), ``cumulative_cash`` (N, H + 1), ``setup_cost``
    (N,), horizon ``totals`` (name → (N,), see :data:`TOTALS`), ``terminal_value`` (N,,
    discounted to t = 0, 0 when not included), ``ltv`` (N,, NaN when none) and the flow's
    monthly contribution and terminal value. With ``detail``: ``series`` (name → (N, H):
    the totals month by month plus ``cost:<line>`` for every cost line) and ``funnel``.
    """

    contribution: FloatArray
    setup_cost: FloatArray
    cumulative_cash: FloatArray
    totals: Mapping[str, FloatArray]
    terminal_value: FloatArray
    ltv: FloatArray
    flow_contribution: FloatArray
    flow_terminal_value: FloatArray
    series: Mapping[str, FloatArray] | None = None
    funnel: Mapping[str, FloatArray] | None = None


@dataclass(frozen=True)
class BatchResult:
    """Projections of the enabled strategies and of the plan, for N variants."""

    strategies: Mapping[str, BatchProjection]
    total: BatchProjection
    discount: FloatArray
    include_terminal_value: bool

    @property
    def size(self) -> int:
        """Number of variants N."""
        return int(self.total.contribution.shape[0])

    def npv(self, key: str | None = None) -> FloatArray:
        """Headline NPV per variant (yuan) of strategy ``key`` or of the plan (``None``)."""
        p = self.total if key is None else self.strategies[key]
        return npv_of(p, self.discount)

    def flow_value(self) -> FloatArray:
        """Part of the plan's NPV that comes from the public → private flow, per variant."""
        t = self.total
        return np.asarray(
            t.flow_contribution @ self.discount + t.flow_terminal_value, dtype=np.float64
        )


def paid_back(p: BatchProjection) -> tuple[IntArray, IntArray]:
    """Payback and relapse month per variant (0 = none) by the rules of
    :mod:`core.model.finance`, including "nothing happens → no payback": a variant with
    no cost, no setup and no order has neither."""
    payback, relapse = payback_months(p.cumulative_cash)
    investment = p.totals["costs"] + p.setup_cost
    active = (investment > MIN_YUAN) | (p.totals["orders"] > MIN_COUNT)
    return np.where(active, payback, 0), np.where(active, relapse, 0)


def npv_of(p: BatchProjection, discount: FloatArray) -> FloatArray:
    """−setup + Σ_t d_t · contribution_t + terminal value (already discounted)."""
    return np.asarray(p.contribution @ discount - p.setup_cost + p.terminal_value)


def _rows(array: FloatArray | float, n: int, horizon: int) -> FloatArray:
    """``array`` as an (n, horizon) array (a broadcast view when it is smaller)."""
    if isinstance(array, np.ndarray) and array.shape == (n, horizon):
        return array
    return np.broadcast_to(np.asarray(array, dtype=np.float64), (n, horizon))


def _column(array: FloatArray | float, n: int) -> FloatArray:
    flat = np.asarray(array, dtype=np.float64).reshape(-1)
    return flat if flat.size == n else np.full(n, flat[0])


def _add(arrays: list[Any]) -> FloatArray:
    """Σ arrays with numpy broadcasting (the result is only as large as it must be)."""
    total: Any = 0.0
    for array in arrays:
        total = total + array
    return np.asarray(total, dtype=np.float64).reshape(np.shape(total) or (1, 1))


def _sum(arrays: list[FloatArray], shape: tuple[int, ...]) -> FloatArray:
    """Σ arrays, broadcast to ``shape`` (in place: no stacked copy)."""
    total = np.zeros(shape)
    for array in arrays:
        total += array
    return total


def _overrides_by_owner(
    overrides: Mapping[str, Any],
) -> tuple[dict[str, dict[str, FloatArray]], int]:
    grouped: dict[str, dict[str, FloatArray]] = {}
    size = 1
    for path, values in overrides.items():
        spec = driver_spec(path)
        column = np.asarray(values, dtype=np.float64).reshape(-1)
        low = spec.lower + (1e-12 if spec.lower_open else 0.0)
        high = spec.upper - (1e-12 if spec.upper_open else 0.0)
        if not np.all(np.isfinite(column)) or column.min() < low or column.max() > high:
            raise ValueError(f"{path}: values outside {spec.lower:g}..{spec.upper:g}")
        if size not in (1, column.size) and column.size != 1:
            raise ValueError(f"{path}: {column.size} values, other drivers have {size}")
        size = max(size, column.size)
        owner, _, name = path.rpartition(".")
        grouped.setdefault(owner, {})[name] = column
    return grouped, size


def _fee_at_end(shocks: ShockPaths | None, key: str) -> FloatArray | float:
    """Fee points a shock adds to strategy ``key``'s net sales in month H (N|1, 1): a fee
    rise still in force at the end of the horizon also holds for the orders beyond it."""
    fee = None if shocks is None else shocks.fee_points.get(key)
    return 0.0 if fee is None else fee[..., -1:]


@dataclass(frozen=True)
class _Setting:
    n: int
    horizon: int
    rate: float
    end_discount: float
    include_tv: bool
    detail: bool
    shocks: ShockPaths | None = None


def _project(
    key: str,
    flows: StrategyFlows,
    business: DriverBatch,
    setting: _Setting,
    *,
    acquisition: bool,
    joiner_value: FloatArray,
) -> BatchProjection:
    n, horizon = setting.n, setting.horizon
    streams = dict(flows.streams)
    terminal = np.asarray(flows.terminal_value, dtype=np.float64)
    ltv = flows.ltv
    if acquisition and flows.new_customers is not None:
        first = streams["first"]
        f = business.repeat_orders_per_customer_month
        q = business.customer_retention_monthly
        repeats, active_end = repeat_orders(flows.new_customers, f, q)
        streams["repeat"] = OrderStream(repeats, first.economics)
        per_order = first.economics.contribution_per_order(business)
        beyond = per_order - _fee_at_end(setting.shocks, key) * first.economics.net_per_order()
        terminal = terminal + repeat_terminal_value(active_end, f, q, beyond, setting.rate)
        ltv = customer_value(per_order, f, q, setting.rate) + joiner_value
    own = dict(flows.cost_lines)
    if setting.shocks is not None:
        own.update(shock_costs(setting.shocks, key, streams))
    contribution = _add(
        [s.orders * s.economics.contribution_per_order(business) for s in streams.values()]
    )
    contribution = contribution - _add(list(own.values()))
    totals = _stream_totals(streams, business, own, flows, n)
    series = funnel = None
    if setting.detail:
        series, funnel = _detail(
            streams, business=business, own=own, flows=flows, n=n, horizon=horizon
        )
    setup = _column(flows.setup_cost, n)
    tv_factor = setting.end_discount if setting.include_tv else 0.0
    flow_tv = flows.flow_terminal_value if flows.flow_terminal_value is not None else 0.0
    flow_contribution = flows.flow_contribution if flows.flow_contribution is not None else 0.0
    cash = cumulative_cash(contribution, np.asarray(flows.setup_cost).reshape(-1))
    return BatchProjection(
        contribution=_rows(contribution, n, horizon),
        setup_cost=setup,
        cumulative_cash=_rows(cash, n, horizon + 1),
        totals=totals,
        terminal_value=_column(terminal, n) * tv_factor if tv_factor else np.zeros(n),
        ltv=_column(ltv if ltv is not None else np.nan, n),
        flow_contribution=_rows(flow_contribution, n, horizon),
        flow_terminal_value=_column(flow_tv, n) * tv_factor if tv_factor else np.zeros(n),
        series=series,
        funnel=funnel,
    )


def _stream_totals(
    streams: Mapping[str, OrderStream],
    business: DriverBatch,
    own: Mapping[str, FloatArray],
    flows: StrategyFlows,
    n: int,
) -> dict[str, FloatArray]:
    """Horizon totals. A stream's P&L lines are linear in its orders, so each total is
    (Σ_t orders_t) × the line for one order (:mod:`core.model.economics`)."""
    totals: dict[str, Any] = dict.fromkeys(TOTALS, 0.0)
    per_order_cost: Any = 0.0
    commission: Any = 0.0
    for stream in streams.values():
        count = stream.orders.sum(axis=-1, keepdims=True)
        e = stream.economics
        gmv = count * e.aov
        net = gmv * (1.0 - e.return_rate)
        totals["orders"] = totals["orders"] + count
        totals["gmv"] = totals["gmv"] + gmv
        totals["refunds"] = totals["refunds"] + (gmv - net)
        totals["net_revenue"] = totals["net_revenue"] + net
        totals["gross_profit"] = totals["gross_profit"] + net * business.gross_margin
        fees = net * (e.platform_fee_rate + business.payment_fee_rate)
        handling = count * (
            business.fulfilment_cost_per_order + e.return_rate * business.cost_per_return
        )
        per_order_cost = per_order_cost + fees + handling
        commission = commission + net * e.commission_rate
    own_totals = {name: line.sum(axis=-1, keepdims=True) for name, line in own.items()}
    own_totals["commission"] = commission
    buying = flows.acquisition_lines or flows.marketing_lines
    won = flows.customers_won if flows.customers_won is not None else flows.new_customers
    totals["costs"] = sum(own_totals.values(), per_order_cost)
    totals["marketing_spend"] = sum(
        (own_totals[m] for m in flows.marketing_lines if m in own_totals), 0.0
    )
    totals["acquisition_spend"] = sum((own_totals[m] for m in buying if m in own_totals), 0.0)
    totals["new_customers"] = won.sum(axis=-1, keepdims=True) if won is not None else 0.0
    return {name: _column(value, n) for name, value in totals.items()}


def _detail(
    streams: Mapping[str, OrderStream],
    *,
    business: DriverBatch,
    own: Mapping[str, FloatArray],
    flows: StrategyFlows,
    n: int,
    horizon: int,
) -> tuple[dict[str, FloatArray], dict[str, FloatArray]]:
    """Monthly lines for reports and charts (single scenarios)."""
    shape = (n, horizon)
    pnl = [stream_pnl(stream, business) for stream in streams.values()]
    lines = dict(own)
    for name in PER_ORDER_LINES:
        lines[name] = _sum([p.per_order_costs[name] for p in pnl], shape)
    buying = flows.acquisition_lines or flows.marketing_lines
    won = flows.customers_won if flows.customers_won is not None else flows.new_customers
    series = {name: _sum([getattr(p, name) for p in pnl], shape) for name in TOTALS[:5]}
    series["costs"] = _sum(list(lines.values()), shape)
    series["marketing_spend"] = _sum([lines[m] for m in flows.marketing_lines if m in lines], shape)
    series["acquisition_spend"] = _sum([lines[m] for m in buying if m in lines], shape)
    series["new_customers"] = _rows(won if won is not None else 0.0, n, horizon)
    series.update({f"cost:{name}": _rows(line, n, horizon) for name, line in lines.items()})
    funnel = {stage: _rows(v, n, horizon) for stage, v in flows.funnel.items()}
    return series, funnel


def _plan_total(
    parts: list[BatchProjection], n: int, horizon: int, detail: bool
) -> BatchProjection:
    def add(attr: str) -> FloatArray:
        return _sum([getattr(p, attr) for p in parts], (n, horizon))

    def add_end(attr: str) -> FloatArray:
        return _sum([getattr(p, attr) for p in parts], (n,))

    contribution = add("contribution")
    setup = add_end("setup_cost")
    totals = {name: _sum([p.totals[name] for p in parts], (n,)) for name in TOTALS}
    weights = [p.totals["new_customers"] for p in parts]
    weighted = _sum([w * np.nan_to_num(p.ltv) for w, p in zip(weights, parts, strict=True)], (n,))
    series = funnel = None
    if detail:
        names = set(TOTALS) | {name for p in parts for name in (p.series or {})}
        series = {
            name: _sum(
                [p.series[name] for p in parts if p.series and name in p.series], (n, horizon)
            )
            for name in sorted(names)
        }
        funnel = {"orders": series["orders"]}
    return BatchProjection(
        contribution=contribution,
        setup_cost=setup,
        cumulative_cash=cumulative_cash(contribution, setup),
        totals=totals,
        terminal_value=add_end("terminal_value"),
        ltv=ratio(weighted, totals["new_customers"]),
        flow_contribution=add("flow_contribution"),
        flow_terminal_value=add_end("flow_terminal_value"),
        series=series,
        funnel=funnel,
    )


def evaluate_batch(
    scenario: ScenarioBase,
    overrides: Mapping[str, Any] | None = None,
    *,
    detail: bool = False,
    shocks: ShockPaths | None = None,
) -> BatchResult:
    """Evaluate N variants of ``scenario`` at once (see the module docstring).

    ``overrides`` maps a driver path (``ads.cpc``, ``business.gross_margin``) to N values;
    every value must lie within the driver's bounds (``ValueError`` otherwise). Without
    overrides, N = 1. ``detail`` adds the monthly lines (for one scenario's report).
    ``shocks`` (paths over N or 1 variants and the horizon) applies shocks.
    """
    grouped, n = _overrides_by_owner(overrides or {})
    if shocks is not None:
        if shocks.size not in (1, n) and n != 1:
            raise ValueError(f"shocks for {shocks.size} variants, drivers for {n}")
        n = max(n, shocks.size)
    horizon = scenario.horizon_months
    discount = discount_factors(horizon, scenario.annual_discount_rate)
    setting = _Setting(
        n=n,
        horizon=horizon,
        rate=monthly_rate(scenario.annual_discount_rate),
        end_discount=float(discount[-1]),
        include_tv=scenario.include_terminal_value,
        detail=detail,
        shocks=shocks,
    )
    data = scenario.model_dump()
    business = DriverBatch(data["business"], grouped.get("business", {}))
    enabled = [spec for spec in REGISTRY if scenario.strategy(spec.key).enabled]
    drivers = {s.key: DriverBatch(data[s.key], grouped.get(s.key, {})) for s in enabled}
    flows: dict[str, StrategyFlows] = {}
    acquired = np.zeros((1, horizon))
    context = ProjectionContext(horizon, business, setting.rate, acquired, shocks)
    for spec in (s for s in enabled if s.role == "acquisition"):
        flows[spec.key] = spec.project(drivers[spec.key], context)
        new = flows[spec.key].new_customers
        acquired = acquired + (new if new is not None else 0.0)
    context = replace(context, acquired=acquired)
    joiner_value = np.zeros((1, 1))
    for spec in (s for s in enabled if s.role == "retention"):
        flows[spec.key] = spec.project(drivers[spec.key], context)
        uplift = flows[spec.key].joiner_uplift
        joiner_value = joiner_value + (uplift if uplift is not None else 0.0)
    projections = {
        spec.key: _project(
            spec.key,
            flows[spec.key],
            business,
            setting,
            acquisition=spec.role == "acquisition",
            joiner_value=joiner_value,
        )
        for spec in enabled
    }
    return BatchResult(
        strategies=projections,
        total=_plan_total(list(projections.values()), n, horizon, detail),
        discount=discount,
        include_terminal_value=scenario.include_terminal_value,
    )


# --- one scenario -----------------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    """Monthly series (length H, yuan unless noted) and horizon metrics of one projection."""

    funnel: Mapping[str, FloatArray]
    orders: FloatArray
    gmv: FloatArray
    refunds: FloatArray
    net_revenue: FloatArray
    gross_profit: FloatArray
    cost_lines: Mapping[str, FloatArray]
    costs: FloatArray
    contribution: FloatArray
    marketing_spend: FloatArray
    new_customers: FloatArray
    setup_cost: float
    cumulative_cash: FloatArray
    metrics: Metrics

    @property
    def horizon(self) -> int:
        """Number of projected months."""
        return int(self.orders.size)


@dataclass(frozen=True)
class Shares:
    """A strategy's share of the plan (fractions; ``None`` where the total is zero)."""

    net_revenue: float | None
    contribution: float | None
    investment: float | None


@dataclass(frozen=True)
class ScenarioResult:
    """Projections of the enabled strategies and the plan, each one's share, and what the
    public → private flow adds to the plan's NPV (yuan)."""

    strategies: Mapping[str, Projection]
    total: Projection
    shares: Mapping[str, Shares]
    flow_value: float


def _optional(value: float) -> float | None:
    return None if not np.isfinite(value) else float(value)


def _metrics(p: BatchProjection, discount: FloatArray, i: int, marginal: float | None) -> Metrics:
    total = {name: float(values[i]) for name, values in p.totals.items()}
    investment = total["costs"] + float(p.setup_cost[i])
    orders = total["orders"]
    marketing = total["marketing_spend"]
    net_profit = float(p.contribution[i].sum() - p.setup_cost[i])
    npv_horizon = float(p.contribution[i] @ discount - p.setup_cost[i])
    terminal = float(p.terminal_value[i])
    payback, relapse = paid_back(p)
    new_customers = total["new_customers"]
    gmv = total["gmv"]
    return Metrics(
        investment=investment,
        marketing_spend=marketing,
        orders=orders,
        gmv=gmv,
        net_revenue=total["net_revenue"],
        gross_profit=total["gross_profit"],
        contribution=float(p.contribution[i].sum()),
        setup_cost=float(p.setup_cost[i]),
        net_profit=net_profit,
        roi=net_profit / investment if investment > MIN_YUAN else None,
        roas=total["net_revenue"] / investment if investment > MIN_YUAN else None,
        gmv_roas=gmv / marketing if marketing > MIN_YUAN else None,
        npv_horizon=npv_horizon,
        terminal_value=terminal,
        npv=npv_horizon + terminal,
        payback_month=int(payback[i]) if payback[i] > 0 else None,
        relapse_month=int(relapse[i]) if relapse[i] > 0 else None,
        peak_cash_need=float(peak_cash_need(p.cumulative_cash[i : i + 1])[0]),
        marginal_roi=marginal,
        new_customers=new_customers,
        cac=total["acquisition_spend"] / new_customers if new_customers > MIN_COUNT else None,
        ltv=_optional(float(p.ltv[i])) if new_customers > MIN_COUNT else None,
    )


def _single(p: BatchProjection, metrics: Metrics) -> Projection:
    series = p.series or {}
    prefix = "cost:"
    return Projection(
        funnel={stage: np.array(values[0]) for stage, values in (p.funnel or {}).items()},
        orders=np.array(series["orders"][0]),
        gmv=np.array(series["gmv"][0]),
        refunds=np.array(series["refunds"][0]),
        net_revenue=np.array(series["net_revenue"][0]),
        gross_profit=np.array(series["gross_profit"][0]),
        cost_lines={
            name[len(prefix) :]: np.array(line[0])
            for name, line in series.items()
            if name.startswith(prefix)
        },
        costs=np.array(series["costs"][0]),
        contribution=np.array(p.contribution[0]),
        marketing_spend=np.array(series["marketing_spend"][0]),
        new_customers=np.array(series["new_customers"][0]),
        setup_cost=float(p.setup_cost[0]),
        cumulative_cash=np.array(p.cumulative_cash[0]),
        metrics=metrics,
    )


def lever_path(key: str) -> str:
    """Dotted path of strategy ``key``'s spend lever (yuan per month)."""
    return f"{key}.{get_strategy(key).spend_lever}"


def marginal_variants(scenario: ScenarioBase) -> tuple[dict[str, FloatArray], list[str]]:
    """Overrides for [base, each enabled strategy's lever + ¥1,000, the whole mix + ¥1,000
    split by current lever shares] and the enabled keys in that order."""
    keys = list(scenario.enabled_keys())
    levers = np.array(
        [float(getattr(scenario.strategy(k), get_strategy(k).spend_lever)) for k in keys]
    )
    total = levers.sum()
    shares = levers / total if total > 0 else np.full(len(keys), 1.0 / max(len(keys), 1))
    overrides: dict[str, FloatArray] = {}
    for j, key in enumerate(keys):
        column = np.full(len(keys) + 2, levers[j])
        column[j + 1] += MARGINAL_STEP
        column[-1] += MARGINAL_STEP * shares[j]
        overrides[lever_path(key)] = np.minimum(column, driver_spec(lever_path(key)).upper)
    return overrides, keys


def evaluate(scenario: ScenarioBase) -> ScenarioResult:
    """Project every enabled strategy and the plan (see the module docstring)."""
    overrides, keys = marginal_variants(scenario)
    batch = evaluate_batch(scenario, overrides, detail=True)
    step_pv = MARGINAL_STEP * float(batch.discount.sum())
    plan_npv = batch.npv()
    marginal = {k: float((plan_npv[j + 1] - plan_npv[0]) / step_pv) for j, k in enumerate(keys)}
    total_marginal = float((plan_npv[-1] - plan_npv[0]) / step_pv) if keys else None
    strategies = {
        key: _single(p, _metrics(p, batch.discount, 0, marginal[key]))
        for key, p in batch.strategies.items()
    }
    total = _single(batch.total, _metrics(batch.total, batch.discount, 0, total_marginal))

    def share(part: float, whole: float) -> float | None:
        return part / whole if whole != 0 else None

    shares = {
        key: Shares(
            net_revenue=share(p.metrics.net_revenue, total.metrics.net_revenue),
            contribution=share(p.metrics.contribution, total.metrics.contribution),
            investment=share(p.metrics.investment, total.metrics.investment),
        )
        for key, p in strategies.items()
    }
    return ScenarioResult(
        strategies=strategies,
        total=total,
        shares=shares,
        flow_value=float(batch.flow_value()[0]),
    )
