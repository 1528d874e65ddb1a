"""The scenario being edited: one object in session state, mirrored in the URL.

:class:`ScenarioState` holds the canonical values (dotted path → value, model units,
always a valid scenario) and a *generation* number. Input widgets are keyed by
namespace, path, language and generation (:func:`input_key`) and created with the
canonical value; a change made outside the widgets (a preset, an upload, a reset, a copy
from the Benchmarks page) loads new values and bumps the generation, so every widget is
created afresh with the new value and no widget key is ever written by code. The values
before the last load are kept, so the page can show what changed (old → new) and undo it.

Changing the business size or category applies that profile's defaults
(:func:`core.data.profiles.profile_scenario`): size and category choose the drivers.

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

from core.data.profiles import profile_scenario
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
    origin: str | None = None
    previous: dict[str, Any] | None = None
    changes: tuple[Change, ...] = ()

    def scenario(self) -> ScenarioBase:
        """The scenario the canonical values describe (always valid)."""
        return unflatten(self.values)

    def load(
        self, scenario: ScenarioBase, *, preset: str | None = None, origin: str | None = None
    ) -> None:
        """Make ``scenario`` the one being edited; widgets are re-created with its values.

        ``preset`` names the preset it came from, ``origin`` what else did (``profile``,
        ``copy``, ``file``; shown until the next load). The values before the load are
        kept for :meth:`undo`, and what changed for the page to show.
        """
        before = self.values
        self.values = flatten(scenario)
        self.generation += 1
        self.preset = preset
        self.origin = "preset" if preset else origin
        self.previous = before
        self.changes = changes_between(before, self.values)

    def undo(self) -> None:
        """Back to the values before the last load (once)."""
        if self.previous is not None:
            self.values = self.previous
            self.generation += 1
            self.preset = self.origin = None
            self.previous = None
            self.changes = ()

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
            scenario = unflatten(edited)
        except ValidationError as exc:
            return describe_validation_error(exc, locale, with_path=False)
        profile = (scenario.business.size, scenario.business.category)
        if profile != (self.values["business.size"], self.values["business.category"]):
            self.load(profile_scenario(*profile, base=scenario), origin="profile")
            return []
        self.values = edited
        return []


@dataclass(frozen=True)
class Change:
    """One value a load changed: the dotted path, before and after (model units)."""

    path: str
    before: Any
    after: Any


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> tuple[Change, ...]:
    """The values that differ, in path order."""
    return tuple(
        Change(path, before.get(path), value)
        for path, value in after.items()
        if before.get(path) != value
    )


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
    return [
        describe_file_error(ScenarioFileError("link"), locale),
        *describe_validation_error(problem, locale),
    ]


def write_url(state: ScenarioState) -> None:
    """Keep ``?s=`` equal to the scenario being edited (absent for the default scenario)."""
    scenario = state.scenario()
    token = None if scenario == default_scenario() else scenario_to_token(scenario)
    current = st.query_params.get(SCENARIO_PARAM)
    if token is None and current is not None:
        del st.query_params[SCENARIO_PARAM]
    elif token is not None and token != current:
        st.query_params[SCENARIO_PARAM] = token
