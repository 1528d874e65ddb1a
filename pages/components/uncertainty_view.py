"""The drivers' ranges: benchmark or default width, calibrated from data, or the user's own.

The table shows every uncertain driver in the units people read (percent, ¥, 万 in
Chinese; ``core.text.display``). A changed low or high is saved in the scenario's
``ranges`` (model units, by path; :mod:`core.model.stored_ranges`), so a reload, a shared
link, the summary's risk score and the exports use it too; an emptied cell goes back to
the default. Correlated groups are named under the table; every other driver varies
independently.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from core.analysis.uncertainty import (
    ADDITIVE_SPREAD,
    CORRELATED,
    DEFAULT_WIDTH,
    DriverRange,
    scenario_ranges,
)
from core.model.paths import driver_spec, unflatten
from core.model.scenario import ScenarioBase
from core.model.stored_ranges import StoredRange
from core.text.catalog import Locale, t
from core.text.display import from_display, to_display
from core.text.errors import describe_validation_error
from core.text.formatting import format_percent, join_list
from core.text.labels import field_label, with_shown_unit
from core.text.risk import range_source_text
from pages.components.cache import benchmark_driver_ranges
from pages.components.scenario_state import ScenarioState

NS = "risk:ranges"
REVISION_KEY = f"{NS}:revision"
PROBLEMS_KEY = f"{NS}:problems"
COLUMNS = ("driver", "low", "value", "high", "distribution", "source")
WIDTH_TEXT = format_percent(DEFAULT_WIDTH, 0)


def _shown(path: str, value: float, locale: Locale) -> float:
    return to_display(driver_spec(path), value, locale)


def _source_text(path: str, r: DriverRange, scenario: ScenarioBase, locale: Locale) -> str:
    stored = scenario.ranges.get(path)
    if stored is not None and r.source == stored.source:
        return range_source_text(stored, locale)
    return t(f"risk.source.{r.source}", locale, width=WIDTH_TEXT)


def ranges_frame(
    ranges: Mapping[str, DriverRange], scenario: ScenarioBase, locale: Locale
) -> pd.DataFrame:
    """One row per driver in shown units (the editor's data)."""
    return pd.DataFrame(
        [
            {
                "driver": with_shown_unit(field_label(path, locale), driver_spec(path), locale),
                "low": _shown(path, r.low, locale),
                "value": _shown(path, r.mode, locale),
                "high": _shown(path, r.high, locale),
                "distribution": t(f"risk.dist.{r.distribution}", locale),
                "source": _source_text(path, r, scenario, locale),
            }
            for path, r in ranges.items()
        ],
        columns=list(COLUMNS),
    )


def _model_value(path: str, shown: Any, locale: Locale) -> float | None:
    if shown is None or (isinstance(shown, float) and math.isnan(shown)):
        return None
    return from_display(driver_spec(path), float(shown), locale)


def edited_ranges(
    stored: Mapping[str, StoredRange],
    paths: Sequence[str],
    ranges: Mapping[str, DriverRange],
    edits: Mapping[str, Mapping[str, Any]],
    locale: Locale,
) -> dict[str, StoredRange | dict[str, Any]]:
    """The scenario's saved ranges after the editor's ``edits`` (row → column → shown
    value): a changed low or high becomes the user's own range (the other end kept as
    shown; checked by the scenario contract in :func:`_save`), an emptied cell drops the
    saved range (back to the default)."""
    out: dict[str, StoredRange | dict[str, Any]] = dict(stored)
    for row, changes in edits.items():
        path = paths[int(row)]
        values = {
            c: _model_value(path, changes[c], locale) for c in ("low", "high") if c in changes
        }
        if any(value is None for value in values.values()):
            out.pop(path, None)
            continue
        r = ranges[path]
        out[path] = {"low": r.low, "high": r.high, "source": "user", **values}
    return out


def _save(state: ScenarioState, ranges: Mapping[str, StoredRange | dict[str, Any]]) -> None:
    """Make ``ranges`` the scenario's saved ranges if the contract accepts them; else keep
    the scenario and remember why not."""
    try:
        scenario = unflatten({**state.values, "ranges": dict(ranges)})
    except ValidationError as exc:  # described in the language of the run that shows it
        st.session_state[PROBLEMS_KEY] = exc
    else:
        st.session_state.pop(PROBLEMS_KEY, None)
        state.load(scenario, preset=state.preset, origin="risk")
    st.session_state[REVISION_KEY] = st.session_state.get(REVISION_KEY, 0) + 1


def _apply(
    state: ScenarioState, paths: Sequence[str], ranges: Mapping[str, DriverRange], key: str,
    lang: Locale,
) -> None:  # fmt: skip
    edits = st.session_state.get(key, {}).get("edited_rows", {})
    _save(state, edited_ranges(state.scenario().ranges, paths, ranges, edits, lang))


def _reset(state: ScenarioState, lang: Locale) -> None:
    """Drop the user's own ranges (ranges calibrated from data stay)."""
    kept = {p: r for p, r in state.scenario().ranges.items() if r.source != "user"}
    _save(state, kept)


def ranges_for(scenario: ScenarioBase) -> dict[str, DriverRange]:
    """The ranges the simulation uses for ``scenario``: the defaults (benchmark table,
    else the documented width), then the ranges saved with it (calibrated from the
    user's data, or typed here)."""
    return scenario_ranges(scenario, benchmark_driver_ranges(scenario.business.category))


def uncertainty_ranges(state: ScenarioState, locale: Locale) -> dict[str, DriverRange]:
    """:func:`ranges_for` the scenario being edited, shown in an expander where the user
    can change them (saved in the scenario)."""
    scenario = state.scenario()
    ranges = ranges_for(scenario)
    with st.expander(t("risk.ranges.title", locale, count=len(ranges))):
        st.caption(
            t(
                "risk.ranges.caption",
                locale,
                width=format_percent(DEFAULT_WIDTH, 0),
                spread=format_percent(ADDITIVE_SPREAD, 0),
            )
        )
        if (refused := st.session_state.get(PROBLEMS_KEY)) is not None:
            for problem in describe_validation_error(refused, locale, with_path=False):
                st.error(problem)
        paths = list(ranges)
        key = f"{NS}:editor@{locale}#{st.session_state.get(REVISION_KEY, 0)}"
        config = {c: st.column_config.Column(t(f"risk.ranges.col.{c}", locale)) for c in COLUMNS}
        for column in ("low", "high"):
            config[column] = st.column_config.NumberColumn(
                t(f"risk.ranges.col.{column}", locale), format="%.4g"
            )
        config["value"] = st.column_config.NumberColumn(
            t("risk.ranges.col.value", locale), format="%.4g"
        )
        st.data_editor(
            ranges_frame(ranges, scenario, locale),
            hide_index=True,
            width="stretch",
            height=320,
            disabled=("driver", "value", "distribution", "source"),
            column_config=config,
            key=key,
            on_change=_apply,
            args=(state, paths, ranges, key, locale),
        )
        groups = t("list.group_separator", locale).join(
            join_list((field_label(p, locale) for p in g.paths if p in ranges), locale)
            for g in CORRELATED
        )
        st.caption(t("risk.ranges.correlated", locale, groups=groups))
        st.button(
            t("risk.ranges.reset", locale),
            on_click=_reset,
            args=(state, locale),
            key=f"{NS}:reset",
        )
    return ranges
