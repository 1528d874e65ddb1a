"""Browser latency of the Strategy Lab (issue 6's targets), printed as a table.

Run: ``python benchmarks/bench_slider_latency.py`` (needs /usr/bin/chromium). Starts a
fresh ``streamlit run app.py`` on a free port, then measures

* start-up: from launching the server until it answers (its start-up prepares the landing
  page: pages/components/warm_up.py);
* first visit: opening the app (the executive summary is the landing page) on the fresh
  server until its KPI tiles show values (target ≤ 3 s);
* Strategy Lab: opened from the sidebar, a second after the summary has finished drawing
  (its chart included), until its plan and strategy KPI tiles show values;
* key press: ArrowRight on the monthly ad budget slider until the plan's ROI tile shows a
  new value, ``ROUNDS`` times, each from an idle app (target p95 ≤ 300 ms).

Each figure is measured on ``--runs`` fresh servers (default 3) and printed as the median
over the runs with the lowest and highest; on a shared two-core machine one run's first
visit varies by a second.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 30
RUNS = 3
"""Fresh servers measured one after another: one first visit is a single noisy sample."""
KPI_TILES = 6
"""KPI tiles that must show a value: the summary's headline row, the Lab's plan total."""
ADS_BUDGET = "月广告预算"
LAB_NAV = "策略实验室"
WATCH_JS = """el => {
    window.__roiText = undefined;
    document.addEventListener("keydown", () => { window.__keyAt = performance.now(); },
                              {once: true, capture: true});
    const seen = el.innerText;
    const observer = new MutationObserver(() => {
        if (el.innerText !== seen) {
            window.__roiAt = performance.now();
            window.__roiText = el.innerText;
            observer.disconnect();
        }
    });
    observer.observe(el, {subtree: true, characterData: true, childList: true});
}"""
"""Times, inside the page, from the key press to the ROI tile's new text (no round trips
of the test driver in the figure)."""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(url: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("streamlit did not become healthy")


def p95(samples: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(samples)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def wait_for_tiles(page: Page) -> None:
    """Wait until at least ``KPI_TILES`` metric tiles show a value."""
    page.wait_for_function(
        "n => [...document.querySelectorAll('[data-testid=stMetricValue]')]"
        ".filter(e => e.innerText.trim()).length >= n",
        arg=KPI_TILES,
        timeout=60_000,
    )


def wait_idle(page: Page) -> None:
    """Wait until the rerun has finished (charts included) and a moment more, so that each
    key press starts from an idle app, as a person who reads the new figures would."""
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
    page.wait_for_timeout(200)


@dataclass(frozen=True)
class Run:
    """One fresh server's figures (milliseconds); ``presses`` the key-press samples."""

    start_up: float
    first_visit: float
    lab_visit: float
    presses: list[float]


def one_run() -> Run:
    """Start a fresh server, open the app in a fresh browser, measure, stop both."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    launched = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_healthy(url)
        start_up = (time.perf_counter() - launched) * 1000
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            start = time.perf_counter()
            page.goto(f"{url}/?lang=zh-CN")
            wait_for_tiles(page)
            first_visit = (time.perf_counter() - start) * 1000
            wait_idle(page)  # the summary finished (its chart drawn), as a reader sees it
            page.wait_for_selector(".js-plotly-plot", timeout=60_000)
            page.wait_for_timeout(1_000)
            start = time.perf_counter()
            page.get_by_test_id("stSidebarNav").get_by_text(LAB_NAV).click()
            page.wait_for_url("**/strategy_lab**")
            wait_for_tiles(page)
            lab_visit = (time.perf_counter() - start) * 1000
            presses = key_presses(page)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return Run(start_up, first_visit, lab_visit, presses)


def key_presses(page: Page) -> list[float]:
    """``ROUNDS`` key presses on the ad budget slider, each timed in the page."""
    roi = page.get_by_test_id("stMetricValue").nth(1)
    page.wait_for_timeout(2_000)
    slider = (
        page.get_by_test_id("stSlider")
        .filter(has=page.get_by_test_id("stWidgetLabel").filter(has_text=ADS_BUDGET))
        .get_by_role("slider")
    )
    samples = []
    for _ in range(ROUNDS):
        before = roi.inner_text()
        slider.focus()
        page.evaluate(WATCH_JS, roi.element_handle())
        slider.press("ArrowRight")
        page.wait_for_function(
            "old => window.__roiText !== undefined && window.__roiText !== old",
            arg=before,
            timeout=20_000,
        )
        samples.append(page.evaluate("window.__roiAt - window.__keyAt"))
        wait_idle(page)
    return samples


def spread(values: list[float]) -> str:
    """ "median (lowest–highest)" of one figure over the runs."""
    ordered = sorted(values)
    return f"{statistics.median(ordered):.0f} ({ordered[0]:.0f}–{ordered[-1]:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="fresh servers (default 3)")
    runs = [one_run() for _ in range(parser.parse_args().runs)]
    typical = [statistics.median(r.presses) for r in runs]
    rows = [
        ("server launched → answers (start-up)", [r.start_up for r in runs]),
        ("fresh server, first visit → all KPIs painted", [r.first_visit for r in runs]),
        ("sidebar → Strategy Lab KPIs painted", [r.lab_visit for r in runs]),
        (f"key press → ROI redrawn, median of {ROUNDS}", typical),
        (f"key press → ROI redrawn, p95 of {ROUNDS}", [p95(r.presses) for r in runs]),
        (f"key press → ROI redrawn, max of {ROUNDS}", [max(r.presses) for r in runs]),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{len(runs)} fresh servers; milliseconds, median over the runs (lowest–highest)")
    print(f"{'benchmark':<{width}}  {'ms':>20}")
    for name, values in rows:
        print(f"{name:<{width}}  {spread(values):>20}")


if __name__ == "__main__":
    main()
