"""What every command shares: reading a scenario file safely, the language option,
plain-text tables and strict JSON output."""

from __future__ import annotations

import argparse
import errno
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from core.model.scenario import ScenarioBase, ScenarioFileError, scenario_from_json
from core.text.catalog import LOCALES, Locale, t
from core.text.errors import describe_file_error, describe_validation_error, printable

EXIT_BAD_INPUT = 2
MAX_SCENARIO_BYTES = 1_000_000
"""A scenario file is a few kilobytes; bigger files are refused before they are read."""


OS_REASONS: dict[int, str] = {
    errno.ENOENT: "cli.reason.missing",
    errno.EACCES: "cli.reason.denied",
    errno.EISDIR: "cli.reason.folder",
}
"""Why a file could not be read, by errno (catalog keys; anything else: other)."""


class UsageError(Exception):
    """Bad input: printed as one line after ``error:`` and exit status 2."""


@dataclass(frozen=True)
class Command:
    """A subcommand: its name, help, arguments and what it does (returns an exit status)."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    order: int = 100


def add_lang(parser: argparse.ArgumentParser) -> None:
    """``--lang zh-CN|en`` for messages and tables (English by default)."""
    parser.add_argument("--lang", choices=LOCALES, default="en", help="language of the output")


def read_bytes(path: Path, limit: int, locale: Locale) -> bytes:
    """At most ``limit`` bytes of ``path``; :class:`UsageError` when unreadable or bigger.

    Reads ``limit + 1`` bytes at most, so an endless file (``/dev/zero``) is refused too.
    """
    name = printable(str(path))
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except OSError as exc:
        reason = t(OS_REASONS.get(exc.errno or 0, "cli.reason.other"), locale)
        raise UsageError(f"{name}: {t('cli.unreadable', locale)} ({reason})") from exc
    if len(data) > limit:
        raise UsageError(f"{name}: {t('error.file_too_large', locale, limit=f'{limit:,} B')}")
    return data


def read_scenario(path: Path, locale: Locale) -> ScenarioBase:
    """The scenario in ``path``, or :class:`UsageError` with one line naming the problem."""
    data = read_bytes(path, MAX_SCENARIO_BYTES, locale)
    name = printable(str(path))
    try:
        return scenario_from_json(data)
    except ScenarioFileError as exc:
        problem = describe_file_error(exc, locale)
        raise UsageError(f"{name}: {t('cli.invalid', locale)}: {problem}") from exc
    except ValidationError as exc:
        problems = "; ".join(describe_validation_error(exc, locale))
        raise UsageError(f"{name}: {t('cli.invalid', locale)}: {problems}") from exc


def emit_json(payload: BaseModel | Any) -> None:
    """Print strict JSON (NaN or infinity is a bug: ``ValueError``)."""
    data = payload.model_dump(mode="json") if isinstance(payload, BaseModel) else payload
    print(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False))
    sys.stdout.flush()


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def render_table(header: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell, a rule under the header."""
    rows = [list(header), *map(list, body)]
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c + " " * (w - display_width(c)) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(r) for r in body)])
