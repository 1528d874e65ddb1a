"""Benchmark sources in the reader's language.

Sources are stored in English (``data/benchmarks/benchmarks.csv``). Most cite one of the
four Chinese seed documents as ``Seed 000 §2.2.2 (2025 E-commerce Traffic Monetization
Strategy Feasibility Report)``; in Chinese the citation shows the document's own title and
its locators (``《2025年电商行业流量变现策略可行性研究报告》§2.2.2``).

Every other source (a web page's title and address, a design assumption's reasoning) has its
Chinese rendering in ``core/text/source_titles.toml``, keyed by the stored English text: the
title translated, "（英文网页）" after the title of a page written in English, the address
unchanged. A source missing there (a row added later) falls back to the seed rules above.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from core.text.catalog import Locale, t

SEED_DOCUMENTS = ("000", "001", "002", "003")
"""The seed documents: each has ``source.seed.<id>`` (its title) in the catalog."""
_SEED = re.compile(r"Seed (\d{3})((?: part \d+)?(?:, dimension \d+)?)")
_PART = re.compile(r" part (\d+)")
_DIMENSION = re.compile(r", dimension (\d+)")
_DESIGN = "Design assumption (Monetization Studio team), derived from "
TITLES_FILE = Path(__file__).with_name("source_titles.toml")
"""Chinese renderings of the stored English sources (``[[source]]`` tables: en, zh-CN)."""


@cache
def chinese_sources() -> Mapping[str, str]:
    """Stored English source → its Chinese rendering (read once per process)."""
    with TITLES_FILE.open("rb") as file:
        entries = tomllib.load(file)["source"]
    return {entry["en"]: entry["zh-CN"] for entry in entries}


def _english_title(document: str) -> str:
    return f" ({t(f'source.seed.{document}', 'en')})"


def source_text(source: str, locale: Locale) -> str:
    """``source`` for a reader of ``locale`` (module docstring); English as stored."""
    if locale == "en":
        return source
    translated = chinese_sources().get(source)
    if translated is not None:
        return translated
    text = source
    for document in SEED_DOCUMENTS:
        text = text.replace(_english_title(document), "")
    if text.startswith(_DESIGN):
        text = t("source.design", locale) + text[len(_DESIGN) :]

    def seed(match: re.Match[str]) -> str:
        where = _PART.sub(lambda m: t("source.part", locale, n=m[1]), match[2])
        where = _DIMENSION.sub(lambda m: t("source.dimension", locale, n=m[1]), where)
        return f"《{t(f'source.seed.{match[1]}', locale)}》{where}"

    return _SEED.sub(seed, text)


_ADDRESS = re.compile(r" — \S+$")
"""A web source's address after its title (" — https://…")."""
_SEED_CITATION = re.compile(r"Seed (\d{3})([^(]*) \(([^)]*)\)")
"""A seed citation as stored: "Seed 000 §5.3.3 (<the report's English title>)"."""


def cited_source(source: str, locale: Locale) -> str:
    """``source`` short enough to cite inside a sentence: as :func:`source_text`, without a
    web page's address, and in English a seed document named by its title rather than the
    project's "Seed 000" shorthand ("2025 E-commerce … Feasibility Report §5.3.3")."""
    text = _ADDRESS.sub("", source_text(source, locale))
    if locale == "en":
        text = _SEED_CITATION.sub(lambda m: f"{m[3]}{m[2]}", text)
    return text
