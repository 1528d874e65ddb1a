"""Benchmarks: the cited industry figures behind every default, and the demo store."""

from __future__ import annotations

import streamlit as st

from core.text.catalog import t
from pages.components import style
from pages.components.benchmark_views import benchmark_table, copy_section, filters, ranges_chart
from pages.components.cache import benchmark_rows
from pages.components.demo_store_view import demo_store_view
from pages.components.scenario_state import link_problem_text, scenario_state, write_url
from pages.components.session import locale, require_shell


def render() -> None:
    """The Benchmarks page."""
    require_shell()
    lang = locale()
    style.apply()
    state = scenario_state()
    st.title(t("nav.benchmarks", lang))
    for problem in link_problem_text(state, lang):
        st.warning(problem)
    write_url(state)
    st.caption(t("bench.intro", lang))
    chosen = filters(lang)
    rows = benchmark_rows(chosen)
    if rows.empty:
        st.info(t("bench.empty", lang))
    else:
        benchmark_table(rows, lang)
        ranges_chart(rows, chosen, lang)
        copy_section(state, rows, lang)
    demo_store_view(lang)


render()
