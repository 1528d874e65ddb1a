"""Headline metrics as text: one formatter per metric, shared by the pages and the CLI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

from core.model.engine import ScenarioResult
from core.model.finance import Metrics
from core.text.catalog import Locale, t
from core.text.formatting import format_count, format_money, format_percent, format_ratio

METRIC_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Metrics))
"""Every metric; each has ``kpi.<name>`` and ``formula.<name>`` in the catalog."""

HEADLINE_KPIS: tuple[str, ...] = (
    "npv",
    "roi",
    "gmv_roas",
    "payback_month",
    "peak_cash_need",
    "marginal_roi",
)
"""The KPIs shown for every strategy and for the plan total, in display order."""

CUSTOMER_KPIS: tuple[str, ...] = ("new_customers", "cac", "ltv")
"""The customer line under a strategy's KPIs."""

TABLE_KPIS: tuple[str, ...] = (
    "gmv",
    "net_revenue",
    "gross_profit",
    "investment",
    "net_profit",
    "npv_horizon",
    "terminal_value",
    "npv",
    "roi",
    "gmv_roas",
    "payback_month",
    "peak_cash_need",
    "marginal_roi",
    "new_customers",
    "cac",
    "ltv",
)
"""The rows of the CLI's plain-text table."""


def payback_text(month: float | None, lang: Locale) -> str:
    """ "第 N 月" / "Month N", or no payback: "未回本" / "No payback"."""
    if month:
        return t("payback.month", lang, month=month)
    return t("payback.none", lang)


def _payback(m: Metrics, lang: Locale) -> str:
    if not m.active:  # nothing invested, nothing sold: nothing to pay back
        return t("value.na", lang)
    if m.payback_month is None and m.relapse_month is not None:
        return t("payback.relapse", lang, month=m.relapse_month)
    return payback_text(m.payback_month, lang)


def _month(value: int | None, lang: Locale) -> str:
    return t("payback.month", lang, month=value) if value is not None else t("value.na", lang)


def _signed_percent(value: float) -> str:
    text = format_percent(value)
    return text if value < 0 else f"+{text}"


def _ratio(value: float | None, lang: Locale, render: Callable[[float], str]) -> str:
    return render(value) if value is not None else t("value.na", lang)


_FORMATTERS: dict[str, Callable[[Metrics, Locale], str]] = {
    "orders": lambda m, lang: format_count(m.orders, lang),
    "new_customers": lambda m, lang: format_count(m.new_customers, lang),
    "roi": lambda m, lang: _ratio(m.roi, lang, format_percent),
    "roas": lambda m, lang: _ratio(m.roas, lang, format_ratio),
    "gmv_roas": lambda m, lang: _ratio(m.gmv_roas, lang, format_ratio),
    "marginal_roi": lambda m, lang: _ratio(m.marginal_roi, lang, _signed_percent),
    "cac": lambda m, lang: _ratio(m.cac, lang, lambda v: format_money(v, lang)),
    "ltv": lambda m, lang: _ratio(m.ltv, lang, lambda v: format_money(v, lang)),
    "payback_month": _payback,
    "relapse_month": lambda m, lang: _month(m.relapse_month, lang),
}


def metric_text(m: Metrics, name: str, lang: Locale) -> str:
    """Metric ``name`` of ``m`` formatted for ``lang`` (money as ¥ with 万 / k)."""
    formatter = _FORMATTERS.get(name)
    if formatter is not None:
        return formatter(m, lang)
    return format_money(float(getattr(m, name)), lang)


def kpi_texts(m: Metrics, lang: Locale, names: tuple[str, ...] = HEADLINE_KPIS) -> dict[str, str]:
    """``names`` of ``m`` as text, keyed by metric name."""
    return {name: metric_text(m, name, lang) for name in names}


def tile_texts(m: Metrics, lang: Locale) -> dict[str, str]:
    """The headline KPIs as their tiles show them: short enough for a tile six to a row
    at 1280 px, so payback reads "第 N 月" or "未回本" / "No payback" (wrapping where it must)
    and a relapse goes to the caption (:func:`relapse_line`); a plan where nothing happens
    has nothing to pay back ("无" / "n/a")."""
    payback = payback_text(m.payback_month, lang) if m.active else t("value.na", lang)
    return {**kpi_texts(m, lang), "payback_month": payback}


def relapse_line(m: Metrics, lang: Locale) -> str | None:
    """Why a plan whose cash once turned positive shows no payback, or ``None``."""
    if m.payback_month is not None or m.relapse_month is None:
        return None
    return t("payback.relapse_line", lang, month=m.relapse_month)


def customers_line(m: Metrics, lang: Locale) -> str:
    """ "New customers 1.2万 · CAC ¥58 · LTV ¥94" in ``lang``."""
    return t("kpi.customers_line", lang, **kpi_texts(m, lang, CUSTOMER_KPIS))


def npv_parts_line(m: Metrics, lang: Locale) -> str:
    """How NPV splits into the horizon and the value beyond it, in ``lang``."""
    return t("kpi.npv_parts", lang, **kpi_texts(m, lang, ("npv_horizon", "terminal_value")))


def npv_sign_line(m: Metrics, lang: Locale) -> str | None:
    """Why NPV and the horizon's result disagree in sign (a positive NPV beside a negative
    ROI and no payback), or ``None`` when they agree: the value beyond the horizon decides
    the sign, so the tile's NPV needs its two parts beside it."""
    inside, npv = m.npv_horizon, m.npv
    if npv > 0 >= inside:
        key = "kpi.npv_sign.positive"
    elif npv < 0 <= inside:
        key = "kpi.npv_sign.negative"
    else:
        return None
    return t(key, lang, **kpi_texts(m, lang, ("npv_horizon", "terminal_value")))


def flow_line(flow_value: float, lang: Locale) -> str:
    """What the public → private flow adds to the plan's NPV, in ``lang``."""
    return t("kpi.flow_line", lang, flow_value=format_money(flow_value, lang))


def plan_lines(result: ScenarioResult, lang: Locale) -> str:
    """The plan's NPV split, customers and flow value as one caption line."""
    m = result.total.metrics
    parts = [npv_parts_line(m, lang), customers_line(m, lang)]
    if result.flow_value != 0.0:
        parts.append(flow_line(result.flow_value, lang))
    if (relapse := relapse_line(m, lang)) is not None:
        parts.append(relapse)
    return " · ".join(parts) if lang == "en" else "；".join(parts)
