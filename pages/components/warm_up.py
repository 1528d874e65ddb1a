"""Server start-up: the work a first visitor would otherwise wait for, done before the
server takes requests.

``streamlit run app.py`` serves app.py's ``st.App``; its lifespan (:func:`warm_up`) runs
:func:`prepare` in a worker thread, and the server starts listening when it is done. It
imports every page component (numpy, pandas, plotly, DuckDB, scipy, pydantic come with
them), reads the catalog, opens the benchmark table, fills the caches of what the
landing page (the executive summary) and the Strategy Lab show for the default scenario,
and builds their cash charts once (not cached: plotly's first figure loads its validators).
A visitor with another scenario or other weights computes their own; nothing is saved.

Measured in ``benchmarks/bench_slider_latency.py`` (fresh server, first visit → KPIs).
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import pkgutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import streamlit as st

CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"


def prepare() -> None:
    """Import the page components, pay Streamlit's first-use costs and compute the default
    scenario's landing figures. Streamlit's "missing ScriptRunContext" warnings (calls
    outside a visitor's run are expected here) stay out of the server log."""
    quiet = logging.getLogger(CONTEXT_LOGGER)
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        _prepare()
    finally:
        quiet.setLevel(level)


def _prepare() -> None:
    """Everything the project imports is imported here, not at module level: uvicorn
    imports this module with app.py, and an error there would stop the server starting."""
    import pages.components
    from core.model.scenario import default_scenario
    from core.text.catalog import LOCALES, catalog

    streamlit_first_use()
    for module in pkgutil.iter_modules(pages.components.__path__):
        importlib.import_module(f"{pages.components.__name__}.{module.name}")
    from pages.components import cache, charts, decision_view

    catalog()
    scenario = default_scenario()
    chosen = cache.decision(scenario, decision_view.default_weights())
    result = cache.evaluated(scenario)
    cache.plausible()
    for lang in LOCALES:
        charts.plan_cash_figure(chosen.result.total, chosen.recommended_result.total, lang)
        charts.cumulative_cash_figure(result.strategies, result.total, lang)


def streamlit_first_use() -> None:
    """Work Streamlit does once per process on a visitor's first run, done here instead:
    compiling its emoji table for the page icon (0.46 s measured) and, on the first
    element drawn, inspecting the call stack for a REPL (0.31 s). Outside a script run the
    element is not sent anywhere. Both lean on Streamlit's internals (pinned 1.67); if
    they move, :func:`warm_up` logs the error and the visitor pays the cost instead."""
    from streamlit.string_util import is_emoji

    from pages.components.shell import PAGE_ICON

    is_emoji(PAGE_ICON)
    st.empty()


@asynccontextmanager
async def warm_up(_app: Any) -> AsyncIterator[None]:
    """``st.App`` lifespan: :func:`prepare` before the server takes its first request. A
    failure is logged and the server starts anyway: a visitor's run then meets the same
    problem and shows its message in the visitor's language."""
    try:
        await asyncio.to_thread(prepare)
    except Exception:
        logging.getLogger(__name__).exception("warm-up failed; pages compute on first use")
    yield
