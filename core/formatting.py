"""Numbers for people: money with ¥ and 万/亿 in Chinese, k/M/B in English; percentages.

Examples (zh-CN): 12_345 → ¥1.23万; 250_000_000 → ¥2.50亿; −800 → −¥800.
Examples (en):    12_345 → ¥12.3k;  2_500_000 → ¥2.50M;    −800 → −¥800.
"""

from __future__ import annotations

import math

from core.fields import PERCENT_UNITS, DriverSpec
from core.i18n import Locale

_ZH_STEPS: tuple[tuple[float, str], ...] = ((1e8, "亿"), (1e4, "万"))
_EN_STEPS: tuple[tuple[float, str], ...] = ((1e9, "B"), (1e6, "M"), (1e3, "k"))


def _compact(value: float, locale: Locale) -> str:
    """|value| with a locale unit suffix and three significant figures (1.23万, 12.3k)."""
    magnitude = abs(value)
    for size, suffix in _ZH_STEPS if locale == "zh-CN" else _EN_STEPS:
        if magnitude >= size:
            scaled = magnitude / size
            decimals = 2 if scaled < 10 else 1 if scaled < 100 else 0
            return f"{scaled:,.{decimals}f}{suffix}"
    return f"{magnitude:,.0f}"


def format_money(value: float, locale: Locale) -> str:
    """Yuan amount for display: sign, ¥, compact digits (see the module docstring)."""
    if not math.isfinite(value):
        return "—"
    sign = "−" if value < 0 and round(abs(value)) > 0 else ""
    return f"{sign}¥{_compact(value, locale)}"


def format_count(value: float, locale: Locale) -> str:
    """A volume (orders, clicks, members) with 万/亿 or k/M/B."""
    if not math.isfinite(value):
        return "—"
    sign = "−" if value < 0 and round(abs(value)) > 0 else ""
    return f"{sign}{_compact(value, locale)}"


def format_percent(value: float | None, decimals: int = 1) -> str:
    """A fraction as a percentage: 0.1234 → 12.3%; ``None`` → —."""
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value * 100:.{decimals}f}%".replace("-", "−")


def format_ratio(value: float | None) -> str:
    """A multiple such as ROAS: 3.204 → 3.20×; ``None`` → —."""
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value:.2f}×"


def format_driver(value: float | None, spec: DriverSpec, locale: Locale) -> str:
    """A driver value in its unit: % for rates, ¥ for money, plain digits for counts."""
    if value is None:
        return "—"
    if spec.unit in PERCENT_UNITS:
        return format_percent(value, decimals=2)
    if spec.unit.startswith("yuan"):
        return format_money(value, locale) if abs(value) >= 1_000 else f"¥{value:,.2f}"
    return f"{value:,.2f}" if abs(value) < 100 else format_count(value, locale)
