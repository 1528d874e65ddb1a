"""``example``, ``schema`` and ``evaluate``: the scenario file and its evaluation."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from core.cli.common import (
    Command,
    UsageError,
    add_lang,
    emit_json,
    read_scenario,
    render_table,
)
from core.export.report import build_report
from core.model.engine import ScenarioResult, evaluate
from core.model.scenario import default_scenario, scenario_json_schema, scenario_to_json
from core.text.catalog import Locale, t
from core.text.errors import printable
from core.text.kpis import TABLE_KPIS, kpi_texts


def results_table(result: ScenarioResult, locale: Locale) -> str:
    """A plain-text table: one column per enabled strategy and one for the plan."""
    columns = [(t(f"strategy.{key}", locale), p.metrics) for key, p in result.strategies.items()]
    columns.append((t("kpi.total", locale), result.total.metrics))
    header = [t("cli.strategy", locale), *(name for name, _ in columns)]
    texts = [kpi_texts(m, locale, TABLE_KPIS) for _, m in columns]
    body = [[t(f"kpi.{name}", locale), *(text[name] for text in texts)] for name in TABLE_KPIS]
    return render_table(header, body)


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    del parser


def _example_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--preset", metavar="KEY", help="the complete scenario a preset produces (see presets)"
    )


def _example(args: argparse.Namespace) -> int:
    if args.preset is None:
        print(scenario_to_json(default_scenario()))
        return 0
    from core.data.presets import apply_preset, preset_by_key
    from core.data.store import DataStore

    try:
        preset = preset_by_key(args.preset)
    except KeyError as exc:
        raise UsageError(
            f"unknown preset {printable(args.preset)!r}; see: python -m core presets"
        ) from exc
    print(scenario_to_json(apply_preset(preset, DataStore()).scenario))
    return 0


def _schema(args: argparse.Namespace) -> int:
    del args
    print(json.dumps(scenario_json_schema(), ensure_ascii=False, indent=2))
    return 0


def _evaluate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="scenario JSON file")
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    add_lang(parser)


def _evaluate(args: argparse.Namespace) -> int:
    scenario = read_scenario(args.file, args.lang)
    result = evaluate(scenario)
    if args.json:
        emit_json(build_report(scenario.name, scenario.include_terminal_value, result))
    else:
        print(results_table(result, args.lang))
    return 0


COMMANDS = (
    Command(
        "example", "print a complete default scenario as JSON", _example_arguments, _example, 10
    ),
    Command("schema", "print the scenario file's JSON schema", _no_arguments, _schema, 11),
    Command("evaluate", "evaluate a scenario file", _evaluate_arguments, _evaluate, 20),
)
