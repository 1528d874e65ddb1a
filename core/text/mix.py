"""Mix Planner texts: objectives, splits, why a request or a store operation failed, and
the answer of a target search, in the user's language with every number formatted."""

from __future__ import annotations

from collections.abc import Mapping

from core.analysis.frontier import TargetResult
from core.analysis.mix_requests import ConstraintName, RequestError
from core.data.scenario_store import StoreError
from core.text.catalog import Locale, t
from core.text.formatting import format_money, format_ratio

RATIO_OBJECTIVES = frozenset({"gmv_roas"})


def objective_label(name: str, lang: Locale) -> str:
    """What an objective or target metric is called (``mix.objective.<name>``)."""
    return t(f"mix.objective.{name}", lang)


def objective_value(name: str, value: float, lang: Locale) -> str:
    """A value of objective ``name``: a multiple for GMV ÷ spend, else money."""
    return format_ratio(value) if name in RATIO_OBJECTIVES else format_money(value, lang)


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
    return t("mix.list_separator", lang).join(parts)


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
    return t("mix.list_separator", lang).join(t(f"mix.constraint.{name}", lang) for name in names)


def target_sentence(found: TargetResult, lang: Locale) -> str:
    """The answer to a target search, one sentence (what budget and split reach the
    target, or why nothing does and what comes closest)."""
    metric = found.request.metric
    result = found.result
    values = {
        "metric": objective_label(metric, lang),
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
