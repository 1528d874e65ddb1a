"""The analysis of one chosen strategy: funnel, tornado and break-even values."""

from __future__ import annotations

import streamlit as st

from core.model.engine import ScenarioResult
from core.model.paths import driver_spec
from core.model.scenario import ScenarioBase
from core.text.catalog import Locale, t
from core.text.formatting import format_driver
from pages.components.cache import sensitivity
from pages.components.charts import funnel_figure, tornado_figure
from pages.components.inputs import label_for
from pages.components.paint import plotly

NS = "analysis"


def analysis_view(scenario: ScenarioBase, result: ScenarioResult, locale: Locale) -> None:
    """Pick a strategy; draw its funnel and tornado and list its break-even values."""
    keys = list(result.strategies)
    choice = st.segmented_control(
        t("chart.select_strategy", locale),
        keys,
        format_func=lambda k: t(f"strategy.{k}", locale),
        key=f"{NS}:strategy",
        default=keys[0],
        required=True,
    )
    key = choice if choice in keys else keys[0]
    projection = result.strategies[key]
    bars, break_evens = sensitivity(scenario, key)
    left, right = st.columns([2, 3])
    with left:
        plotly(funnel_figure(projection, key, locale))
    with right:
        plotly(tornado_figure(bars, projection.metrics.npv, locale))
    rows = []
    for be in break_evens:
        spec = driver_spec(be.path)
        value = (
            format_driver(be.value, spec, locale)
            if be.value is not None
            else t("breakeven.none", locale)
        )
        rows.append(
            {
                t("breakeven.driver", locale): label_for(be.path, spec, locale),
                t("breakeven.current", locale): format_driver(be.current, spec, locale),
                t("breakeven.value", locale): value,
            }
        )
    st.markdown(f"**{t('breakeven.title', locale)}**")
    st.dataframe(rows, hide_index=True, width="stretch")
