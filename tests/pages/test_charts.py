"""Figures of the Strategy Lab and Benchmarks pages."""

import pandas as pd

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
