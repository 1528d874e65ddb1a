"""Figures of the Strategy Lab and Benchmarks pages."""

import pandas as pd
import pytest

from pages.components.charts import range_figure


def test_the_range_chart_puts_its_legend_above_the_plot_and_rates_in_percent():
    # A short chart (two platforms, 260 px): a legend below the plot covered the ticks.
    ranges = pd.DataFrame(
        {
            "platform": ["douyin", "wechat"],
            "unit": ["fraction", "fraction"],
            "low": [0.01, 0.01],
            "high": [0.2, 0.05],
            "median": [0.115, 0.03],
        }
    )
    fig = range_figure(ranges, "转化率", "zh-CN")
    assert fig.layout.height == 260
    assert fig.layout.legend.y >= 1
    assert fig.layout.legend.yanchor == "bottom"
    assert fig.layout.xaxis.tickformat == ".1%"
    assert list(fig.data[0].y) == ["抖音", "微信"]
    assert fig.data[0].customdata[0] == "1.00% – 20.0%"


def _lab_figures(lang: str = "en"):
    from core.analysis.sensitivity import tornado
    from core.model.engine import evaluate
    from core.model.scenario import default_scenario
    from pages.components.charts import (
        cumulative_cash_figure,
        funnel_figure,
        plan_cash_figure,
        tornado_figure,
    )

    scenario = default_scenario()
    result = evaluate(scenario)
    ads = result.strategies["ads"]
    return {
        "cash": cumulative_cash_figure(result.strategies, result.total, lang),
        "plan": plan_cash_figure(result.total, result.total, lang),
        "tornado": tornado_figure(tornado(scenario, "ads"), ads.metrics.npv, lang),
        "funnel": funnel_figure(ads, "ads", lang),
    }, result


def test_each_figure_keeps_its_own_hover_mode():
    """The common layout used to replace a figure's hover mode with "x unified": the
    tornado's bars, the risk matrix's points and the frontier's marks then hovered as a
    column of every trace at that x."""
    from core.analysis.frontier import Frontier, FrontierPoint
    from core.analysis.mix import MixValue
    from core.analysis.mix_requests import FrontierRequest
    from pages.components.mix_charts import frontier_figure, parts_figure

    figures, _ = _lab_figures()
    assert figures["cash"].layout.hovermode == "x unified"
    assert figures["tornado"].layout.hovermode == "closest"
    assert figures["funnel"].layout.hovermode is False
    ranges = pd.DataFrame(
        {"platform": ["douyin"], "unit": ["ratio"], "low": [1.0], "high": [5.0], "median": [3.0]}
    )
    assert range_figure(ranges, "ROI", "en").layout.hovermode == "closest"
    parts = parts_figure(MixValue(together=1.0, alone={"ads": 1.0}), "en")
    assert parts.layout.hovermode is False
    points = tuple(FrontierPoint(b, b / 1e4, True, {"ads": b}) for b in (0.0, 1e4))
    frontier = frontier_figure(Frontier(FrontierRequest("npv", 1e4, 2), points), None, "en")
    assert frontier.layout.hovermode == "closest"


def test_the_lab_charts_draw_the_zero_line_and_the_current_npv():
    figures, result = _lab_figures("zh-CN")
    (zero,) = figures["cash"].layout.shapes
    assert (zero.yref, zero.y0, zero.y1, zero.xref) == ("y", 0, 0, "x domain")
    assert len(figures["cash"].data) == len(result.strategies) + 1  # and the plan total
    assert figures["cash"].layout.yaxis.ticksuffix == "万"
    (current,) = figures["tornado"].layout.shapes
    npv_wan = result.strategies["ads"].metrics.npv / 10_000
    assert (current.xref, current.yref) == ("x", "y domain")
    assert current.x0 == current.x1 == pytest.approx(npv_wan)
    months = figures["plan"].data[0].x
    assert list(months) == list(range(result.total.horizon + 1))
    assert figures["plan"].layout.xaxis.dtick == result.total.horizon // 12


def test_the_funnel_shows_each_stage_as_a_share_of_the_one_before_to_a_tenth():
    """A 2.5 % CVR used to read "3%" (plotly's whole-percent default)."""
    from core.model.engine import evaluate
    from core.model.scenario import default_scenario
    from pages.components.charts import funnel_figure

    ads = evaluate(default_scenario()).strategies["ads"]
    trace = funnel_figure(ads, "ads", "zh-CN").data[0]
    assert trace.texttemplate[0] == "%{text}"
    assert all(x.endswith("%{percentPrevious:.1%}") for x in trace.texttemplate[1:])
    assert len(trace.texttemplate) == len(ads.funnel)
