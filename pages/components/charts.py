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
from typing import TYPE_CHECKING, Any

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
    mid_sentence,
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


def money_axis(locale: Locale) -> dict[str, Any]:
    """A money axis: titled in yuan (万元 in Chinese) with the locale's ticks."""
    return {"title": t("chart.money_axis", locale), **money_axis_ticks(locale)}


def _money_axis(fig: go.Figure, locale: Locale, axis: str) -> None:
    fig.update_layout({f"{axis}axis": money_axis(locale)})


def _money_values(values: np.ndarray, locale: Locale) -> np.ndarray:
    return values / money_axis_scale(locale)


def base_layout(title: str, height: int = 380, **extra: Any) -> dict[str, Any]:
    """The pages' layout (title at the left, legend below, unified hover) and ``extra``
    plotly layout keys. A figure built in one ``go.Figure(data, layout)`` call is validated
    once; ``update_layout`` and ``add_hline`` after it took three times as long (the Lab's
    cash chart: 33 → 10 ms)."""
    return {
        "title": {"text": title, "x": 0, "font": {"size": 16}},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": -0.3, "x": 0},
        "hovermode": "x unified",
        **extra,
    }


def _layout(fig: go.Figure, title: str, height: int = 380) -> go.Figure:
    """Apply :func:`base_layout` to ``fig``; call it before setting a figure's own hover
    mode or legend, which it would otherwise replace."""
    fig.update_layout(base_layout(title, height))
    return fig


def level_line(axis: str, value: float = 0.0, **line: Any) -> dict[str, Any]:
    """A layout shape across the plot at ``value`` on ``axis`` ("x": vertical, "y":
    horizontal); dotted grey by default (the zero line)."""
    across = "y" if axis == "x" else "x"
    return {
        "type": "line",
        f"{axis}ref": axis,
        f"{axis}0": value,
        f"{axis}1": value,
        f"{across}ref": f"{across} domain",
        f"{across}0": 0,
        f"{across}1": 1,
        "line": line or {"color": "#9ca3af", "width": 1, "dash": "dot"},
    }


def month_axis(horizon: int, locale: Locale) -> dict[str, Any]:
    """Months 0..H with a tick about every year."""
    return {"title": t("chart.month", locale), "dtick": max(1, horizon // 12)}


def cumulative_cash_figure(
    strategies: Mapping[str, Projection], total: Projection, locale: Locale
) -> go.Figure:
    """Cumulative cash (months 0..H) per strategy and for the plan total."""
    series = [
        (t(f"strategy.{k}", locale), p, strategy_color(k, i))
        for i, (k, p) in enumerate(strategies.items())
    ]
    if len(strategies) > 1:
        series.append((t("kpi.total", locale), total, TOTAL_COLOR))
    lines = [
        cash_line(
            name,
            projection.cumulative_cash,
            locale,
            color=color,
            width=3 if color == TOTAL_COLOR else 2,
        )
        for name, projection, color in series
    ]
    layout = base_layout(
        t("chart.cumulative_cash", locale),
        xaxis=month_axis(total.horizon, locale),
        yaxis=money_axis(locale),
        shapes=[level_line("y")],
    )
    return go.Figure(data=lines, layout=layout)


def cash_line(
    name: str,
    cash: np.ndarray,
    locale: Locale,
    *,
    color: str,
    width: float,
    dash: str | None = None,
) -> go.Scatter:
    """Cumulative cash by month (0..H) as a line, yuan on hover."""
    line: dict[str, Any] = {"color": color, "width": width}
    if dash is not None:
        line["dash"] = dash
    return go.Scatter(
        x=np.arange(cash.size),
        y=_money_values(cash, locale),
        name=name,
        mode="lines",
        line=line,
        customdata=[format_money(v, locale) for v in cash],
        hovertemplate="%{customdata}",
    )


def funnel_figure(projection: Projection, key: str, locale: Locale) -> go.Figure:
    """Horizon totals of the strategy's funnel stages (e.g. impressions → clicks → orders)."""
    stages = list(projection.funnel)
    totals = [float(projection.funnel[s].sum()) for s in stages]
    funnel = go.Funnel(
        y=[t(f"stage.{s}", locale) for s in stages],
        x=totals,
        text=[format_count(v, locale) for v in totals],
        # each stage's share of the one before, to 0.1 % (a 2.5 % CVR read "3%")
        texttemplate=["%{text}"] + ["%{text} · %{percentPrevious:.1%}"] * (len(stages) - 1),
        marker={"color": strategy_color(key, 0)},
        hoverinfo="skip",
    )
    title = f"{t('chart.funnel', locale)} · {t(f'strategy.{key}', locale)}"
    return go.Figure(data=[funnel], layout=base_layout(title, hovermode=False))


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
    bars_drawn = [
        go.Bar(
            y=labels,
            x=_money_values(np.array([getattr(bar, attr) for bar in ordered]) - base_npv, locale),
            base=_money_values(np.full(len(ordered), base_npv), locale),
            orientation="h",
            name=t(name_key, locale),
            marker={"color": color},
            customdata=[format_money(getattr(bar, attr), locale) for bar in ordered],
            hovertemplate="%{y}: NPV %{customdata}<extra>%{fullData.name}</extra>",
        )
        for name_key, attr, color in (
            ("chart.tornado.low", "npv_low", "#f97316"),
            ("chart.tornado.high", "npv_high", "#0ea5e9"),
        )
    ]
    base = float(_money_values(np.array([base_npv]), locale)[0])
    layout = base_layout(
        t("chart.tornado", locale),
        height=max(320, 60 + 34 * len(ordered)),
        barmode="overlay",
        hovermode="closest",
        xaxis=money_axis(locale),
        shapes=[level_line("x", base, color=TOTAL_COLOR, width=1)],
    )
    return go.Figure(data=bars_drawn, layout=layout)


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
    height = max(260, 60 + 40 * len(ranges))
    fig = _layout(
        fig,
        t("bench.chart.title", locale, metric=mid_sentence(metric_label, locale)),
        height=height,
    )
    # Top right, beside the title: below the plot a short chart's legend covers the ticks.
    fig.update_layout(
        barmode="overlay",
        hovermode="closest",
        legend={"y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
    )
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
    lines = [
        cash_line(
            t("summary.current", locale),
            current.cumulative_cash,
            locale,
            color="#9ca3af",
            width=3,
            dash="dash",
        ),
        cash_line(
            t("summary.recommended", locale),
            recommended.cumulative_cash,
            locale,
            color=STRATEGY_COLORS["ads"],
            width=3,
            dash="solid",
        ),
    ]
    layout = base_layout(
        t("summary.cash_chart", locale),
        height=340,
        xaxis=month_axis(current.horizon, locale),
        yaxis=money_axis(locale),
        shapes=[level_line("y")],
    )
    return go.Figure(data=lines, layout=layout)
