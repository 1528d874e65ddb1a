"""Benchmark sources in the reader's language: no English left in the Chinese interface."""

import csv
import re
from pathlib import Path

from core.text.sources import chinese_sources, cited_source, source_text

ROOT = Path(__file__).resolve().parents[3]
SEED_ROW = "Seed 002 part 4, dimension 2 (Private-Domain Traffic Economic Model)"
DESIGN_ROW = (
    "Design assumption (Monetization Studio team), derived from Seed 000 §3.3.2 "
    "(SMEs spend about ¥10k a month on community upkeep and content together)"
)
DOMAIN = re.compile(r"\b[\w.-]+\.(?:com|co|ai|cn|us|org|net|io)\b")
PROPER_NAMES = {
    "AOV", "CPM", "CTR", "GMV", "IPO", "KOL", "SEM", "SaaS", "SHE", "PLUS", "VIP", "Dou",
    "Costco", "Recurly", "Shopify", "Supliful", "KrASIA", "TechNode", "WiFiTalents",
    "eCommerceNext", "The", "Information", "Digital", "Commerce", "Dao", "Insights", "Mobile",
    "World", "Live", "Javy", "ihr", "Liu", "Meyer", "Waarden",
}  # fmt: skip
"""Latin words a Chinese reader meets in the sources: acronyms, publications and firms
with no usual Chinese name, an author's name."""


def _stored_sources() -> list[str]:
    with (ROOT / "data" / "benchmarks" / "benchmarks.csv").open(encoding="utf-8") as file:
        return [row["source"] for row in csv.DictReader(file)]


def test_a_seed_citation_shows_the_documents_chinese_title_and_locators():
    assert source_text(SEED_ROW, "zh-CN") == "《私域流量经济模型》第4部分维度2"
    seed_000 = "Seed 000 §2.2.2 (2025 E-commerce Traffic Monetization Strategy Feasibility Report)"
    assert source_text(seed_000, "zh-CN") == "《2025年电商行业流量变现策略可行性研究报告》 §2.2.2"


def test_a_design_assumption_reads_in_chinese_with_its_reasoning():
    assert source_text(DESIGN_ROW, "zh-CN") == (
        "设计假设（本产品团队），依据：《2025年电商行业流量变现策略可行性研究报告》 §3.3.2"
        "（中小商家每月在社群维护和内容上合计花费约¥10,000）"
    )


def test_an_english_web_page_is_named_in_chinese_and_keeps_its_address():
    stored = (
        "Google Ads Benchmarks — https://sites.google.com/view/growuptrad/google-ads-benchmarks"
    )
    assert source_text(stored, "zh-CN") == (
        "谷歌广告基准数据（英文网页） — https://sites.google.com/view/growuptrad/google-ads-benchmarks"
    )


def test_every_source_of_the_table_reads_in_chinese():
    for stored in _stored_sources():
        text = source_text(stored, "zh-CN")
        title, _, address = text.partition(" — http")
        assert re.search(r"[\u4e00-\u9fff]", title), stored
        words = set(re.findall(r"[A-Za-z]{3,}", DOMAIN.sub("", title)))
        assert words <= PROPER_NAMES, f"{stored}: {sorted(words - PROPER_NAMES)}"
        if " — http" in stored:
            assert stored.endswith("http" + address), stored


def test_every_translation_belongs_to_a_stored_source():
    assert set(chinese_sources()) <= set(_stored_sources())


def test_english_is_shown_as_stored():
    assert source_text(SEED_ROW, "en") == SEED_ROW
    assert source_text("Margin-Europe — https://example.org", "zh-CN") == (
        "Margin-Europe — https://example.org"
    )


def test_a_cited_source_drops_the_address_and_the_seed_shorthand():
    """Warnings cited "Seed 000 §5.3.3 (…)" and database keys; a seller reads titles."""
    seed = "Seed 000 §5.3.3 (2025 E-commerce Traffic Monetization Strategy Feasibility Report)"
    assert cited_source(seed, "en") == (
        "2025 E-commerce Traffic Monetization Strategy Feasibility Report §5.3.3"
    )
    assert cited_source(seed, "zh-CN") == "《2025年电商行业流量变现策略可行性研究报告》 §5.3.3"
    web = "Dingdong (Cayman) Limited 2024Q2 Results — https://www.marketscreener.com/quote/x"
    assert cited_source(web, "en") == "Dingdong (Cayman) Limited 2024Q2 Results"
