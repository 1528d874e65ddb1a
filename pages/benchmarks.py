"""Benchmarks: the cited industry figures behind every default, and the demo store."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.datastore import (
    BENCHMARK_CATEGORIES,
    BENCHMARK_STRATEGIES,
    PLATFORMS,
    QUALITIES,
)
from core.editing import unflatten
from core.formatting import format_count, format_money, format_percent, format_ratio
from core.i18n import Locale, has, t
from core.presets import values_from_rows, with_field_values
from pages import style
from pages.charts import demo_channel_figure, range_figure
from pages.data_access import demo_channel_summary, demo_monthly_kpis, store
from pages.state import canonical_values, load_scenario, locale, require_shell

COPY_RESULT_KEY = "bench_copy_result"
Filters = dict[str, list[str] | list[int]]
COLUMNS = (
    "id",
    "metric",
    "value",
    "low",
    "high",
    "unit",
    "year",
    "platform",
    "strategy",
    "category",
    "quality",
    "source",
    "note",
)


def _label(prefix: str, value: str, lang: Locale) -> str:
    key = f"{prefix}.{value}"
    return t(key, lang) if has(key) else value


def filters(lang: Locale) -> Filters:
    """Multiselect filters; an empty selection means no filter."""
    everything = store().benchmarks()
    options: dict[str, tuple[object, ...]] = {
        "platform": PLATFORMS,
        "category": BENCHMARK_CATEGORIES,
        "strategy": BENCHMARK_STRATEGIES,
        "metric": tuple(sorted(everything["metric"].unique())),
        "year": tuple(sorted(int(y) for y in everything["year"].unique())),
        "quality": QUALITIES,
    }
    prefixes = {"category": "category", "strategy": "strategy", "quality": "quality"}
    chosen: Filters = {}
    columns = st.columns(3)
    for index, (name, values) in enumerate(options.items()):
        prefix = prefixes.get(name)
        chosen[name] = columns[index % 3].multiselect(
            t(f"bench.filter.{name}", lang),
            values,
            format_func=(lambda v, p=prefix: _label(p, str(v), lang)) if prefix else str,
            placeholder=t("bench.filter.all", lang),
            key=f"bench.{name}@{lang}",
        )
    return chosen


def benchmark_table(rows: pd.DataFrame, lang: Locale) -> None:
    """The filtered rows with source and quality, headed in the user's language."""
    st.caption(t("bench.rows", lang, count=len(rows)))
    shown = rows.loc[:, list(COLUMNS)].copy()
    shown["quality"] = [t(f"quality.{q}", lang) for q in shown["quality"]]
    shown.columns = [t(f"bench.col.{c}", lang) for c in COLUMNS]
    st.dataframe(shown, hide_index=True, width="stretch", height=360)


def ranges_chart(
    rows: pd.DataFrame, chosen: dict[str, list[str] | list[int]], lang: Locale
) -> None:
    """Low–high range per platform of one metric among the filtered rows."""
    metrics = sorted(rows["metric"].unique())
    default = metrics.index("cvr") if "cvr" in metrics else 0
    metric = st.selectbox(
        t("bench.chart.metric", lang), metrics, index=default, key=f"bench.chart@{lang}"
    )
    if metric is None:
        return
    ranges = store().metric_ranges(
        metric,
        platform=chosen["platform"] or None,
        category=chosen["category"] or None,
        strategy=chosen["strategy"] or None,
        year=chosen["year"] or None,
        quality=chosen["quality"] or None,
    )
    ranges = ranges.dropna(subset=["low", "high"])
    if ranges.empty:
        return
    st.plotly_chart(range_figure(ranges, metric, lang), width="stretch")


def _copy_rows(rows: pd.DataFrame) -> None:
    """Callback: put the chosen rows' medians into the scenario being edited."""
    values, unused = values_from_rows(rows)
    if values:
        load_scenario(with_field_values(unflatten(canonical_values()), values))
    st.session_state[COPY_RESULT_KEY] = (tuple(values), unused)


def copy_section(rows: pd.DataFrame, lang: Locale) -> None:
    """Pick rows and copy their figures into the current scenario."""
    st.markdown(f"#### {t('bench.copy.title', lang)}")
    by_id = rows.set_index("id")
    picked = st.multiselect(
        t("bench.copy.pick", lang),
        list(by_id.index),
        format_func=lambda rid: f"{rid} · {_point_text(by_id.loc[rid])}",
        placeholder=t("bench.copy.pick", lang),
        key=f"bench.pick@{lang}",
    )
    st.button(
        t("bench.copy.button", lang),
        on_click=_copy_rows,
        args=(rows[rows["id"].isin(picked)],),
        disabled=not picked,
        type="primary",
    )
    result = st.session_state.get(COPY_RESULT_KEY)
    if result:
        fields, unused = result
        if fields:
            names = (
                "、".join(t(f"field.{p}", lang) for p in fields)
                if lang == "zh-CN"
                else ", ".join(t(f"field.{p}", lang) for p in fields)
            )
            st.success(t("bench.copy.done", lang, fields=names))
        else:
            st.warning(t("bench.copy.none", lang))
        if unused:
            st.caption(t("bench.copy.unused", lang, ids=", ".join(unused)))


def _point_text(row: pd.Series) -> str:
    value, low, high = row["value"], row["low"], row["high"]
    if pd.notna(value):
        return f"{value:g} {row['unit']}"
    return (
        f"{'' if pd.isna(low) else f'{low:g}'}–{'' if pd.isna(high) else f'{high:g}'} {row['unit']}"
    )


def demo_store_section(lang: Locale) -> None:
    """Monthly GMV, spend and ROAS by channel of the synthetic demo store."""
    st.markdown(f"### {t('demo.title', lang)}")
    st.caption(t("demo.caption", lang))
    kpis = demo_monthly_kpis()
    left, right = st.columns(2)
    left.plotly_chart(demo_channel_figure(kpis, "gmv", "demo.gmv", lang), width="stretch")
    paid = kpis[kpis["channel"] != "organic"]
    right.plotly_chart(demo_channel_figure(paid, "spend", "demo.spend", lang), width="stretch")
    st.plotly_chart(demo_channel_figure(paid, "roas", "demo.roas", lang), width="stretch")
    summary = demo_channel_summary()
    st.markdown(f"**{t('demo.summary', lang)}**")
    table = {
        t("bench.filter.strategy", lang): [t(f"channel.{c}", lang) for c in summary["channel"]],
        t("kpi.orders", lang): [format_count(o, lang) for o in summary["orders"]],
        t("kpi.gmv", lang): [format_money(g, lang) for g in summary["gmv"]],
        t("kpi.roas", lang): [format_ratio(r if pd.notna(r) else None) for r in summary["roas"]],
        t("field.business.return_rate", lang): [format_percent(r) for r in summary["refund_rate"]],
    }
    st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")


def render() -> None:
    """The Benchmarks page."""
    require_shell()
    lang = locale()
    style.apply()
    st.title(t("nav.benchmarks", lang))
    st.caption(t("bench.intro", lang))
    chosen = filters(lang)
    rows = store().benchmarks(**{name: values or None for name, values in chosen.items()})
    if rows.empty:
        st.info(t("bench.empty", lang))
    else:
        benchmark_table(rows, lang)
        ranges_chart(rows, chosen, lang)
        copy_section(rows, lang)
    demo_store_section(lang)


render()
