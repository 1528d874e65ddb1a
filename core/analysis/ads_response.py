"""The ads response curve fitted to the user's campaign results (clicks against spend).

The engine buys clicks with the Hill curve of :func:`core.model.response.saturate` at
shape s = 1: a monthly budget B buys C = K·L / (K + L) clicks, L = B / c₀ the clicks at
list price c₀ (``ads.cpc``) and K the most clicks a month the audience gives
(``ads.saturation_clicks``). Orders follow clicks through the conversion rate, so the
curve of orders against spend is this one times ``ads.cvr``.

Data: one point per day with ads spend and clicks (all platforms), scaled to a monthly
rate (× 365.25 / 12), so that K is in clicks per month like the driver.

Fit: least squares on logarithms, Σ_d (ln C_d − ln Ĉ_d)², over θ = (ln K, ln c₀)
(:func:`scipy.optimize.curve_fit`; relative errors, so busy days do not dominate and both
parameters stay positive). Uncertainty: θ ± 1.2816·SE (SE from the fit's covariance),
i.e. the 10th–90th percentile range the other calibrated values carry.

No curve when the data cannot tell K (fewer than :data:`MIN_DAYS` days with spend and
clicks, spend varying less than :data:`MIN_SPEND_RATIO` × between its 10th and 90th
percentile, a fit that fails, or K beyond :data:`MAX_CEILING_RATIO` × the most clicks
seen: the data never came near a ceiling); the caller then keeps the average CPC and no
ceiling.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

DAYS_PER_MONTH = 365.25 / 12
MIN_DAYS = 14
MIN_SPEND_RATIO = 1.5
MAX_CEILING_RATIO = 20.0
Z_90 = 1.2815515655446004
"""Standard normal 90th percentile: θ ± Z_90·SE spans the 10th–90th percentiles."""


@dataclass(frozen=True)
class AdsResponseFit:
    """A fitted curve: list price c₀ (yuan per click) and ceiling K (clicks a month),
    each with its 10th–90th percentile range; the days used and R² on logarithms."""

    list_cpc: float
    list_cpc_range: tuple[float, float]
    ceiling: float
    ceiling_range: tuple[float, float]
    days: int
    r_squared: float

    def drivers(self) -> dict[str, tuple[float, float, float]]:
        """Driver path → (value, low, high) for the calibration."""
        return {
            "ads.cpc": (self.list_cpc, *self.list_cpc_range),
            "ads.saturation_clicks": (self.ceiling, *self.ceiling_range),
        }


def hill_clicks(spend: ArrayLike, ceiling: float, list_cpc: float) -> np.ndarray:
    """Clicks a month C = K·L / (K + L), L = spend / c₀ (spend in yuan a month)."""
    linear = np.asarray(spend, dtype=np.float64) / list_cpc
    return np.asarray(ceiling * linear / (ceiling + linear), dtype=np.float64)


def _log_model(spend: np.ndarray, log_k: float, log_c: float) -> np.ndarray:
    return np.log(hill_clicks(spend, math.exp(log_k), math.exp(log_c)))


def fit_ads_response(spend: ArrayLike, clicks: ArrayLike) -> AdsResponseFit | None:
    """Fit the curve to daily ``spend`` (yuan) and ``clicks`` (module docstring)."""
    from scipy.optimize import curve_fit  # imported on first use: a heavy import

    x = np.asarray(spend, dtype=np.float64) * DAYS_PER_MONTH
    y = np.asarray(clicks, dtype=np.float64) * DAYS_PER_MONTH
    keep = np.isfinite(x) & np.isfinite(y) & (x > 0) & (y > 0)
    x, y = x[keep], y[keep]
    if x.size < MIN_DAYS:
        return None
    low, high = np.percentile(x, [10, 90])
    if high < MIN_SPEND_RATIO * low:
        return None
    start = (math.log(2.0 * y.max()), math.log(0.9 * float(np.min(x / y))))
    try:
        theta, cov = curve_fit(_log_model, x, np.log(y), p0=start, maxfev=10_000)
    except (RuntimeError, ValueError):
        return None
    errors = np.sqrt(np.diag(cov))
    if not np.all(np.isfinite(theta)) or not np.all(np.isfinite(errors)):
        return None
    ceiling, list_cpc = math.exp(theta[0]), math.exp(theta[1])
    if ceiling > MAX_CEILING_RATIO * y.max():
        return None
    residual = np.log(y) - _log_model(x, *theta)
    total = np.log(y) - np.log(y).mean()
    r_squared = 1.0 - float(residual @ residual) / float(total @ total) if total.any() else 0.0

    def spread(i: int) -> tuple[float, float]:
        return math.exp(theta[i] - Z_90 * errors[i]), math.exp(theta[i] + Z_90 * errors[i])

    return AdsResponseFit(list_cpc, spread(1), ceiling, spread(0), int(x.size), r_squared)


def response_drivers(
    spend: ArrayLike, clicks: ArrayLike
) -> dict[str, tuple[float, float, float]] | None:
    """:meth:`AdsResponseFit.drivers` of :func:`fit_ads_response`, or None without a curve
    (what :func:`core.data.orders.calibration.calibrate_campaign_file` takes)."""
    fit = fit_ads_response(spend, clicks)
    return None if fit is None else fit.drivers()
