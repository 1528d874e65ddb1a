"""Command line: ``python -m core COMMAND …`` (``python -m core --help`` lists them).

Commands are discovered: every module in :mod:`core.cli.commands` that defines
``COMMANDS`` (a tuple of :class:`core.cli.common.Command`) adds its subcommands, so a new
command is a new module. Every command:

* exits 0 on success and 2 with one short line on bad input (a file that is missing, too
  big, not UTF-8/UTF-16/GBK, not JSON or not a valid scenario) — never a traceback;
* prints no numpy warnings and never echoes terminal control characters from a file;
* prints strict JSON with ``--json`` (no NaN or Infinity) and ends quietly when its
  output is cut short (``… --json | head``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import warnings
from collections.abc import Sequence

import numpy as np

from core.cli import commands
from core.cli.common import EXIT_BAD_INPUT, Command, UsageError


def _discover() -> tuple[Command, ...]:
    found: list[Command] = []
    for info in pkgutil.iter_modules(commands.__path__):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        found.extend(getattr(module, "COMMANDS", ()))
    return tuple(sorted(found, key=lambda c: c.order))


COMMAND_LIST: tuple[Command, ...] = _discover()


def parser() -> argparse.ArgumentParser:
    """The argument parser with every discovered command."""
    root = argparse.ArgumentParser(prog="python -m core", description=__doc__.splitlines()[0])
    sub = root.add_subparsers(dest="command", required=True)
    for command in COMMAND_LIST:
        command.add_arguments(sub.add_parser(command.name, help=command.help))
    return root


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the process exit status."""
    args = parser().parse_args(argv)
    command = next(c for c in COMMAND_LIST if c.name == args.command)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return command.run(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader stopped early (``| head``): stop quietly, no traceback at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
