"""The ads response curve fitted to daily campaign results."""

import numpy as np
import pytest

from core.analysis.ads_response import DAYS_PER_MONTH, fit_ads_response, hill_clicks


def test_the_curve_by_hand():
    # K = 100 clicks a month, list price ¥2: ¥200 buys 100 clicks at list price,
    # of which the audience gives 100·100 / (100 + 100) = 50.
    assert hill_clicks(200.0, 100.0, 2.0) == pytest.approx(50.0)
    assert hill_clicks(2.0, 1e9, 2.0) == pytest.approx(1.0)  # far below the ceiling: list price


def _days(ceiling: float, list_cpc: float, n: int = 120, noise: float = 0.05):
    rng = np.random.default_rng(11)
    spend = rng.uniform(2_000.0, 30_000.0, n)  # yuan a day
    monthly = hill_clicks(spend * DAYS_PER_MONTH, ceiling, list_cpc)
    return spend, monthly / DAYS_PER_MONTH * np.exp(rng.normal(0.0, noise, n))


def test_known_parameters_are_recovered():
    spend, clicks = _days(ceiling=400_000.0, list_cpc=0.8)
    fit = fit_ads_response(spend, clicks)
    assert fit is not None
    assert fit.list_cpc == pytest.approx(0.8, rel=0.05)
    assert fit.ceiling == pytest.approx(400_000.0, rel=0.10)
    assert fit.list_cpc_range[0] < fit.list_cpc < fit.list_cpc_range[1]
    assert fit.ceiling_range[0] < fit.ceiling < fit.ceiling_range[1]
    assert fit.days == 120
    assert fit.r_squared > 0.9
    assert set(fit.drivers()) == {"ads.cpc", "ads.saturation_clicks"}


def test_no_curve_when_the_data_cannot_tell_the_ceiling():
    spend, clicks = _days(ceiling=400_000.0, list_cpc=0.8)
    assert fit_ads_response(spend[:10], clicks[:10]) is None  # too few days
    flat = np.full(60, 10_000.0)
    assert fit_ads_response(flat, flat / 0.8) is None  # spend never varied
    # Clicks proportional to spend: no ceiling in sight.
    assert fit_ads_response(spend, spend / 0.8) is None
