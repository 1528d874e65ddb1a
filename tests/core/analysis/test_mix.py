"""The mix: allocations, splits by share, and the plan next to the sum of its parts."""

import pytest
from pydantic import ValidationError

from core.analysis.mix import allocation_of, mix_value, shares_of, split_budget, with_allocation
from core.model.engine import evaluate
from core.model.paths import with_values
from tests.conftest import ads_only
from tests.core.analysis.mix_cases import ADS_MARGIN, CONTENT_MARGIN, ads_and_content


def test_allocation_lists_the_enabled_levers(default):
    assert allocation_of(default) == {
        "ads": 30_000.0,
        "content": 30_000.0,
        "private_domain": 3_000.0,
    }
    assert allocation_of(ads_only()) == {"ads": 10_000.0}


def test_split_by_shares_keeps_the_total():
    assert split_budget(60_000.0, {"ads": 1.0, "content": 2.0, "private_domain": 3.0}) == {
        "ads": 10_000.0,
        "content": 20_000.0,
        "private_domain": 30_000.0,
    }
    assert split_budget(9_000.0, {"ads": 0.0, "content": 0.0}) == {
        "ads": 4_500.0,
        "content": 4_500.0,
    }
    assert shares_of({"ads": 30_000.0, "content": 10_000.0}) == {"ads": 0.75, "content": 0.25}
    with pytest.raises(ValueError, match="negative"):
        split_budget(-1.0, {"ads": 1.0})


def test_with_allocation_sets_levers_and_switches_off(default):
    changed = with_allocation(default, {"ads": 5_000.0, "private_domain": 0.0}, ["content"])
    assert changed.ads.monthly_budget == 5_000.0
    assert changed.private_domain.monthly_acquisition_budget == 0.0
    assert changed.enabled_keys() == ("ads", "private_domain")
    with pytest.raises(ValidationError):
        with_allocation(default, {"ads": -1.0})
    with pytest.raises(KeyError):
        with_allocation(default, {"tv": 1.0})


def test_hand_computed_mix_contribution():
    # ¥8,000 of ads and ¥12,000 of content a month for 36 months, no discounting:
    # 36 × (0.125 × 8,000 + 1.25 × 12,000) = 36 × 16,000 = 576,000
    scenario = with_allocation(ads_and_content(), {"ads": 8_000.0, "content": 12_000.0})
    m = evaluate(scenario).total.metrics
    assert m.npv == pytest.approx(36 * (ADS_MARGIN * 8_000 + CONTENT_MARGIN * 12_000))
    assert m.net_revenue == pytest.approx(36 * (2.25 * 8_000 + 4.5 * 12_000))


def test_independent_strategies_add_up():
    value = mix_value(ads_and_content())
    assert value.alone == pytest.approx({"ads": 45_000.0, "content": 450_000.0})
    assert value.together == pytest.approx(value.parts)
    assert value.synergy == pytest.approx(0.0, abs=1e-6)


def test_what_the_mix_adds_is_the_flow(default):
    value = mix_value(default)
    assert value.synergy == pytest.approx(evaluate(default).flow_value, rel=1e-9)
    assert value.synergy > 0
    # the acquisition strategies are worth the same alone and together
    result = evaluate(default)
    for key in ("ads", "content"):
        assert value.alone[key] == pytest.approx(result.strategies[key].metrics.npv, rel=1e-12)
    no_flow = with_values(default, {"private_domain.public_to_private_flow": False})
    assert mix_value(no_flow).synergy == pytest.approx(0.0, abs=1e-6)
