"""Executive summary in a real Chromium: the landing page shows the verdict, both files
download (the workbook re-opens, the HTML is self-contained), and English works."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from core.text.catalog import t
from tests.browser.test_strategy_lab_journey import FIRST_LOAD_TIMEOUT_MS, ZH, wait_idle

pytestmark = pytest.mark.browser


def test_summary_downloads_both_files(page: Page) -> None:
    page.goto("/")
    heading = page.get_by_role("heading", name=t("summary.title", ZH), level=1)
    expect(heading).to_be_visible(timeout=FIRST_LOAD_TIMEOUT_MS)
    verdict = page.get_by_test_id("stAlert").first
    # the calibrated SME apparel default loses money: the verdict says so
    expect(verdict).to_contain_text("暂不推进", timeout=FIRST_LOAD_TIMEOUT_MS)
    wait_idle(page)

    with page.expect_download() as info:
        page.get_by_role("button", name=t("summary.download.xlsx", ZH)).click()
    book = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert t("export.sheet.scores", ZH) in book.sheetnames
    wait_idle(page)

    with page.expect_download() as info:
        page.get_by_role("button", name=t("summary.download.html", ZH)).click()
    html = Path(info.value.path()).read_text(encoding="utf-8")
    assert t("summary.title", ZH) in html
    assert not re.search(r"https?://", html)


def test_the_landing_page_answers_to_its_own_name(page: Page) -> None:
    """/summary showed Streamlit's English "Page not found" over the landing page."""
    page.goto("/summary?lang=en")
    expect(page.get_by_role("heading", name=t("summary.title", "en"), level=1)).to_be_visible(
        timeout=FIRST_LOAD_TIMEOUT_MS
    )
    wait_idle(page)
    expect(page.get_by_text("Page not found")).to_have_count(0)


def test_summary_in_english(page: Page) -> None:
    page.goto("/?lang=en")
    expect(page.get_by_role("heading", name=t("summary.title", "en"), level=1)).to_be_visible(
        timeout=FIRST_LOAD_TIMEOUT_MS
    )
    expect(page.get_by_text(t("summary.top_recommendations", "en"))).to_be_visible()
