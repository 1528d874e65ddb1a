"""The string catalog (zh-CN and en) and its lookup. Every user-facing string comes from here.

Strings live in TOML files, one per feature, each entry a table keyed by the catalog key
with one line per language::

    ["kpi.npv"]
    zh-CN = "净现值 NPV"
    en = "NPV"

Files: every ``*.toml`` in ``core/text/strings/`` and, next to each strategy module,
``core/model/strategies/<key>.toml`` (a strategy brings its own labels). The catalog reads
files by path and imports nothing from the domain. A key defined twice, or an entry
without both languages, is an error at load time.

English counts: an entry may add ``en-one``, the English text when its ``count`` is 1
("1 row" beside en = "{count} rows"). Chinese needs no plural form.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Literal, get_args

Locale = Literal["zh-CN", "en"]
LOCALES: tuple[Locale, ...] = get_args(Locale)
DEFAULT_LOCALE: Locale = "zh-CN"

_CORE = Path(__file__).resolve().parents[1]
CATALOG_DIRS: tuple[Path, ...] = (_CORE / "text" / "strings", _CORE / "model" / "strategies")
"""Directories whose ``*.toml`` files make up the catalog."""


SINGULAR = "en-one"
"""Optional line of an entry: its English text when ``count`` is 1."""


class CatalogError(ValueError):
    """A catalog file is malformed: a repeated key, a missing language, a non-string text."""


def catalog_files() -> tuple[Path, ...]:
    """Every catalog file, sorted by path."""
    return tuple(sorted(path for folder in CATALOG_DIRS for path in folder.glob("*.toml")))


def _entries(path: Path) -> dict[str, dict[str, str]]:
    with path.open("rb") as file:
        data = tomllib.load(file)
    entries: dict[str, dict[str, str]] = {}
    for key, texts in data.items():
        if not isinstance(texts, dict) or not set(LOCALES) <= set(texts) <= {*LOCALES, SINGULAR}:
            raise CatalogError(f"{path.name}: [{key!r}] needs {LOCALES} and at most {SINGULAR}")
        if not all(isinstance(text, str) for text in texts.values()):
            raise CatalogError(f"{path.name}: [{key!r}] texts must be strings")
        entries[key] = dict(texts)
    return entries


@cache
def _all_entries() -> Mapping[str, Mapping[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for path in catalog_files():
        for key, texts in _entries(path).items():
            if key in merged:
                raise CatalogError(f"{key!r} is defined in {origin[key]} and {path.name}")
            merged[key] = texts
            origin[key] = path.name
    return merged


@cache
def catalog() -> Mapping[str, Mapping[Locale, str]]:
    """Every entry of every catalog file, one text per language (read once per process)."""
    return {key: {loc: texts[loc] for loc in LOCALES} for key, texts in _all_entries().items()}


@cache
def singulars() -> Mapping[str, str]:
    """Key → English text for a count of 1, for the entries that have one."""
    return {key: texts[SINGULAR] for key, texts in _all_entries().items() if SINGULAR in texts}


def t(key: str, locale: Locale, **values: object) -> str:
    """Text for ``key`` in ``locale`` with ``{placeholders}`` filled; ``KeyError`` if absent.
    In English, ``count`` = 1 picks the entry's singular text when it has one."""
    text = catalog()[key][locale]
    if locale == "en" and str(values.get("count")) == "1" and key in singulars():
        text = singulars()[key]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """Whether the catalog holds ``key``."""
    return key in catalog()


def label(prefix: str, value: str, locale: Locale) -> str:
    """The label of a vocabulary value, e.g. ``label("platform", "douyin", "zh-CN")`` → 抖音."""
    return t(f"{prefix}.{value}", locale)
