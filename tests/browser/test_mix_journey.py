"""Mix Planner and Compare in a real Chromium: optimise the split, apply it, save the plan
before and after, and compare the two saved plans."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from core.text.catalog import t
from tests.browser.test_strategy_lab_journey import (
    TIMEOUT_MS,
    ZH,
    _block_with_heading,
    metric_value,
    open_app,
    sidebar,
    wait_idle,
)

pytestmark = pytest.mark.browser

NPV_ZH = t("kpi.npv", ZH)


def mix_npv(page: Page):
    """The plan's NPV tile in the "current mix" block."""
    return metric_value(_block_with_heading(page, t("mix.section.mix", ZH)), NPV_ZH)


def save_as(page: Page, name: str) -> None:
    box = sidebar(page).get_by_label(t("store.name", ZH))
    box.fill(name)
    box.press("Enter")
    wait_idle(page)
    sidebar(page).get_by_role("button", name=t("store.save", ZH), exact=True).click()
    expect(sidebar(page).get_by_test_id("stAlertContentSuccess")).to_have_text(
        t("store.done.save", ZH, name=name), timeout=TIMEOUT_MS
    )
    wait_idle(page)


def test_optimise_apply_save_two_and_compare(page: Page) -> None:
    open_app(page)
    page.get_by_test_id("stSidebarNav").get_by_text(t("nav.mix_planner", ZH)).click()
    expect(page.get_by_role("heading", name=t("nav.mix_planner", ZH), level=1)).to_be_visible(
        timeout=TIMEOUT_MS
    )
    expect(mix_npv(page)).to_have_text("−¥8.69万", timeout=TIMEOUT_MS)
    wait_idle(page)

    # Optimise the ¥6.3万 a month for NPV, then apply the result.
    page.get_by_role("button", name=t("mix.run", ZH)).click()
    expect(page.get_by_text("净现值 NPV：当前 −¥8.69万 → 优化后 −¥3,363")).to_be_visible(
        timeout=TIMEOUT_MS
    )
    expect(page.get_by_text(t("mix.col.moved", ZH))).to_have_count(0)  # in a canvas grid
    wait_idle(page)
    page.get_by_role("button", name=t("mix.apply", ZH)).click()
    expect(mix_npv(page)).to_have_text("−¥3,363", timeout=TIMEOUT_MS)
    expect(page.get_by_text(t("mix.applied", ZH))).to_be_visible()
    wait_idle(page)
    save_as(page, "优化后方案")

    # Undo brings the plan before back; save it too.
    page.get_by_role("button", name=t("mix.undo", ZH)).click()
    expect(mix_npv(page)).to_have_text("−¥8.69万", timeout=TIMEOUT_MS)
    wait_idle(page)
    save_as(page, "原方案")

    # Compare the two saved plans.
    page.get_by_test_id("stSidebarNav").get_by_text(t("nav.compare", ZH)).click()
    expect(page.get_by_role("heading", name=t("nav.compare", ZH), level=1)).to_be_visible(
        timeout=TIMEOUT_MS
    )
    expect(page.get_by_text(t("compare.need_two", ZH))).to_be_visible()
    wait_idle(page)
    picker = page.get_by_test_id("stMultiSelect").filter(has_text=t("compare.pick", ZH))
    box = picker.locator("input")
    for name in ("原方案", "优化后方案"):
        box.click()
        box.press_sequentially(name)
        expect(
            page.get_by_role("option").filter(has_text=re.compile(rf"^{name} · "))
        ).to_have_count(1)
        box.press("Enter")
        wait_idle(page)
    box.press("Escape")
    expect(page.get_by_text(t("compare.need_two", ZH))).to_have_count(0, timeout=TIMEOUT_MS)
    # The three monthly amounts differ; nothing else does.
    expect(page.get_by_text(re.compile(r"^不同的假设（3 项"))).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(2)
    expect(page.locator(".gtitle").filter(has_text=t("compare.cash_title", ZH))).to_be_visible()
    wait_idle(page)
