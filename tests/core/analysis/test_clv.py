"""12-month CLV: discounting convention, telescoping and hand arithmetic for one customer."""

import numpy as np
import pytest

from core.analysis.customer_value import (
    BgNbdParams,
    GammaGammaParams,
    conditional_expected_average_spend,
    conditional_expected_purchases,
    customer_lifetime_value,
    expected_purchases_by_month,
    periods_per_month,
)

BGNBD = BgNbdParams(r=0.243, alpha=4.414, a=0.793, b=2.426)
SPEND = GammaGammaParams(p=6.25, q=3.74, v=15.44)
CUSTOMERS = {
    "frequency": np.array([2, 0, 10, 1]),
    "recency": np.array([30.43, 0.0, 35.0, 1.71]),
    "age": np.array([38.86, 38.86, 36.0, 38.86]),
    "monetary_value": np.array([22.35, 0.0, 40.0, 11.77]),
}


def test_weeks_per_month():
    assert periods_per_month("week") == pytest.approx(30.4375 / 7)
    assert periods_per_month("day") == 30.4375
    assert periods_per_month("month") == 1.0


def test_two_months_by_hand():
    tau = 30.4375 / 7  # weeks per month
    d = 1.10 ** (1 / 12) - 1  # monthly rate of 10 % a year
    x, t_x, age, m = 2, 30.43, 38.86, 22.35
    first = float(conditional_expected_purchases(BGNBD, tau, x, t_x, age))
    both = float(conditional_expected_purchases(BGNBD, 2 * tau, x, t_x, age))
    spend = (SPEND.v + x * m) * SPEND.p / (SPEND.p * x + SPEND.q - 1)
    by_hand = 0.3 * spend * (first / (1 + d) + (both - first) / (1 + d) ** 2)
    clv = customer_lifetime_value(
        BGNBD,
        SPEND,
        frequency=x,
        recency=t_x,
        age=age,
        monetary_value=m,
        time_unit="week",
        margin=0.3,
        annual_discount_rate=0.10,
        months=2,
    )
    assert float(clv) == pytest.approx(by_hand, rel=1e-12)


def test_without_discounting_clv_is_margin_times_spend_times_twelve_month_purchases():
    clv = customer_lifetime_value(
        BGNBD, SPEND, **CUSTOMERS, time_unit="week", margin=0.25, annual_discount_rate=0.0
    )
    horizon = 12 * 30.4375 / 7
    purchases = conditional_expected_purchases(
        BGNBD, horizon, CUSTOMERS["frequency"], CUSTOMERS["recency"], CUSTOMERS["age"]
    )
    spend = conditional_expected_average_spend(
        SPEND, CUSTOMERS["frequency"], CUSTOMERS["monetary_value"]
    )
    np.testing.assert_allclose(clv, 0.25 * spend * purchases, rtol=1e-12)


def test_discounting_lowers_clv_and_margin_scales_it():
    def clv(margin: float, rate: float) -> np.ndarray:
        return customer_lifetime_value(
            BGNBD, SPEND, **CUSTOMERS, time_unit="week", margin=margin, annual_discount_rate=rate
        )

    assert np.all(clv(0.3, 0.2) < clv(0.3, 0.0))
    np.testing.assert_allclose(clv(0.6, 0.1), 2 * clv(0.3, 0.1), rtol=1e-14)
    assert np.all(clv(0.0, 0.1) == 0.0)


def test_monthly_purchases_are_non_negative_and_add_up():
    by_month = expected_purchases_by_month(
        BGNBD, CUSTOMERS["frequency"], CUSTOMERS["recency"], CUSTOMERS["age"], time_unit="week"
    )
    assert by_month.shape == (4, 12)
    assert np.all(by_month >= 0)
    total = conditional_expected_purchases(
        BGNBD, 12 * 30.4375 / 7, CUSTOMERS["frequency"], CUSTOMERS["recency"], CUSTOMERS["age"]
    )
    np.testing.assert_allclose(by_month.sum(axis=1), total, rtol=1e-12)


def test_same_customers_in_days_give_the_same_clv():
    in_days = BgNbdParams(r=BGNBD.r, alpha=7 * BGNBD.alpha, a=BGNBD.a, b=BGNBD.b)
    days = {**CUSTOMERS, "recency": CUSTOMERS["recency"] * 7, "age": CUSTOMERS["age"] * 7}
    weekly = customer_lifetime_value(
        BGNBD, SPEND, **CUSTOMERS, time_unit="week", margin=0.3, annual_discount_rate=0.1
    )
    daily = customer_lifetime_value(
        in_days, SPEND, **days, time_unit="day", margin=0.3, annual_discount_rate=0.1
    )
    np.testing.assert_allclose(daily, weekly, rtol=1e-10)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"margin": 1.5}, "margin must be within"),
        ({"margin": -0.1}, "margin must be within"),
        ({"annual_discount_rate": -0.1}, "annual_discount_rate must be ≥ 0"),
        ({"months": 0}, "months must be ≥ 1"),
        ({"time_unit": "year"}, "time_unit must be one of"),
    ],
)
def test_bad_options_are_rejected(options, message):
    arguments = {"time_unit": "week", "margin": 0.3, "annual_discount_rate": 0.1, **options}
    with pytest.raises(ValueError, match=message):
        customer_lifetime_value(BGNBD, SPEND, **CUSTOMERS, **arguments)


def test_segment_p_alive_counts_only_repeat_buyers():
    # BG/NBD puts a one-time buyer's P(alive) at 1: left in, the "lost" segment (nearly
    # all one-time buyers) read as the most alive one.
    import pandas as pd

    from core.analysis.customer_value.valuation import value_by_segment

    customers = pd.DataFrame(
        {
            "segment": ["lost", "lost", "lost", "loyal", "loyal", "new"],
            "frequency": [0, 0, 2, 5, 3, 0],
            "p_alive": [1.0, 1.0, 0.1, 0.6, 0.2, 1.0],
            "expected_purchases": [0.1, 0.1, 0.4, 2.0, 1.0, 0.3],
            "clv": [10.0, 10.0, 40.0, 200.0, 100.0, 30.0],
        }
    )
    table = value_by_segment(customers).set_index("segment")
    assert table.loc["lost", "p_alive"] == pytest.approx(0.1)
    assert table.loc["lost", "one_time_share"] == pytest.approx(2 / 3)
    assert table.loc["loyal", "p_alive"] == pytest.approx(0.4)
    assert table.loc["loyal", "one_time_share"] == 0.0
    assert pd.isna(table.loc["new", "p_alive"])
    assert table.loc["loyal", "clv_share"] == pytest.approx(300 / 390)
    # in the order asked for (the page's segment order, not the keys' alphabet)
    ordered = value_by_segment(customers, ["champions", "loyal", "new", "lost"])
    assert list(ordered["segment"]) == ["loyal", "new", "lost"]
