"""The i18n catalog (zh-CN and en) and lookup. Every user-facing string goes through here.

Strategy modules contribute their own entries (``StrategySpec.strings``), merged into the
catalog, so a new strategy brings its labels with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Literal

from core.strategies import REGISTRY

Locale = Literal["zh-CN", "en"]
LOCALES: tuple[Locale, ...] = ("zh-CN", "en")
DEFAULT_LOCALE: Locale = "zh-CN"

_BASE: dict[str, dict[Locale, str]] = {
    "app.title": {"zh-CN": "变现策略决策台", "en": "Monetization Studio"},
    "app.tagline": {
        "zh-CN": "在分配下季度预算之前，比较广告、内容与私域三种变现策略的回报与风险。",
        "en": "Compare the return and risk of paid ads, content and private-domain "
        "operations before you split next quarter's budget.",
    },
    "nav.strategy_lab": {"zh-CN": "策略实验室", "en": "Strategy Lab"},
    "language.label": {"zh-CN": "语言 / Language", "en": "Language / 语言"},
    "language.zh-CN": {"zh-CN": "中文", "en": "中文"},
    "language.en": {"zh-CN": "English", "en": "English"},
    # Business basics
    "sidebar.business": {"zh-CN": "业务基础", "en": "Business basics"},
    "sidebar.scenario": {"zh-CN": "方案文件", "en": "Scenario file"},
    "field.name": {"zh-CN": "方案名称", "en": "Scenario name"},
    "field.horizon_months": {"zh-CN": "测算周期（月）", "en": "Horizon (months)"},
    "field.annual_discount_rate": {"zh-CN": "年折现率", "en": "Annual discount rate"},
    "field.business.size": {"zh-CN": "企业规模", "en": "Business size"},
    "field.business.category": {"zh-CN": "品类", "en": "Category"},
    "field.business.gross_margin": {"zh-CN": "毛利率", "en": "Gross margin"},
    "field.business.return_rate": {"zh-CN": "退货率", "en": "Return rate"},
    "field.enabled": {"zh-CN": "纳入方案", "en": "Include in plan"},
    "size.sme": {"zh-CN": "中小企业", "en": "SME"},
    "size.mid": {"zh-CN": "中型企业", "en": "Mid-size"},
    "size.large": {"zh-CN": "大型企业", "en": "Large"},
    "category.apparel": {"zh-CN": "服饰", "en": "Apparel"},
    "category.beauty": {"zh-CN": "美妆", "en": "Beauty"},
    "category.food": {"zh-CN": "食品", "en": "Food"},
    "category.fresh": {"zh-CN": "生鲜", "en": "Fresh food"},
    "category.mother_baby": {"zh-CN": "母婴", "en": "Mother & baby"},
    "category.home": {"zh-CN": "家居", "en": "Home"},
    "category.electronics": {"zh-CN": "数码家电", "en": "Electronics"},
    "category.agri": {"zh-CN": "农产品", "en": "Agricultural products"},
    "category.fmcg": {"zh-CN": "快消品", "en": "FMCG"},
    "category.other": {"zh-CN": "其他", "en": "Other"},
    "saturation.off": {"zh-CN": "不考虑边际递减", "en": "No diminishing returns"},
    # KPIs
    "kpi.total": {"zh-CN": "组合合计", "en": "Plan total"},
    "kpi.investment": {"zh-CN": "总投入", "en": "Investment"},
    "kpi.net_revenue": {"zh-CN": "净收入", "en": "Net revenue"},
    "kpi.gross_profit": {"zh-CN": "毛利", "en": "Gross profit"},
    "kpi.contribution": {"zh-CN": "贡献利润", "en": "Contribution"},
    "kpi.net_profit": {"zh-CN": "净利润", "en": "Net profit"},
    "kpi.roi": {"zh-CN": "投资回报率 ROI", "en": "ROI"},
    "kpi.roas": {"zh-CN": "投入产出比 ROAS", "en": "ROAS"},
    "kpi.npv": {"zh-CN": "净现值 NPV", "en": "NPV"},
    "kpi.payback": {"zh-CN": "回本月份", "en": "Payback"},
    "kpi.orders": {"zh-CN": "订单", "en": "Orders"},
    "kpi.gmv": {"zh-CN": "GMV", "en": "GMV"},
    "kpi.share": {"zh-CN": "占组合净收入 {share}", "en": "{share} of plan net revenue"},
    "payback.none": {"zh-CN": "未回本", "en": "Not yet"},
    "payback.month": {"zh-CN": "第 {month} 月", "en": "Month {month}"},
    "value.na": {"zh-CN": "无（零投入）", "en": "n/a (nothing invested)"},
    "formula.title": {"zh-CN": "指标如何计算", "en": "How is this computed"},
    "formula.net_revenue": {
        "zh-CN": "净收入 = GMV × (1 − 退货率)；GMV = 订单数 × 客单价。",
        "en": "Net revenue = GMV × (1 − return rate); GMV = orders × average order value.",
    },
    "formula.contribution": {
        "zh-CN": "贡献利润 = 净收入 × 毛利率 − 当月全部策略成本（广告花费、内容制作、佣金、"
        "费用、运营成本），按月汇总。",
        "en": "Contribution = net revenue × gross margin − that month's strategy costs (ad "
        "spend, production, commissions, fees, operating cost), summed over the months.",
    },
    "formula.roi": {
        "zh-CN": "ROI = 净利润 ÷ 总投入。净利润 = 各月贡献利润之和 − 一次性搭建成本；"
        "总投入 = 周期内全部成本（含搭建成本）。",
        "en": "ROI = net profit ÷ investment. Net profit = sum of monthly contribution − "
        "one-off setup cost; investment = every cost over the horizon, setup included.",
    },
    "formula.roas": {
        "zh-CN": "ROAS = 净收入 ÷ 总投入（每投入 1 元带来的净收入）。",
        "en": "ROAS = net revenue ÷ investment (net revenue per yuan invested).",
    },
    "formula.npv": {
        "zh-CN": "NPV = −搭建成本 + Σ 第 t 月贡献利润 ÷ (1 + 月折现率)^t；"
        "月折现率 = (1 + 年折现率)^(1/12) − 1，现金流记在每月月末。",
        "en": "NPV = −setup cost + Σ contribution in month t ÷ (1 + monthly rate)^t; monthly "
        "rate = (1 + annual rate)^(1/12) − 1, cash flows at the end of each month.",
    },
    "formula.payback": {
        "zh-CN": "回本月份 = 累计现金（−搭建成本 + 截至当月的贡献利润之和）首次 ≥ 0 的月份。",
        "en": "Payback = first month in which cumulative cash (−setup cost + contribution so "
        "far) reaches zero or more.",
    },
    # Charts
    "chart.cumulative_cash": {"zh-CN": "累计现金（按月）", "en": "Cumulative cash by month"},
    "chart.month": {"zh-CN": "月份", "en": "Month"},
    "chart.yuan": {"zh-CN": "金额（元）", "en": "Yuan"},
    "chart.funnel": {"zh-CN": "转化漏斗（周期合计）", "en": "Funnel (horizon total)"},
    "chart.tornado": {
        "zh-CN": "敏感性：各驱动因素 ±20% 对 NPV 的影响",
        "en": "Sensitivity: NPV with each driver at ±20%",
    },
    "chart.tornado.low": {"zh-CN": "−20%", "en": "−20%"},
    "chart.tornado.high": {"zh-CN": "+20%", "en": "+20%"},
    "chart.select_strategy": {"zh-CN": "分析策略", "en": "Strategy to analyse"},
    "chart.empty": {
        "zh-CN": "请至少启用一个策略。",
        "en": "Switch on at least one strategy.",
    },
    "stage.orders": {"zh-CN": "订单", "en": "Orders"},
    "stage.clicks": {"zh-CN": "点击", "en": "Clicks"},
    "breakeven.title": {"zh-CN": "盈亏平衡点（NPV = 0）", "en": "Break-even values (NPV = 0)"},
    "breakeven.driver": {"zh-CN": "驱动因素", "en": "Driver"},
    "breakeven.current": {"zh-CN": "当前值", "en": "Current"},
    "breakeven.value": {"zh-CN": "盈亏平衡值", "en": "Break-even"},
    "breakeven.none": {"zh-CN": "范围内无", "en": "none in range"},
    "lab.more_assumptions": {"zh-CN": "更多假设", "en": "More assumptions"},
    "lab.sources": {"zh-CN": "默认值来源", "en": "Where the default values come from"},
    "lab.sources.field": {"zh-CN": "字段", "en": "Field"},
    "lab.sources.default": {"zh-CN": "默认值", "en": "Default"},
    "lab.sources.source": {"zh-CN": "来源", "en": "Source"},
    "lab.sources.year": {"zh-CN": "年份", "en": "Year"},
    "lab.sources.quality": {"zh-CN": "可信度", "en": "Quality"},
    "lab.disabled": {"zh-CN": "未纳入方案", "en": "Not in the plan"},
    "unit.yuan": {"zh-CN": "元", "en": "¥"},
    "unit.yuan_per_month": {"zh-CN": "元/月", "en": "¥ per month"},
    "unit.yuan_per_click": {"zh-CN": "元/次点击", "en": "¥ per click"},
    "unit.yuan_per_order": {"zh-CN": "元/单", "en": "¥ per order"},
    "unit.yuan_per_member": {"zh-CN": "元/人", "en": "¥ per member"},
    "unit.fraction": {"zh-CN": "%", "en": "%"},
    "unit.fraction_per_year": {"zh-CN": "%/年", "en": "% per year"},
    "unit.fraction_per_month": {"zh-CN": "%/月", "en": "% per month"},
    "unit.count": {"zh-CN": "人", "en": "people"},
    "unit.count_per_month": {"zh-CN": "每月", "en": "per month"},
    "unit.orders_per_member_month": {"zh-CN": "单/人/月", "en": "orders per member-month"},
    "unit.months": {"zh-CN": "月", "en": "months"},
    # Provenance
    "provenance.caption": {
        "zh-CN": "默认值来源：{source}（{year}，可信度：{quality}）",
        "en": "Default from {source} ({year}, quality: {quality})",
    },
    "quality.solid": {"zh-CN": "可靠", "en": "solid"},
    "quality.medium": {"zh-CN": "一般", "en": "medium"},
    "quality.vague": {"zh-CN": "粗略", "en": "vague"},
    # Scenario file
    "scenario.download": {"zh-CN": "下载方案 JSON", "en": "Download scenario JSON"},
    "scenario.upload": {"zh-CN": "上传方案 JSON", "en": "Upload scenario JSON"},
    "scenario.loaded": {"zh-CN": "已载入方案：{name}", "en": "Loaded scenario: {name}"},
    "scenario.invalid": {
        "zh-CN": "无法载入该方案文件，当前方案保持不变：",
        "en": "This scenario file could not be loaded; your current scenario is unchanged:",
    },
    "scenario.reset": {"zh-CN": "恢复默认值", "en": "Reset to defaults"},
    # Validation errors: {field} is the dotted path plus its label.
    "error.greater_than_equal": {
        "zh-CN": "{field} 必须大于或等于 {limit}",
        "en": "{field} must be at least {limit}",
    },
    "error.greater_than": {
        "zh-CN": "{field} 必须大于 {limit}",
        "en": "{field} must be greater than {limit}",
    },
    "error.less_than_equal": {
        "zh-CN": "{field} 必须小于或等于 {limit}",
        "en": "{field} must be at most {limit}",
    },
    "error.less_than": {"zh-CN": "{field} 必须小于 {limit}", "en": "{field} must be below {limit}"},
    "error.finite_number": {
        "zh-CN": "{field} 必须是有限数值（不能是 NaN 或无穷大）",
        "en": "{field} must be a finite number (not NaN or infinity)",
    },
    "error.number": {"zh-CN": "{field} 必须是数值", "en": "{field} must be a number"},
    "error.extra_forbidden": {
        "zh-CN": "{field} 不是方案文件中的已知字段",
        "en": "{field} is not a known scenario field",
    },
    "error.missing": {"zh-CN": "缺少必填字段 {field}", "en": "{field} is required"},
    "error.choice": {
        "zh-CN": "{field} 必须是以下之一：{choices}",
        "en": "{field} must be one of: {choices}",
    },
    "error.json_invalid": {
        "zh-CN": "文件不是有效的 JSON：{detail}",
        "en": "The file is not valid JSON: {detail}",
    },
    "error.not_object": {
        "zh-CN": "{field} 必须是一个 JSON 对象（{{…}}）",
        "en": "{field} must be a JSON object ({{…}})",
    },
    "error.other": {"zh-CN": "{field} 无效：{detail}", "en": "{field} is invalid: {detail}"},
    "error.file_too_large": {
        "zh-CN": "文件过大（上限 {limit}）",
        "en": "The file is too large (limit {limit})",
    },
    # Presets (sidebar of the Strategy Lab)
    "preset.title": {"zh-CN": "行业预设", "en": "Business preset"},
    "preset.choose": {"zh-CN": "选择预设", "en": "Choose a preset"},
    "preset.placeholder": {"zh-CN": "按规模 × 品类 × 平台", "en": "By size × category × platform"},
    "preset.apply": {"zh-CN": "用基准数据填入", "en": "Fill from benchmarks"},
    "preset.applied": {
        "zh-CN": "已按预设“{name}”填入 {count} 项假设",
        "en": "Preset “{name}” filled {count} assumptions",
    },
    "preset.provenance": {
        "zh-CN": "预设数值来自哪些基准行",
        "en": "Which benchmark rows the preset used",
    },
    "preset.missing": {
        "zh-CN": "基准表中没有可用数据、保持原值：{fields}",
        "en": "No usable benchmark rows, kept as they were: {fields}",
    },
    "preset.col.value": {"zh-CN": "数值（中位数）", "en": "Value (median)"},
    "preset.col.range": {"zh-CN": "范围", "en": "Range"},
    "preset.col.level": {"zh-CN": "匹配层级", "en": "Match level"},
    "preset.col.rows": {"zh-CN": "基准行", "en": "Benchmark rows"},
    # Benchmarks page
    "nav.benchmarks": {"zh-CN": "行业基准", "en": "Benchmarks"},
    "bench.intro": {
        "zh-CN": "每一行都注明来源、年份与可信度。筛选后选择数据行，可直接填入当前方案。",
        "en": "Every row cites its source, year and quality. Filter, pick rows, and copy "
        "them into the current scenario.",
    },
    "bench.filter.platform": {"zh-CN": "平台", "en": "Platform"},
    "bench.filter.category": {"zh-CN": "品类", "en": "Category"},
    "bench.filter.strategy": {"zh-CN": "策略", "en": "Strategy"},
    "bench.filter.metric": {"zh-CN": "指标", "en": "Metric"},
    "bench.filter.year": {"zh-CN": "年份", "en": "Year"},
    "bench.filter.quality": {"zh-CN": "可信度", "en": "Quality"},
    "bench.filter.all": {"zh-CN": "全部", "en": "All"},
    "bench.rows": {"zh-CN": "共 {count} 行", "en": "{count} rows"},
    "bench.empty": {"zh-CN": "没有符合筛选条件的数据行。", "en": "No rows match these filters."},
    "bench.col.id": {"zh-CN": "编号", "en": "ID"},
    "bench.col.metric": {"zh-CN": "指标", "en": "Metric"},
    "bench.col.value": {"zh-CN": "数值", "en": "Value"},
    "bench.col.low": {"zh-CN": "下限", "en": "Low"},
    "bench.col.high": {"zh-CN": "上限", "en": "High"},
    "bench.col.unit": {"zh-CN": "单位", "en": "Unit"},
    "bench.col.year": {"zh-CN": "年份", "en": "Year"},
    "bench.col.platform": {"zh-CN": "平台", "en": "Platform"},
    "bench.col.strategy": {"zh-CN": "策略", "en": "Strategy"},
    "bench.col.category": {"zh-CN": "品类", "en": "Category"},
    "bench.col.source": {"zh-CN": "来源", "en": "Source"},
    "bench.col.quality": {"zh-CN": "可信度", "en": "Quality"},
    "bench.col.note": {"zh-CN": "说明", "en": "Note"},
    "bench.chart.metric": {"zh-CN": "图表指标", "en": "Metric to chart"},
    "bench.chart.title": {
        "zh-CN": "各平台 {metric} 的范围（竖线为中位数）",
        "en": "Range of {metric} by platform (tick = median)",
    },
    "bench.copy.title": {"zh-CN": "填入当前方案", "en": "Use in the current scenario"},
    "bench.copy.pick": {"zh-CN": "选择要使用的数据行", "en": "Rows to use"},
    "bench.copy.button": {"zh-CN": "填入方案", "en": "Copy into scenario"},
    "bench.copy.done": {
        "zh-CN": "已更新：{fields}。回到“策略实验室”查看效果。",
        "en": "Updated: {fields}. Open the Strategy Lab to see the effect.",
    },
    "bench.copy.none": {
        "zh-CN": "所选行没有对应的方案字段。",
        "en": "None of the chosen rows maps to a scenario field.",
    },
    "bench.copy.unused": {
        "zh-CN": "未使用（无对应字段或无点值）：{ids}",
        "en": "Not used (no matching field or no point value): {ids}",
    },
    "demo.title": {"zh-CN": "演示店铺（合成数据）", "en": "Demo store (synthetic data)"},
    "demo.caption": {
        "zh-CN": "按固定随机种子生成的两年订单与投放数据，用于演示与校准。",
        "en": "Two years of orders and campaign results generated with a fixed seed, for "
        "demos and calibration.",
    },
    "demo.gmv": {"zh-CN": "月度 GMV（按渠道）", "en": "Monthly GMV by channel"},
    "demo.spend": {"zh-CN": "月度投放花费（按渠道）", "en": "Monthly spend by channel"},
    "demo.roas": {"zh-CN": "月度 ROAS（GMV ÷ 花费）", "en": "Monthly ROAS (GMV ÷ spend)"},
    "demo.summary": {"zh-CN": "渠道汇总", "en": "Totals by channel"},
    "channel.ads": {"zh-CN": "广告", "en": "Ads"},
    "channel.content": {"zh-CN": "内容", "en": "Content"},
    "channel.private_domain": {"zh-CN": "私域", "en": "Private domain"},
    "channel.organic": {"zh-CN": "自然流量", "en": "Organic"},
    # CLI
    "cli.strategy": {"zh-CN": "策略", "en": "Strategy"},
    "cli.invalid": {"zh-CN": "方案文件无效", "en": "invalid scenario file"},
    "cli.unreadable": {"zh-CN": "无法读取文件", "en": "cannot read file"},
    # Business presets (core/presets.py, data/presets.json)
    "preset.sme_apparel_douyin": {"zh-CN": "抖音服饰中小商家", "en": "SME apparel on Douyin"},
    "preset.mid_fmcg_members": {
        "zh-CN": "有会员体系的中型快消品牌",
        "en": "Mid-size FMCG with a member programme",
    },
    "preset.sme_agri_kuaishou": {
        "zh-CN": "快手农产品商家",
        "en": "Agri-products seller on Kuaishou",
    },
    "preset.sme_beauty_xiaohongshu": {
        "zh-CN": "小红书美妆中小商家",
        "en": "SME beauty on Xiaohongshu",
    },
    "preset.large_electronics_jd": {
        "zh-CN": "京东大型数码家电商家",
        "en": "Large electronics on JD",
    },
    "preset.sme_fresh_wechat_community": {
        "zh-CN": "微信社群生鲜小店",
        "en": "Fresh-food community store on WeChat",
    },
    "preset.level.platform_category": {
        "zh-CN": "本平台、本品类数据",
        "en": "This platform and category",
    },
    "preset.level.platform_all": {
        "zh-CN": "本平台、全品类数据",
        "en": "This platform, all categories",
    },
    "preset.level.global_category": {
        "zh-CN": "跨平台、本品类数据",
        "en": "Cross-platform, this category",
    },
    "preset.level.global_all": {
        "zh-CN": "跨平台、全品类数据",
        "en": "Cross-platform, all categories",
    },
}


@cache
def catalog() -> Mapping[str, Mapping[str, str]]:
    """The whole catalog: base entries plus every registered strategy's entries."""
    merged: dict[str, Mapping[str, str]] = dict(_BASE)
    for spec in REGISTRY:
        merged.update(spec.strings)
    return merged


def t(key: str, locale: Locale, **values: object) -> str:
    """Text for ``key`` in ``locale`` with ``{placeholders}`` filled; ``KeyError`` if absent."""
    text = catalog()[key][locale]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """Whether the catalog holds ``key``."""
    return key in catalog()
