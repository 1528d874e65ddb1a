"""Paint order: the headline figures reach the browser before what is drawn after them.

Streamlit's server sends queued elements from its event-loop thread, which runs only when
the script thread lets go of the interpreter, and the browser paints an element only once
its code (a chunk loaded on first use) has been read. Two measured stalls, and the pause
that removes each (``benchmarks/bench_slider_latency.py``; figures in the round note):

* after a slider move the KPI tiles left in one batch with the hundred elements drawn
  after them: :func:`let_out` pauses :data:`FLUSH_PAUSE_S` after the KPIs;
* on a session's first page, the 4.7 MB Plotly chunk of the first chart held every tile
  back by about two seconds on a two-core laptop: :func:`plotly` pauses
  :data:`FIRST_CHART_PAUSE_S` before the session's first chart, so the tiles above it
  are painted first. The chart appears no later than before.
"""

from __future__ import annotations

import time

import plotly.graph_objects as go
import streamlit as st

from pages.components.charts import PLOTLY_CONFIG

FLUSH_PAUSE_S = 0.03
"""Seconds the script pauses after the headline KPIs (30 ms)."""
FIRST_CHART_PAUSE_S = 0.5
"""Seconds the script pauses before a session's first Plotly chart (500 ms)."""
CHART_SEEN_KEY = "session:chart_drawn"


def let_out() -> None:
    """Pause :data:`FLUSH_PAUSE_S` so the elements drawn so far are sent and painted first."""
    time.sleep(FLUSH_PAUSE_S)


def plotly(figure: go.Figure, *, key: str | None = None) -> None:
    """Draw ``figure`` without a mode bar; before the session's first chart, pause
    :data:`FIRST_CHART_PAUSE_S` so the elements above it are painted first."""
    if not st.session_state.get(CHART_SEEN_KEY):
        st.session_state[CHART_SEEN_KEY] = True
        time.sleep(FIRST_CHART_PAUSE_S)
    st.plotly_chart(figure, config=PLOTLY_CONFIG, key=key)
