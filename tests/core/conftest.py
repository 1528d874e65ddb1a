"""Fixtures of the core tests: a scenario file written by ``python -m core example``."""

import pytest

from tests.cli_helpers import run_cli


@pytest.fixture
def example_file(tmp_path):
    path = tmp_path / "scenario.json"
    path.write_text(run_cli("example").stdout, encoding="utf-8")
    return path
