"""The preset picker: a whole scenario for a kind of business, filled from the benchmark
table, with where every field came from."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from core.model.paths import driver_spec, with_values
from core.text.catalog import Locale, t
from core.text.formatting import format_driver, join_list
from core.text.labels import field_label, name_after_preset
from pages.components.cache import preset_keys, preset_result
from pages.components.scenario_state import ScenarioState

if TYPE_CHECKING:
    from core.data.presets import FieldOrigin, PresetResult

NS = "preset"


def _apply(state: ScenarioState, key: str | None, locale: Locale) -> None:
    if key is not None:
        name = name_after_preset(state.scenario().name, key, preset_keys(), locale)
        state.load(with_values(preset_result(key).scenario, {"name": name}), preset=key)


def preset_picker(state: ScenarioState, locale: Locale) -> None:
    """Choose a preset and apply it; then show which fields came from which rows."""
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
        args=(state, choice, locale),
        disabled=choice is None,
        width="stretch",
        key=f"{NS}:apply",
    )
    if state.preset is not None:
        preset_provenance(preset_result(state.preset), locale)


def _range(origin: FieldOrigin, locale: Locale) -> str:
    if origin.evidence is None:
        return "—"
    spec = driver_spec(origin.path)
    low = format_driver(origin.evidence.low, spec, locale)
    return f"{low} – {format_driver(origin.evidence.high, spec, locale)}"


def _flags(origin: FieldOrigin, locale: Locale) -> str:
    if origin.evidence is None:
        return ""
    return join_list(
        (t(f"evidence.flag.{f}", locale) for f in sorted(origin.evidence.flags)), locale
    )


def preset_provenance(result: PresetResult, locale: Locale) -> None:
    """Fields filled from benchmark rows (value, range, level, rows, warnings) and fields
    that kept their defaults (value, why, the default's source)."""
    count = len(result.from_benchmarks)
    key = "preset.applied" if count else "preset.applied.defaults_only"
    st.success(t(key, locale, name=t(result.preset.label_key, locale), count=count))
    if result.flagged:
        fields = join_list((field_label(o.path, locale) for o in result.flagged), locale)
        st.warning(t("preset.flagged", locale, fields=fields), icon="⚠️")
    if st.button(t("preset.provenance", locale), key=f"{NS}:provenance", width="stretch"):
        st.dialog(t("preset.provenance", locale), width="large")(_provenance_tables)(result, locale)


def _provenance_tables(result: PresetResult, locale: Locale) -> None:
    """The two tables of :func:`preset_provenance`, wide enough to read (a dialog, not
    the sidebar: there the field names and values were cut off)."""
    st.dataframe(
        [
            {
                t("lab.sources.field", locale): field_label(o.path, locale),
                t("preset.col.value", locale): format_driver(o.value, driver_spec(o.path), locale),
                t("preset.col.range", locale): _range(o, locale),
                t("preset.col.level", locale): t(f"preset.level.{o.evidence.level}", locale),
                t("preset.col.flags", locale): _flags(o, locale),
                t("preset.col.rows", locale): ", ".join(o.evidence.row_ids),
            }
            for o in result.from_benchmarks
            if o.evidence is not None
        ],
        hide_index=True,
        width="stretch",
    )
    st.caption(t("preset.defaults", locale))
    st.dataframe(
        [
            {
                t("lab.sources.field", locale): field_label(o.path, locale),
                t("preset.col.default", locale): format_driver(
                    o.value, driver_spec(o.path), locale
                ),
                t("preset.col.reason", locale): t(f"preset.reason.{o.reason}", locale),
                t("preset.col.range_unused", locale): _range(o, locale),
            }
            for o in result.from_defaults
        ],
        hide_index=True,
        width="stretch",
    )
