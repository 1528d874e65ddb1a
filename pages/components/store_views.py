"""Saved scenarios: save the one being edited under a name; open, rename, duplicate and
delete saved ones. Every operation is a callback that leaves its outcome (done, or why
not) in the session, shown on the next run in the user's language; names are shown as
plain text (:func:`core.text.safe.markdown_literal`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from core.data.scenario_store import SavedScenario, StoreError
from core.model.scenario import ScenarioBase
from core.text.catalog import Locale, t
from core.text.formatting import format_saved_time
from core.text.mix import store_problem
from core.text.safe import markdown_literal
from pages.components.cache import scenario_store
from pages.components.inputs import select_all
from pages.components.scenario_state import ScenarioState

NS = "store"
OUTCOME_KEY = f"{NS}:outcome"
CONFIRM_KEY = f"{NS}:confirm_replace"
"""The name whose replacement the user was asked to confirm (a second "save" replaces)."""


SAVE_ACTIONS = frozenset({"save"})
LIBRARY_ACTIONS = frozenset({"open", "rename", "duplicate", "delete"})


@dataclass(frozen=True)
class StoreOutcome:
    """What the last store operation (``action``) did, why it failed, or that it waits
    for a confirmation (``confirm``: replace the scenario saved under ``name``)."""

    action: str
    name: str = ""
    error: StoreError | None = None
    confirm: bool = False


def _run(action: str, name: str, work: Callable[[], object]) -> None:
    """Run ``work`` and keep the outcome for the next run."""
    try:
        work()
    except StoreError as exc:
        st.session_state[OUTCOME_KEY] = StoreOutcome(action, error=exc)
        return
    st.session_state[OUTCOME_KEY] = StoreOutcome(action, name=name)


def show_outcome(actions: frozenset[str], lang: Locale) -> None:
    """The outcome of the last operation among ``actions``, once."""
    outcome: StoreOutcome | None = st.session_state.get(OUTCOME_KEY)
    if outcome is None or outcome.action not in actions:
        return
    del st.session_state[OUTCOME_KEY]
    if outcome.error is not None:
        st.error(markdown_literal(store_problem(outcome.error, lang)))
    elif outcome.confirm:
        st.warning(t("store.confirm_replace", lang, name=markdown_literal(outcome.name)))
    else:
        st.success(t(f"store.done.{outcome.action}", lang, name=markdown_literal(outcome.name)))


def _save(state: ScenarioState, key: str) -> None:
    """Save under the typed name; a name already saved is replaced only on a second click
    (the first one asks), so nobody overwrites a colleague's plan without seeing it."""
    name = " ".join(str(st.session_state.get(key) or "").split())
    taken = name in {saved.name for saved in scenario_store().saved()}
    if taken and st.session_state.get(CONFIRM_KEY) != name:
        st.session_state[CONFIRM_KEY] = name
        st.session_state[OUTCOME_KEY] = StoreOutcome("save", name=name, confirm=True)
        return
    st.session_state.pop(CONFIRM_KEY, None)
    _run("save", name, lambda: scenario_store().save(name, state.scenario()))


def save_box(state: ScenarioState, lang: Locale) -> None:
    """Name and "save" for the scenario being edited (a saved name is replaced)."""
    st.subheader(t("store.title", lang))
    key = f"{NS}:name@{lang}#{state.generation}"
    st.text_input(
        t("store.name", lang),
        value=state.values["name"],
        max_chars=200,
        placeholder=t("store.name_placeholder", lang),
        key=key,
    )
    st.button(
        t("store.save", lang), on_click=_save, args=(state, key), key=f"{NS}:save", width="stretch"
    )
    show_outcome(SAVE_ACTIONS, lang)


def saved_label(saved: SavedScenario) -> str:
    """ "name · 2026-01-31 17:45" in the browser's time zone (plain text: for option
    lists; in UTC, saying so, when the browser does not tell its zone)."""
    return f"{saved.name} · {format_saved_time(saved.updated_at, st.context.timezone)}"


def saved_picker(
    label: str, *, key: str, limit: int, placeholder: str, lang: Locale
) -> list[tuple[str, ScenarioBase]]:
    """Pick up to ``limit`` saved scenarios; returns (name, scenario) of each one picked
    that still loads (a deleted one drops out of the pick, a broken one says why)."""
    saved = {s.id: s for s in scenario_store().saved()}
    if key in st.session_state:
        st.session_state[key] = [i for i in st.session_state[key] if i in saved]
    chosen = st.multiselect(
        label,
        list(saved),
        format_func=lambda i: saved_label(saved[i]),
        max_selections=limit,
        placeholder=placeholder,
        key=key,
        select_all=select_all(lang),
    )
    plans = []
    for scenario_id in chosen:
        try:
            plans.append((saved[scenario_id].name, scenario_store().load(scenario_id)))
        except StoreError as exc:
            st.error(markdown_literal(store_problem(exc, lang)))
    return plans


def _open(state: ScenarioState, saved: SavedScenario) -> None:
    _run("open", saved.name, lambda: state.load(scenario_store().load(saved.id)))


def _rename(saved: SavedScenario, key: str) -> None:
    name = str(st.session_state.get(key) or "")
    _run("rename", " ".join(name.split()), lambda: scenario_store().rename(saved.id, name))


def _duplicate(saved: SavedScenario, lang: Locale) -> None:
    taken = {s.name for s in scenario_store().saved()}
    name = t("store.copy_name", lang, name=saved.name)
    number = 2
    while name in taken:
        name = t("store.copy_name_n", lang, name=saved.name, number=number)
        number += 1
    _run("duplicate", name, lambda: scenario_store().duplicate(saved.id, name))


def _delete(saved: SavedScenario) -> None:
    _run("delete", saved.name, lambda: scenario_store().delete(saved.id))


def library(state: ScenarioState, lang: Locale) -> None:
    """Pick a saved scenario; open it in the editor, rename, duplicate or delete it."""
    saved = scenario_store().saved()
    if not saved:
        st.caption(t("store.empty", lang))
        return
    by_id = {s.id: s for s in saved}
    chosen = st.selectbox(
        t("store.pick", lang),
        list(by_id),
        format_func=lambda i: saved_label(by_id[i]),
        key=f"{NS}:pick",
    )
    pick = by_id.get(chosen, saved[0])
    name_key = f"{NS}:rename:{pick.id}"
    st.text_input(t("store.new_name", lang), value=pick.name, max_chars=200, key=name_key)
    columns = st.columns(4)
    columns[0].button(t("store.open", lang), on_click=_open, args=(state, pick), key=f"{NS}:open")
    columns[1].button(
        t("store.rename", lang), on_click=_rename, args=(pick, name_key), key=f"{NS}:rename"
    )
    columns[2].button(
        t("store.duplicate", lang), on_click=_duplicate, args=(pick, lang), key=f"{NS}:duplicate"
    )
    columns[3].button(t("store.delete", lang), on_click=_delete, args=(pick,), key=f"{NS}:delete")
    show_outcome(LIBRARY_ACTIONS, lang)
