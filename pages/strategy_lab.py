"""Strategy Lab: move the drivers of each strategy and see ROI, payback and cash change."""

from __future__ import annotations

import streamlit as st

from core.analysis.plausibility import findings
from core.model.strategies import REGISTRY
from core.text.catalog import Locale, t
from core.text.findings import finding_text
from core.text.kpis import plan_lines
from core.text.labels import scenario_title
from core.text.safe import markdown_literal
from pages.components import style
from pages.components.analysis_view import analysis_view
from pages.components.cache import evaluated, plausible, preset_keys
from pages.components.change_notice import change_notice
from pages.components.charts import cumulative_cash_figure
from pages.components.inputs import business_inputs
from pages.components.kpis import kpi_grid
from pages.components.paint import let_out, plotly
from pages.components.preset_picker import preset_picker
from pages.components.reference import formulas_section, sources_section
from pages.components.scenario_file import scenario_file_box
from pages.components.scenario_state import (
    ScenarioState,
    link_problem_text,
    scenario_state,
    write_url,
)
from pages.components.session import locale, require_shell
from pages.components.strategy_panel import strategy_panel


@st.fragment
def lab_body(state: ScenarioState, lang: Locale) -> None:
    """Everything a strategy slider changes; a slider move reruns only this fragment."""
    for problem in state.sync(lang):
        st.error(problem)
    scenario = state.scenario()
    write_url(state)
    result = evaluated(scenario)
    with st.container(border=True):
        name = markdown_literal(scenario_title(scenario.name, preset_keys(), lang))
        st.markdown(f"### {t('kpi.total', lang)} · {name}")
        kpi_grid(result.total.metrics, lang, per_row=6)
        st.caption(plan_lines(result, lang))
        for finding in findings(result, scenario, plausible()):
            st.warning(finding_text(finding, lang), icon="⚠️")
    let_out()
    for column, spec in zip(st.columns(len(REGISTRY)), REGISTRY, strict=True):
        with column:
            strategy_panel(spec, result, state, lang)
    if not result.strategies:
        st.warning(t("chart.empty", lang))
        return
    cash = cumulative_cash_figure(result.strategies, result.total, lang)
    plotly(cash)
    analysis_view(scenario, result, lang)


def render() -> None:
    """The Strategy Lab page."""
    require_shell()
    lang = locale()
    style.apply()
    state = scenario_state()
    state.sync(lang)
    st.title(t("nav.strategy_lab", lang))
    st.caption(t("app.tagline", lang))
    for problem in link_problem_text(state, lang):
        st.warning(problem)
    lab_body(state, lang)
    with st.sidebar:  # drawn after the KPIs, so they reach the browser first
        preset_picker(state, lang)
        change_notice(state, lang)
        business_inputs(state, lang)
        scenario_file_box(state, lang)
    formulas_section(lang)
    sources_section(lang)


render()
