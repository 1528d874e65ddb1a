"""The fitters on the real CDNOW sample reproduce the published summary and estimates.

Published: Fader, Hardie & Lee (2005) BG/NBD r 0.243, α 4.414, a 0.793, b 2.426,
ℓ −9582.4, E[Y(39) | x=2, t_x=30.43, T=38.86] = 1.226; Gamma-Gamma p 6.25, q 3.74, γ 15.44.
Each estimate is checked to every decimal the paper prints (at least 3 significant digits).
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core.analysis.customer_value import (
    BgNbdParams,
    conditional_expected_purchases,
    fit_bgnbd,
    fit_gamma_gamma,
    rfm_summary,
)

CDNOW = Path(__file__).resolve().parents[3] / "data" / "cdnow"
CALIBRATION_END = "1997-09-30"


def significant(value: float, digits: int = 3) -> float:
    return float(f"{value:.{digits}g}")


@pytest.fixture(scope="module")
def transactions() -> pd.DataFrame:
    raw = pd.read_csv(
        CDNOW / "CDNOW_sample.txt",
        sep=r"\s+",
        header=None,
        names=["master_id", "customer_id", "date", "cds", "amount"],
        dtype={"date": str},
    )
    raw["timestamp"] = pd.to_datetime(raw["date"], format="%Y%m%d")
    return raw


@pytest.fixture(scope="module")
def summary(transactions: pd.DataFrame) -> pd.DataFrame:
    return rfm_summary(transactions, CALIBRATION_END, "week")


@pytest.fixture(scope="module")
def published_summary() -> pd.DataFrame:
    return pd.read_csv(CDNOW / "cdnow_customers_summary.csv", index_col="ID")


def test_sample_has_the_documented_size(transactions):
    assert len(transactions) == 6919
    assert transactions["customer_id"].nunique() == 2357


def test_summary_reproduces_the_published_csv(summary, published_summary):
    assert len(summary) == 2357
    np.testing.assert_array_equal(summary.index.to_numpy(), published_summary.index.to_numpy())
    np.testing.assert_array_equal(summary["frequency"], published_summary["frequency"])
    # The CSV rounds weeks to 2 decimals; days / 7 never ends in a tie at the 3rd decimal.
    np.testing.assert_array_equal(summary["recency"].round(2), published_summary["recency"])
    np.testing.assert_array_equal(summary["T"].round(2), published_summary["T"])


def test_summary_of_customer_1_by_hand(summary):
    # Purchases 1997-01-01 $29.33, 01-18 $29.73, 08-02 $14.96, 12-12 $26.48 (after the end).
    row = summary.loc[1]
    assert row["frequency"] == 2
    assert row["recency"] == pytest.approx(213 / 7)  # 1997-01-01 → 08-02 = 213 days
    assert row["T"] == pytest.approx(272 / 7)  # 1997-01-01 → 09-30 = 272 days
    assert row["monetary_value"] == pytest.approx((29.73 + 14.96) / 2)


@pytest.mark.parametrize("source", ["own_summary", "published_csv"])
def test_bgnbd_fit_matches_published_estimates(source, summary, published_summary):
    data = summary if source == "own_summary" else published_summary
    fit = fit_bgnbd(data["frequency"], data["recency"], data["T"])
    assert fit.n_customers == 2357
    assert round(fit.r, 3) == 0.243
    assert round(fit.alpha, 3) == 4.414
    assert round(fit.a, 3) == 0.793
    assert round(fit.b, 3) == 2.426
    assert round(fit.log_likelihood, 1) == -9582.4
    for value, published in [(fit.r, 0.243), (fit.alpha, 4.414), (fit.a, 0.793), (fit.b, 2.426)]:
        assert significant(value) == significant(published)


def test_conditional_expectation_of_the_papers_example(published_summary):
    fit = fit_bgnbd(
        published_summary["frequency"], published_summary["recency"], published_summary["T"]
    )
    expected = float(conditional_expected_purchases(fit, 39.0, 2, 30.43, 38.86))
    assert round(expected, 3) == 1.226
    published = BgNbdParams(r=0.243, alpha=4.414, a=0.793, b=2.426)
    assert (
        round(float(conditional_expected_purchases(published, 39.0, 2, 30.43, 38.86)), 3) == 1.226
    )


def test_gamma_gamma_fit_matches_published_estimates(summary):
    # Subset: the 946 customers with x > 0; monetary value: the unrounded mean of their
    # repeat (non-first) same-day-merged transactions in the 39-week calibration period.
    fit = fit_gamma_gamma(summary["frequency"], summary["monetary_value"])
    assert fit.n_customers == 946
    assert round(fit.p, 2) == 6.25
    assert round(fit.q, 2) == 3.74
    assert round(fit.v, 2) == 15.44
    for value, published in [(fit.p, 6.25), (fit.q, 3.74), (fit.v, 15.44)]:
        assert significant(value) == significant(published)


def test_cent_rounded_means_give_lifetimes_v_not_the_published_one(summary):
    # lifetimes ships these means rounded half-up to cents (its `zbar`); that moves v to 15.45.
    half_up_cents = np.floor(summary["monetary_value"].to_numpy() * 100 + 0.5 + 1e-9) / 100
    fit = fit_gamma_gamma(summary["frequency"], half_up_cents)
    assert round(fit.p, 2) == 6.25
    assert round(fit.q, 2) == 3.74
    assert round(fit.v, 2) == 15.45


def test_mean_of_all_transactions_does_not_reproduce_the_paper(transactions, summary):
    calibration = transactions[transactions["timestamp"] <= CALIBRATION_END]
    daily = calibration.groupby(["customer_id", "timestamp"])["amount"].sum()
    mean_all = daily.groupby(level="customer_id").mean().reindex(summary.index)
    fit = fit_gamma_gamma(summary["frequency"], mean_all)
    assert round(fit.p, 2) != 6.25
