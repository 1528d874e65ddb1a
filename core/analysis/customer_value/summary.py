"""RFM summary of a transaction table for a calibration period (reference implementation).

For each customer with at least one purchase on or before ``calibration_end``:

1. purchases of one customer on one calendar day are merged into one transaction whose
   amount is their sum (time of day and time zone are dropped: the local calendar day counts);
2. ``frequency`` x = number of purchase days after the first one (repeat transactions);
3. ``recency`` t_x = (last purchase day − first purchase day) in days / unit length;
4. ``T`` = (calibration_end − first purchase day) in days / unit length;
5. ``monetary_value`` = mean amount of the repeat transactions (the first is excluded),
   0 when x = 0 (the lifetimes convention).

Unit lengths: day 1, week 7, month 30.4375 days (see :mod:`units`). Purchases after
``calibration_end`` are ignored; the end day itself is included.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from core.analysis.customer_value.units import DAYS_PER_UNIT, check_time_unit

SUMMARY_COLUMNS = ("frequency", "recency", "T", "monetary_value")


def _calendar_days(timestamps: pd.Series, column: str) -> pd.Series:
    """Local calendar day (naive midnight) of each timestamp; ``ValueError`` on missing ones."""
    try:
        parsed = pd.to_datetime(timestamps, format="ISO8601")
    except (TypeError, ValueError) as error:
        raise ValueError(f"column {column!r} has values that are not timestamps: {error}") from None
    if parsed.isna().any():
        raise ValueError(f"column {column!r} has missing timestamps")
    if parsed.dt.tz is not None:
        parsed = parsed.dt.tz_localize(None)
    return parsed.dt.normalize()


def _end_day(calibration_end: dt.date | str | pd.Timestamp) -> pd.Timestamp:
    end = pd.Timestamp(calibration_end)
    if pd.isna(end):
        raise ValueError("calibration_end is missing")
    if end.tzinfo is not None:
        end = end.tz_localize(None)
    return end.normalize()


def rfm_summary(
    transactions: pd.DataFrame,
    calibration_end: dt.date | str | pd.Timestamp,
    time_unit: str = "week",
    *,
    customer_col: str = "customer_id",
    timestamp_col: str = "timestamp",
    amount_col: str = "amount",
) -> pd.DataFrame:
    """Per-customer (frequency, recency, T, monetary_value) as described in the module doc.

    ``transactions`` has one row per purchase: customer id, timestamp (datetimes, naive or
    time-zone aware, or ISO 8601 strings) and amount (currency units, finite, ≥ 0). The
    result is indexed by customer id (sorted), with ``frequency`` as int64 and the rest as
    float64, recency and T in ``time_unit``. Read T as ``summary["T"]`` (``summary.T`` is the
    transpose).
    """
    unit_days = DAYS_PER_UNIT[check_time_unit(time_unit)]
    missing = {customer_col, timestamp_col, amount_col} - set(transactions.columns)
    if missing:
        raise ValueError(f"transactions lack the column(s) {sorted(missing)}")
    if transactions[customer_col].isna().any():
        raise ValueError(f"column {customer_col!r} has missing customer ids")
    amount = pd.to_numeric(transactions[amount_col], errors="coerce").astype(np.float64)
    if not np.all(np.isfinite(amount)):
        raise ValueError(f"column {amount_col!r} has missing, non-numeric or infinite amounts")
    if (amount < 0).any():
        raise ValueError(f"column {amount_col!r} has negative amounts (net refunds out first)")
    end = _end_day(calibration_end)
    frame = pd.DataFrame(
        {
            "customer": transactions[customer_col].to_numpy(),
            "day": _calendar_days(transactions[timestamp_col], timestamp_col).to_numpy(),
            "amount": amount.to_numpy(),
        }
    )
    frame = frame[frame["day"] <= end]
    if frame.empty:
        raise ValueError(f"no transactions on or before calibration_end {end.date()}")
    daily = frame.groupby(["customer", "day"], sort=True)["amount"].sum().reset_index()
    per_customer = daily.groupby("customer", sort=True)
    first = per_customer["day"].min()
    last = per_customer["day"].max()
    is_repeat = per_customer.cumcount() > 0  # rows are sorted by day within each customer
    monetary = (
        daily[is_repeat].groupby("customer")["amount"].mean().reindex(first.index, fill_value=0.0)
    )
    summary = pd.DataFrame(
        {
            "frequency": (per_customer.size() - 1).astype(np.int64),
            "recency": (last - first).dt.days.astype(np.float64) / unit_days,
            "T": (end - first).dt.days.astype(np.float64) / unit_days,
            "monetary_value": monetary.astype(np.float64),
        }
    )
    summary.index.name = customer_col
    return summary
