"""Tornado and break-even on hand-computable scenarios."""

import numpy as np
import pytest

from core.analysis.sensitivity import (
    _sign_change_cell,
    break_even,
    break_evens,
    strategy_npv,
    tornado,
)
from core.model.paths import value_at, with_values
from tests.conftest import ads_only


def test_ads_cpc_break_even_matches_the_closed_form():
    # contribution a month = 10,000/cpc × 0.05 × 100 × 0.9 × 0.5 − 10,000:
    # zero at cpc* = 0.05 × 100 × 0.9 × 0.5 = 2.25
    be = break_even(ads_only(), "ads", "cpc")
    assert be.current == 2.0
    assert be.value == pytest.approx(2.25, rel=1e-6)


def test_break_even_values_give_zero_npv(default):
    for key in ("ads", "content", "private_domain"):
        for be in break_evens(default, key):
            if be.value is None:
                continue
            npv = strategy_npv(with_values(default, {be.path: be.value}), key)
            assert npv == pytest.approx(0.0, abs=1e-3 * max(1.0, abs(strategy_npv(default, key))))


def test_no_break_even_when_npv_keeps_its_sign():
    # Even at CVR 50 % a click earns 0.5 × 10 × 0.9 × 0.5 = ¥2.25 of margin against ¥15:
    # NPV < 0 for every valid CVR.
    assert break_even(ads_only(cpc=15.0, aov=10.0), "ads", "cvr").value is None


def test_no_break_even_for_a_strategy_that_is_off(default):
    off = with_values(default, {"content.enabled": False})
    assert break_evens(off, "content") == []
    assert tornado(off, "content") == []


def test_tornado_moves_each_driver_20_percent_and_sorts_by_swing():
    bars = tornado(ads_only(), "ads")
    swings = [bar.swing for bar in bars]
    assert swings == sorted(swings, reverse=True)
    cpc = next(bar for bar in bars if bar.path == "ads.cpc")
    assert (cpc.low_value, cpc.high_value) == pytest.approx((1.6, 2.4))
    # 36 months without discounting: NPV = 36 × (10,000/cpc × 2.25 − 10,000)
    assert cpc.npv_low == pytest.approx(36 * (10_000 / 1.6 * 2.25 - 10_000))
    assert cpc.npv_high == pytest.approx(36 * (10_000 / 2.4 * 2.25 - 10_000))
    paths = {bar.path for bar in bars}
    assert "business.gross_margin" in paths
    assert "ads.agency_fee_rate" not in paths  # zero: ±20 % of nothing is nothing
    assert "ads.saturation_clicks" not in paths  # switched off
    assert "ads.cpm" not in paths  # buying per click: CPM does not matter


def test_tornado_uses_a_supplied_range_and_clamps_to_bounds():
    bars = tornado(ads_only(), "ads", ranges={"ads.cvr": (0.01, 0.9)})
    cvr = next(bar for bar in bars if bar.path == "ads.cvr")
    assert (cvr.low_value, cvr.high_value, cvr.from_range) == (0.01, 0.5, True)
    cpc = next(bar for bar in bars if bar.path == "ads.cpc")
    assert cpc.from_range is False


def test_a_bracket_whose_sign_change_rounds_away_gives_the_value_nearest_zero():
    # Both ends had opposite signs in one batch; re-evaluated in another batch, NPV within
    # a rounding error of zero keeps one sign along the whole grid.
    grid = np.array([1.0, 2.0, 3.0, 4.0])
    npv = np.array([3e-12, 1e-12, 2e-12, 5e-12])
    assert _sign_change_cell(npv, grid, current=1.0) == ((2.0, 2.0), (1e-12, 1e-12))
    # With a sign change, the cell nearest the current value.
    npv = np.array([-1.0, 1.0, -1.0, 1.0])
    assert _sign_change_cell(npv, grid, current=3.9) == ((3.0, 4.0), (-1.0, 1.0))


def test_tornado_ranges_hold_the_value_so_a_dearer_team_never_raises_npv():
    """Large JD electronics pays its ad team ¥20万 a month; the table's team-cost rows are
    one operator's pay (¥4,441–¥1.5万). Moved over that raw range, the 'high' team cost
    was below today's and the tornado showed a higher cost raising NPV."""
    from core.analysis.uncertainty import tornado_ranges
    from core.data.presets import apply_preset, preset_by_key
    from core.data.ranges import driver_ranges, range_bounds
    from core.data.store import DataStore

    store = DataStore()
    scenario = apply_preset(preset_by_key("large_electronics_jd"), store).scenario
    raw = range_bounds(driver_ranges(store, scenario.business.category))
    path = "ads.monthly_team_cost"
    assert raw[path][1] < scenario.ads.monthly_team_cost  # the whole table range lies below
    ranges = tornado_ranges(scenario, raw)
    for p, (low, high) in ranges.items():
        assert low <= value_at(scenario, p) <= high, p
    bar = next(b for b in tornado(scenario, "ads", ranges) if b.path == path)
    assert bar.low_value <= scenario.ads.monthly_team_cost <= bar.high_value
    assert bar.npv_high <= bar.npv_low  # a dearer team never earns more
