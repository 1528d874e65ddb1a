"""Risk: how likely the plan is to lose money and how much, what could hit it, and what
mitigation buys — ranges on the drivers, risk events, the register and stress tests."""

from __future__ import annotations

import streamlit as st

from core.text.catalog import t
from core.text.labels import scenario_title
from core.text.safe import markdown_literal
from pages.components import style
from pages.components.cache import assessed_risks, evaluated, preset_keys
from pages.components.risk_register import matrix_section, register_editor, risk_focus
from pages.components.risk_views import (
    distribution,
    method_notes,
    mixes,
    risk_return,
    run,
    settings,
    stress_section,
    summary,
)
from pages.components.scenario_file import scenario_file_box
from pages.components.scenario_state import link_problem_text, scenario_state, write_url
from pages.components.session import locale, require_shell


def render() -> None:
    """The Risk page."""
    require_shell()
    lang = locale()
    style.apply()
    state = scenario_state()
    for problem in state.sync(lang):
        st.error(problem)
    st.title(t("nav.risk", lang))
    st.caption(t("risk.intro", lang))
    for problem in link_problem_text(state, lang):
        st.warning(problem)
    scenario = state.scenario()
    write_url(state)
    with st.sidebar:
        scenario_file_box(state, lang)
    if not scenario.enabled_keys():
        st.warning(t("chart.empty", lang))
        return
    if not evaluated(scenario).total.metrics.active:
        st.info(t("risk.idle", lang))
        risk_focus(state, lang)
        register_editor(state, lang)
        return
    setup = settings(lang)
    result = run(state, setup, lang)
    name = markdown_literal(scenario_title(scenario.name, preset_keys(), lang))
    st.markdown(f"### {t('risk.summary.heading', lang)} · {name}")
    summary(result, scenario, lang)
    distribution(result, lang)
    matrix_section(scenario, assessed_risks(scenario), setup.basis, lang)
    risk_focus(state, lang)
    register_editor(state, lang)
    stress_section(scenario, lang)
    st.markdown(f"### {t('risk.return.heading', lang)}")
    risk_return(result, mixes(scenario, lang), setup, lang)
    method_notes(lang)


render()
