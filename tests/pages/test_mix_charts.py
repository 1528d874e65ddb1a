"""The Mix Planner's figures: money in 万 in Chinese, names shown as typed, marks."""

import numpy as np
import pytest

from core.analysis.frontier import Frontier, FrontierPoint
from core.analysis.mix import MixValue
from core.analysis.mix_requests import FrontierRequest
from pages.components.mix_charts import cash_curves_figure, frontier_figure, parts_figure


def test_parts_waterfall_in_wan():
    value = MixValue(together=600_000.0, alone={"ads": -10_000.0, "private_domain": 100_000.0})
    fig = parts_figure(value, "zh-CN")
    bar = fig.data[0]
    assert list(bar.x) == ["广告投放", "私域运营", "公域转私域的增益", "组合运行"]
    assert list(bar.y) == pytest.approx([-1.0, 10.0, 51.0, 60.0])
    assert list(bar.measure) == ["relative", "relative", "relative", "total"]
    assert bar.text[-1] == "¥60.0万"
    assert fig.layout.yaxis.ticksuffix == "万"


def test_plan_names_are_shown_as_typed():
    fig = cash_curves_figure(
        [("<b>x</b> & y", np.array([0.0, -5.0, 3.0]))], "compare.cash_title", "en"
    )
    assert fig.data[0].name == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert fig.layout.title.text == "Cumulative cash compared"


def test_frontier_marks_the_current_plan_and_the_best_point():
    points = tuple(
        FrontierPoint(b, v, feasible, {"ads": b})
        for b, v, feasible in [
            (0.0, 0.5, True),
            (1e4, 4.2, True),
            (2e4, 3.9, True),
            (3e4, 0.0, False),
        ]
    )
    fig = frontier_figure(Frontier(FrontierRequest("gmv_roas", 3e4, 4), points), (2e4, 3.9), "en")
    line, best, current = fig.data
    assert list(line.x) == [0.0, 1e4, 2e4]  # the infeasible budget is left out
    assert (best.name, best.x[0], best.y[0]) == ("Best point", 1e4, 4.2)
    assert (current.name, current.x[0]) == ("Current plan", 2e4)
    assert fig.layout.yaxis.ticksuffix == "×"
