"""The session shell: the language (in the sidebar switch and the URL) and the page guard."""

from __future__ import annotations

import streamlit as st

from core.text.catalog import DEFAULT_LOCALE, LOCALES, Locale, t

LOCALE_KEY = "session:locale"
LOCALE_WIDGET_KEY = "session:locale_switch"
SHELL_KEY = "session:shell"
LANG_PARAM = "lang"
CALIBRATED_KEY = "cust:calibrated"
"""Where the Customers page keeps the values it last set from the user's data (read by
the Risk page's ranges and the change notice)."""


def locale() -> Locale:
    """The session's language: chosen in the switch, else from ``?lang=``, else Chinese."""
    value = st.session_state.get(LOCALE_KEY)
    if value is None:
        value = st.query_params.get(LANG_PARAM, DEFAULT_LOCALE)
        value = value if value in LOCALES else DEFAULT_LOCALE
        st.session_state[LOCALE_KEY] = value
    return value if value in LOCALES else DEFAULT_LOCALE


def _remember_locale() -> None:
    choice = st.session_state.get(LOCALE_WIDGET_KEY)
    if choice in LOCALES:
        st.session_state[LOCALE_KEY] = choice


def language_switch() -> Locale:
    """The language switch in the sidebar; keeps the choice in the URL (``?lang=``)."""
    lang = locale()
    with st.sidebar:
        st.segmented_control(
            t("language.label", lang),
            LOCALES,
            format_func=lambda code: t(f"language.{code}", code),
            key=LOCALE_WIDGET_KEY,
            default=lang,
            required=True,
            on_change=_remember_locale,
        )
    lang = locale()
    if st.query_params.get(LANG_PARAM) != lang:
        st.query_params[LANG_PARAM] = lang
    return lang


def mark_shell() -> None:
    """Called by app.py on every run: the routing shell (language switch, nav) is in place."""
    st.session_state[SHELL_KEY] = True


def require_shell() -> None:
    """Run a page that started without app.py inside the app's shell.

    Before any session has called ``st.navigation``, Streamlit treats ``pages/`` as an old
    style pages folder, and a deep link on a fresh server (``/strategy_lab?scenario=…``)
    runs the page file on its own. The shell's navigation then runs the page the URL names
    (with the language switch and the sidebar), and this run stops after it; sending the
    visitor to app.py instead lost the page they asked for.
    """
    if st.session_state.get(SHELL_KEY):
        return
    from pages.components.shell import navigation  # the shell imports this module

    navigation().run()
    st.stop()
