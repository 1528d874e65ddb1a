"""Fixtures of the order-analytics tests: order sets as Parquet, engines, comparisons.

Spark: the ``spark_settings`` fixture lives in ``tests/conftest.py`` (the CLI tests use
it too).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

CDNOW = Path(__file__).resolve().parents[3] / "data" / "cdnow"
CDNOW_SAMPLE = CDNOW / "CDNOW_sample.txt"
CDNOW_SUMMARY = CDNOW / "cdnow_customers_summary.csv"
CDNOW_END = dt.date(1997, 9, 30)
SECRET = b"test-secret-0123456789abcdef0123"


def write_orders(path: Path, rows: list[tuple], columns: tuple[str, ...] | None = None) -> Path:
    """Canonical orders (customer_id, order_time, amount[, status, channel…]) as Parquet."""
    names = columns or ("customer_id", "order_time", "amount", "status")[: len(rows[0])]
    frame = pd.DataFrame(rows, columns=list(names))
    frame["order_time"] = pd.to_datetime(frame["order_time"]).astype("datetime64[us]")
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
    return path


def cdnow_frame() -> pd.DataFrame:
    """CDNOW sample as canonical orders (customer = sample id, dollars = amount)."""
    raw = pd.read_csv(
        CDNOW_SAMPLE,
        sep=r"\s+",
        header=None,
        names=["master_id", "customer_id", "date", "cds", "amount"],
        dtype={"date": str},
    )
    raw["order_time"] = pd.to_datetime(raw["date"], format="%Y%m%d").astype("datetime64[us]")
    return raw[["customer_id", "order_time", "amount"]]


@pytest.fixture(scope="session")
def cdnow_parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cdnow") / "cdnow.parquet"
    pq.write_table(pa.Table.from_pandas(cdnow_frame(), preserve_index=False), path)
    return path


def assert_frames_agree(left: pd.DataFrame, right: pd.DataFrame, keys: list[str]) -> None:
    """Same columns and rows; integers, text and dates equal; floats within 1e-9 relative."""
    assert list(left.columns) == list(right.columns)
    assert len(left) == len(right)
    left = left.sort_values(keys, kind="stable").reset_index(drop=True)
    right = right.sort_values(keys, kind="stable").reset_index(drop=True)
    for column in left.columns:
        a, b = left[column], right[column]
        if pd.api.types.is_float_dtype(a) or pd.api.types.is_float_dtype(b):
            np.testing.assert_allclose(
                a.astype(float),
                b.astype(float),
                rtol=1e-9,
                atol=0,
                equal_nan=True,
                err_msg=column,
            )
        elif pd.api.types.is_datetime64_any_dtype(a) or pd.api.types.is_datetime64_any_dtype(b):
            assert list(pd.to_datetime(a)) == list(pd.to_datetime(b)), column
        else:
            assert [None if pd.isna(x) else x for x in a] == [
                None if pd.isna(x) else x for x in b
            ], column
