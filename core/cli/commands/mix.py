"""``optimize``: the best split of a monthly budget for a scenario file.

``python -m core optimize FILE [--objective …] [--budget YUAN] [constraints] [--json]``
prints the monthly amount per strategy (``allocation``), the objective's value there
(``objective``; for ``npv`` it is the ``total.npv`` that ``evaluate`` reports for that
split) and, with ``--json``, the optimised ``scenario``. The budget defaults to the file's
own total (Σ of the enabled strategies' spend levers, yuan per month). Exit status 0 when
every constraint holds, 1 when none of the splits meets them (the output then shows the
split that breaks them least), 2 on bad input.

Also :func:`parse_allocation`, the ``--allocation ads=A,content=B,…`` option of
``evaluate``.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Mapping
from pathlib import Path

from core.analysis.mix import allocation_of, with_allocation
from core.analysis.mix_requests import (
    Constraints,
    Objective,
    OptimizationRequest,
    RequestError,
    lever_upper,
)
from core.analysis.optimizer import optimize
from core.cli.common import Command, UsageError, add_lang, emit_json, read_scenario, render_table
from core.model.scenario import ScenarioBase
from core.model.strategies import STRATEGY_KEYS
from core.text.catalog import Locale, t
from core.text.errors import printable
from core.text.formatting import format_money
from core.text.mix import objective_label, objective_value, request_problem, violated_text

CLI_OBJECTIVES: tuple[Objective, ...] = ("npv", "npv_horizon", "contribution", "net_revenue")
EXIT_INFEASIBLE = 1
FLAGS: dict[str, str] = {
    "total_budget": "--budget",
    "max_payback_month": "--max-payback-month",
    "max_peak_cash": "--max-peak-cash",
    "min_roi": "--min-roi",
    "min_gmv_roas": "--min-gmv-roas",
}


def parse_allocation(text: str, scenario: ScenarioBase, lang: Locale) -> dict[str, float]:
    """``ads=30000,content=20000`` → {strategy key: yuan per month}; a strategy left out
    keeps its amount. :class:`UsageError` (one line) for anything else: an item without
    ``=``, an unknown or switched-off strategy, one named twice, an amount that is not a
    number from 0 to the lever's limit."""
    allocation: dict[str, float] = {}
    items = [item.strip() for item in text.split(",")]
    if not any(items):
        raise UsageError(f"--allocation: {t('cli.allocation.empty', lang)}")
    for item in items:
        key, sep, amount = (part.strip() for part in item.partition("="))
        shown = printable(item)
        if not sep or not key:
            raise UsageError(f"--allocation: {t('cli.allocation.bad_item', lang, item=shown)}")
        if key not in STRATEGY_KEYS:
            known = ", ".join(STRATEGY_KEYS)
            message = t("cli.allocation.unknown", lang, name=printable(key), keys=known)
            raise UsageError(f"--allocation: {message}")
        if key in allocation:
            raise UsageError(f"--allocation: {t('cli.allocation.twice', lang, name=key)}")
        if not scenario.strategy(key).enabled:
            raise UsageError(f"--allocation: {t('cli.allocation.disabled', lang, name=key)}")
        try:
            value = float(amount)
        except ValueError:
            value = math.nan
        if not 0.0 <= value <= lever_upper(key):  # also refuses NaN
            limit = f"{lever_upper(key):,.0f}"
            message = t("cli.allocation.amount", lang, item=shown, limit=limit)
            raise UsageError(f"--allocation: {message}")
        allocation[key] = value
    return allocation


def allocated(scenario: ScenarioBase, text: str, lang: Locale) -> ScenarioBase:
    """``scenario`` with the ``--allocation`` text applied."""
    return with_allocation(scenario, parse_allocation(text, scenario, lang))


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="scenario JSON file")
    parser.add_argument("--objective", choices=CLI_OBJECTIVES, default="npv")
    parser.add_argument("--budget", type=float, help="monthly budget in yuan (default: the file's)")
    parser.add_argument("--max-payback-month", type=int, help="pay back by this month")
    parser.add_argument("--max-peak-cash", type=float, help="most cash the plan may need, yuan")
    parser.add_argument("--min-roi", type=float, help="lowest net profit ÷ all costs (0.1 = 10 %%)")
    parser.add_argument("--min-gmv-roas", type=float, help="lowest GMV ÷ marketing spend")
    parser.add_argument("--json", action="store_true", help="print allocation and scenario as JSON")
    add_lang(parser)


def _request(args: argparse.Namespace, scenario: ScenarioBase) -> OptimizationRequest:
    budget = args.budget if args.budget is not None else sum(allocation_of(scenario).values())
    try:
        constraints = Constraints(
            max_payback_month=args.max_payback_month,
            max_peak_cash=args.max_peak_cash,
            min_roi=args.min_roi,
            min_gmv_roas=args.min_gmv_roas,
        )
        return OptimizationRequest(args.objective, budget, constraints)
    except RequestError as exc:
        raise UsageError(request_problem(exc, args.lang, FLAGS.get(exc.field))) from exc


def _run(args: argparse.Namespace) -> int:
    scenario = read_scenario(args.file, args.lang)
    request = _request(args, scenario)
    try:
        result = optimize(scenario, request)
    except RequestError as exc:
        raise UsageError(request_problem(exc, args.lang, FLAGS.get(exc.field))) from exc
    if args.json:
        emit_json(
            {
                "objective_name": result.objective_name,
                "objective": result.objective,
                "budget": result.budget,
                "feasible": result.feasible,
                "violated": list(result.violated),
                "allocation": dict(result.allocation),
                "scenario": result.scenario.model_dump(mode="json"),
            }
        )
    else:
        print(_table(scenario, result.allocation, args.lang))
        value = objective_value(result.objective_name, result.objective, args.lang)
        print(f"{objective_label(result.objective_name, args.lang)}: {value}")
        if not result.feasible:
            print(
                t(
                    "cli.optimize.infeasible",
                    args.lang,
                    constraints=violated_text(result.violated, args.lang),
                )
            )
    return 0 if result.feasible else EXIT_INFEASIBLE


def _table(scenario: ScenarioBase, allocation: Mapping[str, float], lang: Locale) -> str:
    current = allocation_of(scenario)
    header = [t("cli.strategy", lang), t("mix.col.current", lang), t("mix.col.optimum", lang)]
    body = [
        [
            t(f"strategy.{key}", lang),
            format_money(current.get(key, 0.0), lang),
            format_money(amount, lang),
        ]
        for key, amount in allocation.items()
    ]
    return render_table(header, body)


COMMANDS = (Command("optimize", "the best split of a monthly budget", _arguments, _run, 30),)
