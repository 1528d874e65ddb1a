"""Benchmark sources in the reader's language.

Sources are stored in English (``data/benchmarks/benchmarks.csv``). Most cite one of the
four Chinese seed documents as ``Seed 000 §2.2.2 (2025 E-commerce Traffic Monetization
Strategy Feasibility Report)``; in Chinese the citation shows the document's own title and
its locators (``《2025年电商行业流量变现策略可行性研究报告》§2.2.2``). Titles of English web
pages stay as published; a design assumption's reasoning stays as written after a Chinese
label.
"""

from __future__ import annotations

import re

from core.text.catalog import Locale, t

SEED_DOCUMENTS = ("000", "001", "002", "003")
"""The seed documents: each has ``source.seed.<id>`` (its title) in the catalog."""
_SEED = re.compile(r"Seed (\d{3})((?: part \d+)?(?:, dimension \d+)?)")
_PART = re.compile(r" part (\d+)")
_DIMENSION = re.compile(r", dimension (\d+)")
_DESIGN = "Design assumption (Monetization Studio team), derived from "


def _english_title(document: str) -> str:
    return f" ({t(f'source.seed.{document}', 'en')})"


def source_text(source: str, locale: Locale) -> str:
    """``source`` for a reader of ``locale`` (module docstring); English as stored."""
    if locale == "en":
        return source
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
