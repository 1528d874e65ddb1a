"""Session state shared by the pages: locale and the scenario being edited.

The canonical scenario lives in ``st.session_state[SCENARIO_KEY]`` as flat dotted-path
values (model units). Each widget has its own key ``w:<path>`` holding what it shows (rates
in percent); widgets are (re)initialised from the canonical values whenever Streamlit has
dropped their state (e.g. after visiting another page), and the canonical values are
rebuilt from the widgets on every run of the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import streamlit as st
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from core.editing import driver_spec_map, flatten, from_display, to_display, unflatten
from core.errors import describe_error, describe_validation_error
from core.i18n import DEFAULT_LOCALE, LOCALES, Locale, t
from core.scenario import ScenarioBase, default_scenario, scenario_from_json

SCENARIO_KEY = "scenario_values"
LOCALE_KEY = "locale"
LOCALE_WIDGET_KEY = "locale_switch"
UPLOAD_KEY = "scenario_upload"
UPLOAD_FEEDBACK_KEY = "scenario_upload_feedback"
MAX_UPLOAD_BYTES = 1_000_000


def locale() -> Locale:
    """The session's language (set by the sidebar switch; Chinese by default)."""
    value = st.session_state.get(LOCALE_KEY, DEFAULT_LOCALE)
    return value if value in LOCALES else DEFAULT_LOCALE


SHELL_KEY = "shell_ran"


def mark_shell() -> None:
    """Called by app.py on every run: the routing shell (language switch, nav) is in place."""
    st.session_state[SHELL_KEY] = True


def require_shell() -> None:
    """Send a page that runs without app.py to the app's entry point.

    Before any session has called ``st.navigation``, Streamlit treats ``pages/`` as an old
    style pages folder, and a deep link on a fresh server runs the page file on its own.
    """
    if not st.session_state.get(SHELL_KEY):
        st.switch_page("app.py")


def remember_locale() -> None:
    """Callback of the language switch: keep the choice beyond the widget's own state."""
    choice = st.session_state.get(LOCALE_WIDGET_KEY)
    if choice in LOCALES:
        st.session_state[LOCALE_KEY] = choice


def widget_key(path: str) -> str:
    """Session-state key of the widget editing ``path``."""
    return f"w:{path}"


def off_key(path: str) -> str:
    """Session-state key of the checkbox that switches an optional driver off (``None``)."""
    return f"w:{path}:off"


def _set_widget(path: str, value: Any) -> None:
    spec = driver_spec_map().get(path)
    if spec is None or isinstance(value, bool | str):
        st.session_state[widget_key(path)] = value
        return
    if spec.nullable:
        st.session_state[off_key(path)] = value is None
        if value is None:
            value = spec.default if spec.default is not None else spec.ui_max
    st.session_state[widget_key(path)] = round(to_display(spec, float(value)), 9)


def localized_key(path: str, lang: Locale) -> str:
    """Key of a widget whose displayed options depend on the language (e.g. a selectbox).

    The browser keeps showing a selectbox's old option text when only its labels change,
    so such widgets get one key per language and mirror their value into ``widget_key``.
    """
    return f"{widget_key(path)}@{lang}"


def _load_into_widgets(values: dict[str, Any]) -> None:
    st.session_state[SCENARIO_KEY] = values
    for path, value in values.items():
        _set_widget(path, value)
        for lang in LOCALES:
            st.session_state.pop(localized_key(path, lang), None)


def canonical_values() -> dict[str, Any]:
    """The scenario being edited as dotted-path values; starts as the default scenario."""
    if SCENARIO_KEY not in st.session_state:
        _load_into_widgets(flatten(default_scenario()))
    values: dict[str, Any] = st.session_state[SCENARIO_KEY]
    for path, value in values.items():
        if widget_key(path) not in st.session_state or (
            path in driver_spec_map()
            and driver_spec_map()[path].nullable
            and off_key(path) not in st.session_state
        ):
            _set_widget(path, value)
    # Re-assign every editor widget's value in this run: a value set while the widget was
    # not on screen (e.g. copied in from the Benchmarks page) otherwise reaches the
    # browser as the widget's default instead of the value.
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith("w:")]:
        st.session_state[key] = st.session_state[key]
    return values


def widget_value(path: str) -> Any:
    """What the widget for ``path`` holds, converted back to model units."""
    shown = st.session_state.get(
        localized_key(path, locale()), st.session_state.get(widget_key(path))
    )
    spec = driver_spec_map().get(path)
    if spec is None or shown is None or isinstance(shown, bool | str):
        return shown
    if spec.nullable and st.session_state.get(off_key(path), False):
        return None
    return from_display(spec, float(shown))


def _edited_since(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Whether a person changed a value (floats compared to 1e-6: widgets round them)."""

    def same(a: Any, b: Any) -> bool:
        if isinstance(a, float) and isinstance(b, float):
            return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12)
        return bool(a == b)

    return any(not same(before[path], after[path]) for path in before)


def current_scenario() -> tuple[ScenarioBase, list[str]]:
    """The scenario the widgets describe, and problems found (then the last valid one)."""
    values = canonical_values()
    edited = {path: widget_value(path) for path in values}
    try:
        scenario = unflatten(edited)
    except ValidationError as exc:
        return unflatten(values), describe_validation_error(exc, locale())
    if _edited_since(values, edited):
        st.session_state.pop(UPLOAD_FEEDBACK_KEY, None)
    st.session_state[SCENARIO_KEY] = edited
    return scenario, []


@dataclass(frozen=True)
class UploadFeedback:
    """Outcome of the last scenario upload, kept language-neutral and translated when shown."""

    loaded_name: str | None = None
    errors: tuple[ErrorDetails, ...] = ()
    too_large: bool = False

    @property
    def ok(self) -> bool:
        """True when the file was loaded."""
        return self.loaded_name is not None

    def messages(self, lang: Locale) -> list[str]:
        """What to tell the user, in ``lang``."""
        if self.ok:
            return [t("scenario.loaded", lang, name=self.loaded_name)]
        if self.too_large:
            return [t("error.file_too_large", lang, limit=f"{MAX_UPLOAD_BYTES // 1000} kB")]
        return [describe_error(error, lang) for error in self.errors]


def upload_feedback() -> UploadFeedback | None:
    """Feedback of the last upload, or ``None`` once it no longer describes the scenario."""
    return st.session_state.get(UPLOAD_FEEDBACK_KEY)


def load_scenario(scenario: ScenarioBase) -> None:
    """Make ``scenario`` the one being edited (call from a callback, before widgets draw)."""
    _load_into_widgets(flatten(scenario))
    st.session_state.pop(UPLOAD_FEEDBACK_KEY, None)


def reset_to_defaults() -> None:
    """Callback: every widget back to the default scenario."""
    _load_into_widgets(flatten(default_scenario()))
    st.session_state.pop(UPLOAD_FEEDBACK_KEY, None)


def load_uploaded_scenario() -> None:
    """Callback of the scenario uploader: load a valid file, or keep everything and explain."""
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is None:
        return
    data = upload.getvalue()
    if len(data) > MAX_UPLOAD_BYTES:
        st.session_state[UPLOAD_FEEDBACK_KEY] = UploadFeedback(too_large=True)
        return
    try:
        scenario = scenario_from_json(data)
    except ValidationError as exc:
        st.session_state[UPLOAD_FEEDBACK_KEY] = UploadFeedback(errors=tuple(exc.errors()))
        return
    _load_into_widgets(flatten(scenario))
    st.session_state[UPLOAD_FEEDBACK_KEY] = UploadFeedback(loaded_name=scenario.name)
