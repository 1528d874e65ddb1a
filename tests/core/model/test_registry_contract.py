"""Contract tests run over every registered strategy (scikit-learn style).

A new strategy module passes these without edits here; failing one means the module does
not yet fit the product (missing labels, wrong array lengths, negative costs, …).
"""

import numpy as np
import pytest

from core.model.fields import driver_specs
from core.model.scenario import Scenario, default_scenario
from core.model.strategies import REGISTRY, STRATEGY_KEYS, get_strategy
from core.text.catalog import LOCALES, t

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
    flows = spec.project(spec.assumptions(), horizon)
    arrays = [flows.orders, flows.gmv, *flows.funnel.values(), *flows.cost_lines.values()]
    assert all(a.shape == (horizon,) for a in arrays)
    assert all(np.all(np.isfinite(a)) for a in arrays)
    assert all(np.all(a >= 0) for a in arrays)
    assert flows.setup_cost >= 0
    assert list(flows.funnel)[-1] == "orders"
    np.testing.assert_allclose(flows.funnel["orders"], flows.orders)


@SPECS
def test_every_driver_has_provenance_and_a_sane_ui_range(spec):
    drivers = driver_specs(spec.assumptions)
    assert drivers, "a strategy without drivers cannot be edited"
    for d in drivers:
        assert d.provenance.source.strip()
        assert d.provenance.quality in {"solid", "medium", "vague"}
        assert 2015 <= d.provenance.year <= 2026
        assert d.ui_min < d.ui_max
        assert d.ui_step > 0
        if d.default is not None:
            assert d.clip(d.default) == d.default


@SPECS
def test_key_and_headline_drivers_exist(spec):
    names = {d.name for d in driver_specs(spec.assumptions)}
    assert set(spec.key_drivers) <= names
    assert set(spec.headline_drivers) <= names


@SPECS
@pytest.mark.parametrize("locale", LOCALES)
def test_every_label_is_in_the_catalog(spec, locale):
    flows = spec.project(spec.assumptions(), 3)
    keys = [f"strategy.{spec.key}", f"strategy.{spec.key}.help"]
    keys += [f"field.{spec.key}.{d.name}" for d in driver_specs(spec.assumptions)]
    keys += [f"stage.{stage}" for stage in flows.funnel]
    keys += [f"cost.{line}" for line in flows.cost_lines]
    for key in keys:
        assert t(key, locale).strip()
