"""The basis rule and the quality, age and outlier rules of benchmark evidence."""

import csv
from pathlib import Path

import pandas as pd
import pytest

from core.data.evidence import OLD_BEFORE_YEAR, choose, outlier_ids, row_flags
from core.data.ranges import driver_ranges
from core.data.store import DataStore

DATA = Path(__file__).resolve().parents[3] / "data" / "benchmarks"


@pytest.fixture(scope="module")
def store():
    return DataStore()


def test_a_row_measured_on_another_basis_never_feeds_a_field(store):
    content_cvr = set(store.field_rows("content.cvr")["id"])
    ads_cvr = set(store.field_rows("ads.cvr")["id"])
    returns = set(store.field_rows("content.return_rate")["id"])
    assert "content-cvr-followers-to-buyers-douyin-2022-beauty" not in content_cvr  # per follower
    assert "ads-cvr-homepage-ab-testing-2024-all" not in ads_cvr  # per site visit
    assert "content-return-rate-douyin-womens-apparel-2024-apparel" not in returns  # wholesale


def test_every_row_a_field_gets_is_allowed_by_the_field_map(store):
    allowed = {
        (r["field"], r["metric"], r["unit"], r["basis"], r["market"])
        for r in csv.DictReader((DATA / "field_basis.csv").open(encoding="utf-8"))
        if r["status"] != "none"
    }
    for field in store.mapped_fields():
        for row in store.field_rows(field).itertuples():
            assert (field, row.metric, row.unit, row.basis, row.market) in allowed


def _rows(*specs):
    return pd.DataFrame(
        [
            {
                "id": rid,
                "point": point,
                "span_low": point,
                "span_high": point,
                "quality": quality,
                "year": year,
                "year_status": "stated",
                "platform": "global",
                "category": "all",
                "unit": "fraction",
            }
            for rid, point, quality, year in specs
        ]
    )


def test_outliers_are_outside_the_fences_or_three_times_off():
    many = _rows(
        ("a", 0.03, "medium", 2024),
        ("b", 0.035, "medium", 2024),
        ("c", 0.04, "medium", 2024),
        ("d", 0.032, "medium", 2024),
        ("e", 0.5, "vague", 2024),
    )
    assert outlier_ids(many) == {"e"}  # Q1 0.032, Q3 0.04: fences 0.02..0.052
    few = _rows(("a", 0.03, "medium", 2024), ("b", 0.2, "vague", 2020))
    assert outlier_ids(few) == set()  # two rows: no outlier can be told apart
    three = _rows(
        ("a", 0.03, "medium", 2024), ("b", 0.031, "medium", 2024), ("c", 0.2, "vague", 2020)
    )
    assert outlier_ids(three) == {"c"}  # median 0.031: 0.2 is more than 3× it


def test_estimates_prefer_trusted_recent_rows_and_say_when_they_cannot():
    rows = _rows(
        ("a", 0.02, "vague", 2024), ("b", 0.04, "medium", 2019), ("c", 0.05, "medium", 2023)
    )
    evidence = choose("ads.cvr", rows, category="all")
    assert evidence.row_ids == ("c",)  # medium beats vague, 2023 beats 2019
    assert evidence.value == 0.05
    assert evidence.flags == {"single_row"}
    only_vague_old = _rows(("a", 0.02, "vague", 2018), ("b", 0.04, "vague", 2019))
    weak = choose("ads.cvr", only_vague_old, category="all")
    assert weak.flags == {"vague_only", "old_only"}
    assert weak.value == pytest.approx(0.03)


def test_row_flags_name_what_is_wrong_with_a_row():
    row = pd.Series(
        {"id": "x", "quality": "vague", "year": OLD_BEFORE_YEAR - 1, "year_status": "unknown"}
    )
    assert row_flags(row, frozenset({"x"})) == {"vague", "old", "undated", "outlier"}


def test_driver_ranges_come_from_the_table_for_the_category(store):
    apparel = driver_ranges(store, "apparel")
    margin = apparel["business.gross_margin"]
    assert margin.level == "platform_category"  # Chinese apparel rows
    assert margin.low <= margin.value <= margin.high
    assert all(e.high > e.low for e in apparel.values())
    fresh = driver_ranges(store, "fresh")
    assert "ads-gross-margin-dingdong-2024-fresh" in fresh.get(
        "business.gross_margin", margin
    ).row_ids or ("business.gross_margin" not in fresh)
