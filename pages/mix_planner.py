"""Mix Planner: split a monthly budget across the strategies, optimise the split under real
constraints, see the efficient frontier, and find what budget reaches a target."""

from __future__ import annotations

import streamlit as st

from core.text.catalog import t
from pages.components import style
from pages.components.apply_undo import undo_button
from pages.components.cache import evaluated
from pages.components.frontier_views import frontier_panel, max_budget_input, target_panel
from pages.components.mix_views import budget_editor, mix_summary
from pages.components.optimiser_result import optimiser_outcome
from pages.components.optimiser_views import optimiser_settings, run_optimiser
from pages.components.scenario_state import link_problem_text, scenario_state, write_url
from pages.components.session import locale, require_shell
from pages.components.store_views import save_box


def render() -> None:
    """The Mix Planner page."""
    require_shell()
    lang = locale()
    style.apply()
    state = scenario_state()
    problems = state.sync(lang)
    write_url(state)
    scenario = state.scenario()
    st.title(t("nav.mix_planner", lang))
    st.caption(t("mix.tagline", lang))
    for problem in [*link_problem_text(state, lang), *problems]:
        st.warning(problem)
    with st.container(border=True):
        st.subheader(t("mix.section.mix", lang))
        budget_editor(state, lang)
        mix_summary(scenario, evaluated(scenario), lang)
    with st.container(border=True):
        st.subheader(t("mix.section.optimise", lang))
        settings = optimiser_settings(scenario, lang)
        if settings is not None:
            run_optimiser(scenario, settings, lang)
        optimiser_outcome(state, lang)
        undo_button(state, lang)
    if settings is not None and scenario.enabled_keys():
        with st.container(border=True):
            st.subheader(t("mix.section.frontier", lang))
            max_budget = max_budget_input(scenario, lang)
            frontier_panel(scenario, settings, max_budget, lang)
        with st.container(border=True):
            st.subheader(t("mix.section.target", lang))
            target_panel(state, settings, max_budget, lang)
    with st.sidebar:
        save_box(state, lang)
        st.page_link("pages/compare.py", label=t("nav.compare", lang))


render()
