"""Hypothesis strategies that draw scenarios from the field registry.

Every numeric driver is drawn from its slider range most of the time and anywhere within
its validation bounds (bounds included, two- and three-decimal values, tiny values)
otherwise; every choice and switch from its options. New fields are covered without
edits here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from core.model.business import Business
from core.model.fields import DriverSpec
from core.model.paths import driver_spec_map, editable_fields, flatten, unflatten
from core.model.scenario import ScenarioBase, default_scenario
from core.model.strategies import REGISTRY


def driver_values(spec: DriverSpec, *, wide: bool = True) -> st.SearchStrategy[float]:
    """Values a scenario file may hold for ``spec``."""
    usual = st.floats(spec.ui_min, spec.ui_max, allow_nan=False)
    if not wide:
        return usual
    edges = st.sampled_from([spec.clip(spec.lower), spec.clip(spec.upper)])
    rounded = (
        st.decimals(Decimal(repr(spec.ui_min)), Decimal(repr(spec.ui_max)), places=3)
        .map(float)
        .map(spec.clip)
    )
    tiny = st.sampled_from([1e-4, 1e-3, 0.0057]).map(spec.clip)
    anywhere = st.floats(spec.clip(spec.lower), spec.clip(spec.upper), allow_nan=False)
    return st.one_of(usual, usual, rounded, edges, tiny, anywhere)


def _field_values(*, wide: bool) -> dict[str, st.SearchStrategy[Any]]:
    draws: dict[str, st.SearchStrategy[Any]] = {
        "horizon_months": st.integers(1, 120) if wide else st.integers(6, 60),
        "include_terminal_value": st.booleans(),
    }
    owners = [("business", Business), *((s.key, s.assumptions) for s in REGISTRY)]
    for owner, model in owners:
        for field in editable_fields(owner, model):
            if field.kind == "driver":
                spec = driver_spec_map()[field.path]
                values = driver_values(spec, wide=wide)
                draws[field.path] = st.one_of(st.none(), values) if spec.nullable else values
            elif field.kind == "choice":
                draws[field.path] = st.sampled_from(field.options)
            else:
                draws[field.path] = st.booleans()
    for spec in REGISTRY:
        draws[f"{spec.key}.enabled"] = st.booleans()
    draws["annual_discount_rate"] = driver_values(
        driver_spec_map()["annual_discount_rate"], wide=wide
    )
    return draws


@st.composite
def scenarios(draw: st.DrawFn, *, wide: bool = True) -> ScenarioBase:
    """A valid scenario; ``wide`` reaches every bound, otherwise slider ranges only."""
    values = flatten(default_scenario())
    for path, strategy in _field_values(wide=wide).items():
        values[path] = draw(strategy)
    return unflatten(values)
