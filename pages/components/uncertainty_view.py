"""The drivers' ranges: benchmark or default width, and the user's own low and high.

The table shows every uncertain driver in the units people read (percent, ¥, 万 in
Chinese; ``core.text.display``). A changed low or high is kept for the session (in model
units, by path) and applied around the scenario's current value; an emptied cell goes
back to the default. Correlated groups are named under the table; every other driver
varies independently.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from core.analysis.uncertainty import (
    ADDITIVE_SPREAD,
    CORRELATED,
    DEFAULT_WIDTH,
    DriverRange,
    default_ranges,
    make_range,
)
from core.model.paths import driver_spec
from core.model.scenario import ScenarioBase
from core.text.catalog import Locale, t
from core.text.display import from_display, to_display
from core.text.formatting import format_percent
from pages.components.cache import benchmark_driver_ranges
from pages.components.inputs import label_for
from pages.components.session import CALIBRATED_KEY

NS = "risk:ranges"
USER_KEY = f"{NS}:user"
REVISION_KEY = f"{NS}:revision"
COLUMNS = ("driver", "low", "value", "high", "distribution", "source")
WIDTH_TEXT = format_percent(DEFAULT_WIDTH, 0)


def _user() -> dict[str, tuple[float, float]]:
    return st.session_state.setdefault(USER_KEY, {})


def _shown(path: str, value: float, locale: Locale) -> float:
    return to_display(driver_spec(path), value, locale)


def ranges_frame(ranges: Mapping[str, DriverRange], locale: Locale) -> pd.DataFrame:
    """One row per driver in shown units (the editor's data)."""
    return pd.DataFrame(
        [
            {
                "driver": label_for(path, driver_spec(path), locale),
                "low": _shown(path, r.low, locale),
                "value": _shown(path, r.mode, locale),
                "high": _shown(path, r.high, locale),
                "distribution": t(f"risk.dist.{r.distribution}", locale),
                "source": t(f"risk.source.{r.source}", locale, width=WIDTH_TEXT),
            }
            for path, r in ranges.items()
        ],
        columns=list(COLUMNS),
    )


def _model_value(path: str, shown: Any, locale: Locale) -> float | None:
    if shown is None or (isinstance(shown, float) and math.isnan(shown)):
        return None
    return from_display(driver_spec(path), float(shown), locale)


def _apply(paths: Sequence[str], ranges: Mapping[str, DriverRange], key: str, lang: Locale) -> None:
    """Take the edited lows and highs; an emptied cell drops the driver's own range."""
    user = _user()
    for row, changes in st.session_state.get(key, {}).get("edited_rows", {}).items():
        path = paths[int(row)]
        values = {c: _model_value(path, changes[c], lang) for c in ("low", "high") if c in changes}
        if any(value is None for value in values.values()):
            user.pop(path, None)
            continue
        r = ranges[path]
        user[path] = (values.get("low", r.low), values.get("high", r.high))
    st.session_state[REVISION_KEY] = st.session_state.get(REVISION_KEY, 0) + 1


def _reset() -> None:
    st.session_state[USER_KEY] = {}
    st.session_state[REVISION_KEY] = st.session_state.get(REVISION_KEY, 0) + 1


def session_ranges(scenario: ScenarioBase) -> dict[str, DriverRange]:
    """The ranges the simulation uses for ``scenario``: the defaults (benchmark table,
    else the documented width), then the ranges of values set from the user's data on the
    Customers page, then the user's own lows and highs of this session."""
    ranges = default_ranges(scenario, benchmark_driver_ranges(scenario.business.category))
    for value in st.session_state.get(CALIBRATED_KEY) or ():
        if value.path in ranges:
            mode = ranges[value.path].mode
            ranges[value.path] = make_range(value.path, mode, value.low, value.high, "data")
    for path, (low, high) in _user().items():
        if path in ranges:
            ranges[path] = make_range(path, ranges[path].mode, low, high, "user")
    return ranges


def uncertainty_ranges(scenario: ScenarioBase, locale: Locale) -> dict[str, DriverRange]:
    """:func:`session_ranges`, shown in an expander where the user can change them."""
    ranges = session_ranges(scenario)
    with st.expander(t("risk.ranges.title", locale, count=len(ranges))):
        st.caption(
            t(
                "risk.ranges.caption",
                locale,
                width=format_percent(DEFAULT_WIDTH, 0),
                spread=format_percent(ADDITIVE_SPREAD, 0),
            )
        )
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
            ranges_frame(ranges, locale),
            hide_index=True,
            width="stretch",
            height=320,
            disabled=("driver", "value", "distribution", "source"),
            column_config=config,
            key=key,
            on_change=_apply,
            args=(paths, ranges, key, locale),
        )
        groups = "; ".join(
            ", ".join(t(f"field.{p}", locale) for p in g.paths if p in ranges) for g in CORRELATED
        )
        st.caption(t("risk.ranges.correlated", locale, groups=groups))
        st.button(t("risk.ranges.reset", locale), on_click=_reset, key=f"{NS}:reset")
    return ranges
