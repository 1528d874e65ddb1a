"""The preset picker: fill the scenario from the benchmark table for a kind of business."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from core.model.paths import driver_spec
from core.text.catalog import Locale, t
from core.text.formatting import format_driver
from pages.components.cache import preset_keys, preset_values
from pages.components.scenario_state import ScenarioState

if TYPE_CHECKING:
    from core.data.presets import PresetAssumptions

NS = "preset"


def _apply(state: ScenarioState, key: str | None) -> None:
    from core.data.presets import apply_preset

    if key is not None:
        state.load(apply_preset(state.scenario(), preset_values(key)), preset=key)


def preset_picker(state: ScenarioState, locale: Locale) -> None:
    """Choose a preset and apply it; then show which benchmark rows filled which field."""
    st.subheader(t("preset.title", locale))
    choice = st.selectbox(
        t("preset.choose", locale),
        preset_keys(),
        format_func=lambda key: t(f"preset.{key}", locale),
        index=None,
        placeholder=t("preset.placeholder", locale),
        key=f"{NS}:choice@{locale}",
    )
    st.button(
        t("preset.apply", locale),
        on_click=_apply,
        args=(state, choice),
        disabled=choice is None,
        width="stretch",
        key=f"{NS}:apply",
    )
    if state.preset is not None:
        preset_provenance(preset_values(state.preset), locale)


def preset_provenance(result: PresetAssumptions, locale: Locale) -> None:
    """What the applied preset filled, with the benchmark rows behind each value."""
    name = t(result.preset.label_key, locale)
    st.success(t("preset.applied", locale, name=name, count=len(result.values)))
    with st.expander(t("preset.provenance", locale)):
        rows = []
        for path, est in result.values.items():
            spec = driver_spec(path)
            low, high = format_driver(est.low, spec, locale), format_driver(est.high, spec, locale)
            rows.append(
                {
                    t("lab.sources.field", locale): t(f"field.{path}", locale),
                    t("preset.col.value", locale): format_driver(est.value, spec, locale),
                    t("preset.col.range", locale): f"{low} – {high}",
                    t("preset.col.level", locale): t(f"preset.level.{est.fallback_level}", locale),
                    t("preset.col.rows", locale): ", ".join(est.row_ids),
                }
            )
        st.dataframe(rows, hide_index=True)
        if result.missing:
            fields = ", ".join(t(f"field.{path}", locale) for path in result.missing)
            st.caption(t("preset.missing", locale, fields=fields))
