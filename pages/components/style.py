"""Page styling shared by the views: compact KPI tiles so six fit in a strategy panel (a value
too long for its tile, "No payback" six to a row at 1280 px, wraps instead of being cut), and
no Streamlit status widget (its "Running… / Stop" is English only; long steps show their
own progress and cancel button in the user's language)."""

import streamlit as st

_CSS = """
<style>
[data-testid="stMetricValue"] { font-size: 1.5rem; }
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"],
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
  white-space: normal !important;
}
[data-testid="stMetricLabel"] p { font-size: 0.85rem; white-space: normal; }
[data-testid="stMetricLabel"] div { white-space: normal; overflow: visible; }
[data-testid="stStatusWidget"] { visibility: hidden; }
</style>
"""


def apply() -> None:
    """Inject the shared CSS (no visible element)."""
    st.html(_CSS)
