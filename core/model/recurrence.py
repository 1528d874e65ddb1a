"""The one recurrence the model uses: a stock that decays and is refilled each month.

``x_t = factor × x_{t−1} + inflow_t`` for t = 1..H with ``x_0 = initial``. Inflows have a
leading batch axis (variants) and months last; ``factor`` and ``initial`` broadcast
against the batch axis, so many variants run at once with no loop per variant. Used for
member pools (factor = 1 − churn), active customers (retention) and carry-over (adstock).

``lag=1`` returns the stock at the start of each month, x_{t−1} for t = 1..H (what buys
in month t when newcomers start the month after they join).

A ``hit`` path (..., H) scales the stock at the end of each month,
``x_t = hit_t × (factor × x_{t−1} + inflow_t)``: a sudden loss (members leaving after a
data breach, :mod:`core.model.shocks`); without it nothing changes.

When every variant shares one factor the whole recurrence is one matrix product:
``x_t = factor^t · initial + Σ_{s≤t} factor^(t−s) · inflow_s``; otherwise it steps through
the months (H steps, each over all variants).
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
SMALL_BATCH = 64
"""Up to this many variants a shared factor runs as one matrix product; more step."""


@lru_cache(maxsize=256)
def _powers(factor: float, horizon: int, lag: int) -> tuple[FloatArray, FloatArray]:
    """Pᵀ for P[t, s] = factor^(t − lag − s) where t − lag ≥ s (else 0), and the weights
    of the initial stock, factor^(t + 1 − lag) (cached; read-only)."""
    lags = np.subtract.outer(np.arange(horizon), np.arange(horizon)) - lag
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        powers = np.where(lags >= 0, np.power(factor, np.maximum(lags, 0)), 0.0)
        initial = np.power(factor, np.arange(horizon) + 1.0 - lag)
    carry = np.ascontiguousarray(powers.T, dtype=np.float64)
    weights = np.asarray(initial, dtype=np.float64)
    carry.flags.writeable = weights.flags.writeable = False
    return carry, weights


def decaying_stock(
    inflow: ArrayLike,
    factor: ArrayLike,
    initial: ArrayLike = 0.0,
    *,
    lag: int = 0,
    hit: ArrayLike | None = None,
) -> FloatArray:
    """``x_t = factor × x_{t−1} + inflow_t`` along the last axis, ``x_0 = initial``.

    ``inflow`` is (..., H); ``factor`` and ``initial`` are scalars or (..., 1)-shaped;
    ``hit`` (..., H) scales the stock at the end of each month (module docstring).
    Returns x_t (``lag=0``) or x_{t−1} (``lag=1``) for t = 1..H.
    """
    flows = np.asarray(inflow, dtype=np.float64)
    rate = np.asarray(factor, dtype=np.float64)
    start = np.asarray(initial, dtype=np.float64)
    horizon = flows.shape[-1]
    uniform = rate.size == 1 or bool((rate == rate.flat[0]).all())
    batch = np.broadcast_shapes(flows.shape[:-1], rate.shape[:-1], start.shape[:-1])
    if hit is None:
        if uniform and rate.flat[0] == 0.0 and lag == 0:
            return flows  # nothing carries over: x_t = inflow_t
        if uniform and math.prod(batch) <= SMALL_BATCH:
            carry, weights = _powers(float(rate.flat[0]), horizon, lag)
            return np.asarray(flows @ carry + start * weights)
    scale = None
    if hit is not None:
        hits = np.asarray(hit, dtype=np.float64)
        batch = np.broadcast_shapes(batch, hits.shape[:-1])
        scale = np.moveaxis(np.broadcast_to(hits, (*batch, horizon)), -1, 0)
    step = rate.reshape(rate.shape[:-1]) if rate.ndim else rate
    stock = np.broadcast_to(start.reshape(start.shape[:-1]) if start.ndim else start, batch).copy()
    by_month = np.ascontiguousarray(np.moveaxis(flows, -1, 0))
    out = np.empty((horizon, *batch))
    for month in range(horizon):
        if lag:
            out[month] = stock
        stock = step * stock + by_month[month]
        if scale is not None:
            stock = scale[month] * stock
        if not lag:
            out[month] = stock
    return np.moveaxis(out, 0, -1)


def stock_path(
    inflow: ArrayLike, factor: ArrayLike, initial: ArrayLike = 0.0, hit: ArrayLike | None = None
) -> tuple[FloatArray, FloatArray]:
    """The stock at the start of each month (x_{t−1}, t = 1..H) and at the end (x_H, shape
    (..., 1)); ``hit`` as in :func:`decaying_stock`."""
    flows = np.asarray(inflow, dtype=np.float64)
    start = decaying_stock(flows, factor, initial, lag=1, hit=hit)
    end = np.asarray(factor) * start[..., -1:] + flows[..., -1:]
    if hit is not None:
        end = np.asarray(hit, dtype=np.float64)[..., -1:] * end
    return start, np.asarray(end, dtype=np.float64)
