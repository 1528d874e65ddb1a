"""DataStore: benchmark filters, demo-store KPIs against pandas, bad filters, threads."""

from __future__ import annotations

import hashlib
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from core.data.store import (
    BENCHMARK_CATEGORIES,
    BENCHMARK_COLUMNS,
    BENCHMARK_STRATEGIES,
    BENCHMARK_UNITS,
    CHANNELS,
    DATA_DIR,
    METRICS,
    PLATFORMS,
    QUALITIES,
    DataStore,
    InvalidFilterError,
)
from data.demo_store import generate as demo

CSV_PATH = DATA_DIR / "benchmarks" / "benchmarks.csv"
README_PATH = CSV_PATH.with_name("README.md")
KEYS = ["month", "channel"]


@pytest.fixture(scope="session")
def small_demo() -> demo.DemoStore:
    return demo.generate(demo.DemoStoreConfig.small())


@pytest.fixture(scope="session")
def small_dir(tmp_path_factory: pytest.TempPathFactory, small_demo: demo.DemoStore) -> Path:
    """A data directory with the small demo store and a copy of the real benchmarks."""
    root = tmp_path_factory.mktemp("data")
    demo.write_parquet(small_demo, root / "demo_store")
    (root / "benchmarks").mkdir()
    shutil.copy(CSV_PATH, root / "benchmarks" / "benchmarks.csv")
    shutil.copy(CSV_PATH.parent / "field_basis.csv", root / "benchmarks" / "field_basis.csv")
    return root


@pytest.fixture(scope="session")
def store(small_dir: Path):
    data_store = DataStore.for_directory(small_dir)
    yield data_store
    data_store.close()


@pytest.fixture(scope="session")
def bench() -> pd.DataFrame:
    return pd.read_csv(CSV_PATH, encoding="utf-8")


@pytest.fixture(scope="session")
def kpis(store: DataStore) -> pd.DataFrame:
    return store.demo_monthly_kpis()


def _month(stamps: pd.Series) -> pd.Series:
    return stamps.dt.strftime("%Y-%m")


def _by_cell(kpis: pd.DataFrame) -> pd.DataFrame:
    return kpis.assign(month=_month(kpis["month"])).set_index(KEYS)


def _orders(small_demo: demo.DemoStore) -> pd.DataFrame:
    """Orders with month, channel as text and a first-order flag, computed with pandas."""
    orders = small_demo.orders.sort_values("order_id")
    return orders.assign(
        month=_month(orders["ts"]),
        channel=orders["channel"].astype(str),
        is_first=~orders["customer_id"].duplicated(),
    )


# --- vocabularies -----------------------------------------------------------------------


def test_vocabularies_cover_the_data_and_the_readme(bench: pd.DataFrame):
    for column, allowed in [
        ("platform", PLATFORMS),
        ("category", BENCHMARK_CATEGORIES),
        ("strategy", BENCHMARK_STRATEGIES),
        ("quality", QUALITIES),
        ("metric", METRICS),
        ("unit", BENCHMARK_UNITS),
    ]:
        assert set(bench[column]) <= set(allowed), column
    readme = README_PATH.read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([a-z_]+)` \|", readme.split("### Metrics")[1], re.M)
    assert set(METRICS) <= set(documented)
    assert len(METRICS) == len(set(METRICS)) == 81
    assert CHANNELS == demo.CHANNELS
    assert list(BENCHMARK_COLUMNS) == list(bench.columns)


# --- benchmarks -------------------------------------------------------------------------


def test_benchmarks_returns_every_row_with_every_column(store: DataStore, bench: pd.DataFrame):
    rows = store.benchmarks()
    assert list(rows.columns) == list(bench.columns)
    assert sorted(rows["id"]) == sorted(bench["id"])
    merged = rows.merge(bench, on="id", suffixes=("", "_csv"))
    for column in ("source", "quality", "note", "year", "platform"):
        assert (merged[column] == merged[f"{column}_csv"]).all(), column
    for column in ("value", "low", "high"):
        np.testing.assert_array_equal(merged[column], merged[f"{column}_csv"])
    ordered = rows.sort_values(["strategy", "metric", "platform", "category"], kind="stable")
    assert ordered.index.tolist() == rows.index.tolist()


@pytest.mark.parametrize(
    "filters",
    [
        {"platform": ["douyin"]},
        {"platform": "douyin", "metric": "cvr"},
        {"platform": ["taobao", "jd"], "strategy": ["ads"]},
        {"category": ["apparel", "beauty"], "quality": ["solid", "medium"]},
        {"metric": ["gross_margin"], "year": [2018, 2024]},
        {"year": 2024, "strategy": "private_domain", "quality": "vague"},
        {"metric": "cpc", "platform": "kuaishou"},
    ],
)
def test_benchmark_filters_return_only_matching_rows(store, bench, filters):
    expected = bench
    for column, wanted in filters.items():
        values = wanted if isinstance(wanted, list) else [wanted]
        expected = expected[expected[column].isin(values)]
    rows = store.benchmarks(**filters)
    assert sorted(rows["id"]) == sorted(expected["id"])


def test_numpy_years_and_tuples_are_accepted(store: DataStore, bench: pd.DataFrame):
    rows = store.benchmarks(year=np.int64(2018), platform=("global", "jd"))
    expected = bench[(bench["year"] == 2018) & bench["platform"].isin(["global", "jd"])]
    assert sorted(rows["id"]) == sorted(expected["id"])


def test_an_empty_filter_list_matches_nothing(store: DataStore):
    assert store.benchmarks(platform=[]).empty
    assert len(store.benchmarks(platform=None)) == 266


def test_metric_ranges_per_platform(store: DataStore, bench: pd.DataFrame):
    ranges = store.metric_ranges("cvr").set_index("platform")
    rows = bench[bench["metric"] == "cvr"]
    point = rows["value"].fillna((rows["low"] + rows["high"]) / 2)
    rows = rows.assign(
        point=point, span_low=rows["low"].fillna(rows["value"]), span_high=rows["high"]
    )
    rows = rows.assign(span_high=rows["span_high"].fillna(rows["value"]))
    expected = rows.groupby("platform").agg(
        n_rows=("id", "size"),
        n_points=("point", "count"),
        low=("span_low", "min"),
        high=("span_high", "max"),
        median=("point", "median"),
    )
    assert set(ranges.index) == set(expected.index)
    assert ranges.index[-1] == "global"
    for column in expected.columns:
        np.testing.assert_allclose(ranges.loc[expected.index, column], expected[column])
    assert list(ranges.loc["wechat", "row_ids"]) == ["ads-cvr-wechat-moments-2022-all"]


def test_metric_ranges_split_units(store: DataStore):
    ranges = store.metric_ranges("content_production_cost", platform="global")
    assert sorted(ranges["unit"]) == ["yuan", "yuan_per_month"]
    ceiling_only = ranges.set_index("unit").loc["yuan_per_month"]
    assert ceiling_only["n_points"] == 0
    assert np.isnan(ceiling_only["median"])


def test_estimate_is_the_median_of_point_estimates(store: DataStore, bench: pd.DataFrame):
    found = store.estimate(
        "cvr", unit="fraction", platform="global", category="all", strategy="ads"
    )
    assert found is not None
    rows = bench[bench["id"].isin(found.row_ids)]
    point = rows["value"].fillna((rows["low"] + rows["high"]) / 2)
    assert point.notna().all()
    assert found.value == pytest.approx(point.median(), rel=1e-12)
    assert "ads-cvr-offline-qr-2024-all" not in found.row_ids  # a ceiling only: no point
    assert found.low == rows["low"].fillna(rows["value"]).min()
    assert found.high == rows["high"].fillna(rows["value"]).max()


def test_estimate_without_usable_rows_is_none(store: DataStore):
    # Global commission rates are floors only ("20% or more"): no point estimate.
    assert (
        store.estimate("commission_rate", unit="fraction", platform="global", category="all")
        is None
    )
    assert store.estimate("cpc", unit="yuan_per_click", platform="kuaishou", category="all") is None


# --- bad filters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "name"),
    [
        ({"platform": "myspace"}, "platform"),
        ({"quality": "great"}, "quality"),
        ({"year": 1800}, "year"),
        ({"year": [2024, 2101]}, "year"),
        ({"year": "2024"}, "year"),
        ({"year": True}, "year"),
        ({"year": 2024.0}, "year"),
        ({"platform": "x'; DROP TABLE t; --"}, "platform"),
        ({"metric": "x'; DROP TABLE benchmarks; --"}, "metric"),
        ({"category": ["apparel", "other"]}, "category"),
        ({"strategy": ["ads", None]}, "strategy"),
        ({"platform": [1]}, "platform"),
        ({"platform": 3.5}, "platform"),
    ],
)
def test_bad_filter_values_are_rejected_with_a_clear_message(store, filters, name):
    with pytest.raises(InvalidFilterError) as excinfo:
        store.benchmarks(**filters)
    error = excinfo.value
    assert isinstance(error, ValueError)
    assert error.filter_name == name
    message = str(error)
    assert f"Invalid {name} filter value" in message
    assert "allowed:" in message
    if name == "platform":
        assert "douyin" in message
    assert len(store.benchmarks()) == 266  # nothing ran, nothing dropped


def test_bad_values_are_rejected_by_every_query(store: DataStore):
    with pytest.raises(InvalidFilterError, match="channel"):
        store.demo_monthly_kpis(channel="x'; DROP TABLE orders; --")
    with pytest.raises(InvalidFilterError, match="metric"):
        store.metric_ranges("views")  # type: ignore[arg-type]
    with pytest.raises(InvalidFilterError, match="unit"):
        store.estimate("cvr", unit="percent", platform="global", category="all")  # type: ignore[arg-type]


# --- demo-store KPIs --------------------------------------------------------------------


def test_monthly_gmv_and_orders_match_a_pandas_groupby(kpis, small_demo):
    expected = (
        _orders(small_demo)
        .groupby(KEYS)
        .agg(
            orders=("order_id", "size"),
            gmv=("amount", "sum"),
            refunded_orders=("is_refunded", "sum"),
        )
    )
    got = _by_cell(kpis)
    with_orders = got[got["orders"] > 0]
    assert sorted(with_orders.index) == sorted(expected.index)
    got = got.loc[expected.index]
    np.testing.assert_array_equal(got["orders"], expected["orders"])
    np.testing.assert_allclose(got["gmv"], expected["gmv"], rtol=1e-12)
    np.testing.assert_allclose(got["aov"], expected["gmv"] / expected["orders"], rtol=1e-12)
    np.testing.assert_array_equal(got["refunded_orders"], expected["refunded_orders"])
    assert len(kpis) == 24 * len(CHANNELS)


def test_new_and_repeat_customers_are_consistent(kpis, small_demo):
    orders = _orders(small_demo)
    assert (kpis["new_customers"] + kpis["repeat_customers"] == kpis["customers"]).all()
    assert (kpis["new_customers"] + kpis["repeat_orders"] == kpis["orders"]).all()
    assert kpis["new_customers"].sum() == len(small_demo.customers)
    expected = orders.groupby(KEYS).agg(
        customers=("customer_id", "nunique"), new_customers=("is_first", "sum")
    )
    got = _by_cell(kpis).loc[expected.index]
    np.testing.assert_array_equal(got["customers"], expected["customers"])
    np.testing.assert_array_equal(got["new_customers"], expected["new_customers"])
    # New customers per month = customers whose first order falls in that month.
    acquired = small_demo.customers.groupby(_month(small_demo.customers["first_order_date"]))
    per_month = kpis.groupby(_month(kpis["month"]))["new_customers"].sum()
    pd.testing.assert_series_equal(per_month, acquired.size(), check_names=False)


def test_roas_is_gmv_over_spend(kpis, small_demo):
    campaigns = small_demo.campaigns.assign(
        month=_month(small_demo.campaigns["date"]),
        channel=small_demo.campaigns["strategy"].astype(str),
    )
    spend = campaigns.groupby(KEYS)["spend"].sum()
    got = _by_cell(kpis)
    paid = got.loc[spend.index]
    np.testing.assert_allclose(paid["spend"], spend, rtol=1e-12)
    np.testing.assert_allclose(paid["roas"], paid["gmv"] / spend, rtol=1e-12)
    organic = got.xs("organic", level="channel")
    assert (organic["spend"] == 0).all()
    assert organic["roas"].isna().all()


def test_refunds_and_net_gmv(kpis: pd.DataFrame):
    assert (kpis["refunded_gmv"] <= kpis["gmv"]).all()
    np.testing.assert_allclose(kpis["net_gmv"], kpis["gmv"] - kpis["refunded_gmv"])
    with_orders = kpis[kpis["orders"] > 0]
    np.testing.assert_allclose(
        with_orders["refund_rate"], with_orders["refunded_orders"] / with_orders["orders"]
    )


def test_channel_filter_selects_rows(store: DataStore, kpis: pd.DataFrame):
    ads = store.demo_monthly_kpis(channel="ads")
    expected = kpis[kpis["channel"] == "ads"].reset_index(drop=True)
    pd.testing.assert_frame_equal(ads, expected)
    both = store.demo_monthly_kpis(channel=["organic", "content"])
    assert set(both["channel"]) == {"organic", "content"}
    assert list(both["channel"][:2]) == ["content", "organic"]  # channel order within a month


def test_channel_summary_matches_the_orders(store, kpis, small_demo):
    summary = store.demo_channel_summary().set_index("channel")
    assert list(summary.index) == list(CHANNELS)
    orders = _orders(small_demo)
    by_channel = orders.groupby("channel")
    customers = by_channel["customer_id"].nunique()
    np.testing.assert_array_equal(summary["customers"], customers[list(CHANNELS)])
    monthly = kpis.groupby("channel")[["orders", "gmv", "new_customers", "spend"]].sum()
    for column in monthly.columns:
        np.testing.assert_allclose(summary[column], monthly.loc[summary.index, column])
    paid = summary.drop(index="organic")
    np.testing.assert_allclose(paid["roas"], paid["gmv"] / paid["spend"])
    assert np.isnan(summary.loc["organic", "roas"])


# --- threads, files ---------------------------------------------------------------------


def test_concurrent_queries_on_one_store(store: DataStore):
    calls = [
        lambda: store.benchmarks(platform="douyin"),
        lambda: store.metric_ranges("ctr"),
        lambda: store.demo_monthly_kpis(channel="content"),
        store.demo_channel_summary,
    ]
    reference = [call() for call in calls]

    def worker(thread: int) -> list[int]:
        mismatches = []
        for i in range(20):
            index = (thread + i) % len(calls)
            frame = calls[index]()
            if not frame.drop(columns="row_ids", errors="ignore").equals(
                reference[index].drop(columns="row_ids", errors="ignore")
            ):
                mismatches.append(index)
        return mismatches

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(worker, range(8)))
    assert results == [[]] * 8


def test_the_database_reads_only_its_own_files(store: DataStore, small_dir: Path):
    files = sorted(small_dir.rglob("*.*"))
    before = {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in files}
    with store._connection.cursor() as cursor:
        with pytest.raises(duckdb.PermissionException):
            cursor.execute("SELECT * FROM read_csv('/etc/hostname')")
        with pytest.raises(duckdb.PermissionException):
            cursor.execute(f"COPY (SELECT 1) TO '{small_dir / 'benchmarks' / 'benchmarks.csv'}'")
        with pytest.raises(duckdb.Error):
            cursor.execute("SET enable_external_access = true")
    after = {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in files}
    assert after == before


def test_missing_files_are_named(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match=r"benchmarks\.csv"):
        DataStore.for_directory(tmp_path)


def test_the_default_store_opens_the_shipped_data():
    shipped = DataStore()
    try:
        assert shipped.data_dir == DATA_DIR
        summary = shipped.demo_channel_summary()
        assert summary["orders"].sum() == 1_282_383
    finally:
        shipped.close()


def test_a_month_with_spend_but_no_orders_is_kept(tmp_path: Path, small_dir, small_demo):
    orders = small_demo.orders
    january = orders["ts"] < pd.Timestamp("2024-02-01")
    dropped = orders[~(january & (orders["channel"] == "private_domain"))]
    demo.write_parquet(
        demo.DemoStore(small_demo.customers, dropped, small_demo.campaigns), tmp_path / "demo_store"
    )
    shutil.copytree(small_dir / "benchmarks", tmp_path / "benchmarks")
    with_gap = DataStore.for_directory(tmp_path)
    try:
        row = with_gap.demo_monthly_kpis(channel="private_domain").iloc[0]
    finally:
        with_gap.close()
    assert row["month"] == pd.Timestamp("2024-01-01")
    assert (row["orders"], row["gmv"], row["customers"], row["repeat_orders"]) == (0, 0, 0, 0)
    assert row["spend"] > 0
    assert row["roas"] == 0
    assert np.isnan(row["aov"])
    assert np.isnan(row["refund_rate"])


def test_the_user_facing_connection_cannot_create_or_change_objects(store):
    with store._connection.cursor() as cursor:
        for statement in (
            "CREATE TABLE t (x INTEGER)",
            "DROP VIEW benchmarks",
            "CREATE OR REPLACE VIEW benchmarks AS SELECT 1",
        ):
            with pytest.raises(duckdb.Error):
                cursor.execute(statement)
    assert len(store.benchmarks()) > 200
