"""Applying a result to the scenario being edited, undoably: the scenario before is kept
in the session (as JSON) and "undo" loads it back (``state.load``)."""

from __future__ import annotations

import streamlit as st

from core.model.scenario import ScenarioBase, scenario_from_json, scenario_to_json
from core.text.catalog import Locale, t
from pages.components.scenario_state import ScenarioState

NS = "opt"
UNDO_KEY = f"{NS}:undo"


def apply_scenario(state: ScenarioState, scenario: ScenarioBase) -> None:
    """Make ``scenario`` the one being edited, keeping the one before for "undo"."""
    st.session_state[UNDO_KEY] = scenario_to_json(state.scenario())
    state.load(scenario)


def _undo(state: ScenarioState) -> None:
    before = st.session_state.pop(UNDO_KEY, None)
    if before is not None:
        state.load(scenario_from_json(before))


def undo_button(state: ScenarioState, lang: Locale) -> None:
    """ "Undo" while an applied result can be taken back."""
    if UNDO_KEY in st.session_state:
        st.button(t("mix.undo", lang), on_click=_undo, args=(state,), key=f"{NS}:undo_button")
