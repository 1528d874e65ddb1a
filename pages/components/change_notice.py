"""What the last load changed (old → new for each field) and a button to undo it."""

from __future__ import annotations

import streamlit as st

from core.model.paths import driver_spec_map
from core.text.catalog import Locale, has, t
from core.text.formatting import format_driver
from core.text.labels import field_label
from core.text.risk import collection_text
from pages.components.scenario_state import Change, ScenarioState
from pages.components.session import CALIBRATED_KEY

NS = "changes"


def value_text(path: str, value: object, locale: Locale) -> str:
    """A field's value as people read it: formatted drivers, labelled choices."""
    whole = collection_text(path, value, locale)
    if whole is not None:
        return whole
    spec = driver_spec_map().get(path)
    if spec is not None:
        return format_driver(value if value is None else float(value), spec, locale)  # type: ignore[arg-type]
    name = path.rpartition(".")[2]
    key = f"{name}.{value}"
    if isinstance(value, bool):
        return t("value.on" if value else "value.off", locale)
    return t(key, locale) if has(key) else str(value)


def changes_table(changes: tuple[Change, ...], locale: Locale) -> list[dict[str, str]]:
    """Rows field / before / after for a data frame."""
    return [
        {
            t("changes.field", locale): field_label(c.path, locale),
            t("changes.before", locale): value_text(c.path, c.before, locale),
            t("changes.after", locale): value_text(c.path, c.after, locale),
        }
        for c in changes
        if has(f"field.{c.path}")
    ]


def change_title(state: ScenarioState, locale: Locale) -> str:
    """What the last load was: the preset's name, a profile, a copy, a file, or the
    user's data with the dates it covers."""
    if state.preset:
        return t(f"preset.{state.preset}", locale)
    calibrated = st.session_state.get(CALIBRATED_KEY)
    if state.origin == "data" and calibrated:
        first = min(v.first for v in calibrated).isoformat()
        last = max(v.last for v in calibrated).isoformat()
        return t("changes.origin.data_span", locale, first=first, last=last)
    return t(f"changes.origin.{state.origin or 'file'}", locale)


def _changes_dialog(state: ScenarioState, locale: Locale) -> None:
    """The changes old → new, wide enough to read (in the sidebar the values were cut
    and the new-value column was off screen)."""
    st.dataframe(changes_table(state.changes, locale), hide_index=True, width="stretch")


def change_notice(state: ScenarioState, locale: Locale) -> None:
    """After a load: what it was, the changed fields old → new, and an undo button (a
    load that changed nothing says so, with nothing to undo)."""
    if state.previous is None:
        return
    title = change_title(state, locale)
    if not state.changes:  # nothing to show or undo
        st.caption(t("changes.none", locale, title=title))
        return
    st.caption(t("changes.count", locale, title=title, count=len(state.changes)))
    if st.button(t("changes.show", locale), key=f"{NS}:show", width="stretch"):
        st.dialog(t("changes.show", locale), width="large")(_changes_dialog)(state, locale)
    st.button(t("changes.undo", locale), on_click=state.undo, key=f"{NS}:undo", width="stretch")
