"""AppTest: the Benchmarks page filters cited rows and copies figures into the scenario."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def page():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/benchmarks.py").run()
    assert not at.exception
    return at


def row_count(at) -> str:
    return next(
        c.value for c in at.caption if c.value.startswith(("共", "rows")) or "rows" in c.value
    )


def test_renders_every_row_with_its_source(page):
    assert page.title[0].value == "行业基准"
    assert row_count(page) == "共 266 行"
    table = page.dataframe[0].value
    assert "来源" in table.columns
    assert table["来源"].str.len().min() > 0


def test_renders_in_english():
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["locale"] = "en"
    at.run()
    at.switch_page("pages/benchmarks.py").run()
    assert not at.exception
    assert at.title[0].value == "Benchmarks"
    assert "Source" in at.dataframe[0].value.columns


def test_filters_narrow_the_table(page):
    page.multiselect(key="bench.metric@zh-CN").set_value(["cvr"]).run()
    narrowed = row_count(page)
    page.multiselect(key="bench.quality@zh-CN").set_value(["medium"]).run()
    assert not page.exception
    assert narrowed != "共 266 行"
    assert row_count(page) != narrowed
    table = page.dataframe[0].value
    assert set(table["指标"]) == {"cvr"}
    assert set(table["可信度"]) == {"一般"}


def test_copy_rows_into_the_scenario(page):
    page.multiselect(key="bench.metric@zh-CN").set_value(["cvr"]).run()
    page.multiselect(key="bench.strategy@zh-CN").set_value(["ads"]).run()
    pick = page.multiselect(key="bench.pick@zh-CN")
    first = pick.options[0]
    assert first.startswith("ads-cvr-baidu-sem-2022-all")  # a 3 % point figure
    pick.set_value([first]).run()
    next(b for b in page.button if b.label == "填入方案").click().run()
    assert not page.exception
    assert "转化率 CVR" in page.success[0].value
    page.switch_page("pages/strategy_lab.py").run()
    assert page.slider(key="w:ads.cvr").value == pytest.approx(3.0)


def test_demo_store_section_shows_channels(page):
    summary = page.dataframe[-1].value
    assert list(summary.iloc[:, 0]) == ["广告", "内容", "私域", "自然流量"]


def test_preset_fills_the_strategy_lab_from_benchmarks():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.selectbox(key="preset_choice@zh-CN").set_value("mid_fmcg_members").run()
    next(b for b in at.button if b.label == "用基准数据填入").click().run()
    assert not at.exception
    assert at.selectbox(key="w:business.category@zh-CN").value == "fmcg"
    # Median of the Taobao design CPC (1-10 -> 5.5) and WeChat ads CPC (0.5-5 -> 2.75).
    assert at.slider(key="w:ads.cpc").value == pytest.approx(4.125)
    assert "已按预设" in at.success[0].value
