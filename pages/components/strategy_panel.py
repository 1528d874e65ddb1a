"""One strategy's panel: its switch, its KPIs and the sliders of its drivers."""

from __future__ import annotations

import streamlit as st

from core.model.engine import ScenarioResult
from core.model.paths import strategy_driver_paths
from core.model.strategies import StrategySpec
from core.text.catalog import Locale, t
from core.text.formatting import format_percent
from pages.components.inputs import driver_input, switch_input
from pages.components.kpis import kpi_grid
from pages.components.scenario_state import ScenarioState

NS = "lab"


def strategy_panel(
    spec: StrategySpec, result: ScenarioResult, state: ScenarioState, locale: Locale
) -> None:
    """Switch, KPIs (two per row) and driver sliders: the headline drivers, and the rest
    once "more assumptions" is switched on (sliders not drawn are not sent to the browser,
    which keeps a rerun quick)."""
    key = spec.key
    with st.container(border=True):
        st.subheader(t(f"strategy.{key}", locale))
        st.caption(t(f"strategy.{key}.help", locale))
        enabled = switch_input(state, f"{key}.enabled", "field.enabled", locale)
        projection = result.strategies.get(key)
        if projection is None:
            st.info(t("lab.disabled", locale))
        else:
            kpi_grid(projection.metrics, locale, per_row=2)
            share = result.shares[key].net_revenue
            if share is not None and len(result.strategies) > 1:
                st.caption(t("kpi.share", locale, share=format_percent(share)))
        paths = strategy_driver_paths(key)
        headline = [p for p in paths if p.partition(".")[2] in spec.headline_drivers]
        for path in headline:
            driver_input(state, path, locale, disabled=not enabled)
        if st.toggle(t("lab.more_assumptions", locale), key=f"{NS}:more:{key}"):
            for path in paths:
                if path not in headline:
                    driver_input(state, path, locale, disabled=not enabled)
