"""Views of the benchmark table: filters, the table, a range chart, copying rows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.data.copying import CopyPlan, copy_plan
from core.data.evidence import RowFlag, table_flags
from core.data.presets import apply_values
from core.model.paths import driver_spec
from core.model.strategies import STRATEGY_KEYS
from core.model.vocab import BENCHMARK_CATEGORIES, PLATFORMS, QUALITIES
from core.text.catalog import Locale, t
from core.text.formatting import format_driver, format_range, join_list
from core.text.labels import field_label
from core.text.sources import source_text
from pages.components.cache import (
    Filters,
    benchmark_rows,
    field_map,
    field_outliers,
    metric_ranges,
    store,
)
from pages.components.change_notice import change_notice
from pages.components.charts import range_figure
from pages.components.inputs import lingual_selectbox, select_all
from pages.components.paint import plotly
from pages.components.scenario_state import ScenarioState

NS = "bench"
FILTERS_KEY = f"{NS}:filters"
FILTER_PREFIXES: dict[str, str] = {
    "platform": "platform",
    "category": "category",
    "strategy": "strategy",
    "metric": "metric",
    "quality": "quality",
}
TABLE_COLUMNS = (
    "metric", "figure", "basis", "platform", "year", "quality", "source", "market", "category",
    "id",
)  # fmt: skip


def _option_label(name: str, value: str | int, locale: Locale) -> str:
    prefix = FILTER_PREFIXES.get(name)
    return t(f"{prefix}.{value}", locale) if prefix else str(value)


def filters(locale: Locale) -> Filters:
    """Multiselect filters whose choices survive a language switch; empty = no filter."""
    everything = benchmark_rows()
    options: dict[str, tuple[str | int, ...]] = {
        "platform": PLATFORMS,
        "category": BENCHMARK_CATEGORIES,
        "strategy": STRATEGY_KEYS,
        "metric": tuple(sorted(everything["metric"].unique())),
        "year": tuple(sorted(int(y) for y in everything["year"].unique())),
        "quality": QUALITIES,
    }
    chosen: dict[str, list[str | int]] = st.session_state.setdefault(FILTERS_KEY, {})
    columns = st.columns(3)
    for index, (name, values) in enumerate(options.items()):
        chosen[name] = columns[index % 3].multiselect(
            t(f"bench.filter.{name}", locale),
            values,
            default=[v for v in chosen.get(name, []) if v in values],
            format_func=lambda v, n=name: _option_label(n, v, locale),
            placeholder=t("bench.filter.all", locale),
            key=f"{NS}:{name}@{locale}",
            select_all=select_all(locale),
        )
    return tuple((name, tuple(values)) for name, values in chosen.items())


def benchmark_table(rows: pd.DataFrame, locale: Locale) -> None:
    """The rows with codes as labels, rates as percent, quality with the row's warnings,
    and the source in view."""
    st.caption(t("bench.rows", locale, count=len(rows)))
    flags = table_flags(rows, field_outliers())
    shown = pd.DataFrame(
        {
            "metric": [t(f"metric.{m}", locale) for m in rows["metric"]],
            "figure": [
                format_range(v, lo, hi, u, locale)
                for v, lo, hi, u in zip(
                    rows["value"], rows["low"], rows["high"], rows["unit"], strict=True
                )
            ],
            "basis": [t(f"basis.{b}", locale) for b in rows["basis"]],
            "platform": [t(f"platform.{p}", locale) for p in rows["platform"]],
            "year": rows["year"],
            "quality": [
                _quality(q, flags[i] - {"vague"}, locale)
                for q, i in zip(rows["quality"], rows["id"], strict=True)
            ],
            "source": [source_text(s, locale) for s in rows["source"]],
            "market": [t(f"market.{m}", locale) for m in rows["market"]],
            "category": [t(f"category.{c}", locale) for c in rows["category"]],
            "id": rows["id"],
        }
    )
    config = {c: st.column_config.Column(t(f"bench.col.{c}", locale)) for c in TABLE_COLUMNS}
    config["quality"] = st.column_config.TextColumn(
        t("bench.col.quality", locale), help=t("bench.col.quality.help", locale), width=130
    )
    config["source"] = st.column_config.TextColumn(t("bench.col.source", locale), width="large")
    st.dataframe(shown, hide_index=True, width="stretch", height=360, column_config=config)


def ranges_chart(rows: pd.DataFrame, chosen: Filters, locale: Locale) -> None:
    """Low–high range per platform of one metric among the filtered rows."""
    metrics = sorted(rows["metric"].unique())
    metric = lingual_selectbox(
        st,
        t("bench.chart.metric", locale),
        metrics,
        format_func=lambda m: t(f"metric.{m}", locale),
        name=f"{NS}:chart",
        locale=locale,
        default="cvr",
    )
    ranges = metric_ranges(metric, chosen).dropna(subset=["low", "high"])
    if not ranges.empty:
        figure = range_figure(ranges, t(f"metric.{metric}", locale), locale)
        plotly(figure)


def _copy(state: ScenarioState, values: dict[str, float]) -> None:
    state.load(apply_values(state.scenario(), values), origin="copy")


def _copy_lines(plan: CopyPlan, locale: Locale) -> list[dict[str, str]]:
    """The plan's old → new lines as table rows in the user's language."""
    return [
        {
            t("changes.field", locale): field_label(line.path, locale),
            t("changes.before", locale): format_driver(line.before, driver_spec(line.path), locale),
            t("changes.after", locale): format_driver(line.after, driver_spec(line.path), locale),
            t("preset.col.rows", locale): ", ".join(line.row_ids),
            t("preset.col.flags", locale): _flags(line.flags, locale),
        }
        for line in plan.lines
    ]


def copy_section(state: ScenarioState, rows: pd.DataFrame, locale: Locale) -> None:
    """Pick rows, see old → new and warnings before applying, apply, undo."""
    st.markdown(f"#### {t('bench.copy.title', locale)}")
    by_id = rows.set_index("id")
    picked = st.multiselect(
        t("bench.copy.pick", locale),
        list(by_id.index),
        format_func=lambda rid: _pick_label(by_id.loc[rid], rid, locale),
        placeholder=t("bench.copy.pick", locale),
        key=f"{NS}:pick@{locale}",
        select_all=select_all(locale),
    )
    if picked:
        plan = copy_plan(state.scenario(), rows[rows["id"].isin(picked)], store(), field_map())
        if plan.lines:
            st.dataframe(_copy_lines(plan, locale), hide_index=True, width="stretch")
        if plan.warned:
            st.warning(t("bench.copy.warned", locale), icon="⚠️")
        if plan.unused:
            st.caption(t("bench.copy.unused", locale, ids=", ".join(plan.unused)))
        st.button(
            t("bench.copy.button", locale),
            on_click=_copy,
            args=(state, plan.values),
            disabled=not plan.values,
            type="primary",
            key=f"{NS}:copy",
        )
    if state.origin == "copy":
        fields = join_list([field_label(c.path, locale) for c in state.changes], locale)
        st.success(t("bench.copy.done", locale, fields=fields))
        change_notice(state, locale)


def _flags(flags: frozenset[RowFlag], locale: Locale, *, short: bool = False) -> str:
    suffix = ".short" if short else ""
    return join_list([t(f"row.flag.{f}{suffix}", locale) for f in sorted(flags)], locale)


def _quality(quality: str, flags: frozenset[RowFlag], locale: Locale) -> str:
    """The row's quality and, after " · ", its warnings in short (one narrow column keeps
    the source in view at 1280 px; the column's help says what each warning means)."""
    label = t(f"quality.{quality}", locale)
    return f"{label} · {_flags(flags, locale, short=True)}" if flags else label


def _pick_label(row: pd.Series, row_id: str, locale: Locale) -> str:
    """A row as the picker lists it: metric, what was measured, platform, year, figure,
    then its id (the reference other pages cite)."""
    parts = (
        t(f"metric.{row['metric']}", locale),
        t(f"basis.{row['basis']}", locale),
        t(f"platform.{row['platform']}", locale),
        str(row["year"]),
        _figure(row, locale),
    )
    return (
        f"{' · '.join(parts)}（{row_id}）"
        if locale == "zh-CN"
        else f"{' · '.join(parts)} ({row_id})"
    )


def _figure(row: pd.Series, locale: Locale) -> str:
    def number(value: object) -> float | None:
        return None if pd.isna(value) else float(value)  # type: ignore[arg-type]

    return format_range(
        number(row["value"]), number(row["low"]), number(row["high"]), str(row["unit"]), locale
    )
