"""Plausibility findings read as sentences in both languages."""

from dataclasses import replace

import pytest

from core.analysis.plausibility import Finding
from core.data.plausibility import plausible_ranges
from core.data.store import DataStore
from core.text.findings import finding_text


@pytest.fixture(scope="module")
def ranges():
    return plausible_ranges(DataStore())


def test_a_ratio_outside_its_range_quotes_value_range_basis_and_rows(ranges):
    finding = Finding("ads_gmv_roas", 9.5, ranges["ads_gmv_roas"])
    text = finding_text(finding, "en")
    assert text.startswith("Ads GMV ÷ spend is 9.50×, outside the 1.50× – 8.00×")
    assert "Basis: content distribution averages 1:3 and Google Shopping retail 6.4" in text
    assert ranges["ads_gmv_roas"].row_ids[0] not in text  # a database key, not a source
    assert "(sources: E-commerce Platform Operation and Promotion Guide §3.3, Google " in text
    zh = finding_text(finding, "zh-CN")
    assert zh.startswith("广告投产比为 9.50×，不在基准表支持的范围 1.50× – 8.00× 内。")
    assert "依据：内容分发平均投产比 1:3" in zh
    assert "（来源：《电商平台运营与推广策略指南》 §3.3、2020年零售商谷歌购物广告" in zh
    assert "-20" not in zh  # no row id


def test_a_plan_that_never_pays_back_gets_its_own_sentence(ranges):
    payback = ranges["payback_month"]
    en = finding_text(Finding("payback_month", None, payback), "en")
    zh = finding_text(Finding("payback_month", None, payback), "zh-CN")
    assert en.startswith("The plan does not pay back within its horizon")
    assert "from Month 1 to Month 48" in en
    assert zh.startswith("组合在测算周期内未回本")
    assert "第 48 月" in zh
    assert "payback is" not in en
    assert en.endswith(
        "(basis: the feasibility report's author puts the whole programme's payback at "
        "about two years, and twice that (48 months) is the edge of plausible; source: "
        "2025 E-commerce Traffic Monetization Strategy Feasibility Report §5.3.3). Check "
        "margin, return rate and fixed costs: at these assumptions an order does not earn "
        "back what the paid channels cost. This range rests only on figures of vague "
        "quality: read it as a prompt to check, not as a standard."
    )
    assert zh.endswith("而不是标准。")
    assert "。这一范围只有粗略数据支持" in zh
    assert "; source: 2025 E-commerce" in en  # one source: not "sources"
    assert "；来源：《2025年电商行业流量变现策略可行性研究报告》 §5.3.3）" in zh
    assert "种子" not in zh  # the team's shorthand for the source documents


def test_only_a_range_resting_on_vague_rows_says_it_is_not_a_standard(ranges):
    """The payback range cites one vague row; the ratio ranges cite solid or medium ones."""
    assert ranges["payback_month"].vague_only
    assert not ranges["ads_gmv_roas"].vague_only
    ads = Finding("ads_gmv_roas", 9.5, ranges["ads_gmv_roas"])
    assert "vague" not in finding_text(ads, "en")
    thin = Finding("ads_gmv_roas", 9.5, replace(ranges["ads_gmv_roas"], vague_only=True))
    assert finding_text(thin, "en") == (
        finding_text(ads, "en")
        + " This range rests only on figures of vague quality: read it as a prompt to check,"
        " not as a standard."
    )
    assert finding_text(thin, "zh-CN") == (
        finding_text(ads, "zh-CN") + "这一范围只有粗略数据支持：请把它当作核对的提醒，而不是标准。"
    )
