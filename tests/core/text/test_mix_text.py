"""Mix Planner texts exist for every code the optimiser and the store can raise."""

import typing

import pytest

from core.analysis.frontier import TargetResult
from core.analysis.mix_requests import OBJECTIVES, ConstraintName, RequestError, TargetRequest
from core.analysis.optimizer import OptimizationResult
from core.data.scenario_store import StoreError, StoreProblem
from core.model.scenario import default_scenario
from core.text.mix import (
    allocation_text,
    objective_label,
    objective_value,
    option_label,
    request_problem,
    store_problem,
    target_sentence,
    violated_text,
)

PROBLEMS = (
    "negative",
    "unknown_strategy",
    "bounds_order",
    "not_finite",
    "too_large",
    "budget_outside_bounds",
    "no_strategy",
    "switched_off_bounds",
    "unknown_objective",
    "not_integer",
)
FIELDS = (
    "total_budget",
    "max_budget",
    "bounds.ads",
    "switched_off",
    "max_payback_month",
    "max_peak_cash",
    "min_roi",
    "min_gmv_roas",
    "objective",
    "points",
    "target",
)


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_every_code_has_a_text(lang):
    for problem in PROBLEMS:
        for field in FIELDS:
            assert request_problem(RequestError(field, problem), lang)
    for code in typing.get_args(StoreProblem):
        assert store_problem(StoreError(code, "春季"), lang)
    assert violated_text(typing.get_args(ConstraintName), lang)
    assert all(objective_label(name, lang) for name in OBJECTIVES)


def test_numbers_are_formatted_for_the_locale():
    assert allocation_text({"ads": 12_000.0, "content": 34_000.0}, "zh-CN") == (
        "广告投放 ¥1.20万、内容与直播 ¥3.40万"
    )
    assert objective_value("gmv_roas", 4.5, "en") == "4.50×"
    assert objective_value("npv", 1_234_567.0, "en") == "¥1.23M"
    assert option_label("bounds.content", "en") == "Range for Content & live-stream"


def _found(reached: bool, feasible: bool = True) -> TargetResult:
    result = OptimizationResult(
        "net_revenue",
        80_000.0,
        {"ads": 30_000.0, "content": 50_000.0},
        2e7,
        feasible,
        (),
        default_scenario(),
        10,
    )
    return TargetResult(TargetRequest("net_revenue", 2e7, 1e6), reached, result)


def test_target_sentences():
    assert target_sentence(_found(True), "zh-CN") == (
        "每月 ¥8.00万（广告投放 ¥3.00万、内容与直播 ¥5.00万）"
        "即可使“周期内净收入”达到 ¥2,000万：实际为 ¥2,000万。"
    )
    assert "saturation keeps" in target_sentence(_found(False), "en")
    assert "no split meets every constraint" in target_sentence(_found(False, False), "en")


def test_a_label_several_strategies_share_names_the_strategy():
    from core.text.labels import field_label

    assert field_label("ads.aov", "zh-CN") == "广告投放 · 客单价 AOV"
    assert field_label("content.aov", "en") == "Content & live-stream · Average order value (AOV)"
    assert field_label("ads.monthly_budget", "zh-CN") == "月广告预算"  # unique: as it is
    assert field_label("business.gross_margin", "en") == "Gross margin"
