"""Headline metrics as text: one formatter per metric, shared by the pages and the CLI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

from core.model.finance import Metrics
from core.text.catalog import Locale, t
from core.text.formatting import format_count, format_money, format_percent, format_ratio

METRIC_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Metrics))
"""Every metric; each has ``kpi.<name>`` and ``formula.<name>`` in the catalog."""

HEADLINE_KPIS: tuple[str, ...] = (
    "net_revenue",
    "contribution",
    "roi",
    "roas",
    "npv",
    "payback_month",
)
"""The KPIs shown for every strategy and for the plan total, in display order."""

TABLE_KPIS: tuple[str, ...] = (
    "investment",
    "net_revenue",
    "gross_profit",
    "net_profit",
    "roi",
    "roas",
    "npv",
    "payback_month",
)
"""The rows of the CLI's plain-text table."""


def _payback(m: Metrics, lang: Locale) -> str:
    if m.payback_month is None:
        return t("payback.none", lang)
    return t("payback.month", lang, month=m.payback_month)


def _ratio(value: float | None, lang: Locale, render: Callable[[float], str]) -> str:
    return render(value) if value is not None else t("value.na", lang)


_FORMATTERS: dict[str, Callable[[Metrics, Locale], str]] = {
    "orders": lambda m, lang: format_count(m.orders, lang),
    "roi": lambda m, lang: _ratio(m.roi, lang, format_percent),
    "roas": lambda m, lang: _ratio(m.roas, lang, format_ratio),
    "payback_month": _payback,
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
