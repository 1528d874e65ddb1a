"""Several searches, one engine batch per round.

An engine call costs about the same for one variant as for a few hundred (numpy's fixed
cost per operation dominates), and a search such as SLSQP asks for one point at a time.
:func:`run_lockstep` runs each search in a worker thread; whenever every unfinished search
is waiting for values, the calling thread evaluates all their points in ONE call and hands
each search its rows. k searches of r rounds then cost about r engine calls instead of k·r.

The calling thread does all evaluating and reporting (so ``on_round`` may draw progress in
a UI); the workers only run the searches. Rows are stacked in search order, so a round's
batch does not depend on thread timing. An exception in a search or in ``evaluate`` is
raised in the calling thread after every worker has stopped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
R = TypeVar("R")
Ask = Callable[[FloatArray], tuple[FloatArray, ...]]
"""What a search calls: rows (k, n) → the evaluated arrays, each with k rows."""
Search = Callable[[Ask], R]
Evaluate = Callable[[FloatArray], tuple[FloatArray, ...]]


class _BatchFailedError(Exception):
    """Raised in a waiting search when the batch it waited for could not be evaluated."""


class _Rounds(Generic[R]):
    """Shared state: the rows each waiting search asked for, one event per search for its
    answer, and one condition that wakes the calling thread (no thundering herd)."""

    def __init__(self, count: int) -> None:
        self.lock = threading.Lock()
        self.wake = threading.Condition(self.lock)
        self.ready = [threading.Event() for _ in range(count)]
        self.waiting: dict[int, FloatArray] = {}
        self.answers: dict[int, tuple[FloatArray, ...] | None] = {}
        self.results: dict[int, R] = {}
        self.errors: list[BaseException] = []
        self.live = set(range(count))

    def ask(self, index: int, rows: FloatArray) -> tuple[FloatArray, ...]:
        with self.lock:
            self.waiting[index] = rows
            self.wake.notify()
        self.ready[index].wait()
        self.ready[index].clear()
        with self.lock:
            answer = self.answers.pop(index)
        if answer is None:
            raise _BatchFailedError
        return answer

    def work(self, index: int, search: Search[R]) -> None:
        try:
            self.results[index] = search(lambda rows: self.ask(index, rows))
        except _BatchFailedError:
            pass
        except BaseException as exc:
            self.errors.append(exc)
        finally:
            with self.lock:
                self.live.discard(index)
                self.wake.notify()

    def next_batch(self) -> dict[int, FloatArray] | None:
        """The rows of every live search once all of them wait; ``None`` when none is left."""
        with self.wake:
            self.wake.wait_for(lambda: len(self.waiting) == len(self.live))
            if not self.live:
                return None
            return {i: self.waiting.pop(i) for i in sorted(self.waiting)}

    def answer(self, batch: dict[int, FloatArray], values: tuple[FloatArray, ...] | None) -> None:
        start = 0
        with self.lock:
            for index, rows in batch.items():
                stop = start + rows.shape[0]
                self.answers[index] = (
                    None if values is None else tuple(v[start:stop] for v in values)
                )
                start = stop
        for index in batch:
            self.ready[index].set()


def run_lockstep(
    evaluate: Evaluate,
    searches: Sequence[Search[R]],
    on_round: Callable[[int, int], None] | None = None,
) -> list[R]:
    """Run ``searches`` together (module docstring) and return their results in order.

    ``evaluate`` maps stacked rows to arrays with one row per input row; ``on_round`` gets
    (searches finished, searches) after every round and once all have finished.
    """
    if len(searches) == 1:  # nothing to share a batch with: no thread
        result = searches[0](evaluate)
        if on_round is not None:
            on_round(1, 1)
        return [result]
    rounds: _Rounds[R] = _Rounds(len(searches))
    workers = [
        threading.Thread(target=rounds.work, args=(i, s), daemon=True)
        for i, s in enumerate(searches)
    ]
    for worker in workers:
        worker.start()
    failure: BaseException | None = None
    while (batch := rounds.next_batch()) is not None:
        values: tuple[FloatArray, ...] | None = None
        if failure is None:
            try:
                values = evaluate(np.vstack(list(batch.values())))
            except Exception as exc:
                failure = exc
        rounds.answer(batch, values)
        if on_round is not None and failure is None:
            on_round(len(searches) - len(rounds.live), len(searches))
    for worker in workers:
        worker.join()
    if on_round is not None and failure is None:
        on_round(len(searches), len(searches))
    if failure is not None:
        raise failure
    if rounds.errors:
        raise rounds.errors[0]
    return [rounds.results[i] for i in range(len(searches))]
