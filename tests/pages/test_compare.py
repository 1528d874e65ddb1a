"""AppTest: the Compare page in both languages; choosing plans changes the comparison;
the saved scenarios can be opened, renamed, duplicated and deleted."""

import pytest

from core.data.scenario_store import HOME_VARIABLE, STORE_FILE, ScenarioStore
from core.model.paths import with_values
from core.model.scenario import default_scenario
from tests.pages.conftest import run_app

PAGE = "pages/compare.py"


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv(HOME_VARIABLE, str(tmp_path / "home"))
    store = ScenarioStore(tmp_path / "home" / STORE_FILE)
    store.save("基础方案", default_scenario())
    store.save(
        "加大广告",
        with_values(default_scenario(), {"ads.monthly_budget": 90_000.0, "content.enabled": False}),
    )
    return store


def ids(store):
    return {s.name: s.id for s in store.saved()}


def click(at, key):
    at.button(key=key).click().run()
    assert not at.exception, [e.message for e in at.exception]


def test_two_saved_plans_side_by_side(store):
    at = run_app(page=PAGE)
    assert at.title[0].value == "方案对比"
    assert "请至少选择两个方案" in at.info[0].value
    saved = ids(store)
    at.multiselect(key="compare:pick").set_value([saved["基础方案"], saved["加大广告"]]).run()
    assert not at.exception
    kpis, assumptions = at.dataframe[0].value, at.dataframe[1].value
    assert list(kpis.columns) == ["指标", "基础方案", "加大广告", "加大广告 相比第一个"]
    npv = kpis[kpis["指标"] == "净现值 NPV"].iloc[0]
    assert npv["基础方案"] == "−¥8.69万"
    assert npv["加大广告 相比第一个"].startswith("−¥")
    roi = kpis[kpis["指标"] == "净利回报率"].iloc[0]
    assert roi["加大广告 相比第一个"].endswith("个百分点")
    assert list(assumptions["字段"]) == ["月广告预算", "内容与直播 · 纳入方案"]
    assert assumptions.iloc[0].tolist() == ["月广告预算", "¥3.00万", "¥9.00万"]
    assert assumptions.set_index("字段").loc["内容与直播 · 纳入方案"].tolist() == ["是", "否"]
    assert any("不同的假设（2 项" in m.value for m in at.markdown)
    score = kpis[kpis["指标"] == "综合评分（0–100）"].iloc[0]
    assert 0 <= int(score["基础方案"]) <= 100
    change = score["加大广告 相比第一个"]
    assert float(change.replace("−", "-")) == pytest.approx(
        int(score["加大广告"]) - int(score["基础方案"]), abs=1.0
    )


def test_plans_with_different_saved_ranges_show_them_as_text(store):
    from core.model.stored_ranges import StoredRange

    ranges = {"ads.cpc": StoredRange(low=0.5, high=3.0)}
    store.save("我的区间", default_scenario().model_copy(update={"ranges": ranges}))
    at = run_app(page=PAGE)
    saved = ids(store)
    at.multiselect(key="compare:pick").set_value([saved["基础方案"], saved["我的区间"]]).run()
    assert not at.exception
    row = at.dataframe[1].value.set_index("字段").loc["假设的区间"].tolist()
    assert row == ["无（取默认区间）", "单次点击成本 CPC：¥0.50 – ¥3.00（自定义）"]


def test_the_saved_mix_scores_follow_the_summary_weights(store):
    at = run_app(page=PAGE)
    saved = ids(store)
    at.multiselect(key="compare:pick").set_value([saved["基础方案"], saved["加大广告"]]).run()
    row = at.dataframe[0].value.set_index("指标").loc["综合评分（0–100）"]
    at.session_state["summary:weight:return"] = 100
    for name in ("speed", "cash", "risk", "fit"):
        at.session_state[f"summary:weight:{name}"] = 0
    at.run()
    assert not at.exception
    only_return = at.dataframe[0].value.set_index("指标").loc["综合评分（0–100）"]
    assert only_return.tolist() != row.tolist()


def test_the_scenario_being_edited_against_a_saved_one_in_english(store):
    at = run_app("en", page=PAGE)
    at.toggle(key="compare:current").set_value(True).run()
    at.multiselect(key="compare:pick").set_value([ids(store)["加大广告"]]).run()
    kpis = at.dataframe[0].value
    assert list(kpis.columns) == ["Metric", "Being edited", "加大广告", "加大广告 vs the first"]
    assert kpis[kpis["Metric"] == "NPV"].iloc[0]["Being edited"] == "−¥86.9k"


def test_same_plans_have_no_differing_assumptions(store):
    at = run_app(page=PAGE)
    at.toggle(key="compare:current").set_value(True).run()
    at.multiselect(key="compare:pick").set_value([ids(store)["基础方案"]]).run()
    assert any(c.value == "这些方案的假设完全相同。" for c in at.caption)


def test_manage_saved_scenarios(store):
    at = run_app(page=PAGE)
    saved = ids(store)
    at.selectbox(key="store:pick").set_value(saved["基础方案"]).run()
    at.text_input(key=f"store:rename:{saved['基础方案']}").set_value("基础 方案 v2").run()
    click(at, "store:rename")
    assert at.success[0].value == "已重命名为：基础 方案 v2"
    click(at, "store:duplicate")
    assert at.success[0].value == "已复制为：基础 方案 v2 副本"
    assert set(ids(store)) == {"基础 方案 v2", "基础 方案 v2 副本", "加大广告"}
    at.selectbox(key="store:pick").set_value(ids(store)["加大广告"]).run()
    at.text_input(key=f"store:rename:{saved['加大广告']}").set_value("基础 方案 v2").run()
    click(at, "store:rename")
    assert at.error[0].value == "已有名为“基础 方案 v2”的方案"
    click(at, "store:open")
    assert "已打开：加大广告" in at.success[0].value
    assert at.session_state["scenario:state"].values["ads.monthly_budget"] == 90_000.0
    click(at, "store:delete")
    assert "加大广告" not in ids(store)
