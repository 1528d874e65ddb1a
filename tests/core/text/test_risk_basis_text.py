"""The summary says where its P(loss) comes from, and counts the ranges saved with the plan."""

import pytest

from core.analysis.decision import decide
from core.analysis.risk_figures import simulated_risk
from core.analysis.scores import Weights
from core.model.scenario import default_scenario
from core.model.stored_ranges import StoredRange
from core.text.decision import risk_basis_text


def _decision(scenario):
    return decide(scenario, Weights(), risk_of=lambda s: simulated_risk(s, {}))


@pytest.mark.parametrize(
    ("lang", "plain", "saved"),
    [
        ("zh-CN", "（2,000 次抽样，驱动因素取基准区间，含", "其中 2 项用方案里保存的区间"),
        ("en", "(2,000 draws over the benchmark driver ranges, with", "2 of them the ranges saved"),
    ],
)
def test_the_basis_names_the_draws_and_the_saved_ranges(lang, plain, saved):
    scenario = default_scenario()
    assert plain in risk_basis_text(_decision(scenario), lang)
    ranges = {
        "ads.cpc": StoredRange(low=0.8, high=1.5),
        "business.gross_margin": StoredRange(low=0.4, high=0.5, source="data"),
        "ads.cpm": StoredRange(low=10.0, high=20.0),  # buying per click: not drawn, not counted
    }
    text = risk_basis_text(_decision(scenario.model_copy(update={"ranges": ranges})), lang)
    assert saved in text


def test_without_the_monte_carlo_the_basis_says_one_at_a_time():
    text = risk_basis_text(decide(default_scenario(), Weights(), ranges={}), "en")
    assert text.startswith("P(loss) estimated from one-at-a-time ranges")
