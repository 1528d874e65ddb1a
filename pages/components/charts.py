"""Plotly figures for the pages. They draw numbers computed in ``core``; they compute none.

Money axes: in Chinese in 万元 (values ÷ :func:`core.text.formatting.money_axis_scale`),
in English with plotly's SI suffixes (k, M) and a ¥ prefix; hover texts are formatted by
``core.text.formatting``. Figures carry no plotly mode bar (its tooltips are English only).

Every figure uses the ``plotly_white`` look through plotly's default template, applied
once when a figure is serialised: naming the template in each ``update_layout`` validated
its whole definition again (about 25 ms a figure, three figures on every Lab rerun).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from core.analysis.sensitivity import TornadoBar
from core.model.engine import Projection
from core.model.vocab import PERCENT_UNITS
from core.text.catalog import Locale, t
from core.text.formatting import (
    format_count,
    format_money,
    format_unit_value,
    money_axis_scale,
    money_axis_ticks,
)

if TYPE_CHECKING:
    import pandas as pd

TOTAL_COLOR = "#1f2937"
STRATEGY_COLORS: Mapping[str, str] = {
    "ads": "#2563eb",
    "content": "#db2777",
    "private_domain": "#059669",
}
FALLBACK_COLORS: Sequence[str] = ("#d97706", "#7c3aed", "#0891b2")
PLOTLY_CONFIG = {"displayModeBar": False}
"""``config`` for ``st.plotly_chart``: no mode bar."""
pio.templates.default = "plotly_white"


def strategy_color(key: str, index: int) -> str:
    """A stable colour per strategy (registry order for unknown keys)."""
    return STRATEGY_COLORS.get(key, FALLBACK_COLORS[index % len(FALLBACK_COLORS)])


def _money_axis(fig: go.Figure, locale: Locale, axis: str) -> None:
    ticks = money_axis_ticks(locale)
    fig.update_layout({f"{axis}axis": {"title": t("chart.money_axis", locale), **ticks}})


def _money_values(values: np.ndarray, locale: Locale) -> np.ndarray:
    return values / money_axis_scale(locale)


def _layout(fig: go.Figure, title: str, height: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 16}},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": -0.3, "x": 0},
        hovermode="x unified",
    )
    return fig


def cumulative_cash_figure(
    strategies: Mapping[str, Projection], total: Projection, locale: Locale
) -> go.Figure:
    """Cumulative cash (months 0..H) per strategy and for the plan total."""
    fig = go.Figure()
    months = np.arange(total.horizon + 1)
    series = [
        (t(f"strategy.{k}", locale), p, strategy_color(k, i))
        for i, (k, p) in enumerate(strategies.items())
    ]
    if len(strategies) > 1:
        series.append((t("kpi.total", locale), total, TOTAL_COLOR))
    for name, projection, color in series:
        cash = projection.cumulative_cash
        fig.add_trace(
            go.Scatter(
                x=months,
                y=_money_values(cash, locale),
                name=name,
                mode="lines",
                line={"color": color, "width": 3 if color == TOTAL_COLOR else 2},
                customdata=[format_money(v, locale) for v in cash],
                hovertemplate="%{customdata}",
            )
        )
    fig.add_hline(y=0, line={"color": "#9ca3af", "width": 1, "dash": "dot"})
    fig.update_xaxes(title=t("chart.month", locale), dtick=max(1, total.horizon // 12))
    _money_axis(fig, locale, "y")
    return _layout(fig, t("chart.cumulative_cash", locale))


def funnel_figure(projection: Projection, key: str, locale: Locale) -> go.Figure:
    """Horizon totals of the strategy's funnel stages (e.g. impressions → clicks → orders)."""
    stages = list(projection.funnel)
    totals = [float(projection.funnel[s].sum()) for s in stages]
    fig = go.Figure(
        go.Funnel(
            y=[t(f"stage.{s}", locale) for s in stages],
            x=totals,
            text=[format_count(v, locale) for v in totals],
            textinfo="text+percent previous",
            marker={"color": strategy_color(key, 0)},
            hoverinfo="skip",
        )
    )
    fig.update_layout(hovermode=False)
    return _layout(fig, f"{t('chart.funnel', locale)} · {t(f'strategy.{key}', locale)}")


def tornado_figure(bars: Sequence[TornadoBar], base_npv: float, locale: Locale) -> go.Figure:
    """NPV with each driver at its low and high value, bars drawn from the current NPV;
    each label says whether the range is the benchmark table's or ±20 %."""
    ordered = list(reversed(bars))
    labels = [
        t(
            "chart.tornado.label",
            locale,
            field=t(f"field.{bar.path}", locale),
            range=t("chart.tornado.from_table" if bar.from_range else "chart.tornado.pm20", locale),
        )
        for bar in ordered
    ]
    fig = go.Figure()
    for name_key, attr, color in (
        ("chart.tornado.low", "npv_low", "#f97316"),
        ("chart.tornado.high", "npv_high", "#0ea5e9"),
    ):
        npvs = np.array([getattr(bar, attr) for bar in ordered])
        fig.add_trace(
            go.Bar(
                y=labels,
                x=_money_values(npvs - base_npv, locale),
                base=_money_values(np.full(len(ordered), base_npv), locale),
                orientation="h",
                name=t(name_key, locale),
                marker={"color": color},
                customdata=[format_money(v, locale) for v in npvs],
                hovertemplate="%{y}: NPV %{customdata}<extra>%{fullData.name}</extra>",
            )
        )
    fig.add_vline(
        x=float(_money_values(np.array([base_npv]), locale)[0]),
        line={"color": TOTAL_COLOR, "width": 1},
    )
    fig.update_layout(barmode="overlay", hovermode="closest")
    _money_axis(fig, locale, "x")
    height = max(320, 60 + 34 * len(ordered))
    return _layout(fig, t("chart.tornado", locale), height=height)


def range_figure(ranges: pd.DataFrame, metric_label: str, locale: Locale) -> go.Figure:
    """Low–high bar per platform with a tick at the median (``DataStore.metric_ranges``);
    platforms by their label, figures in their unit (rates in %)."""
    platforms = [t(f"platform.{p}", locale) for p in ranges["platform"]]
    units = list(ranges["unit"])
    lows, highs, medians = (ranges[c].to_numpy(dtype=float) for c in ("low", "high", "median"))
    span_text = [
        f"{format_unit_value(lo, u, locale)} – {format_unit_value(hi, u, locale)}"
        for lo, hi, u in zip(lows, highs, units, strict=True)
    ]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=platforms,
            x=highs - lows,
            base=lows,
            orientation="h",
            marker={"color": "#93c5fd"},
            name=t("preset.col.range", locale),
            customdata=span_text,
            hovertemplate="%{y}: %{customdata}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            y=platforms,
            x=medians,
            mode="markers",
            marker={
                "symbol": "line-ns-open",
                "size": 18,
                "color": TOTAL_COLOR,
                "line": {"width": 3},
            },
            name=t("preset.col.value", locale),
            customdata=[
                format_unit_value(m, u, locale) for m, u in zip(medians, units, strict=True)
            ],
            hovertemplate="%{y}: %{customdata}<extra></extra>",
        )
    )
    if units and all(u in PERCENT_UNITS for u in units):
        fig.update_xaxes(tickformat=".1%")
    fig.update_layout(barmode="overlay", hovermode="closest")
    height = max(260, 60 + 40 * len(ranges))
    fig = _layout(fig, t("bench.chart.title", locale, metric=metric_label), height=height)
    # Top right, beside the title: below the plot a short chart's legend covers the ticks.
    fig.update_layout(legend={"y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"})
    return fig


def demo_channel_figure(
    kpis: pd.DataFrame, column: str, title_key: str, locale: Locale
) -> go.Figure:
    """One line per channel of a monthly demo-store KPI (money in ¥, ROAS as a ratio)."""
    fig = go.Figure()
    for index, (channel, rows) in enumerate(kpis.groupby("channel", sort=False)):
        values = rows[column].to_numpy(dtype=float)
        is_money = column != "roas"
        fig.add_trace(
            go.Scatter(
                x=rows["month"],
                y=_money_values(values, locale) if is_money else values,
                name=t(f"channel.{channel}", locale),
                mode="lines",
                line={"color": strategy_color(str(channel), index)},
                customdata=[format_money(v, locale) if is_money else f"{v:.2f}×" for v in values],
                hovertemplate="%{customdata}",
            )
        )
    if column != "roas":
        _money_axis(fig, locale, "y")
    month_format = t("chart.month_format", locale)
    fig.update_xaxes(tickformat=month_format, hoverformat=month_format)
    return _layout(fig, t(title_key, locale), height=340)


def plan_cash_figure(current: Projection, recommended: Projection, locale: Locale) -> go.Figure:
    """Cumulative cash (months 0..H) of the current plan and of the recommended mix."""
    fig = go.Figure()
    months = np.arange(current.horizon + 1)
    lines = (
        (t("summary.current", locale), current, "#9ca3af", "dash"),
        (t("summary.recommended", locale), recommended, STRATEGY_COLORS["ads"], "solid"),
    )
    for name, projection, color, dash in lines:
        cash = projection.cumulative_cash
        fig.add_trace(
            go.Scatter(
                x=months,
                y=_money_values(cash, locale),
                name=name,
                mode="lines",
                line={"color": color, "width": 3, "dash": dash},
                customdata=[format_money(v, locale) for v in cash],
                hovertemplate="%{customdata}",
            )
        )
    fig.add_hline(y=0, line={"color": "#9ca3af", "width": 1, "dash": "dot"})
    fig.update_xaxes(title=t("chart.month", locale), dtick=max(1, current.horizon // 12))
    _money_axis(fig, locale, "y")
    return _layout(fig, t("summary.cash_chart", locale), height=340)
