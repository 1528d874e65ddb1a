"""The one caching module: every core analysis and data query a page calls goes through here.

Analyses are cached by the scenario's JSON (a scenario is immutable and hashable as text),
data queries once per server process. One ``DataStore`` serves every session (its queries
use their own cursor: thread-safe). The data layer (DuckDB, pandas) is imported on first
use, so a page's KPIs are drawn before those imports are paid for.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

import streamlit as st

from core.analysis.decision import Decision, decide
from core.analysis.plausibility import findings
from core.analysis.recommendations import ModelFacts, model_facts
from core.analysis.risk import RiskAssessment, StressRow, assess_risks, stress_test
from core.analysis.risk_figures import simulated_risk, top_register_risks
from core.analysis.scores import TOTAL, RiskFigures, Score, Weights, score_all
from core.analysis.sensitivity import BreakEven, TornadoBar, break_evens, tornado
from core.analysis.uncertainty import (
    DriverRange,
    Outcomes,
    Simulation,
    SimulationSetup,
    chunk_sizes,
    combine,
    in_parallel,
    simulate_chunk,
    tornado_ranges,
)
from core.export.html import summary_html
from core.model.engine import ScenarioResult, evaluate
from core.model.scenario import ScenarioBase, scenario_from_json, scenario_to_json
from core.model.shocks import ShockId
from core.text.catalog import Locale

if TYPE_CHECKING:
    import pandas as pd

    from core.analysis.customer_value.valuation import CustomerValue
    from core.analysis.frontier import Frontier, TargetResult
    from core.analysis.mix import MixValue
    from core.analysis.mix_requests import FrontierRequest, OptimizationRequest, TargetRequest
    from core.analysis.optimizer import OptimizationResult, Progress
    from core.data.evidence import Evidence
    from core.data.orders.cancel import Cancellation
    from core.data.orders.report import CustomerReport
    from core.data.presets import FieldMap, PresetResult
    from core.data.scenario_store import ScenarioStore
    from core.data.store import DataStore
    from core.model.plausible import PlausibleRange

T = TypeVar("T")


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
    ranges = tornado_ranges(scenario, benchmark_driver_ranges(scenario.business.category))
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

    return plausible_ranges(store())


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


# --- Mix Planner and Compare: optimiser, frontier, targets, the mix's parts, saved scenarios


@st.cache_data(show_spinner=False, max_entries=32)
def _optimized(scenario_json: str, request: OptimizationRequest) -> OptimizationResult:
    from core.analysis.optimizer import optimize

    return optimize(scenario_from_json(scenario_json), request)


def optimized(scenario: ScenarioBase, request: OptimizationRequest) -> OptimizationResult:
    """The optimiser's best split (cached per scenario and request)."""
    return _optimized(scenario_to_json(scenario), request)


class _Answers:
    """Results of long runs that draw a progress bar while they compute, kept outside
    ``st.cache_data``: a cached function that moves a bar made outside it records the
    bar's updates and cannot replay them on a cache hit (Streamlit's
    CacheReplayClosureError: "Draw the frontier" crashed the page whenever the frontier
    came from the cache, e.g. in a second session). At most ``size`` results, the least
    recently used dropped first; shared by every session, like the cached analyses."""

    def __init__(self, size: int) -> None:
        self._items: OrderedDict[str, object] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: str, compute: Callable[[], T]) -> T:
        """The result stored under ``key``, else ``compute()`` stored under it."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return cast(T, self._items[key])
        value = compute()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value


@st.cache_resource(show_spinner=False)
def _answers() -> _Answers:
    return _Answers(32)


def frontier(
    scenario: ScenarioBase, request: FrontierRequest, progress: Progress | None = None
) -> Frontier:
    """The efficient frontier (kept per scenario and request; ``progress`` is called
    only when it is computed)."""
    from core.analysis.frontier import efficient_frontier

    key = f"frontier|{scenario_to_json(scenario)}|{request!r}"
    return _answers().get(key, lambda: efficient_frontier(scenario, request, progress))


def target(
    scenario: ScenarioBase, request: TargetRequest, progress: Progress | None = None
) -> TargetResult:
    """The budget and split that reach a target (kept per scenario and request)."""
    from core.analysis.frontier import seek_target

    key = f"target|{scenario_to_json(scenario)}|{request!r}"
    return _answers().get(key, lambda: seek_target(scenario, request, progress))


@st.cache_data(show_spinner=False, max_entries=64)
def _mix_parts(scenario_json: str) -> MixValue:
    from core.analysis.mix import mix_value

    return mix_value(scenario_from_json(scenario_json))


def mix_parts(scenario: ScenarioBase) -> MixValue:
    """The plan's NPV next to each strategy's NPV alone (cached per scenario)."""
    return _mix_parts(scenario_to_json(scenario))


@st.cache_resource(show_spinner=False)
def _scenario_store(path: str) -> ScenarioStore:
    from pathlib import Path

    from core.data.scenario_store import ScenarioStore

    return ScenarioStore(Path(path))


def scenario_store() -> ScenarioStore:
    """The named-scenario store of this user's data directory (one per directory; every
    operation opens its own connection, so sessions share it safely)."""
    from core.data.scenario_store import STORE_FILE, data_home

    return _scenario_store(str(data_home() / STORE_FILE))


# --- risk (pages/risk.py) ----------------------------------------------------------------


@st.cache_data(show_spinner=False)
def benchmark_driver_ranges(category: str) -> dict[str, tuple[float, float]]:
    """The benchmark table's low .. high per driver path for a business of ``category``
    (:func:`benchmark_ranges`): the Monte Carlo's default uncertainty."""
    from core.data.ranges import range_bounds

    return range_bounds(benchmark_ranges(category))


def _ranges_json(ranges: Mapping[str, DriverRange]) -> str:
    return json.dumps({path: asdict(r) for path, r in ranges.items()}, sort_keys=True)


@st.cache_data(show_spinner=False, max_entries=128)
def _simulation_chunk(
    scenario_json: str, ranges_json: str, setup: tuple[int, int, str, bool], index: int
) -> dict[str, Outcomes]:
    ranges = {path: DriverRange(**r) for path, r in json.loads(ranges_json).items()}
    draws, seed, basis, events = setup
    plan = SimulationSetup(draws, seed, "residual" if basis == "residual" else "inherent", events)
    return simulate_chunk(scenario_from_json(scenario_json), ranges, plan, index)


def simulation(
    scenario: ScenarioBase,
    ranges: Mapping[str, DriverRange],
    setup: SimulationSetup,
    progress: Callable[[float], None],
) -> Simulation:
    """The Monte Carlo run, its chunks side by side (each chunk cached, so more draws
    reuse the ones already run; :func:`core.analysis.uncertainty.in_parallel`);
    ``progress`` gets the share done as chunks arrive."""
    scenario_json, ranges_json = scenario_to_json(scenario), _ranges_json(ranges)
    key = (setup.draws, setup.seed, setup.basis, setup.events)
    chunks = in_parallel(
        lambda index: _simulation_chunk(scenario_json, ranges_json, key, index),
        len(chunk_sizes(setup.draws)),
        progress,
    )
    return combine(setup, chunks)


@st.cache_data(show_spinner=False, max_entries=64)
def _assessed(scenario_json: str) -> list[RiskAssessment]:
    return assess_risks(scenario_from_json(scenario_json))


def assessed_risks(scenario: ScenarioBase) -> list[RiskAssessment]:
    """Every live risk scored on both bases, with its simulated loss (cached)."""
    return _assessed(scenario_to_json(scenario))


@st.cache_data(show_spinner=False, max_entries=64)
def _stress(
    scenario_json: str, cases: tuple[tuple[str, tuple[ShockId, ...]], ...], start: int
) -> list[StressRow]:
    return stress_test(scenario_from_json(scenario_json), cases, start)


def stress(
    scenario: ScenarioBase, cases: Sequence[tuple[str, tuple[ShockId, ...]]], start: int
) -> list[StressRow]:
    """Stress test of ``cases`` from month ``start`` (cached)."""
    return _stress(scenario_to_json(scenario), tuple(cases), start)


@st.cache_data(show_spinner=False, max_entries=8)
def customer_analysis(
    path: str,
    mapping_json: str,
    sample: str,
    time_unit: str,
    _cancellation: Cancellation | None = None,
    _progress: Callable[[str], None] | None = None,
) -> tuple[CustomerReport, CustomerValue | None]:
    """Report (DuckDB or Spark, from the app's engine setting) and fitted customer value of
    an order file; ``sample`` names a shipped sample (its set-up is used) or identifies an
    upload and its mapping (so a changed file or mapping is not served from the cache).
    ``_progress`` hears each step (the report's, then ``fit``); ``_cancellation`` stops
    the run (neither is part of the cache key)."""
    import os

    from core.analysis.customer_value.optimizer import FitError
    from core.analysis.customer_value.valuation import value_customers
    from core.data.orders.engines import settings_from_env
    from core.data.orders.pseudonym import load_or_create_secret
    from core.data.orders.report import customer_report
    from core.data.orders.samples import SAMPLES, sample_source
    from core.data.orders.schema import ColumnMapping

    mapping = ColumnMapping.model_validate_json(mapping_json)
    end, keep_zero, secret = None, False, None
    if sample in SAMPLES:
        setup = sample_source(sample, Path(path).parent)  # type: ignore[arg-type]
        end, keep_zero, secret = (
            setup.calibration_end,
            setup.keep_zero_amounts,
            load_or_create_secret(),
        )
    report = customer_report(
        Path(path),
        mapping,
        engine=settings_from_env(os.environ),
        calibration_end=end,
        time_unit=time_unit,  # type: ignore[arg-type]
        keep_zero_amounts=keep_zero,
        secret=secret,
        cancellation=_cancellation,
        progress=_progress,
    )
    if _progress is not None:
        _progress("fit")
    value = None
    if report.customers:  # every order excluded: nothing to fit
        try:
            value = value_customers(report.summary, time_unit)
        except (FitError, ValueError):
            value = None
    return report, value


@st.cache_data(show_spinner=False, max_entries=32)
def _facts(scenario_json: str) -> ModelFacts:
    return model_facts(scenario_from_json(scenario_json))


@st.cache_data(show_spinner=False, max_entries=64)
def _decision(scenario_json: str, weights_json: str) -> Decision:
    from core.data.ranges import trusted_bounds

    scenario = scenario_from_json(scenario_json)
    ranges = benchmark_driver_ranges(scenario.business.category)
    found = findings(evaluated(scenario), scenario, plausible())
    weights = Weights.model_validate_json(weights_json)
    return decide(
        scenario,
        weights,
        ranges=ranges,
        checked=trusted_bounds(benchmark_ranges(scenario.business.category)),
        findings=found,
        facts=_facts(scenario_json),
        risk_of=_risk_of(ranges),
        register=top_register_risks(scenario),
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _simulated_risk(scenario_json: str, ranges_json: str) -> dict[str, RiskFigures]:
    ranges = {path: (low, high) for path, (low, high) in json.loads(ranges_json).items()}
    return simulated_risk(scenario_from_json(scenario_json), ranges)


def _risk_of(
    ranges: Mapping[str, tuple[float, float]],
) -> Callable[[ScenarioBase], dict[str, RiskFigures]]:
    """The Monte Carlo risk figures of a scenario (cached: a weight change re-scores only)."""
    ranges_json = json.dumps(ranges, sort_keys=True)
    return lambda scenario: _simulated_risk(scenario_to_json(scenario), ranges_json)


def decision(scenario: ScenarioBase, weights: Weights) -> Decision:
    """Scores, recommendations, recommended mix and verdict (engine facts cached per
    scenario, so a weight change only re-scores)."""
    return _decision(scenario_to_json(scenario), weights.model_dump_json(by_alias=True))


@st.cache_data(show_spinner=False, max_entries=16)
def _workbook(scenario_json: str, weights_json: str, lang: Locale) -> bytes:
    from core.export.workbook import workbook_bytes  # imported on first use: openpyxl

    return workbook_bytes(_decision(scenario_json, weights_json), lang)


@st.cache_data(show_spinner=False, max_entries=16)
def _one_pager(scenario_json: str, weights_json: str, lang: Locale) -> bytes:
    return summary_html(_decision(scenario_json, weights_json), lang).encode("utf-8")


def exports(
    scenario: ScenarioBase, weights: Weights, lang: Locale
) -> tuple[Callable[[], bytes], Callable[[], bytes]]:
    """The Excel workbook and the HTML one-pager of the decision, each as a function that
    builds its bytes (cached): a download button calls it when clicked, so the page does
    not build files nobody asked for (the workbook took about half a second)."""
    scenario_json = scenario_to_json(scenario)
    weights_json = weights.model_dump_json(by_alias=True)
    return (
        lambda: _workbook(scenario_json, weights_json, lang),
        lambda: _one_pager(scenario_json, weights_json, lang),
    )


@st.cache_data(show_spinner=False, max_entries=32)
def _plan_score(scenario_json: str, weights_json: str) -> Score:
    scenario = scenario_from_json(scenario_json)
    ranges = benchmark_driver_ranges(scenario.business.category)
    weights = Weights.model_validate_json(weights_json)
    risk = _risk_of(ranges)(scenario)
    return score_all(scenario, evaluated(scenario), weights, risk)[TOTAL]


def plan_score(scenario: ScenarioBase, weights: Weights) -> Score:
    """The plan's overall score (0–100) with the Monte Carlo risk figures (cached), as the
    summary computes it: any saved mix can be scored."""
    return _plan_score(scenario_to_json(scenario), weights.model_dump_json(by_alias=True))
