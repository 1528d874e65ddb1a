"""Numbers for people: money with ¥ and 万/亿 in Chinese, k/M/B in English; percentages.

Examples (zh-CN): 12_345 → ¥1.23万; 250_000_000 → ¥2.50亿; −800 → −¥800.
Examples (en):    12_345 → ¥12.3k;  2_500_000 → ¥2.50M;    −800 → −¥800.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.model.fields import DriverSpec
from core.model.vocab import PERCENT_UNITS
from core.text.catalog import Locale, t

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


def format_number(value: float, decimals: int) -> str:
    """``value`` with ``decimals`` places, the minus sign "−" (U+2212), and no sign on a
    value that rounds to zero (−0.0001 → 0.00, never −0.00)."""
    text = f"{abs(value):,.{decimals}f}"
    rounds_to_zero = float(text.replace(",", "")) == 0.0
    return text if value >= 0 or rounds_to_zero else f"−{text}"


def format_percent(value: float | None, decimals: int = 1) -> str:
    """A fraction as a percentage: 0.1234 → 12.3%, −0.05 → −5.0%; ``None`` → —."""
    if value is None or not math.isfinite(value):
        return "—"
    return f"{format_number(value * 100, decimals)}%"


def format_ratio(value: float | None) -> str:
    """A multiple such as ROAS: 3.204 → 3.20×, −0.004 → 0.00×; ``None`` → —."""
    if value is None or not math.isfinite(value):
        return "—"
    return f"{format_number(value, 2)}×"


def format_driver(value: float | None, spec: DriverSpec, locale: Locale) -> str:
    """A driver value in its unit: % for rates, ¥ for money, plain digits for counts."""
    if value is None:
        return "—"
    if spec.unit in PERCENT_UNITS:
        return format_percent(value, decimals=2)
    if spec.unit.startswith("yuan"):
        return format_money(value, locale) if abs(value) >= 1_000 else f"¥{value:,.2f}"
    return f"{value:,.2f}" if abs(value) < 100 else format_count(value, locale)


def money_axis_scale(locale: Locale) -> float:
    """Divisor of money on a chart axis: 10,000 (万) in Chinese, 1 in English."""
    return _ZH_STEPS[1][0] if locale == "zh-CN" else 1.0


def money_axis_ticks(locale: Locale) -> dict[str, Any]:
    """Tick settings of a money axis whose values are divided by :func:`money_axis_scale`:
    ¥ and 万 in Chinese with thousands separated and never an SI letter (¥12万,
    ¥−20,000万: plotly's default wrote "¥−20k万"); ¥ with k / M / B in English (¥0.2M,
    ¥50M; never the SI milli of d3's "~s", which wrote ¥0.5 as "¥500m")."""
    if locale == "zh-CN":
        return {
            "tickprefix": "¥",
            "ticksuffix": _ZH_STEPS[1][1],
            "exponentformat": "none",
            "separatethousands": True,
        }
    return {"tickprefix": "¥", "exponentformat": "B", "separatethousands": True}


def money_axis_for(largest: float, locale: Locale) -> tuple[float, dict[str, Any]]:
    """Divisor and tick settings of a money axis whose values reach ``largest`` (yuan):
    :func:`money_axis_scale` / :func:`money_axis_ticks`, except that amounts below ¥1万
    stay in yuan in Chinese (¥700, not ¥0.07万)."""
    if locale == "zh-CN" and abs(largest) < _ZH_STEPS[1][0]:
        return 1.0, {"tickprefix": "¥"}
    return money_axis_scale(locale), money_axis_ticks(locale)


def format_unit_value(value: float, unit: str, locale: Locale) -> str:
    """A benchmark figure in its unit: rates as %, money with ¥ (and 万), ratios as ×."""
    if not math.isfinite(value):
        return "—"
    if unit in PERCENT_UNITS:
        return format_percent(value, decimals=2 if abs(value) < 0.1 else 1)
    if unit == "yuan_bn":
        return format_money(value * 1e9, locale)
    if unit.startswith("yuan"):
        return format_money(value, locale) if abs(value) >= 1_000 else f"¥{value:,.2f}"
    if unit == "ratio":
        return f"{value:,.2f}×"
    return f"{value:,.2f}" if abs(value) < 100 else format_count(value, locale)


def format_range(
    value: float | None, low: float | None, high: float | None, unit: str, locale: Locale
) -> str:
    """A benchmark row's figure: its point value, else "low – high", "≥ low" or "≤ high"."""
    if value is not None and math.isfinite(value):
        return format_unit_value(value, unit, locale)
    has_low = low is not None and math.isfinite(low)
    has_high = high is not None and math.isfinite(high)
    if has_low and has_high:
        return f"{format_unit_value(low, unit, locale)} – {format_unit_value(high, unit, locale)}"
    if has_low:
        return f"≥ {format_unit_value(low, unit, locale)}"
    if has_high:
        return f"≤ {format_unit_value(high, unit, locale)}"
    return "—"


def format_saved_time(when: datetime, timezone: str | None) -> str:
    """When a scenario was saved, in the reader's time zone (an IANA name such as
    ``Asia/Shanghai``, as the browser reports it): "2026-11-30 18:36"; when the zone is
    unknown or not valid, in UTC and saying so: "2026-11-30 10:36 UTC"."""
    try:
        zone = ZoneInfo(timezone) if timezone else None
    except (ZoneInfoNotFoundError, ValueError):
        zone = None
    if zone is None:
        return f"{when.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
    return f"{when.astimezone(zone):%Y-%m-%d %H:%M}"


def join_list(items: Iterable[str], locale: Locale) -> str:
    """Items as a list in ``locale``: 甲、乙、丙 in Chinese, "a, b, c" in English."""
    return t("list.separator", locale).join(items)


def join_sentences(sentences: Iterable[str], locale: Locale) -> str:
    """Whole sentences one after another: no space between Chinese sentences (each ends in
    。), one space between English ones."""
    return ("" if locale == "zh-CN" else " ").join(sentences)


def mid_sentence(label: str, locale: Locale) -> str:
    """A label placed inside an English sentence, its first letter in lower case when its
    first word is an ordinary capitalised word ("Net revenue" → "net revenue"; "NPV",
    "GMV ÷ spend" and "SaaS cost" stay); Chinese labels as they are (the sentence quotes
    them)."""
    first = label.split(" ", 1)[0]
    if locale != "en" or len(first) < 2 or not first[0].isupper() or first[1:] != first[1:].lower():
        return label
    return label[0].lower() + label[1:]
