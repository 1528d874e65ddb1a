"""Components on their own (``AppTest.from_function``): each owns its state and keys."""

import json

import pytest
from streamlit.testing.v1 import AppTest


def _driver_script(path: str, value: float, lang: str) -> None:
    import streamlit as st

    from core.model.paths import with_values
    from core.model.scenario import default_scenario
    from pages.components.inputs import driver_input
    from pages.components.scenario_state import scenario_state

    state = scenario_state()
    if "loaded" not in st.session_state:
        state.load(with_values(default_scenario(), {path: value}))
        st.session_state["loaded"] = True
    state.sync(lang)
    driver_input(state, path, lang)
    st.text(repr(state.values[path]))


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
@pytest.mark.parametrize(
    ("path", "value"),
    [("annual_discount_rate", 0.57), ("ads.cvr", 0.0001), ("ads.monthly_budget", 12_345.0)],
)
def test_driver_input_shows_any_valid_value_as_it_is(path, value, lang):
    at = AppTest.from_function(_driver_script, args=(path, value, lang)).run()
    assert not at.exception
    at.run()  # a rerun reads the widget back: the value must not drift
    assert not at.exception
    assert at.text[0].value == repr(value)


def test_driver_input_moves_the_canonical_value():
    at = AppTest.from_function(_driver_script, args=("ads.cvr", 0.03, "en")).run()
    at.slider[0].set_value(4.5).run()
    at.run()
    assert at.text[0].value == repr(0.045)


def _file_box_script() -> None:
    import streamlit as st

    from pages.components.scenario_file import scenario_file_box
    from pages.components.scenario_state import scenario_state

    state = scenario_state()
    scenario_file_box(state, st.session_state.get("lang", "zh-CN"))
    st.text(state.scenario().name)


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader[0].set_value((name, data, "application/json")).run()
    assert not at.exception
    return at


def test_a_valid_upload_loads_and_says_so():
    at = AppTest.from_function(_file_box_script).run()
    data = json.dumps({"name": "春季方案", "ads": {"cpc": 3.0}}, ensure_ascii=False)
    _upload(at, "s.json", data.encode("utf-8"))
    assert at.text[-1].value == "春季方案"
    assert "已载入方案" in at.success[0].value


def test_a_gbk_file_with_a_bom_free_chinese_name_loads():
    at = AppTest.from_function(_file_box_script).run()
    _upload(at, "s.json", json.dumps({"name": "农产品"}, ensure_ascii=False).encode("gbk"))
    assert at.text[-1].value == "农产品"


def test_an_invalid_upload_changes_nothing_and_explains_in_the_users_language():
    at = AppTest.from_function(_file_box_script).run()
    _upload(at, "s.json", b'{"ads": {"cvr": 0.7}}')
    assert at.text[-1].value == ""
    assert "当前方案保持不变" in at.error[0].value
    assert "ads\\.cvr \\(点击转化率 CVR\\) 必须小于或等于 0\\.5" in at.error[0].value


def test_a_markdown_name_is_shown_as_text():
    at = AppTest.from_function(_file_box_script).run()
    name = "![x](http://example.com/a.png)"
    _upload(at, "s.json", json.dumps({"name": name}).encode())
    shown = at.success[0].value
    assert "](" not in shown.replace("\\]\\(", "")  # escaped: no live image link
    assert "\\!\\[x\\]" in shown


def test_a_file_over_the_limit_is_refused():
    at = AppTest.from_function(_file_box_script).run()
    _upload(at, "s.json", b" " * 1_000_001)
    assert at.error[0].value == "「s.json」超过了 1 MB 的上限。"
    assert at.text[-1].value == ""


def test_a_file_of_another_type_is_refused_in_the_users_language():
    """Streamlit's own refusal was an English tooltip on a red icon."""
    at = AppTest.from_function(_file_box_script).run()
    _upload(at, "plan.txt", b'{"name": "X"}')
    assert at.error[0].value == "「plan.txt」不是可接受的文件类型：请上传 JSON 文件。"
    assert at.text[-1].value == ""  # not loaded


def test_reset_brings_back_the_default_scenario():
    at = AppTest.from_function(_file_box_script).run()
    _upload(at, "s.json", b'{"name": "X"}')
    next(b for b in at.button if b.label == "恢复默认值").click().run()
    assert at.text[-1].value == ""


def _preset_script() -> None:
    import streamlit as st

    from pages.components.preset_picker import preset_picker
    from pages.components.scenario_state import scenario_state

    state = scenario_state()
    preset_picker(state, "en")
    st.text(state.scenario().business.category)


def test_preset_picker_applies_a_preset_and_lists_its_rows():
    at = AppTest.from_function(_preset_script, default_timeout=30).run()
    at.selectbox[0].set_value("sme_fresh_wechat_community").run()
    at.button[0].click().run()
    assert not at.exception
    assert at.text[-1].value == "fresh"
    assert "values from the benchmark table" in at.success[0].value
    assert not at.dataframe  # the tables open in a dialog: the sidebar cut them off
    at.button(key="preset:provenance").click().run()
    from_rows, kept = at.dataframe[0].value, at.dataframe[1].value
    assert "ads-cvr-wechat-moments-2022-all" in " ".join(from_rows["Benchmark rows"])
    assert "Only vague rows: not enough to replace the default" in set(kept["Why"])
    # the kept values are defaults, not the table's medians; their range was not used
    assert {"Default (this size and category)", "Table range (not used)"} <= set(kept.columns)
    assert "Value (median)" in set(from_rows.columns)


def _notice_script() -> None:
    from pages.components.change_notice import change_notice
    from pages.components.preset_picker import preset_picker
    from pages.components.scenario_state import scenario_state

    state = scenario_state()
    preset_picker(state, "zh-CN")
    change_notice(state, "zh-CN")


def test_the_changes_of_a_preset_open_in_a_dialog_wide_enough_to_read():
    """In the sidebar the table showed only 字段 and 原值, values cut ("中小企…")."""
    at = AppTest.from_function(_notice_script, default_timeout=30).run()
    at.selectbox[0].set_value("sme_fresh_wechat_community").run()
    at.button[0].click().run()
    assert not at.exception
    assert not at.dataframe
    at.button(key="changes:show").click().run()
    table = at.dataframe[0].value
    assert list(table.columns) == ["字段", "原值", "新值"]
    assert len(table) > 5


def test_the_change_table_summarises_the_register_and_the_saved_ranges():
    from core.model.risks import SHIPPED_REGISTER
    from core.model.stored_ranges import StoredRange
    from pages.components.change_notice import changes_table
    from pages.components.scenario_state import Change

    changes = (
        Change("ranges", {}, {"ads.cpc": StoredRange(low=0.5, high=3.0)}),
        Change("risks", SHIPPED_REGISTER, SHIPPED_REGISTER[:2]),
    )
    assert changes_table(changes, "zh-CN") == [
        {
            "字段": "假设的区间",
            "原值": "无（取默认区间）",
            "新值": "单次点击成本 CPC：¥0.50 – ¥3.00（自定义）",
        },
        {"字段": "风险登记册", "原值": f"{len(SHIPPED_REGISTER)} 项风险", "新值": "2 项风险"},
    ]
    assert changes_table(changes, "en")[0] == {
        "Field": "Ranges of the assumptions",
        "Before": "none (default ranges)",
        "After": "Cost per click (CPC): ¥0.50 – ¥3.00 (Your own)",
    }
