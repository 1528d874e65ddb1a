"""Hypothesis strategies that draw scenarios from the field registry.

Every numeric driver is drawn from its slider range most of the time and anywhere within
its validation bounds (bounds included, two- and three-decimal values, tiny values)
otherwise; every choice and switch from its options. New fields are covered without
edits here. The risk register is the shipped one, none, or rows drawn over every
category, status, shock and score (residual at most inherent), with texts people may
type (empty, Markdown, HTML, very long) and mitigation figures up to their bounds.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from core.model.business import Business
from core.model.fields import DriverSpec
from core.model.paths import driver_spec_map, editable_fields, flatten, unflatten
from core.model.risks import (
    MAX_TEXT,
    RISK_CATEGORIES,
    RISK_STATUSES,
    SHIPPED_REGISTER,
    Risk,
)
from core.model.scenario import ScenarioBase, default_scenario
from core.model.shocks import SHOCK_IDS
from core.model.stored_ranges import StoredRange
from core.model.strategies import REGISTRY, STRATEGY_KEYS

TYPED_TEXTS = ("", "x", "**粗体** <b>html</b> `code` $1 [a](b)", "# 标题\n- 列表", "长" * MAX_TEXT)
"""Register texts a person may type: empty (= the shipped text), Markdown, HTML, long."""


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
    draws["risks"] = registers()
    draws["ranges"] = stored_ranges() if wide else st.just({})
    return draws


@st.composite
def stored_range(draw: st.DrawFn, path: str) -> StoredRange:
    """A valid saved range of ``path``: two values within its bounds, in order."""
    spec = driver_spec_map()[path]
    ends = sorted(draw(st.lists(driver_values(spec), min_size=2, max_size=2)))
    if draw(st.booleans()):
        return StoredRange(low=ends[0], high=ends[1], source="user")
    first = dt.date(2024, 1, 1)
    last = first + dt.timedelta(days=draw(st.integers(0, 800)))
    return StoredRange(low=ends[0], high=ends[1], source="data", first=first, last=last)


def stored_ranges() -> st.SearchStrategy[dict[str, StoredRange]]:
    """No saved ranges, or up to four drivers' (any driver, drawn or not)."""
    paths = st.lists(st.sampled_from(sorted(driver_spec_map())), unique=True, max_size=4)
    drawn = paths.flatmap(lambda names: st.fixed_dictionaries({p: stored_range(p) for p in names}))
    return st.one_of(st.just({}), drawn)


@st.composite
def risks(draw: st.DrawFn, risk_id: str) -> Risk:
    """One valid register row with id ``risk_id``."""
    likelihood = draw(st.integers(1, 5))
    shock = draw(st.one_of(st.none(), st.sampled_from(SHOCK_IDS)))
    impact = draw(st.integers(1, 5) if shock is None else st.one_of(st.none(), st.integers(1, 5)))
    residual_impact = None if impact is None else draw(st.integers(1, impact))
    text = st.sampled_from(TYPED_TEXTS)
    return Risk(
        id=risk_id,
        category=draw(st.sampled_from(RISK_CATEGORIES)),
        strategies=tuple(draw(st.lists(st.sampled_from(STRATEGY_KEYS), unique=True))),
        name=draw(text)[:100],
        description=draw(text),
        likelihood=likelihood,
        impact=impact,
        owner=draw(text)[:100],
        mitigation=draw(text),
        mitigation_cost=draw(st.sampled_from([0.0, 1.0, 12_345.6, 1e9])),
        mitigation_effect=draw(st.sampled_from([0.0, 0.005, 0.5, 1.0])),
        residual_likelihood=draw(st.integers(1, likelihood)),
        residual_impact=residual_impact,
        status=draw(st.sampled_from(RISK_STATUSES)),
        source=draw(text)[:100],
        shock=shock,
    )


def registers() -> st.SearchStrategy[tuple[Risk, ...]]:
    """The shipped register, an empty one, or up to six drawn rows (shipped ids or new)."""
    ids = st.lists(
        st.sampled_from([*(r.id for r in SHIPPED_REGISTER), "mine", "risk_13"]),
        unique=True,
        max_size=6,
    )
    drawn = ids.flatmap(lambda names: st.tuples(*(risks(name) for name in names)))
    return st.one_of(st.just(SHIPPED_REGISTER), st.just(()), drawn)


@st.composite
def scenarios(draw: st.DrawFn, *, wide: bool = True) -> ScenarioBase:
    """A valid scenario; ``wide`` reaches every bound, otherwise slider ranges only."""
    values = flatten(default_scenario())
    for path, strategy in _field_values(wide=wide).items():
        values[path] = draw(strategy)
    return unflatten(values)
