import pytest

from core.analysis.sensitivity import break_even, break_evens, strategy_npv, tornado
from core.model.paths import with_values
from tests.conftest import LINEAR_ADS, make_scenario


def test_ads_cpc_break_even_matches_the_closed_form():
    # Linear ads, no CPC growth: contribution/month = B/cpc × cvr × aov × (1−r) × gm − B,
    # zero when cpc* = cvr × aov × (1−r) × gm = 0.05 × 100 × 0.9 × 0.4 = 1.8
    s = make_scenario(ads=LINEAR_ADS, business={"gross_margin": 0.4, "return_rate": 0.1})
    be = break_even(s, "ads", "cpc")
    assert be.current == 2.0
    assert be.value == pytest.approx(1.8, rel=1e-6)


def test_break_even_values_give_zero_npv(default):
    for key in ("ads", "content", "private_domain"):
        for be in break_evens(default, key):
            if be.value is None:
                continue
            npv = strategy_npv(with_values(default, {be.path: be.value}), key)
            assert npv == pytest.approx(0.0, abs=1e-3 * max(1.0, abs(strategy_npv(default, key))))


def test_no_break_even_when_npv_keeps_its_sign():
    # Even at CVR = 100 % a click earns 10 × 0.9 × 0.1 = ¥0.90 of gross profit against a
    # ¥15 CPC: NPV < 0 for every valid CVR, so there is no break-even CVR.
    s = make_scenario(
        ads={**LINEAR_ADS, "cpc": 15.0, "aov": 10.0},
        business={"gross_margin": 0.1, "return_rate": 0.1},
    )
    assert break_even(s, "ads", "cvr").value is None


def test_tornado_moves_each_driver_20_percent_and_sorts_by_swing():
    s = make_scenario(ads=LINEAR_ADS, business={"gross_margin": 0.4, "return_rate": 0.1})
    bars = tornado(s, "ads")
    swings = [bar.swing for bar in bars]
    assert swings == sorted(swings, reverse=True)
    cpc = next(bar for bar in bars if bar.path == "ads.cpc")
    assert (cpc.low_value, cpc.high_value) == pytest.approx((1.6, 2.4))
    # Higher CPC, lower NPV
    assert cpc.npv_high < cpc.npv_low
    # 24 months, zero discount would be exact; check the sign and ordering only here.
    paths = {bar.path for bar in bars}
    assert "business.gross_margin" in paths
    assert "ads.agency_fee_rate" not in paths  # zero: ±20 % of nothing is nothing
    assert "ads.saturation_spend" not in paths  # switched off


def test_tornado_clamps_rates_to_their_valid_range():
    s = make_scenario(ads={"cvr": 0.95})
    cvr = next(bar for bar in tornado(s, "ads") if bar.path == "ads.cvr")
    assert cvr.high_value == 1.0
    assert cvr.low_value == pytest.approx(0.76)
