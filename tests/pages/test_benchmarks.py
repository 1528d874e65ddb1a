"""AppTest: the Benchmarks page filters cited rows and copies figures into the scenario."""

import pytest

from tests.pages.conftest import run_app, selectbox, slider

PAGE = "pages/benchmarks.py"


@pytest.fixture
def page():
    return run_app(page=PAGE)


def row_count(at) -> str:
    return next(c.value for c in at.caption if c.value.startswith("共") or "rows" in c.value)


def test_renders_every_row_with_its_source(page):
    assert page.title[0].value == "行业基准"
    assert row_count(page) == "共 266 行"
    table = page.dataframe[0].value
    assert table["source"].str.len().min() > 0


def test_codes_read_as_labels_and_rates_as_percent_in_chinese(page):
    table = page.dataframe[0].value
    assert "抖音" in set(table["platform"])
    assert "douyin" not in set(table["platform"])
    assert "转化率" in set(table["metric"])
    row = table[table["id"] == "ads-cvr-baidu-sem-2022-all"].iloc[0]
    assert row["figure"] == "3.00%"
    assert row["basis"] == "每次付费点击"  # what was measured: orders per paid ad click
    assert row["market"] == "中国大陆"
    assert row["source"] == "《私域流量经济模型》第3部分 §2"
    undated = table[table["id"] == "ads-cpc-douyin-feed-2020-all"].iloc[0]
    assert undated["quality"] == "粗略 · 较旧、年份不明"
    assert "flags" not in table.columns  # in the quality column: the source stays in view


def test_renders_in_english():
    at = run_app("en", PAGE)
    assert at.title[0].value == "Benchmarks"
    table = at.dataframe[0].value
    assert "Douyin" in set(table["platform"])
    row = table[table["id"] == "ads-cvr-baidu-sem-2022-all"].iloc[0]
    assert row["basis"] == "Per paid click"
    assert row["source"] == "Seed 002 part 3 §2 (Private-Domain Traffic Economic Model)"


def test_filters_narrow_the_table(page):
    page.multiselect(key="bench:metric@zh-CN").set_value(["cvr"]).run()
    narrowed = row_count(page)
    page.multiselect(key="bench:quality@zh-CN").set_value(["medium"]).run()
    assert not page.exception
    assert narrowed != "共 266 行"
    assert row_count(page) != narrowed
    table = page.dataframe[0].value
    assert set(table["metric"]) == {"转化率"}
    assert {q.partition(" · ")[0] for q in table["quality"]} == {"一般"}


def test_filters_survive_a_language_switch(page):
    page.multiselect(key="bench:metric@zh-CN").set_value(["cvr"]).run()
    page.session_state["session:locale"] = "en"
    page.run()
    assert page.multiselect(key="bench:metric@en").value == ["cvr"]
    assert set(page.dataframe[0].value["metric"]) == {"Conversion rate"}


def test_copy_rows_shows_old_and_new_warns_and_can_be_undone(page):
    page.multiselect(key="bench:metric@zh-CN").set_value(["cvr"]).run()
    page.multiselect(key="bench:strategy@zh-CN").set_value(["ads"]).run()
    pick = page.multiselect(key="bench:pick@zh-CN")
    pick.set_value(["ads-cvr-baidu-sem-2022-all", "ads-cvr-homepage-ab-testing-2024-all"]).run()
    preview = page.dataframe[1].value
    assert list(preview["字段"]) == ["广告投放 · 点击转化率 CVR"]
    assert list(preview["原值"]) == ["2.50%"]
    assert list(preview["新值"]) == ["3.00%"]
    assert "粗略" in preview["提示"].iloc[0]  # the Baidu row is tagged vague
    assert any("请确认后再填入" in w.value for w in page.warning)
    # a homepage conversion is measured per site visit, not per ad click: not used
    assert any("ads-cvr-homepage-ab-testing-2024-all" in c.value for c in page.caption)
    next(b for b in page.button if b.label == "填入方案").click().run()
    assert not page.exception
    assert "点击转化率 CVR" in page.success[0].value
    page.switch_page("pages/strategy_lab.py").run()
    assert slider(page, "ads.cvr").value == pytest.approx(3.0)
    page.switch_page("pages/benchmarks.py").run()
    next(b for b in page.button if b.label == "撤销这次改动").click().run()
    page.switch_page("pages/strategy_lab.py").run()
    assert slider(page, "ads.cvr").value == pytest.approx(2.5)


def test_demo_store_section_shows_channels(page):
    summary = page.dataframe[-1].value
    assert list(summary.iloc[:, 0]) == ["广告", "内容", "私域", "自然流量"]


def test_preset_fills_the_strategy_lab_from_benchmarks(app):
    app.selectbox(key="preset:choice@zh-CN").set_value("mid_fmcg_members").run()
    next(b for b in app.button if b.label == "应用预设").click().run()
    assert not app.exception
    assert selectbox(app, "business.category").value == "fmcg"
    # CVR from the WeChat Moments row (1–5 % per paid click, medium): midpoint 3 %
    assert slider(app, "ads.cvr").value == pytest.approx(3.0)
    # CPC rests on vague rows only (Taobao/JD design ranges, WeChat): the default stays
    assert slider(app, "ads.cpc").value == pytest.approx(1.0)
    assert "已按预设" in app.success[0].value
    next(b for b in app.button if b.label == "恢复默认值").click().run()
    assert not [s for s in app.success if "已按预设" in s.value]  # reset clears the banner


def test_the_chart_metric_survives_a_language_switch_relabelled(page):
    """The chart's metric went back to CVR on a switch (its key carried the language)."""
    page.selectbox(key="bench:chart@zh-CN").set_value("ctr").run()
    page.session_state["session:locale"] = "en"
    page.run()
    metric = page.selectbox(key="bench:chart@en")
    assert metric.value == "ctr"
    assert metric.options[metric.index] == "Click-through rate"


def test_multiselects_offer_no_english_select_all_in_chinese(page):
    """Streamlit writes "Select all" in English: hidden on the Chinese page."""
    assert all(m.proto.select_all == 0 for m in page.multiselect)
    english = run_app("en", PAGE)
    assert all(m.proto.select_all > 0 for m in english.multiselect)
