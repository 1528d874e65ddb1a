"""Stopping a long order analysis from another thread.

The thread that runs :func:`core.data.orders.report.customer_report` passes a
:class:`Cancellation`; another thread (the page, when the user presses "cancel" or leaves)
calls :meth:`Cancellation.cancel`. The report checks it between its steps and the engines
it opened are interrupted at once (DuckDB ``interrupt()`` stops the running query; Spark
cancels its jobs), so the report raises :class:`ReportCancelledError` within a moment instead of
finishing a query nobody waits for.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class ReportCancelledError(Exception):
    """The analysis was cancelled before it finished."""


class Interruptible(Protocol):
    """An engine whose running query can be stopped from another thread."""

    def interrupt(self) -> None:
        """Stop the running query (it raises in the thread that runs it)."""


class Cancellation:
    """A cancel request shared by the thread running an analysis and the one stopping it."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._engines: list[Interruptible] = []

    @property
    def cancelled(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self._event.is_set()

    def watch(self, engine: Interruptible) -> None:
        """Interrupt ``engine`` on cancel (at once when already cancelled)."""
        with self._lock:
            self._engines.append(engine)
        if self.cancelled:
            engine.interrupt()

    def cancel(self) -> None:
        """Ask the analysis to stop and interrupt the engines it uses."""
        self._event.set()
        with self._lock:
            engines = list(self._engines)
        for engine in engines:
            engine.interrupt()

    @contextmanager
    def reported(self) -> Iterator[None]:
        """Inside: any error raised after :meth:`cancel` (an interrupted query's own
        exception) becomes :class:`ReportCancelledError`."""
        try:
            yield
        except ReportCancelledError:
            raise
        except Exception:
            if self.cancelled:
                raise ReportCancelledError from None
            raise

    def check(self) -> None:
        """Raise :class:`ReportCancelledError` when cancelled (called between steps)."""
        if self.cancelled:
            raise ReportCancelledError
