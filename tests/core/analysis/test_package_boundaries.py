"""core.analysis.customer_value imports only numpy, scipy, pandas and the standard library."""

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[3] / "core" / "analysis" / "customer_value"
ALLOWED = {"numpy", "scipy", "pandas", "__future__"} | set(sys.stdlib_module_names)


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            names.add(node.module)
    return names


def test_package_imports_nothing_else():
    sources = sorted(PACKAGE.glob("*.py"))
    assert len(sources) >= 8
    for source in sources:
        for name in imported_modules(source):
            own = name.startswith("core.analysis.customer_value")
            assert own or name.split(".")[0] in ALLOWED, f"{source.name} imports {name}"
