"""The scenario being edited: one object in session state, mirrored in the URL.

:class:`ScenarioState` holds the canonical values (dotted path → value, model units,
always a valid scenario) and a *generation* number. Input widgets are keyed by
namespace, path, language and generation (:func:`input_key`) and created with the
canonical value; a change made outside the widgets (a preset, an upload, a reset, a copy
from the Benchmarks page) loads new values and bumps the generation, so every widget is
created afresh with the new value and no widget key is ever written by code.

At the start of a run, :meth:`ScenarioState.sync` reads what the user changed in the
widgets of this generation, so the page can evaluate the scenario before it draws the
widgets (KPIs first). The scenario also lives in the URL (``?s=<token>``), so a reload
or a shared link opens the same scenario.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import streamlit as st
from pydantic import ValidationError

from core.model.paths import driver_spec_map, flatten, unflatten
from core.model.scenario import ScenarioBase, ScenarioFileError, default_scenario
from core.model.share import scenario_from_token, scenario_to_token
from core.text.catalog import Locale
from core.text.display import from_display
from core.text.errors import describe_file_error, describe_validation_error

STATE_KEY = "scenario:state"
SCENARIO_PARAM = "s"
EDIT_NS = "edit"


@dataclass
class ScenarioState:
    """Canonical values of the scenario being edited and the widget generation."""

    values: dict[str, Any]
    generation: int = 0
    link_problem: ScenarioFileError | ValidationError | None = None
    preset: str | None = None

    def scenario(self) -> ScenarioBase:
        """The scenario the canonical values describe (always valid)."""
        return unflatten(self.values)

    def load(self, scenario: ScenarioBase, *, preset: str | None = None) -> None:
        """Make ``scenario`` the one being edited; widgets are re-created with its values.

        ``preset`` names the preset it came from (shown until the next load).
        """
        self.values = flatten(scenario)
        self.generation += 1
        self.preset = preset

    def sync(self, locale: Locale, paths: Iterable[str] | None = None) -> list[str]:
        """Take the values the user set in this generation's widgets; returns problems.

        A set of values the scenario contract rejects is not taken (the problems are
        returned, in ``locale``) and the last valid scenario stays.
        """
        edited = dict(self.values)
        for path in self.values if paths is None else paths:
            shown = st.session_state.get(input_key(EDIT_NS, path, locale, self.generation))
            if shown is not None:
                edited[path] = widget_to_model(path, shown, locale)
            off = st.session_state.get(off_key(EDIT_NS, path, locale, self.generation))
            if off:
                edited[path] = None
        if edited == self.values:
            return []
        try:
            unflatten(edited)
        except ValidationError as exc:
            return describe_validation_error(exc, locale)
        self.values = edited
        return []


def widget_to_model(path: str, shown: Any, locale: Locale) -> Any:
    """A widget's value in model units (numeric drivers are scaled back exactly)."""
    spec = driver_spec_map().get(path)
    if spec is None or isinstance(shown, bool | str):
        return shown
    return from_display(spec, float(shown), locale)


def input_key(namespace: str, path: str, locale: Locale, generation: int) -> str:
    """Session key of the widget editing ``path`` (new per language and generation)."""
    return f"{namespace}:{path}@{locale}#{generation}"


def off_key(namespace: str, path: str, locale: Locale, generation: int) -> str:
    """Session key of the checkbox that switches an optional driver off (``None``)."""
    return f"{input_key(namespace, path, locale, generation)}:off"


def _initial_state() -> ScenarioState:
    token = st.query_params.get(SCENARIO_PARAM)
    if not token:
        return ScenarioState(values=flatten(default_scenario()))
    try:
        return ScenarioState(values=flatten(scenario_from_token(token)))
    except (ScenarioFileError, ValidationError) as exc:
        return ScenarioState(values=flatten(default_scenario()), link_problem=exc)


def scenario_state() -> ScenarioState:
    """The session's scenario state, created from the URL (or the defaults) on first use."""
    state = st.session_state.get(STATE_KEY)
    if not isinstance(state, ScenarioState):
        state = _initial_state()
        st.session_state[STATE_KEY] = state
    return state


def link_problem_text(state: ScenarioState, locale: Locale) -> list[str]:
    """Why the scenario in the URL was not used, in ``locale`` (empty when it was)."""
    problem = state.link_problem
    if problem is None:
        return []
    if isinstance(problem, ScenarioFileError):
        return [describe_file_error(problem, locale)]
    return [describe_file_error(ScenarioFileError("link"), locale)]


def write_url(state: ScenarioState) -> None:
    """Keep ``?s=`` equal to the scenario being edited (absent for the default scenario)."""
    scenario = state.scenario()
    token = None if scenario == default_scenario() else scenario_to_token(scenario)
    current = st.query_params.get(SCENARIO_PARAM)
    if token is None and current is not None:
        del st.query_params[SCENARIO_PARAM]
    elif token is not None and token != current:
        st.query_params[SCENARIO_PARAM] = token
