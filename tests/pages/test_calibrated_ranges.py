"""Values set from the user's data bring their range into the Monte Carlo, saved with the
scenario; ranges typed on the Risk page are saved too, and a bad one is explained."""

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from core.data.orders.calibration import CalibratedValue, apply_calibration
from core.model.scenario import default_scenario, scenario_from_json, scenario_to_json
from core.model.stored_ranges import StoredRange

CHURN = CalibratedValue(
    "private_domain.monthly_churn", 0.06, 0.03, 0.09, dt.date(2024, 1, 1), dt.date(2024, 12, 31)
)


def test_a_calibration_saves_its_range_and_dates_in_the_scenario():
    point = CalibratedValue("ads.cvr", 0.03, 0.03, 0.03, dt.date(2024, 1, 1), dt.date(2024, 1, 31))
    scenario = apply_calibration(default_scenario(), [CHURN, point])
    assert scenario.private_domain.monthly_churn == 0.06
    assert scenario.ranges == {
        "private_domain.monthly_churn": StoredRange(
            low=0.03, high=0.09, source="data", first=CHURN.first, last=CHURN.last
        )
    }  # one month gave CVR no spread: it keeps the default range, not certainty
    assert scenario_from_json(scenario_to_json(scenario)) == scenario


def _ranges_app() -> None:
    import streamlit as st

    from core.data.orders.calibration import apply_calibration
    from pages.components.scenario_state import scenario_state
    from pages.components.uncertainty_view import uncertainty_ranges

    state = scenario_state()
    if st.session_state.get("calibrate"):
        state.load(apply_calibration(state.scenario(), st.session_state.pop("calibrate")))
    ranges = uncertainty_ranges(state, st.session_state["lang"])
    churn, cvr = ranges["private_domain.monthly_churn"], ranges["ads.cvr"]
    st.write(f"{churn.low} {churn.mode} {churn.high} {churn.source} / {cvr.source}")


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("zh-CN", "你的数据（2024-01-01 至 2024-12-31）"),
        ("en", "Your data (2024-01-01 to 2024-12-31)"),
    ],
)
def test_a_calibrated_range_is_the_simulations_range_and_names_its_dates(lang, label):
    at = AppTest.from_function(_ranges_app, default_timeout=60)
    at.session_state["lang"] = lang
    at.session_state["calibrate"] = [CHURN]
    at.run()
    assert not at.exception
    # The calibrated churn 6 % is the mode; the data's 10th–90th percentiles 3–9 % the
    # range; drivers the data did not set keep their defaults.
    assert at.markdown[-1].value == "0.03 0.06 0.09 data / benchmark"
    table = at.dataframe[0].value
    assert label in set(table["source"])


def _edit_app() -> None:
    import json

    import streamlit as st

    from pages.components.scenario_state import scenario_state
    from pages.components.uncertainty_view import _apply, ranges_for, uncertainty_ranges

    lang = st.session_state["lang"]
    state = scenario_state()
    edits = st.session_state.pop("edits", None)
    if edits is not None:  # what the table editor's on_change receives
        ranges = ranges_for(state.scenario())
        paths = list(ranges)
        rows = {str(paths.index(path)): change for path, change in edits.items()}
        st.session_state["editor"] = {"edited_rows": rows}
        _apply(state, paths, ranges, "editor", lang)
    uncertainty_ranges(state, lang)
    st.code(json.dumps(state.scenario().model_dump(mode="json")["ranges"]))


def edit(at: AppTest, edits: dict) -> dict:
    at.session_state["edits"] = edits
    at.run()
    assert not at.exception
    return json.loads(at.code[0].value)


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_a_typed_range_is_saved_in_the_scenario_and_an_emptied_cell_drops_it(lang):
    at = AppTest.from_function(_edit_app, default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    # CPC ¥1.00 shown as 1; the user types a high of ¥3 (the low stays as shown, ¥0.50).
    saved = edit(at, {"ads.cpc": {"high": 3.0}})
    assert saved == {
        "ads.cpc": {"low": 0.5, "high": 3.0, "source": "user", "first": None, "last": None}
    }
    table = at.dataframe[0].value
    assert {"zh-CN": "自定义", "en": "Your own"}[lang] in set(table["source"])
    assert edit(at, {"ads.cpc": {"high": None}}) == {}


@pytest.mark.parametrize(
    ("lang", "message"),
    [("zh-CN", "下限高于上限"), ("en", "the low is above the high")],
)
def test_a_low_above_the_high_is_explained_and_nothing_is_saved(lang, message):
    at = AppTest.from_function(_edit_app, default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    assert edit(at, {"ads.cpc": {"low": 3.0, "high": 2.0}}) == {}
    assert any(message in e.value for e in at.error), [e.value for e in at.error]
