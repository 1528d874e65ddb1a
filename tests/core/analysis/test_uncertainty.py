"""The Monte Carlo: degenerate ranges are the deterministic engine, P(loss) converges to
hand-computed answers, draws follow their ranges, correlations and seed."""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from scipy import stats as sps

from core.analysis.risk import TOTAL
from core.analysis.uncertainty import (
    CORRELATED,
    DECISIONS,
    DriverRange,
    SimulationSetup,
    default_ranges,
    draw,
    expected_shortfall,
    scenario_ranges,
    simulate,
    uncertain_paths,
)
from core.model.engine import evaluate_batch
from core.model.finance import payback_months, peak_cash_need
from core.model.paths import driver_spec, value_at
from core.model.risks import Risk
from core.model.stored_ranges import StoredRange
from tests.analysis_helpers import fixed_ranges
from tests.conftest import ads_only
from tests.scenario_strategies import scenarios


def test_degenerate_ranges_equal_the_deterministic_engine_exactly(default):
    batch = evaluate_batch(default)
    simulation = simulate(default, fixed_ranges(default), SimulationSetup(draws=500, events=False))
    for key, p in [*batch.strategies.items(), (TOTAL, batch.total)]:
        npv = float(batch.npv(None if key == TOTAL else key)[0])
        roi = float(p.contribution[0].sum() - p.setup_cost[0]) / (
            float(p.totals["costs"][0]) + float(p.setup_cost[0])
        )
        payback = int(payback_months(p.cumulative_cash)[0][0])
        s = simulation.stats(key)
        assert s.p5 == s.p50 == s.p95 == s.mean == s.expected_shortfall == npv
        assert s.p_loss == float(npv < 0)
        assert s.roi_p5 == s.roi_p50 == s.roi_p95 == roi
        assert s.payback_p50 == (payback or None)
        assert s.p_paid_back == float(payback > 0)
        assert s.peak_cash_p95 == float(peak_cash_need(p.cumulative_cash)[0])


def test_a_strategy_with_nothing_to_do_never_counts_as_paid_back():
    """Ads switched on with no budget, team or setup: no cost and no order in any draw, so
    no payback (core.model.finance), although its cash never goes below zero."""
    idle = ads_only(monthly_budget=0.0)
    stats = simulate(idle, fixed_ranges(idle), SimulationSetup(draws=20, events=False)).stats("ads")
    assert stats.p_paid_back == 0.0
    assert stats.payback_p50 is None
    assert stats.p_loss == 0.0


def test_without_events_and_ranges_a_register_changes_nothing(default):
    setup = SimulationSetup(draws=50, events=True)
    empty = default.model_copy(update={"risks": ()})
    a = simulate(empty, fixed_ranges(empty), setup).stats()
    b = simulate(empty, fixed_ranges(empty), SimulationSetup(draws=50, events=False)).stats()
    assert a == b


def test_p_loss_converges_to_the_beta_cdf():
    # Linear ads: NPV = 36 × (5,000 clicks × cvr × ¥45 − ¥10,000) < 0 ⇔ cvr < 4/90.
    # cvr ~ PERT(0, 0.05, 0.1) is 0.1·Beta(3, 3); P(cvr < 4/90) = F(4/9) with
    # F(x) = x³(10 − 15x + 6x²) for Beta(3, 3) — computed by hand below.
    scenario = ads_only()
    ranges = {"ads.cvr": DriverRange(0.0, 0.05, 0.1, "pert", "user")}
    x = 4 / 9
    exact = x**3 * (10 - 15 * x + 6 * x**2)
    assert exact == pytest.approx(sps.beta.cdf(x, 3, 3))
    p_loss = simulate(scenario, ranges, SimulationSetup(draws=100_000, events=False)).stats().p_loss
    sigma = math.sqrt(exact * (1 - exact) / 100_000)
    assert abs(p_loss - exact) < 4 * sigma


def test_p_loss_converges_to_the_chance_of_a_fine():
    # ¥45,000 of NPV in three years, a ¥1m stock-out with likelihood 3 (25 % a year):
    # the plan loses money exactly when the event happens, 1 − 0.75³ of the time.
    risk = Risk(
        id="stockout",
        category="supply",
        strategies=("ads",),
        likelihood=3,
        residual_likelihood=3,
        shock="stockout",
    )
    business = ads_only().business.model_copy(update={"size": "large"})  # the ¥1m as written
    scenario = ads_only().model_copy(update={"risks": (risk,), "business": business})
    p_loss = simulate(scenario, {}, SimulationSetup(draws=100_000)).stats().p_loss
    exact = 1 - 0.75**3
    assert abs(p_loss - exact) < 4 * math.sqrt(exact * (1 - exact) / 100_000)


def test_lognormal_ranges_put_low_and_high_at_p5_and_p95():
    r = DriverRange(0.5, 1.0, 4.0, "lognormal", "user")
    x = draw({"ads.cpc": r}, 200_000, np.random.default_rng(3))["ads.cpc"]
    assert np.percentile(x, [5, 50, 95]) == pytest.approx([0.5, 1.0, 4.0], rel=0.02)


def test_pert_draws_stay_in_range_with_the_pert_mean():
    r = DriverRange(0.01, 0.02, 0.05, "pert", "user")
    x = draw({"ads.cvr": r}, 100_000, np.random.default_rng(3))["ads.cvr"]
    assert x.min() >= 0.01
    assert x.max() <= 0.05
    assert x.mean() == pytest.approx((0.01 + 4 * 0.02 + 0.05) / 6, rel=0.01)


def test_correlated_groups_move_together_and_others_do_not(default):
    draws = draw(default_ranges(default, {}), 20_000, np.random.default_rng(5))
    prices = next(g for g in CORRELATED if g.name == "media_prices")
    together = sps.spearmanr(draws["ads.cpc"], draws["content.promotion_cpm"]).statistic
    apart = sps.spearmanr(draws["ads.cpc"], draws["private_domain.monthly_churn"]).statistic
    assert together == pytest.approx(6 / math.pi * math.asin(prices.rho / 2), abs=0.03)
    assert abs(apart) < 0.03


def test_the_seed_makes_runs_reproducible(default):
    ranges = default_ranges(default, {})
    one = simulate(default, ranges, SimulationSetup(draws=300, seed=1)).stats()
    again = simulate(default, ranges, SimulationSetup(draws=300, seed=1)).stats()
    other = simulate(default, ranges, SimulationSetup(draws=300, seed=2)).stats()
    assert one == again
    assert one != other
    # The app keeps ranges as sorted JSON: the order of the mapping must not matter.
    shuffled = dict(reversed(list(ranges.items())))
    assert simulate(default, shuffled, SimulationSetup(draws=300, seed=1)).stats() == one


def test_benchmark_ranges_win_widened_to_hold_the_value_and_cut_to_the_spread(default):
    # CPC ¥1.00 (multiplicative): the table's ¥2–5 is widened to ¥1–5 and cut at ×2.
    ranges = default_ranges(default, {"ads.cpc": (2.0, 5.0)})
    assert ranges["ads.cpc"] == DriverRange(1.0, 1.0, 2.0, "pert", "benchmark")
    cvr = ranges["ads.cvr"]
    assert (cvr.low, cvr.high, cvr.source) == pytest.approx((0.025 * 0.8, 0.025 * 1.2, "default"))
    # A table span over many sellers: ¥0.1–10 a click → ¥0.5–2; CVR 0.1–20 % → 2.5 % ± 50 %.
    wide = default_ranges(default, {"ads.cpc": (0.1, 10.0), "ads.cvr": (0.001, 0.2)})
    assert wide["ads.cpc"] == DriverRange(0.5, 1.0, 2.0, "lognormal", "benchmark")
    assert (wide["ads.cvr"].low, wide["ads.cvr"].high) == pytest.approx((0.0125, 0.0375))


def test_ranges_saved_with_the_scenario_win_over_the_defaults(default):
    saved = {
        "ads.cpc": StoredRange(low=0.8, high=1.5, source="user"),
        "ads.cvr": StoredRange(low=0.03, high=0.04, source="data"),  # value 2.5 % below it
        "ads.cpm": StoredRange(low=10.0, high=20.0),  # buying per click: CPM is not drawn
    }
    ranges = scenario_ranges(default.model_copy(update={"ranges": saved}), {"ads.cpc": (2, 5)})
    assert ranges["ads.cpc"] == DriverRange(0.8, 1.0, 1.5, "lognormal", "user")
    # A saved range that no longer holds the value is widened to it: 2.5 %–4 %, mode 2.5 %.
    assert ranges["ads.cvr"] == DriverRange(0.025, 0.025, 0.04, "pert", "data")
    assert "ads.cpm" not in ranges
    assert ranges["ads.aov"] == default_ranges(default, {})["ads.aov"]
    assert scenario_ranges(default, {"ads.cpc": (2, 5)}) == default_ranges(
        default, {"ads.cpc": (2, 5)}
    )


def test_decisions_and_switched_off_drivers_are_not_uncertain(default):
    paths = uncertain_paths(default)
    assert not set(paths) & DECISIONS
    assert "ads.cpm" not in paths  # buying per click
    off = default.model_copy(update={"ads": default.ads.model_copy(update={"enabled": False})})
    assert not any(p.startswith("ads.") for p in uncertain_paths(off))


def test_expected_shortfall_is_the_mean_of_the_worst_five_percent():
    values = np.arange(100.0)
    assert expected_shortfall(values) == pytest.approx(2.0)  # mean of 0..4
    assert expected_shortfall(np.full(7, 0.1)) == 0.1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(wide=False))
def test_every_scenario_simulates_to_ordered_finite_statistics(scenario):
    ranges = default_ranges(scenario, {})
    for path, r in ranges.items():
        assert r.low <= r.mode <= r.high
        assert driver_spec(path).accepts(r.low) or r.low == value_at(scenario, path)
    simulation = simulate(scenario, ranges, SimulationSetup(draws=200))
    for key in simulation.keys:
        s = simulation.stats(key)
        assert s.expected_shortfall <= s.p5 <= s.p50 <= s.p95
        assert 0.0 <= s.p_loss <= 1.0
        assert 0.0 <= s.p_paid_back <= 1.0
        assert all(math.isfinite(v) for v in (s.mean, s.peak_cash_p95))
