"""Scores as the pages show them."""

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
