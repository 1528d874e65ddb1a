"""The one caching module: every core analysis and data query a page calls goes through here.

Analyses are cached by the scenario's JSON (a scenario is immutable and hashable as text),
data queries once per server process. One ``DataStore`` serves every session (its queries
use their own cursor: thread-safe). The data layer (DuckDB, pandas) is imported on first
use, so a page's KPIs are drawn before those imports are paid for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from core.analysis.decision import Decision, decide
from core.analysis.plausibility import findings
from core.analysis.recommendations import ModelFacts, model_facts
from core.analysis.scores import Weights
from core.analysis.sensitivity import BreakEven, TornadoBar, break_evens, tornado
from core.export.html import summary_html
from core.export.workbook import workbook_bytes
from core.model.engine import ScenarioResult, evaluate
from core.model.scenario import ScenarioBase, scenario_from_json, scenario_to_json
from core.text.catalog import Locale

if TYPE_CHECKING:
    import pandas as pd

    from core.data.evidence import Evidence
    from core.data.presets import FieldMap, PresetResult
    from core.data.store import DataStore
    from core.model.plausible import PlausibleRange


@st.cache_resource(show_spinner=False)
def store() -> DataStore:
    """The shared read-only DataStore."""
    from core.data.store import DataStore

    return DataStore()


@st.cache_data(show_spinner=False, max_entries=64)
def _evaluate(scenario_json: str) -> ScenarioResult:
    return evaluate(scenario_from_json(scenario_json))


def evaluated(scenario: ScenarioBase) -> ScenarioResult:
    """The engine's result for ``scenario`` (cached per scenario)."""
    return _evaluate(scenario_to_json(scenario))


@st.cache_data(show_spinner=False, max_entries=64)
def _sensitivity(scenario_json: str, key: str) -> tuple[list[TornadoBar], list[BreakEven]]:
    scenario = scenario_from_json(scenario_json)
    evidence = benchmark_ranges(scenario.business.category)
    ranges = {path: (e.low, e.high) for path, e in evidence.items()}
    return tornado(scenario, key, ranges), break_evens(scenario, key)


def sensitivity(scenario: ScenarioBase, key: str) -> tuple[list[TornadoBar], list[BreakEven]]:
    """Tornado bars (benchmark low–high where the table has a range, else ±20 %) and
    break-even values of strategy ``key`` (cached per scenario)."""
    return _sensitivity(scenario_to_json(scenario), key)


Filters = tuple[tuple[str, tuple[str | int, ...]], ...]
"""Benchmark filters as hashable pairs: (filter name, chosen values); empty = no filter."""


@st.cache_data(show_spinner=False)
def benchmark_rows(filters: Filters = ()) -> pd.DataFrame:
    """Benchmark rows matching ``filters`` (see ``DataStore.benchmarks``)."""
    return store().benchmarks(**{name: list(values) or None for name, values in filters})


@st.cache_data(show_spinner=False)
def metric_ranges(metric: str, filters: Filters = ()) -> pd.DataFrame:
    """Low–high per platform of one metric (see ``DataStore.metric_ranges``)."""
    chosen = {name: list(values) or None for name, values in filters if name != "metric"}
    return store().metric_ranges(metric, **chosen)  # type: ignore[arg-type]


@st.cache_data(show_spinner=False)
def demo_monthly_kpis() -> pd.DataFrame:
    """Demo-store KPIs by month and channel (see ``DataStore.demo_monthly_kpis``)."""
    return store().demo_monthly_kpis()


@st.cache_data(show_spinner=False)
def demo_channel_summary() -> pd.DataFrame:
    """Demo-store totals by channel."""
    return store().demo_channel_summary()


@st.cache_data(show_spinner=False)
def preset_result(key: str) -> PresetResult:
    """Preset ``key`` applied: its whole scenario and where every field came from."""
    from core.data.presets import apply_preset, preset_by_key

    return apply_preset(preset_by_key(key), store())


@st.cache_data(show_spinner=False)
def preset_keys() -> list[str]:
    """Keys of the shipped presets, in file order."""
    from core.data.presets import load_presets

    return [preset.key for preset in load_presets()]


@st.cache_data(show_spinner=False)
def benchmark_ranges(category: str) -> dict[str, Evidence]:
    """The table's low / median / high per driver path for a business of ``category``."""
    from core.data.ranges import driver_ranges

    return driver_ranges(store(), category)


@st.cache_data(show_spinner=False)
def plausible() -> dict[str, PlausibleRange]:
    """Plausible ranges of headline outputs (``data/benchmarks/plausibility.csv``)."""
    from core.data.plausibility import plausible_ranges

    return plausible_ranges()


@st.cache_resource(show_spinner=False)
def field_map() -> FieldMap:
    """Which benchmark rows may feed which field (the basis rule)."""
    from core.data.presets import FieldMap

    return FieldMap.from_store(store())


@st.cache_data(show_spinner=False)
def field_outliers() -> dict[str, frozenset[str]]:
    """Per model field, the ids of its benchmark rows that are outliers among them."""
    from core.data.evidence import field_outliers as outliers_of

    return outliers_of(store())


@st.cache_data(show_spinner=False, max_entries=32)
def _facts(scenario_json: str) -> ModelFacts:
    return model_facts(scenario_from_json(scenario_json))


@st.cache_data(show_spinner=False, max_entries=64)
def _decision(scenario_json: str, weights_json: str) -> Decision:
    scenario = scenario_from_json(scenario_json)
    evidence = benchmark_ranges(scenario.business.category)
    ranges = {path: (e.low, e.high) for path, e in evidence.items()}
    found = findings(evaluated(scenario), scenario, plausible())
    weights = Weights.model_validate_json(weights_json)
    return decide(scenario, weights, ranges=ranges, findings=found, facts=_facts(scenario_json))


def decision(scenario: ScenarioBase, weights: Weights) -> Decision:
    """Scores, recommendations, recommended mix and verdict (engine facts cached per
    scenario, so a weight change only re-scores)."""
    return _decision(scenario_to_json(scenario), weights.model_dump_json(by_alias=True))


@st.cache_data(show_spinner=False, max_entries=16)
def _exports(scenario_json: str, weights_json: str, lang: Locale) -> tuple[bytes, bytes]:
    chosen = _decision(scenario_json, weights_json)
    return workbook_bytes(chosen, lang), summary_html(chosen, lang).encode("utf-8")


def exports(scenario: ScenarioBase, weights: Weights, lang: Locale) -> tuple[bytes, bytes]:
    """The Excel workbook and the HTML one-pager of the decision, as bytes."""
    return _exports(scenario_to_json(scenario), weights.model_dump_json(by_alias=True), lang)
