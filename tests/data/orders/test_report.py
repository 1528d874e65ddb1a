"""customer_report on DuckDB: an upload end to end, partitioned directories, output files."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from core.data.orders.engines import TableName, connect
from core.data.orders.ingest import ingest_orders, preview_upload
from core.data.orders.pseudonym import pseudonym
from core.data.orders.queries import SEGMENTS
from core.data.orders.report import SUMMARY_NAME, customer_report
from tests.data.orders.conftest import CDNOW_END, SECRET, cdnow_frame
from tests.data.orders.test_ingest import write_csv


def test_upload_to_report(tmp_path: Path) -> None:
    upload = write_csv(tmp_path / "taobao.csv", "gbk")
    ingested = ingest_orders(
        upload, preview_upload(upload).proposal, tmp_path / "user", secret=SECRET
    )
    report = customer_report(ingested.output, out_dir=tmp_path / "user")
    assert report.orders_read == ingested.rows_read == 8
    assert report.excluded == ingested.excluded
    assert report.customers == ingested.customers == 2
    assert report.calibration_end == dt.date(2024, 1, 7)
    summary = pd.read_parquet(tmp_path / "user" / SUMMARY_NAME)
    assert sorted(summary.customer_id) == sorted(
        [pseudonym("buyer_a", SECRET), pseudonym("buyer_c", SECRET)]
    )
    data = json.loads(report.results_json())
    assert "run" not in data
    assert [s["segment"] for s in data["segments"]] == list(SEGMENTS)
    assert [t["percent"] for t in data["top_shares"]] == [15, 20]
    assert json.loads(report.model_dump_json())["run"]["engine"] == "duckdb"


def test_cdnow_report(cdnow_parquet: Path, tmp_path: Path) -> None:
    report = customer_report(
        cdnow_parquet, calibration_end=CDNOW_END, keep_zero_amounts=True, secret=SECRET,
        out_dir=tmp_path,
    )  # fmt: skip
    assert (report.orders_read, report.customers) == (6919, 2357)
    assert report.orders_after_calibration_end == (cdnow_frame().order_time > "1997-09-30").sum()
    assert sum(s.customers for s in report.segments) == 2357
    assert sum(s.revenue_share for s in report.segments) == pytest.approx(1.0)
    assert 0 < report.top_shares[0].revenue_share < report.top_shares[1].revenue_share < 1
    assert report.repurchase is not None
    assert report.repurchase.repeat_customers == (report.summary.frequency > 0).sum()
    assert report.calibration is not None
    assert report.calibration.months == 9
    assert sum(c.customers for c in report.cohorts if c.months_since == 0) == 2357
    ids = pq.read_table(tmp_path / SUMMARY_NAME)["customer_id"].to_pylist()
    assert all(re.fullmatch(r"[0-9a-f]{20}", i) for i in ids)
    assert ids == sorted(ids)


def test_hive_partitioned_directory_equals_single_file(cdnow_parquet: Path, tmp_path: Path) -> None:
    frame = cdnow_frame()
    frame["month"] = frame.order_time.dt.strftime("%Y-%m")
    for month, part in frame.groupby("month"):
        folder = tmp_path / "lake" / f"month={month}"
        folder.mkdir(parents=True)
        part.drop(columns="month").to_parquet(folder / "part-0.parquet", index=False)
    kwargs = {"calibration_end": CDNOW_END, "keep_zero_amounts": True}
    from_dir = customer_report(tmp_path / "lake", **kwargs)
    from_file = customer_report(cdnow_parquet, **kwargs)
    assert from_dir.results_json().replace('"lake"', '"cdnow.parquet"') == from_file.results_json()


def test_table_names_are_for_spark_only(cdnow_parquet: Path) -> None:
    with connect() as engine, pytest.raises(ValueError, match="Spark"):
        engine.open(TableName(name="orders"))
