"""Contract tests run over every registered strategy (scikit-learn style).

A new strategy module passes these without edits here; failing one means the module does
not yet fit the product (missing labels, wrong shapes, negative costs, no bounds, …).
"""

import numpy as np
import pytest

from core.model.engine import evaluate, evaluate_batch, lever_path
from core.model.fields import driver_specs
from core.model.paths import driver_spec, with_values
from core.model.scenario import Scenario, default_scenario
from core.model.strategies import REGISTRY, STRATEGY_KEYS, get_strategy
from core.text.catalog import has

SPECS = pytest.mark.parametrize("spec", REGISTRY, ids=[s.key for s in REGISTRY])


def test_registry_holds_the_three_families_in_order():
    assert STRATEGY_KEYS == ("ads", "content", "private_domain")
    with pytest.raises(KeyError):
        get_strategy("nope")


@SPECS
def test_scenario_has_a_field_per_strategy(spec):
    assert spec.key in Scenario.model_fields
    assert isinstance(default_scenario().strategy(spec.key), spec.assumptions)


@SPECS
@pytest.mark.parametrize("horizon", [1, 7, 36, 120])
def test_projection_shapes_and_signs(spec, horizon):
    scenario = with_values(default_scenario(), {"horizon_months": horizon})
    p = evaluate(scenario).strategies[spec.key]
    arrays = [p.orders, p.gmv, *p.funnel.values(), *p.cost_lines.values()]
    assert all(a.shape == (horizon,) for a in arrays)
    assert all(np.all(np.isfinite(a)) for a in arrays)
    assert all(np.all(a >= -1e-9) for a in [p.gmv, *p.funnel.values(), *p.cost_lines.values()])
    assert p.setup_cost >= 0
    assert p.cumulative_cash.shape == (horizon + 1,)


@SPECS
def test_every_driver_has_bounds_provenance_and_a_sane_ui_range(spec):
    drivers = driver_specs(spec.assumptions)
    assert drivers, "a strategy without drivers cannot be edited"
    for d in drivers:
        assert d.provenance.source.strip()
        assert d.provenance.quality in {"solid", "medium", "vague"}
        assert 2015 <= d.provenance.year <= 2026
        assert np.isfinite(d.lower), d.name
        assert np.isfinite(d.upper), d.name
        assert d.bound_note.strip()
        assert d.lower <= d.ui_min < d.ui_max <= d.upper
        assert d.ui_step > 0
        if d.default is not None:
            assert d.accepts(d.default), d.name


@SPECS
def test_key_headline_and_lever_drivers_exist(spec):
    names = {d.name for d in driver_specs(spec.assumptions)}
    assert set(spec.key_drivers) <= names
    assert set(spec.headline_drivers) <= names
    assert spec.spend_lever in names
    assert driver_spec(lever_path(spec.key)).unit == "yuan_per_month"


@SPECS
def test_every_field_has_its_labels(spec):
    assert has(f"strategy.{spec.key}")
    assert has(f"strategy.{spec.key}.help")
    for name in spec.assumptions.model_fields:
        if name != "enabled":
            assert has(f"field.{spec.key}.{name}"), name


@SPECS
def test_the_money_lever_moves_the_strategy(spec):
    scenario = default_scenario()
    batch = evaluate_batch(scenario, {lever_path(spec.key): [0.0, 50_000.0]})
    orders = batch.strategies[spec.key].totals["orders"]
    assert orders[1] > orders[0]
