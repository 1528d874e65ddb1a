"""rfm_summary on hand-made transaction tables, with the arithmetic written out."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.analysis.customer_value import rfm_summary

END = "2024-01-31"
TRANSACTIONS = pd.DataFrame(
    [
        ("A", "2024-01-01 10:00", 10.0),
        ("A", "2024-01-01 18:00", 5.0),  # same day as the one above: merged into $15
        ("A", "2024-01-08 09:00", 20.0),  # repeat 1, 7 days after the first
        ("A", "2024-01-22 12:00", 40.0),  # repeat 2, 21 days after the first
        ("A", "2024-02-10 12:00", 99.0),  # after the end: ignored
        ("B", "2024-01-15 08:00", 30.0),  # one purchase only
        ("C", "2024-01-31 23:59", 7.0),  # on the end day: included, T = 0
        ("D", "2024-02-01 00:00", 5.0),  # first purchase after the end: not a customer yet
    ],
    columns=["customer_id", "timestamp", "amount"],
)


def test_weekly_summary_by_hand():
    summary = rfm_summary(TRANSACTIONS, END, "week")
    assert list(summary.index) == ["A", "B", "C"]
    assert list(summary.columns) == ["frequency", "recency", "T", "monetary_value"]
    assert summary["frequency"].dtype == np.int64
    a, b, c = summary.loc["A"], summary.loc["B"], summary.loc["C"]
    # A: purchase days 01-01, 01-08, 01-22 → 2 repeats; last − first = 21 days = 3 weeks;
    # end − first = 30 days; repeat values 20 and 40 → mean 30 (the first day's $15 is out).
    assert (a["frequency"], a["recency"], a["T"], a["monetary_value"]) == (2, 3.0, 30 / 7, 30.0)
    # B: one purchase on 01-15 → no repeats; T = 16 days; no repeat value → 0.
    assert (b["frequency"], b["recency"], b["T"], b["monetary_value"]) == (0, 0.0, 16 / 7, 0.0)
    assert (c["frequency"], c["recency"], c["T"], c["monetary_value"]) == (0, 0.0, 0.0, 0.0)


@pytest.mark.parametrize(("unit", "days"), [("day", 1.0), ("week", 7.0), ("month", 30.4375)])
def test_time_units_divide_whole_days(unit, days):
    summary = rfm_summary(TRANSACTIONS, END, unit)
    assert summary.loc["A", "recency"] == 21 / days
    assert summary.loc["A", "T"] == 30 / days
    assert summary.loc["B", "T"] == 16 / days


def test_same_day_purchases_add_up_when_they_are_repeats():
    table = pd.DataFrame(
        {
            "customer_id": [1, 1, 1, 1],
            "timestamp": ["2024-03-01", "2024-03-05 09:00", "2024-03-05 17:00", "2024-03-09"],
            "amount": [50.0, 10.0, 25.0, 5.0],
        }
    )
    row = rfm_summary(table, "2024-03-10", "day").loc[1]
    # Days 03-01, 03-05 ($10 + $25 = $35), 03-09 ($5): 2 repeats, mean (35 + 5) / 2 = 20.
    assert (row["frequency"], row["recency"], row["T"], row["monetary_value"]) == (
        2,
        8.0,
        9.0,
        20.0,
    )


def test_local_calendar_day_of_aware_timestamps_counts():
    table = pd.DataFrame(
        {
            "customer_id": ["x", "x"],
            # 15:30 and 16:30 UTC on 01-01, but 23:30 on 01-01 and 00:30 on 01-02 in Shanghai.
            "timestamp": pd.to_datetime(
                ["2024-01-01 23:30:00+08:00", "2024-01-02 00:30:00+08:00"]
            ).tz_convert("Asia/Shanghai"),
            "amount": [1.0, 2.0],
        }
    )
    row = rfm_summary(table, "2024-01-03", "day").loc["x"]
    assert (row["frequency"], row["recency"], row["T"], row["monetary_value"]) == (1, 1.0, 2.0, 2.0)


def test_custom_column_names():
    table = TRANSACTIONS.rename(
        columns={"customer_id": "buyer", "timestamp": "at", "amount": "gmv"}
    )
    summary = rfm_summary(
        table, END, "week", customer_col="buyer", timestamp_col="at", amount_col="gmv"
    )
    assert summary.index.name == "buyer"
    pd.testing.assert_frame_equal(
        summary.reset_index(drop=True),
        rfm_summary(TRANSACTIONS, END, "week").reset_index(drop=True),
    )


def test_one_customer_one_purchase():
    table = pd.DataFrame({"customer_id": [7], "timestamp": ["2024-01-01"], "amount": [9.0]})
    summary = rfm_summary(table, "2024-01-15", "week")
    assert summary.to_dict("index") == {
        7: {"frequency": 0, "recency": 0.0, "T": 2.0, "monetary_value": 0.0}
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"amount": [-1.0] + [1.0] * 7}, "negative amounts"),
        ({"amount": [np.nan] + [1.0] * 7}, "missing, non-numeric or infinite amounts"),
        ({"amount": ["ten"] + [1.0] * 7}, "missing, non-numeric or infinite amounts"),
        ({"timestamp": [None] + ["2024-01-02"] * 7}, "missing timestamps"),
        ({"timestamp": ["not a date"] + ["2024-01-02"] * 7}, "not timestamps"),
        ({"customer_id": [None] + ["A"] * 7}, "missing customer ids"),
    ],
)
def test_bad_transactions_are_rejected(change, message):
    table = TRANSACTIONS.assign(**change)
    with pytest.raises(ValueError, match=message):
        rfm_summary(table, END, "week")


def test_missing_column_unit_or_period_is_rejected():
    with pytest.raises(ValueError, match=r"lack the column\(s\) \['amount'\]"):
        rfm_summary(TRANSACTIONS.drop(columns="amount"), END)
    with pytest.raises(ValueError, match="time_unit must be one of"):
        rfm_summary(TRANSACTIONS, END, "year")
    with pytest.raises(ValueError, match="no transactions on or before calibration_end"):
        rfm_summary(TRANSACTIONS, "2023-12-31")


purchases = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=4),  # customer
        st.integers(min_value=0, max_value=60),  # day offset
        st.integers(min_value=0, max_value=23),  # hour
        st.integers(min_value=0, max_value=10_000),  # cents
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(rows=purchases, seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_summary_invariants(rows, seed):
    start = pd.Timestamp("2024-01-01")
    table = pd.DataFrame(
        {
            "customer_id": [c for c, _, _, _ in rows],
            "timestamp": [start + pd.Timedelta(days=d, hours=h) for _, d, h, _ in rows],
            "amount": [cents / 100 for _, _, _, cents in rows],
        }
    )
    summary = rfm_summary(table, start + pd.Timedelta(days=60), "day")
    days = table.assign(day=table["timestamp"].dt.normalize()).groupby("customer_id")["day"]
    np.testing.assert_array_equal(summary["frequency"], days.nunique() - 1)
    assert np.all(summary["recency"] <= summary["T"])
    assert np.all(summary.loc[summary["frequency"] == 0, "recency"] == 0)
    shuffled = table.sample(frac=1.0, random_state=seed % 2**32)
    pd.testing.assert_frame_equal(
        rfm_summary(shuffled, start + pd.Timedelta(days=60), "day"), summary
    )
