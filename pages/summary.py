"""Executive summary: the verdict, the recommended mix, the strategies' scores, the top
recommendations and risks, cash over time, and the exports — read in a minute."""

from __future__ import annotations

import streamlit as st

from core.text.catalog import t
from core.text.decision import change_text, headline_notes, risk_basis_text, verdict_text
from core.text.labels import scenario_title
from core.text.safe import markdown_literal
from pages.components import style
from pages.components.cache import decision, preset_keys
from pages.components.charts import plan_cash_figure
from pages.components.decision_view import (
    advice,
    downloads,
    fit_profile,
    headline,
    score_columns,
    weight_inputs,
)
from pages.components.paint import plotly
from pages.components.scenario_state import link_problem_text, scenario_state, write_url
from pages.components.session import locale, require_shell

VERDICT_BOX = {
    "go": st.success,
    "caution": st.warning,
    "stop": st.error,
    "empty": st.info,
    "idle": st.info,
}


def render() -> None:
    """The executive summary page."""
    require_shell()
    lang = locale()
    style.apply()
    state = scenario_state()
    for problem in state.sync(lang):
        st.error(problem)
    scenario = state.scenario()
    write_url(state)
    name = markdown_literal(scenario_title(scenario.name, preset_keys(), lang))
    st.title(t("summary.title", lang))
    st.caption(t("summary.generated", lang, name=name, horizon=scenario.horizon_months))
    for problem in link_problem_text(state, lang):
        st.warning(problem)
    top, scores_area, weights_area, rest = (st.container() for _ in range(4))
    with weights_area:
        weights = weight_inputs(lang)
    chosen = decision(scenario, weights)
    with top:
        VERDICT_BOX[chosen.verdict](verdict_text(chosen, lang))
    if chosen.result.strategies:
        with top:
            st.subheader(t("summary.recommended", lang))
            headline(chosen, lang)
            st.caption(f"{change_text(chosen, lang)} {risk_basis_text(chosen, lang)}")
            for note in headline_notes(chosen, lang):
                st.caption(note)
        with scores_area:
            st.subheader(t("summary.scores", lang))
            score_columns(chosen, lang)
        with rest:
            advice(chosen, lang)
            cash = plan_cash_figure(chosen.result.total, chosen.recommended_result.total, lang)
            plotly(cash)
    with rest:
        downloads(chosen, weights, lang)
    with st.sidebar:
        fit_profile(state, lang)


render()
