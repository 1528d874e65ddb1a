"""``report`` and ``recommend``: the decision as files (Excel, HTML) and as a ranked list."""

from __future__ import annotations

import argparse
from pathlib import Path

from core.cli.common import Command, UsageError, add_lang, emit_json, read_scenario
from core.data.store import DataStore
from core.export.html import summary_html
from core.export.summary import build_decision
from core.export.workbook import workbook_bytes
from core.text.decision import recommendation_text, value_text
from core.text.errors import printable


def _report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="scenario JSON file")
    parser.add_argument("--xlsx", type=Path, metavar="OUT", help="write the Excel workbook")
    parser.add_argument("--html", type=Path, metavar="OUT", help="write the HTML one-pager")
    add_lang(parser)


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"{printable(str(path))}: {exc.strerror or exc}") from exc


def _report(args: argparse.Namespace) -> int:
    if args.xlsx is None and args.html is None:
        raise UsageError("give --xlsx OUT and/or --html OUT")
    scenario = read_scenario(args.file, args.lang)
    decision = build_decision(scenario, DataStore())
    if args.xlsx is not None:
        _write(args.xlsx, workbook_bytes(decision, args.lang))
    if args.html is not None:
        _write(args.html, summary_html(decision, args.lang).encode("utf-8"))
    return 0


def _recommend_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="scenario JSON file")
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    add_lang(parser)


def _recommend(args: argparse.Namespace) -> int:
    scenario = read_scenario(args.file, args.lang)
    decision = build_decision(scenario, DataStore())
    items = [
        {
            "rank": rank,
            "key": item.key,
            "kind": item.kind,
            "text": recommendation_text(item, args.lang),
            "value_yuan": item.value,
            "source": item.source,
            "numbers": item.numbers,
        }
        for rank, item in enumerate(decision.recommendations, start=1)
    ]
    if args.json:
        emit_json({"verdict": decision.verdict, "recommendations": items})
    else:
        for rank, item in enumerate(decision.recommendations, start=1):
            value = value_text(item, args.lang)
            text = recommendation_text(item, args.lang)
            print(f"{rank}. {text}" + (f" [{value}]" if value else ""))
    return 0


COMMANDS = (
    Command(
        "report", "write the Excel workbook and/or the HTML summary", _report_arguments, _report, 40
    ),
    Command("recommend", "print the ranked recommendations", _recommend_arguments, _recommend, 41),
)
