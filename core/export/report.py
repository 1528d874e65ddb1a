"""The evaluation report: the JSON contract of ``python -m core evaluate FILE --json``.

``strategies.<key>`` for each enabled strategy and ``total`` each hold the horizon
metrics (:class:`core.model.finance.Metrics`: ``investment``, ``net_revenue``,
``gross_profit``, ``net_profit``, ``roi``, ``roas``, ``npv``, ``payback_month``, … and
``peak_cash_need``, ``gmv_roas``, ``marginal_roi``, ``new_customers``, ``cac``, ``ltv``,
``terminal_value``), the funnel and cost totals, and ``monthly``: one record per month
with its cost lines and ``cumulative_cash``. ``total`` adds ``flow_value``. Money in
yuan, ratios as fractions (0.25 = 25 %), volumes as counts. Strict JSON: every number is
finite; ``null`` only where a metric has no value (documented in ``Metrics``).
"""

from __future__ import annotations

from dataclasses import asdict

from pydantic import BaseModel, ConfigDict

from core.model.engine import Projection, ScenarioResult


class MonthRecord(BaseModel):
    """One month of a projection (end-of-month flows, yuan)."""

    model_config = ConfigDict(allow_inf_nan=False)

    month: int
    orders: float
    new_customers: float
    gmv: float
    refunds: float
    net_revenue: float
    gross_profit: float
    costs: float
    cost_lines: dict[str, float]
    marketing_spend: float
    contribution: float
    cumulative_cash: float


class ProjectionReport(BaseModel):
    """Horizon metrics of one strategy or the total, with its monthly series."""

    model_config = ConfigDict(allow_inf_nan=False)

    investment: float
    marketing_spend: float
    orders: float
    gmv: float
    net_revenue: float
    gross_profit: float
    contribution: float
    setup_cost: float
    net_profit: float
    roi: float | None
    roas: float | None
    gmv_roas: float | None
    npv_horizon: float
    terminal_value: float
    npv: float
    payback_month: int | None
    relapse_month: int | None
    peak_cash_need: float
    marginal_roi: float | None
    new_customers: float
    cac: float | None
    ltv: float | None
    share_of_net_revenue: float | None = None
    flow_value: float | None = None
    funnel: dict[str, float]
    costs_by_line: dict[str, float]
    monthly: list[MonthRecord]


class EvaluationReport(BaseModel):
    """What the CLI prints with ``--json``."""

    scenario_name: str
    horizon_months: int
    include_terminal_value: bool
    strategies: dict[str, ProjectionReport]
    total: ProjectionReport


def _projection_report(
    p: Projection, share: float | None = None, flow_value: float | None = None
) -> ProjectionReport:
    months = [
        MonthRecord(
            month=t + 1,
            orders=float(p.orders[t]),
            new_customers=float(p.new_customers[t]),
            gmv=float(p.gmv[t]),
            refunds=float(p.refunds[t]),
            net_revenue=float(p.net_revenue[t]),
            gross_profit=float(p.gross_profit[t]),
            costs=float(p.costs[t]),
            cost_lines={name: float(line[t]) for name, line in p.cost_lines.items()},
            marketing_spend=float(p.marketing_spend[t]),
            contribution=float(p.contribution[t]),
            cumulative_cash=float(p.cumulative_cash[t + 1]),
        )
        for t in range(p.horizon)
    ]
    return ProjectionReport(
        **asdict(p.metrics),
        share_of_net_revenue=share,
        flow_value=flow_value,
        funnel={stage: float(series.sum()) for stage, series in p.funnel.items()},
        costs_by_line={name: float(line.sum()) for name, line in p.cost_lines.items()},
        monthly=months,
    )


def build_report(
    name: str, include_terminal_value: bool, result: ScenarioResult
) -> EvaluationReport:
    """The JSON-ready report of an evaluated scenario."""
    return EvaluationReport(
        scenario_name=name,
        horizon_months=result.total.horizon,
        include_terminal_value=include_terminal_value,
        strategies={
            key: _projection_report(p, result.shares[key].net_revenue)
            for key, p in result.strategies.items()
        },
        total=_projection_report(result.total, flow_value=result.flow_value),
    )
