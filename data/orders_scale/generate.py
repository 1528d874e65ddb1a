"""Write demo-store-shaped order datasets of any size (1 M, 10 M, 50 M orders…) as Parquet.

Usage (writes OUTSIDE the repository; ~11 bytes per order on disk)::

    python -m data.orders_scale.generate /tmp/orders_scale --orders 1M 10M 50M

Each size goes to ``<out>/orders_<size>/month=YYYY-MM/part-NNNNN.parquet`` — hive
partitioned by order month, the common data-lake layout — with the columns of the demo
store's ``orders.parquet`` (``data/demo_store/README.md``): ``order_id`` int64,
``customer_id`` int64, ``ts`` timestamp[us] (naive China local time), ``amount`` float64
(yuan, cents), ``channel``, ``platform`` (strings), ``is_refunded`` bool. Standard
Parquet encodings only (no BYTE_STREAM_SPLIT), so Spark's vectorized reader works.

The process is a simplified version of the demo store's (2024-01-01 … 2025-12-31):
customers arrive uniformly over the 24 months; each makes 1 + (Geometric(0.46) − 1)
orders (mean ≈ 2.2, as in the demo store), spaced by exponential gaps with a per-customer
mean drawn from Gamma(1.5, 40 days); orders after the end are dropped. Amounts are
LogNormal(ln 180, 0.6) yuan rounded to cents (≥ ¥1); 15 % are refunded.

Deterministic: customers are generated in chunks of :data:`CUSTOMERS_PER_CHUNK`, chunk k
from ``numpy.random.default_rng([seed, k])``, so a size's files depend only on the seed
and the size. Memory stays bounded by one chunk (≈ 1 M orders).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

START = np.datetime64("2024-01-01", "D")
DAYS = 731
CUSTOMERS_PER_CHUNK = 450_000
CHANNELS = np.array(["ads", "content", "private_domain", "organic"])
CHANNEL_P = np.array([0.30, 0.22, 0.12, 0.36])
PLATFORMS = np.array(["taobao", "jd", "douyin", "kuaishou", "pinduoduo", "wechat", "xiaohongshu"])
PLATFORM_P = np.array([0.28, 0.16, 0.2, 0.07, 0.15, 0.09, 0.05])
REFUND_RATE = 0.15
SEED = 20240101


def parse_size(text: str) -> int:
    """``1M`` → 1_000_000, ``500k`` → 500_000, ``1234`` → 1234."""
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1].lower(), 1)
    return int(float(text[:-1] if factor > 1 else text) * factor)


def _chunk(rng: np.random.Generator, first_customer: int) -> dict[str, np.ndarray]:
    """Orders of one chunk of customers (unsorted, without order ids)."""
    n = CUSTOMERS_PER_CHUNK
    first_day = rng.integers(0, DAYS, n)
    counts = rng.geometric(0.46, n)
    mean_gap = rng.gamma(1.5, 40.0, n)
    owner = np.repeat(np.arange(n), counts)
    starts = np.cumsum(counts) - counts
    position = np.arange(owner.size) - np.repeat(starts, counts)
    gaps = rng.exponential(1.0, owner.size) * mean_gap[owner]
    gaps[position == 0] = 0.0
    offset = np.cumsum(gaps)
    offset -= np.repeat(offset[starts], counts)
    day = first_day[owner] + np.floor(offset).astype(np.int64)
    keep = day < DAYS
    owner, day = owner[keep], day[keep]
    m = owner.size
    seconds = rng.integers(0, 86_400, m)
    amount = np.maximum(1.0, np.round(np.exp(rng.normal(np.log(180.0), 0.6, m)), 2))
    ts = (START + day).astype("datetime64[s]") + seconds.astype("timedelta64[s]")
    return {
        "customer_id": (first_customer + owner).astype(np.int64),
        "ts": ts.astype("datetime64[us]"),
        "amount": amount,
        "channel": CHANNELS[rng.choice(4, m, p=CHANNEL_P)],
        "platform": PLATFORMS[rng.choice(7, m, p=PLATFORM_P)],
        "is_refunded": rng.random(m) < REFUND_RATE,
    }


def _write(out: Path, index: int, columns: dict[str, np.ndarray], first_id: int) -> None:
    order = np.argsort(columns["ts"], kind="stable")
    columns = {name: values[order] for name, values in columns.items()}
    months = columns["ts"].astype("datetime64[M]")
    table = pa.table(
        {"order_id": np.arange(first_id, first_id + months.size, dtype=np.int64), **columns}
    )
    bounds = np.flatnonzero(np.diff(months.astype(np.int64))) + 1
    for lo, hi in zip(np.r_[0, bounds], np.r_[bounds, months.size], strict=True):
        folder = out / f"month={np.datetime_as_string(months[lo], unit='M')}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(
            table.slice(lo, hi - lo), folder / f"part-{index:05d}.parquet", compression="zstd"
        )


def generate(out: str | Path, n_orders: int, seed: int = SEED) -> Path:
    """Write exactly ``n_orders`` orders under ``out`` (replaced); returns ``out``."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    written = 0
    index = 0
    while written < n_orders:
        rng = np.random.default_rng([seed, index])
        columns = _chunk(rng, index * CUSTOMERS_PER_CHUNK + 1)
        take = min(n_orders - written, columns["ts"].size)
        columns = {name: values[:take] for name, values in columns.items()}
        _write(out, index, columns, written + 1)
        written += take
        index += 1
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``OUT --orders SIZE [SIZE…] [--seed N]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="directory (outside the repository)")
    parser.add_argument("--orders", nargs="+", default=["1M", "10M", "50M"])
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    for size in args.orders:
        started = dt.datetime.now()
        target = generate(args.out / f"orders_{size}", parse_size(size), args.seed)
        seconds = (dt.datetime.now() - started).total_seconds()
        print(f"{size}: {target} in {seconds:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
