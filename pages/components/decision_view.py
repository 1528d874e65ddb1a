"""Views of the decision: the fit profile inputs, score weights, scores side by side,
recommendations and risks, and the export buttons. Texts from ``core.text.decision``."""

from __future__ import annotations

import streamlit as st

from core.analysis.decision import Decision
from core.analysis.scores import COMPONENTS, DEFAULT_WEIGHTS, Weights
from core.model.vocab import BUSINESS_SIZES, CATEGORIES, DATA_MATURITIES, TEAM_SIZES
from core.text.catalog import Locale, t
from core.text.decision import (
    component_name,
    explanation,
    headline_texts,
    recommendation_text,
    register_risk_text,
    score_text,
    strategy_name,
    value_text,
)
from pages.components.cache import exports
from pages.components.inputs import choice_input, driver_input
from pages.components.scenario_state import ScenarioState

WEIGHT_NS = "summary:weight"
TOP = 3


def fit_profile(state: ScenarioState, lang: Locale) -> None:
    """The business profile the fit and cash scores read (sidebar)."""
    st.subheader(t("summary.profile", lang), help=t("summary.profile.help", lang))
    choice_input(state, "business.size", BUSINESS_SIZES, "size", lang)
    choice_input(state, "business.category", CATEGORIES, "category", lang)
    choice_input(state, "business.team", TEAM_SIZES, "team", lang)
    choice_input(state, "business.data_maturity", DATA_MATURITIES, "data_maturity", lang)
    driver_input(state, "business.fundable_cash", lang)


def slider_default(name: str) -> int:
    """Where component ``name``'s weight slider starts (its default weight × 100)."""
    return round(DEFAULT_WEIGHTS[name] * 100)


def default_weights() -> Weights:
    """The weights of untouched sliders: what a first visit scores with."""
    return Weights.model_validate({name: slider_default(name) for name in COMPONENTS})


def current_weights() -> Weights:
    """The weights as last set on the summary page (the defaults before any change)."""
    values = {
        name: st.session_state.get(f"{WEIGHT_NS}:{name}", slider_default(name))
        for name in COMPONENTS
    }
    return Weights.model_validate(values)


def weight_inputs(lang: Locale) -> Weights:
    """Five sliders (0–100) for the component weights, in an expander; defaults ×100."""
    values: dict[str, float] = {}
    with st.expander(t("summary.weights", lang)):
        st.caption(t("summary.weights.help", lang))
        for column, name in zip(st.columns(len(COMPONENTS)), COMPONENTS, strict=True):
            values[name] = column.slider(
                component_name(name, lang),
                0,
                100,
                slider_default(name),
                step=5,
                key=f"{WEIGHT_NS}:{name}",
            )
        weights = Weights.model_validate(values)
        if weights.all_zero:
            st.info(t("summary.weights.all_zero", lang))
    return weights


def headline(decision: Decision, lang: Locale) -> None:
    """The recommended mix's NPV, ROI, payback, peak cash and P(loss) as tiles."""
    for column, (label, value) in zip(st.columns(5), headline_texts(decision, lang), strict=True):
        column.metric(label, value)


def score_columns(decision: Decision, lang: Locale) -> None:
    """One column per strategy: its score, its components and what moved it."""
    keys = [k for k in decision.scores if k != "total"]
    for column, key in zip(st.columns(max(len(keys), 1)), keys, strict=False):
        score = decision.scores[key]
        with column.container(border=True):
            st.metric(strategy_name(key, lang), score_text(score.score))
            parts = [f"{component_name(n, lang)} {score.components[n]:.0f}" for n in COMPONENTS]
            st.caption(" · ".join(parts))
            st.caption(explanation(score, lang))


def advice(decision: Decision, lang: Locale) -> None:
    """Top recommendations and top risks side by side."""
    left, right = st.columns(2)
    with left:
        st.subheader(t("summary.top_recommendations", lang))
        actions = decision.actions()[:TOP]
        for rank, item in enumerate(actions, start=1):
            value = value_text(item, lang)
            st.markdown(
                f"{rank}. {recommendation_text(item, lang)}" + (f" **{value}**" if value else "")
            )
        if not actions:
            st.caption(t("summary.no_recommendations", lang))
    with right:
        st.subheader(t("summary.top_risks", lang))
        risks = decision.warnings()[:TOP]
        for item in risks:
            st.warning(recommendation_text(item, lang), icon="⚠️")
        for assessment in decision.register:
            st.text(register_risk_text(assessment, lang))
        if not risks and not decision.register:
            st.caption(t("summary.no_risks", lang))


def downloads(decision: Decision, weights: Weights, lang: Locale) -> None:
    """Download buttons for the workbook and the one-pager."""
    xlsx, html = exports(decision.scenario, weights, lang)
    st.subheader(t("summary.downloads", lang))
    left, right = st.columns(2)
    left.download_button(
        t("summary.download.xlsx", lang),
        xlsx,
        file_name="monetization-summary.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="summary:download:xlsx",
        on_click="ignore",  # a download needs no rerun of the summary
    )
    right.download_button(
        t("summary.download.html", lang),
        html,
        file_name="monetization-summary.html",
        mime="text/html",
        key="summary:download:html",
        on_click="ignore",
    )
