"""Scores as the pages show them."""

from core.text.decision import score_change, score_text


def test_a_score_change_is_the_difference_of_the_scores_shown():
    """Compare showed 41 | 43 beside "+1.9", and "0.0" where other rows read "±0"."""
    assert (score_text(41.4), score_text(43.3)) == ("41", "43")
    assert score_change(41.4, 43.3) == "+2"
    assert score_change(43.3, 41.4) == "−2"
    assert score_change(41.4, 41.2) == "±0"
