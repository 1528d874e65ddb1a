"""Browser latency of the Strategy Lab: key press on a slider → plan-total ROI redrawn.

Run: ``python benchmarks/bench_slider_latency.py`` (needs /usr/bin/chromium). Starts
``streamlit run app.py`` on a free port, presses ArrowRight on the ads budget slider
``ROUNDS`` times and prints the median and worst time until the ROI tile shows a new value.
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
ROUNDS = 15
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
            page.goto(url)
            roi = page.get_by_test_id("stMetricValue").nth(2)
            roi.wait_for(timeout=30_000)
            page.wait_for_timeout(2_000)
            slider = page.get_by_role("slider").nth(4)
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
    print(f"{'benchmark':<44}  {'median ms':>10}  {'max ms':>8}")
    name = f"slider key press → ROI redrawn ({ROUNDS} rounds)"
    print(f"{name:<44}  {statistics.median(samples):>10.1f}  {max(samples):>8.1f}")


if __name__ == "__main__":
    main()
