"""Benchmarks page in a real Chromium: browse the cited rows, copy one into the scenario."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from core.text.catalog import t
from tests.browser.test_strategy_lab_journey import (
    ADS_PANEL_ZH,
    ROI_LABEL_ZH,
    ZH,
    _block_with_heading,
    metric_value,
    open_app,
    wait_idle,
)

pytestmark = pytest.mark.browser

ROW_ID = "ads-cvr-wechat-moments-2022-all"  # range 1 %–5 % per paid click → midpoint 3 %


def test_copy_a_benchmark_row_into_the_scenario(page: Page) -> None:
    open_app(page)
    ads_roi = metric_value(_block_with_heading(page, ADS_PANEL_ZH), ROI_LABEL_ZH)
    before = ads_roi.inner_text().strip()

    page.get_by_test_id("stSidebarNav").get_by_text(t("nav.benchmarks", ZH)).click()
    expect(page.get_by_role("heading", name=t("nav.benchmarks", ZH), level=1)).to_be_visible()
    expect(page.get_by_text(t("bench.rows", ZH, count=266))).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    wait_idle(page)

    picker = page.get_by_test_id("stMultiSelect").filter(has_text=t("bench.copy.pick", ZH))
    box = picker.locator("input")
    box.click()
    box.press_sequentially("cvr-wechat-moments")
    expect(page.get_by_role("option").filter(has_text=ROW_ID)).to_have_count(1)
    box.press("Enter")
    box.press("Escape")
    expect(picker).to_contain_text(ROW_ID)
    wait_idle(page)
    page.get_by_role("button", name=t("bench.copy.button", ZH)).click()
    expect(page.get_by_text("已更新：广告投放 · 点击转化率 CVR")).to_be_visible()

    page.get_by_test_id("stSidebarNav").get_by_text(t("nav.strategy_lab", ZH)).click()
    ads_roi = metric_value(_block_with_heading(page, ADS_PANEL_ZH), ROI_LABEL_ZH)
    expect(ads_roi).not_to_have_text(before)
    cvr = page.get_by_test_id("stSlider").filter(has_text="点击转化率 CVR (%)").first
    expect(cvr.get_by_role("slider")).to_have_attribute("aria-valuetext", "3.0%")
