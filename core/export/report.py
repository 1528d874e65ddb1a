"""The evaluation report: the JSON contract of ``python -m core evaluate FILE --json``.

``strategies.<key>`` for each enabled strategy and ``total`` each hold ``investment``,
``net_revenue``, ``gross_profit``, ``net_profit``, ``roi``, ``roas``, ``npv``,
``payback_month`` (null if none) and ``monthly``, one record per month. Money in yuan,
``roi``/``roas`` as ratios (0.25 = 25 %), volumes as counts.
"""

from __future__ import annotations

from dataclasses import asdict

from pydantic import BaseModel

from core.model.engine import Projection, ScenarioResult


class MonthRecord(BaseModel):
    """One month of a projection (end-of-month flows, yuan)."""

    month: int
    orders: float
    gmv: float
    refunds: float
    net_revenue: float
    gross_profit: float
    costs: float
    contribution: float
    cumulative_cash: float


class ProjectionReport(BaseModel):
    """Horizon metrics of one strategy or the total, with its monthly series."""

    investment: float
    orders: float
    gmv: float
    net_revenue: float
    gross_profit: float
    contribution: float
    setup_cost: float
    net_profit: float
    roi: float | None
    roas: float | None
    npv: float
    payback_month: int | None
    share_of_net_revenue: float | None = None
    funnel: dict[str, float]
    costs_by_line: dict[str, float]
    monthly: list[MonthRecord]


class EvaluationReport(BaseModel):
    """What the CLI prints with ``--json``."""

    scenario_name: str
    horizon_months: int
    strategies: dict[str, ProjectionReport]
    total: ProjectionReport


def _projection_report(p: Projection, share: float | None = None) -> ProjectionReport:
    months = [
        MonthRecord(
            month=t + 1,
            orders=float(p.orders[t]),
            gmv=float(p.gmv[t]),
            refunds=float(p.refunds[t]),
            net_revenue=float(p.net_revenue[t]),
            gross_profit=float(p.gross_profit[t]),
            costs=float(p.costs[t]),
            contribution=float(p.contribution[t]),
            cumulative_cash=float(p.cumulative_cash[t + 1]),
        )
        for t in range(p.horizon)
    ]
    return ProjectionReport(
        **asdict(p.metrics),
        share_of_net_revenue=share,
        funnel={stage: float(series.sum()) for stage, series in p.funnel.items()},
        costs_by_line={name: float(line.sum()) for name, line in p.cost_lines.items()},
        monthly=months,
    )


def build_report(name: str, result: ScenarioResult) -> EvaluationReport:
    """The JSON-ready report of an evaluated scenario."""
    return EvaluationReport(
        scenario_name=name,
        horizon_months=result.total.horizon,
        strategies={
            key: _projection_report(p, result.shares[key].net_revenue)
            for key, p in result.strategies.items()
        },
        total=_projection_report(result.total),
    )
