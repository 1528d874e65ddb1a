"""``python -m core optimize`` and ``evaluate --allocation``."""

import json

import pytest

from core.cli import main
from tests.cli_helpers import run_cli


def test_optimized_npv_is_what_evaluate_reports_for_that_allocation(example_file, tmp_path):
    done = run_cli("optimize", str(example_file), "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["objective_name"] == "npv"
    assert out["feasible"] is True
    assert set(out["allocation"]) == {"ads", "content", "private_domain"}
    assert sum(out["allocation"].values()) == pytest.approx(63_000.0)  # the file's own total
    optimised = tmp_path / "optimised.json"
    optimised.write_text(json.dumps(out["scenario"]), encoding="utf-8")
    report = json.loads(run_cli("evaluate", str(optimised), "--json").stdout)
    assert report["total"]["npv"] == pytest.approx(out["objective"], rel=1e-12)
    split = ",".join(f"{k}={v!r}" for k, v in out["allocation"].items())
    again = run_cli("evaluate", str(example_file), "--allocation", split, "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["total"]["npv"] == pytest.approx(out["objective"], rel=1e-12)
    before = json.loads(run_cli("evaluate", str(example_file), "--json").stdout)
    assert out["objective"] >= before["total"]["npv"]


def test_objective_budget_and_floor(example_file, capsys):
    code = main(
        [
            "optimize",
            str(example_file),
            "--objective",
            "net_revenue",
            "--budget",
            "100000",
            "--min-gmv-roas",
            "4.3",
            "--json",
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert sum(out["allocation"].values()) == pytest.approx(100_000.0)
    assert out["objective"] > 0
    assert out["scenario"]["ads"]["monthly_budget"] == pytest.approx(out["allocation"]["ads"])


def test_impossible_constraints_exit_1_with_the_least_bad_split(example_file, capsys):
    code = main(["optimize", str(example_file), "--max-payback-month", "1", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert out["feasible"] is False
    assert out["violated"] == ["payback"]


def test_table_in_chinese(example_file, capsys):
    assert main(["optimize", str(example_file), "--lang", "zh-CN"]) == 0
    text = capsys.readouterr().out
    assert "优化后" in text
    assert "广告投放" in text
    assert "净现值 NPV: −¥3,363" in text  # the best ¥6.3万 split still ends below zero
    assert "万" in text


@pytest.mark.parametrize(
    ("allocation", "message"),
    [
        ("ads=1,tv=2", "no strategy named “tv”"),
        ("ads=1,ads=2", "“ads” is given twice"),
        ("ads", "is not of the form strategy=amount"),
        ("ads=-5", "the amount must be a number of yuan from 0 to 100,000,000"),
        ("ads=1e9", "the amount must be a number"),
        ("ads=nan", "the amount must be a number"),
        ("ads=lots", "the amount must be a number"),
        (",", "no amounts given"),
    ],
)
def test_a_bad_allocation_exits_2_with_one_line(example_file, capsys, allocation, message):
    assert main(["evaluate", str(example_file), "--allocation", allocation]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: --allocation: ")
    assert message in lines[0]


def test_a_bad_allocation_prints_no_traceback(example_file):
    done = run_cli("evaluate", str(example_file), "--allocation", "ads=1,tv=2")
    assert done.returncode == 2
    assert (
        done.stderr
        == "error: --allocation: no strategy named “tv” (known: ads, content, private_domain)\n"
    )


def test_allocation_for_a_switched_off_strategy_and_in_chinese(tmp_path, capsys):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"content": {"enabled": False}}), encoding="utf-8")
    args = ["evaluate", str(path), "--allocation", "content=5", "--lang", "zh-CN"]
    assert main(args) == 2
    assert capsys.readouterr().err.strip() == "error: --allocation: “content”在方案中未启用"


def test_bad_option_values_exit_2(example_file, capsys):
    assert main(["optimize", str(example_file), "--budget", "-1"]) == 2
    assert capsys.readouterr().err.strip() == "error: --budget: is below the smallest value allowed"
    args = ["optimize", str(example_file), "--max-payback-month", "0", "--lang", "zh-CN"]
    assert main(args) == 2
    assert capsys.readouterr().err.strip() == "error: --max-payback-month：不能小于允许的最小值"
