"""Searches in lockstep: same answers as one at a time, one evaluation per round."""

import threading

import numpy as np
import pytest

from core.analysis.lockstep import run_lockstep


def square(rows):
    return (rows.sum(axis=1) ** 2, rows * 2.0)


def search(start, steps):
    """Ask for ``steps`` points in turn, each depending on the last answer."""

    def run(ask):
        x = np.array([[start, 1.0]])
        seen = []
        for _ in range(steps):
            value, doubled = ask(x)
            seen.append(float(value[0]))
            x = doubled
        return seen

    return run


def test_same_answers_as_one_at_a_time_and_one_call_per_round():
    calls = []

    def evaluate(rows):
        calls.append(rows.shape[0])
        return square(rows)

    searches = [search(float(i), steps) for i, steps in enumerate([3, 5, 1, 4])]
    together = run_lockstep(evaluate, searches)
    alone = [s(square) for s in searches]
    assert together == alone
    assert calls == [4, 3, 3, 2, 1]  # rounds: every search still asking, stacked


def test_progress_is_reported_from_the_calling_thread():
    caller = threading.get_ident()
    seen = []
    run_lockstep(
        square,
        [search(1.0, 2), search(2.0, 3)],
        lambda done, total: seen.append((done, total, threading.get_ident() == caller)),
    )
    assert all(same for _, _, same in seen)
    assert seen[-1][:2] == (2, 2)


def test_a_failing_search_or_evaluation_is_raised_without_hanging():
    def broken(ask):
        ask(np.zeros((1, 2)))
        raise RuntimeError("search broke")

    with pytest.raises(RuntimeError, match="search broke"):
        run_lockstep(square, [search(1.0, 4), broken])

    def failing(rows):
        raise ValueError("engine refused")

    with pytest.raises(ValueError, match="engine refused"):
        run_lockstep(failing, [search(1.0, 4), search(2.0, 2)])
    assert run_lockstep(square, []) == []
