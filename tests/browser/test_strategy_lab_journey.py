"""Main journeys through the Strategy Lab in a real Chromium against ``streamlit run``.

Streamlit reruns the script asynchronously after every interaction, so each step waits
for the text it needs (Playwright ``expect`` with a bounded timeout) and, where a value
must *not* change, first waits for proof that the rerun happened and for the app to be
idle (``stApp[data-test-script-state="notRunning"]``) before comparing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from core.text.catalog import t

pytestmark = pytest.mark.browser

TIMEOUT_MS = 20_000
FIRST_LOAD_TIMEOUT_MS = 60_000  # a fresh server imports the app's modules on the first visit
KPI_KEYS = ("npv", "roi", "gmv_roas", "payback_month", "peak_cash_need", "marginal_roi")

ZH = "zh-CN"
ADS_BUDGET_LABEL_ZH = "月广告预算 (元/月)"  # field.ads.monthly_budget + unit.yuan_per_month
ROI_LABEL_ZH = "净利回报率"  # kpi.roi
PLAN_TOTAL_ZH = "组合合计"  # kpi.total
ADS_PANEL_ZH = "广告投放"  # strategy.ads


# --- helpers -----------------------------------------------------------------------------


def wait_idle(page: Page) -> None:
    """Wait until Streamlit is connected and no script run is in progress."""
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=TIMEOUT_MS)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=TIMEOUT_MS)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def open_app(page: Page) -> None:
    """Load the app, open the Strategy Lab from the navigation (the summary is the landing
    page) and wait for its first complete run (all KPI tiles rendered)."""
    page.goto("/")
    nav = page.get_by_test_id("stSidebarNav").get_by_text(t("nav.strategy_lab", ZH))
    nav.click(timeout=FIRST_LOAD_TIMEOUT_MS)
    roi = plan_total_metric(page, "roi")
    exception = page.locator('[data-testid="stException"]')
    expect(roi.or_(exception).first).to_be_visible(timeout=FIRST_LOAD_TIMEOUT_MS)
    if exception.count():
        pytest.fail(f"The app failed to render:\n{exception.first.inner_text()}", pytrace=False)
    expect(page.get_by_role("heading", name=t("nav.strategy_lab", ZH), level=1)).to_be_visible()
    wait_idle(page)


def _block_with_heading(page: Page, heading: str | re.Pattern[str]) -> Locator:
    """The innermost vertical block (bordered container) holding ``heading``."""
    blocks = page.get_by_test_id("stVerticalBlock").filter(
        has=page.get_by_role("heading", name=heading, exact=True)
    )
    # Ancestors come first in document order, so the last match is the innermost block.
    return blocks.last


def plan_total_block(page: Page) -> Locator:
    """The "组合合计 · <scenario name>" container with the six plan-total KPI tiles."""
    return _block_with_heading(page, re.compile(rf"^{PLAN_TOTAL_ZH} · "))


def ads_panel(page: Page) -> Locator:
    """The paid-ads strategy panel."""
    return _block_with_heading(page, ADS_PANEL_ZH)


def metric_value(block: Locator, label: str) -> Locator:
    """Value of the ``st.metric`` tile whose label is ``label`` inside ``block``."""
    tile = block.get_by_test_id("stMetric").filter(
        has=block.page.get_by_test_id("stMetricLabel").filter(has_text=re.compile(rf"^{label}$"))
    )
    return tile.get_by_test_id("stMetricValue")


def plan_total_metric(page: Page, key: str) -> Locator:
    return metric_value(plan_total_block(page), t(f"kpi.{key}", ZH))


def plan_total_texts(page: Page) -> dict[str, str]:
    """All six plan-total KPI values as shown."""
    return {key: plan_total_metric(page, key).inner_text().strip() for key in KPI_KEYS}


def slider(page: Page, label: str) -> Locator:
    """The ``st.slider`` whose label contains ``label``."""
    return page.get_by_test_id("stSlider").filter(
        has=page.get_by_test_id("stWidgetLabel").filter(has_text=label)
    )


def slider_thumb(slider_block: Locator) -> Locator:
    """The focusable thumb: ``role="slider"`` (Streamlit 1.67 renders an ``input[type=range]``,
    whose implicit ARIA role is slider)."""
    return slider_block.get_by_role("slider")


def sidebar(page: Page) -> Locator:
    return page.get_by_test_id("stSidebar")


def upload_scenario(page: Page, name: str, payload: dict[str, Any]) -> None:
    """Choose ``payload`` as a JSON file in the sidebar's scenario uploader."""
    file_input = sidebar(page).get_by_test_id("stFileUploader").locator('input[type="file"]')
    file_input.set_input_files(
        files=[
            {
                "name": name,
                "mimeType": "application/json",
                "buffer": json.dumps(payload, ensure_ascii=False).encode("utf-8"),
            }
        ]
    )


# --- journeys ----------------------------------------------------------------------------


def test_ads_budget_slider_moves_roi(page: Page) -> None:
    open_app(page)
    total_roi = plan_total_metric(page, "roi")
    ads_roi = metric_value(ads_panel(page), ROI_LABEL_ZH)
    total_before = total_roi.inner_text().strip()
    ads_before = ads_roi.inner_text().strip()
    assert total_before.endswith("%"), total_before
    assert ads_before.endswith("%"), ads_before

    budget = slider(page, ADS_BUDGET_LABEL_ZH)
    expect(budget).to_have_count(1)
    thumb = slider_thumb(budget)
    expect(thumb).to_have_value("3")  # ¥3万: money reads in 万 in Chinese
    expect(budget.get_by_test_id("stSliderThumbValue")).to_have_text("¥3.0万")
    thumb.focus()
    for _ in range(3):
        thumb.press("ArrowRight")
    expect(thumb).to_have_value("4.5", timeout=TIMEOUT_MS)
    thumb.press("End")
    thumb.press("End")
    expect(thumb).to_have_value("50", timeout=TIMEOUT_MS)
    expect(budget.get_by_test_id("stSliderThumbValue")).to_have_text("¥50.0万")

    expect(total_roi).not_to_have_text(total_before, timeout=TIMEOUT_MS)
    expect(ads_roi).not_to_have_text(ads_before, timeout=TIMEOUT_MS)
    wait_idle(page)
    # After the last rerun the page still shows the maximum budget and the new ROIs.
    expect(thumb).to_have_value("50")
    assert total_roi.inner_text().strip() != total_before
    assert ads_roi.inner_text().strip() != ads_before


def test_language_switch(page: Page) -> None:
    open_app(page)
    roi_before = plan_total_metric(page, "roi").inner_text().strip()
    # Works for the segmented control and for a horizontal st.radio: both are a radiogroup.
    language = sidebar(page).get_by_role("radiogroup", name=re.compile("Language"))
    expect(language.get_by_role("radio", name="中文")).to_be_checked()

    language.get_by_text("English", exact=True).click()
    expect(page.get_by_role("heading", name="Strategy Lab", level=1)).to_be_visible(
        timeout=TIMEOUT_MS
    )
    expect(slider(page, "Monthly ad budget")).to_be_visible(timeout=TIMEOUT_MS)
    expect(language.get_by_role("radio", name="English")).to_be_checked()
    wait_idle(page)
    expect(page.get_by_role("heading", name="策略实验室")).to_have_count(0)
    expect(slider(page, "月广告预算")).to_have_count(0)
    # Same numbers, other language: the plan-total ROI (a plain percentage) is unchanged.
    english_total = _block_with_heading(page, re.compile(r"^Plan total · "))
    expect(metric_value(english_total, "Profit ROI")).to_have_text(roi_before)

    language.get_by_text("中文", exact=True).click()
    expect(page.get_by_role("heading", name="策略实验室", level=1)).to_be_visible(
        timeout=TIMEOUT_MS
    )
    expect(slider(page, "月广告预算")).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)
    expect(page.get_by_role("heading", name="Strategy Lab")).to_have_count(0)
    expect(slider(page, "Monthly ad budget")).to_have_count(0)
    expect(language.get_by_role("radio", name="中文")).to_be_checked()
    expect(plan_total_metric(page, "roi")).to_have_text(roi_before)


def uploader_texts(page: Page) -> tuple[str, str]:
    """What the sidebar uploader's button and limit line show (their ``::after`` text:
    Streamlit's own English text is hidden by pages/components/uploader.py)."""
    dropzone = sidebar(page).get_by_test_id("stFileUploaderDropzone")
    after = "el => getComputedStyle(el, '::after').content"
    button = dropzone.locator("button p").evaluate(after)
    limit = dropzone.get_by_test_id("stFileUploaderDropzoneInstructions").locator("span")
    return button, limit.first.evaluate(after)


def test_the_uploader_speaks_the_users_language(page: Page) -> None:
    open_app(page)
    assert uploader_texts(page) == ('"上传"', '"单个文件不超过 1 MB · JSON"')
    language = sidebar(page).get_by_role("radiogroup", name=re.compile("Language"))
    language.get_by_text("English", exact=True).click()
    expect(page.get_by_role("heading", name="Strategy Lab", level=1)).to_be_visible(
        timeout=TIMEOUT_MS
    )
    wait_idle(page)
    assert uploader_texts(page) == ('"Upload"', '"Up to 1 MB per file · JSON"')


def test_download_and_upload_scenario(page: Page, tmp_path: Path) -> None:
    open_app(page)
    kpis_before = plan_total_texts(page)

    # Download the current scenario.
    download_button = sidebar(page).get_by_test_id("stDownloadButton").get_by_role("button")
    expect(download_button).to_have_text("下载方案 JSON")
    with page.expect_download(timeout=TIMEOUT_MS) as download_info:
        download_button.click()
    download = download_info.value
    assert download.suggested_filename == "scenario.json"
    saved = tmp_path / "scenario.json"
    download.save_as(saved)
    scenario = json.loads(saved.read_text(encoding="utf-8"))
    assert scenario["ads"]["monthly_budget"] == 30_000
    assert scenario["name"] == ""

    # An invalid file is rejected with a Chinese message naming the field; nothing changes.
    upload_scenario(page, "invalid.json", {"ads": {"cvr": 0.7}})
    error = sidebar(page).get_by_test_id("stAlertContentError")
    expect(error).to_be_visible(timeout=TIMEOUT_MS)
    expect(error).to_contain_text("无法载入该方案文件，当前方案保持不变")
    expect(error).to_contain_text("ads.cvr")
    expect(error).to_contain_text("必须小于或等于 0.5")
    wait_idle(page)
    assert plan_total_texts(page) == kpis_before
    expect(plan_total_block(page).get_by_role("heading")).to_have_text(
        f"{PLAN_TOTAL_ZH} · 示例方案"
    )

    # A valid file (the download with a bigger ads budget and a new name) is loaded.
    scenario["ads"]["monthly_budget"] = 120_000
    scenario["name"] = "浏览器测试方案"
    upload_scenario(page, "bigger-ads.json", scenario)
    success = sidebar(page).get_by_test_id("stAlertContentSuccess")
    expect(success).to_contain_text("已载入方案：浏览器测试方案", timeout=TIMEOUT_MS)
    expect(sidebar(page).get_by_test_id("stAlertContentError")).to_have_count(0)
    expect(plan_total_block(page).get_by_role("heading")).to_have_text(
        f"{PLAN_TOTAL_ZH} · 浏览器测试方案", timeout=TIMEOUT_MS
    )
    expect(plan_total_metric(page, "roi")).not_to_have_text(kpis_before["roi"], timeout=TIMEOUT_MS)
    wait_idle(page)
    expect(slider_thumb(slider(page, ADS_BUDGET_LABEL_ZH))).to_have_value("12")
    assert plan_total_texts(page)["roi"] != kpis_before["roi"]


def test_the_scenario_survives_a_reload(page: Page) -> None:
    open_app(page)
    before = plan_total_metric(page, "npv").inner_text().strip()
    thumb = slider_thumb(slider(page, ADS_BUDGET_LABEL_ZH))
    thumb.focus()
    thumb.press("ArrowRight")
    expect(plan_total_metric(page, "npv")).not_to_have_text(before, timeout=TIMEOUT_MS)
    wait_idle(page)
    moved = plan_total_metric(page, "npv").inner_text().strip()
    expect(page).to_have_url(re.compile(r"[?&]s="), timeout=TIMEOUT_MS)
    page.reload()
    expect(plan_total_metric(page, "npv")).to_have_text(moved, timeout=FIRST_LOAD_TIMEOUT_MS)
    expect(slider_thumb(slider(page, ADS_BUDGET_LABEL_ZH))).to_have_value("3.5")


def test_an_awkward_valid_value_loads_and_its_slider_still_moves(page: Page) -> None:
    open_app(page)
    upload_scenario(page, "rate.json", {"schema_version": 2, "annual_discount_rate": 0.57})
    success = sidebar(page).get_by_test_id("stAlertContentSuccess")
    expect(success).to_be_visible(timeout=TIMEOUT_MS)
    rate = slider(page, "年折现率")
    thumb = slider_thumb(rate)
    # 0.57 × 100 is 56.99999999999999 in binary floating point; the slider shows 57 %.
    expect(thumb).to_have_value("57", timeout=TIMEOUT_MS)
    wait_idle(page)
    url_before = page.url
    thumb.focus()
    thumb.press("ArrowLeft")
    expect(thumb).to_have_value("56", timeout=TIMEOUT_MS)
    # one point of discount moves the calibrated NPV by less than the tile shows; the
    # scenario written to the URL proves the new rate reached the model
    expect(page).not_to_have_url(url_before, timeout=TIMEOUT_MS)
    wait_idle(page)
    expect(sidebar(page).get_by_test_id("stAlertContentError")).to_have_count(0)


def test_apply_a_preset_see_its_warning_and_undo_it(page: Page) -> None:
    open_app(page)
    before = plan_total_texts(page)
    picker = sidebar(page).get_by_test_id("stSelectbox").filter(has_text=t("preset.choose", ZH))
    picker.click()
    page.get_by_role("option", name=t("preset.sme_fresh_wechat_community", ZH)).click()
    sidebar(page).get_by_role("button", name=t("preset.apply", ZH)).click()
    warning = sidebar(page).get_by_test_id("stAlertContentWarning")
    expect(warning.filter(has_text="只有一行数据或数据较旧")).to_be_visible(timeout=TIMEOUT_MS)
    expect(plan_total_metric(page, "npv")).not_to_have_text(before["npv"], timeout=TIMEOUT_MS)
    wait_idle(page)
    sidebar(page).get_by_role("button", name=t("changes.undo", ZH)).click()
    expect(plan_total_metric(page, "npv")).to_have_text(before["npv"], timeout=TIMEOUT_MS)
    wait_idle(page)
    assert plan_total_texts(page) == before
    expect(warning).to_have_count(0)
