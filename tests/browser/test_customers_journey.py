"""Customers page in a real Chromium: upload a GBK platform export, see the segments, apply
the calibration to the scenario and see the change notice and the saved ranges."""

from __future__ import annotations

import csv
import re
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from core.model.share import scenario_from_token
from core.text.catalog import t
from tests.browser.test_strategy_lab_journey import ZH, open_app, wait_idle

pytestmark = pytest.mark.browser


def platform_export(path: Path) -> Path:
    """A small Taobao-style export in GBK: Chinese headers, a phone column, a closed order."""
    rows = [("订单号", "买家会员名", "手机号", "付款时间", "实付金额", "订单状态")]
    day = 0
    for customer in range(40):
        for visit in range(1 + customer % 4):
            day = (customer * 7 + visit * 23) % 300
            month, date = 1 + day // 28, 1 + day % 28
            status = "交易关闭" if (customer + visit) % 17 == 0 else "交易成功"
            rows.append(
                (
                    f"{customer}-{visit}",
                    f"买家{customer}",
                    f"1380000{customer:04d}",
                    f"2024-{min(month, 12):02d}-{date:02d} 10:00",
                    f"{50 + customer * 3 + visit * 7}.50",
                    status,
                )
            )
    with path.open("w", encoding="gbk", newline="") as file:
        csv.writer(file).writerows(rows)
    return path


def open_customers(page: Page) -> None:
    """The Customers page, opened from the sidebar."""
    open_app(page)
    page.get_by_test_id("stSidebarNav").get_by_text(t("nav.customers", ZH)).click()
    expect(page.get_by_role("heading", name=t("nav.customers", ZH), level=1)).to_be_visible()


def raw_uploads() -> list[Path]:
    """Raw upload copies in the app's per-session folders."""
    return list(Path(tempfile.gettempdir()).glob("monetization-orders-*/upload.*"))


def test_upload_orders_and_apply_the_calibration(page: Page, tmp_path: Path) -> None:
    started = time.time() - 1.0
    open_customers(page)
    page.get_by_role("radio", name=t("cust.source.upload", ZH)).click()
    wait_idle(page)
    upload = platform_export(tmp_path / "taobao.csv")
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(upload))
    expect(page.get_by_text("编码：gb18030")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("已取消 / 已关闭订单已排除")).to_be_visible(timeout=60_000)
    expect(page.get_by_text(t("cust.rfm", ZH))).to_be_visible()
    wait_idle(page)
    # The raw file (with its phone column) is gone once read: only the canonical copy of
    # the mapped columns stays on disk.
    assert not [p for p in raw_uploads() if p.stat().st_mtime >= started]
    page.get_by_role("button", name=t("cust.calibrate.orders", ZH)).click()
    expect(page.get_by_text("项假设，来源：你的数据")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("button", name=t("changes.undo", ZH))).to_be_visible()
    wait_idle(page)

    # The ranges the data gave are saved in the scenario (the link carries them), with
    # the dates of the data, for the Risk page's Monte Carlo.
    page.get_by_test_id("stSidebarNav").get_by_text(t("nav.risk", ZH), exact=True).click()
    expect(page.get_by_role("heading", name=t("nav.risk", ZH), level=1)).to_be_visible()
    page.wait_for_url(re.compile(r"[?&]s="), timeout=60_000)
    token = parse_qs(urlparse(page.url).query)["s"][0]
    ranges = scenario_from_token(token).ranges
    assert ranges, "no range saved from the data"
    assert {r.source for r in ranges.values()} == {"data"}
    assert all(r.first is not None and r.last is not None for r in ranges.values())


def campaign_report(path: Path) -> Path:
    """60 days of a Chinese ad-platform report (GBK): clicks follow a response curve with
    a ceiling of 60,000 clicks a month at a list price of ¥1.00 a click."""
    from core.analysis.ads_response import DAYS_PER_MONTH, hill_clicks

    rows = [("日期", "平台", "消耗(元)", "展现量", "点击量", "成交订单数", "成交金额")]
    for day in range(60):
        spend = 300.0 + 60.0 * (day % 20)
        clicks = float(hill_clicks(spend * DAYS_PER_MONTH, 60_000.0, 1.0)) / DAYS_PER_MONTH
        date = f"2024-03-{day + 1:02d}" if day < 31 else f"2024-04-{day - 30:02d}"
        rows.append(
            (date, "抖音", f"{spend:.2f}", f"{clicks * 40:.0f}", f"{clicks:.1f}",
             f"{clicks * 0.03:.1f}", f"{clicks * 0.03 * 200:.2f}")
        )  # fmt: skip
    with path.open("w", encoding="gbk", newline="") as file:
        csv.writer(file).writerows(rows)
    return path


def test_upload_campaign_results_and_apply_the_ads_calibration(page: Page, tmp_path: Path) -> None:
    open_customers(page)
    page.get_by_role("radio", name=t("cust.source.demo", ZH)).click()
    expect(page.get_by_text(t("cust.calibrate.campaigns", ZH))).to_be_visible(timeout=60_000)
    wait_idle(page)
    campaigns = page.locator(".st-key-cust-campaigns").get_by_test_id("stFileUploaderDropzoneInput")
    campaigns.set_input_files(str(campaign_report(tmp_path / "巨量引擎报表.csv")))
    button = page.get_by_role("button", name=t("cust.calibrate.ads", ZH))
    expect(button).to_be_visible(timeout=60_000)
    wait_idle(page)
    button.click()
    # Four funnel values and the curve's click ceiling, from the report's dates.
    expect(
        page.get_by_text("已填入 5 项假设，来源：你的数据（2024-03-01 至 2024-04-29）")
    ).to_be_visible(timeout=60_000)
    expect(page.get_by_text("已用你的数据校准（2024-03-01 至 2024-04-29）")).to_be_visible()
    expect(page.get_by_role("button", name=t("changes.undo", ZH))).to_be_visible()


def test_a_file_whose_orders_are_all_excluded_says_so(page: Page, tmp_path: Path) -> None:
    open_customers(page)
    page.get_by_role("radio", name=t("cust.source.upload", ZH)).click()
    wait_idle(page)
    refunded = tmp_path / "refunded.csv"
    refunded.write_text(
        "订单号,买家会员名,下单时间,实付金额,订单状态\n"
        "1,甲,2024-01-05 10:00,99.00,退款成功\n2,乙,2024-01-06 10:00,59.00,退款成功\n",
        encoding="utf-8",
    )
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(refunded))
    expect(page.get_by_text(t("cust.nothing_left", ZH))).to_be_visible(timeout=60_000)
    expect(page.get_by_text("2 笔", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name=t("nav.customers", ZH), level=1)).to_be_visible()
