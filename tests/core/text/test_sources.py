"""Benchmark sources in the reader's language."""

from core.text.sources import source_text

SEED_ROW = "Seed 002 part 4, dimension 2 (Private-Domain Traffic Economic Model)"
DESIGN_ROW = (
    "Design assumption (Monetization Studio team), derived from Seed 000 §3.3.2 "
    "(SMEs spend about ¥10k a month on community upkeep and content together)"
)


def test_a_seed_citation_shows_the_documents_chinese_title_and_locators():
    assert source_text(SEED_ROW, "zh-CN") == "《私域流量经济模型》第4部分维度2"
    seed_000 = "Seed 000 §2.2.2 (2025 E-commerce Traffic Monetization Strategy Feasibility Report)"
    assert source_text(seed_000, "zh-CN") == "《2025年电商行业流量变现策略可行性研究报告》 §2.2.2"


def test_a_design_assumption_is_labelled_in_chinese_and_keeps_its_reasoning():
    text = source_text(DESIGN_ROW, "zh-CN")
    assert text.startswith(
        "设计假设（本产品团队），依据：《2025年电商行业流量变现策略可行性研究报告》 §3.3.2"
    )
    assert text.endswith("(SMEs spend about ¥10k a month on community upkeep and content together)")


def test_english_is_shown_as_stored():
    assert source_text(SEED_ROW, "en") == SEED_ROW
    assert source_text("Margin-Europe — https://example.org", "zh-CN") == (
        "Margin-Europe — https://example.org"
    )
