import pytest
from pydantic import ValidationError

from core.editing import driver_spec_map, flatten, from_display, to_display, unflatten, widget_range


def test_flatten_unflatten_round_trip(default):
    values = flatten(default)
    assert values["ads.cpc"] == 2.0
    assert values["business.size"] == "sme"
    assert unflatten(values) == default


def test_unflatten_validates():
    values = flatten(unflatten({}))
    values["ads.cvr"] = 2.0
    with pytest.raises(ValidationError):
        unflatten(values)


def test_rates_are_shown_in_percent():
    cvr = driver_spec_map()["ads.cvr"]
    budget = driver_spec_map()["ads.monthly_budget"]
    assert to_display(cvr, 0.03) == pytest.approx(3.0)
    assert from_display(cvr, 3.0) == pytest.approx(0.03)
    assert to_display(budget, 5_000.0) == 5_000.0


def test_widget_range_widens_to_include_out_of_range_values():
    cpc = driver_spec_map()["ads.cpc"]
    assert widget_range(cpc, 2.0) == (cpc.ui_min, cpc.ui_max)
    assert widget_range(cpc, 40.0) == (cpc.ui_min, 40.0)
