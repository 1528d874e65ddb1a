"""The optimiser's settings on the Mix Planner (objective, monthly budget, per-strategy
ranges, strategies left out, payback, peak cash, ROI and GMV ÷ spend floors) and the
"optimise" button, which keeps its result (and the one with the ranges widened ×3) for
:mod:`pages.components.optimiser_result`."""

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
    widened,
)
from core.model.scenario import ScenarioBase, scenario_to_json
from core.text.catalog import Locale, t
from core.text.mix import objective_label, request_problem
from pages.components.cache import optimized
from pages.components.inputs import lingual_multiselect, lingual_selectbox
from pages.components.mix_views import model_money, money_input
from pages.components.optimiser_result import OUTCOME_KEY, Outcome

NS = "opt"
UI_OBJECTIVES: tuple[Objective, ...] = ("npv", "npv_horizon", "contribution", "net_revenue")


@dataclass(frozen=True)
class Settings:
    """What the optimiser is asked, from the widgets."""

    objective: Objective
    budget: float
    constraints: Constraints


def _constraint_inputs(scenario: ScenarioBase, lang: Locale) -> dict[str, object]:
    """The constraint widgets; what they hold, as ``Constraints`` arguments (unchecked)."""
    keys = scenario.enabled_keys()
    off = lingual_multiselect(
        st,
        t("mix.option.switched_off", lang),
        keys,
        format_func=lambda k: t(f"strategy.{k}", lang),
        name=f"{NS}:off",
        locale=lang,
        placeholder=t("mix.option.switched_off.none", lang),
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
    objective = lingual_selectbox(
        left,
        t("mix.option.objective", lang),
        UI_OBJECTIVES,
        format_func=lambda o: objective_label(o, lang),
        name=f"{NS}:objective",
        locale=lang,
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
