import numpy as np
import pytest

from core.model.finance import cumulative_cash, monthly_rate, npv, payback_month, summarize


def test_monthly_rate_compounds_to_the_annual_rate():
    # (1 + r_m)^12 = 1.10  →  r_m = 1.10^(1/12) − 1 ≈ 0.0079741
    assert monthly_rate(0.10) == pytest.approx(1.10 ** (1 / 12) - 1)
    assert (1 + monthly_rate(0.10)) ** 12 == pytest.approx(1.10)
    assert monthly_rate(0.0) == 0.0


def test_npv_by_hand():
    # setup 100 at t=0, +60 at t=1, +60 at t=2, annual rate 21% → monthly rate r:
    # (1+r)^12 = 1.21; NPV = −100 + 60/(1+r) + 60/(1+r)^2
    r = 1.21 ** (1 / 12) - 1
    expected = -100 + 60 / (1 + r) + 60 / (1 + r) ** 2
    assert npv(np.array([60.0, 60.0]), 100.0, 0.21) == pytest.approx(expected)


def test_payback_month_is_first_month_with_non_negative_cumulative_cash():
    # −100, then −100+40=−60, −60+40=−20, −20+40=+20 → month 3
    contribution = np.array([40.0, 40.0, 40.0, 40.0])
    assert payback_month(contribution, 100.0) == 3
    assert payback_month(contribution, 1000.0) is None
    # reaching exactly zero counts as paid back: −80 + 40 + 40 = 0 at month 2
    assert payback_month(contribution, 80.0) == 2


def test_cumulative_cash_starts_at_minus_setup():
    cash = cumulative_cash(np.array([10.0, -5.0, 20.0]), 30.0)
    assert cash.tolist() == [-30.0, -20.0, -25.0, -5.0]


def test_summarize_follows_the_conventions():
    # Two months: gross profit 500 and 700, costs 300 each, setup 100.
    # contribution 200 + 400 = 600; net profit 600 − 100 = 500;
    # investment 300 + 300 + 100 = 700; ROI 500/700; ROAS (1000+1400)/700.
    m = summarize(
        orders=np.array([10.0, 14.0]),
        gmv=np.array([1100.0, 1500.0]),
        net_revenue=np.array([1000.0, 1400.0]),
        gross_profit=np.array([500.0, 700.0]),
        costs=np.array([300.0, 300.0]),
        setup_cost=100.0,
        annual_rate=0.0,
    )
    assert m.contribution == 600.0
    assert m.net_profit == 500.0
    assert m.investment == 700.0
    assert m.roi == pytest.approx(500 / 700)
    assert m.roas == pytest.approx(2400 / 700)
    assert m.npv == pytest.approx(500.0)  # zero discount: NPV = net profit
    assert m.payback_month == 1  # −100 + 200 ≥ 0 in month 1


def test_roi_undefined_without_investment():
    zeros = np.zeros(3)
    m = summarize(
        orders=zeros,
        gmv=zeros,
        net_revenue=zeros,
        gross_profit=zeros,
        costs=zeros,
        setup_cost=0.0,
        annual_rate=0.1,
    )
    assert m.roi is None
    assert m.roas is None
