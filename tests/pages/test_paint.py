"""Paint order (``pages.components.paint``) and the server's start-up (``warm_up``)."""

from __future__ import annotations

import asyncio
import runpy
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from pages.components import cache, paint, warm_up
from tests.pages.conftest import APP, run_app


def _run(coroutine_function) -> None:
    """Run an async test body on its own thread: the browser tests' Playwright keeps an
    event loop running on the main thread for the whole session."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coroutine_function()).result()


class _Clock:
    """Stands in for ``time`` in :mod:`pages.components.paint`: records the pauses."""

    def __init__(self) -> None:
        self.pauses: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)


def _two_charts() -> None:
    import plotly.graph_objects as go
    import streamlit as st

    from pages.components.paint import plotly

    for n in range(2):
        plotly(go.Figure(go.Scatter(x=[0, 1], y=[n, n + 1])), key=f"chart{n}")
    st.button("rerun")


def test_only_the_sessions_first_chart_waits_for_the_tiles_above_it(monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(paint, "time", clock)
    monkeypatch.setattr(paint, "FIRST_CHART_PAUSE_S", 0.5)
    at = AppTest.from_function(_two_charts).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2
    assert clock.pauses == [0.5]
    at.button[0].click().run()
    assert clock.pauses == [0.5], "a later run of the same session does not pause again"
    AppTest.from_function(_two_charts).run()
    assert clock.pauses == [0.5, 0.5], "a new session (a new browser tab) pauses once"


def test_the_strategy_lab_lets_its_kpis_out_before_drawing_the_rest(monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(paint, "time", clock)
    monkeypatch.setattr(paint, "FLUSH_PAUSE_S", 0.03)
    at = run_app()
    assert 0.03 in clock.pauses
    at.slider[0].set_value(at.slider[0].max).run()
    assert clock.pauses.count(0.03) == 2


def test_the_warm_up_fills_the_landing_pages_caches(monkeypatch):
    """After :func:`warm_up.prepare`, a first visit to the summary decides nothing anew."""
    st.cache_data.clear()
    warm_up.prepare()
    calls: list[object] = []
    real = cache.decide
    monkeypatch.setattr(cache, "decide", lambda *a, **k: calls.append(a) or real(*a, **k))
    at = run_app(page=None)
    assert at.metric, "the summary drew its tiles"
    assert calls == []
    st.cache_data.clear()
    run_app(page=None)
    assert len(calls) == 1, "without the warm-up the same visit computes its decision"


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_the_landing_page_renders_after_the_warm_up(lang):
    warm_up.prepare()
    at = run_app(lang, page=None)
    assert len(at.metric) >= 5


def test_streamlit_run_serves_an_app_whose_start_up_is_the_warm_up():
    """``streamlit run app.py`` finds ``app`` (an ``st.App``) when app.py is imported;
    a visitor's run (``__main__``) routes instead and defines no server."""
    served = runpy.run_path(APP, run_name="app")
    assert isinstance(served["app"], st.App)
    assert Path(served["app"].script_path).resolve() == Path(APP).resolve()
    assert served["warm_up"] is warm_up.warm_up


def test_the_start_up_prepares_before_the_server_takes_requests(monkeypatch):
    steps: list[str] = []
    monkeypatch.setattr(warm_up, "prepare", lambda: steps.append("prepared"))

    async def start() -> None:
        async with warm_up.warm_up(None):
            steps.append("serving")

    _run(start)
    assert steps == ["prepared", "serving"]


def test_a_failing_start_up_still_serves_the_app(monkeypatch, caplog):
    def broken() -> None:
        raise FileNotFoundError("data/benchmarks/benchmarks.csv")

    monkeypatch.setattr(warm_up, "prepare", broken)
    steps: list[str] = []

    async def start() -> None:
        async with warm_up.warm_up(None):
            steps.append("serving")

    _run(start)
    assert steps == ["serving"]
    assert "warm-up failed" in caplog.text


def test_a_broken_page_module_does_not_stop_the_server_starting(monkeypatch, caplog):
    """uvicorn imports app.py with the warm-up module: a page module that fails to import
    must leave the server starting (the visitor then sees the error in the page)."""
    monkeypatch.setitem(sys.modules, "pages.components.shell", None)  # import raises
    monkeypatch.delitem(sys.modules, "pages.components.warm_up")  # imported afresh
    served = runpy.run_path(APP, run_name="app")
    assert isinstance(served["app"], st.App)
    steps: list[str] = []

    async def start() -> None:
        async with served["warm_up"](None):
            steps.append("serving")

    _run(start)
    assert steps == ["serving"]
    assert "warm-up failed" in caplog.text
