"""The scores' risk figures from the Monte Carlo and the register."""

import io

import pytest
from openpyxl import load_workbook

from core.analysis.risk import TOTAL, assess_risks
from core.analysis.risk_figures import DECISION_DRAWS, simulated_risk, top_register_risks
from core.analysis.uncertainty import SimulationSetup, default_ranges, scenario_ranges, simulate
from core.data.store import DataStore
from core.export.summary import build_decision
from core.export.workbook import workbook_bytes
from core.model.scenario import default_scenario
from core.model.stored_ranges import StoredRange
from core.text.decision import register_risk_text


def test_the_figures_are_the_monte_carlo_and_the_residual_register():
    scenario = default_scenario()
    figures = simulated_risk(scenario, {})
    simulation = simulate(scenario, default_ranges(scenario, {}), SimulationSetup(DECISION_DRAWS))
    assert set(figures) == {*scenario.enabled_keys(), TOTAL}
    for key, value in figures.items():
        assert value.basis == "simulation"
        assert value.p_loss == simulation.stats(key).p_loss
        assert value.expected_shortfall == simulation.stats(key).expected_shortfall
    plan_loss = sum(a.expected_loss("residual") or 0.0 for a in assess_risks(scenario))
    assert figures[TOTAL].register_exposure == pytest.approx(max(0.0, plan_loss))
    ads_loss = sum(
        a.expected_loss("residual") or 0.0
        for a in assess_risks(scenario)
        if "ads" in a.risk.strategies
    )
    assert figures["ads"].register_exposure == pytest.approx(max(0.0, ads_loss))


def test_the_figures_draw_from_the_ranges_saved_with_the_scenario():
    # The summary's risk score uses the ranges the Risk page shows, saved in the file.
    scenario = default_scenario()
    wide = scenario.model_copy(
        update={"ranges": {"business.gross_margin": StoredRange(low=0.2, high=0.6)}}
    )
    figures = simulated_risk(wide, {})
    simulation = simulate(wide, scenario_ranges(wide, {}), SimulationSetup(DECISION_DRAWS))
    assert figures[TOTAL].p_loss == simulation.stats(TOTAL).p_loss
    assert figures[TOTAL].p_loss != simulated_risk(scenario, {})[TOTAL].p_loss


def test_the_same_scenario_gives_the_same_figures():
    scenario = default_scenario()
    assert simulated_risk(scenario, {}) == simulated_risk(scenario, {})


def test_without_a_register_there_is_no_exposure():
    scenario = default_scenario().model_copy(update={"risks": ()})
    assert all(f.register_exposure is None for f in simulated_risk(scenario, {}).values())
    assert top_register_risks(scenario) == []


def test_the_top_risks_are_ranked_by_residual_expected_loss():
    top = top_register_risks(default_scenario(), 3)
    losses = [a.expected_loss("residual") or 0.0 for a in top]
    assert len(top) == 3
    assert losses == sorted(losses, reverse=True)
    everything = [a.expected_loss("residual") or 0.0 for a in assess_risks(default_scenario())]
    assert losses[0] == max(everything)
    assert "expected loss ¥" in register_risk_text(top[0], "en")
    assert "预期损失 ¥" in register_risk_text(top[0], "zh-CN")


def test_the_cli_decision_uses_the_simulation_and_the_workbook_holds_the_register():
    decision = build_decision(default_scenario(), DataStore())
    assert decision.scores[TOTAL].risk.basis == "simulation"
    assert len(decision.register) == 3
    book = load_workbook(io.BytesIO(workbook_bytes(decision, "en")))
    sheet = book.worksheets[-1]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(assess_risks(default_scenario()))
    assert all(isinstance(r[3], int) and isinstance(r[4], int) for r in rows)


def test_a_risk_name_that_looks_like_a_formula_stays_text():
    scenario = default_scenario()
    first = scenario.risks[0].model_copy(update={"name": '=HYPERLINK("x")'})
    scenario = scenario.model_copy(update={"risks": (first, *scenario.risks[1:])})
    decision = build_decision(scenario, DataStore())
    sheet = load_workbook(io.BytesIO(workbook_bytes(decision, "en"))).worksheets[-1]
    cell = next(c for c in sheet["B"] if c.value == '=HYPERLINK("x")')
    assert cell.data_type == "s"
