"""How a driver value is shown in a widget: scale, range, step and printf format.

A widget shows a driver in the unit people read: rates as percentages (× 100); in
Chinese, money and counts whose slider reaches 100,000 or more in 万 (÷ 10,000); other
values as they are. Scaling is exact in decimal (``Decimal(repr(value))``), so a value
the scenario file accepts comes back from its widget unchanged (0.57 → 57 % → 0.57),
and the slider range always contains the value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from core.model.fields import DriverSpec
from core.text.catalog import Locale

WAN = Decimal(10_000)
WAN_THRESHOLD = 100_000.0
"""A money or count slider whose maximum reaches this is shown in 万 in Chinese."""
MAX_DECIMALS = 6


def display_scale(spec: DriverSpec, locale: Locale) -> Decimal:
    """Model value × scale = shown value: 100 for rates, 1/10,000 for 万, else 1."""
    if spec.is_percent:
        return Decimal(100)
    if locale == "zh-CN" and spec.ui_max >= WAN_THRESHOLD and not spec.unit.startswith("fraction"):
        return 1 / WAN
    return Decimal(1)


def to_display(spec: DriverSpec, value: float, locale: Locale) -> float:
    """Model value → shown value, exact in decimal (0.57 → 57.0 for a rate)."""
    return float(Decimal(repr(float(value))) * display_scale(spec, locale))


def from_display(spec: DriverSpec, shown: float, locale: Locale) -> float:
    """Shown value → model value, exact in decimal (57.0 → 0.57 for a rate)."""
    return float(Decimal(repr(float(shown))) / display_scale(spec, locale))


def _decimals(number: float) -> int:
    """Decimal places of ``number``'s shortest exact form, at most :data:`MAX_DECIMALS`
    (0.5 → 1, 0.0123 → 4, 57.0 → 0)."""
    exponent = Decimal(repr(float(number))).normalize().as_tuple().exponent
    return min(MAX_DECIMALS, max(0, -int(exponent)))


@dataclass(frozen=True)
class SliderSpec:
    """A slider in shown units: bounds, step, and a printf format for the value."""

    min_value: float
    max_value: float
    step: float
    format: str
    value: float


def headroom(shown: float) -> float:
    """The first of 1, 2, 5 × 10^k at or above 2 × ``shown`` (> 0): 40 → 100, 350 → 1,000."""
    target = 2.0 * shown
    power = 10.0 ** math.floor(math.log10(target))
    return next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= target * (1 - 1e-12))


def slider_spec(spec: DriverSpec, value: float, locale: Locale) -> SliderSpec:
    """The slider for ``spec`` at ``value`` (model units): its UI range, widened to include
    the value; a value above the usual range gets room to grow (the range reaches
    :func:`headroom` of it, within the driver's bound), so a large business's budget is
    not pinned at the slider's end. Also a step in shown units, and a format with as
    many decimals as the step or the value needs (a tiny valid value never reads as 0)."""
    shown = to_display(spec, value, locale)
    low = min(to_display(spec, spec.ui_min, locale), shown)
    high = to_display(spec, spec.ui_max, locale)
    if shown > high:
        high = max(shown, min(headroom(shown), to_display(spec, spec.upper, locale)))
    step = to_display(spec, spec.ui_step, locale)
    decimals = max(_decimals(step), _decimals(shown))
    return SliderSpec(low, high, step, _format(spec, locale, decimals), shown)


def _format(spec: DriverSpec, locale: Locale, decimals: int) -> str:
    number = f"%,.{decimals}f"
    if spec.is_percent:
        return f"%.{decimals}f%%"
    if display_scale(spec, locale) != 1:
        return f"¥{number}万" if spec.is_money else f"{number}万"
    return f"¥{number}" if spec.is_money else number
