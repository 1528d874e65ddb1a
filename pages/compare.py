"""Compare: 2–4 saved scenarios (or the one being edited) side by side — KPIs and their
changes, cumulative cash, and the assumptions that differ; manage the saved scenarios."""

from __future__ import annotations

import streamlit as st

from core.text.catalog import t
from pages.components import style
from pages.components.compare_views import comparison, plan_picker
from pages.components.scenario_state import link_problem_text, scenario_state, write_url
from pages.components.session import locale, require_shell
from pages.components.store_views import library, save_box


def render() -> None:
    """The Compare page."""
    require_shell()
    lang = locale()
    style.apply()
    state = scenario_state()
    state.sync(lang)
    st.title(t("nav.compare", lang))
    for problem in link_problem_text(state, lang):
        st.warning(problem)
    write_url(state)
    st.caption(t("compare.tagline", lang))
    plans = plan_picker(state, lang)
    if len(plans) < 2:
        st.info(t("compare.need_two", lang))
    else:
        comparison(plans, lang)
    with st.expander(t("store.library", lang), expanded=True):
        library(state, lang)
    with st.sidebar:
        save_box(state, lang)
        st.page_link("pages/mix_planner.py", label=t("nav.mix_planner", lang))


render()
