"""Mix Planner texts: objectives, splits, why a request or a store operation failed, and
the answer of a target search, in the user's language with every number formatted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.analysis.frontier import TargetResult
from core.analysis.mix_requests import ConstraintName, RequestError
from core.data.scenario_store import StoreError
from core.model.finance import Metrics
from core.model.paths import driver_spec_map
from core.text.catalog import Locale, has, t
from core.text.formatting import (
    format_count,
    format_driver,
    format_money,
    format_ratio,
    join_list,
    mid_sentence,
)
from core.text.risk import collection_text

RATIO_OBJECTIVES = frozenset({"gmv_roas"})


def objective_label(name: str, lang: Locale) -> str:
    """What an objective or target metric is called (``mix.objective.<name>``)."""
    return t(f"mix.objective.{name}", lang)


def objective_value(name: str, value: float, lang: Locale) -> str:
    """A value of objective ``name``: a multiple for GMV ÷ spend, else money."""
    return format_ratio(value) if name in RATIO_OBJECTIVES else format_money(value, lang)


def money_change(value: float, lang: Locale) -> str:
    """A signed amount of money: +¥1.20万, −¥800, ±¥0 for no change."""
    text = format_money(value, lang)
    if round(abs(value)) == 0:
        return f"±{format_money(0.0, lang)}"
    return text if text.startswith("−") else f"+{text}"


def allocation_text(allocation: Mapping[str, float], lang: Locale) -> str:
    """ "广告 ¥1.20万、内容 ¥3.40万" / "Paid ads ¥12.0k, Content ¥34.0k" (monthly amounts)."""
    parts = [
        t(
            "mix.allocation.part",
            lang,
            strategy=t(f"strategy.{key}", lang),
            amount=format_money(v, lang),
        )
        for key, v in allocation.items()
    ]
    return join_list(parts, lang)


def option_label(field: str, lang: Locale) -> str:
    """The name of a request option (``bounds.<key>`` names the strategy)."""
    head, _, key = field.partition(".")
    if head == "bounds":
        return t("mix.option.bounds", lang, strategy=t(f"strategy.{key}", lang))
    return t(f"mix.option.{field}", lang)


def request_problem(error: RequestError, lang: Locale, option: str | None = None) -> str:
    """Why a request was refused, naming the option (``option`` overrides its name)."""
    return t(
        "mix.request_problem",
        lang,
        option=option if option is not None else option_label(error.field, lang),
        problem=t(f"mix.problem.{error.problem}", lang),
    )


def store_problem(error: StoreError, lang: Locale) -> str:
    """Why a store operation failed (the scenario name is quoted as given)."""
    return t(f"store.problem.{error.problem}", lang, name=error.name)


def violated_text(names: tuple[ConstraintName, ...], lang: Locale) -> str:
    """The constraints a split breaks, listed."""
    return join_list([t(f"mix.constraint.{name}", lang) for name in names], lang)


def target_sentence(found: TargetResult, lang: Locale) -> str:
    """The answer to a target search, one sentence (what budget and split reach the
    target, or why nothing does and what comes closest)."""
    metric = found.request.metric
    result = found.result
    values = {
        "metric": mid_sentence(objective_label(metric, lang), lang),
        "target": objective_value(metric, found.request.target, lang),
        "value": objective_value(metric, result.objective, lang),
        "budget": format_money(result.budget, lang),
        "split": allocation_text(result.allocation, lang),
        "max_budget": format_money(found.request.max_budget, lang),
    }
    if not result.feasible:
        return t("mix.target.infeasible", lang, **values)
    if not found.reached:
        return t("mix.target.unreachable", lang, **values)
    return t(
        f"mix.target.reached.{'most' if metric in RATIO_OBJECTIVES else 'least'}", lang, **values
    )


PERCENT_METRICS = frozenset({"roi", "marginal_roi"})
RATIO_METRICS = frozenset({"gmv_roas", "roas"})
COUNT_METRICS = frozenset({"orders", "new_customers"})


def metric_change(name: str, before: Metrics, after: Metrics, lang: Locale) -> str:
    """How metric ``name`` moves from ``before`` to ``after``: money as ±¥, ratios as ±×,
    ROI in percentage points, payback in months, counts as ±n; — when either has none."""
    a, b = getattr(before, name), getattr(after, name)
    if a is None or b is None:
        return t("value.na", lang)
    change = float(b) - float(a)
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    if name in PERCENT_METRICS:
        return t("compare.points", lang, value=f"{sign}{abs(change) * 100:.1f}")
    if name in RATIO_METRICS:
        return f"{sign}{abs(change):.2f}×"
    if name == "payback_month":
        return t("compare.months", lang, value=f"{sign}{abs(int(change))}")
    if name in COUNT_METRICS:
        return f"{sign}{format_count(abs(change), lang)}"
    return money_change(change, lang)


def field_value_text(path: str, value: Any, lang: Locale) -> str:
    """A scenario value as people read it: drivers in their unit, switches as yes / no,
    choices by their label, the register and the saved ranges summarised, the name as
    given, none as —."""
    if value is None:
        return t("value.na", lang)
    whole = collection_text(path, value, lang)
    if whole is not None:
        return whole
    spec = driver_spec_map().get(path)
    if spec is not None:
        return format_driver(float(value), spec, lang)
    if isinstance(value, bool):
        return t("compare.yes" if value else "compare.no", lang)
    choice = f"{path.rpartition('.')[2]}.{value}"
    return t(choice, lang) if isinstance(value, str) and has(choice) else str(value)
