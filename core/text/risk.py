"""Risk texts: the register's rows, shocks and simulation statistics in the reader's
language, for the Risk page and the CLI.

A register row's ``name``, ``description``, ``owner`` and ``mitigation`` are the user's
own text when typed, else the shipped text of its id (``risk.<id>.<field>``); a row a
user added with no name reads as its id.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError

from core.analysis.risk import MitigationBalance
from core.analysis.uncertainty import Statistics
from core.model.paths import driver_spec_map
from core.model.risks import Risk
from core.model.shocks import SHOCK_IDS, ShockId, sized_shock
from core.model.stored_ranges import StoredRange
from core.text.catalog import Locale, has, t
from core.text.errors import describe_error, printable
from core.text.formatting import format_driver, format_money, format_percent
from core.text.labels import field_label

TEXT_FIELDS: tuple[str, ...] = ("name", "description", "owner", "mitigation")
"""Register columns whose empty value means the shipped text."""


def risk_text(risk: Risk, field: str, locale: Locale) -> str:
    """The row's ``field`` (one of :data:`TEXT_FIELDS`) as the reader sees it."""
    own = str(getattr(risk, field))
    if own:
        return own
    key = f"risk.{risk.id}.{field}"
    if has(key):
        return t(key, locale)
    return risk.id if field == "name" else ""


def shipped_text(risk_id: str, field: str, locale: Locale) -> str | None:
    """The shipped text of ``field`` for ``risk_id``, if the id is a shipped one."""
    key = f"risk.{risk_id}.{field}"
    return t(key, locale) if has(key) else None


def shock_label(shock: ShockId | str, locale: Locale, size: str) -> str:
    """A shock's or a named combination's label; a one-off loss is named with its amount
    for a business of ``size`` (:func:`core.model.shocks.sized_shock`)."""
    return t(f"shock.{shock}", locale, amount=_one_off_amount(shock, size, locale))


def shock_help(shock: ShockId, locale: Locale, size: str) -> str:
    """What a shock does, with its source section and amount for a business of ``size``."""
    return t(f"shock.{shock}.help", locale, amount=_one_off_amount(shock, size, locale))


def _one_off_amount(shock: ShockId | str, size: str, locale: Locale) -> str:
    if shock not in SHOCK_IDS:
        return ""
    return format_money(sized_shock(shock, size).one_off_cost, locale)


def category_label(category: str, locale: Locale) -> str:
    """A risk category's label."""
    return t(f"risk.category.{category}", locale)


def status_label(status: str, locale: Locale) -> str:
    """A risk status's label."""
    return t(f"risk.status.{status}", locale)


def describe_register_errors(error: ValidationError, names: list[str], locale: Locale) -> list[str]:
    """Why an edited register was refused: one sentence per problem, naming the risk
    (its name as shown, or its row number) and the column."""
    lines = []
    for item in error.errors():
        loc = tuple(item["loc"])
        if loc[:1] == ("risks",):
            loc = loc[1:]
        row = loc[0] if loc and isinstance(loc[0], int) else None
        who = names[row] if row is not None and row < len(names) else ""
        column = str(loc[1]) if len(loc) > 1 else ""
        where = " · ".join(
            part
            for part in (printable(who), t(f"risk.col.{column}", locale) if column else "")
            if part
        )
        kind = str(item["type"])
        key = f"risk.error.{kind}"
        if has(key):
            lines.append(t(key, locale, field=where or t("field.risks", locale)))
        else:
            lines.append(describe_error(item, locale, field=where or t("field.risks", locale)))
    return lines


def stats_line(stats: Statistics, locale: Locale) -> str:
    """ "P(loss) 27% · P5 −¥77万 · P50 ¥57万 · P95 ¥260万" in ``locale``."""
    return t(
        "risk.stats_line",
        locale,
        p_loss=format_percent(stats.p_loss),
        p5=format_money(stats.p5, locale),
        p50=format_money(stats.p50, locale),
        p95=format_money(stats.p95, locale),
    )


def range_source_text(stored: StoredRange, locale: Locale) -> str:
    """Who set a range saved with the scenario: "your data (first to last)" or "your own"."""
    if stored.source == "data" and stored.first and stored.last:
        return t("risk.source.data_span", locale, first=stored.first, last=stored.last)
    return t(f"risk.source.{stored.source}", locale)


def saved_ranges_text(ranges: Mapping[str, StoredRange], locale: Locale) -> str:
    """The ranges saved with a scenario in one line: "CPC: ¥0.50 – ¥3.00 (your own); …",
    or "none"."""
    if not ranges:
        return t("risk.saved_ranges.none", locale)
    specs = driver_spec_map()
    parts = [
        t(
            "risk.saved_ranges.item",
            locale,
            field=field_label(path, locale),
            low=format_driver(stored.low, specs[path], locale),
            high=format_driver(stored.high, specs[path], locale),
            source=range_source_text(stored, locale),
        )
        for path, stored in sorted(ranges.items())
    ]
    return ("；" if locale == "zh-CN" else "; ").join(parts)


def collection_text(path: str, value: object, locale: Locale) -> str | None:
    """The scenario fields that are collections, as one line: the register as its number
    of risks, the saved ranges as :func:`saved_ranges_text`; ``None`` for other fields."""
    if path == "risks" and isinstance(value, tuple):
        return t("changes.count.risks", locale, count=len(value))
    if path == "ranges" and isinstance(value, dict):
        return saved_ranges_text(value, locale)
    return None


def median_gap_line(stats: Statistics, npv: float, events: bool, locale: Locale) -> str | None:
    """Why the simulation's median NPV differs from the plan's NPV at today's values, or
    ``None`` when they round to the same money: the draws cover each driver's range (an
    uneven range moves the median) and, with ``events``, the register's risk events, which
    only take value away."""
    plan, median = format_money(npv, locale), format_money(stats.p50, locale)
    if plan == median:
        return None
    key = "risk.median_gap.events" if events else "risk.median_gap"
    return t(key, locale, npv=plan, p50=median)


def mitigation_line(balance: MitigationBalance, locale: Locale) -> str | None:
    """What the view after mitigation pays and saves, and why its loss probability can be
    higher than before mitigation; ``None`` when the mitigations cost nothing."""
    if balance.cost <= 0.0:
        return None
    key = "risk.mitigation.pays" if balance.saved >= balance.cost else "risk.mitigation.costs_more"
    return t(
        key,
        locale,
        per_year=format_money(balance.per_year, locale),
        cost=format_money(balance.cost, locale),
        saved=format_money(balance.saved, locale),
    )
