"""Business presets: values recomputed independently from the CSV, applying, validation."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pydantic import ValidationError

from core.data.presets import (
    FALLBACK_LEVELS,
    FIELD_SOURCES,
    FieldEstimate,
    Preset,
    PresetAssumptions,
    apply_preset,
    benchmark_unit,
    load_presets,
    preset_assumptions,
)
from core.data.store import DATA_DIR, DataStore
from core.model.paths import driver_spec_map, flatten
from core.model.scenario import default_scenario, scenario_from_dict
from core.text.catalog import has

PRESETS = load_presets()


@pytest.fixture(scope="module")
def store():
    shipped = DataStore()
    yield shipped
    shipped.close()


@pytest.fixture(scope="module")
def bench() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "benchmarks" / "benchmarks.csv", encoding="utf-8")


@pytest.fixture(scope="module")
def results(store: DataStore) -> dict[str, PresetAssumptions]:
    return {preset.key: preset_assumptions(preset, store) for preset in PRESETS}


def _usable_rows(bench: pd.DataFrame, path: str) -> pd.DataFrame:
    """Rows of the field's metric and unit (and strategy) that have a point estimate."""
    source = FIELD_SOURCES[path]
    rows = bench[(bench["metric"] == source.metric) & (bench["unit"] == benchmark_unit(path))]
    if source.strategy is not None:
        rows = rows[rows["strategy"] == source.strategy]
    point = rows["value"].fillna((rows["low"] + rows["high"]) / 2)
    return rows.assign(point=point)[point.notna()]


def _levels(preset: Preset) -> list[tuple[str, list[str], str]]:
    """The fallback chain written out independently of core.data.presets."""
    category = "all" if preset.category == "other" else preset.category
    chain = [
        ("platform_category", list(preset.platforms), category),
        ("platform_all", list(preset.platforms), "all"),
        ("global_category", ["global"], category),
        ("global_all", ["global"], "all"),
    ]
    return [level for level in chain if category != "all" or level[0].endswith("_all")]


def _expected(bench: pd.DataFrame, preset: Preset, path: str) -> tuple[str, pd.DataFrame] | None:
    rows = _usable_rows(bench, path)
    for level, platforms, category in _levels(preset):
        matching = rows[rows["platform"].isin(platforms) & (rows["category"] == category)]
        if not matching.empty:
            return level, matching
    return None


def test_at_least_six_presets_with_labels_in_both_languages():
    assert len(PRESETS) >= 6
    assert len({preset.key for preset in PRESETS}) == len(PRESETS)
    for preset in PRESETS:
        assert has(preset.label_key), preset.key
    for level in FALLBACK_LEVELS:
        assert has(f"preset.level.{level}"), level


def test_every_field_source_fits_its_field():
    """Rates are fractions on both sides; money is yuan with the same period (AOV: yuan)."""
    specs = driver_spec_map()
    for path in FIELD_SOURCES:
        spec = specs[path]
        same = "fraction" if spec.is_percent else spec.unit
        assert benchmark_unit(path) == {"yuan_per_order": "yuan"}.get(spec.unit, same), path


def test_every_field_source_has_rows_in_the_table(bench: pd.DataFrame):
    for path in FIELD_SOURCES:
        assert not _usable_rows(bench, path).empty, path


@pytest.mark.parametrize("preset", PRESETS, ids=lambda preset: preset.key)
def test_values_are_medians_of_exactly_the_reported_rows(preset, results, bench):
    result = results[preset.key]
    assert set(result.values) | set(result.missing) == set(preset.fields)
    for path, estimate in result.values.items():
        expected = _expected(bench, preset, path)
        assert expected is not None, path
        level, rows = expected
        assert estimate.fallback_level == level, path
        assert estimate.row_ids == tuple(sorted(rows["id"])), path
        assert estimate.value == pytest.approx(rows["point"].median(), rel=1e-12), path
        assert estimate.low == rows["low"].fillna(rows["value"]).min(), path
        assert estimate.high == rows["high"].fillna(rows["value"]).max(), path
        assert estimate.low <= estimate.value <= estimate.high, path
        assert estimate.unit == benchmark_unit(path)
    for path in result.missing:
        assert _expected(bench, preset, path) is None, path


def test_known_fallbacks(results: dict[str, PresetAssumptions]):
    apparel = results["sme_apparel_douyin"].values
    assert apparel["ads.ctr"].fallback_level == "platform_category"
    assert apparel["content.commission_rate"].fallback_level == "platform_all"
    assert apparel["business.gross_margin"].fallback_level == "global_category"
    assert apparel["ads.aov"].fallback_level == "global_all"
    # Fresh produce now has one gross-margin figure (Dingdong, added in the 2025 audit).
    fresh = results["sme_fresh_wechat_community"]
    assert "business.gross_margin" not in fresh.missing
    margin = fresh.values["business.gross_margin"]
    assert margin.fallback_level == "global_category"
    assert margin.row_ids == ("ads-gross-margin-dingdong-2024-fresh",)


@pytest.mark.parametrize("preset", PRESETS, ids=lambda preset: preset.key)
def test_apply_preset_gives_a_valid_scenario(preset, results):
    default = default_scenario()
    result = results[preset.key]
    applied = apply_preset(default, result)
    assert scenario_from_dict(applied.model_dump()) == applied
    assert (applied.business.size, applied.business.category) == (preset.size, preset.category)
    before, after = flatten(default), flatten(applied)
    for path, estimate in result.values.items():
        assert after[path] == driver_spec_map()[path].clip(estimate.value), path
    untouched = set(before) - set(result.values) - {"business.size", "business.category"}
    assert {path: after[path] for path in untouched} == {path: before[path] for path in untouched}
    assert any(after[path] != before[path] for path in result.values)


def test_apply_preset_clips_into_the_valid_range():
    def estimate(value: float) -> FieldEstimate:
        return FieldEstimate(
            metric="ctr",
            unit="fraction",
            value=value,
            low=value,
            high=value,
            row_ids=("made-up",),
            fallback_level="global_all",
        )

    result = PresetAssumptions(
        preset=PRESETS[0],
        values={
            "ads.ctr": estimate(1.7),
            "content.commission_rate": estimate(-0.2),
            "private_domain.monthly_churn": estimate(1.0),
        },
        missing=(),
    )
    applied = apply_preset(default_scenario(), result)
    assert applied.ads.ctr == 0.5
    assert applied.content.commission_rate == 0.0
    assert applied.private_domain.monthly_churn == pytest.approx(0.99)
    assert applied.private_domain.monthly_churn < 1.0


def test_category_other_falls_back_to_all_rows(store: DataStore, bench: pd.DataFrame):
    preset = Preset(
        key="other_on_wechat",
        size="sme",
        category="other",
        platforms=("wechat",),
        fields=("ads.cvr", "business.gross_margin", "ads.return_rate"),
    )
    result = preset_assumptions(preset, store)
    assert result.values["ads.cvr"].fallback_level == "platform_all"
    assert result.values["ads.return_rate"].fallback_level == "global_all"
    assert result.missing == ("business.gross_margin",)
    rows = _usable_rows(bench, "ads.return_rate")
    expected = rows[(rows["platform"] == "global") & (rows["category"] == "all")]
    assert result.values["ads.return_rate"].value == pytest.approx(np.median(expected["point"]))


@pytest.mark.parametrize(
    "change",
    [
        {"platforms": ["global"]},
        {"platforms": []},
        {"platforms": ["myspace"]},
        {"fields": ["ads.monthly_budget"]},
        {"category": "toys"},
        {"size": "huge"},
        {"key": "Bad Key"},
        {"extra": 1},
    ],
)
def test_invalid_presets_are_rejected(change):
    data = PRESETS[0].model_dump() | change
    with pytest.raises(ValidationError):
        Preset.model_validate(data)


def test_repeated_preset_keys_are_rejected(tmp_path: Path):
    path = tmp_path / "presets.json"
    entry = PRESETS[0].model_dump(mode="json")
    path.write_text(json.dumps([entry, entry]), encoding="utf-8")
    with pytest.raises(ValueError, match="repeated preset keys"):
        load_presets(path)


def test_values_from_rows_takes_medians_per_field_and_reports_unused_rows():
    import pandas as pd

    from core.data.presets import values_from_rows

    rows = pd.DataFrame(
        [
            # two ads CVR rows: point 0.02 and range-only 0.03..0.05 (midpoint 0.04)
            {
                "id": "a",
                "metric": "cvr",
                "strategy": "ads",
                "unit": "fraction",
                "value": 0.02,
                "low": None,
                "high": None,
            },
            {
                "id": "b",
                "metric": "cvr",
                "strategy": "ads",
                "unit": "fraction",
                "value": None,
                "low": 0.03,
                "high": 0.05,
            },
            {
                "id": "c",
                "metric": "cvr",
                "strategy": "ads",
                "unit": "fraction",
                "value": 0.05,
                "low": None,
                "high": None,
            },
            # a return rate filed under content fills the content return rate
            {
                "id": "d",
                "metric": "return_rate",
                "strategy": "content",
                "unit": "fraction",
                "value": 0.3,
                "low": None,
                "high": None,
            },
            # a market size fits no scenario field; a floor-only row has no point figure
            {
                "id": "e",
                "metric": "market_size",
                "strategy": "ads",
                "unit": "yuan_bn",
                "value": 580.0,
                "low": None,
                "high": None,
            },
            {
                "id": "f",
                "metric": "commission_rate",
                "strategy": "content",
                "unit": "fraction",
                "value": None,
                "low": 0.5,
                "high": None,
            },
        ]
    )
    values, unused = values_from_rows(rows)
    assert values == pytest.approx({"ads.cvr": 0.04, "content.return_rate": 0.3})
    assert unused == ("e", "f")


def test_apply_values_clips_into_the_valid_range(default):
    from core.data.presets import apply_values

    changed = apply_values(default, {"ads.cvr": 1.7, "business.category": "agri"})
    assert changed.strategy("ads").cvr == 0.5
    assert changed.business.category == "agri"
