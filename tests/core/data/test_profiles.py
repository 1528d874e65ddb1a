"""Defaults by size and category, presets, and the plausibility of what they produce."""

import re

import pytest

from core.analysis.plausibility import findings
from core.data.evidence import choose
from core.data.plausibility import missing_rows, plausible_ranges
from core.data.presets import apply_preset, load_presets
from core.data.profiles import category_table, profile_scenario, profile_values, size_table
from core.data.store import DataStore
from core.model.engine import evaluate
from core.model.paths import flatten, value_at
from core.model.scenario import default_scenario
from core.model.vocab import BUSINESS_SIZES, CATEGORIES

ROW_ID = re.compile(r"[a-z0-9_]+(?:-[a-z0-9_]+){2,}")


@pytest.fixture(scope="module")
def store():
    return DataStore()


def test_the_model_defaults_are_the_sme_apparel_profile():
    assert profile_scenario("sme", "apparel") == default_scenario()


def test_every_category_has_every_category_field_or_falls_back_to_other():
    fields = set(category_table()["other"])
    for category in CATEGORIES:
        assert set(profile_values("sme", category)) >= fields, category


def test_every_size_sets_the_same_fields():
    sizes = size_table()
    assert set(sizes) == set(BUSINESS_SIZES)
    assert len({frozenset(v) for v in sizes.values()}) == 1


def test_a_profile_value_lies_within_the_spread_of_the_rows_it_cites(store):
    """Cited rows that measure the field itself (basis rule) must bracket the value."""
    for table in (category_table(), size_table()):
        for values in table.values():
            for value in values.values():
                if value.path not in store.mapped_fields():
                    continue
                rows = store.field_rows(value.path)
                cited = rows[rows["id"].isin(ROW_ID.findall(value.source))]
                if cited.empty:
                    continue
                low, high = cited["span_low"].min(), cited["span_high"].max()
                assert low * 0.999 <= value.value <= high * 1.001, value


def test_a_category_default_follows_the_tables_trusted_evidence(store):
    """Where the table has trusted (solid or medium) rows of the category itself, the
    category's default is their estimate: the default and a preset cannot disagree."""
    for category, values in category_table().items():
        for path, value in values.items():
            if category == "other" or path not in store.mapped_fields():
                continue
            evidence = choose(path, store.field_rows(path), category=category)
            if evidence is None or "vague_only" in evidence.flags:
                continue
            if evidence.level in ("platform_category", "any_category"):
                assert value.value == pytest.approx(evidence.value, rel=1e-3), (category, path)


def test_size_scales_budgets_members_and_teams():
    sme, large = profile_scenario("sme", "fmcg"), profile_scenario("large", "fmcg")
    for path in ("ads.monthly_budget", "private_domain.initial_members", "ads.monthly_team_cost"):
        assert value_at(large, path) > value_at(sme, path)


def test_the_plausibility_ranges_cite_rows_the_table_holds(store):
    assert missing_rows(store) == []
    assert set(plausible_ranges()) >= {"ads_gmv_roas", "content_gmv_roas", "payback_month"}


@pytest.mark.parametrize("size", BUSINESS_SIZES)
@pytest.mark.parametrize("category", CATEGORIES)
def test_the_default_of_every_size_and_category_is_plausible(size, category):
    """Ranges (data/benchmarks/plausibility.csv): ads GMV ÷ spend 1.5–8; content GMV ÷
    spend 1–6; content orders per 1,000 views 0.2–20; member GMV a month ¥5–3,200; the
    plan pays back within 48 months."""
    scenario = profile_scenario(size, category)
    problems = findings(evaluate(scenario), scenario, plausible_ranges())
    assert not problems, [(f.check, f.value) for f in problems]


def test_presets_are_whole_and_idempotent(store):
    presets = load_presets()
    first, second = presets[0], presets[-1]
    alone = apply_preset(second, store).scenario
    assert apply_preset(second, store).scenario == alone
    # nothing of the first preset leaks into the second
    after_first = apply_preset(first, store).scenario
    assert flatten(alone) == flatten(apply_preset(second, store).scenario)
    assert after_first != alone


def test_a_preset_never_takes_a_vague_only_figure_over_its_default(store):
    result = apply_preset(next(p for p in load_presets() if p.key == "sme_apparel_douyin"), store)
    cpc = result.fields["ads.cpc"]
    assert cpc.origin == "default"  # the undated 2020 ¥0.20 Q&A row does not set CPC
    assert result.scenario.ads.cpc == default_scenario().ads.cpc
    for origin in result.from_benchmarks:
        assert "vague_only" not in origin.evidence.flags
    assert all(f.reason for f in result.from_defaults)


@pytest.mark.parametrize("preset", load_presets(), ids=lambda p: p.key)
def test_every_preset_is_plausible(preset, store):
    result = apply_preset(preset, store)
    problems = findings(evaluate(result.scenario), result.scenario, plausible_ranges())
    assert not problems, [(f.check, f.value) for f in problems]
