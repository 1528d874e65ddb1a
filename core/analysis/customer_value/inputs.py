"""Validation of per-customer inputs at the edge of every public function.

The RFM triple of one customer, in one time unit:

* ``frequency`` x: number of repeat purchases (purchase days after the first), an integer ≥ 0;
* ``recency`` t_x: time from the first to the last purchase, 0 ≤ t_x ≤ T, and t_x = 0 when x = 0;
* ``age`` T: time from the first purchase to the end of the calibration period, T ≥ 0.

``monetary_value`` m is the mean value of the repeat purchases (currency units), m > 0 when x > 0.
Arrays broadcast against each other; scalars are one customer.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def as_float_array(name: str, values: ArrayLike) -> FloatArray:
    """``values`` as a float64 array, or ``ValueError`` if it is empty or not finite."""
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be numeric: {error}") from None
    if array.size == 0:
        raise ValueError(f"{name} is empty")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} has NaN or infinite values")
    return array


def check_frequency(frequency: ArrayLike) -> FloatArray:
    """Repeat-purchase counts: finite integers ≥ 0."""
    x = as_float_array("frequency", frequency)
    if np.any(x < 0):
        raise ValueError("frequency has negative values")
    if np.any(x != np.round(x)):
        raise ValueError("frequency must hold whole numbers of repeat purchases")
    return x


def rfm_arrays(
    frequency: ArrayLike, recency: ArrayLike, age: ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Validated, broadcast (x, t_x, T) from frequency, recency, age; ``ValueError`` if broken."""
    x = check_frequency(frequency)
    t_x = as_float_array("recency", recency)
    age = as_float_array("age", age)
    try:
        x, t_x, age = np.broadcast_arrays(x, t_x, age)
    except ValueError:
        raise ValueError(
            f"frequency, recency and age have incompatible shapes {x.shape}, {t_x.shape}, "
            f"{age.shape}"
        ) from None
    if np.any(t_x < 0):
        raise ValueError("recency has negative values")
    if np.any(age < 0):
        raise ValueError("age has negative values")
    if np.any(t_x > age):
        raise ValueError("recency is larger than age for some customers (need recency ≤ age)")
    if np.any((x == 0) & (t_x != 0)):
        raise ValueError("recency must be 0 for customers with frequency 0")
    return x, t_x, age


def spend_arrays(frequency: ArrayLike, monetary_value: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Validated, broadcast (x, m) with m > 0 wherever x > 0 (m is ignored where x = 0)."""
    x = check_frequency(frequency)
    m = as_float_array("monetary_value", monetary_value)
    try:
        x, m = np.broadcast_arrays(x, m)
    except ValueError:
        raise ValueError(
            f"frequency and monetary_value have incompatible shapes {x.shape}, {m.shape}"
        ) from None
    if np.any((x > 0) & (m <= 0)):
        raise ValueError("monetary_value must be > 0 for customers with frequency > 0")
    return x, m


def check_positive(**params: float) -> None:
    """``ValueError`` unless every named model parameter is finite and > 0."""
    for name, value in params.items():
        if not (np.isfinite(value) and value > 0):
            raise ValueError(f"parameter {name} must be finite and > 0, got {value!r}")
