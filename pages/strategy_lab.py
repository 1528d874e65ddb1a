"""Strategy Lab: move the drivers of each strategy and see ROI, payback and cash change."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.business import BUSINESS_SIZES, CATEGORIES
from core.editing import driver_spec_map, unflatten
from core.evaluate import ScenarioResult, evaluate
from core.fields import driver_specs
from core.finance import Metrics
from core.formatting import format_driver, format_money, format_percent, format_ratio
from core.i18n import Locale, t
from core.presets import PresetAssumptions, apply_preset, load_presets
from core.scenario import ScenarioBase, scenario_to_json
from core.sensitivity import break_evens, tornado
from core.strategies import REGISTRY, StrategySpec
from pages import style
from pages.charts import cumulative_cash_figure, funnel_figure, tornado_figure
from pages.data_access import preset_values
from pages.state import (
    UPLOAD_KEY,
    canonical_values,
    current_scenario,
    load_scenario,
    load_uploaded_scenario,
    locale,
    require_shell,
    reset_to_defaults,
    upload_feedback,
    widget_key,
)
from pages.widgets import choice_widget, driver_slider, label_for, optional_driver_slider

KPI_KEYS = ("net_revenue", "contribution", "roi", "roas", "npv", "payback")


def kpi_texts(m: Metrics, lang: Locale) -> dict[str, str]:
    """The six headline KPIs of a strategy or the total, formatted for ``lang``."""
    payback = (
        t("payback.month", lang, month=m.payback_month)
        if m.payback_month is not None
        else t("payback.none", lang)
    )
    return {
        "net_revenue": format_money(m.net_revenue, lang),
        "contribution": format_money(m.contribution, lang),
        "roi": format_percent(m.roi) if m.roi is not None else t("value.na", lang),
        "roas": format_ratio(m.roas) if m.roas is not None else t("value.na", lang),
        "npv": format_money(m.npv, lang),
        "payback": payback,
    }


def kpi_grid(m: Metrics, lang: Locale, per_row: int) -> None:
    """KPIs as ``st.metric`` tiles, ``per_row`` to a row, each with its formula as help."""
    texts = kpi_texts(m, lang)
    for start in range(0, len(KPI_KEYS), per_row):
        for column, key in zip(
            st.columns(per_row), KPI_KEYS[start : start + per_row], strict=False
        ):
            column.metric(t(f"kpi.{key}", lang), texts[key], help=t(f"formula.{key}", lang))


def sidebar_business(lang: Locale) -> None:
    """Business basics and the scenario file controls in the sidebar."""
    with st.sidebar:
        st.subheader(t("sidebar.business", lang))
        st.text_input(t("field.name", lang), key=widget_key("name"), max_chars=200)
        choice_widget("business.size", BUSINESS_SIZES, "size", lang)
        choice_widget("business.category", CATEGORIES, "category", lang)
        driver_slider("business.gross_margin", lang)
        driver_slider("business.return_rate", lang)
        st.slider(t("field.horizon_months", lang), 1, 120, key=widget_key("horizon_months"))
        driver_slider("annual_discount_rate", lang)


PRESET_APPLIED_KEY = "preset_applied"


def _apply_preset(key: str | None) -> None:
    """Callback: fill the scenario being edited from preset ``key``'s benchmark values."""
    if key is None:
        return
    result = preset_values(key)
    load_scenario(apply_preset(unflatten(canonical_values()), result))
    st.session_state[PRESET_APPLIED_KEY] = key


def sidebar_preset(lang: Locale) -> None:
    """Pick a business preset and fill the scenario from the benchmark table."""
    with st.sidebar:
        st.subheader(t("preset.title", lang))
        choice = st.selectbox(
            t("preset.choose", lang),
            [p.key for p in load_presets()],
            format_func=lambda key: t(f"preset.{key}", lang),
            index=None,
            placeholder=t("preset.placeholder", lang),
            key=f"preset_choice@{lang}",
        )
        st.button(
            t("preset.apply", lang),
            on_click=_apply_preset,
            args=(choice,),
            disabled=choice is None,
            width="stretch",
        )
        applied = st.session_state.get(PRESET_APPLIED_KEY)
        if applied:
            preset_provenance(preset_values(applied), lang)


def preset_provenance(result: PresetAssumptions, lang: Locale) -> None:
    """What the applied preset filled, with the benchmark rows behind each value."""
    name = t(result.preset.label_key, lang)
    st.success(t("preset.applied", lang, name=name, count=len(result.values)))
    specs = driver_spec_map()
    with st.expander(t("preset.provenance", lang)):
        rows = [
            {
                t("lab.sources.field", lang): t(f"field.{path}", lang),
                t("preset.col.value", lang): format_driver(est.value, specs[path], lang),
                t("preset.col.range", lang): f"{format_driver(est.low, specs[path], lang)} – "
                f"{format_driver(est.high, specs[path], lang)}",
                t("preset.col.level", lang): t(f"preset.level.{est.fallback_level}", lang),
                t("preset.col.rows", lang): ", ".join(est.row_ids),
            }
            for path, est in result.values.items()
        ]
        st.dataframe(pd.DataFrame(rows), hide_index=True)
        if result.missing:
            fields = ", ".join(t(f"field.{path}", lang) for path in result.missing)
            st.caption(t("preset.missing", lang, fields=fields))


def sidebar_scenario_file(scenario: ScenarioBase, lang: Locale) -> None:
    """Download the scenario as JSON, upload one, or reset to defaults."""
    with st.sidebar:
        st.subheader(t("sidebar.scenario", lang))
        st.download_button(
            t("scenario.download", lang),
            data=scenario_to_json(scenario).encode("utf-8"),
            file_name="scenario.json",
            mime="application/json",
            width="stretch",
        )
        st.file_uploader(
            t("scenario.upload", lang),
            type=["json"],
            key=UPLOAD_KEY,
            on_change=load_uploaded_scenario,
        )
        feedback = upload_feedback()
        if feedback is not None:
            body = "\n".join(f"- {line}" for line in feedback.messages(lang))
            if feedback.ok:
                st.success(body)
            else:
                st.error(f"{t('scenario.invalid', lang)}\n\n{body}")
        st.button(t("scenario.reset", lang), on_click=reset_to_defaults, width="stretch")


def strategy_panel(spec: StrategySpec, result: ScenarioResult, lang: Locale) -> None:
    """Switch, KPIs and driver sliders of one strategy."""
    key = spec.key
    with st.container(border=True):
        st.subheader(t(f"strategy.{key}", lang))
        st.caption(t(f"strategy.{key}.help", lang))
        enabled = st.toggle(t("field.enabled", lang), key=widget_key(f"{key}.enabled"))
        projection = result.strategies.get(key)
        if projection is None:
            st.info(t("lab.disabled", lang))
        else:
            kpi_grid(projection.metrics, lang, per_row=2)
            share = result.shares[key].net_revenue
            if share is not None and len(result.strategies) > 1:
                st.caption(t("kpi.share", lang, share=format_percent(share)))
        names = [s.name for s in driver_specs(spec.assumptions)]
        headline = [n for n in names if n in spec.headline_drivers]
        rest = [n for n in names if n not in spec.headline_drivers]
        for name in headline:
            _driver_widget(f"{key}.{name}", lang, disabled=not enabled)
        with st.expander(t("lab.more_assumptions", lang)):
            for name in rest:
                _driver_widget(f"{key}.{name}", lang, disabled=not enabled)


def _driver_widget(path: str, lang: Locale, *, disabled: bool) -> None:
    if driver_spec_map()[path].nullable:
        optional_driver_slider(path, "saturation.off", lang, disabled=disabled)
    else:
        driver_slider(path, lang, disabled=disabled)


def analysis_section(scenario: ScenarioBase, result: ScenarioResult, lang: Locale) -> None:
    """Funnel, tornado and break-even values for one chosen strategy."""
    keys = list(result.strategies)
    choice = st.segmented_control(
        t("chart.select_strategy", lang),
        keys,
        format_func=lambda k: t(f"strategy.{k}", lang),
        key="analysis_strategy",
        default=keys[0],
        required=True,
    )
    key = choice if choice in keys else keys[0]
    projection = result.strategies[key]
    left, right = st.columns([2, 3])
    left.plotly_chart(funnel_figure(projection, key, lang), width="stretch")
    bars = tornado(scenario, key)
    right.plotly_chart(tornado_figure(bars, projection.metrics.npv, lang), width="stretch")
    rows = []
    for be in break_evens(scenario, key):
        spec = be.driver.spec
        rows.append(
            {
                t("breakeven.driver", lang): label_for(be.driver.path, spec, lang),
                t("breakeven.current", lang): format_driver(be.current, spec, lang),
                t("breakeven.value", lang): format_driver(be.value, spec, lang)
                if be.value is not None
                else t("breakeven.none", lang),
            }
        )
    st.markdown(f"**{t('breakeven.title', lang)}**")
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def formulas_section(lang: Locale) -> None:
    """One "how is this computed" expander per KPI."""
    st.markdown(f"#### {t('formula.title', lang)}")
    columns = st.columns(3)
    for i, key in enumerate(KPI_KEYS):
        with columns[i % 3].expander(t(f"kpi.{key}", lang)):
            st.write(t(f"formula.{key}", lang))


def sources_section(lang: Locale) -> None:
    """Every default value with its source, year and quality tag."""
    with st.expander(t("lab.sources", lang)):
        rows = []
        for path, spec in driver_spec_map().items():
            rows.append(
                {
                    t("lab.sources.field", lang): t(f"field.{path}", lang),
                    t("lab.sources.default", lang): format_driver(spec.default, spec, lang),
                    t("lab.sources.source", lang): spec.provenance.source,
                    t("lab.sources.year", lang): spec.provenance.year,
                    t("lab.sources.quality", lang): t(f"quality.{spec.provenance.quality}", lang),
                }
            )
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def render() -> None:
    """The Strategy Lab page."""
    require_shell()
    lang = locale()
    style.apply()
    scenario, problems = current_scenario()
    sidebar_preset(lang)
    sidebar_business(lang)
    st.title(t("nav.strategy_lab", lang))
    st.caption(t("app.tagline", lang))
    for problem in problems:
        st.error(problem)
    result = evaluate(scenario)
    sidebar_scenario_file(scenario, lang)

    with st.container(border=True):
        st.markdown(f"### {t('kpi.total', lang)} · {scenario.name}")
        kpi_grid(result.total.metrics, lang, per_row=6)

    for column, spec in zip(st.columns(len(REGISTRY)), REGISTRY, strict=True):
        with column:
            strategy_panel(spec, result, lang)

    if not result.strategies:
        st.warning(t("chart.empty", lang))
    else:
        st.plotly_chart(
            cumulative_cash_figure(result.strategies, result.total, lang), width="stretch"
        )
        analysis_section(scenario, result, lang)
    formulas_section(lang)
    sources_section(lang)


render()
