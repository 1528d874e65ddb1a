"""Inputs that edit the scenario: a slider per numeric driver, choices, name and horizon.

Each input is keyed by :func:`pages.components.scenario_state.input_key` and created with
the canonical value; :meth:`ScenarioState.sync` reads it back at the start of the next
run. Label, unit, range, step, format and provenance all come from the driver's field
definition (``core.model.fields``) through ``core.text.display``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import streamlit as st

from core.model.business import Business
from core.model.fields import DriverSpec
from core.model.paths import driver_spec, editable_fields
from core.model.vocab import BUSINESS_SIZES, CATEGORIES
from core.text.catalog import Locale, t
from core.text.display import slider_spec
from core.text.labels import with_unit
from pages.components.scenario_state import EDIT_NS, ScenarioState, input_key, off_key

T = TypeVar("T")


def provenance_text(path: str, spec: DriverSpec, locale: Locale) -> str:
    """ "Default value source: <source> (<year>, quality: <tag>)" in the session's language."""
    p = spec.provenance
    return t(
        "provenance.caption",
        locale,
        source=t(f"source.{path}", locale),
        year=p.year,
        quality=t(f"quality.{p.quality}", locale),
    )


def label_for(path: str, spec: DriverSpec, locale: Locale) -> str:
    """Field label with its unit, e.g. "CPC 年涨幅（%/年）"."""
    return with_unit(t(f"field.{path}", locale), spec.unit, locale)


def driver_input(
    state: ScenarioState, path: str, locale: Locale, *, disabled: bool = False
) -> None:
    """A slider for the numeric driver at ``path``; an optional driver gets an "off" box."""
    spec = driver_spec(path)
    value = state.values[path]
    off = False
    if spec.nullable:
        off = st.checkbox(
            t(f"off.{path}", locale),
            value=value is None,
            key=off_key(EDIT_NS, path, locale, state.generation),
            disabled=disabled,
        )
    shown_value = value if value is not None else (spec.default or spec.ui_max)
    slider = slider_spec(spec, shown_value, locale)
    st.slider(
        label_for(path, spec, locale),
        min_value=slider.min_value,
        max_value=slider.max_value,
        value=slider.value,
        step=slider.step,
        format=slider.format,
        key=input_key(EDIT_NS, path, locale, state.generation),
        help=provenance_text(path, spec, locale),
        disabled=disabled or off,
    )


def choice_input(
    state: ScenarioState,
    path: str,
    options: Sequence[str],
    prefix: str,
    locale: Locale,
    *,
    disabled: bool = False,
) -> None:
    """A selectbox over ``options`` labelled ``<prefix>.<option>`` from the catalog."""
    st.selectbox(
        t(f"field.{path}", locale),
        options,
        index=list(options).index(state.values[path]),
        format_func=lambda option: t(f"{prefix}.{option}", locale),
        key=input_key(EDIT_NS, path, locale, state.generation),
        disabled=disabled,
    )


def switch_input(
    state: ScenarioState, path: str, label_key: str, locale: Locale, *, disabled: bool = False
) -> bool:
    """A toggle for a boolean field; returns the value it shows."""
    return st.toggle(
        t(label_key, locale),
        value=bool(state.values[path]),
        key=input_key(EDIT_NS, path, locale, state.generation),
        disabled=disabled,
    )


def name_input(state: ScenarioState, locale: Locale) -> None:
    """The scenario's name (shown back as plain text everywhere)."""
    st.text_input(
        t("field.name", locale),
        value=state.values["name"],
        max_chars=200,
        placeholder=t("scenario.unnamed", locale),
        key=input_key(EDIT_NS, "name", locale, state.generation),
    )


def horizon_input(state: ScenarioState, locale: Locale) -> None:
    """The projection horizon in months."""
    st.slider(
        t("field.horizon_months", locale),
        1,
        120,
        value=int(state.values["horizon_months"]),
        key=input_key(EDIT_NS, "horizon_months", locale, state.generation),
    )


BUSINESS_HEADLINE: tuple[str, ...] = ("business.gross_margin",)
"""Business drivers shown at once; the other unit costs sit behind "more"."""


def business_inputs(state: ScenarioState, locale: Locale) -> None:
    """The business basics: name, size, category, margin, horizon, discount rate, whether
    value beyond the horizon counts; per-order costs and repeat buying behind "more"."""
    st.subheader(t("sidebar.business", locale))
    name_input(state, locale)
    choice_input(state, "business.size", BUSINESS_SIZES, "size", locale)
    choice_input(state, "business.category", CATEGORIES, "category", locale)
    for path in BUSINESS_HEADLINE:
        driver_input(state, path, locale)
    horizon_input(state, locale)
    driver_input(state, "annual_discount_rate", locale)
    switch_input(state, "include_terminal_value", "field.include_terminal_value", locale)
    if st.toggle(t("lab.more_business", locale), key="lab:more:business"):
        for field in editable_fields("business", Business):
            if field.kind == "driver" and field.path not in BUSINESS_HEADLINE:
                driver_input(state, field.path, locale)


def lingual_selectbox(
    container: Any,
    label: str,
    options: Sequence[T],
    *,
    format_func: Callable[[T], str],
    name: str,
    locale: Locale,
    default: T | None = None,
) -> T:
    """A selectbox whose option labels follow the language while the choice survives a
    switch: the widget's key carries the language (Streamlit keeps a widget's labels
    for its key), the choice lives under ``name``. Before any choice, ``default`` (when
    it is an option) or the first option is selected."""
    if name in st.session_state and st.session_state[name] in options:
        current = st.session_state[name]
    else:
        current = default if default in options else options[0]
    chosen: T = container.selectbox(
        label,
        options,
        index=list(options).index(current),
        format_func=format_func,
        key=f"{name}@{locale}",
    )
    st.session_state[name] = chosen
    return chosen


def lingual_multiselect(
    container: Any,
    label: str,
    options: Sequence[T],
    *,
    format_func: Callable[[T], str],
    name: str,
    locale: Locale,
    **kwargs: Any,
) -> list[T]:
    """A multiselect whose chips follow the language while the choice survives a switch
    (as :func:`lingual_selectbox`: Streamlit keeps a keyed widget's chips in the language
    they were picked in)."""
    current = [value for value in st.session_state.get(name, []) if value in options]
    chosen: list[T] = container.multiselect(
        label,
        options,
        default=current,
        format_func=format_func,
        key=f"{name}@{locale}",
        select_all=select_all(locale),
        **kwargs,
    )
    st.session_state[name] = chosen
    return chosen


def select_all(locale: Locale) -> bool | int:
    """The ``select_all`` of a multiselect: Streamlit writes its "Select all" row in
    English only, so the Chinese interface hides it; English keeps Streamlit's default
    (shown up to 1,000 options)."""
    return 1_000 if locale == "en" else False
