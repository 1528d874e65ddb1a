import json

import pytest

from core.cli import main
from tests.cli_helpers import run_cli

KPI_FIELDS = {
    # kept from schema version 1
    "investment",
    "net_revenue",
    "gross_profit",
    "net_profit",
    "roi",
    "roas",
    "npv",
    "payback_month",
    "monthly",
    # added with the decision-grade economics
    "peak_cash_need",
    "gmv_roas",
    "marginal_roi",
    "new_customers",
    "cac",
    "ltv",
    "terminal_value",
}


def test_example_then_evaluate_json(example_file):
    done = run_cli("evaluate", str(example_file), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report["strategies"]) == {"ads", "content", "private_domain"}
    for block in [*report["strategies"].values(), report["total"]]:
        assert set(block) >= KPI_FIELDS
        assert len(block["monthly"]) == 36
        assert {"cumulative_cash", "cost_lines"} <= set(block["monthly"][0])
        assert block["peak_cash_need"] >= 0
    total_npv = sum(s["npv"] for s in report["strategies"].values())
    assert report["total"]["npv"] == pytest.approx(total_npv)
    assert "flow_value" in report["total"]


def test_disabled_strategies_are_absent_and_payback_can_be_null(tmp_path, capsys):
    path = tmp_path / "s.json"
    path.write_text(
        json.dumps(
            {
                "ads": {"cpc": 50.0},
                "content": {"enabled": False},
                "private_domain": {"enabled": False},
            }
        )
    )
    assert main(["evaluate", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert list(report["strategies"]) == ["ads"]
    assert report["strategies"]["ads"]["payback_month"] is None


def test_table_output(example_file, capsys):
    assert main(["evaluate", str(example_file)]) == 0
    out = capsys.readouterr().out
    for label in ("ROI", "Paid ads", "Plan total"):
        assert label in out
    assert main(["evaluate", str(example_file), "--lang", "zh-CN"]) == 0
    assert "广告投放" in capsys.readouterr().out


def test_schema_is_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Scenario"
    assert {"ads", "content", "private_domain", "business"} <= set(schema["properties"])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"ads": {"cvr": 1.5}}', "ads.cvr"),
        ('{"private_domain": {"monthly_churn": 1}}', "private_domain.monthly_churn"),
        ('{"ads": {"monthly_budget": -5}}', "ads.monthly_budget"),
        ("{not json", "not valid JSON"),
    ],
)
def test_bad_file_exits_non_zero_with_one_line(tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_text(content)
    done = run_cli("evaluate", str(path))
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert expected in lines[0]
    assert "Traceback" not in done.stderr


def test_missing_file_is_a_clear_error(tmp_path):
    done = run_cli("evaluate", str(tmp_path / "nope.json"))
    assert done.returncode == 2
    assert "cannot read file" in done.stderr
    assert "Traceback" not in done.stderr
