"""The mix being edited: each strategy's switch, its monthly amount (as an amount or as a
share of a total) and its one-off setup; the plan's KPIs and its value next to the sum of
its parts.

Amounts are the scenario's own lever sliders (keyed like the Strategy Lab's, read back by
:meth:`ScenarioState.sync`). Shares edit a total and one weight per strategy; a change
splits the total by the weights (:func:`core.analysis.mix.split_budget`) and loads the
result (``state.load``), so every widget is re-created with the new amounts.
"""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from core.analysis.mix import allocation_of, shares_of, split_budget, with_allocation
from core.model.engine import ScenarioResult, lever_path
from core.model.paths import driver_spec, driver_spec_map
from core.model.scenario import ScenarioBase
from core.model.strategies import REGISTRY
from core.text.catalog import Locale, t
from core.text.display import from_display, to_display
from core.text.errors import describe_validation_error
from core.text.formatting import format_money
from core.text.kpis import plan_lines
from core.text.mix import allocation_text
from pages.components.cache import mix_parts
from pages.components.inputs import driver_input, switch_input
from pages.components.kpis import kpi_grid
from pages.components.mix_charts import parts_figure
from pages.components.paint import plotly
from pages.components.scenario_state import ScenarioState

NS = "mix"
MODES = ("amounts", "shares")
MODE_KEY = f"{NS}:mode"
SHARES_ERROR_KEY = f"{NS}:shares_error"
"""The last split the levers refused (a pydantic error, described in the page's language)."""
SHARE_STEP = 0.1
"""Shares are shown in percent, to a tenth of a percent."""


def money_spec_path() -> str:
    """A monthly-amount driver whose display scale money inputs share (万 in Chinese)."""
    return lever_path(REGISTRY[0].key)


def shown_money(value: float, lang: Locale) -> float:
    """Yuan → the number a money input shows (万元 in Chinese, yuan in English)."""
    return to_display(driver_spec(money_spec_path()), value, lang)


def model_money(shown: float, lang: Locale) -> float:
    """What a money input shows → yuan."""
    return from_display(driver_spec(money_spec_path()), shown, lang)


def money_input(
    label: str,
    value: float | None,
    key: str,
    lang: Locale,
    *,
    monthly: bool = True,
    **kwargs: object,
) -> None:
    """A number input for money, its unit in the label: 万元/月 or ¥ per month (``monthly``),
    else 万元 or ¥."""
    step = 0.5 if lang == "zh-CN" else 5_000.0
    unit = t("mix.money_unit" if monthly else "mix.money_total_unit", lang)
    st.number_input(
        f"{label} ({unit})",
        min_value=0.0,
        value=None if value is None else shown_money(value, lang),
        step=step,
        format="%.2f" if lang == "zh-CN" else "%.0f",
        key=key,
        **kwargs,  # type: ignore[arg-type]
    )


def _keys(state: ScenarioState, lang: Locale) -> tuple[str, dict[str, str]]:
    suffix = f"@{lang}#{state.generation}"
    shares = {spec.key: f"{NS}:share:{spec.key}{suffix}" for spec in REGISTRY}
    return f"{NS}:total{suffix}", shares


def _apply_shares(state: ScenarioState, lang: Locale) -> None:
    total_key, share_keys = _keys(state, lang)
    scenario = state.scenario()
    shown = st.session_state.get(total_key)
    total = model_money(float(shown), lang) if shown is not None else 0.0
    weights = {k: float(st.session_state.get(share_keys[k], 0.0)) for k in scenario.enabled_keys()}
    try:
        split = with_allocation(scenario, split_budget(total, weights))
    except ValidationError as exc:  # a share above a lever's limit (¥100M a month)
        st.session_state[SHARES_ERROR_KEY] = exc  # told in the language of the next run
        return
    st.session_state.pop(SHARES_ERROR_KEY, None)
    state.load(split)


def budget_editor(state: ScenarioState, lang: Locale) -> None:
    """Switch, monthly amount (or share) and one-off setup of every strategy."""
    mode = st.segmented_control(
        t("mix.mode", lang),
        MODES,
        format_func=lambda m: t(f"mix.mode.{m}", lang),
        key=MODE_KEY,
        default=MODES[0],
        required=True,
    )
    scenario = state.scenario()
    allocation = allocation_of(scenario)
    total_key, share_keys = _keys(state, lang)
    if mode == "shares":
        if (problem := st.session_state.get(SHARES_ERROR_KEY)) is not None:
            st.error("\n\n".join(describe_validation_error(problem, lang, with_path=False)))
        money_input(
            t("mix.option.total_budget", lang),
            sum(allocation.values()),
            total_key,
            lang,
            on_change=_apply_shares,
            args=(state, lang),
        )
    shares = shares_of(allocation)
    for column, spec in zip(st.columns(len(REGISTRY)), REGISTRY, strict=True):
        with column:
            st.markdown(f"**{t(f'strategy.{spec.key}', lang)}**")
            on = switch_input(state, f"{spec.key}.enabled", "field.enabled", lang)
            if mode == "amounts" or not on:
                driver_input(state, lever_path(spec.key), lang, disabled=not on)
            else:
                st.slider(
                    t("mix.share", lang),
                    0.0,
                    100.0,
                    value=round(100.0 * shares.get(spec.key, 0.0), 1),
                    step=SHARE_STEP,
                    format="%.1f%%",
                    key=share_keys[spec.key],
                    on_change=_apply_shares,
                    args=(state, lang),
                )
            setup = f"{spec.key}.setup_cost"
            if setup in driver_spec_map():
                driver_input(state, setup, lang, disabled=not on)


def mix_summary(scenario: ScenarioBase, result: ScenarioResult, lang: Locale) -> None:
    """The monthly budget and its split, the one-off setup, the plan's KPIs, and its NPV
    next to the sum of its parts."""
    allocation = allocation_of(scenario)
    st.markdown(
        t(
            "mix.summary",
            lang,
            total=format_money(sum(allocation.values()), lang),
            split=allocation_text(allocation, lang) or t("mix.nothing", lang),
            setup=format_money(result.total.metrics.setup_cost, lang),
        )
    )
    if not result.strategies:
        st.warning(t("chart.empty", lang))
        return
    kpi_grid(result.total.metrics, lang, per_row=6)
    st.caption(plan_lines(result, lang))
    value = mix_parts(scenario)
    left, right = st.columns([3, 2])
    with left:
        plotly(parts_figure(value, lang))
    right.markdown(
        t(
            "mix.parts.caption",
            lang,
            parts=format_money(value.parts, lang),
            together=format_money(value.together, lang),
            flow=format_money(value.synergy, lang),
        )
    )
