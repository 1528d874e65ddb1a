"""The optimiser's last result on the Mix Planner, beside the current split and, when
ranges were set, beside the split with the ranges widened ×3: the money moved per
strategy, KPIs, the marginal return of the next ¥1,000 at each split (why money moves),
cumulative cash, and "apply" (undoable)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from core.analysis.mix import allocation_of
from core.analysis.mix_requests import metric_value
from core.analysis.optimizer import OptimizationResult
from core.model.engine import ScenarioResult
from core.model.scenario import ScenarioBase, scenario_from_json, scenario_to_json
from core.model.strategies import REGISTRY
from core.text.catalog import Locale, t
from core.text.formatting import format_money
from core.text.kpis import metric_text
from core.text.mix import money_change, objective_label, objective_value, violated_text
from pages.components.apply_undo import apply_scenario
from pages.components.cache import evaluated
from pages.components.mix_charts import cash_curves_figure
from pages.components.paint import plotly
from pages.components.scenario_state import ScenarioState

NS = "opt"
OUTCOME_KEY = f"{NS}:outcome"
COMPARED_KPIS: tuple[str, ...] = (
    "npv",
    "net_revenue",
    "roi",
    "gmv_roas",
    "payback_month",
    "peak_cash_need",
)


@dataclass(frozen=True)
class Outcome:
    """The last optimisation: the scenario it ran on (JSON), its result and, when ranges
    were set, the result with the ranges widened ×3."""

    base: str
    result: OptimizationResult
    wide: OptimizationResult | None


def _columns(outcome: Outcome, lang: Locale) -> list[tuple[str, ScenarioBase, ScenarioResult]]:
    base = scenario_from_json(outcome.base)
    columns = [
        (t("mix.col.current", lang), base, evaluated(base)),
        (t("mix.col.optimum", lang), outcome.result.scenario, evaluated(outcome.result.scenario)),
    ]
    if outcome.wide is not None:
        columns.append(
            (t("mix.col.widened", lang), outcome.wide.scenario, evaluated(outcome.wide.scenario))
        )
    return columns


def optimiser_outcome(state: ScenarioState, lang: Locale) -> None:
    """The last result beside the current split (while the scenario is the one it ran on)."""
    outcome: Outcome | None = st.session_state.get(OUTCOME_KEY)
    if outcome is None:
        return
    if scenario_to_json(state.scenario()) != outcome.base:
        applied = state.scenario() == outcome.result.scenario
        st.info(t("mix.applied" if applied else "mix.stale", lang))
        return
    result = outcome.result
    if not result.feasible:
        st.warning(t("mix.infeasible", lang, constraints=violated_text(result.violated, lang)))
    columns = _columns(outcome, lang)
    base_value = metric_value(columns[0][2].total.metrics, result.objective_name)
    st.markdown(
        t(
            "mix.objective_line",
            lang,
            objective=objective_label(result.objective_name, lang),
            before=objective_value(result.objective_name, base_value, lang),
            after=objective_value(result.objective_name, result.objective, lang),
        )
    )
    current = allocation_of(columns[0][1])
    rows = []
    for spec in REGISTRY:
        row = {t("cli.strategy", lang): t(f"strategy.{spec.key}", lang)}
        for name, scenario, _ in columns:
            row[name] = money_or_off(allocation_of(scenario).get(spec.key), lang)
        moved = result.allocation.get(spec.key, 0.0) - current.get(spec.key, 0.0)
        row[t("mix.col.moved", lang)] = money_change(moved, lang)
        rows.append(row)
    st.dataframe(rows, hide_index=True, width="stretch", height="content")
    kpis = [
        {
            t("mix.col.kpi", lang): t(f"kpi.{k}", lang),
            **{name: metric_text(r.total.metrics, k, lang) for name, _, r in columns},
        }
        for k in COMPARED_KPIS
    ]
    marginal = [
        {
            t("mix.col.marginal", lang): t(f"strategy.{spec.key}", lang),
            **{
                name: metric_text(r.strategies[spec.key].metrics, "marginal_roi", lang)
                if spec.key in r.strategies
                else t("value.na", lang)
                for name, _, r in columns
            },
        }
        for spec in REGISTRY
    ]
    left, right = st.columns(2)
    left.dataframe(kpis, hide_index=True, width="stretch", height="content")
    right.dataframe(marginal, hide_index=True, width="stretch", height="content")
    right.caption(t("mix.marginal_help", lang))
    curves = [(name, r.total.cumulative_cash) for name, _, r in columns]
    plotly(cash_curves_figure(curves, "mix.cash_title", lang))
    st.button(
        t("mix.apply", lang),
        type="primary",
        on_click=apply_scenario,
        args=(state, result.scenario),
        key=f"{NS}:apply",
    )


def money_or_off(amount: float | None, lang: Locale) -> str:
    """A monthly amount, or "not in the plan"."""
    return format_money(amount, lang) if amount is not None else t("mix.off", lang)
