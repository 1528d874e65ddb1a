"""Every query gives the same answer on DuckDB and on Spark local mode.

Fixtures: the CDNOW sample, a slice of the shipped demo store (its first 4,000
customers, all their orders, plus the campaigns), and edge cases (ties on dates, UTC
timestamps around midnight, one-order customers, exclusions; a single customer with a
single order; refunds only). Counts must be equal and sums agree within 1e-9 relative;
``CustomerReport.results_json()`` must even be byte-identical.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ibis.expr import types as ir

from core.data.orders import queries as q
from core.data.orders.canonical import canonical_orders
from core.data.orders.engines import EngineSettings, Source, connect
from core.data.orders.report import CustomerReport, customer_report
from core.data.orders.schema import ColumnMapping
from core.data.store import DATA_DIR
from tests.data.orders.conftest import CDNOW_END, SECRET, assert_frames_agree, write_orders

pytestmark = pytest.mark.spark

DEMO_MAPPING = ColumnMapping(
    customer_id="customer_id", order_time="ts", amount="amount", order_id="order_id",
    channel="channel", platform="platform", status="is_refunded",
)  # fmt: skip
EDGE_END = dt.date(2024, 3, 31)
Build = Callable[[ir.Table], ir.Table]


@pytest.fixture(scope="module")
def demo_slice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("demo_slice")
    orders = pq.read_table(DATA_DIR / "demo_store" / "orders.parquet").to_pandas()
    orders = orders[orders.customer_id <= 4000]
    orders.to_parquet(root / "orders.parquet", index=False)
    campaigns = pd.read_parquet(DATA_DIR / "demo_store" / "campaigns.parquet")
    campaigns.to_parquet(root / "campaigns.parquet", index=False)
    return root / "orders.parquet", root / "campaigns.parquet"


@pytest.fixture(scope="module")
def edge_orders(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """UTC instants (tz-aware column) around midnight Shanghai time, ties, exclusions."""
    rows = [
        # customer, UTC time, amount, status
        ("tie1", "2024-01-01 15:59:59", 10.0, "paid"),  # 23:59:59 local: Jan 1
        ("tie1", "2024-01-01 16:00:00", 10.0, "paid"),  # 00:00 local: Jan 2
        ("tie2", "2024-01-01 15:59:59", 10.0, "paid"),
        ("tie2", "2024-01-01 16:00:00", 10.0, "paid"),
        ("same", "2024-02-10 01:00:00", 5.5, "paid"),
        ("same", "2024-02-10 02:00:00", 4.5, "paid"),  # same day: one transaction
        ("same", "2024-03-30 17:00:00", 1.0, "paid"),  # Mar 31 01:00 local: in
        ("late", "2024-03-31 16:30:00", 99.0, "paid"),  # Apr 1 local: after the end
        ("once", "2024-03-01 00:00:00", 0.01, "paid"),
        ("gone", "2024-01-15 00:00:00", 50.0, "refunded"),
        ("gone", "2024-01-16 00:00:00", 50.0, "CANCELLED "),
        ("zero", "2024-02-01 00:00:00", 0.0, "paid"),
        ("neg", "2024-02-02 00:00:00", -8.0, "paid"),
        ("big", "2024-01-03 00:00:00", 1e7 + 0.07, "paid"),
        ("big", "2024-03-03 00:00:00", 0.03, "paid"),
    ]
    frame = pd.DataFrame(rows, columns=["customer_id", "order_time", "amount", "status"])
    times = pd.to_datetime(frame.order_time).dt.tz_localize("UTC")
    table = pa.table(
        {
            "customer_id": frame.customer_id,
            "order_time": pa.array(times, pa.timestamp("us", tz="UTC")),
            "amount": frame.amount,
            "status": frame.status,
        }
    )
    path = tmp_path_factory.mktemp("edge") / "edge.parquet"
    pq.write_table(table, path)
    return path


def both(
    spark_settings: EngineSettings, sources: list[Source], mapping: ColumnMapping | None,
    build: Callable[..., ir.Table], *, keep_zero_amounts: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """``build(orders, *other sources)`` on DuckDB and on Spark."""
    frames = []
    for settings in (EngineSettings(), spark_settings):
        with connect(settings) as engine:
            raw, *others = engine.open_many(sources)
            orders = canonical_orders(
                raw, mapping or ColumnMapping.identity(raw.columns),
                keep_zero_amounts=keep_zero_amounts,
            )  # fmt: skip
            frames.append(engine.frame(build(orders, *others)))
    return frames[0], frames[1]


def reports(spark_settings: EngineSettings, source: Path, **kwargs) -> list[CustomerReport]:
    return [
        customer_report(source, engine=settings, secret=SECRET, **kwargs)
        for settings in (EngineSettings(), spark_settings)
    ]


def assert_reports_agree(duck: CustomerReport, spark: CustomerReport) -> None:
    assert (duck.run.engine, spark.run.engine) == ("duckdb", "spark")
    assert duck.results_json() == spark.results_json()
    assert_frames_agree(duck.summary, spark.summary, ["customer_id"])


def test_cdnow(spark_settings: EngineSettings, cdnow_parquet: Path) -> None:
    duck, spark = reports(
        spark_settings, cdnow_parquet, calibration_end=CDNOW_END, keep_zero_amounts=True
    )
    assert_reports_agree(duck, spark)
    assert duck.customers == 2357
    a, b = both(
        spark_settings, [cdnow_parquet], None, lambda o: q.rfm_customers(o, CDNOW_END),
        keep_zero_amounts=True,
    )  # fmt: skip
    assert_frames_agree(a, b, ["customer_id"])


def test_demo_slice(spark_settings: EngineSettings, demo_slice: tuple[Path, Path]) -> None:
    orders, campaigns = demo_slice
    duck, spark = (
        customer_report(orders, DEMO_MAPPING, engine=s, secret=SECRET, time_unit="month")
        for s in (EngineSettings(), spark_settings)
    )
    assert_reports_agree(duck, spark)
    assert duck.excluded["refunded"] > 0
    a, b = both(spark_settings, [orders, campaigns], DEMO_MAPPING, q.channel_kpis)
    assert_frames_agree(a, b, ["channel"])
    a, b = both(
        spark_settings, [orders, campaigns], DEMO_MAPPING, lambda _, c: q.campaign_metrics(c)
    )
    assert_frames_agree(a, b, ["platform", "strategy"])


def test_edge_cases(spark_settings: EngineSettings, edge_orders: Path) -> None:
    duck, spark = reports(spark_settings, edge_orders, calibration_end=EDGE_END, time_unit="day")
    assert_reports_agree(duck, spark)
    assert duck.orders_after_calibration_end == 1
    assert duck.excluded["refunded"] == duck.excluded["cancelled"] == 1
    assert duck.excluded["zero_amount"] == duck.excluded["negative_amount"] == 1
    a, b = both(spark_settings, [edge_orders], None, lambda o: q.purchase_days(o, EDGE_END))
    assert_frames_agree(a, b, ["customer_id", "day"])
    days = a.groupby("customer_id").day.apply(lambda d: sorted(str(x)[:10] for x in d))
    assert days["tie1"] == ["2024-01-01", "2024-01-02"]  # split at local midnight
    assert days["same"] == ["2024-02-10", "2024-03-31"]
    a, b = both(spark_settings, [edge_orders], None, lambda o: q.rfm_customers(o, EDGE_END))
    assert_frames_agree(a, b, ["customer_id"])
    ties = a.set_index("customer_id")
    assert ties.loc["tie1", ["r_score", "f_score", "m_score"]].tolist() == (
        ties.loc["tie2", ["r_score", "f_score", "m_score"]].tolist()
    )


def test_one_customer_one_order(spark_settings: EngineSettings, tmp_path: Path) -> None:
    path = write_orders(tmp_path / "one.parquet", [("solo", "2024-05-05 10:00", 42.0, None)])
    duck, spark = reports(spark_settings, path)
    assert_reports_agree(duck, spark)
    assert duck.customers == 1
    assert duck.calibration_end == dt.date(2024, 5, 5)
    assert duck.summary["T"].tolist() == [0.0]
    # Scores rank customers against each other: a lone customer ranks lowest on all
    # three (score 1 + ⌊5·0/1⌋ = 1), hence "lost" — documented in rfm_customers.
    assert [s.segment for s in duck.segments if s.customers] == ["lost"]


def test_refunds_only(spark_settings: EngineSettings, tmp_path: Path) -> None:
    path = write_orders(
        tmp_path / "refunds.parquet",
        [("a", "2024-05-05 10:00", 42.0, "已退款"), ("b", "2024-05-06 10:00", 8.0, "refunded")],
    )
    duck, spark = reports(spark_settings, path)
    assert_reports_agree(duck, spark)
    assert (duck.orders_read, duck.orders_included, duck.customers) == (2, 0, 0)
    assert duck.excluded["refunded"] == 2
    assert duck.calibration_end is None


def test_ids_and_statuses_are_trimmed_of_whitespace_only(
    spark_settings: EngineSettings, tmp_path: Path
) -> None:
    # Ibis's strip() trims the letters v and f on Spark (its TRIM literal '\v\f' reads as
    # "vf"), so the pseudonym "…62f" became "…62" there: one id in eight.
    path = write_orders(
        tmp_path / "ids.parquet",
        [
            ("ff01f", "2024-05-05 10:00", 42.0, "交易成功"),
            (" fvf\t", "2024-05-06 10:00", 8.0, " refunded\n"),
            ("v2", "2024-05-07 10:00", 5.0, None),
        ],
    )
    mapping = ColumnMapping.identity(["customer_id", "order_time", "amount", "status"])
    frames = {}
    for name, settings in (("duckdb", EngineSettings()), ("spark", spark_settings)):
        with connect(settings) as engine:
            orders = canonical_orders(engine.open(path), mapping)
            frame = engine.frame(orders.select("customer_id", "exclusion"))
            frames[name] = frame.sort_values("customer_id").reset_index(drop=True)
    assert frames["duckdb"]["customer_id"].tolist() == ["ff01f", "fvf", "v2"]
    assert frames["duckdb"]["exclusion"].tolist()[1] == "refunded"
    assert frames["spark"].equals(frames["duckdb"])
