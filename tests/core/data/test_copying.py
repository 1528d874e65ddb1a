"""Copying benchmark rows: the basis rule, old → new, clipping and the rows' warnings."""

import pytest

from core.data.copying import copy_plan
from core.data.presets import FieldMap
from core.data.store import DataStore
from core.model.scenario import default_scenario


@pytest.fixture(scope="module")
def store():
    return DataStore()


def rows(store, *ids):
    table = store.benchmarks()
    return table[table["id"].isin(ids)]


def test_a_row_measured_per_paid_click_sets_ads_cvr_and_is_flagged_vague(store):
    chosen = rows(store, "ads-cvr-baidu-sem-2022-all", "ads-cvr-homepage-ab-testing-2024-all")
    plan = copy_plan(default_scenario(), chosen, store, FieldMap.from_store(store))
    assert plan.values == {"ads.cvr": pytest.approx(0.03)}
    (line,) = plan.lines
    assert (line.path, line.before, line.after) == ("ads.cvr", 0.025, pytest.approx(0.03))
    assert line.row_ids == ("ads-cvr-baidu-sem-2022-all",)
    assert "vague" in line.flags
    assert plan.warned
    # a homepage conversion is per site visit, not per ad click: it feeds nothing
    assert plan.unused == ("ads-cvr-homepage-ab-testing-2024-all",)


def test_an_undated_old_row_is_flagged_before_it_is_applied(store):
    chosen = rows(store, "ads-cpc-douyin-feed-2020-all")
    plan = copy_plan(default_scenario(), chosen, store, FieldMap.from_store(store))
    (line,) = plan.lines
    assert line.path == "ads.cpc"
    assert line.after == pytest.approx(0.2)
    assert {"vague", "old", "undated"} <= line.flags


def test_rows_that_feed_nothing_change_nothing(store):
    chosen = rows(store, "ads-cvr-homepage-ab-testing-2024-all")
    plan = copy_plan(default_scenario(), chosen, store, FieldMap.from_store(store))
    assert plan.values == {}
    assert plan.lines == ()
    assert not plan.warned


def test_a_preset_lists_the_fields_whose_evidence_is_thin(store):
    from core.data.presets import apply_preset, preset_by_key

    result = apply_preset(preset_by_key("sme_fresh_wechat_community"), store)
    flagged = {origin.path for origin in result.flagged}
    assert "ads.ctr" in flagged  # one WeChat Moments row
    assert all(origin.evidence and origin.evidence.flags for origin in result.flagged)
    assert set(result.flagged) <= set(result.from_benchmarks)
