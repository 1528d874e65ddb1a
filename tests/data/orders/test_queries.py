"""Order analytics on DuckDB against hand arithmetic, lifetimes' CDNOW summary and the
demo store's channel KPIs."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from core.data.orders import queries as q
from core.data.orders.canonical import canonical_orders
from core.data.orders.engines import connect
from core.data.orders.errors import OrdersFileError
from core.data.orders.schema import ColumnMapping
from core.data.store import DATA_DIR, DataStore
from data.demo_store import generate as demo
from tests.data.orders.conftest import CDNOW_END, CDNOW_SUMMARY, write_orders

END = dt.date(2024, 1, 29)
DEMO_MAPPING = ColumnMapping(
    customer_id="customer_id",
    order_time="ts",
    amount="amount",
    order_id="order_id",
    channel="channel",
    platform="platform",
    status="is_refunded",
)


def run(path: Path, build, *, keep_zero_amounts: bool = False) -> pd.DataFrame:
    """Execute ``build(canonical orders)`` on DuckDB over the Parquet file ``path``."""
    with connect() as engine:
        raw = engine.open(path)
        orders = canonical_orders(
            raw, ColumnMapping.identity(raw.columns), keep_zero_amounts=keep_zero_amounts
        )
        return engine.frame(build(orders))


@pytest.fixture
def small_orders(tmp_path: Path) -> Path:
    """A: 3 purchase days (two orders on 01-01); B: one order; C: refunded + after end;
    D: a zero-amount order and one real one."""
    return write_orders(
        tmp_path / "orders.parquet",
        [
            ("A", "2024-01-01 10:00", 100.0, "交易成功"),
            ("A", "2024-01-01 15:00", 50.0, "交易成功"),
            ("A", "2024-01-08 09:00", 30.0, None),
            ("A", "2024-01-22 23:59", 20.0, "交易成功"),
            ("B", "2024-01-15 12:00", 80.0, "交易成功"),
            ("C", "2024-01-20 12:00", 60.0, "已退款"),
            ("C", "2024-02-05 12:00", 60.0, "交易成功"),
            ("D", "2024-01-10 12:00", 0.0, "交易成功"),
            ("D", "2024-01-12 12:00", 40.0, "交易成功"),
        ],
    )


def test_summary_merges_same_day_and_counts_repeat_days(small_orders: Path) -> None:
    frame = run(small_orders, lambda o: q.customer_summary(o, END, "week"))
    rows = frame.set_index("customer_id").sort_index()
    assert list(rows.index) == ["A", "B", "D"]
    a, b, d = rows.loc["A"], rows.loc["B"], rows.loc["D"]
    assert a.frequency == 2
    assert a.recency == pytest.approx(21 / 7)
    assert a["T"] == pytest.approx(28 / 7)
    assert a.monetary_value == pytest.approx((30 + 20) / 2)
    assert (a.orders, a.revenue) == (4, 200.0)
    assert (b.frequency, b.recency, b.monetary_value) == (0, 0.0, 0.0)
    assert b["T"] == pytest.approx(14 / 7)
    assert d["T"] == pytest.approx(17 / 7)
    assert d.orders == 1


@pytest.mark.parametrize(("unit", "days"), [("day", 1.0), ("week", 7.0), ("month", 30.4375)])
def test_summary_time_units(small_orders: Path, unit: q.TimeUnit, days: float) -> None:
    a = run(small_orders, lambda o: q.customer_summary(o, END, unit)).set_index("customer_id")
    assert a.loc["A", "recency"] == pytest.approx(21 / days)
    assert a.loc["A", "T"] == pytest.approx(28 / days)


def test_zero_amounts_can_count_as_purchases(small_orders: Path) -> None:
    frame = run(
        small_orders, lambda o: q.customer_summary(o, END, "day"), keep_zero_amounts=True
    ).set_index("customer_id")
    assert frame.loc["D", "frequency"] == 1
    assert frame.loc["D", "monetary_value"] == 40.0


def test_exclusion_counts(small_orders: Path) -> None:
    counts = run(small_orders, q.exclusion_counts)
    by_reason = dict(zip(counts.exclusion.fillna("included"), counts.rows, strict=True))
    assert by_reason == {"included": 7, "refunded": 1, "zero_amount": 1}


def test_cdnow_summary_reproduces_lifetimes(cdnow_parquet: Path) -> None:
    ours = run(
        cdnow_parquet, lambda o: q.customer_summary(o, CDNOW_END, "week"), keep_zero_amounts=True
    )
    expected = pd.read_csv(CDNOW_SUMMARY)
    merged = expected.merge(ours, left_on="ID", right_on="customer_id", how="outer")
    assert len(merged) == len(expected) == len(ours) == 2357
    assert (merged.frequency_x == merged.frequency_y).all()
    assert (merged.recency_x - merged.recency_y).abs().max() <= 0.005  # file rounds to 0.01
    assert (merged.T_x - merged.T_y).abs().max() <= 0.005
    assert (ours.monetary_value[ours.frequency == 0] == 0).all()


def _rfm_orders(path: Path, specs: list[tuple[str, int, int, float]], end: dt.date) -> Path:
    """Customer, days since last purchase, purchase days, revenue → orders (one a day)."""
    rows = []
    for customer, recency, n_days, revenue in specs:
        for k in range(n_days):
            day = end - dt.timedelta(days=recency + 3 * k)
            rows.append((customer, f"{day} 12:00", revenue / n_days, None))
    return write_orders(path, rows)


def test_rfm_distinct_values_get_one_score_each(tmp_path: Path) -> None:
    specs = [("c1", 50, 1, 10.0), ("c2", 40, 2, 20.0), ("c3", 30, 3, 30.0),
             ("c4", 20, 4, 40.0), ("c5", 10, 5, 50.0)]  # fmt: skip
    path = _rfm_orders(tmp_path / "o.parquet", specs, END)
    rfm = run(path, lambda o: q.rfm_customers(o, END)).set_index("customer_id").sort_index()
    assert list(rfm.r_score) == [1, 2, 3, 4, 5]
    assert list(rfm.f_score) == [1, 2, 3, 4, 5]
    assert list(rfm.m_score) == [1, 2, 3, 4, 5]
    assert list(rfm.recency_days) == [50, 40, 30, 20, 10]
    assert list(rfm.segment) == ["lost", "lost", "need_attention", "loyal", "champions"]


def test_rfm_ties_share_a_score(tmp_path: Path) -> None:
    # F values 1,1,1,1,1,1,2,2,3,4 among n = 10: RANK (0-based) 0,…,0,6,6,8,9 →
    # score 1 + ⌊5·rank/10⌋ = 1 (×6), 4, 4, 5, 5.
    frequencies = [1, 1, 1, 1, 1, 1, 2, 2, 3, 4]
    specs = [(f"c{i:02d}", 5, f, 10.0) for i, f in enumerate(frequencies)]
    path = _rfm_orders(tmp_path / "o.parquet", specs, END)
    rfm = run(path, lambda o: q.rfm_customers(o, END)).set_index("customer_id").sort_index()
    assert list(rfm.f_score) == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]
    assert set(rfm.r_score) == {1}  # everybody tied on recency
    assert set(rfm.m_score) == {1}  # and on revenue


@pytest.mark.parametrize(
    ("r", "f", "m", "segment"),
    [(5, 5, 4, "champions"), (5, 1, 1, "new"), (4, 1, 1, "promising"),
     (4, 3, 2, "potential_loyalist"), (3, 2, 1, "about_to_sleep"),
     (2, 5, 5, "cant_lose_them"), (1, 3, 4, "at_risk"), (1, 1, 2, "lost")],
)  # fmt: skip
def test_segment_rules(r: int, f: int, m: int, segment: str) -> None:
    fm = (f + m + 1) // 2
    matches = [name for name, rs, fms in q.SEGMENT_RULES if r in rs and fm in fms]
    assert matches == [segment]


def test_segment_rules_partition_the_grid() -> None:
    for r in range(1, 6):
        for fm in range(1, 6):
            assert sum(r in rs and fm in fms for _, rs, fms in q.SEGMENT_RULES) == 1


def test_segments_and_top_share(tmp_path: Path) -> None:
    specs = [(f"c{i:02d}", 10 * i, 1, float(i)) for i in range(1, 11)]  # revenue 1..10
    path = _rfm_orders(tmp_path / "o.parquet", specs, END)
    top = run(path, lambda o: q.top_customer_share(q.rfm_customers(o, END), (10, 15, 20, 50)))
    assert top.customers[0] == 10
    assert top.revenue[0] == 55.0
    assert top.top_10_share[0] == pytest.approx(10 / 55)
    assert top.top_15_share[0] == pytest.approx(19 / 55)  # ⌈1.5⌉ = 2 customers
    assert top.top_20_share[0] == pytest.approx(19 / 55)
    assert top.top_50_share[0] == pytest.approx(40 / 55)
    seg = run(path, lambda o: q.rfm_segments(q.rfm_customers(o, END)))
    assert seg.customers.sum() == 10
    assert seg.customer_share.sum() == pytest.approx(1.0)
    assert seg.revenue_share.sum() == pytest.approx(1.0)


@pytest.fixture
def cohort_orders(tmp_path: Path) -> Path:
    return write_orders(
        tmp_path / "cohorts.parquet",
        [
            ("A", "2024-01-05 10:00", 10.0, None),
            ("A", "2024-02-10 10:00", 20.0, None),
            ("A", "2024-03-01 10:00", 30.0, None),
            ("B", "2024-01-20 10:00", 40.0, None),
            ("B", "2024-03-15 10:00", 10.0, None),
            ("B", "2024-03-15 18:00", 20.0, None),
            ("C", "2024-02-03 10:00", 50.0, None),
        ],
    )


COHORT_END = dt.date(2024, 3, 31)


def test_cohort_table(cohort_orders: Path) -> None:
    table = run(cohort_orders, lambda o: q.cohorts(o, COHORT_END))
    table["cohort_month"] = pd.to_datetime(table.cohort_month).dt.strftime("%Y-%m")
    got = table[["cohort_month", "months_since", "cohort_size", "customers", "orders",
                 "revenue", "retention"]].values.tolist()  # fmt: skip
    assert got == [
        ["2024-01", 0, 2, 2, 2, 50.0, 1.0],
        ["2024-01", 1, 2, 1, 1, 20.0, 0.5],
        ["2024-01", 2, 2, 2, 3, 60.0, 1.0],
        ["2024-02", 0, 1, 1, 1, 50.0, 1.0],
    ]


def test_repurchase_rate_and_cycle(cohort_orders: Path) -> None:
    rep = run(cohort_orders, lambda o: q.repurchase(o, COHORT_END)).iloc[0]
    # gaps: A 36 and 20 days, B 55 days (its two orders of 03-15 are one day)
    assert (rep.customers, rep.repeat_customers, rep.gaps) == (3, 2, 3)
    assert rep.repurchase_rate == pytest.approx(2 / 3)
    assert rep.cycle_median_days == 36
    assert rep.cycle_mean_days == pytest.approx(111 / 3)


def test_monthly_activity_and_calibration(cohort_orders: Path) -> None:
    monthly = run(cohort_orders, lambda o: q.monthly_activity(o, COHORT_END, inactive_days=30))
    cols = ["orders", "active_customers", "new_customers", "lapsed", "alive_at_start"]
    # lapse dates: A 03-01 + 30 = 03-31 (March), C 02-03 + 30 = 03-04 (March), B after end
    assert monthly[cols].values.tolist() == [[2, 2, 2, 0, 0], [2, 2, 1, 0, 2], [3, 2, 0, 2, 3]]
    assert monthly.churn_rate.iloc[2] == pytest.approx(2 / 3)
    assert list(monthly.orders_per_alive_customer) == pytest.approx([1.0, 2 / 3, 1.0])
    cal = run(
        cohort_orders,
        lambda o: q.calibration_inputs(q.monthly_activity(o, COHORT_END, 30), 30),
    ).iloc[0]
    assert cal.monthly_churn == pytest.approx(2 / 5)  # Feb + Mar: (0 + 2) / (2 + 3)
    assert cal.orders_per_customer_month == pytest.approx(7 / 8)
    assert cal.aov == pytest.approx(180 / 7)
    assert cal.new_customers_per_month == pytest.approx(1.0)


def test_missing_required_field_is_a_typed_error(small_orders: Path) -> None:
    with connect() as engine:
        raw = engine.open(small_orders)
        with pytest.raises(OrdersFileError) as error:
            canonical_orders(raw, ColumnMapping(customer_id="customer_id", amount="amount"))
    assert error.value.key == "orders.error.missing_field"
    assert error.value.params == {"field": "order_time"}


@pytest.fixture(scope="module")
def small_demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo")
    demo.write_parquet(demo.generate(demo.DemoStoreConfig.small()), root / "demo_store")
    (root / "benchmarks").mkdir()
    for name in ("benchmarks.csv", "field_basis.csv"):
        shutil.copy(DATA_DIR / "benchmarks" / name, root / "benchmarks")
    return root


def demo_channel_kpis(root: Path) -> pd.DataFrame:
    with connect() as engine:
        raw, campaigns = engine.open_many(
            [root / "demo_store" / "orders.parquet", root / "demo_store" / "campaigns.parquet"]
        )
        return engine.frame(q.channel_kpis(canonical_orders(raw, DEMO_MAPPING), campaigns))


def test_channel_kpis_match_the_datastore(small_demo_dir: Path) -> None:
    store = DataStore.for_directory(small_demo_dir)
    try:
        expected = store.demo_channel_summary()
    finally:
        store.close()
    ours = demo_channel_kpis(small_demo_dir)
    expected = expected.sort_values("channel").reset_index(drop=True)
    assert list(ours.columns) == list(expected.columns)
    assert list(ours.channel) == list(expected.channel.astype(str))
    for column in expected.columns.drop("channel"):
        pd.testing.assert_series_equal(
            ours[column].astype(float),
            expected[column].astype(float),
            rtol=1e-9,
            check_names=False,
        )


def test_campaign_metrics(small_demo_dir: Path) -> None:
    with connect() as engine:
        campaigns = engine.open(small_demo_dir / "demo_store" / "campaigns.parquet")
        frame = engine.frame(q.campaign_metrics(campaigns))
    raw = pd.read_parquet(small_demo_dir / "demo_store" / "campaigns.parquet")
    ads = frame[(frame.platform == "taobao") & (frame.strategy == "ads")].iloc[0]
    cells = raw[(raw.platform == "taobao") & (raw.strategy == "ads")]
    assert ads.cpc == pytest.approx(cells.spend.sum() / cells.clicks.sum(), rel=1e-12)
    assert ads.ctr == pytest.approx(cells.clicks.sum() / cells.impressions.sum(), rel=1e-12)
    assert ads.cvr == pytest.approx(cells.orders.sum() / cells.clicks.sum(), rel=1e-12)
    assert ads.aov == pytest.approx(cells.gmv.sum() / cells.orders.sum(), rel=1e-12)
    assert len(frame) == 12


def test_top_share_counts_customers_tied_at_the_cut(tmp_path: Path) -> None:
    # Revenue ¥5, ¥5, ¥5 and ¥1 (¥16): the top k customers are k × ¥5 whichever of the
    # tied customers they are; k = ⌈x × 4 / 100⌉.
    specs = [("a", 10, 1, 5.0), ("b", 10, 1, 5.0), ("c", 10, 1, 5.0), ("d", 10, 1, 1.0)]
    path = _rfm_orders(tmp_path / "o.parquet", specs, END)
    top = run(path, lambda o: q.top_customer_share(q.rfm_customers(o, END), (10, 25, 50, 100)))
    assert (top.customers[0], top.revenue[0]) == (4, 16.0)
    assert top.top_10_share[0] == pytest.approx(5 / 16)  # ⌈0.4⌉ = 1 customer
    assert top.top_25_share[0] == pytest.approx(5 / 16)
    assert top.top_50_share[0] == pytest.approx(10 / 16)
    assert top.top_100_share[0] == pytest.approx(1.0)
