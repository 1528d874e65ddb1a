"""Discounting, cash, payback semantics and peak cash need (hand-computed)."""

import numpy as np
import pytest

from core.model.finance import (
    cumulative_cash,
    discount_factors,
    monthly_rate,
    payback_months,
    peak_cash_need,
    ratio,
)


def test_monthly_rate_compounds_to_the_annual_rate():
    assert (1 + monthly_rate(0.10)) ** 12 == pytest.approx(1.10)
    assert monthly_rate(0.0) == 0.0


def test_discount_factors_fall_at_the_end_of_each_month():
    factors = discount_factors(3, 0.10)
    r = 1.10 ** (1 / 12) - 1
    np.testing.assert_allclose(factors, [1 / (1 + r), 1 / (1 + r) ** 2, 1 / (1 + r) ** 3])


def test_cumulative_cash_starts_at_minus_setup():
    cash = cumulative_cash(np.array([[10.0, 20.0, -5.0]]), np.array([15.0]))
    np.testing.assert_allclose(cash, [[-15.0, -5.0, 15.0, 10.0]])


@pytest.mark.parametrize(
    ("cash", "payback", "relapse"),
    [
        ([-15, -5, 15, 10], 2, 0),  # positive from month 2 to the end
        ([-15, -5, 15, -1], 0, 3),  # recovered in month 2, negative again in month 3
        ([0, 10, 20, 30], 1, 0),  # never negative: month 1
        ([-10, -5, -1, -0.5], 0, 0),  # never recovered
        ([-10, 5, -3, 2], 3, 0),  # back below zero in month 2, for good from month 3
        ([-10, 5, -3, 2, -1], 0, 4),  # last turn negative in month 4
    ],
)
def test_payback_is_the_month_from_which_cash_stays_non_negative(cash, payback, relapse):
    found_payback, found_relapse = payback_months(np.array([cash], dtype=float))
    assert (int(found_payback[0]), int(found_relapse[0])) == (payback, relapse)


def test_peak_cash_need_is_the_deepest_point():
    cash = np.array([[-15.0, -40.0, -5.0, 10.0], [0.0, 1.0, 2.0, 3.0]])
    np.testing.assert_allclose(peak_cash_need(cash), [40.0, 0.0])


def test_ratio_has_no_value_without_a_denominator():
    out = ratio(np.array([1.0, 2.0]), np.array([4.0, 0.0]))
    assert out[0] == 0.25
    assert np.isnan(out[1])
