"""Page styling shared by the views: compact KPI tiles so six fit in a strategy panel, and
no Streamlit status widget (its "Running… / Stop" is English only; long steps show their
own progress and cancel button in the user's language)."""

import streamlit as st

_CSS = """
<style>
[data-testid="stMetricValue"] { font-size: 1.55rem; }
[data-testid="stMetricLabel"] p { font-size: 0.85rem; white-space: normal; }
[data-testid="stMetricLabel"] div { white-space: normal; overflow: visible; }
[data-testid="stStatusWidget"] { visibility: hidden; }
</style>
"""


def apply() -> None:
    """Inject the shared CSS (no visible element)."""
    st.html(_CSS)
