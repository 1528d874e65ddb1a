"""Page styling shared by the views: compact KPI tiles so six fit in a strategy panel."""

import streamlit as st

_CSS = """
<style>
[data-testid="stMetricValue"] { font-size: 1.55rem; }
[data-testid="stMetricLabel"] p { font-size: 0.85rem; white-space: normal; }
[data-testid="stMetricLabel"] div { white-space: normal; overflow: visible; }
</style>
"""


def apply() -> None:
    """Inject the shared CSS (no visible element)."""
    st.html(_CSS)
