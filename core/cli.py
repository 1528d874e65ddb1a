"""Command line: ``python -m core example | schema | evaluate FILE [--json] [--lang L]``.

A bad scenario file exits with status 2 and one line naming the field(s); never a
traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from core.export.report import build_report
from core.model.engine import ScenarioResult, evaluate
from core.model.scenario import (
    ScenarioFileError,
    default_scenario,
    scenario_from_json,
    scenario_json_schema,
    scenario_to_json,
)
from core.text.catalog import LOCALES, Locale, t
from core.text.errors import describe_file_error, describe_validation_error
from core.text.kpis import TABLE_KPIS, kpi_texts

EXIT_BAD_INPUT = 2


def render_table(result: ScenarioResult, locale: Locale) -> str:
    """A plain-text table: one column per enabled strategy and one for the total."""
    columns = [(t(f"strategy.{key}", locale), p.metrics) for key, p in result.strategies.items()]
    columns.append((t("kpi.total", locale), result.total.metrics))
    header = [t("cli.strategy", locale), *(name for name, _ in columns)]
    texts = [kpi_texts(m, locale, TABLE_KPIS) for _, m in columns]
    body = [[t(f"kpi.{name}", locale), *(text[name] for text in texts)] for name in TABLE_KPIS]
    widths = [max(_width(row[i]) for row in [header, *body]) for i in range(len(header))]
    lines = [_line(header, widths), _line(["-" * w for w in widths], widths)]
    lines.extend(_line(row, widths) for row in body)
    return "\n".join(lines)


def _width(text: str) -> int:
    """Display width: CJK characters take two terminal columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    padded = [
        cell + " " * (width - _width(cell)) for cell, width in zip(cells, widths, strict=True)
    ]
    return "  ".join(padded).rstrip()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("example", help="print a complete default scenario as JSON")
    sub.add_parser("schema", help="print the scenario file's JSON schema")
    run = sub.add_parser("evaluate", help="evaluate a scenario file")
    run.add_argument("file", type=Path, help="scenario JSON file")
    run.add_argument("--json", action="store_true", help="print the full report as JSON")
    run.add_argument("--lang", choices=LOCALES, default="en", help="language of the table")
    return parser


def _evaluate(path: Path, as_json: bool, locale: Locale) -> int:
    try:
        scenario = scenario_from_json(path.read_bytes())
    except OSError as exc:
        print(f"error: {path}: {t('cli.unreadable', locale)} ({exc.strerror})", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ScenarioFileError as exc:
        problem = describe_file_error(exc, locale)
        print(f"error: {path}: {t('cli.invalid', locale)}: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ValidationError as exc:
        problems = "; ".join(describe_validation_error(exc, locale))
        print(f"error: {path}: {t('cli.invalid', locale)}: {problems}", file=sys.stderr)
        return EXIT_BAD_INPUT
    result = evaluate(scenario)
    if as_json:
        report = build_report(scenario.name, scenario.include_terminal_value, result)
        print(report.model_dump_json(indent=2))
    else:
        print(render_table(result, locale))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the process exit status."""
    args = _parser().parse_args(argv)
    if args.command == "example":
        print(scenario_to_json(default_scenario()))
        return 0
    if args.command == "schema":
        print(json.dumps(scenario_json_schema(), ensure_ascii=False, indent=2))
        return 0
    return _evaluate(args.file, args.json, args.lang)
