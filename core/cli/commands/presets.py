"""``presets``: the shipped business presets."""

from __future__ import annotations

import argparse

from core.cli.common import Command, emit_json, render_table
from core.data.presets import load_presets
from core.text.catalog import LOCALES, t


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json", action="store_true", help="a list of objects with key and label per language"
    )


def _presets(args: argparse.Namespace) -> int:
    presets = load_presets()
    if args.json:
        emit_json(
            [
                {
                    "key": p.key,
                    "label": {locale: t(p.label_key, locale) for locale in LOCALES},
                    "size": p.size,
                    "category": p.category,
                    "platforms": list(p.platforms),
                }
                for p in presets
            ]
        )
        return 0
    body = [[p.key, t(p.label_key, "en"), t(p.label_key, "zh-CN")] for p in presets]
    print(render_table(["key", "en", "zh-CN"], body))
    return 0


COMMANDS = (Command("presets", "list the business presets", _arguments, _presets, 30),)
