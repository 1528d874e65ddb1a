"""The routing shell: the page list (app.py runs it) and the language switch."""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from core.text.catalog import t
from pages.components.session import language_switch, locale, mark_shell

PAGES: tuple[tuple[str, str], ...] = (
    ("pages/summary.py", "nav.summary"),
    ("pages/strategy_lab.py", "nav.strategy_lab"),
    ("pages/mix_planner.py", "nav.mix_planner"),
    ("pages/compare.py", "nav.compare"),
    ("pages/risk.py", "nav.risk"),
    ("pages/customers.py", "nav.customers"),
    ("pages/benchmarks.py", "nav.benchmarks"),
)
"""Every page in navigation order (file, catalog key of its title); the first is the
landing page."""
PAGE_ICON = "📊"
LANDING_ALIAS = "summary"
"""A second address of the landing page (its file's name), hidden from the menu; the
landing page itself reserves the name ``home`` (it is served at "/")."""


def navigation() -> StreamlitPage:
    """Set the page up (title, wide layout), mark the shell, draw the language switch and
    return the page the URL asks for."""
    st.set_page_config(page_title=t("app.title", locale()), page_icon=PAGE_ICON, layout="wide")
    mark_shell()
    lang = language_switch()
    landing = st.Page(PAGES[0][0], title=t(PAGES[0][1], lang), default=True, url_path="home")
    pages = [landing, *(st.Page(path, title=t(key, lang)) for path, key in PAGES[1:])]
    # The landing page lives at "/"; its own name (/summary) leads there, not to
    # Streamlit's English "Page not found".
    alias = st.Page(
        lambda: st.switch_page(landing),
        title=t(PAGES[0][1], lang),
        url_path=LANDING_ALIAS,
        visibility="hidden",
    )
    return st.navigation([*pages, alias])
