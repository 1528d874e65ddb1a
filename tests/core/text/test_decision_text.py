"""Scores as the pages show them."""

from core.analysis.recommendations import Recommendation
from core.data.store import DataStore
from core.export.summary import build_decision
from core.model.scenario import default_scenario
from core.text.decision import recommendation_text, score_change, score_text


def test_a_score_change_is_the_difference_of_the_scores_shown():
    """Compare showed 41 | 43 beside "+1.9", and "0.0" where other rows read "±0"."""
    assert (score_text(41.4), score_text(43.3)) == ("41", "43")
    assert score_change(41.4, 43.3) == "+2"
    assert score_change(43.3, 41.4) == "−2"
    assert score_change(41.4, 41.2) == "±0"


def test_the_summary_payback_warning_carries_the_vague_range_note():
    """The plausibility finding reaches the Summary's advice through a Recommendation's
    numbers; its note that the payback range rests on vague rows must survive that."""
    chosen = build_decision(default_scenario(), DataStore())
    outputs = [r for r in chosen.recommendations if r.key == "guard.output"]
    assert [r.numbers["check"] for r in outputs] == ["payback_month"]
    assert recommendation_text(outputs[0], "en").endswith("not as a standard.")
    assert recommendation_text(outputs[0], "zh-CN").endswith("而不是标准。")


def _fragile(others: int) -> Recommendation:
    return Recommendation(
        key="fragile",
        kind="warning",
        tier=0,
        value=263_000.0,
        numbers={
            "strategy": "private_domain",
            "path": "private_domain.orders_per_member_month",
            "current": 0.10,
            "break_even": 0.095,
            "distance": 0.05,
            "others": others,
        },
    )


def test_a_fragile_strategy_reads_as_english_with_one_or_more_other_drivers():
    """ "… is fragile: Member purchase frequency is 0.10 … 1 more of its drivers are …"."""
    one = recommendation_text(_fragile(1), "en")
    assert "is fragile: member " in one
    assert one.endswith("hangs on it. One more of its drivers is near break-even too.")
    two = recommendation_text(_fragile(2), "en")
    assert two.endswith("hangs on it. 2 more of its drivers are near break-even too.")
    assert recommendation_text(_fragile(2), "zh-CN").endswith("。另有 2 个驱动因素也接近盈亏平衡。")
