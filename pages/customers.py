"""Customers: customer value from the user's own orders, and calibration of the scenario."""

from __future__ import annotations

import streamlit as st

from core.text.catalog import t
from pages.components import style
from pages.components.change_notice import change_notice
from pages.components.customer_views import (
    calibration_box,
    choose_orders,
    clv_view,
    cohort_view,
    headline,
    run_analysis,
    run_line,
    segments_view,
)
from pages.components.inputs import lingual_selectbox
from pages.components.scenario_state import link_problem_text, scenario_state, write_url
from pages.components.session import locale, require_shell

TIME_UNITS = ("week", "day", "month")


def render() -> None:
    """The Customers page."""
    require_shell()
    lang = locale()
    style.apply()
    state = scenario_state()
    state.sync(lang)
    st.title(t("nav.customers", lang))
    for problem in link_problem_text(state, lang):
        st.warning(problem)
    write_url(state)
    st.caption(t("cust.intro", lang))
    chosen = choose_orders(lang)
    if chosen is None:
        return
    unit = lingual_selectbox(
        st,
        t("cust.time_unit", lang),
        TIME_UNITS,
        format_func=lambda u: t(f"cust.unit.{u}", lang),
        name="cust:unit",
        locale=lang,
    )
    analysed = run_analysis(chosen, unit, lang)
    if analysed is None:
        return
    report, value = analysed
    run_line(report, lang)
    headline(report, lang)
    segments_view(report, lang)
    cohort_view(report, lang)
    clv_view(value, lang)
    calibration_box(state, report, lang)
    change_notice(state, lang)


render()
