"""Plotly figures of the Mix Planner and the Compare page, drawn with the conventions of
:mod:`pages.components.charts` (no mode bar, money axes in 万元 in Chinese and with k / M
in English, hover texts from ``core.text``). They draw numbers computed in ``core``."""

from __future__ import annotations

import html
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from core.analysis.frontier import Frontier
from core.analysis.mix import MixValue
from core.text.catalog import Locale, t
from core.text.formatting import format_money
from core.text.mix import RATIO_OBJECTIVES, objective_label, objective_value
from pages.components.charts import (
    TOTAL_COLOR,
    _layout,
    _money_axis,
    _money_values,
    base_layout,
    cash_line,
    level_line,
    money_axis,
    month_axis,
    strategy_color,
)

FLOW_COLOR = "#7c3aed"
CURVE_COLORS: Sequence[str] = ("#1f2937", "#2563eb", "#db2777", "#059669")
"""Colours of compared plans, in the order they are listed."""


def parts_figure(value: MixValue, locale: Locale) -> go.Figure:
    """Each strategy's NPV alone, what running them together adds, and the plan's NPV."""
    names = [t(f"strategy.{key}", locale) for key in value.alone]
    amounts = [*value.alone.values(), value.synergy, value.together]
    fig = go.Figure(
        go.Waterfall(
            x=[*names, t("mix.parts.flow", locale), t("mix.parts.together", locale)],
            y=_money_values(np.asarray(amounts), locale),
            measure=[*(["relative"] * (len(names) + 1)), "total"],
            text=[format_money(v, locale) for v in amounts],
            textposition="outside",
            hoverinfo="skip",
            connector={"line": {"color": "#9ca3af", "width": 1}},
            increasing={"marker": {"color": strategy_color("private_domain", 0)}},
            decreasing={"marker": {"color": "#f97316"}},
            totals={"marker": {"color": TOTAL_COLOR}},
        )
    )
    _money_axis(fig, locale, "y")
    _layout(fig, t("mix.parts.title", locale), height=340)
    fig.update_layout(hovermode=False, showlegend=False)
    return fig


def plotly_literal(text: str) -> str:
    """``text`` shown as typed in a plotly label: plotly reads a few HTML tags (``<b>``,
    ``<a href>``) and entities in labels, so ``&``, ``<`` and ``>`` become entities."""
    return html.escape(text, quote=False)


def cash_curves_figure(
    curves: Sequence[tuple[str, np.ndarray]], title_key: str, locale: Locale
) -> go.Figure:
    """Cumulative cash (months 0..H) of each plan on one chart; ``curves`` are (name,
    cash) pairs, the names as typed (shown literally)."""
    lines = [
        cash_line(
            plotly_literal(name),
            cash,
            locale,
            color=CURVE_COLORS[index % len(CURVE_COLORS)],
            width=2,
        )
        for index, (name, cash) in enumerate(curves)
    ]
    longest = max((cash.size for _, cash in curves), default=1)
    layout = base_layout(
        t(title_key, locale),
        xaxis=month_axis(longest - 1, locale),
        yaxis=money_axis(locale),
        shapes=[level_line("y")],
    )
    return go.Figure(data=lines, layout=layout)


def frontier_figure(
    frontier: Frontier, current: tuple[float, float] | None, locale: Locale
) -> go.Figure:
    """The best objective at each monthly budget, with the current plan (budget, value)
    and the best point marked; budgets whose constraints no split meets are left out."""
    name = frontier.request.objective
    points = [p for p in frontier.points if p.feasible]
    budgets = np.array([p.budget for p in points])
    values = np.array([p.objective for p in points])
    ratio = name in RATIO_OBJECTIVES

    def shown(v: np.ndarray) -> np.ndarray:
        return v if ratio else _money_values(v, locale)

    hover = [
        t(
            "mix.frontier.hover",
            locale,
            budget=format_money(p.budget, locale),
            value=objective_value(name, p.objective, locale),
        )
        for p in points
    ]
    fig = go.Figure(
        go.Scatter(
            x=_money_values(budgets, locale),
            y=shown(values),
            mode="lines+markers",
            name=t("mix.frontier.line", locale),
            line={"color": TOTAL_COLOR, "width": 2},
            marker={"size": 4},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    best = frontier.best()
    marks = (
        [("mix.frontier.best", best.budget, best.objective, "#059669", "diamond")] if best else []
    )
    if current is not None:
        marks.append(("mix.frontier.current", current[0], current[1], "#db2777", "star"))
    for key, budget, value, color, symbol in marks:
        fig.add_trace(
            go.Scatter(
                x=_money_values(np.array([budget]), locale),
                y=shown(np.array([value])),
                mode="markers",
                name=t(key, locale),
                marker={"size": 14, "color": color, "symbol": symbol},
                customdata=[
                    t(
                        "mix.frontier.hover",
                        locale,
                        budget=format_money(budget, locale),
                        value=objective_value(name, value, locale),
                    )
                ],
                hovertemplate="%{customdata}<extra>%{fullData.name}</extra>",
            )
        )
    _money_axis(fig, locale, "x")
    fig.update_xaxes(title=t("mix.frontier.x", locale))
    if ratio:
        fig.update_yaxes(title=objective_label(name, locale), ticksuffix="×")
    else:
        _money_axis(fig, locale, "y")
        fig.update_yaxes(title=objective_label(name, locale))
    _layout(fig, t("mix.frontier.title", locale), height=420)
    fig.update_layout(hovermode="closest")
    return fig
