"""The one recurrence the model uses: a stock that decays and is refilled each month.

``x_t = factor × x_{t−1} + inflow_t`` for t = 1..H with ``x_0 = initial``. Inflows have a
leading batch axis (variants) and months last; ``factor`` and ``initial`` broadcast
against the batch axis, so many variants run in one loop over the months (no loop per
variant). Used for member pools (factor = 1 − churn), active customers (retention) and
carry-over (adstock).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def decaying_stock(inflow: ArrayLike, factor: ArrayLike, initial: ArrayLike = 0.0) -> FloatArray:
    """``x_t = factor × x_{t−1} + inflow_t`` along the last axis, ``x_0 = initial``."""
    flows = np.asarray(inflow, dtype=np.float64)
    rate = np.asarray(factor, dtype=np.float64)
    stock = np.broadcast_to(np.asarray(initial, dtype=np.float64), flows.shape[:-1]).copy()
    out = np.empty(np.broadcast_shapes(flows.shape, (*rate.shape, 1) if rate.ndim else ()))
    for month in range(flows.shape[-1]):
        stock = rate * stock + flows[..., month]
        out[..., month] = stock
    return out
