import json
import math

import pytest
from pydantic import ValidationError

from core.model.fields import driver_specs
from core.model.scenario import (
    Scenario,
    default_scenario,
    scenario_from_json,
    scenario_json_schema,
    scenario_to_json,
)


def test_json_round_trip_is_lossless(default):
    assert scenario_from_json(scenario_to_json(default)) == default


def test_default_has_the_documented_values(default):
    assert default.horizon_months == 24
    assert default.annual_discount_rate == 0.10
    assert default.enabled_keys() == ("ads", "content", "private_domain")


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"ads": {"monthly_budget": -1}}, ("ads", "monthly_budget")),
        ({"ads": {"cvr": 1.5}}, ("ads", "cvr")),
        ({"private_domain": {"monthly_churn": 1.0}}, ("private_domain", "monthly_churn")),
        ({"horizon_months": 121}, ("horizon_months",)),
        ({"horizon_months": 0}, ("horizon_months",)),
        ({"business": {"gross_margin": 1.2}}, ("business", "gross_margin")),
        ({"ads": {"cpc": 0}}, ("ads", "cpc")),
        ({"ads": {"unknown": 1}}, ("ads", "unknown")),
    ],
)
def test_invalid_values_are_rejected_naming_the_field(patch, field):
    with pytest.raises(ValidationError) as excinfo:
        scenario_from_json(json.dumps(patch))
    assert [tuple(e["loc"]) for e in excinfo.value.errors()] == [field]


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_rejected(bad):
    with pytest.raises(ValidationError) as excinfo:
        scenario_from_json(f'{{"content": {{"cvr": {bad}}}}}')
    assert excinfo.value.errors()[0]["loc"] == ("content", "cvr")


def test_partial_file_fills_in_defaults(default):
    s = scenario_from_json('{"name": "mine", "ads": {"cpc": 3.5}}')
    assert s.name == "mine"
    assert s.strategy("ads").cpc == 3.5
    assert s.strategy("content") == default.strategy("content")


def test_schema_documents_unit_and_source_of_every_driver():
    schema = scenario_json_schema()
    ads = schema["$defs"]["AdsAssumptions"]["properties"]
    assert "Unit: yuan_per_click" in ads["cpc"]["description"]
    assert "Seed 002" in ads["cpc"]["source"]
    assert ads["cpc"]["quality"] in {"solid", "medium", "vague"}
    assert ads["saturation_spend"]["anyOf"][1] == {"type": "null"}


def test_saturation_can_be_switched_off():
    s = scenario_from_json('{"ads": {"saturation_spend": null}}')
    assert s.strategy("ads").saturation_spend is None


def test_driver_specs_read_the_bounds():
    churn = next(
        d
        for d in driver_specs(Scenario.model_fields["private_domain"].annotation)
        if d.name == "monthly_churn"
    )
    assert (churn.lower, churn.upper, churn.upper_inclusive) == (0.0, 1.0, False)
    assert churn.clip(5.0) < 1.0
    assert churn.is_percent
    assert not math.isnan(churn.clip(-1.0))


def test_future_schema_version_is_rejected():
    with pytest.raises(ValidationError):
        scenario_from_json('{"schema_version": 99}')
    assert default_scenario().schema_version == 1
