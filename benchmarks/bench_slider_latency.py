"""Browser latency of the Strategy Lab (issue 6's targets), printed as a table.

Run: ``python benchmarks/bench_slider_latency.py`` (needs /usr/bin/chromium). Starts a
fresh ``streamlit run app.py`` on a free port, then measures

* first visit: opening the Strategy Lab on the fresh server until every KPI tile of the
  plan and of the three strategies shows a value (target ≤ 3 s);
* key press: ArrowRight on the monthly ad budget slider until the plan's ROI tile shows a
  new value, ``ROUNDS`` times (target p95 ≤ 300 ms).
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 30
KPI_TILES = 6
"""The plan-total tiles of the Strategy Lab (the strategies' tiles follow in the same run)."""
ADS_BUDGET = "月广告预算"
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


def main() -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_healthy(url)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            start = time.perf_counter()
            page.goto(f"{url}/strategy_lab?lang=zh-CN")
            page.wait_for_function(
                "n => [...document.querySelectorAll('[data-testid=stMetricValue]')]"
                ".filter(e => e.innerText.trim()).length >= n",
                arg=KPI_TILES,
                timeout=60_000,
            )
            first_visit = (time.perf_counter() - start) * 1000
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
                start = time.perf_counter()
                slider.press("ArrowRight")
                page.wait_for_function(
                    "([el, old]) => el.innerText !== old",
                    arg=[roi.element_handle(), before],
                    timeout=20_000,
                )
                samples.append((time.perf_counter() - start) * 1000)
                page.wait_for_timeout(300)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{'benchmark':<48}  {'median ms':>10}  {'p95 ms':>8}  {'max ms':>8}")
    print(f"{'fresh server, first visit → all KPIs painted':<48}  {first_visit:>10.0f}")
    name = f"slider key press → ROI redrawn ({ROUNDS} rounds)"
    print(
        f"{name:<48}  {statistics.median(samples):>10.1f}  {p95(samples):>8.1f}"
        f"  {max(samples):>8.1f}"
    )


if __name__ == "__main__":
    main()
