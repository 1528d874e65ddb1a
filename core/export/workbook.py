"""The Excel workbook of a decision (openpyxl): what a finance reader needs to trace it.

Sheets (names in the chosen language): assumptions (every driver with its unit, source,
year and quality), monthly projection (one block of rows per strategy and the plan:
orders, net revenue, costs, contribution, cumulative cash; a total row with ``=SUM``),
KPIs (one column per strategy and the plan), scores (components × strategies, weights,
each score as a live ``=SUMPRODUCT`` of weights and components), recommendations (rank,
key, sentence, value in yuan) and the risk register (every live risk with its residual
scores and expected loss, :func:`register_rows`; a name the user typed is stored as text,
never as a formula, even when it starts with "="). Numbers are numbers with formats
(¥ #,##0; 0.0 %), never text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.analysis.decision import Decision
from core.analysis.risk import assess_risks
from core.analysis.scores import COMPONENTS, TOTAL
from core.model.engine import Projection
from core.model.paths import driver_spec_map, value_at
from core.model.scenario import ScenarioBase
from core.text.catalog import Locale, t
from core.text.decision import component_name, recommendation_text, strategy_name
from core.text.formatting import join_list
from core.text.kpis import TABLE_KPIS
from core.text.risk import range_source_text, risk_text

YUAN = '"¥"#,##0'
PERCENT = "0.0%"
COUNT = "#,##0"
RATIO = "0.00"
PERCENT_METRICS = frozenset({"roi"})
RATIO_METRICS = frozenset({"gmv_roas", "marginal_roi"})
COUNT_METRICS = frozenset({"payback_month", "new_customers", "orders"})
MONTHLY = ("orders", "net_revenue", "investment", "contribution")
"""Monthly columns (labels ``kpi.<name>``; ``investment`` is the month's costs)."""


@dataclass(frozen=True)
class RegisterRow:
    """One risk of the register as the workbook shows it (expected loss in yuan)."""

    risk_id: str
    name: str
    strategies: tuple[str, ...]
    likelihood: int
    impact: int
    expected_loss: float | None


def _header(sheet: Worksheet, names: Sequence[str]) -> None:
    sheet.append(list(names))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def _widths(sheet: Worksheet, widths: Sequence[int]) -> None:
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width


ASSUMPTION_COLUMNS = (
    "path", "field", "value", "unit", "source", "year", "quality",
    "range_low", "range_high", "range_source",
)  # fmt: skip


def _assumptions(sheet: Worksheet, decision: Decision, lang: Locale) -> None:
    """One row per driver: value, unit, the default's source, and the uncertainty range
    saved with the scenario (empty when the driver takes the default range)."""
    _header(sheet, [t(f"export.col.{c}", lang) for c in ASSUMPTION_COLUMNS])
    for path, spec in driver_spec_map().items():
        value = value_at(decision.scenario, path)
        stored = decision.scenario.ranges.get(path)
        sheet.append(
            [
                path,
                t(f"field.{path}", lang),
                value,
                t(f"unit.{spec.unit}", lang),
                t(f"source.{path}", lang),
                spec.provenance.year,
                t(f"quality.{spec.provenance.quality}", lang),
                *(
                    (stored.low, stored.high, range_source_text(stored, lang))
                    if stored
                    else (None, None, None)
                ),
            ]
        )
        number = YUAN if spec.unit.startswith("yuan") else "0.0000"
        for column in (3, 8, 9):
            sheet.cell(sheet.max_row, column).number_format = number
    _widths(sheet, [34, 28, 14, 14, 80, 8, 10, 14, 14, 30])


def _monthly(sheet: Worksheet, decision: Decision, lang: Locale) -> None:
    columns = [t("export.col.strategy", lang), t("export.col.month", lang)]
    columns += [t(f"kpi.{name}", lang) for name in MONTHLY]
    columns.append(t("chart.cumulative_cash", lang))
    _header(sheet, columns)
    result = decision.result
    blocks: list[tuple[str, Projection]] = [*result.strategies.items(), (TOTAL, result.total)]
    for key, p in blocks if result.strategies else []:
        first = sheet.max_row + 1
        for month in range(p.horizon):
            sheet.append(
                [
                    strategy_name(key, lang),
                    month + 1,
                    float(p.orders[month]),
                    float(p.net_revenue[month]),
                    float(p.costs[month]),
                    float(p.contribution[month]),
                    float(p.cumulative_cash[month + 1]),
                ]
            )
        last = sheet.max_row
        total = [strategy_name(key, lang), t("export.col.total_row", lang)]
        total += [f"=SUM({c}{first}:{c}{last})" for c in "CDEF"]
        sheet.append(total)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2, min_col=3, max_col=7):
        for cell in row:
            cell.number_format = COUNT if cell.column == 3 else YUAN
    _widths(sheet, [18, 8, 12, 16, 16, 16, 16])


def _kpis(sheet: Worksheet, decision: Decision, lang: Locale) -> None:
    result = decision.result
    columns = [*result.strategies.items(), (TOTAL, result.total)] if result.strategies else []
    _header(sheet, [t("export.col.metric", lang), *(strategy_name(k, lang) for k, _ in columns)])
    for name in TABLE_KPIS:
        row: list[object] = [t(f"kpi.{name}", lang)]
        row += [getattr(p.metrics, name) for _, p in columns]
        sheet.append(row)
        fmt = (
            PERCENT
            if name in PERCENT_METRICS
            else RATIO
            if name in RATIO_METRICS
            else COUNT
            if name in COUNT_METRICS
            else YUAN
        )
        for cell in sheet[sheet.max_row][1:]:
            cell.number_format = fmt
    _widths(sheet, [28, *([16] * len(columns))])


def _scores(sheet: Worksheet, decision: Decision, lang: Locale) -> None:
    keys = list(decision.scores)
    _header(
        sheet,
        [
            t("export.col.component", lang),
            t("score.weight", lang),
            *(strategy_name(k, lang) for k in keys),
        ],
    )
    weights = next(iter(decision.scores.values())).weights if keys else {}
    for name in COMPONENTS:
        row: list[object] = [component_name(name, lang), weights.get(name, 0.0)]
        row += [decision.scores[k].components[name] for k in keys]
        sheet.append(row)
        sheet.cell(sheet.max_row, 2).number_format = PERCENT
        for cell in sheet[sheet.max_row][2:]:
            cell.number_format = "0.0"
    last = 1 + len(COMPONENTS)
    formulas: list[object] = [t("score.score", lang), f"=SUM(B2:B{last})"]
    for i in range(len(keys)):
        column = get_column_letter(3 + i)
        formulas.append(f"=SUMPRODUCT($B$2:$B${last},{column}2:{column}{last})")
    sheet.append(formulas)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.number_format = "0.0"
    sheet.cell(sheet.max_row, 2).number_format = PERCENT
    _widths(sheet, [16, 10, *([16] * len(keys))])


def _recommendations(sheet: Worksheet, decision: Decision, lang: Locale) -> None:
    _header(
        sheet,
        [t(f"export.col.{c}", lang) for c in ("rank", "key", "text", "value_yuan")],
    )
    for rank, item in enumerate(decision.recommendations, start=1):
        sheet.append([rank, item.key, recommendation_text(item, lang), item.value])
        sheet.cell(sheet.max_row, 4).number_format = YUAN
    _widths(sheet, [6, 20, 110, 14])


def _register(sheet: Worksheet, rows: Sequence[RegisterRow], lang: Locale) -> None:
    names = ("risk", "strategies", "likelihood", "impact", "expected_loss")
    _header(sheet, [t(f"export.col.{c}", lang) for c in ("id", *names)])
    for row in rows:
        strategies = join_list((strategy_name(k, lang) for k in row.strategies), lang)
        sheet.append(
            [row.risk_id, row.name, strategies, row.likelihood, row.impact, row.expected_loss]
        )
        sheet.cell(sheet.max_row, 2).data_type = "s"
        sheet.cell(sheet.max_row, 6).number_format = YUAN
    _widths(sheet, [22, 40, 30, 12, 12, 16])


def register_rows(scenario: ScenarioBase, lang: Locale) -> list[RegisterRow]:
    """Every live risk of ``scenario``'s register on the residual basis (likelihood and
    impact 1–5; expected loss = probability × loss in yuan, None without a shock)."""
    return [
        RegisterRow(
            risk_id=a.risk.id,
            name=risk_text(a.risk, "name", lang),
            strategies=a.risk.strategies,
            likelihood=a.likelihood["residual"],
            impact=a.impact["residual"],
            expected_loss=a.expected_loss("residual"),
        )
        for a in assess_risks(scenario)
    ]


def workbook_bytes(
    decision: Decision, lang: Locale, register: Sequence[RegisterRow] | None = None
) -> bytes:
    """The workbook (module docstring) as .xlsx bytes."""
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = t("export.sheet.assumptions", lang)
    _assumptions(first, decision, lang)
    _monthly(book.create_sheet(t("export.sheet.monthly", lang)), decision, lang)
    _kpis(book.create_sheet(t("export.sheet.kpis", lang)), decision, lang)
    _scores(book.create_sheet(t("export.sheet.scores", lang)), decision, lang)
    _recommendations(book.create_sheet(t("export.sheet.recommendations", lang)), decision, lang)
    rows = register_rows(decision.scenario, lang) if register is None else register
    if rows:
        _register(book.create_sheet(t("export.sheet.risks", lang)), rows, lang)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
