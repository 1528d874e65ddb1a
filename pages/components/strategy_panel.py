"""One strategy's panel: its switch, its KPIs and the inputs of its drivers."""

from __future__ import annotations

import streamlit as st

from core.model.engine import ScenarioResult
from core.model.paths import EditableField, editable_fields
from core.model.strategies import StrategySpec
from core.text.catalog import Locale, t
from core.text.formatting import format_percent
from core.text.kpis import customers_line, npv_sign_line, relapse_line
from pages.components.inputs import choice_input, driver_input, switch_input
from pages.components.kpis import kpi_grid
from pages.components.scenario_state import ScenarioState

NS = "lab"


def field_input(
    state: ScenarioState, field: EditableField, locale: Locale, *, disabled: bool
) -> None:
    """The widget for one editable field (slider, choice or switch)."""
    if field.kind == "driver":
        driver_input(state, field.path, locale, disabled=disabled)
    elif field.kind == "choice":
        prefix = field.path.partition(".")[2]
        choice_input(state, field.path, field.options, prefix, locale, disabled=disabled)
    else:
        switch_input(state, field.path, f"field.{field.path}", locale, disabled=disabled)


def strategy_panel(
    spec: StrategySpec, result: ScenarioResult, state: ScenarioState, locale: Locale
) -> None:
    """Switch, KPIs (two per row), the customer line and the inputs: choices and headline
    drivers first, the rest once "more assumptions" is on (inputs not drawn are not sent
    to the browser, which keeps a rerun quick). Drivers that the strategy's choices make
    irrelevant (e.g. CPM when buying per click) are not shown."""
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
            st.caption(customers_line(projection.metrics, locale))
            for line in (relapse_line, npv_sign_line):
                if (text := line(projection.metrics, locale)) is not None:
                    st.caption(text)
            share = result.shares[key].net_revenue
            if share is not None and len(result.strategies) > 1:
                st.caption(t("kpi.share", locale, share=format_percent(share)))
        inactive = spec.inactive_drivers(state.scenario().strategy(key))
        fields = [
            f
            for f in editable_fields(key, spec.assumptions)
            if f.path.partition(".")[2] not in inactive
        ]
        first = [
            f
            for f in fields
            if f.kind != "driver" or f.path.partition(".")[2] in spec.headline_drivers
        ]
        for field in first:
            field_input(state, field, locale, disabled=not enabled)
        if st.toggle(t("lab.more_assumptions", locale), key=f"{NS}:more:{key}"):
            for field in fields:
                if field not in first:
                    field_input(state, field, locale, disabled=not enabled)
