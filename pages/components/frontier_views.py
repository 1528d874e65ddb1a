"""The efficient frontier (best objective at each monthly budget, current plan and best
point marked) and target seeking (which budget and split reach a value), both under the
optimiser's constraints and with a progress bar while they run."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core.analysis.frontier import Frontier, TargetResult
from core.analysis.mix import allocation_of
from core.analysis.mix_requests import (
    FrontierRequest,
    Objective,
    RequestError,
    TargetRequest,
    metric_value,
)
from core.analysis.optimizer import Progress
from core.model.scenario import ScenarioBase, scenario_to_json
from core.text.catalog import Locale, t
from core.text.formatting import format_money
from core.text.mix import objective_label, objective_value, request_problem, target_sentence
from pages.components.apply_undo import apply_scenario
from pages.components.cache import evaluated, frontier, target
from pages.components.inputs import lingual_selectbox
from pages.components.mix_charts import frontier_figure
from pages.components.mix_views import model_money, money_input
from pages.components.optimiser_views import Settings
from pages.components.paint import plotly
from pages.components.scenario_state import ScenarioState

NS = "frontier"
FRONTIER_KEY = f"{NS}:result"
TARGET_KEY = f"{NS}:target"
TARGET_METRICS: tuple[Objective, ...] = ("net_revenue", "npv", "gmv_roas")
MIN_MAX_BUDGET = 100_000.0


@dataclass(frozen=True)
class Kept:
    """A finished frontier or target answer and the scenario (JSON) it is for."""

    base: str
    answer: Frontier | TargetResult


def max_budget_input(scenario: ScenarioBase, lang: Locale) -> float:
    """The largest monthly budget to look at (default: three times today's, at least
    ¥10万), yuan."""
    default = max(3.0 * sum(allocation_of(scenario).values()), MIN_MAX_BUDGET)
    key = f"{NS}:max@{lang}"
    money_input(t("mix.option.max_budget", lang), default, key, lang)
    shown = st.session_state.get(key)
    return model_money(shown, lang) if shown is not None else default


def _progress(label: str) -> tuple[DeltaGenerator, Progress]:
    """A progress bar and the callback that moves it (share of the work done, 0..1)."""
    bar = st.progress(0.0, text=label)
    return bar, lambda done: bar.progress(min(max(done, 0.0), 1.0), text=label)


def frontier_panel(
    scenario: ScenarioBase, settings: Settings, max_budget: float, lang: Locale
) -> None:
    """ "Draw the frontier", then the chart for the scenario it was drawn for."""
    if st.button(t("mix.frontier.run", lang), key=f"{NS}:run"):
        try:
            request = FrontierRequest(
                settings.objective, max_budget, constraints=settings.constraints
            )
        except RequestError as exc:
            st.error(request_problem(exc, lang))
            return
        bar, report = _progress(t("mix.frontier.running", lang))
        drawn = frontier(scenario, request, report)
        bar.empty()
        st.session_state[FRONTIER_KEY] = Kept(scenario_to_json(scenario), drawn)
    kept: Kept | None = st.session_state.get(FRONTIER_KEY)
    if kept is None or not isinstance(kept.answer, Frontier):
        return
    if kept.base != scenario_to_json(scenario):
        st.info(t("mix.frontier.stale", lang))
        return
    drawn = kept.answer
    name = drawn.request.objective
    here = evaluated(scenario).total.metrics
    current = (sum(allocation_of(scenario).values()), metric_value(here, name))
    plotly(frontier_figure(drawn, current, lang))
    best = drawn.best()
    if best is None:
        st.warning(t("mix.frontier.none", lang))
    else:
        st.caption(
            t(
                "mix.frontier.best_line",
                lang,
                objective=objective_label(name, lang),
                value=objective_value(name, best.objective, lang),
                budget=format_money(best.budget, lang),
            )
        )


def target_panel(state: ScenarioState, settings: Settings, max_budget: float, lang: Locale) -> None:
    """Metric and target value, "find the budget", then the answer with "apply"."""
    scenario = state.scenario()
    left, right = st.columns(2)
    metric = lingual_selectbox(
        left,
        t("mix.target.metric", lang),
        TARGET_METRICS,
        format_func=lambda m: objective_label(m, lang),
        name=f"{NS}:metric",
        locale=lang,
    )
    here = metric_value(evaluated(scenario).total.metrics, metric)
    with right:
        if metric == "gmv_roas":
            value = st.number_input(
                f"{t('mix.option.target', lang)} (×)",
                min_value=0.0,
                value=round(here, 1),
                step=0.1,
                key=f"{NS}:ratio",
            )
        else:
            key = f"{NS}:money:{metric}@{lang}"
            default = max(round(1.2 * here, -4), 0.0)
            money_input(t("mix.option.target", lang), default, key, lang, monthly=False)
            value = model_money(st.session_state.get(key) or 0.0, lang)
    if st.button(t("mix.target.run", lang), key=f"{NS}:target_run"):
        try:
            request = TargetRequest(metric, float(value), max_budget, settings.constraints)
        except RequestError as exc:
            st.error(request_problem(exc, lang))
            return
        bar, report = _progress(t("mix.target.running", lang))
        found = target(scenario, request, report)
        bar.empty()
        st.session_state[TARGET_KEY] = Kept(scenario_to_json(scenario), found)
    kept: Kept | None = st.session_state.get(TARGET_KEY)
    if (
        kept is None
        or not isinstance(kept.answer, TargetResult)
        or kept.base != scenario_to_json(scenario)
    ):
        return
    found = kept.answer
    sentence = target_sentence(found, lang)
    if found.reached:
        st.success(sentence)
        st.button(
            t("mix.target.apply", lang),
            on_click=apply_scenario,
            args=(state, found.result.scenario),
            key=f"{NS}:apply",
        )
    else:
        st.warning(sentence)
