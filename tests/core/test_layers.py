"""The layer rules of ``core`` hold mechanically: dependencies point one way.

model ← analysis, data ← text ← export ← cli; Streamlit only in app.py and pages/;
DuckDB (and the other engines) only in core/data/; the string catalog imports nothing from
the domain.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "core"

ALLOWED: dict[str, set[str]] = {
    "model": {"model"},
    "analysis": {"model", "analysis"},
    "data": {"model", "data"},
    "text": {"model", "analysis", "data", "text"},
    "export": {"model", "analysis", "data", "text", "export"},
}
ENGINES = {"duckdb", "ibis", "pyspark"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_below_it(layer):
    for path in _modules(CORE / layer):
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "core" and len(parts) > 1 and parts[1] in ALLOWED:
                assert parts[1] in ALLOWED[layer], f"{path.relative_to(ROOT)} imports {name}"


def test_streamlit_is_imported_only_by_the_app_and_its_pages():
    for path in [*_modules(CORE), *_modules(ROOT / "data")]:
        assert not any(n.split(".")[0] == "streamlit" for n in _imports(path)), path


def test_engines_are_imported_only_in_the_data_layer():
    for path in [*_modules(CORE), *_modules(ROOT / "pages"), ROOT / "app.py"]:
        if (CORE / "data") in path.parents:
            continue
        engines = {n.split(".")[0] for n in _imports(path)} & ENGINES
        assert not engines, f"{path.relative_to(ROOT)} imports {engines}"


def test_the_string_catalog_imports_nothing_from_core():
    assert not {n for n in _imports(CORE / "text" / "catalog.py") if n.startswith("core")}


def test_pages_stay_thin():
    for path in (ROOT / "pages").glob("*.py"):
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= 150, f"{path.name} has {lines} lines"
