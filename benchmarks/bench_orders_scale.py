"""Order analytics at scale: time and peak memory on DuckDB and Spark local[2].

Prepare the data outside the repository, then run::

    python -m data.orders_scale.generate /tmp/orders_scale --orders 1M 10M 50M
    python -m benchmarks.bench_orders_scale /tmp/orders_scale --sizes 1M 10M 50M

For each size and engine a fresh subprocess opens ``orders_<size>/`` (hive-partitioned
Parquet) with the demo-store mapping and times, up to 2025-12-31, the steps of
``customer_report``:

* ``days`` — ``purchase_days`` (one row per customer and purchase day) materialised
  once (``.cache()``: a DuckDB temp table, a cached Spark DataFrame);
* ``summary`` — ``summary_from_days`` (weeks), written to Parquet by the engine (one row
  per customer; nothing collected into Python);
* ``rfm`` — ``rfm_from_days`` cached, then ``rfm_segments`` + ``top_customer_share``;
* ``cohorts`` — ``cohorts_from_days``;
* DuckDB only, ``raw rfm+coh`` — ``rfm_customers`` → segments + top share and
  ``cohorts`` straight from the orders (no cached days), as a one-off query would run.

Peak memory = the largest summed RSS of the subprocess and its children (the Spark JVM),
sampled every 50 ms. DuckDB runs with ``memory_limit`` (default 4GB) and a spill
``temp_directory``; Spark with a 4 GB driver (``--driver-memory``) and the vectorized
Parquet reader on (the generated data has no BYTE_STREAM_SPLIT columns). ``--pandas``
(default: 10M) times a plain pandas implementation of RFM + cohorts in the same run
(read, then compute); ``--ingest N…`` times ``ingest_orders`` on a generated CSV of N rows
with personal-data columns.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

END = dt.date(2025, 12, 31)
DEMO_MAPPING = {
    "customer_id": "customer_id", "order_time": "ts", "amount": "amount",
    "order_id": "order_id", "channel": "channel", "platform": "platform",
    "status": "is_refunded",
}  # fmt: skip


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as file:
                fields = file.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * page
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


@contextmanager
def peak_memory() -> Iterator[list[int]]:
    """Samples this process tree's RSS every 50 ms; yields a one-item list: the peak."""
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(os.getpid()))
            done.wait(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peak
    finally:
        done.set()
        thread.join()


def _timed(step: Callable[[], object]) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def _rfm(engine: Any, rfm: Any, *, cache: bool = False) -> None:
    """Segments and top shares of one RFM table (cached first when ``cache``)."""
    from core.data.orders import queries as q

    table = rfm.cache() if cache else rfm
    engine.frame(q.rfm_segments(table))
    engine.frame(q.top_customer_share(table))
    if cache:
        table.release()


def run_one(
    data: Path, size: str, engine_name: str, *, memory_limit: str, spill: Path, driver_memory: str
) -> dict:
    """One size on one engine (called in a subprocess); returns the measurements."""
    from core.data.orders import queries as q
    from core.data.orders.canonical import canonical_orders
    from core.data.orders.engines import EngineSettings, connect, stop_spark
    from core.data.orders.schema import ColumnMapping

    settings = EngineSettings(
        engine=engine_name,  # type: ignore[arg-type]
        duckdb_memory_limit=memory_limit,
        duckdb_temp_directory=spill,
        spark_shuffle_partitions=16,
        spark_driver_memory=driver_memory,
        spark_vectorized_parquet=True,
    )
    result: dict[str, object] = {"size": size, "engine": engine_name}
    with tempfile.TemporaryDirectory(dir=spill) as out, peak_memory() as peak:
        started = time.perf_counter()
        with connect(settings) as engine:
            raw = engine.open_many([data / f"orders_{size}"], output_dir=Path(out))[0]
            orders = canonical_orders(raw, ColumnMapping(**DEMO_MAPPING))
            result["start_s"] = time.perf_counter() - started
            holder: list = []
            result["days_s"] = _timed(lambda: holder.append(q.purchase_days(orders, END).cache()))
            days = holder[0]
            summary = q.summary_from_days(days, END, "week")
            result["summary_s"] = _timed(
                lambda: engine.write_parquet(summary, Path(out) / "summary.parquet")
            )
            result["rfm_s"] = _timed(lambda: _rfm(engine, q.rfm_from_days(days, END), cache=True))
            result["cohorts_s"] = _timed(lambda: engine.frame(q.cohorts_from_days(days)))
            days.release()
            if engine_name == "duckdb":
                result["raw_s"] = _timed(
                    lambda: (
                        _rfm(engine, q.rfm_customers(orders, END)),
                        engine.frame(q.cohorts(orders, END)),
                    )
                )
        if engine_name == "spark":
            stop_spark()
    result["peak_gb"] = peak[0] / 1e9
    return result


def pandas_rfm_cohorts(data: Path, size: str) -> dict:
    """Plain pandas RFM scores + segments counts and cohort table (same definitions)."""
    started = time.perf_counter()
    frame = pd.read_parquet(
        data / f"orders_{size}", columns=["customer_id", "ts", "amount", "is_refunded"]
    )
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    frame = frame[~frame.is_refunded & (frame.amount > 0) & (frame.ts.dt.date <= END)]
    frame = frame.assign(
        day=frame.ts.dt.normalize(), cents=np.round(frame.amount.to_numpy() * 100).astype(np.int64)
    )
    days = (
        frame.groupby(["customer_id", "day"], sort=False, observed=True)
        .agg(cents=("cents", "sum"), orders=("cents", "size"))
        .reset_index()
    )
    per = days.groupby("customer_id", sort=False).agg(
        last=("day", "max"), n=("day", "size"), cents=("cents", "sum"), first=("day", "min")
    )
    n = len(per)
    recency = (pd.Timestamp(END) - per["last"]).dt.days
    scores = {
        name: 1 + (5 * (values.rank(method="min").to_numpy() - 1) // n).astype(int)
        for name, values in (("r", -recency), ("f", per.n), ("m", per.cents))
    }
    fm = (scores["f"] + scores["m"] + 1) // 2
    cells = pd.Series(list(zip(scores["r"], fm, strict=True))).value_counts()
    ranked = np.sort(per.cents.to_numpy())[::-1]
    top = {p: ranked[: -(-p * n // 100)].sum() / ranked.sum() for p in (15, 20)}
    first = per["first"]
    days = days.join((first.dt.year * 12 + first.dt.month).rename("cohort"), on="customer_id")
    days["since"] = days.day.dt.year * 12 + days.day.dt.month - days.cohort
    cohorts = days.groupby(["cohort", "since"]).agg(
        customers=("customer_id", "nunique"), orders=("orders", "sum"), cents=("cents", "sum")
    )
    compute_s = time.perf_counter() - started
    return {
        "read_s": read_s, "compute_s": compute_s, "cells": len(cells), "top": top,
        "cohort_rows": len(cohorts),
    }  # fmt: skip


def bench_ingest(rows: int, folder: Path) -> dict:
    """``ingest_orders`` on a CSV of ``rows`` orders with phone / name / address columns."""
    from core.data.orders.ingest import ingest_orders, preview_upload

    rng = np.random.default_rng(7)
    csv_path = folder / f"upload_{rows}.csv"
    frame = pd.DataFrame(
        {
            "订单编号": np.arange(rows).astype(str),
            "买家会员名": (rng.integers(0, rows // 2, rows)).astype(str),
            "手机号": rng.integers(13_000_000_000, 13_999_999_999, rows).astype(str),
            "收货人姓名": "张三",
            "下单时间": (
                np.datetime64("2024-01-01T00:00:00")
                + rng.integers(0, 730 * 86_400, rows).astype("timedelta64[s]")
            ).astype(str),
            "实付金额": np.round(rng.lognormal(5, 0.6, rows), 2).astype(str),
            "订单状态": np.where(rng.random(rows) < 0.1, "已退款", "交易成功"),
            "收货地址": "北京市朝阳区某路1号",
        }
    )
    frame.to_csv(csv_path, index=False)
    size_mb = csv_path.stat().st_size / 1e6
    del frame
    with peak_memory() as peak:
        started = time.perf_counter()
        preview = preview_upload(csv_path)
        report = ingest_orders(csv_path, preview.proposal, folder / "out", secret=b"b" * 32)
        seconds = time.perf_counter() - started
    return {"rows": rows, "csv_mb": size_mb, "seconds": seconds, "peak_gb": peak[0] / 1e9,
            "included": report.included_orders}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    """Command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with orders_<size>/ datasets")
    parser.add_argument("--sizes", nargs="+", default=["1M", "10M", "50M"])
    parser.add_argument("--engines", nargs="+", default=["duckdb", "spark"])
    parser.add_argument("--memory-limit", default="4GB", help="DuckDB memory_limit")
    parser.add_argument("--driver-memory", default="4g", help="Spark driver heap")
    parser.add_argument("--spill", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--pandas", nargs="*", default=["10M"], help="sizes for pandas")
    parser.add_argument("--ingest", nargs="*", default=[], help="CSV rows, e.g. 1M 5M")
    parser.add_argument("--one", nargs=2, metavar=("SIZE", "ENGINE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        found = run_one(
            args.data,
            *args.one,
            memory_limit=args.memory_limit,
            spill=args.spill,
            driver_memory=args.driver_memory,
        )
        print(json.dumps(found))
        return 0
    print(f"{'size':>5} {'engine':>7} {'start s':>8} {'days s':>7} {'summary s':>10} "
          f"{'rfm s':>7} {'cohorts s':>10} {'total s':>8} {'raw rfm+coh s':>14} {'peak GB':>8}",
          flush=True)  # fmt: skip
    for size in args.sizes:
        for engine in args.engines:
            command = [sys.executable, "-m", "benchmarks.bench_orders_scale", str(args.data),
                       "--one", size, engine, "--memory-limit", args.memory_limit,
                       "--spill", str(args.spill),
                       "--driver-memory", args.driver_memory]  # fmt: skip
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                errors = [
                    ln for ln in done.stderr.splitlines() if "Error" in ln or "Exception" in ln
                ]
                print(f"{size:>5} {engine:>7} FAILED: {errors[-3:]}")
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            total = r["days_s"] + r["summary_s"] + r["rfm_s"] + r["cohorts_s"]
            raw = f"{r['raw_s']:14.2f}" if "raw_s" in r else f"{'-':>14}"
            print(f"{size:>5} {engine:>7} {r['start_s']:8.1f} {r['days_s']:7.2f} "
                  f"{r['summary_s']:10.2f} {r['rfm_s']:7.2f} {r['cohorts_s']:10.2f} "
                  f"{total:8.2f} {raw} {r['peak_gb']:8.2f}", flush=True)  # fmt: skip
    for size in args.pandas:
        r = pandas_rfm_cohorts(args.data, size)
        print(f"pandas {size}: read {r['read_s']:.2f} s + RFM & cohorts {r['compute_s']:.2f} s "
              f"(top 15 % = {r['top'][15]:.3f})", flush=True)  # fmt: skip
    for rows in args.ingest:
        from data.orders_scale.generate import parse_size

        with tempfile.TemporaryDirectory(dir=args.spill) as folder:
            r = bench_ingest(parse_size(rows), Path(folder))
        print(f"ingest {rows} rows ({r['csv_mb']:.0f} MB CSV): {r['seconds']:.1f} s, "
              f"peak {r['peak_gb']:.2f} GB", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
