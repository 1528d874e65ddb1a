"""AppTest helpers: find the widget editing a scenario path whatever its generation."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages.components import paint

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(autouse=True)
def _no_paint_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTest has no browser to paint for: the pauses of ``pages.components.paint`` would
    only slow the suite (tests/pages/test_paint.py checks them)."""
    monkeypatch.setattr(paint, "FLUSH_PAUSE_S", 0.0)
    monkeypatch.setattr(paint, "FIRST_CHART_PAUSE_S", 0.0)


def _editor(elements, path: str, lang: str):
    prefix = f"edit:{path}@{lang}#"
    matches = [e for e in elements if isinstance(e.key, str) and e.key.startswith(prefix)]
    assert len(matches) == 1, f"{len(matches)} widgets edit {path} in {lang}"
    return matches[0]


def slider(at: AppTest, path: str, lang: str = "zh-CN"):
    """The slider editing ``path``."""
    return _editor(at.slider, path, lang)


def selectbox(at: AppTest, path: str, lang: str = "zh-CN"):
    """The selectbox editing ``path``."""
    return _editor(at.selectbox, path, lang)


def toggle(at: AppTest, path: str, lang: str = "zh-CN"):
    """The toggle editing ``path``."""
    return _editor(at.toggle, path, lang)


def checkbox(at: AppTest, path: str, lang: str = "zh-CN"):
    """The checkbox switching the optional driver ``path`` off."""
    prefix = f"edit:{path}@{lang}#"
    return next(c for c in at.checkbox if c.key.startswith(prefix) and c.key.endswith(":off"))


def metric(at: AppTest, label: str, index: int = 0) -> str:
    """Value of the ``index``-th metric labelled ``label`` (0 = plan total)."""
    return [m.value for m in at.metric if m.label == label][index]


LAB = "pages/strategy_lab.py"


def run_app(lang: str = "zh-CN", page: str | None = LAB) -> AppTest:
    """A fresh app run in ``lang`` switched to ``page`` (default: the Strategy Lab; None:
    the landing page, the executive summary); no exception."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["session:locale"] = lang
    at.run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.fixture
def app() -> AppTest:
    return run_app()
