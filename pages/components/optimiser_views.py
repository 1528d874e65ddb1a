"""The optimiser on the Mix Planner: its settings, the result beside the current split and
beside the split with the strategies' ranges widened ×3, the marginal return of each
strategy, and applying the result (undoable: the scenario before is kept in the session
and "undo" loads it back)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from core.analysis.budget_problem import Problem
from core.analysis.mix import allocation_of
from core.analysis.mix_requests import (
    Constraints,
    Objective,
    OptimizationRequest,
    RequestError,
    lever_upper,
    metric_value,
    widened,
)
from core.analysis.optimizer import OptimizationResult
from core.model.engine import ScenarioResult
from core.model.scenario import ScenarioBase, scenario_from_json, scenario_to_json
from core.model.strategies import REGISTRY
from core.text.catalog import Locale, t
from core.text.kpis import metric_text
from core.text.mix import (
    money_change,
    objective_label,
    objective_value,
    request_problem,
    violated_text,
)
from pages.components.cache import evaluated, optimized
from pages.components.charts import PLOTLY_CONFIG
from pages.components.mix_charts import cash_curves_figure
from pages.components.mix_views import model_money, money_input
from pages.components.scenario_state import ScenarioState

NS = "opt"
OUTCOME_KEY = f"{NS}:outcome"
UNDO_KEY = f"{NS}:undo"
UI_OBJECTIVES: tuple[Objective, ...] = ("npv", "npv_horizon", "contribution", "net_revenue")
COMPARED_KPIS: tuple[str, ...] = (
    "npv",
    "net_revenue",
    "roi",
    "gmv_roas",
    "payback_month",
    "peak_cash_need",
)


@dataclass(frozen=True)
class Settings:
    """What the optimiser is asked, from the widgets."""

    objective: Objective
    budget: float
    constraints: Constraints


@dataclass(frozen=True)
class Outcome:
    """The last optimisation: the scenario it ran on (JSON), its result and, when ranges
    were set, the result with the ranges widened ×3."""

    base: str
    result: OptimizationResult
    wide: OptimizationResult | None


def _constraint_inputs(scenario: ScenarioBase, lang: Locale) -> dict[str, object]:
    """The constraint widgets; what they hold, as ``Constraints`` arguments (unchecked)."""
    keys = scenario.enabled_keys()
    off = st.multiselect(
        t("mix.option.switched_off", lang),
        keys,
        format_func=lambda k: t(f"strategy.{k}", lang),
        key=f"{NS}:off",
    )
    bounds = {}
    for column, key in zip(st.columns(max(len(keys), 1)), keys, strict=False):
        with column:
            money_input(
                t("mix.min", lang, strategy=t(f"strategy.{key}", lang)),
                0.0,
                f"{NS}:min:{key}@{lang}",
                lang,
            )
            money_input(
                t("mix.max", lang, strategy=t(f"strategy.{key}", lang)),
                None,
                f"{NS}:max:{key}@{lang}",
                lang,
                placeholder=t("mix.no_limit", lang),
            )
        low, high = (st.session_state.get(f"{NS}:{side}:{key}@{lang}") for side in ("min", "max"))
        if key not in off and (low or high is not None):
            upper = model_money(high, lang) if high is not None else lever_upper(key)
            bounds[key] = (model_money(low or 0.0, lang), upper)
    left, mid, right, last = st.columns(4)
    payback = left.number_input(
        t("mix.option.max_payback_month", lang),
        1,
        120,
        value=None,
        step=1,
        key=f"{NS}:payback",
        placeholder=t("mix.no_limit", lang),
    )
    with mid:
        money_input(
            t("mix.option.max_peak_cash", lang),
            None,
            f"{NS}:peak@{lang}",
            lang,
            placeholder=t("mix.no_limit", lang),
        )
    peak = st.session_state.get(f"{NS}:peak@{lang}")
    roi = right.number_input(
        f"{t('mix.option.min_roi', lang)} (%)",
        value=None,
        step=1.0,
        key=f"{NS}:roi",
        placeholder=t("mix.no_limit", lang),
    )
    roas = last.number_input(
        f"{t('mix.option.min_gmv_roas', lang)} (×)",
        min_value=0.0,
        value=None,
        step=0.1,
        key=f"{NS}:roas",
        placeholder=t("mix.no_limit", lang),
    )
    return {
        "bounds": bounds,
        "switched_off": tuple(off),
        "max_payback_month": int(payback) if payback is not None else None,
        "max_peak_cash": model_money(peak, lang) if peak is not None else None,
        "min_roi": roi / 100.0 if roi is not None else None,
        "min_gmv_roas": roas,
    }


def optimiser_settings(scenario: ScenarioBase, lang: Locale) -> Settings | None:
    """Objective, monthly budget and constraints; ``None`` (and why, shown) when they
    cannot make a request."""
    left, right = st.columns(2)
    objective = left.selectbox(
        t("mix.option.objective", lang),
        UI_OBJECTIVES,
        format_func=lambda o: objective_label(o, lang),
        key=f"{NS}:objective",
    )
    with right:
        money_input(
            t("mix.option.total_budget", lang),
            sum(allocation_of(scenario).values()),
            f"{NS}:budget@{lang}",
            lang,
        )
    budget = model_money(st.session_state.get(f"{NS}:budget@{lang}") or 0.0, lang)
    with st.expander(t("mix.constraints", lang)):
        chosen = _constraint_inputs(scenario, lang)
    try:
        constraints = Constraints(**chosen)  # type: ignore[arg-type]
        request = OptimizationRequest(objective, budget, constraints)
        Problem.build(scenario, objective, constraints).check_budget(budget)
    except RequestError as exc:
        st.error(request_problem(exc, lang))
        return None
    if (
        objective == "net_revenue"
        and constraints.min_roi is None
        and constraints.min_gmv_roas is None
    ):
        st.caption(t("mix.floor_hint", lang))
    return Settings(request.objective, request.total_budget, request.constraints)


def run_optimiser(scenario: ScenarioBase, settings: Settings, lang: Locale) -> None:
    """The "optimise" button: runs the optimiser (and the widened variant) and keeps it."""
    if not st.button(t("mix.run", lang), type="primary", key=f"{NS}:run"):
        return
    with st.status(t("mix.running", lang)) as status:
        try:
            result = optimized(
                scenario,
                OptimizationRequest(settings.objective, settings.budget, settings.constraints),
            )
            wide = None
            if settings.constraints.bounds:
                wider = widened(settings.constraints)
                wide = optimized(
                    scenario, OptimizationRequest(settings.objective, settings.budget, wider)
                )
        except RequestError as exc:
            status.update(label=request_problem(exc, lang), state="error")
            return
        status.update(label=t("mix.done", lang), state="complete")
    st.session_state[OUTCOME_KEY] = Outcome(scenario_to_json(scenario), result, wide)


def apply_scenario(state: ScenarioState, scenario: ScenarioBase) -> None:
    """Make ``scenario`` the one being edited, keeping the one before for "undo"."""
    st.session_state[UNDO_KEY] = scenario_to_json(state.scenario())
    state.load(scenario)


def _undo(state: ScenarioState) -> None:
    before = st.session_state.pop(UNDO_KEY, None)
    if before is not None:
        state.load(scenario_from_json(before))


def undo_button(state: ScenarioState, lang: Locale) -> None:
    """ "Undo" while an applied result can be taken back."""
    if UNDO_KEY in st.session_state:
        st.button(t("mix.undo", lang), on_click=_undo, args=(state,), key=f"{NS}:undo_button")


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
    st.plotly_chart(cash_curves_figure(curves, "mix.cash_title", lang), config=PLOTLY_CONFIG)
    st.button(
        t("mix.apply", lang),
        type="primary",
        on_click=apply_scenario,
        args=(state, result.scenario),
        key=f"{NS}:apply",
    )


def money_or_off(amount: float | None, lang: Locale) -> str:
    """A monthly amount, or "not in the plan"."""
    from core.text.formatting import format_money

    return format_money(amount, lang) if amount is not None else t("mix.off", lang)
