"""Every valid scenario renders on every page in both languages, and runs through the CLI.

Scenarios are drawn from the field registry (``tests/scenario_strategies.py``): bounds,
two- and three-decimal values, tiny values, every choice and switch. Each is opened the
way a user opens a shared link (``?s=<token>``); no page may show an exception, and every
KPI tile must read as a number or as words. The same draws run through the CLI in
process: exit 0 with strict JSON, or exit 2 with one short line.
"""

import io
import json
import math
import re
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from core.cli import main
from core.model.scenario import scenario_to_json
from core.model.share import scenario_to_token
from tests.pages.conftest import APP
from tests.scenario_strategies import scenarios

PAGES = (
    "pages/summary.py",
    "pages/strategy_lab.py",
    "pages/benchmarks.py",
    "pages/mix_planner.py",
    "pages/compare.py",
    "pages/risk.py",
    "pages/customers.py",
)
NUMBER = re.compile(r"^[−+]?¥?[\d,]+(\.\d+)?(万|亿|k|M|B)?(%|×)?$")
WORDS = {"未回本", "None", "No payback", "Not paid back", "无", "n/a"}


def _kpi_is_readable(value: str) -> bool:
    text = value.strip()
    if text in WORDS or text.startswith(("未回本（", "Not paid back (", "第 ", "Month ")):
        return True
    return bool(NUMBER.match(text)) and "nan" not in text.lower() and "inf" not in text.lower()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(scenario=scenarios(), lang=st.sampled_from(["zh-CN", "en"]))
def test_any_valid_scenario_renders_on_every_page(scenario, lang):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["s"] = scenario_to_token(scenario)
    at.session_state["session:locale"] = lang
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.warning or all(
        "链接" not in w.value and "link" not in w.value for w in at.warning
    )
    for tile in at.metric:
        assert _kpi_is_readable(tile.value), (tile.label, tile.value)
    for page in PAGES[1:]:
        at.switch_page(page).run()
        assert not at.exception, [e.message for e in at.exception]
        for tile in at.metric:
            assert _kpi_is_readable(tile.value), (page, tile.label, tile.value)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=scenarios(), lang=st.sampled_from(["zh-CN", "en"]))
def test_any_valid_scenario_runs_through_every_cli_command(scenario, lang):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scenario.json"
        path.write_text(scenario_to_json(scenario), encoding="utf-8")
        for argv in CLI_RUNS:
            out, err = io.StringIO(), io.StringIO()
            with redirect_stdout(out), redirect_stderr(err):
                status = main([part.format(file=path, lang=lang) for part in argv])
            _check_cli(argv, status, out.getvalue(), err.getvalue())


CLI_RUNS: tuple[tuple[str, ...], ...] = (
    ("evaluate", "{file}", "--json"),
    ("evaluate", "{file}", "--lang", "{lang}"),
    ("evaluate", "{file}", "--json", "--allocation", "ads=20000,content=8000"),
    ("optimize", "{file}", "--json"),
    ("optimize", "{file}", "--objective", "net_revenue", "--budget", "50000", "--lang", "{lang}"),
    ("simulate", "{file}", "--draws", "200", "--json"),
    ("simulate", "{file}", "--draws", "200", "--residual", "--lang", "{lang}"),
    ("risks", "{file}", "--json"),
    ("risks", "{file}", "--lang", "{lang}"),
    ("recommend", "{file}", "--json", "--lang", "{lang}"),
)
"""Every command that reads a scenario file, as argument templates."""


def _check_cli(argv, status, out, err):
    if status == 2:
        assert len(err.strip().splitlines()) == 1
        assert len(err) < 500
        return
    assert status == 0, err
    if "--json" in argv:
        _all_finite(json.loads(out, parse_constant=lambda c: math.nan))
    else:
        assert out.strip()


def _all_finite(value):
    if isinstance(value, float):
        assert math.isfinite(value)
    elif isinstance(value, dict):
        for item in value.values():
            _all_finite(item)
    elif isinstance(value, list):
        for item in value:
            _all_finite(item)
