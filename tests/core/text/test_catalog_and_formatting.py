"""i18n catalog, money formatting and localized validation messages."""

import pytest
from pydantic import ValidationError

from core.model.scenario import ScenarioFileError, scenario_from_json
from core.text.catalog import LOCALES, catalog, singulars, t
from core.text.errors import describe_file_error, describe_validation_error, field_name
from core.text.formatting import (
    format_count,
    format_money,
    format_percent,
    format_ratio,
    join_list,
    mid_sentence,
)
from core.text.labels import name_after_preset, scenario_title


def test_every_catalog_entry_has_both_languages():
    for key, texts in catalog().items():
        assert set(texts) == set(LOCALES), key
        assert all(text.strip() for text in texts.values()), key


def test_placeholders_match_between_languages():
    import string

    for key, texts in catalog().items():
        fields = [
            {name for _, name, _, _ in string.Formatter().parse(text) if name}
            for text in texts.values()
        ]
        assert fields[0] == fields[1], key


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (800, "¥800", "¥800"),
        (12_345, "¥1.23万", "¥12.3k"),
        (-152_490, "−¥15.2万", "−¥152k"),
        (11_705_161, "¥1,171万", "¥11.7M"),
        (250_000_000, "¥2.50亿", "¥250M"),
        (3_000_000_000, "¥30.0亿", "¥3.00B"),
    ],
)
def test_money_formatting(value, zh, en):
    assert format_money(value, "zh-CN") == zh
    assert format_money(value, "en") == en


def test_other_formats():
    assert format_percent(0.1234) == "12.3%"
    assert format_percent(-0.127) == "−12.7%"
    assert format_percent(None) == "—"
    assert format_ratio(3.204) == "3.20×"
    assert format_ratio(-0.004) == "0.00×", "a value that rounds to zero has no sign"
    assert format_ratio(-1.5) == "−1.50×"
    assert format_percent(-0.00001) == "0.0%"
    assert format_count(48_500, "zh-CN") == "4.85万"
    assert format_money(float("nan"), "en") == "—"


def test_placeholders_are_filled():
    assert t("payback.month", "zh-CN", month=7) == "第 7 月"
    assert t("payback.month", "en", month=7) == "Month 7"


def test_validation_messages_name_the_field_in_the_users_language():
    with pytest.raises(ValidationError) as excinfo:
        scenario_from_json('{"ads": {"cvr": 0.7}, "private_domain": {"monthly_churn": 1}}')
    zh = describe_validation_error(excinfo.value, "zh-CN")
    en = describe_validation_error(excinfo.value, "en")
    assert zh == [
        "ads.cvr (点击转化率 CVR) 必须小于或等于 0.5",
        "private_domain.monthly_churn (会员月流失率) 必须小于或等于 0.99",
    ]
    assert en == [
        "ads.cvr (Conversion per click (CVR)) must be at most 0.5",
        "private_domain.monthly_churn (Monthly member churn) must be at most 0.99",
    ]


def test_thousands_of_problems_are_cut_to_a_few_and_a_count():
    keys = ", ".join(f'"x{i}": 1' for i in range(20_000))
    with pytest.raises(ValidationError) as excinfo:
        scenario_from_json("{" + keys + "}")
    lines = describe_validation_error(excinfo.value, "en")
    assert len(lines) == 6
    assert lines[-1] == "… and 19995 more"
    assert sum(len(line) for line in lines) < 1_000


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[1, 2]", "JSON 对象"),
        ('{"content": {"cvr": NaN}}', "有限数值"),
        ('{"business": {"size": "huge"}}', "必须是以下之一"),
        ('{"horizon_months": "long"}', "必须是数值"),
        ('{"extra": 1}', "不是方案文件中的已知字段"),
    ],
)
def test_every_error_kind_reads_in_chinese(text, fragment):
    with pytest.raises(ValidationError) as excinfo:
        scenario_from_json(text)
    assert fragment in describe_validation_error(excinfo.value, "zh-CN")[0]


def test_a_file_that_is_not_json_says_where_in_chinese():
    with pytest.raises(ScenarioFileError) as excinfo:
        scenario_from_json("{oops")
    zh = describe_file_error(excinfo.value, "zh-CN")
    assert zh == "文件不是有效的 JSON（第 1 行第 2 列有误）"
    assert describe_file_error(excinfo.value, "en") == (
        "The file is not valid JSON (error at line 1, column 2)"
    )


def test_plot_labels_show_html_as_text():
    from core.text.safe import plot_literal

    assert plot_literal('<a href="x">A & B</a>\n  c') == '&lt;a href="x"&gt;A &amp; B&lt;/a&gt; c'


def test_money_axes_use_wan_only_from_ten_thousand_yuan_in_chinese():
    from core.text.formatting import money_axis_for

    assert money_axis_for(700.0, "zh-CN") == (1.0, {"tickprefix": "¥"})
    scale, ticks = money_axis_for(25_000.0, "zh-CN")
    assert (scale, ticks["ticksuffix"], ticks["exponentformat"]) == (10_000.0, "万", "none")
    scale, ticks = money_axis_for(700.0, "en")
    assert (scale, ticks["exponentformat"]) == (1.0, "B")  # k, M, B; never "~s" milli
    assert "tickformat" not in ticks


def test_saved_times_read_in_the_browsers_time_zone_else_utc():
    from datetime import UTC, datetime

    from core.text.formatting import format_saved_time

    when = datetime(2026, 11, 30, 10, 36, tzinfo=UTC)
    assert format_saved_time(when, "Asia/Shanghai") == "2026-11-30 18:36"
    assert format_saved_time(when, None) == "2026-11-30 10:36 UTC"
    assert format_saved_time(when, "Not/AZone") == "2026-11-30 10:36 UTC"


def test_a_unit_label_says_wan_where_the_value_is_shown_in_wan():
    """The Risk page's range table showed ad-team cost 0.4 under "(元/月)"; typing 5000
    there meant ¥5,000万."""
    from core.model.paths import driver_spec
    from core.text.display import to_display
    from core.text.labels import with_shown_unit

    team = driver_spec("ads.monthly_team_cost")
    assert to_display(team, 4_000.0, "zh-CN") == 0.4
    assert with_shown_unit("投放团队月成本", team, "zh-CN") == "投放团队月成本 (万元/月)"
    assert with_shown_unit("Ad team cost", team, "en") == "Ad team cost (¥ per month)"
    cpc = driver_spec("ads.cpc")
    assert with_shown_unit("CPC", cpc, "zh-CN") == "CPC (元/次点击)"  # shown in yuan


def test_a_preset_names_only_a_plan_without_a_name_of_its_own():
    presets = ["sme_apparel_douyin", "sme_fresh_wechat_community"]
    assert name_after_preset("", "sme_apparel_douyin", presets, "en") == "SME apparel on Douyin"
    assert name_after_preset("  ", "sme_apparel_douyin", presets, "zh-CN") == "抖音服饰中小商家"
    # named after the other preset, in either language: renamed
    assert name_after_preset("抖音服饰中小商家", presets[1], presets, "en") == t(
        f"preset.{presets[1]}", "en"
    )
    assert name_after_preset("Q3 plan", presets[1], presets, "zh-CN") == "Q3 plan"


def test_a_problem_with_what_was_typed_names_the_field_without_its_path():
    assert field_name(("ads", "cvr"), "zh-CN") == "ads.cvr (点击转化率 CVR)"
    assert field_name(("ads", "cvr"), "zh-CN", with_path=False) == "广告投放 · 点击转化率 CVR"
    assert field_name(("content", "aov"), "en", with_path=False).startswith("Content")
    ranged = field_name(("ranges", "ads.cpc"), "zh-CN", with_path=False)
    assert ranged.startswith("假设的区间 · ")
    assert "ads.cpc" not in ranged


def test_lists_read_as_lists_in_each_language():
    assert join_list(["广告投放", "内容与直播"], "zh-CN") == "广告投放、内容与直播"
    assert join_list(iter(["Ads", "Content"]), "en") == "Ads, Content"


def test_one_of_a_thing_reads_singular_in_english():
    """ "1 values from the benchmark table" on the JD preset."""
    assert t("bench.rows", "en", count="1") == "1 row"
    assert t("bench.rows", "en", count="2") == "2 rows"
    assert t("bench.rows", "zh-CN", count="1") == "共 1 行"


def test_every_singular_has_the_english_placeholders_and_says_1():
    import string

    assert singulars()
    for key, text in singulars().items():
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        english = {name for _, name, _, _ in string.Formatter().parse(catalog()[key]["en"]) if name}
        assert names == english - {"count"}, key
        assert text != catalog()[key]["en"], key


def test_a_label_inside_an_english_sentence_starts_in_lower_case_unless_an_acronym():
    """ "is enough for Net revenue over the horizon to reach ¥11.4M" """
    assert mid_sentence("Net revenue over the horizon", "en") == "net revenue over the horizon"
    assert mid_sentence("NPV", "en") == "NPV"
    assert mid_sentence("GMV ÷ spend", "en") == "GMV ÷ spend"
    assert mid_sentence("SaaS cost", "en") == "SaaS cost"
    assert mid_sentence("Click-through rate", "en") == "click-through rate"
    assert mid_sentence("净现值 NPV", "zh-CN") == "净现值 NPV"


def test_a_scenario_named_after_a_preset_is_titled_in_the_readers_language():
    """A preset applied in Chinese titled the English Strategy Lab
    "Plan total · 小红书美妆中小商家"."""
    presets = ["sme_beauty_xiaohongshu", "sme_apparel_douyin"]
    assert scenario_title("小红书美妆中小商家", presets, "en") == "SME beauty on Xiaohongshu"
    assert scenario_title("SME beauty on Xiaohongshu", presets, "zh-CN") == "小红书美妆中小商家"
    assert scenario_title("我的方案", presets, "en") == "我的方案"  # the user's own name
    assert scenario_title("  ", presets, "en") == "Example plan"
