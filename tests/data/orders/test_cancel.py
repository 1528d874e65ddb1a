"""A long order analysis can be stopped from another thread."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from core.data.orders.cancel import Cancellation, ReportCancelledError
from core.data.orders.engines import connect
from core.data.orders.report import REPORT_STEPS, customer_report
from tests.data.orders.conftest import CDNOW_END, SECRET

SLOW_QUERY = "SELECT count(*) FROM range(20000000000) t(i) WHERE i % 7 = 3"
"""Twenty billion rows: minutes on this machine, so only an interrupt ends it soon."""


def test_cancel_interrupts_a_running_duckdb_query():
    cancellation = Cancellation()
    outcome: dict[str, object] = {}
    querying = threading.Event()

    def run() -> None:
        with connect() as engine:
            cancellation.watch(engine)
            querying.set()
            try:
                engine.backend.con.execute(SLOW_QUERY).fetchall()
                outcome["finished"] = True
            except Exception as exc:  # DuckDB's InterruptException
                outcome["error"] = type(exc).__name__

    worker = threading.Thread(target=run)
    worker.start()
    assert querying.wait(30)
    time.sleep(0.5)  # the query is running
    started = time.perf_counter()
    cancellation.cancel()
    worker.join(30)
    assert not worker.is_alive()
    assert time.perf_counter() - started < 10
    assert "finished" not in outcome
    assert "Interrupt" in str(outcome["error"])


def test_the_report_names_its_steps_and_stops_when_cancelled(cdnow_parquet: Path) -> None:
    heard: list[str] = []
    kwargs = {"calibration_end": CDNOW_END, "keep_zero_amounts": True, "secret": SECRET}
    customer_report(cdnow_parquet, progress=heard.append, **kwargs)
    assert heard == list(REPORT_STEPS)

    cancelled = Cancellation()
    cancelled.cancel()
    with pytest.raises(ReportCancelledError):
        customer_report(cdnow_parquet, cancellation=cancelled, progress=heard.append, **kwargs)
