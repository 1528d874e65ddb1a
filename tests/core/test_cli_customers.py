"""``python -m core customers``: CDNOW published estimates, mapping overrides, bad files,
and the same JSON on DuckDB and Spark."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from core.cli import main
from core.data.orders.samples import CDNOW_TXT


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONETIZATION_STUDIO_HOME", str(tmp_path / "home"))


@pytest.fixture
def cdnow_csv(tmp_path: Path) -> Path:
    """The CDNOW sample as a CSV with headers the detection knows (id, date, dollars)."""
    lines = ["customer_id,date,amount"]
    for line in CDNOW_TXT.read_text(encoding="ascii").splitlines():
        if line.strip():
            _, customer, day, _, dollars = line.split()
            lines.append(f"{int(customer)},{day},{dollars}")
    path = tmp_path / "cdnow.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(argv))
    return status, out.getvalue(), err.getvalue()


CDNOW_ARGS = ("--calibration-end", "1997-09-30", "--time-unit", "week", "--keep-zero-amounts")


def test_cdnow_matches_the_published_estimates(cdnow_csv: Path) -> None:
    status, out, err = run("customers", str(cdnow_csv), *CDNOW_ARGS, "--json")
    assert status == 0, err
    data = json.loads(out)
    assert data["customers"] == 2357
    b, g = data["bgnbd"], data["gamma_gamma"]
    published = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    for name, value in published.items():
        assert b[name] == pytest.approx(value, abs=0.0005), name
    assert b["log_likelihood"] == pytest.approx(-9582.4, abs=0.05)
    assert (round(g["p"], 2), round(g["q"], 2), round(g["v"], 2)) == (6.25, 3.74, 15.44)
    assert sum(data["segments"].values()) == 2357
    assert "duckdb: 6,919 orders" in err


def test_map_overrides_and_bad_input(cdnow_csv: Path, tmp_path: Path) -> None:
    text = cdnow_csv.read_text(encoding="utf-8").replace("customer_id,date,amount", "a,b,c", 1)
    renamed = tmp_path / "renamed.csv"
    renamed.write_text(text, encoding="utf-8")
    status, _, err = run("customers", str(renamed), "--json")
    assert status == 2
    assert "Required field(s) not mapped" in err
    status, out, _ = run(
        "customers", str(renamed), *CDNOW_ARGS, "--map", "customer=a,time=b,amount=c", "--json"
    )
    assert status == 0
    assert json.loads(out)["customers"] == 2357
    status, _, err = run("customers", str(renamed), "--map", "who=a", "--lang", "zh-CN")
    assert status == 2
    assert "无法识别的映射「who=a」" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("customer_id,date,amount\n1,20240101,abc\n", encoding="utf-8")
    status, _, err = run("customers", str(bad), "--json")
    assert status == 2
    assert 'Amount "abc" in column "amount", row 2, is not a number.' in err


@pytest.mark.spark
def test_spark_prints_the_same_json(cdnow_csv: Path, spark_settings) -> None:
    _, duck, _ = run("customers", str(cdnow_csv), *CDNOW_ARGS, "--json")
    status, spark, err = run(
        "customers",
        str(cdnow_csv),
        *CDNOW_ARGS,
        "--engine",
        "spark",
        "--spark-shuffle-partitions",
        "1",
        "--json",
    )
    assert status == 0, err
    assert "spark:" in err
    assert spark == duck
