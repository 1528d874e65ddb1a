"""The two order sets one click away: the shipped demo store and the real CDNOW sample.

:func:`sample_source` returns what ``report.customer_report`` needs for each: the Parquet
source, its column mapping and the analysis set-up that goes with it.

* ``demo`` — every :data:`DEMO_EVERY`-th customer of the shipped demo store (customer id
  divisible by it) with all their orders (``data/demo_store/orders.parquet``: synthetic,
  2024–2025; about 1 in 15 of its 1.28 M orders, so the page answers in seconds), written
  once under ``work_dir``. Ids follow the order customers joined, so the sample spreads
  over every monthly cohort as the whole store does (the first 40,000 ids were nearly all
  January 2024's). ``is_refunded`` is the status column: refunds are excluded and reported.
* ``cdnow`` — ``data/cdnow/CDNOW_sample.txt`` (real, MIT licence: see its README),
  converted once into canonical Parquet under ``work_dir`` (sample id → ``customer_id``,
  date → ``order_time``, dollars → ``amount``). Its set-up is the published one: weeks,
  calibration ending 1997-09-30, the 8 purchases of $0.00 kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from core.data.orders.queries import TimeUnit
from core.data.orders.schema import ColumnMapping
from core.data.store import DATA_DIR

SampleName = Literal["demo", "cdnow"]
SAMPLES: tuple[SampleName, ...] = get_args(SampleName)
CDNOW_TXT = DATA_DIR / "cdnow" / "CDNOW_sample.txt"
DEMO_ORDERS = DATA_DIR / "demo_store" / "orders.parquet"
DEMO_EVERY = 15
"""The demo sample takes the customers whose id is a multiple of this (1 in 15)."""
DEMO_MAPPING = ColumnMapping(
    customer_id="customer_id",
    order_time="ts",
    amount="amount",
    order_id="order_id",
    channel="channel",
    platform="platform",
    status="is_refunded",
)


@dataclass(frozen=True)
class SampleSource:
    """A sample's Parquet source, mapping and analysis set-up."""

    path: Path
    mapping: ColumnMapping
    calibration_end: dt.date | None
    time_unit: TimeUnit
    keep_zero_amounts: bool


def cdnow_parquet(work_dir: Path) -> Path:
    """The CDNOW sample as canonical Parquet in ``work_dir`` (written on first use)."""
    out = Path(work_dir) / "cdnow_orders.parquet"
    if out.is_file():
        return out
    ids, times, amounts = [], [], []
    for line in CDNOW_TXT.read_text(encoding="ascii").splitlines():
        if line.strip():
            _, customer, day, _, dollars = line.split()
            ids.append(str(int(customer)))
            times.append(dt.datetime.strptime(day, "%Y%m%d"))
            amounts.append(float(dollars))
    out.parent.mkdir(parents=True, exist_ok=True)
    table = pa.table(
        {
            "customer_id": pa.array(ids, pa.string()),
            "order_time": pa.array(times, pa.timestamp("us")),
            "amount": pa.array(amounts, pa.float64()),
        }
    )
    pq.write_table(table, out)
    return out


def demo_parquet(work_dir: Path) -> Path:
    """The demo sample (module docstring) as Parquet in ``work_dir`` (written on first use)."""
    out = Path(work_dir) / "demo_orders.parquet"
    if not out.is_file():
        out.parent.mkdir(parents=True, exist_ok=True)
        with duckdb.connect() as con:
            table = con.sql(
                "SELECT * FROM read_parquet($path) WHERE customer_id % $every = 0",
                params={"path": str(DEMO_ORDERS), "every": DEMO_EVERY},
            ).to_arrow_table()
        pq.write_table(table, out)
    return out


def sample_source(name: SampleName, work_dir: Path) -> SampleSource:
    """Source, mapping and set-up of sample ``name`` (module docstring)."""
    if name == "demo":
        return SampleSource(demo_parquet(work_dir), DEMO_MAPPING, None, "week", False)
    return SampleSource(
        cdnow_parquet(work_dir),
        ColumnMapping.identity(("customer_id", "order_time", "amount")),
        dt.date(1997, 9, 30),
        "week",
        True,
    )
