"""Schema and sanity checks for the curated benchmark table data/benchmarks/benchmarks.csv."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from core.model import vocab

CSV_PATH = Path(__file__).resolve().parents[2] / "data" / "benchmarks" / "benchmarks.csv"
README_PATH = CSV_PATH.with_name("README.md")
FIELD_BASIS_PATH = CSV_PATH.with_name("field_basis.csv")

COLUMNS = [
    "id",
    "metric",
    "value",
    "low",
    "high",
    "unit",
    "year",
    "platform",
    "strategy",
    "category",
    "basis",
    "market",
    "year_status",
    "source",
    "quality",
    "note",
]
FIELD_BASIS_COLUMNS = ["field", "metric", "unit", "basis", "market", "status", "note"]
QUALITIES = {"solid", "medium", "vague"}
STRATEGIES = {"ads", "content", "private_domain"}
PLATFORMS = {
    "taobao",
    "jd",
    "douyin",
    "kuaishou",
    "pinduoduo",
    "wechat",
    "baidu",
    "xiaohongshu",
    "global",
}
CATEGORIES = {
    "apparel",
    "beauty",
    "food",
    "fresh",
    "mother_baby",
    "home",
    "electronics",
    "agri",
    "fmcg",
    "all",
}
UNITS = {
    "fraction",
    "yuan",
    "yuan_per_month",
    "yuan_per_year",
    "yuan_per_click",
    "yuan_per_mille",
    "ratio",
    "per_month",
    "count",
    "yuan_bn",
}
MARKETS = set(vocab.MARKETS)
YEAR_STATUSES = {"stated", "inferred", "unknown"}
FIELD_STATUSES = {"benchmarked", "assumption", "none"}
BASES = set(vocab.BASES)
# Metrics that may exceed 1 (or go negative, but stay above -1) when stored as fractions.
CHANGE_SUFFIXES = ("_growth", "_uplift", "_change")
NUMERIC = ["value", "low", "high"]
MIN_ROWS = 80
MIN_ROWS_PER_STRATEGY = 15
DESIGN_PREFIX = "Design assumption (Monetization Studio team), derived from "


@pytest.fixture(scope="module")
def bench() -> pd.DataFrame:
    return pd.read_csv(CSV_PATH, encoding="utf-8")


def _ids(frame: pd.DataFrame) -> list[str]:
    return frame["id"].tolist()


def test_header_is_exactly_the_documented_columns(bench: pd.DataFrame) -> None:
    assert list(bench.columns) == COLUMNS


def test_has_enough_rows(bench: pd.DataFrame) -> None:
    assert len(bench) >= MIN_ROWS


def test_ids_are_unique_slugs(bench: pd.DataFrame) -> None:
    assert bench["id"].notna().all()
    assert not bench["id"].duplicated().any(), _ids(bench[bench["id"].duplicated()])
    bad = bench[~bench["id"].str.fullmatch(r"[a-z0-9_]+(-[a-z0-9_]+)*")]
    assert bad.empty, _ids(bad)


def test_every_row_has_a_source_and_a_quality(bench: pd.DataFrame) -> None:
    no_source = bench[bench["source"].fillna("").str.strip() == ""]
    assert no_source.empty, _ids(no_source)
    bad_quality = bench[~bench["quality"].isin(QUALITIES)]
    assert bad_quality.empty, _ids(bad_quality)


def test_every_row_has_a_note(bench: pd.DataFrame) -> None:
    no_note = bench[bench["note"].fillna("").str.strip() == ""]
    assert no_note.empty, _ids(no_note)


@pytest.mark.parametrize(
    ("column", "allowed"),
    [
        ("platform", PLATFORMS),
        ("strategy", STRATEGIES),
        ("category", CATEGORIES),
        ("unit", UNITS),
        ("basis", BASES),
        ("market", MARKETS),
        ("year_status", YEAR_STATUSES),
    ],
)
def test_controlled_vocabularies(bench: pd.DataFrame, column: str, allowed: set[str]) -> None:
    bad = bench[~bench[column].isin(allowed)]
    assert bad.empty, bad[["id", column]].to_dict("records")


def test_metrics_are_documented_in_the_readme(bench: pd.DataFrame) -> None:
    readme = README_PATH.read_text(encoding="utf-8")
    undocumented = sorted(m for m in bench["metric"].unique() if f"`{m}`" not in readme)
    assert not undocumented


def test_year_is_an_integer_in_range(bench: pd.DataFrame) -> None:
    assert pd.api.types.is_integer_dtype(bench["year"])
    bad = bench[~bench["year"].between(2015, 2026)]
    assert bad.empty, _ids(bad)


def test_figures_are_numeric_and_at_least_one_is_set(bench: pd.DataFrame) -> None:
    for column in NUMERIC:
        assert pd.api.types.is_float_dtype(bench[column]) or pd.api.types.is_integer_dtype(
            bench[column]
        ), column
    empty = bench[bench[NUMERIC].isna().all(axis=1)]
    assert empty.empty, _ids(empty)


def test_bounds_are_ordered(bench: pd.DataFrame) -> None:
    value, low, high = bench["value"], bench["low"], bench["high"]
    bad = bench[(low > value) | (value > high) | (low > high)]
    assert bad.empty, _ids(bad)


def test_fractions_are_in_range(bench: pd.DataFrame) -> None:
    fractions = bench[bench["unit"] == "fraction"]
    is_change = fractions["metric"].str.endswith(CHANGE_SUFFIXES)
    figures = fractions[NUMERIC]
    plain_bad = fractions[~is_change & ((figures < 0) | (figures > 1)).any(axis=1)]
    assert plain_bad.empty, _ids(plain_bad)
    change_bad = fractions[is_change & (figures <= -1).any(axis=1)]
    assert change_bad.empty, _ids(change_bad)


def test_money_and_counts_are_not_negative(bench: pd.DataFrame) -> None:
    non_fraction = bench[bench["unit"] != "fraction"]
    bad = non_fraction[(non_fraction[NUMERIC] < 0).any(axis=1)]
    assert bad.empty, _ids(bad)


def test_each_strategy_has_enough_rows(bench: pd.DataFrame) -> None:
    counts = bench["strategy"].value_counts()
    for strategy in STRATEGIES:
        assert counts.get(strategy, 0) >= MIN_ROWS_PER_STRATEGY, strategy


def test_design_assumptions_are_marked_vague(bench: pd.DataFrame) -> None:
    design = bench[bench["source"].str.startswith("Design assumption")]
    assert not design.empty
    assert design["source"].str.startswith(DESIGN_PREFIX).all(), _ids(design)
    assert (design["quality"] == "vague").all(), _ids(design[design["quality"] != "vague"])


def test_public_sources_carry_a_url_and_seed_sources_a_section(bench: pd.DataFrame) -> None:
    source = bench["source"]
    seed = source.str.startswith("Seed ")
    design = source.str.startswith("Design assumption")
    public = bench[~seed & ~design]
    no_url = public[~public["source"].str.contains(r" — https?://", regex=True)]
    assert no_url.empty, _ids(no_url)
    seed_rows = bench[seed]
    bad_seed = seed_rows[~seed_rows["source"].str.match(r"Seed 00[0-3] (§|part )\S.* \(.+\)$")]
    assert bad_seed.empty, _ids(bad_seed)


@pytest.mark.parametrize(
    ("strategy", "metrics"),
    [
        ("ads", {"cpc", "ctr", "cvr", "aov", "cpc_growth"}),
        (
            "content",
            {
                "commission_rate",
                "views_to_order_ratio",
                "cvr",
                "content_production_cost",
                "aov",
            },
        ),
        (
            "private_domain",
            {
                "monthly_churn",
                "repurchase_rate",
                "community_monthly_cost",
                "aov",
                "member_aov_uplift",
            },
        ),
    ],
)
def test_strategy_defaults_are_covered(
    bench: pd.DataFrame, strategy: str, metrics: set[str]
) -> None:
    present = set(bench.loc[bench["strategy"] == strategy, "metric"])
    assert metrics <= present, sorted(metrics - present)


def _categories(bench: pd.DataFrame, metric: str) -> set[str]:
    return set(bench.loc[bench["metric"] == metric, "category"])


def test_gross_margin_covers_several_categories(bench: pd.DataFrame) -> None:
    assert len(_categories(bench, "gross_margin") - {"all"}) >= 5


def test_return_rate_has_generic_and_category_rows(bench: pd.DataFrame) -> None:
    categories = _categories(bench, "return_rate")
    assert "all" in categories
    assert categories - {"all"}


def _readme_section(title: str) -> str:
    readme = README_PATH.read_text(encoding="utf-8")
    return readme.split(f"### {title}\n", 1)[1].split("\n### ", 1)[0]


def test_bases_and_markets_are_documented_in_the_readme() -> None:
    bases = _readme_section("Bases")
    assert not sorted(b for b in BASES if f"| `{b}` |" not in bases)
    markets = _readme_section("Markets")
    assert not sorted(m for m in MARKETS if f"| `{m}` |" not in markets)


def test_every_row_has_a_basis_market_and_year_status(bench: pd.DataFrame) -> None:
    for column in ("basis", "market", "year_status"):
        missing = bench[bench[column].fillna("").str.strip() == ""]
        assert missing.empty, (column, _ids(missing))


def test_seed_and_design_rows_are_chinese(bench: pd.DataFrame) -> None:
    """Seed figures describe China; only a seed row citing a worldwide study may differ."""
    seed = bench[bench["source"].str.startswith("Seed ")]
    foreign = set(seed.loc[seed["market"] != "cn", "id"])
    assert foreign <= {
        "ads-ctr-organic-search-top10-2022-all",
        "ads-market-share-china-search-ads-2022-all",
    }, sorted(foreign)


def test_apparel_return_rates_exist_per_channel(bench: pd.DataFrame) -> None:
    """Apparel needs a live-stream and a shelf/online return rate, in China, with a basis."""
    apparel = bench[
        (bench["metric"] == "return_rate")
        & (bench["category"] == "apparel")
        & (bench["market"] == "cn")
    ]
    assert {"orders_live_stream", "orders_shelf", "orders_all_online"} <= set(apparel["basis"])


@pytest.fixture(scope="module")
def field_basis() -> pd.DataFrame:
    return pd.read_csv(FIELD_BASIS_PATH, encoding="utf-8")


def _documented_metrics() -> set[str]:
    readme = README_PATH.read_text(encoding="utf-8")
    metrics = readme.split("### Metrics", 1)[1].split("### Units", 1)[0]
    return set(re.findall(r"^\| `([a-z_]+)` \|", metrics, re.M))


def test_field_basis_names_known_metrics_units_bases_and_markets(
    field_basis: pd.DataFrame,
) -> None:
    from core.model.vocab import METRICS

    assert list(field_basis.columns) == FIELD_BASIS_COLUMNS
    assert field_basis.notna().all().all()
    assert set(field_basis["metric"]) <= _documented_metrics() & set(METRICS)
    assert set(field_basis["unit"]) <= UNITS
    assert set(field_basis["basis"]) <= BASES
    assert set(field_basis["market"]) <= MARKETS
    assert set(field_basis["status"]) <= FIELD_STATUSES
    assert field_basis["field"].str.fullmatch(r"[a-z_]+\.[a-z_]+").all()
    assert not field_basis.duplicated(["field", "metric", "unit", "basis", "market"]).any()


def test_field_basis_status_agrees_with_the_table(
    bench: pd.DataFrame, field_basis: pd.DataFrame
) -> None:
    design = bench["source"].str.startswith("Design assumption")
    for line in field_basis.itertuples(index=False):
        rows = bench[
            (bench["metric"] == line.metric)
            & (bench["unit"] == line.unit)
            & (bench["basis"] == line.basis)
            & (bench["market"] == line.market)
        ]
        if line.field.startswith("private_domain.") and line.metric == "platform_fee_rate":
            rows = rows[rows["platform"] == "wechat"]
        public = rows[~design.loc[rows.index]]
        expected = "benchmarked" if not public.empty else "assumption" if not rows.empty else "none"
        assert line.status == expected, (line.field, line.basis, line.market)


def test_every_field_has_rows_or_a_stated_reason(field_basis: pd.DataFrame) -> None:
    for field, lines in field_basis.groupby("field"):
        if (lines["status"] == "none").all():
            assert lines["note"].str.startswith("No row").any(), field


def test_non_china_rows_never_feed_a_chinese_only_field(field_basis: pd.DataFrame) -> None:
    foreign = field_basis[field_basis["market"] != "cn"]
    assert set(foreign["field"]) <= {"private_domain.incremental_share"}
