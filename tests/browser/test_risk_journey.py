"""The Risk page in a real Chromium: change a risk's likelihood, see the matrix and P(loss)
move, and find the change in the downloaded scenario file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from core.text.catalog import t

pytestmark = pytest.mark.browser

ZH = "zh-CN"
TIMEOUT_MS = 30_000
FIRST_LOAD_TIMEOUT_MS = 90_000
BREACH_NAME = t("risk.data_breach.name", ZH)

MATRIX_POINTS_JS = """() => {
    for (const plot of document.querySelectorAll('.js-plotly-plot')) {
        if (plot.data && plot.data[0].type === 'heatmap') {
            return {x: Array.from(plot.data[1].x), text: Array.from(plot.data[1].text)};
        }
    }
    return null;
}"""


def wait_idle(page: Page) -> None:
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=TIMEOUT_MS)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def metric_value(page: Page, label: str) -> Locator:
    """The value of the metric tile labelled exactly ``label``."""
    tile = page.get_by_test_id("stMetric").filter(
        has=page.get_by_test_id("stMetricLabel").filter(has_text=re.compile(rf"^{label}$"))
    )
    return tile.get_by_test_id("stMetricValue")


def p_loss_tile(page: Page) -> Locator:
    return metric_value(page, t("risk.stat.p_loss", ZH))


def downloaded_scenario(page: Page, tmp_path: Path) -> dict[str, Any]:
    """The scenario file the sidebar's download button gives, parsed."""
    download_button = page.get_by_test_id("stSidebar").get_by_test_id("stDownloadButton")
    with page.expect_download(timeout=TIMEOUT_MS) as download_info:
        download_button.get_by_role("button").click()
    saved = tmp_path / "scenario.json"
    download_info.value.save_as(saved)
    return dict(json.loads(saved.read_text(encoding="utf-8")))


def matrix_points(page: Page) -> dict[str, Any]:
    """x positions and labels of the risks on the matrix (plotly draws charts once they
    are scrolled into view)."""
    page.get_by_role("heading", name=t("risk.matrix.heading", ZH)).scroll_into_view_if_needed()
    page.wait_for_function(
        f"(() => {{ const p = ({MATRIX_POINTS_JS})(); return p !== null && p.x.length > 0; }})()",
        timeout=TIMEOUT_MS,
    )
    return page.evaluate(MATRIX_POINTS_JS)


def open_risk_page(page: Page) -> None:
    page.goto("/")
    nav = page.get_by_test_id("stSidebarNav").get_by_text(t("nav.risk", ZH), exact=True)
    expect(nav).to_be_visible(timeout=FIRST_LOAD_TIMEOUT_MS)
    app = page.get_by_test_id("stApp")  # the first run of a fresh server is slow
    expect(app).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=FIRST_LOAD_TIMEOUT_MS
    )
    nav.click(timeout=FIRST_LOAD_TIMEOUT_MS)  # the lab may still be drawing on a busy machine
    expect(page.get_by_role("heading", name=t("nav.risk", ZH), level=1)).to_be_visible(
        timeout=TIMEOUT_MS
    )
    expect(p_loss_tile(page)).to_have_text(re.compile(r"%$"), timeout=FIRST_LOAD_TIMEOUT_MS)
    wait_idle(page)


def test_a_likelihood_moves_the_matrix_and_p_loss(page: Page, tmp_path: Path) -> None:
    open_risk_page(page)
    before = p_loss_tile(page).inner_text().strip()
    points = matrix_points(page)
    number = str(next(i for i, r in enumerate(_shipped_ids(), start=1) if r == "data_breach"))
    assert round(points["x"][points["text"].index(number)]) == 2

    chooser = page.get_by_test_id("stSelectbox").filter(has_text=t("risk.focus.choose", ZH))
    box = chooser.locator("input")
    box.click()
    box.press_sequentially(BREACH_NAME[:4])
    expect(page.get_by_role("option").filter(has_text=BREACH_NAME)).to_have_count(1)
    box.press("Enter")
    description = t("risk.data_breach.description", ZH)
    expect(page.get_by_text(description, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)

    likelihood = page.get_by_role("radiogroup", name=t("risk.col.likelihood", ZH), exact=True)
    expect(likelihood.get_by_role("radio", name="2", exact=True)).to_be_checked()
    likelihood.get_by_role("radio", name="5", exact=True).click()
    expect(p_loss_tile(page)).not_to_have_text(before, timeout=FIRST_LOAD_TIMEOUT_MS)
    wait_idle(page)
    points = matrix_points(page)
    assert round(points["x"][points["text"].index(number)]) == 5

    # The register belongs to the scenario: the downloaded file carries the change.
    risks = downloaded_scenario(page, tmp_path)["risks"]
    breach = next(r for r in risks if r["id"] == "data_breach")
    assert breach["likelihood"] == 5


ROW_MARKER_PX, NAME_COLUMN_PX, ROW_PX = 40, 200, 35
"""The register editor's geometry: row-marker column, the pinned "medium" name column
(200 px), header and row height; the likelihood column comes right after the name."""


def type_into_likelihood_of_first_row(page: Page, value: str) -> None:
    """Double-click the first risk's likelihood cell in the register, wait for the cell's
    editor, fill in ``value`` and press Enter."""
    heading = page.get_by_role("heading", name=t("field.risks", ZH))
    heading.evaluate("e => e.scrollIntoView({block: 'start'})")
    editor = page.get_by_test_id("stDataFrame").filter(
        has=page.get_by_test_id("stDataFrameResizable")
    )
    below: list[Any] = []
    for _ in range(TIMEOUT_MS // 250):  # the editor is drawn after the heading
        top = heading.bounding_box()
        below = [
            box
            for i in range(editor.count())
            if (box := editor.nth(i).bounding_box()) and top and box["y"] > top["y"]
        ]
        if below:
            break
        page.wait_for_timeout(250)
    assert below, "the register editor was not drawn below its heading"
    box = below[0]
    cell = page.locator("#portal input")
    for _ in range(6):  # the canvas takes the double-click only once drawn: try again
        page.mouse.dblclick(
            box["x"] + ROW_MARKER_PX + NAME_COLUMN_PX + 30, box["y"] + ROW_PX + ROW_PX / 2
        )
        page.wait_for_timeout(1_000)
        if cell.is_visible():
            break
        page.keyboard.press("Escape")
    expect(cell).to_be_visible(timeout=TIMEOUT_MS)
    cell.fill(value)
    cell.press("Enter")


def test_the_register_editor_takes_an_edit_and_explains_a_bad_one(page: Page) -> None:
    open_risk_page(page)
    points = matrix_points(page)
    assert round(points["x"][0]) == 4  # traffic cost: likelihood 4, residual 3

    type_into_likelihood_of_first_row(page, "1")  # below its residual likelihood: refused
    error = page.get_by_test_id("stAlertContentError")
    expect(error).to_contain_text(t("risk.register.refused", ZH), timeout=TIMEOUT_MS)
    expect(error).to_contain_text("应对后的可能性或影响不能高于应对前")
    wait_idle(page)
    assert round(matrix_points(page)["x"][0]) == 4

    type_into_likelihood_of_first_row(page, "5")
    page.wait_for_function(
        f"(({MATRIX_POINTS_JS})() || {{x: [0]}}).x[0] > 4.5", timeout=FIRST_LOAD_TIMEOUT_MS
    )
    wait_idle(page)
    expect(error).to_have_count(0)


def _shipped_ids() -> list[str]:
    from core.model.risks import SHIPPED_REGISTER

    return [risk.id for risk in SHIPPED_REGISTER]


def type_into_first_range_high(page: Page, editor: Locator, value: str) -> None:
    """Select the first row's first cell of the ranges table, move to "high", type
    ``value`` and press Enter. Glide's grid is a canvas that takes keys only once drawn
    and focused, so a try that opens no cell editor is cancelled and repeated."""
    cell = page.locator("#portal input")
    for _ in range(6):
        editor.evaluate("e => e.scrollIntoView({block: 'center'})")
        page.wait_for_timeout(500)  # the expander's opening animation, the grid's drawing
        box = editor.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + 50, box["y"] + ROW_PX * 1.5)
        for _ in range(3):  # driver → low → current → high
            page.keyboard.press("ArrowRight")
        page.keyboard.type(value)
        page.wait_for_timeout(1_000)
        if cell.is_visible():
            break
        page.keyboard.press("Escape")
    expect(cell).to_have_value(value, timeout=TIMEOUT_MS)
    cell.press("Enter")


def summary_p_loss(page: Page) -> str:
    value = metric_value(page, t("summary.p_loss", ZH))
    expect(value).to_have_text(re.compile(r"%$"), timeout=FIRST_LOAD_TIMEOUT_MS)
    return value.inner_text().strip()


def test_a_range_typed_on_the_risk_page_is_saved_and_reaches_the_summary(
    page: Page, tmp_path: Path
) -> None:
    open_risk_page(page)
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_text(t("nav.summary", ZH), exact=True).click()
    summary_before = summary_p_loss(page)
    wait_idle(page)
    nav.get_by_text(t("nav.risk", ZH), exact=True).click()
    expect(p_loss_tile(page)).to_have_text(re.compile(r"%$"), timeout=FIRST_LOAD_TIMEOUT_MS)
    wait_idle(page)
    before = p_loss_tile(page).inner_text().strip()

    # The first row is the cost per click (¥1, range ¥0.5–2): type a high of ¥3. Glide's
    # grid is a canvas: select the row's first cell, move to "high", type, Enter.
    ranges = page.get_by_test_id("stExpander").filter(
        has_text=t("risk.ranges.title", ZH, count=0).split("（")[0]
    )
    ranges.locator("summary").click()
    editor = ranges.get_by_test_id("stDataFrame")
    expect(editor).to_be_visible(timeout=TIMEOUT_MS)
    type_into_first_range_high(page, editor, "3")
    expect(p_loss_tile(page)).not_to_have_text(before, timeout=FIRST_LOAD_TIMEOUT_MS)
    wait_idle(page)

    # The range belongs to the scenario: the downloaded file carries it ...
    stored = downloaded_scenario(page, tmp_path)["ranges"]
    assert stored["ads.cpc"] == {
        "low": 0.5,
        "high": 3.0,
        "source": "user",
        "first": None,
        "last": None,
    }

    # ... and the summary's P(loss) is drawn from it too.
    nav.get_by_text(t("nav.summary", ZH), exact=True).click()
    expect(page.get_by_role("heading", name=t("summary.title", ZH), level=1)).to_be_visible(
        timeout=TIMEOUT_MS
    )
    wait_idle(page)
    assert summary_p_loss(page) != summary_before
