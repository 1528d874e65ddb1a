"""Browser-test fixtures: a real ``streamlit run app.py`` server and a Playwright Chromium.

* ``app_url`` (session): starts the app on a free port, waits for ``/_stcore/health``,
  yields the base URL and kills the server's whole process group afterwards. The server
  log goes to ``test-artifacts/streamlit-server.log``.
* ``browser`` (session): Debian's ``/usr/bin/chromium`` through Playwright's sync API
  (Playwright's own browser download is not available here). Without Chromium the browser
  tests are skipped, except when ``CI=true``: then they fail, because CI must run them.
* ``page`` (function): a fresh context (1500×1000, downloads accepted) whose relative URLs
  resolve against the app. After the test a full-page screenshot is saved to
  ``test-artifacts/screenshots/<test name>.png``, and the test fails if the page shows a
  Streamlit exception (``[data-testid="stException"]``).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import IO

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
SERVER_LOG = ARTIFACTS / "streamlit-server.log"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1500, "height": 1000}
HEALTH_TIMEOUT_S = 60.0
PORT_ATTEMPTS = 3
EXCEPTION_SELECTOR = '[data-testid="stException"]'


def _on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200 and response.read().strip() == b"ok")
    except (OSError, urllib.error.URLError):
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server's process group, SIGKILL it if it lingers; reap the child."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)
    # Whatever is still in the group (a hung leader or children that outlived it) goes now.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    if process.poll() is None:
        process.wait(timeout=10)


def _log_tail(lines: int = 40) -> str:
    try:
        text = SERVER_LOG.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no server log)"
    return "\n".join(text.splitlines()[-lines:])


def _start_server(log: IO[bytes]) -> tuple[subprocess.Popen[bytes], str] | None:
    """Start streamlit on a free port; ``None`` if the port was taken meanwhile."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    process = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # own process group, so teardown can kill all of it
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            if re.search(rf"Port {port} is (not available|already in use)", _log_tail()):
                return None
            pytest.fail(
                f"streamlit exited with code {process.returncode} before becoming healthy.\n"
                f"Log ({SERVER_LOG}):\n{_log_tail()}"
            )
        if _healthy(f"{base_url}/_stcore/health"):
            return process, base_url
        time.sleep(0.25)
    _stop(process)
    pytest.fail(
        f"streamlit did not answer {base_url}/_stcore/health within {HEALTH_TIMEOUT_S:.0f} s.\n"
        f"Log ({SERVER_LOG}):\n{_log_tail()}"
    )


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    """Debian's Chromium; skip (or fail on CI) when it is not installed."""
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        reason = (
            f"{CHROMIUM} is not installed (apt-get install chromium); "
            "the Playwright browser tests need it"
        )
        if _on_ci():
            pytest.fail(f"CI=true but {reason}.", pytrace=False)
        pytest.skip(reason)
    return CHROMIUM


@pytest.fixture(scope="session")
def app_url(chromium_executable: Path) -> Iterator[str]:
    """Base URL of ``streamlit run app.py`` started from the repo root for this session."""
    del chromium_executable  # only ordering: don't start a server when tests will skip
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with SERVER_LOG.open("wb") as log:
        started = None
        for _ in range(PORT_ATTEMPTS):
            started = _start_server(log)
            if started is not None:
                break
        if started is None:
            pytest.fail(f"no free port for streamlit after {PORT_ATTEMPTS} attempts")
        process, base_url = started
        try:
            yield base_url
        finally:
            _stop(process)


@pytest.fixture(scope="session")
def browser(chromium_executable: Path) -> Iterator[Browser]:
    """One headless Chromium for the session."""
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(chromium_executable), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield instance
        finally:
            instance.close()


def full_page_screenshot(page: Page, path: Path) -> None:
    """Screenshot of the whole app. Streamlit scrolls inside ``stMain`` (not the document),
    so the viewport is stretched to the content height for the shot, then restored."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or VIEWPORT
    height = page.evaluate(
        """() => Math.max(window.innerHeight, ...['stMain', 'stSidebarContent'].map(id => {
            const el = document.querySelector(`[data-testid="${id}"]`);
            return el ? el.scrollHeight : 0;
        }))"""
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 12_000)})
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    page.set_viewport_size(size)


def streamlit_exceptions(page: Page) -> list[str]:
    """Texts of the Streamlit exception boxes the page shows (empty when none)."""
    return [text.strip() for text in page.locator(EXCEPTION_SELECTOR).all_inner_texts()]


@pytest.fixture
def page(browser: Browser, app_url: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser context on the app (relative URLs go to ``app_url``)."""
    context = browser.new_context(
        base_url=app_url, viewport=VIEWPORT, accept_downloads=True, locale="zh-CN"
    )
    context.set_default_timeout(20_000)
    new_page = context.new_page()
    try:
        yield new_page
    finally:
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        try:
            full_page_screenshot(new_page, SCREENSHOTS / f"{name}.png")
        finally:
            context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """Fail a browser test whose page shows a Streamlit exception, even if it passed."""
    result = yield
    page_fixture = getattr(item, "funcargs", {}).get("page")
    if isinstance(page_fixture, Page) and not page_fixture.is_closed():
        errors = streamlit_exceptions(page_fixture)
        if errors:
            joined = "\n---\n".join(errors)
            pytest.fail(f"The app shows a Streamlit exception:\n{joined}", pytrace=False)
    return result
