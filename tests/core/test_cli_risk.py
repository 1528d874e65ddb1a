"""``python -m core simulate`` and ``risks``: strict JSON, reproducible, one-line errors."""

import json

import pytest

from core.model.risks import SHIPPED_REGISTER
from tests.cli_helpers import run_cli

STATS = {"p5", "p50", "p95", "mean", "p_loss", "expected_shortfall", "p_paid_back"}


@pytest.fixture(scope="module")
def example_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "scenario.json"
    path.write_text(run_cli("example").stdout, encoding="utf-8")
    return path


def test_simulate_json_has_the_statistics_per_strategy_and_total(example_file):
    done = run_cli("simulate", str(example_file), "--draws", "800", "--seed", "7", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report["strategies"]) == {"ads", "content", "private_domain"}
    for block in [*report["strategies"].values(), report["total"]]:
        assert set(block) >= STATS
        assert block["p5"] <= block["p50"] <= block["p95"]
        assert block["expected_shortfall"] <= block["p5"]
        assert 0 <= block["p_loss"] <= 1
    assert report["draws"] == 800
    assert report["ranges"]["ads.cvr"]["source"] in {"benchmark", "default"}
    again = run_cli("simulate", str(example_file), "--draws", "800", "--seed", "7", "--json")
    assert json.loads(again.stdout) == report  # a fixed seed reproduces the run


def test_simulate_residual_without_events(example_file):
    done = run_cli(
        "simulate", str(example_file), "--draws", "300", "--residual", "--no-events", "--json"
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["basis"] == "residual"


@pytest.mark.parametrize("draws", ["0", "100001", "-5"])
def test_too_many_or_too_few_draws_is_one_clear_line(example_file, draws):
    done = run_cli("simulate", str(example_file), "--draws", draws)
    assert done.returncode == 2
    assert done.stderr.strip() == "error: --draws must be between 1 and 100,000"
    assert not done.stdout


def test_risks_json_lists_the_register_with_sources(example_file):
    done = run_cli("risks", str(example_file), "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["risks"]
    assert [row["id"] for row in rows] == [risk.id for risk in SHIPPED_REGISTER]
    for row in rows:
        assert {"likelihood", "impact", "residual_likelihood", "residual_impact"} <= set(row)
        assert row["source"]
        assert 1 <= row["impact"] <= 5
        assert row["residual_likelihood"] <= row["likelihood"]
    breach = next(row for row in rows if row["id"] == "data_breach")
    assert breach["impact_from_model"] is True
    # A small business's breach: the ¥5万 fine (the documents' ¥5m platform fine ÷ 100)
    # and a fifth of its members, so more than the fine alone.
    assert breach["loss"] > 50_000
    assert breach["expected_loss"] == pytest.approx(breach["probability"] * breach["loss"])


def test_risks_in_chinese_and_a_bad_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"risks": [{"id": "x", "likelihood": 9}]}), encoding="utf-8")
    done = run_cli("risks", str(bad), "--lang", "zh-CN")
    assert done.returncode == 2
    assert done.stderr.startswith("error: ")
    assert "risks.0" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_default_uncertainty_is_the_benchmark_table_near_the_value_else_twenty_percent(
    example_file,
):
    from core.analysis.uncertainty import (
        ADDITIVE_SPREAD,
        DEFAULT_WIDTH,
        LOGNORMAL_UNITS,
        MULTIPLICATIVE_SPREAD,
    )
    from core.data.ranges import driver_ranges
    from core.data.store import DataStore
    from core.model.paths import driver_spec, value_at
    from core.model.scenario import scenario_from_json

    scenario = scenario_from_json(example_file.read_text(encoding="utf-8"))
    evidence = driver_ranges(DataStore(), scenario.business.category)
    done = run_cli("simulate", str(example_file), "--draws", "50", "--json")
    ranges = json.loads(done.stdout)["ranges"]
    benchmark = {path for path, r in ranges.items() if r["source"] == "benchmark"}
    assert benchmark == set(ranges) & set(evidence)
    assert len(benchmark) >= 5
    assert DEFAULT_WIDTH == 0.2
    for path, r in ranges.items():
        spec, mode = driver_spec(path), value_at(scenario, path)
        if path in evidence:
            # The table's span, cut to half–double (multiplicative) or ±50 % of the value.
            if spec.unit in LOGNORMAL_UNITS:
                floor, ceiling = mode / MULTIPLICATIVE_SPREAD, mode * MULTIPLICATIVE_SPREAD
            else:
                floor, ceiling = mode * (1 - ADDITIVE_SPREAD), mode * (1 + ADDITIVE_SPREAD)
            low = max(evidence[path].low, min(floor, ceiling))
            high = min(evidence[path].high, max(floor, ceiling))
        else:
            assert r["source"] == "default"
            low, high = mode * 0.8, mode * 1.2
        expected = (spec.clip(min(low, mode)), mode, spec.clip(max(high, mode)))
        assert (r["low"], r["mode"], r["high"]) == pytest.approx(expected), path


def test_simulate_draws_from_the_ranges_saved_in_the_file(example_file, tmp_path):
    data = json.loads(example_file.read_text(encoding="utf-8"))
    data["ranges"] = {"ads.cpc": {"low": 0.8, "high": 3.0, "source": "user"}}
    own = tmp_path / "own.json"
    own.write_text(json.dumps(data), encoding="utf-8")
    args = ("--draws", "400", "--seed", "7", "--json")
    report = json.loads(run_cli("simulate", str(own), *args).stdout)
    cpc = report["ranges"]["ads.cpc"]
    assert (cpc["low"], cpc["mode"], cpc["high"], cpc["source"]) == (0.8, 1.0, 3.0, "user")
    plain = json.loads(run_cli("simulate", str(example_file), *args).stdout)
    assert report["total"]["p50"] != plain["total"]["p50"]
