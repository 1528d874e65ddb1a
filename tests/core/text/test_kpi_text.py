"""Headline KPI texts: tiles short enough for a row of six, the relapse in a caption."""

from dataclasses import replace

import pytest

from core.model.engine import evaluate
from core.model.scenario import default_scenario
from core.text.kpis import kpi_texts, plan_lines, relapse_line, tile_texts
from tests.conftest import idle_scenario


@pytest.fixture(scope="module")
def result():
    return evaluate(default_scenario())


def test_a_relapse_shows_as_no_payback_in_the_tile_and_is_explained_below(result):
    relapsed = replace(result.total.metrics, payback_month=None, relapse_month=20)
    assert tile_texts(relapsed, "zh-CN")["payback_month"] == "未回本"
    assert tile_texts(relapsed, "en")["payback_month"] == "No payback"
    assert kpi_texts(relapsed, "en")["payback_month"] == (
        "Not paid back (negative again from month 20)"
    )
    zh = relapse_line(relapsed, "zh-CN")
    assert zh == "累计现金曾转正，但自第 20 月起再次转负，故不计为已回本"
    shown = replace(result, total=replace(result.total, metrics=relapsed))
    assert plan_lines(shown, "en").endswith(
        "below zero again from month 20, so it has not paid back"
    )


def test_no_relapse_line_when_paid_back_or_never_positive(result):
    paid = replace(result.total.metrics, payback_month=14, relapse_month=None)
    assert tile_texts(paid, "en")["payback_month"] == "Month 14"
    assert relapse_line(paid, "en") is None
    never = replace(result.total.metrics, payback_month=None, relapse_month=None)
    assert relapse_line(never, "zh-CN") is None
    shown = replace(result, total=replace(result.total, metrics=never))
    assert "转负" not in plan_lines(shown, "zh-CN")


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_every_tile_text_fits_a_tile_six_to_a_row(result, lang):
    """At 1280 px a tile of a strategy panel holds about 8 Latin or 4 Chinese characters
    (a Chinese one counts two) on a line; a longer value wraps at its spaces
    (pages/components/style.py), so every word must fit a line: no figure is cut."""
    for projection in (*result.strategies.values(), result.total):
        for name, text in tile_texts(projection.metrics, lang).items():
            for word in text.split():
                width = sum(2 if ord(c) > 0x2E80 else 1 for c in word)
                assert width <= 8, (name, text)


def test_a_strategy_positive_only_beyond_the_horizon_says_so():
    """The default private domain: NPV ¥26.3万 beside ROI −3.2 % and no payback."""
    from core.model.engine import evaluate
    from core.model.scenario import default_scenario
    from core.text.kpis import npv_sign_line

    result = evaluate(default_scenario())
    members = result.strategies["private_domain"].metrics
    assert members.npv > 0 > members.npv_horizon
    assert npv_sign_line(members, "zh-CN") == (
        "NPV 为正只因期末客户价值：测算期内 −¥4.27万，期末客户价值 ¥30.6万"
    )
    assert npv_sign_line(members, "en").startswith("NPV is positive only through the value")
    ads = result.strategies["ads"].metrics
    assert (ads.npv < 0) == (ads.npv_horizon < 0)
    assert npv_sign_line(ads, "en") is None


def test_english_recommendations_cite_the_report_not_the_projects_shorthand():
    from core.data.store import DataStore
    from core.export.summary import build_decision
    from core.model.scenario import default_scenario
    from core.text.decision import recommendation_text

    decision = build_decision(default_scenario(), DataStore())
    cited = [r for r in decision.recommendations if r.source]
    assert cited
    for item in cited:
        text = recommendation_text(item, "en")
        assert "Seed 0" not in text
        assert "2025 E-commerce Traffic Monetization Strategy Feasibility Report §" in text


def test_a_plan_where_nothing_happens_has_no_payback_to_show():
    """All three strategies off read "回本月份 未回本", though nothing was invested."""
    idle = evaluate(idle_scenario()).total.metrics
    assert not idle.active
    assert tile_texts(idle, "zh-CN")["payback_month"] == "无"
    assert tile_texts(idle, "en")["payback_month"] == "n/a"
    assert kpi_texts(idle, "en")["payback_month"] == "n/a"
