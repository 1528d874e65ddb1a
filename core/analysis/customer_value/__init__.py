"""Customer lifetime value: BG/NBD purchases, Gamma-Gamma spend, RFM summary and CLV.

Pure numpy/scipy (pandas for the transaction summary only). All durations of one analysis
are in one time unit (day, week or month; see :mod:`units`); money is in the data's currency.
"""

from core.analysis.customer_value.bgnbd import BgNbdParams, bgnbd_log_likelihood, fit_bgnbd
from core.analysis.customer_value.bgnbd_predictions import (
    conditional_expected_purchases,
    expected_purchases,
    probability_alive,
)
from core.analysis.customer_value.clv import customer_lifetime_value, expected_purchases_by_month
from core.analysis.customer_value.gamma_gamma import (
    GammaGammaParams,
    conditional_expected_average_spend,
    fit_gamma_gamma,
    gamma_gamma_log_likelihood,
)
from core.analysis.customer_value.optimizer import FitError
from core.analysis.customer_value.simulate import simulate_bgnbd, simulate_gamma_gamma
from core.analysis.customer_value.summary import rfm_summary
from core.analysis.customer_value.units import TimeUnit, periods_per_month

__all__ = [
    "BgNbdParams",
    "FitError",
    "GammaGammaParams",
    "TimeUnit",
    "bgnbd_log_likelihood",
    "conditional_expected_average_spend",
    "conditional_expected_purchases",
    "customer_lifetime_value",
    "expected_purchases",
    "expected_purchases_by_month",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "gamma_gamma_log_likelihood",
    "periods_per_month",
    "probability_alive",
    "rfm_summary",
    "simulate_bgnbd",
    "simulate_gamma_gamma",
]
