"""Command line: ``python -m core example | schema | evaluate FILE [--json] [--lang L]``.

A bad scenario file exits with status 2 and one line naming the field(s); never a
traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import ValidationError

from core.errors import describe_validation_error
from core.evaluate import ScenarioResult, evaluate
from core.finance import Metrics
from core.formatting import format_money, format_percent, format_ratio
from core.i18n import LOCALES, Locale, t
from core.report import build_report
from core.scenario import (
    default_scenario,
    scenario_from_json,
    scenario_json_schema,
    scenario_to_json,
)

EXIT_BAD_INPUT = 2


def _rows(locale: Locale) -> list[tuple[str, Callable[[Metrics], str]]]:
    def payback(m: Metrics) -> str:
        if m.payback_month is None:
            return t("payback.none", locale)
        return t("payback.month", locale, month=m.payback_month)

    return [
        ("kpi.investment", lambda m: format_money(m.investment, locale)),
        ("kpi.net_revenue", lambda m: format_money(m.net_revenue, locale)),
        ("kpi.gross_profit", lambda m: format_money(m.gross_profit, locale)),
        ("kpi.net_profit", lambda m: format_money(m.net_profit, locale)),
        ("kpi.roi", lambda m: format_percent(m.roi)),
        ("kpi.roas", lambda m: format_ratio(m.roas)),
        ("kpi.npv", lambda m: format_money(m.npv, locale)),
        ("kpi.payback", payback),
    ]


def render_table(result: ScenarioResult, locale: Locale) -> str:
    """A plain-text table: one column per enabled strategy and one for the total."""
    columns = [(t(f"strategy.{key}", locale), p.metrics) for key, p in result.strategies.items()]
    columns.append((t("kpi.total", locale), result.total.metrics))
    header = [t("cli.strategy", locale), *(name for name, _ in columns)]
    body = [[t(key, locale), *(fmt(m) for _, m in columns)] for key, fmt in _rows(locale)]
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
    except ValidationError as exc:
        problems = "; ".join(describe_validation_error(exc, locale))
        print(f"error: {path}: {t('cli.invalid', locale)}: {problems}", file=sys.stderr)
        return EXIT_BAD_INPUT
    result = evaluate(scenario)
    if as_json:
        print(build_report(scenario.name, result).model_dump_json(indent=2))
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
