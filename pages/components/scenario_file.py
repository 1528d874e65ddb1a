"""The scenario file box: download the scenario as JSON, upload one, reset to defaults.

An upload that cannot be used changes nothing and says why in the user's language; the
outcome is kept language-neutral (:class:`UploadOutcome`) and translated when shown.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from core.model.scenario import (
    ScenarioFileError,
    default_scenario,
    scenario_from_json,
    scenario_to_json,
)
from core.text.catalog import Locale, t
from core.text.errors import describe_errors, describe_file_error
from core.text.safe import markdown_literal
from pages.components.scenario_state import ScenarioState
from pages.components.uploader import file_uploader, refused

NS = "file"
UPLOAD_KEY = f"{NS}:upload"
OUTCOME_KEY = f"{NS}:outcome"
MAX_UPLOAD_MB = 1
"""Scenario files are small: the uploader refuses files over 1 MB (uploader.refused)."""
UPLOAD_TYPES = ("json",)


@dataclass(frozen=True)
class UploadOutcome:
    """What the last upload did: loaded a scenario, or why not."""

    loaded_name: str | None = None
    errors: tuple[ErrorDetails, ...] = ()
    file_error: ScenarioFileError | None = None

    def messages(self, locale: Locale) -> list[str]:
        """What to tell the user, in ``locale``."""
        if self.loaded_name is not None:
            name = markdown_literal(self.loaded_name) or t("scenario.unnamed", locale)
            return [t("scenario.loaded", locale, name=name)]
        if self.file_error is not None:
            return [describe_file_error(self.file_error, locale)]
        return describe_errors(list(self.errors), locale)


def _read_upload(state: ScenarioState) -> None:
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is None or refused(upload, UPLOAD_TYPES, MAX_UPLOAD_MB) is not None:
        st.session_state.pop(OUTCOME_KEY, None)  # the uploader tells why
        return
    data = upload.getvalue()
    try:
        scenario = scenario_from_json(data)
    except ScenarioFileError as exc:
        st.session_state[OUTCOME_KEY] = UploadOutcome(file_error=exc)
        return
    except ValidationError as exc:
        st.session_state[OUTCOME_KEY] = UploadOutcome(errors=tuple(exc.errors()))
        return
    state.load(scenario, origin="file")
    st.session_state[OUTCOME_KEY] = UploadOutcome(loaded_name=scenario.name)


def _reset(state: ScenarioState) -> None:
    state.load(default_scenario())
    st.session_state.pop(OUTCOME_KEY, None)


def scenario_file_box(state: ScenarioState, locale: Locale) -> None:
    """Download (always the scenario being edited), upload and reset."""
    st.subheader(t("sidebar.scenario", locale))
    st.download_button(
        t("scenario.download", locale),
        data=lambda: scenario_to_json(state.scenario()).encode("utf-8"),
        file_name="scenario.json",
        mime="application/json",
        width="stretch",
    )
    file_uploader(
        t("scenario.upload", locale),
        key=UPLOAD_KEY,
        types=UPLOAD_TYPES,
        max_mb=MAX_UPLOAD_MB,
        locale=locale,
        on_change=_read_upload,
        args=(state,),
    )
    outcome: UploadOutcome | None = st.session_state.get(OUTCOME_KEY)
    if outcome is not None:
        lines = outcome.messages(locale)
        if outcome.loaded_name is not None:
            st.success(lines[0], icon="✅")
        else:
            problems = "\n".join(f"- {markdown_literal(line)}" for line in lines)
            st.error(f"{t('scenario.invalid', locale)}\n\n{problems}", icon="⚠️")
    st.button(t("scenario.reset", locale), on_click=_reset, args=(state,), width="stretch")
