"""Response curves: how money turns into volume, with diminishing returns.

Pure functions over numpy arrays (a batch axis first, months last), wrapped by the
strategies. Units follow the caller (clicks, views, members per month).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def saturate(linear: ArrayLike, ceiling: ArrayLike, shape: ArrayLike = 1.0) -> FloatArray:
    """Hill saturation of a volume ``x`` that money would buy at list price:

        y = K · x^s / (K^s + x^s)      (K = ``ceiling``, s = ``shape``)

    y < x and y → K as x → ∞: the most the audience can give in a month is K, half of it
    at x = K. With s = 1, y = K·x/(K + x), so y ≈ x for small spend (list price) and each
    further yuan buys less (concave). With s > 1 the curve is S-shaped (a threshold spend
    before it works, as Meridian and Robyn use). An infinite ceiling means no saturation
    (y = x). Volumes and ceiling in the same unit per month.
    """
    x = np.asarray(linear, dtype=np.float64)
    k = np.asarray(ceiling, dtype=np.float64)
    s = np.asarray(shape, dtype=np.float64)
    finite = np.isfinite(k)
    everywhere = bool(finite.all())
    safe_k = k if everywhere else np.where(finite, k, 1.0)
    ratio = x / safe_k
    ratio_s = ratio if bool((s == 1.0).all()) else np.power(ratio, s)  # r^1 is r exactly
    hill = safe_k * ratio_s / (1.0 + ratio_s)
    return np.asarray(hill if everywhere else np.where(finite, hill, x), dtype=np.float64)


def reach_ramp(multiple: ArrayLike, ramp_months: ArrayLike, horizon: int) -> FloatArray:
    """Audience build-up: R_t = M − (M − 1) · exp(−(t − 1) / τ) for t = 1..H.

    R_1 = 1 (today's reach) and R_t levels off at M (``multiple``) instead of compounding
    without bound; after τ months (``ramp_months``) it has covered 63% of the way.
    """
    m = np.asarray(multiple, dtype=np.float64)
    tau = np.asarray(ramp_months, dtype=np.float64)
    months = np.arange(horizon, dtype=np.float64)
    return np.asarray(m - (m - 1.0) * np.exp(-months / tau), dtype=np.float64)
