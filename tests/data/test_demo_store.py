"""Tests of the deterministic demo-store generator (small size only, a few seconds)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from data.demo_store.generate import (
    CHANNELS,
    PLATFORMS,
    STRATEGIES,
    TABLES,
    DemoStore,
    DemoStoreConfig,
    generate,
    main,
    read_parquet,
    write_parquet,
)

SMALL = DemoStoreConfig.small()
N_DAYS = 731  # 2024-01-01 .. 2025-12-31
CAMPAIGN_CELLS = 12  # ads x 7 platforms + content x 4 + private domain x 1


@pytest.fixture(scope="module")
def store() -> DemoStore:
    return generate(SMALL)


@pytest.fixture(scope="module")
def first_orders(store: DemoStore) -> pd.DataFrame:
    orders = store.orders.sort_values("order_id")
    return orders.drop_duplicates("customer_id").set_index("customer_id")


def test_same_config_gives_byte_identical_parquet(tmp_path: Path) -> None:
    a = write_parquet(generate(SMALL), tmp_path / "a")
    b = write_parquet(generate(SMALL), tmp_path / "b")
    for name in TABLES:
        assert a[name].read_bytes() == b[name].read_bytes(), name


def test_other_seed_gives_other_data(store: DemoStore) -> None:
    other = generate(DemoStoreConfig.small(seed=SMALL.seed + 1))
    assert not other.orders["amount"].equals(store.orders["amount"])


def test_parquet_round_trip(store: DemoStore, tmp_path: Path) -> None:
    write_parquet(store, tmp_path)
    back = read_parquet(tmp_path)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(back, name), getattr(store, name))


def test_row_counts(store: DemoStore) -> None:
    assert 5_000 <= len(store.orders) <= 20_000
    assert 2_000 <= len(store.customers) <= len(store.orders)
    assert len(store.campaigns) == N_DAYS * CAMPAIGN_CELLS


def test_schema(store: DemoStore) -> None:
    orders, customers, campaigns = store.orders, store.customers, store.campaigns
    assert list(orders.columns) == [
        "order_id",
        "customer_id",
        "ts",
        "amount",
        "channel",
        "platform",
        "is_refunded",
    ]
    assert orders["order_id"].dtype == np.int64
    assert orders["customer_id"].dtype == np.int32
    assert orders["ts"].dtype == "datetime64[us]"
    assert orders["amount"].dtype == np.float64
    assert orders["is_refunded"].dtype == bool
    assert list(orders["channel"].cat.categories) == list(CHANNELS)
    assert list(orders["platform"].cat.categories) == list(PLATFORMS)
    assert customers["customer_id"].dtype == np.int32
    assert customers["is_member"].dtype == bool
    assert set(customers["city_tier"].unique()) <= {1, 2, 3, 4, 5}
    assert list(customers["acquisition_channel"].cat.categories) == list(CHANNELS)
    assert list(campaigns["strategy"].cat.categories) == list(STRATEGIES)
    assert list(campaigns.columns) == [
        "date",
        "platform",
        "strategy",
        "spend",
        "impressions",
        "clicks",
        "orders",
        "gmv",
    ]


def test_ids_and_timestamps(store: DemoStore) -> None:
    orders = store.orders
    assert orders["order_id"].is_unique
    assert orders["order_id"].is_monotonic_increasing
    assert orders["ts"].is_monotonic_increasing
    assert (orders["ts"].dt.floor("s") == orders["ts"]).all()  # seconds resolution
    assert orders["ts"].min() >= pd.Timestamp("2024-01-01")
    assert orders["ts"].max() < pd.Timestamp("2026-01-01")
    assert set(orders["customer_id"]) == set(store.customers["customer_id"])


def test_campaigns_match_orders(store: DemoStore) -> None:
    paid = store.orders[store.orders["channel"] != "organic"]
    actual = (
        paid.assign(
            date=paid["ts"].dt.floor("D").astype("datetime64[s]"),
            strategy=paid["channel"].astype(str),
            platform=paid["platform"].astype(str),
        )
        .groupby(["date", "platform", "strategy"])
        .agg(orders=("amount", "size"), gmv=("amount", "sum"))
    )
    campaigns = store.campaigns.assign(
        platform=store.campaigns["platform"].astype(str),
        strategy=store.campaigns["strategy"].astype(str),
    ).set_index(["date", "platform", "strategy"])
    assert campaigns.index.is_unique
    # every attributed order falls on a campaign row ...
    assert actual.index.isin(campaigns.index).all()
    # ... and every campaign row carries exactly its orders and GMV
    expected = actual.rename(columns={"orders": "n_orders", "gmv": "sum_amount"})
    joined = campaigns.join(expected).fillna({"n_orders": 0, "sum_amount": 0.0})
    np.testing.assert_array_equal(joined["orders"], joined["n_orders"])
    np.testing.assert_allclose(joined["gmv"], joined["sum_amount"], rtol=0, atol=0.005)
    assert campaigns["orders"].sum() == len(paid)


def test_value_ranges(store: DemoStore) -> None:
    amount = store.orders["amount"]
    assert (amount > 0).all()
    np.testing.assert_allclose(amount * 100, np.round(amount * 100), atol=1e-6)  # cents
    assert 150 <= amount.mean() <= 280  # AOV about ¥200 (003 §1.3)

    c = store.campaigns
    assert (c["spend"] > 0).all()
    assert (c["impressions"] >= c["clicks"]).all()
    assert (c["clicks"] >= c["orders"]).all()
    assert (c["clicks"] >= 1).all()
    ctr = c["clicks"] / c["impressions"]
    assert ctr.between(0.005, 0.05).all(), ctr.describe()


def test_ads_funnel(store: DemoStore) -> None:
    ads = store.campaigns[store.campaigns["strategy"] == "ads"]
    assert 0.01 <= ads["clicks"].sum() / ads["impressions"].sum() <= 0.03  # CTR 1-3%
    assert 0.01 <= ads["orders"].sum() / ads["clicks"].sum() <= 0.05  # CVR 1-5%
    monthly = ads.groupby(ads["date"].dt.to_period("M"))[["gmv", "spend", "clicks"]].sum()
    roas = monthly["gmv"] / monthly["spend"]
    assert roas.between(0.5, 6).all(), roas
    cpc = monthly["spend"] / monthly["clicks"]
    assert cpc.between(1.0, 3.0).all(), cpc
    # CPC +15% a year (000 §1.1.1): the last quarter is clearly dearer than the first
    assert 1.15 <= cpc.iloc[-3:].mean() / cpc.iloc[:3].mean() <= 1.6


def test_content_and_private_domain_funnels(store: DemoStore) -> None:
    c = store.campaigns
    content = c[c["strategy"] == "content"]
    exposures_per_order = content["impressions"].sum() / content["orders"].sum()
    assert 150 <= exposures_per_order <= 260  # 1:200 for ordinary merchants (003 §2.2)
    content_roas = content["gmv"].sum() / content["spend"].sum()
    assert 1.5 <= content_roas <= 4.5  # content ROI about 1:3 (001 §3.3)
    private = c[c["strategy"] == "private_domain"]
    assert set(private["platform"].astype(str)) == {"wechat"}
    assert (private["spend"] > 0).all()  # community upkeep every day (000 §3.3.2)


def test_first_order_not_before_first_order_date(
    store: DemoStore, first_orders: pd.DataFrame
) -> None:
    customers = store.customers.set_index("customer_id")
    first = first_orders.loc[customers.index]
    assert (first["ts"].dt.floor("D") >= customers["first_order_date"]).all()
    assert (first["ts"].dt.floor("D") == customers["first_order_date"]).all()
    # the first order is the acquisition order
    assert (first["channel"].astype(str) == customers["acquisition_channel"].astype(str)).all()
    assert (first["platform"].astype(str) == customers["platform"].astype(str)).all()
    assert customers.index.is_monotonic_increasing
    assert customers["first_order_date"].is_monotonic_increasing


def test_repeat_order_share(store: DemoStore) -> None:
    orders = store.orders
    is_first = ~orders["customer_id"].duplicated()  # orders are sorted by time
    repeat_share = 1 - is_first.mean()
    assert 0.2 <= repeat_share <= 0.8
    repeats = orders[~is_first]
    assert (repeats["channel"] == "organic").mean() > 0.3  # organic returning customers


def test_value_concentration(store: DemoStore) -> None:
    value = store.orders.groupby("customer_id")["amount"].sum().sort_values(ascending=False)
    top = value.iloc[: int(0.15 * len(value))].sum() / value.sum()
    assert 0.4 <= top <= 0.7  # ~15% of users give ~55% of value (002 part 4)


def test_members_spend_more(store: DemoStore) -> None:
    orders = store.orders.merge(store.customers[["customer_id", "is_member"]], on="customer_id")
    aov = orders.groupby("is_member")["amount"].mean()
    assert aov[True] > aov[False]
    per_customer = orders.groupby(["customer_id", "is_member"]).size().groupby("is_member").mean()
    assert per_customer[True] > per_customer[False]


def test_refund_rates(store: DemoStore) -> None:
    rates = store.orders.groupby("channel", observed=True)["is_refunded"].mean()
    assert rates.between(0.05, 0.32).all(), rates
    assert rates.idxmax() == "content"  # live stream highest


def test_seasonality(store: DemoStore) -> None:
    daily = store.orders.groupby(store.orders["ts"].dt.floor("D")).size()
    typical = daily.median()
    for peak in ("2024-11-11", "2025-11-11", "2025-06-18"):
        assert daily[pd.Timestamp(peak)] > 2 * typical, peak
    spring_festival = daily[pd.Timestamp("2025-01-22") : pd.Timestamp("2025-02-02")]
    assert spring_festival.mean() < 0.8 * typical


def test_cli_writes_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--out", str(tmp_path), "--scale", str(SMALL.scale), "--seed", str(SMALL.seed)]
    assert main(args) == 0
    out = capsys.readouterr().out
    for name in TABLES:
        assert (tmp_path / f"{name}.parquet").stat().st_size > 0
        assert f"{name}.parquet" in out
    back = read_parquet(tmp_path)
    assert len(back.orders) == len(generate(SMALL).orders)
