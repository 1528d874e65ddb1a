"""The summary says where its P(loss) comes from, and counts the ranges saved with the plan."""

import pytest

from core.analysis.decision import decide
from core.analysis.risk_figures import simulated_risk
from core.analysis.scores import TOTAL, RiskFigures, Weights
from core.model.paths import with_values
from core.model.scenario import default_scenario
from core.model.stored_ranges import StoredRange
from core.text.decision import headline_notes, risk_basis_text


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


def _faked(scenario, p_loss, median):
    """The decision with every P(loss) and median NPV set by hand (no simulation)."""

    def risk_of(s):
        keys = (*s.enabled_keys(), TOTAL)
        figures = RiskFigures(
            p_loss=p_loss, expected_shortfall=-1e5, basis="simulation", median_npv=median
        )
        return dict.fromkeys(keys, figures)

    return decide(scenario, Weights(), risk_of=risk_of)


def test_a_negative_npv_beside_a_low_p_loss_is_explained_with_the_median():
    decision = _faked(default_scenario(), 0.3, 52_000.0)
    assert decision.recommended_result.total.metrics.npv < 0
    en = " ".join(headline_notes(decision, "en"))
    assert "Why a negative NPV sits beside a low P(loss)" in en
    assert "only 30% of the simulated cases lose money, with a median NPV of ¥52.0k" in en
    zh = " ".join(headline_notes(decision, "zh-CN"))
    assert "为何 NPV 为负、亏损概率却低" in zh
    assert "中位数 NPV 为 ¥5.20万" in zh


def test_a_positive_npv_beside_a_high_p_loss_is_explained_and_agreeing_tiles_are_not():
    scenario = with_values(default_scenario(), {"business.gross_margin": 0.7})
    decision = _faked(scenario, 0.8, -300_000.0)
    assert decision.recommended_result.total.metrics.npv >= 0
    assert "Why a positive NPV sits beside a high P(loss)" in " ".join(
        headline_notes(decision, "en")
    )
    assert "为何 NPV 为正、亏损概率却高" in " ".join(headline_notes(decision, "zh-CN"))
    agreeing = _faked(scenario, 0.2, 300_000.0)
    assert headline_notes(agreeing, "en") == headline_notes(agreeing, "zh-CN") == []


def test_a_positive_npv_that_rests_on_the_terminal_value_is_explained_with_its_parts():
    # At a 50 % gross margin the plan loses money within 36 months but the customers and
    # members left at the end are worth more: NPV = horizon part + terminal value.
    scenario = with_values(default_scenario(), {"business.gross_margin": 0.5})
    decision = _faked(scenario, 0.2, 300_000.0)
    m = decision.recommended_result.total.metrics
    assert m.npv >= 0 > m.npv_horizon
    assert m.npv == pytest.approx(m.npv_horizon + m.terminal_value)
    en = headline_notes(decision, "en")
    assert len(en) == 1
    assert en[0].startswith("Why a positive NPV sits beside a loss within the horizon")
    zh = headline_notes(decision, "zh-CN")[0]
    assert zh.startswith("为何 NPV 为正、测算期内却亏损：NPV ¥")
    assert "= 测算期内 −¥" in zh
    no_terminal = scenario.model_copy(update={"include_terminal_value": False})
    assert headline_notes(_faked(no_terminal, 0.8, -300_000.0), "en") == []


def test_the_summary_tiles_are_short_and_a_relapse_is_told_in_a_note():
    from dataclasses import replace

    from core.text.decision import headline_texts

    decision = _decision(default_scenario())
    payback = dict(headline_texts(decision, "en"))["Payback"]
    assert payback == "No payback"  # the default recommended mix does not pay back
    total = decision.recommended_result.total
    relapsed = replace(total.metrics, payback_month=None, relapse_month=20)
    shown = replace(
        decision,
        recommended_result=replace(
            decision.recommended_result, total=replace(total, metrics=relapsed)
        ),
    )
    assert dict(headline_texts(shown, "zh-CN"))["回本月份"] == "未回本"
    assert "自第 20 月起再次转负" in " ".join(headline_notes(shown, "zh-CN"))


def test_the_median_gap_is_told_only_when_there_is_one():
    from dataclasses import replace

    from core.analysis.uncertainty import Statistics
    from core.text.risk import median_gap_line

    stats = Statistics(
        draws=10, mean=-1.0, p5=-2.0, p50=-472_000.0, p95=1.0, p_loss=0.7,
        expected_shortfall=-3.0, roi_p5=None, roi_p50=None, roi_p95=None,
        p_paid_back=0.0, payback_p50=None, peak_cash_p95=1.0,
    )  # fmt: skip
    line = median_gap_line(stats, -86_900.0, True, "zh-CN")
    assert line is not None
    assert "−¥8.69万" in line
    assert "−¥47.2万" in line
    assert "风险登记册" in line
    without_events = median_gap_line(stats, -86_900.0, False, "en")
    assert without_events is not None
    assert "register" not in without_events
    assert median_gap_line(replace(stats, p50=-86_940.0), -86_900.0, True, "zh-CN") is None
