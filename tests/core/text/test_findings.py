"""Plausibility findings read as sentences in both languages."""

from core.analysis.plausibility import Finding
from core.data.plausibility import plausible_ranges
from core.text.findings import finding_text


def test_a_ratio_outside_its_range_quotes_value_range_basis_and_rows():
    ranges = plausible_ranges()
    finding = Finding("ads_gmv_roas", 9.5, ranges["ads_gmv_roas"])
    text = finding_text(finding, "en")
    assert text.startswith("Ads GMV ÷ spend is 9.50×, outside the 1.50× – 8.00×")
    assert "Basis: content distribution averages 1:3 and Google Shopping retail 6.4" in text
    assert ranges["ads_gmv_roas"].row_ids[0] in text
    zh = finding_text(finding, "zh-CN")
    assert zh.startswith("广告投产比为 9.50×，不在基准表支持的范围 1.50× – 8.00× 内。")
    assert "依据：内容分发平均投产比 1:3" in zh


def test_a_plan_that_never_pays_back_gets_its_own_sentence():
    payback = plausible_ranges()["payback_month"]
    en = finding_text(Finding("payback_month", None, payback), "en")
    zh = finding_text(Finding("payback_month", None, payback), "zh-CN")
    assert en.startswith("The plan does not pay back within its horizon")
    assert "from Month 1 to Month 48" in en
    assert zh.startswith("组合在测算周期内未回本")
    assert "第 48 月" in zh
    assert "payback is" not in en
    assert "this rests on one vague row" in en
    assert "只有一行粗略数据" in zh
    assert "; row ads-payback-months-programme-2024-all)" in en  # one row: not "rows"
    assert "；基准行 ads-payback-months-programme-2024-all）" in zh
