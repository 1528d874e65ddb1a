"""``simulate`` and ``risks``: the Monte Carlo of a scenario file and its risk register.

``simulate FILE --draws N --seed S [--residual] [--no-events] --json`` prints, under
``strategies.<key>`` and ``total``, the NPV statistics ``p5``, ``p50``, ``p95``,
``mean``, ``p_loss``, ``expected_shortfall`` (yuan, shares as fractions), ``roi_p5``,
``roi_p50``, ``roi_p95``, ``p_paid_back``, ``payback_p50`` (month or null) and
``peak_cash_p95``, plus the run's settings and every driver's range. Ranges come from the
file's own ``ranges`` (set on the Risk page or calibrated from data), else the benchmark
table for the business's category, else the documented default width
(:mod:`core.analysis.uncertainty`). ``--draws`` is capped at
:data:`core.analysis.uncertainty.MAX_DRAWS`.

``risks FILE --json`` prints the register: each row with ``id``, ``category``,
``strategies``, ``name``, ``likelihood``, ``impact``, ``residual_likelihood``,
``residual_impact`` (the scores the matrix uses: from the simulated loss where the row
leaves them empty), ``impact_from_model``, ``probability`` (within the horizon),
``loss`` and ``expected_loss`` (yuan, null without a shock), their ``residual_`` twins,
``band``, ``owner``, ``status``, ``mitigation_cost``, ``mitigation_effect``, ``source``
and ``shock`` (:mod:`core.analysis.risk`).
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import Any

from core.analysis.risk import TOTAL, RiskAssessment, assess_risks, band
from core.analysis.uncertainty import (
    MAX_DRAWS,
    SimulationSetup,
    scenario_ranges,
    simulate,
)
from core.cli.common import Command, UsageError, add_lang, emit_json, read_scenario, render_table
from core.model.risks import Risk
from core.model.scenario import ScenarioBase
from core.text.catalog import Locale, t
from core.text.formatting import format_money, format_percent
from core.text.risk import risk_text


def benchmark_ranges(scenario: ScenarioBase) -> dict[str, tuple[float, float]]:
    """The benchmark table's low .. high per driver for the scenario's category."""
    from core.data.ranges import driver_ranges, range_bounds
    from core.data.store import DataStore

    return range_bounds(driver_ranges(DataStore(), scenario.business.category))


def _simulate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="scenario JSON file")
    parser.add_argument("--draws", type=int, default=SimulationSetup.draws, help="draws")
    parser.add_argument("--seed", type=int, default=SimulationSetup.seed, help="random seed")
    parser.add_argument("--residual", action="store_true", help="risks after mitigation")
    parser.add_argument("--no-events", action="store_true", help="do not draw risk events")
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_lang(parser)


def _simulate(args: argparse.Namespace) -> int:
    if not 1 <= args.draws <= MAX_DRAWS:
        raise UsageError(t("cli.draws_range", args.lang, limit=f"{MAX_DRAWS:,}"))
    if not 0 <= args.seed < 2**63:
        raise UsageError(t("cli.seed_range", args.lang))
    scenario = read_scenario(args.file, args.lang)
    ranges = scenario_ranges(scenario, benchmark_ranges(scenario))
    setup = SimulationSetup(
        draws=args.draws,
        seed=args.seed,
        basis="residual" if args.residual else "inherent",
        events=not args.no_events,
    )
    simulation = simulate(scenario, ranges, setup)
    blocks = {key: asdict(simulation.stats(key)) for key in simulation.keys}
    if args.json:
        emit_json(
            {
                "draws": setup.draws,
                "seed": setup.seed,
                "basis": setup.basis,
                "events": setup.events,
                "strategies": {k: v for k, v in blocks.items() if k != TOTAL},
                "total": blocks[TOTAL],
                "ranges": {path: asdict(r) for path, r in ranges.items()},
            }
        )
        return 0
    lang: Locale = args.lang
    columns = [(key, simulation.stats(key)) for key in simulation.keys]
    header = [t("cli.strategy", lang)]
    header += [t("kpi.total" if k == TOTAL else f"strategy.{k}", lang) for k, _ in columns]
    rows = [
        [t("risk.stat.p_loss", lang), *(format_percent(s.p_loss) for _, s in columns)],
        *(
            [
                t(f"risk.stat.{name}", lang),
                *(format_money(getattr(s, name), lang) for _, s in columns),
            ]
            for name in ("p5", "p50", "p95", "expected_shortfall", "peak_cash_p95")
        ),
        [t("risk.stat.p_paid_back", lang), *(format_percent(s.p_paid_back) for _, s in columns)],
    ]
    print(render_table(header, rows))
    return 0


def _risks_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="scenario JSON file")
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_lang(parser)


def risk_row(risk: Risk, assessed: RiskAssessment | None, lang: Locale) -> dict[str, Any]:
    """One register row for the ``risks`` report (module docstring)."""
    row: dict[str, Any] = {
        "id": risk.id,
        "category": risk.category,
        "strategies": list(risk.strategies),
        "name": risk_text(risk, "name", lang),
        "owner": risk_text(risk, "owner", lang),
        "status": risk.status,
        "mitigation_cost": risk.mitigation_cost,
        "mitigation_effect": risk.mitigation_effect,
        "source": risk.source,
        "shock": risk.shock,
    }
    for prefix, basis in (("", "inherent"), ("residual_", "residual")):
        if assessed is None:
            likelihood = risk.likelihood if basis == "inherent" else risk.residual_likelihood
            impact = risk.impact if basis == "inherent" else risk.residual_impact
            row |= {f"{prefix}likelihood": likelihood, f"{prefix}impact": impact}
            row |= {f"{prefix}probability": None, f"{prefix}loss": None}
            row |= {f"{prefix}expected_loss": None, f"{prefix}band": None}
            row[f"{prefix}impact_from_model"] = False
            continue
        likelihood, impact = assessed.likelihood[basis], assessed.impact[basis]
        row |= {
            f"{prefix}likelihood": likelihood,
            f"{prefix}impact": impact,
            f"{prefix}impact_from_model": assessed.modelled[basis],
            f"{prefix}probability": assessed.probability[basis],
            f"{prefix}loss": None if assessed.loss is None else assessed.loss[basis],
            f"{prefix}expected_loss": assessed.expected_loss(basis),
            f"{prefix}band": band(likelihood, impact),
        }
    return row


def _risks(args: argparse.Namespace) -> int:
    scenario = read_scenario(args.file, args.lang)
    assessed = {a.risk.id: a for a in assess_risks(scenario)}
    rows = [risk_row(risk, assessed.get(risk.id), args.lang) for risk in scenario.risks]
    if args.json:
        emit_json({"horizon_months": scenario.horizon_months, "risks": rows})
        return 0
    lang: Locale = args.lang
    header = [t(f"risk.col.{c}", lang) for c in ("id", "name", "likelihood", "impact")]
    header.append(t("risk.expected_loss", lang))
    body = [
        [
            row["id"],
            row["name"],
            str(row["likelihood"]),
            "—" if row["impact"] is None else str(row["impact"]),
            "—" if row["expected_loss"] is None else format_money(row["expected_loss"], lang),
        ]
        for row in rows
    ]
    print(render_table(header, body))
    return 0


COMMANDS = (
    Command("simulate", "Monte Carlo of a scenario file", _simulate_arguments, _simulate, 30),
    Command("risks", "the risk register of a scenario file", _risks_arguments, _risks, 31),
)
