"""AppTest: the Customers page analyses a sample or an upload and calibrates the scenario."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pages.conftest import run_app

PAGE = "pages/customers.py"


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pseudonym secret goes to a test folder, not the user's home."""
    monkeypatch.setenv("MONETIZATION_STUDIO_HOME", str(tmp_path / "home"))


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def test_cdnow_in_one_click_then_calibrate_and_undo_in_chinese():
    at = run_app("zh-CN", PAGE)
    assert at.title[0].value == "客户价值"
    assert not at.metric  # nothing chosen yet
    at.segmented_control(key="cust:source").set_value("cdnow").run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("DuckDB" in c and "6,919 笔订单" in c for c in captions(at))
    assert any("金额原为美元" in c for c in captions(at))  # shown with ¥, not converted
    # 1,959 orders after the calibration end: the ¥17.3万 below leaves them out, and says so
    assert "其中 1,959 笔订单在 1997-09-30 之后：留作检验，不计入下列数字。" in captions(at)
    assert [m.value for m in at.metric][:2] == ["2,357", "¥17.3万"]
    segments = at.dataframe[0].value
    assert "重要价值客户" in set(segments["分层"])
    assert any("前 15% 的客户贡献了" in m.value for m in at.markdown)
    params = next(c for c in captions(at) if c.startswith("BG/NBD"))
    assert "r = 0.243" in params
    assert "α = 4.414" in params
    assert "p = 6.25" in params
    # P(alive) per segment counts repeat buyers only: CDNOW's "lost" customers all bought
    # once (BG/NBD would call every one of them alive).
    value = at.dataframe[1].value.set_index("分层")
    assert list(value.index[:2]) == ["重要价值客户", "忠诚客户"]  # segment order, best first
    assert value.loc["已流失客户", "只买过一次"] == "100.0%"
    assert value.loc["已流失客户", "复购客户仍活跃概率"] == "—"
    assert value.loc["重要价值客户", "只买过一次"] == "0.0%"
    assert any("的客户只买过一次" in m.value for m in at.markdown)
    at.button(key="cust:cal_orders").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("已填入 5 项假设，来源：你的数据（1997-01-01")
    applied = at.dataframe[2].value
    assert set(applied["来源"]) == {"你的数据，1997-01-01 至 1997-09-30"}
    aov = at.session_state["scenario:state"].values["private_domain.aov"]
    assert aov == pytest.approx(34.90, abs=0.01)
    at.button(key="changes:undo").click().run()
    assert at.session_state["scenario:state"].values["private_domain.aov"] == 236.0


def test_the_time_unit_changes_the_fit_in_english():
    at = run_app("en", PAGE)
    at.segmented_control(key="cust:source").set_value("cdnow").run()
    weeks = next(c for c in captions(at) if c.startswith("BG/NBD"))
    assert "log-likelihood" in weeks
    at.selectbox(key="cust:unit@en").set_value("day").run()
    assert not at.exception
    days = next(c for c in captions(at) if c.startswith("BG/NBD"))
    assert days != weeks
    assert "Champions" in set(at.dataframe[0].value["Segment"])


def test_the_time_unit_survives_a_language_switch_relabelled():
    """After a switch the box showed the old language's label ("天" on the English page)."""
    at = run_app("zh-CN", PAGE)
    at.segmented_control(key="cust:source").set_value("cdnow").run()
    at.selectbox(key="cust:unit@zh-CN").set_value("day").run()
    at.session_state["session:locale"] = "en"
    at.run()
    unit = at.selectbox(key="cust:unit@en")
    assert unit.value == "day"
    assert unit.options[unit.index] == "day"  # not "天"


def test_the_demo_store_says_it_is_a_sample_spread_over_every_cohort():
    """It read the first 40,000 customers without saying so: nearly all January 2024's,
    so the cohort heatmap was one bright cell."""
    at = run_app("en", PAGE)
    at.segmented_control(key="cust:source").set_value("demo").run()
    assert not at.exception
    assert any(c.startswith("A sample of the demo store: 1 customer in 15") for c in captions(at))
    assert any("84.5k orders read" in c for c in captions(at))
