"""AppTest: the Risk page renders in both languages and its widgets move the numbers."""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from core.data.scenario_store import ScenarioStore
from core.model.risks import SHIPPED_REGISTER
from core.model.scenario import scenario_from_json, scenario_to_json
from core.text.catalog import t
from tests.conftest import IDLE_MONEY
from tests.pages.conftest import metric, run_app

PAGE = "pages/risk.py"
P_LOSS = {"zh-CN": "亏损概率", "en": "P(loss)"}
DATA_BREACH = [r.id for r in SHIPPED_REGISTER].index("data_breach")


def risk_page(lang: str = "zh-CN") -> AppTest:
    return run_app(lang, PAGE)


def matrix(at: AppTest) -> dict:
    """The risk matrix figure (the chart whose points are the risks)."""
    figures = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return next(f for f in figures if f["data"][0]["type"] == "heatmap")


def point_of(at: AppTest, number: int) -> tuple[float, float]:
    """Position of risk ``number`` (1-based, as labelled) on the matrix."""
    points = matrix(at)["data"][1]
    index = points["text"].index(str(number))
    return points["x"][index], points["y"][index]


def focus(at: AppTest, risk_id: str) -> AppTest:
    box = next(s for s in at.selectbox if s.key.startswith("risk:register:focus@"))
    box.set_value(risk_id).run()
    assert not at.exception
    return at


def likelihood_control(at: AppTest, field: str = "likelihood"):
    prefix = f"risk:register:focus:{field}:"
    return next(b for b in at.button_group if b.key.startswith(prefix))


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_renders_in_both_languages(lang):
    at = risk_page(lang)
    assert at.title[0].value == {"zh-CN": "风险", "en": "Risk"}[lang]
    assert metric(at, P_LOSS[lang]).endswith("%")
    assert len(at.metric) == 5
    gap = {"zh-CN": "方案的 NPV 为 −¥8.69万；模拟的中位数为", "en": "the plan's NPV is −¥86.9k;"}
    assert any(gap[lang] in c.value for c in at.caption)  # why the median is not the NPV
    title = matrix(at)["layout"]["title"]["text"]
    assert (
        title
        == {"zh-CN": "可能性 × 影响（应对前）", "en": "Likelihood × impact (before mitigation)"}[
            lang
        ]
    )
    headings = [m.value for m in at.markdown]
    assert any(t.endswith("风险登记册" if lang == "zh-CN" else "Risk register") for t in headings)


def test_a_likelihood_moves_the_matrix_and_p_loss():
    at = focus(risk_page(), "data_breach")
    before = metric(at, P_LOSS["zh-CN"])
    x_before, _ = point_of(at, DATA_BREACH + 1)
    control = likelihood_control(at)
    assert control.value == 2
    control.set_value(5).run()
    assert not at.exception
    x_after, _ = point_of(at, DATA_BREACH + 1)
    assert round(x_after) == 5
    assert round(x_before) == 2
    assert metric(at, P_LOSS["zh-CN"]) != before


def test_residual_view_moves_points_and_changes_the_simulation():
    at = risk_page("en")
    before = metric(at, "P(loss)")
    position = point_of(at, DATA_BREACH + 1)
    at.button_group(key="risk:basis").set_value("residual").run()
    assert not at.exception
    assert matrix(at)["layout"]["title"]["text"] == "Likelihood × impact (after mitigation)"
    assert point_of(at, DATA_BREACH + 1) != position
    assert metric(at, "P(loss)") != before
    # why the loss probability rises after mitigation: it costs more than it saves
    assert any(
        c.value.startswith("The view after mitigation pays for the mitigations: ¥210k a year")
        and "cost more than they save" in c.value
        for c in at.caption
    )


def test_without_events_or_with_other_draws_the_numbers_change():
    at = risk_page("en")
    before = metric(at, "P(loss)")
    at.toggle(key="risk:events").set_value(False).run()
    without = metric(at, "P(loss)")
    assert without != before
    at.number_input(key="risk:seed").set_value(7).run()
    assert not at.exception
    assert metric(at, "NPV P50") != without or metric(at, "P(loss)") != without


def test_the_distribution_switches_to_a_strategy():
    at = risk_page("en")
    at.button_group(key="risk:distribution").set_value("ads").run()
    assert not at.exception
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert any(t.startswith("NPV distribution · Paid ads") for t in titles)


def stress_table(at: AppTest):
    return next(d.value for d in at.dataframe if "Shock" in getattr(d.value, "columns", ()))


def test_the_stress_test_takes_an_own_combination():
    at = risk_page("en")
    rows = len(stress_table(at))
    at.multiselect(key="risk:stress_own@en").set_value(["stockout", "cpc_surge"]).run()
    assert not at.exception
    table = stress_table(at)
    assert len(table) == rows + 4  # three strategies and the plan
    own = table[table["Shock"] == "Your combination"]
    plan = own[own["Strategy"] == "Plan total"]
    assert plan["Change in NPV"].iloc[0].startswith("−¥")


def test_disabling_every_strategy_says_so():
    at = risk_page("en")
    state = at.session_state["scenario:state"]
    for key in ("ads", "content", "private_domain"):
        state.values[f"{key}.enabled"] = False
    at.run()
    assert not at.exception
    assert at.warning[0].value == "Switch on at least one strategy."


# --- the register editor's rules, on their own ---------------------------------------------


def _register_script(rows_patch: dict, lang: str) -> None:
    import json

    import streamlit as st

    from pages.components.risk_register import (
        register_data,
        register_problems,
        register_rows,
        save_register,
    )
    from pages.components.scenario_state import scenario_state

    state = scenario_state()
    if "done" not in st.session_state:
        rows = register_rows(state.scenario().risks, lang)
        for index, patch in rows_patch.items():
            if index >= len(rows):
                rows.append(patch)
            else:
                rows[index].update(patch)
        st.session_state["done"] = save_register(state, register_data(rows, lang))
    for line in register_problems(lang):
        st.error(line)
    st.text(str(st.session_state["done"]))
    st.code(json.dumps(state.scenario().model_dump(mode="json")["risks"], ensure_ascii=False))


def run_register(patch: dict, lang: str = "zh-CN") -> AppTest:
    at = AppTest.from_function(_register_script, args=(patch, lang)).run()
    assert not at.exception
    return at


def test_unchanged_rows_store_no_text_so_each_language_reads_its_own():
    for lang in ("zh-CN", "en"):
        at = run_register({}, lang)
        risks = json.loads(at.code[0].value)
        assert risks == [r.model_dump(mode="json") for r in SHIPPED_REGISTER]


def test_a_good_edit_is_saved_and_round_trips_through_the_file():
    at = run_register({0: {"likelihood": 5, "name": "我的流量风险"}, 12: {"name": "新风险"}})
    assert at.text[0].value == "True"
    risks = json.loads(at.code[0].value)
    assert risks[0]["likelihood"] == 5
    assert risks[0]["name"] == "我的流量风险"
    assert risks[0]["description"] == ""  # still the shipped text
    assert risks[12]["id"] == "risk_13"
    assert risks[12]["impact"] == 3
    state = at.session_state["scenario:state"]
    scenario = state.scenario()
    assert scenario_from_json(scenario_to_json(scenario)).risks == scenario.risks


@pytest.mark.parametrize(
    ("patch", "lang", "message"),
    [
        (
            {0: {"residual_likelihood": 5}},
            "zh-CN",
            "流量成本持续上涨：应对后的可能性或影响不能高于应对前",
        ),
        (
            {1: {"likelihood": 7}},
            "en",
            "Consumer preferences shift fast · Likelihood must be",
        ),
        ({1: {"impact": None}}, "en", "needs an impact score"),
        ({12: {"name": "x", "id": "data_breach"}}, "zh-CN", "编号重复"),
    ],
)
def test_a_bad_edit_is_explained_and_changes_nothing(patch, lang, message):
    at = run_register(patch, lang)
    assert at.text[0].value == "False"
    assert any(message in e.value for e in at.error), [e.value for e in at.error]
    risks = json.loads(at.code[0].value)
    assert risks == [r.model_dump(mode="json") for r in SHIPPED_REGISTER]


def _risk_return_script() -> None:
    from core.analysis.uncertainty import SimulationSetup
    from core.model.paths import with_values
    from core.model.scenario import default_scenario
    from pages.components.cache import simulation
    from pages.components.risk_views import risk_return
    from pages.components.uncertainty_view import ranges_for

    setup = SimulationSetup(draws=300)
    current = default_scenario()
    cautious = with_values(current, {"ads.enabled": False})
    result = simulation(current, ranges_for(current), setup, lambda _: None)
    risk_return(result, [("当前", current), ("不投广告", cautious)], setup, "zh-CN")


def test_risk_return_shows_each_strategy_and_every_mix():
    at = AppTest.from_function(_risk_return_script, default_timeout=60).run()
    assert not at.exception
    chart = next(e for e in at.main if e.type == "plotly_chart")
    figure = json.loads(chart.proto.spec)
    labels = [trace["text"][0] for trace in figure["data"]]
    assert labels == ["广告投放", "内容与直播", "私域运营", "当前", "不投广告"]
    hovers = {trace["text"][0]: trace["customdata"][0] for trace in figure["data"]}
    assert re.match(r"预期净现值 −?¥", hovers["当前"])
    assert hovers["当前"] != hovers["不投广告"]


def _ranges_script() -> None:
    import streamlit as st

    from pages.components.scenario_state import scenario_state
    from pages.components.uncertainty_view import uncertainty_ranges

    ranges = uncertainty_ranges(scenario_state(), st.session_state["lang"])
    st.json({path: [r.low, r.high, r.source] for path, r in ranges.items()})


SOURCE_LABELS = {"zh-CN": {"基准数据", "默认 ±20%"}, "en": {"Benchmark table", "Default ±20%"}}


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_the_benchmark_table_is_the_default_uncertainty_and_says_so(lang):
    from core.analysis.uncertainty import default_ranges
    from core.data.ranges import driver_ranges
    from core.data.store import DataStore
    from core.model.scenario import default_scenario

    at = AppTest.from_function(_ranges_script, default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    shown = json.loads(at.json[0].value)
    scenario = default_scenario()
    evidence = driver_ranges(DataStore(), scenario.business.category)
    expected = default_ranges(scenario, {p: (e.low, e.high) for p, e in evidence.items()})
    assert shown == {p: [r.low, r.high, r.source] for p, r in expected.items()}
    assert {"benchmark", "default"} <= {source for _, _, source in shown.values()}
    table = at.dataframe[0].value
    assert set(table["source"]) == SOURCE_LABELS[lang]


def risk_return_points(at: AppTest) -> dict[str, str]:
    """Label → hover text of every point on the risk–return chart."""
    figures = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    figure = next(f for f in figures if f["layout"]["title"]["text"] in RISK_RETURN_TITLES)
    return {trace["text"][0]: trace["customdata"][0] for trace in figure["data"]}


RISK_RETURN_TITLES = ("预期净现值与最差 5% 平均净现值", "Expected NPV against expected shortfall")


@pytest.mark.parametrize(
    ("lang", "this_plan", "name", "shown"),
    [
        ("zh-CN", "当前组合", "基线 <b>方案</b>", "基线 &lt;b&gt;方案&lt;/b&gt;"),
        ("en", "This plan", "", "Mix "),
    ],
)
def test_a_saved_mix_stays_on_the_risk_return_chart_as_the_plan_changes(
    lang, this_plan, name, shown
):
    at = focus(risk_page(lang), "data_breach")
    before = set(risk_return_points(at))
    next(i for i in at.text_input if i.key.startswith("risk:mix_name@")).input(name)
    next(b for b in at.button if b.key == "risk:keep_mix").click().run()
    assert not at.exception
    kept = risk_return_points(at)
    (label,) = set(kept) - before  # the name typed (as plain text), else "Mix N"
    assert label.startswith(shown)
    assert kept[label] == kept[this_plan]
    saved = {s.name: s.id for s in ScenarioStore().saved()}
    assert " ".join(name.split()) in saved if name else any(n.startswith("Mix ") for n in saved)
    likelihood_control(at).set_value(5).run()
    assert not at.exception
    moved = risk_return_points(at)
    assert moved[label] == kept[label]
    assert moved[this_plan] != kept[this_plan]
    at.multiselect(key="risk:mix_pick").set_value([]).run()
    assert label not in risk_return_points(at)


def test_the_npv_histogram_counts_extreme_draws_in_its_end_bins():
    import numpy as np

    from pages.components.risk_charts import histogram

    npv = np.concatenate([np.linspace(-100.0, 100.0, 998), [-5_000_000.0, 9_000_000.0]])
    h = histogram(npv, bins=10)
    assert h.shares.sum() == pytest.approx(1.0)
    assert h.edges[0] > -200.0
    assert h.edges[-1] < 200.0
    assert h.shares[0] >= 1 / 1000
    assert h.shares[-1] >= 1 / 1000
    same = histogram(np.full(50, 7.0), bins=10)
    assert same.shares.sum() == pytest.approx(1.0)


def test_the_risk_figures_hover_over_the_nearest_point():
    import numpy as np

    from core.analysis.uncertainty import Statistics
    from pages.components.risk_charts import (
        RiskReturnPoint,
        npv_distribution_figure,
        risk_matrix_figure,
        risk_return_figure,
    )

    matrix = risk_matrix_figure([], "inherent", "sme", "zh-CN")
    assert matrix.layout.hovermode == "closest"
    npv = np.linspace(-1e5, 2e5, 101)
    stats = Statistics(101, 5e4, -8.5e4, 5e4, 1.85e5, 0.33, -9.5e4, None, None, None, 0.5, 12, 1e5)
    assert npv_distribution_figure(npv, stats, "x", "en").layout.hovermode == "closest"
    point = RiskReturnPoint("a", 1.0, -1.0, 0.5, "#000000")
    assert risk_return_figure([point], "en").layout.hovermode == "closest"


def _refused_range_script() -> None:
    import streamlit as st

    from pages.components.scenario_state import scenario_state
    from pages.components.uncertainty_view import _save, uncertainty_ranges

    state = scenario_state()
    if "done" not in st.session_state:
        st.session_state["done"] = True
        _save(state, {"ads.cpc": {"low": 5.0, "high": 2.0, "source": "user"}})
    uncertainty_ranges(state, st.session_state["lang"])


def test_a_refused_range_is_retold_in_the_language_switched_to():
    """The error is kept, not its text: after a switch to English it reads in English."""
    at = AppTest.from_function(_refused_range_script, default_timeout=60)
    at.session_state["lang"] = "zh-CN"
    at.run()
    assert "下限高于上限" in at.error[0].value
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert "下限" not in at.error[0].value
    assert at.error[0].value.startswith("Ranges of the assumptions · Cost per click (CPC)")


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_a_plan_where_nothing_happens_is_not_simulated(lang):
    """An idle plan showed P(loss) 46 %: the register's one-off losses, with no business."""
    at = risk_page(lang)
    state = at.session_state["scenario:state"]
    for path in IDLE_MONEY:
        state.values[path] = 0.0
    at.run()
    assert not at.exception
    assert at.info[0].value == t("risk.idle", lang)
    assert not [m for m in at.metric if m.label == P_LOSS[lang]]
    assert any(s.key.startswith("risk:register:focus@") for s in at.selectbox)  # editable
