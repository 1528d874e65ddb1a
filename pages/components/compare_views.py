"""Side-by-side comparison of 2–4 plans (saved scenarios, optionally the one being edited):
KPIs with their change against the first plan, cumulative cash on one chart, and the
assumptions that differ, the cells that differ from the first plan highlighted."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from core.model.engine import ScenarioResult
from core.model.paths import flatten
from core.model.scenario import ScenarioBase
from core.text.catalog import Locale, t
from core.text.decision import score_change, score_text
from core.text.kpis import metric_text
from core.text.labels import field_label
from core.text.mix import field_value_text, metric_change
from pages.components.cache import evaluated, plan_score
from pages.components.decision_view import current_weights
from pages.components.mix_charts import cash_curves_figure
from pages.components.paint import plotly
from pages.components.scenario_state import ScenarioState
from pages.components.store_views import saved_picker

NS = "compare"
MAX_PLANS = 4
HIGHLIGHT = "background-color: #fef3c7; font-weight: 600"
COMPARED_KPIS: tuple[str, ...] = (
    "npv",
    "npv_horizon",
    "terminal_value",
    "gmv",
    "net_revenue",
    "gross_profit",
    "investment",
    "net_profit",
    "roi",
    "gmv_roas",
    "payback_month",
    "peak_cash_need",
    "new_customers",
    "cac",
    "ltv",
)


@dataclass(frozen=True)
class Plan:
    """A plan in the comparison: its label (plain text) and scenario."""

    label: str
    scenario: ScenarioBase


def plan_picker(state: ScenarioState, lang: Locale) -> list[Plan]:
    """Choose up to four saved scenarios and whether the one being edited comes first."""
    current = st.toggle(t("compare.include_current", lang), key=f"{NS}:current")
    chosen = saved_picker(
        t("compare.pick", lang),
        key=f"{NS}:pick",
        limit=MAX_PLANS,
        placeholder=t("compare.pick_placeholder", lang),
        lang=lang,
    )
    plans = [Plan(t("compare.current", lang), state.scenario())] if current else []
    plans += [Plan(name, scenario) for name, scenario in chosen]
    if len(plans) > MAX_PLANS:
        st.warning(t("compare.too_many", lang, count=MAX_PLANS))
        plans = plans[:MAX_PLANS]
    return _distinct(plans)


def _distinct(plans: list[Plan]) -> list[Plan]:
    """Plans whose labels are all different (a repeated label gets " (2)", " (3)", …)."""
    seen: set[str] = set()
    distinct = []
    for plan in plans:
        label, number = plan.label, 2
        while label in seen:
            label, number = f"{plan.label} ({number})", number + 1
        seen.add(label)
        distinct.append(Plan(label, plan.scenario))
    return distinct


def kpi_table(plans: list[Plan], results: list[ScenarioResult], lang: Locale) -> None:
    """A row per KPI: each plan's value, then each later plan's change against the first."""
    first = results[0].total.metrics
    rows = []
    for name in COMPARED_KPIS:
        row = {t("mix.col.kpi", lang): t(f"kpi.{name}", lang)}
        for plan, result in zip(plans, results, strict=True):
            row[plan.label] = metric_text(result.total.metrics, name, lang)
        for plan, result in zip(plans[1:], results[1:], strict=True):
            column = t("compare.change", lang, name=plan.label)
            row[column] = metric_change(name, first, result.total.metrics, lang)
        rows.append(row)
    rows.append(score_row(plans, lang))
    label = t("mix.col.kpi", lang)  # pinned and wide: the plans scroll past full labels
    config = {label: st.column_config.TextColumn(label, width="medium", pinned=True)}
    st.dataframe(rows, hide_index=True, width="stretch", height="content", column_config=config)


def score_row(plans: list[Plan], lang: Locale) -> dict[str, str]:
    """Each plan's overall score (0–100, the summary's weights) and its change."""
    weights = current_weights()
    scores = [plan_score(plan.scenario, weights) for plan in plans]
    row = {t("mix.col.kpi", lang): t("compare.score", lang)}
    for plan, score in zip(plans, scores, strict=True):
        row[plan.label] = score_text(score.score)
    for plan, score in zip(plans[1:], scores[1:], strict=True):
        row[t("compare.change", lang, name=plan.label)] = score_change(scores[0].score, score.score)
    return row


def cash_chart(plans: list[Plan], results: list[ScenarioResult], lang: Locale) -> None:
    """Each plan's cumulative cash on one chart."""
    curves = [(p.label, r.total.cumulative_cash) for p, r in zip(plans, results, strict=True)]
    plotly(cash_curves_figure(curves, "compare.cash_title", lang))


def _highlight(table: pd.DataFrame) -> pd.DataFrame:
    differs = table.iloc[:, 1:].ne(table.iloc[:, 1], axis=0)
    styles = pd.DataFrame("", index=table.index, columns=table.columns)
    styles.iloc[:, 1:] = differs.replace({True: HIGHLIGHT, False: ""})
    return styles


def assumption_diff(plans: list[Plan], lang: Locale) -> None:
    """The assumptions whose values differ between the plans, the cells that differ from
    the first plan highlighted."""
    values = [flatten(plan.scenario) for plan in plans]
    paths = [p for p in values[0] if p != "name" and len({repr(v.get(p)) for v in values}) > 1]
    st.markdown(f"**{t('compare.assumptions', lang, count=len(paths))}**")
    if not paths:
        st.caption(t("compare.same", lang))
        return
    field = t("lab.sources.field", lang)
    table = pd.DataFrame(
        [
            {
                field: field_label(path, lang),
                **{
                    p.label: field_value_text(path, v.get(path), lang)
                    for p, v in zip(plans, values, strict=True)
                },
            }
            for path in paths
        ]
    )
    st.dataframe(
        table.style.apply(_highlight, axis=None), hide_index=True, width="stretch", height="content"
    )


def comparison(plans: list[Plan], lang: Locale) -> None:
    """The whole comparison of 2–4 plans."""
    results = [evaluated(plan.scenario) for plan in plans]
    kpi_table(plans, results, lang)
    cash_chart(plans, results, lang)
    assumption_diff(plans, lang)
