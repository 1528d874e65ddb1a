"""The Customers page runs its analysis in a worker thread with progress and a cancel
button; a cancelled run is offered again."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import pages.components.customer_views as views

CHOSEN = ("orders.parquet", "{}", "upload-1")


def _app() -> None:
    import json

    import streamlit as st

    from pages.components.customer_views import CANCELLED_KEY, run_analysis

    chosen = ("orders.parquet", "{}", "upload-1")  # CHOSEN (the script sees no globals)
    if "seeded" not in st.session_state:
        st.session_state["seeded"] = True
        st.session_state[CANCELLED_KEY] = json.dumps([*chosen, "week"])
    outcome = run_analysis(chosen, "week", "zh-CN")
    st.write("cancelled" if outcome is None else f"result: {outcome[0]}")


@pytest.fixture
def fake_analysis(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    calls: list[tuple[object, ...]] = []

    def analysis(*args: object) -> tuple[str, None]:
        calls.append(args[:4])
        steps = args[5]
        for name in ("read", "days", "summary", "segments", "fit"):
            steps(name)  # type: ignore[operator]
        return "report", None

    monkeypatch.setattr(views, "customer_analysis", analysis)
    return calls


def test_a_cancelled_run_waits_for_run_again(fake_analysis):
    at = AppTest.from_function(_app, args=()).run()
    assert not at.exception
    assert at.info[0].value == "分析已取消。"
    assert at.markdown[-1].value == "cancelled"
    assert fake_analysis == []
    next(b for b in at.button if b.key == "cust:run_again").click().run()
    assert not at.exception
    assert at.markdown[-1].value == "result: report"
    assert fake_analysis == [(*CHOSEN, "week")]
    assert not at.button  # progress and the cancel button are gone once it is done
