"""Widgets generated from driver metadata: label, unit, range and provenance come from core."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from core.editing import driver_spec_map, from_display, to_display, widget_range
from core.fields import DriverSpec
from core.i18n import Locale, t
from pages.state import localized_key, off_key, widget_key


def provenance_text(spec: DriverSpec, locale: Locale) -> str:
    """ "Default from <source> (<year>, quality: <tag>)" in the session's language."""
    p = spec.provenance
    return t(
        "provenance.caption",
        locale,
        source=p.source,
        year=p.year,
        quality=t(f"quality.{p.quality}", locale),
    )


def label_for(path: str, spec: DriverSpec, locale: Locale) -> str:
    """Field label with its unit, e.g. "CPC 年涨幅（%/年）"."""
    unit = t(f"unit.{spec.unit}", locale)
    return f"{t(f'field.{path}', locale)} ({unit})"


def _format(spec: DriverSpec) -> str:
    if spec.is_percent:
        return "%.2f%%" if spec.ui_step < 0.001 else "%.1f%%"
    return "%.2f" if spec.ui_step < 1 else "%.0f"


def driver_slider(path: str, locale: Locale, *, disabled: bool = False) -> None:
    """A slider for the numeric driver at ``path`` (rates shown in percent)."""
    spec = driver_spec_map()[path]
    shown = st.session_state.get(widget_key(path))
    current = spec.ui_min if shown is None else from_display(spec, float(shown))
    low, high = widget_range(spec, current)
    st.slider(
        label_for(path, spec, locale),
        min_value=low,
        max_value=high,
        step=round(to_display(spec, spec.ui_step), 9),
        format=_format(spec),
        key=widget_key(path),
        help=provenance_text(spec, locale),
        disabled=disabled,
    )


def optional_driver_slider(
    path: str, off_label_key: str, locale: Locale, *, disabled: bool
) -> None:
    """A driver that may be switched off (``None``): a checkbox above its slider."""
    off = st.checkbox(t(off_label_key, locale), key=off_key(path), disabled=disabled)
    driver_slider(path, locale, disabled=disabled or off)


def choice_widget(path: str, options: Sequence[str], prefix: str, locale: Locale) -> None:
    """A selectbox over ``options`` labelled from the catalog as ``<prefix>.<option>``."""
    key = localized_key(path, locale)
    if key not in st.session_state:
        st.session_state[key] = st.session_state[widget_key(path)]
    st.selectbox(
        t(f"field.{path}", locale),
        options,
        format_func=lambda option: t(f"{prefix}.{option}", locale),
        key=key,
    )
    st.session_state[widget_key(path)] = st.session_state[key]
