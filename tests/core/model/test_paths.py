"""Drivers by dotted path: read, set (always validated), flatten and back."""

import pytest
from pydantic import ValidationError

from core.model.paths import (
    clipped,
    driver_spec,
    driver_spec_map,
    flatten,
    strategy_driver_paths,
    unflatten,
    value_at,
    with_values,
)
from core.model.strategies import REGISTRY


def test_flatten_unflatten_round_trip(default):
    values = flatten(default)
    assert values["ads.cpc"] == 1.0
    assert values["business.size"] == "sme"
    assert unflatten(values) == default


def test_unflatten_validates():
    values = flatten(unflatten({}))
    values["ads.cvr"] = 2.0
    with pytest.raises(ValidationError):
        unflatten(values)


def test_value_at_reads_every_flattened_path(default):
    for path, value in flatten(default).items():
        assert value_at(default, path) == value
    with pytest.raises(KeyError):
        value_at(default, "ads.no_such_driver")


def test_with_values_sets_and_validates(default):
    changed = with_values(default, {"ads.cpc": 3.5, "business.category": "agri"})
    assert (changed.ads.cpc, changed.business.category) == (3.5, "agri")
    assert default.ads.cpc == 1.0  # the original is untouched
    with pytest.raises(ValidationError):
        with_values(default, {"ads.cvr": 1.5})
    with pytest.raises(KeyError):
        with_values(default, {"ads.cvr_typo": 0.1})


def test_clipped_clamps_numbers_into_bounds_and_leaves_the_rest():
    assert clipped({"ads.cvr": 1.7, "ads.cpc": -3.0, "business.category": "agri"}) == {
        "ads.cvr": 0.5,
        "ads.cpc": 0.01,
        "business.category": "agri",
    }


def test_every_strategy_driver_has_a_path():
    for spec in REGISTRY:
        paths = strategy_driver_paths(spec.key)
        assert paths, spec.key
        assert all(path.startswith(f"{spec.key}.") for path in paths)
        assert all(driver_spec(path) is driver_spec_map()[path] for path in paths)
