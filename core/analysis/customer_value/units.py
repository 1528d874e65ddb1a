"""Time units of the customer-value models and their length in days.

Every model input and output is measured in one time unit. Purchases are merged per calendar
day, so durations are whole days divided by the unit's length:

* ``day``: 1 day;
* ``week``: 7 days;
* ``month``: 365.25 / 12 = 30.4375 days (the mean Gregorian month).
"""

from __future__ import annotations

from typing import Literal, cast, get_args

TimeUnit = Literal["day", "week", "month"]

DAYS_PER_MONTH = 365.25 / 12.0
DAYS_PER_UNIT: dict[TimeUnit, float] = {"day": 1.0, "week": 7.0, "month": DAYS_PER_MONTH}


def check_time_unit(unit: str) -> TimeUnit:
    """``unit`` as a :data:`TimeUnit`, or ``ValueError`` naming the allowed units."""
    if unit not in get_args(TimeUnit):
        raise ValueError(f"time_unit must be one of {get_args(TimeUnit)}, got {unit!r}")
    return cast(TimeUnit, unit)


def periods_per_month(unit: str) -> float:
    """Length of one month (30.4375 days) in ``unit``: 30.4375, 4.348… or 1."""
    return DAYS_PER_MONTH / DAYS_PER_UNIT[check_time_unit(unit)]
