"""The scenario file: validation, strict numbers, schema, migration of older files, and
the uncertainty ranges saved with it."""

import datetime as dt
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from core.model.engine import evaluate
from core.model.migrations import v1_to_v2, v2_to_v3, v4_to_v5
from core.model.paths import driver_spec
from core.model.risks import SHIPPED_REGISTER
from core.model.scenario import (
    SCHEMA_VERSION,
    ScenarioFileError,
    scenario_from_json,
    scenario_json_schema,
    scenario_to_json,
)
from core.model.stored_ranges import StoredRange

V1_FILES = sorted((Path(__file__).parents[2] / "fixtures" / "scenarios_v1").glob("*.json"))


def test_json_round_trip_is_lossless(default):
    assert scenario_from_json(scenario_to_json(default)) == default


def test_default_has_the_documented_values(default):
    assert default.schema_version == SCHEMA_VERSION == 5
    assert default.ranges == {}
    assert default.horizon_months == 36
    assert default.annual_discount_rate == 0.10
    assert default.include_terminal_value is True
    assert default.enabled_keys() == ("ads", "content", "private_domain")


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"ads": {"monthly_budget": -1}}, ("ads", "monthly_budget")),
        ({"ads": {"monthly_budget": 1e12}}, ("ads", "monthly_budget")),
        ({"ads": {"cvr": 0.9}}, ("ads", "cvr")),
        ({"ads": {"cpc": 1e308}}, ("ads", "cpc")),
        ({"private_domain": {"monthly_churn": 1.0}}, ("private_domain", "monthly_churn")),
        ({"horizon_months": 121}, ("horizon_months",)),
        ({"horizon_months": 0}, ("horizon_months",)),
        ({"business": {"gross_margin": 1.2}}, ("business", "gross_margin")),
        ({"ads": {"cpc": 0}}, ("ads", "cpc")),
        ({"ads": {"unknown": 1}}, ("ads", "unknown")),
        ({"ads": {"cpc": "5.5"}}, ("ads", "cpc")),
        ({"ads": {"cpc": True}}, ("ads", "cpc")),
        ({"horizon_months": "24"}, ("horizon_months",)),
        ({"ads": {"buying_model": "cpa"}}, ("ads", "buying_model")),
    ],
)
def test_invalid_values_are_rejected_naming_the_field(patch, field):
    with pytest.raises(ValidationError) as excinfo:
        scenario_from_json(json.dumps(patch))
    assert [tuple(e["loc"]) for e in excinfo.value.errors()] == [field]


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_nan_and_infinity_are_rejected(bad):
    with pytest.raises(ValidationError) as excinfo:
        scenario_from_json(f'{{"content": {{"cvr": {bad}}}}}')
    assert excinfo.value.errors()[0]["loc"] == ("content", "cvr")


def test_partial_file_fills_in_defaults(default):
    s = scenario_from_json('{"schema_version": 2, "name": "mine", "ads": {"cpc": 3.5}}')
    assert s.name == "mine"
    assert s.strategy("ads").cpc == 3.5
    assert s.strategy("content") == default.strategy("content")


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "gbk", "gb18030"], ids=lambda e: e
)
def test_files_in_common_encodings_are_read(encoding):
    text = '{"schema_version": 2, "name": "抖音服饰方案"}'
    assert scenario_from_json(text.encode(encoding)).name == "抖音服饰方案"


def test_undecodable_bytes_name_the_encoding_problem():
    with pytest.raises(ScenarioFileError) as excinfo:
        scenario_from_json(b'{"name": "\xff\xfe\xfa\xfb\x81"}' + bytes(range(128, 140)))
    assert excinfo.value.kind in {"encoding", "json"}


def test_schema_documents_unit_bounds_and_source_of_every_driver():
    schema = scenario_json_schema()
    ads = schema["$defs"]["AdsAssumptions"]["properties"]
    assert "Unit: yuan_per_click" in ads["cpc"]["description"]
    assert "Bounds: 0.01..200" in ads["cpc"]["description"]
    assert "Benchmark table" in ads["cpc"]["source"]
    assert ads["cpc"]["quality"] in {"solid", "medium", "vague"}
    assert ads["saturation_clicks"]["anyOf"][1] == {"type": "null"}


def test_every_driver_has_bounds_a_real_business_can_reach():
    spec = driver_spec("ads.monthly_budget")
    assert (spec.lower, spec.upper) == (0.0, 100_000_000.0)
    assert spec.bound_note
    churn = driver_spec("private_domain.monthly_churn")
    assert churn.clip(5.0) == 0.99
    assert churn.is_percent


def test_future_schema_version_is_rejected():
    with pytest.raises(ValidationError):
        scenario_from_json('{"schema_version": 99}')


@pytest.mark.parametrize("path", V1_FILES, ids=lambda p: p.stem)
def test_every_version_1_example_loads_and_evaluates(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    scenario = scenario_from_json(path.read_bytes())
    assert scenario.schema_version == SCHEMA_VERSION
    assert scenario.risks == SHIPPED_REGISTER
    assert scenario.name == data.get("name", "")
    result = evaluate(scenario)
    assert result.total.metrics.npv == result.total.metrics.npv  # a number, not NaN


def test_version_1_meanings_carry_over():
    v1 = json.loads((V1_FILES[0].parent / "default.json").read_text(encoding="utf-8"))
    v2 = v1_to_v2(v1)
    # one return rate for everything → each strategy's return rate
    assert v2["ads"]["return_rate"] == v2["content"]["return_rate"] == 0.1
    assert "return_rate" not in v2["business"]
    # saturation spend ¥300,000 at CPC ¥2 → 150,000 clicks
    assert v2["ads"]["saturation_clicks"] == pytest.approx(150_000.0)
    # ¥30,000 of production, 300,000 views → 10,000 views per ¥1,000; no promotion
    assert v2["content"]["monthly_budget"] == 30_000.0
    assert v2["content"]["views_per_kyuan"] == pytest.approx(10_000.0)
    assert v2["content"]["promotion_share"] == 0.0
    assert v2["content"]["streamer_model"] == "affiliate"
    assert "views_growth_monthly" not in v2["content"]
    # 300 members a month at ¥5 → ¥1,500 of paid acquisition
    assert v2["private_domain"]["monthly_acquisition_budget"] == pytest.approx(1_500.0)
    assert v2["private_domain"]["monthly_fixed_cost"] == 10_000.0


def test_a_file_without_a_version_is_version_1():
    scenario = scenario_from_json('{"ads": {"saturation_spend": null}}')
    assert scenario.ads.saturation_clicks is None


def test_a_version_2_file_gets_the_shipped_register_and_keeps_its_values():
    v2 = {"schema_version": 2, "name": "旧方案", "ads": {"cpc": 3.5}}
    v3 = v2_to_v3(v2)
    assert v3["ads"] == {"cpc": 3.5}
    assert [row["id"] for row in v3["risks"]] == [risk.id for risk in SHIPPED_REGISTER]
    scenario = scenario_from_json(json.dumps(v2))
    assert scenario.schema_version == SCHEMA_VERSION
    assert scenario.ads.cpc == 3.5
    assert scenario.risks == SHIPPED_REGISTER


def test_a_version_2_file_with_a_register_of_its_own_keeps_it():
    own = [SHIPPED_REGISTER[0].model_dump(mode="json") | {"likelihood": 5}]
    scenario = scenario_from_json(json.dumps({"schema_version": 2, "risks": own}))
    assert [(r.id, r.likelihood) for r in scenario.risks] == [("traffic_cost", 5)]


def test_the_register_round_trips_through_the_file(default):
    edited = default.model_copy(
        update={"risks": (SHIPPED_REGISTER[1].model_copy(update={"name": "我的风险"}),)}
    )
    again = scenario_from_json(scenario_to_json(edited))
    assert again.risks == edited.risks
    assert again.risks[0].name == "我的风险"


@pytest.mark.parametrize(
    ("row", "kind"),
    [
        ({"likelihood": 6}, "less_than_equal"),
        ({"residual_likelihood": 5, "likelihood": 2}, "risk_residual_above"),
        ({"shock": None, "impact": None}, "risk_impact_needed"),
        ({"strategies": ["tv"]}, "risk_strategy"),
        ({"id": "Bad Id"}, "string_pattern_mismatch"),
        ({"mitigation_effect": 1.5}, "less_than_equal"),
    ],
)
def test_bad_register_rows_are_rejected_naming_the_problem(row, kind):
    data = SHIPPED_REGISTER[0].model_dump(mode="json") | row
    with pytest.raises(ValidationError) as excinfo:
        scenario_from_json(json.dumps({"risks": [data]}))
    assert excinfo.value.errors()[0]["type"] == kind
    assert excinfo.value.errors()[0]["loc"][:2] == ("risks", 0)


def test_register_ids_are_unique():
    row = SHIPPED_REGISTER[0].model_dump(mode="json")
    with pytest.raises(ValidationError) as excinfo:
        scenario_from_json(json.dumps({"risks": [row, row]}))
    assert excinfo.value.errors()[0]["type"] == "risk_duplicate_id"


def test_a_version_4_file_loads_with_no_ranges_and_keeps_its_values(default):
    v4 = json.loads(scenario_to_json(default)) | {"schema_version": 4}
    v4.pop("ranges")
    v4["ads"] = v4["ads"] | {"cpc": 3.5}
    assert v4_to_v5(v4)["ranges"] == {}
    scenario = scenario_from_json(json.dumps(v4))
    assert scenario.schema_version == SCHEMA_VERSION
    assert (scenario.ads.cpc, scenario.ranges) == (3.5, {})


def test_ranges_round_trip_through_the_file_with_their_source_and_dates(default):
    ranges = {
        "ads.cpc": StoredRange(low=1.2, high=3.0),
        "private_domain.monthly_churn": StoredRange(
            low=0.03, high=0.08, source="data", first=dt.date(2024, 1, 1), last=dt.date(2024, 6, 30)
        ),
    }
    again = scenario_from_json(scenario_to_json(default.model_copy(update={"ranges": ranges})))
    assert again.ranges == ranges
    assert again.ranges["ads.cpc"].source == "user"


@pytest.mark.parametrize(
    ("ranges", "kind"),
    [
        ({"ads.no_such_driver": {"low": 1, "high": 2}}, "range_unknown_driver"),
        ({"ads.cpc": {"low": 3, "high": 1}}, "range_order"),
        ({"ads.cpc": {"low": -1, "high": 1}}, "range_outside_bounds"),
        ({"business.gross_margin": {"low": 0.2, "high": 1.2}}, "range_outside_bounds"),
        ({"ads.cpc": {"low": "1", "high": 2}}, "float_type"),
        ({"ads.cpc": {"low": 1, "high": 2, "source": "guess"}}, "literal_error"),
        ({"ads.cpc": {"low": 1, "high": float("nan")}}, "finite_number"),
    ],
)
def test_bad_ranges_are_rejected_naming_the_problem(ranges, kind):
    with pytest.raises(ValidationError) as excinfo:
        scenario_from_json(json.dumps({"ranges": ranges}))
    assert excinfo.value.errors()[0]["type"] == kind
    assert excinfo.value.errors()[0]["loc"][0] == "ranges"
