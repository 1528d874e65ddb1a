"""Plotly figures of the Risk page: the 5×5 matrix, NPV distributions, risk against return.

Conventions of :mod:`pages.components.charts`: no mode bar (``PLOTLY_CONFIG``), money
axes in 万元 in Chinese and ¥ with SI suffixes in English, every hover text formatted by
``core.text``. The figures draw numbers computed in ``core``; they compute none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from core.analysis.risk import BANDS, Basis, RiskAssessment, band
from core.analysis.uncertainty import Statistics
from core.model.risks import LIKELIHOOD_BANDS, impact_bands
from core.text.catalog import Locale, t
from core.text.formatting import format_money, format_percent
from core.text.risk import risk_text
from pages.components.charts import TOTAL_COLOR, _layout, _money_axis, _money_values

BAND_COLORS: dict[str, str] = {
    "low": "#bbf7d0",
    "medium": "#fef08a",
    "high": "#fdba74",
    "critical": "#fca5a5",
}
LOSS_COLOR = "#dc2626"
GAIN_COLOR = "#2563eb"
BINS = 50


def likelihood_tick(score: int, locale: Locale) -> str:
    """ "3 · 15–35 %/年": the score and its annual probability band."""
    low, high = LIKELIHOOD_BANDS[score]
    return t(
        "risk.axis.likelihood_tick",
        locale,
        score=score,
        low=format_percent(low, 0),
        high=format_percent(high, 0),
    )


def impact_tick(score: int, size: str, locale: Locale) -> str:
    """ "4 · ¥50万–200万": the score and its band of money lost."""
    edges = (0.0, *impact_bands(size))
    if score == 5:
        return t("risk.axis.impact_top", locale, score=score, low=format_money(edges[4], locale))
    return t(
        "risk.axis.impact_tick",
        locale,
        score=score,
        low=format_money(edges[score - 1], locale),
        high=format_money(edges[score], locale),
    )


def _hover(a: RiskAssessment, basis: Basis, number: int, locale: Locale) -> str:
    name = risk_text(a.risk, "name", locale)
    lines = [
        f"{number}. {name}",
        t(
            "risk.hover.scores",
            locale,
            likelihood=a.likelihood[basis],
            impact=a.impact[basis],
            probability=format_percent(a.probability[basis]),
        ),
    ]
    expected = a.expected_loss(basis)
    if a.loss is not None and expected is not None:
        lines.append(
            t(
                "risk.hover.loss",
                locale,
                loss=format_money(a.loss[basis], locale),
                expected=format_money(expected, locale),
            )
        )
    else:
        lines.append(t("risk.hover.judged", locale))
    return "<br>".join(line.replace("<", "‹") for line in lines)


def risk_matrix_figure(
    assessed: Sequence[RiskAssessment], basis: Basis, size: str, locale: Locale
) -> go.Figure:
    """The 5×5 likelihood × impact matrix coloured by band, each risk a numbered point
    (its row number) with its expected loss on hover."""
    scores = np.arange(1, 6)
    z = [[BANDS.index(band(int(lk), int(im))) for lk in scores] for im in scores]
    colorscale = [[i / (len(BANDS) - 1), BAND_COLORS[name]] for i, name in enumerate(BANDS)]
    fig = go.Figure(
        go.Heatmap(
            x=scores,
            y=scores,
            z=z,
            zmin=0,
            zmax=len(BANDS) - 1,
            colorscale=colorscale,
            showscale=False,
            hoverinfo="skip",
            xgap=2,
            ygap=2,
        )
    )
    cells: dict[tuple[int, int], int] = {}
    xs, ys, labels, hovers = [], [], [], []
    for number, a in enumerate(assessed, start=1):
        cell = (a.likelihood[basis], a.impact[basis])
        slot = cells.get(cell, 0)
        cells[cell] = slot + 1
        xs.append(cell[0] - 0.3 + 0.2 * (slot % 4))
        ys.append(cell[1] + 0.25 - 0.25 * (slot // 4))
        labels.append(str(number))
        hovers.append(_hover(a, basis, number, locale))
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers+text",
            text=labels,
            textfont={"color": "white", "size": 11},
            marker={"size": 22, "color": TOTAL_COLOR, "line": {"color": "white", "width": 1}},
            hovertext=hovers,
            hoverinfo="text",
            showlegend=False,
        )
    )
    fig.update_xaxes(
        title=t("risk.axis.likelihood", locale),
        tickvals=scores,
        ticktext=[likelihood_tick(int(s), locale) for s in scores],
        range=[0.5, 5.5],
        showgrid=False,
    )
    fig.update_yaxes(
        title=t("risk.axis.impact", locale),
        tickvals=scores,
        ticktext=[impact_tick(int(s), size, locale) for s in scores],
        range=[0.5, 5.5],
        showgrid=False,
    )
    _layout(fig, t(f"risk.matrix.title.{basis}", locale), height=520)
    fig.update_layout(hovermode="closest")
    return fig


@dataclass(frozen=True)
class Histogram:
    """Share of draws per NPV bin (edges in yuan)."""

    edges: np.ndarray
    shares: np.ndarray


TAIL_SHARE = 0.005
"""Draws beyond the 0.5th and 99.5th percentiles are counted in the end bins, so a few
extreme draws (a fine drawn with a stock-out) do not leave most of the chart empty."""


def histogram(npv: np.ndarray, bins: int = BINS) -> Histogram:
    """Shares of draws in ``bins`` equal bins between the :data:`TAIL_SHARE` and
    1 − :data:`TAIL_SHARE` quantiles, the draws beyond them in the first and last bins
    (one bin around the value when all are equal). The shares add up to 1."""
    low, high = (float(q) for q in np.quantile(npv, [TAIL_SHARE, 1.0 - TAIL_SHARE]))
    if high <= low:
        half = max(abs(low) * 0.01, 1.0)
        low, high = low - half, high + half
    counts, edges = np.histogram(np.clip(npv, low, high), bins=bins, range=(low, high))
    return Histogram(edges, counts / npv.size)


def _bin_texts(h: Histogram, locale: Locale) -> list[str]:
    """Hover text per bin: "low – high: share", the end bins open ("≤ high", "≥ low")."""
    texts = [
        f"{format_money(a, locale)} – {format_money(b, locale)}: {format_percent(s)}"
        for a, b, s in zip(h.edges[:-1], h.edges[1:], h.shares, strict=True)
    ]
    if len(texts) > 1:
        texts[0] = f"≤ {format_money(h.edges[1], locale)}: {format_percent(h.shares[0])}"
        texts[-1] = f"≥ {format_money(h.edges[-2], locale)}: {format_percent(h.shares[-1])}"
    return texts


def npv_distribution_figure(
    npv: np.ndarray, stats: Statistics, title: str, locale: Locale
) -> go.Figure:
    """Histogram of NPV over the draws (losses red), P5 / P50 / P95 and zero marked, and
    P(loss) in the title."""
    h = histogram(npv)
    centres = (h.edges[:-1] + h.edges[1:]) / 2
    fig = go.Figure(
        go.Bar(
            x=_money_values(centres, locale),
            y=h.shares,
            width=float(_money_values(np.diff(h.edges[:2]), locale)[0]),
            marker={"color": [LOSS_COLOR if c < 0 else GAIN_COLOR for c in centres]},
            customdata=_bin_texts(h, locale),
            hovertemplate="%{customdata}<extra></extra>",
            showlegend=False,
        )
    )
    for name, value in (("p5", stats.p5), ("p50", stats.p50), ("p95", stats.p95)):
        fig.add_vline(
            x=float(_money_values(np.array([value]), locale)[0]),
            line={"color": TOTAL_COLOR, "width": 1.5, "dash": "dash"},
            annotation={
                "text": f"{t(f'risk.stat.{name}', locale)}<br>{format_money(value, locale)}",
                "font": {"size": 11},
            },
        )
    fig.add_vline(x=0.0, line={"color": "#9ca3af", "width": 1})
    fig.update_yaxes(title=t("risk.axis.share", locale), tickformat=".0%")
    _money_axis(fig, locale, "x")
    heading = t("risk.distribution.title", locale, name=title, p_loss=format_percent(stats.p_loss))
    _layout(fig, heading, height=360)
    fig.update_layout(hovermode="closest", bargap=0.05)
    return fig


@dataclass(frozen=True)
class RiskReturnPoint:
    """A strategy or a mix on the risk–return chart (yuan; P(loss) as a fraction)."""

    label: str
    mean: float
    expected_shortfall: float
    p_loss: float
    color: str


def risk_return_figure(points: Sequence[RiskReturnPoint], locale: Locale) -> go.Figure:
    """Expected NPV against expected shortfall: up is more return, right is less risk."""
    fig = go.Figure()
    for point in points:
        fig.add_trace(
            go.Scatter(
                x=_money_values(np.array([point.expected_shortfall]), locale),
                y=_money_values(np.array([point.mean]), locale),
                mode="markers+text",
                text=[point.label],
                textposition="top center",
                marker={"size": 14, "color": point.color},
                name=point.label,
                customdata=[
                    t(
                        "risk.hover.risk_return",
                        locale,
                        mean=format_money(point.mean, locale),
                        shortfall=format_money(point.expected_shortfall, locale),
                        p_loss=format_percent(point.p_loss),
                    )
                ],
                hovertemplate="%{customdata}<extra>%{fullData.name}</extra>",
                showlegend=False,
            )
        )
    _money_axis(fig, locale, "x")
    _money_axis(fig, locale, "y")
    fig.update_xaxes(title=t("risk.axis.shortfall", locale))
    fig.update_yaxes(title=t("risk.axis.mean", locale))
    fig.add_hline(y=0, line={"color": "#9ca3af", "width": 1, "dash": "dot"})
    _layout(fig, t("risk.return.title", locale), height=380)
    fig.update_layout(hovermode="closest")
    return fig
