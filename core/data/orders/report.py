"""The single entry point of the order analytics: :func:`customer_report`.

It opens a source on the chosen engine, canonicalises it with the mapping, runs every
query of ``queries`` and returns a :class:`CustomerReport`: counts, exclusions, RFM
segments, the top-customer shares, cohorts, repurchase and calibration figures, and the
per-customer BG/NBD summary with each customer's RFM ``segment`` (a DataFrame, also
written as Parquet when ``out_dir`` is given). Only one-row-per-customer tables and
small aggregates leave the engine.

Determinism: money is summed in integer cents and every ratio is a quotient of exact
totals, so the DuckDB and Spark runs of one source give identical results —
``report.results_json()`` (the report without its ``run`` block of engine name and
timing) is byte-identical across engines. The summary rows are sorted by customer id.

Personal data: when ``secret`` is given, customer ids in the summary are replaced by
their keyed pseudonyms (``pseudonym``); pass it for any source that is not an
``ingest_orders`` output (whose ids are pseudonyms already).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal, get_args

import pandas as pd
from ibis.expr import types as ir
from pydantic import BaseModel, ConfigDict, Field

from core.data.orders import queries
from core.data.orders.cancel import Cancellation
from core.data.orders.canonical import canonical_orders
from core.data.orders.engines import Engine, EngineName, EngineSettings, Source, connect
from core.data.orders.pseudonym import pseudonyms
from core.data.orders.queries import SEGMENTS, Segment, TimeUnit
from core.data.orders.schema import EXCLUSION_REASONS, ColumnMapping, ExclusionReason

ReportStep = Literal["read", "days", "summary", "segments"]
REPORT_STEPS: tuple[ReportStep, ...] = get_args(ReportStep)
"""The steps of a report, in order: count and check the orders, one row per customer and
purchase day, the per-customer summary, then RFM segments, cohorts and the rest."""

SUMMARY_NAME = "customer_summary.parquet"
SUMMARY_DECIMALS = 9
"""Float columns of the per-customer summary are rounded to 1e-9 (money: a billionth of
a yuan; periods: far below a second). The engines add in different orders, so a mean can
differ in its last bit; rounding hands the fitters identical inputs on DuckDB and Spark,
whose likelihood search would otherwise carry that bit to the 7th digit of a parameter."""


class SegmentRow(BaseModel):
    """One RFM segment: customers, revenue (yuan) and their shares of the totals."""

    segment: Segment
    customers: int
    revenue: float
    customer_share: float
    revenue_share: float


class TopShare(BaseModel):
    """The top ``percent`` % of customers by revenue give ``revenue_share`` of it."""

    percent: int
    revenue_share: float


class CohortCell(BaseModel):
    """One cohort month × months since acquisition (see ``queries.cohorts``)."""

    cohort_month: dt.date
    months_since: int
    cohort_size: int
    customers: int
    retention: float
    orders: int
    revenue: float


class MonthRow(BaseModel):
    """One calendar month of ``queries.monthly_activity``."""

    month: dt.date
    orders: int
    revenue: float
    aov: float | None
    active_customers: int
    new_customers: int
    lapsed: int
    alive_at_start: int
    churn_rate: float | None
    orders_per_alive_customer: float | None


class Repurchase(BaseModel):
    """Repurchase rate and cycle (days) — ``queries.repurchase``."""

    customers: int
    repeat_customers: int
    repurchase_rate: float | None
    gaps: int
    cycle_median_days: float | None
    cycle_mean_days: float | None


class Calibration(BaseModel):
    """Whole-period simulator inputs — ``queries.calibration_inputs``."""

    months: int
    aov: float | None
    orders_per_customer_month: float | None
    new_customers_per_month: float | None
    monthly_churn: float | None


class RunInfo(BaseModel):
    """How the report was computed (differs between engines; not part of the results)."""

    engine: EngineName
    spark_master: str | None
    elapsed_seconds: float


class CustomerReport(BaseModel):
    """Customer value report of one order source.

    ``orders_read`` = rows of the source; ``excluded`` = rows left out per reason (every
    reason listed); ``orders_included`` = the rest; ``orders_after_calibration_end`` =
    included orders after ``calibration_end`` (ignored by every figure);
    ``customers`` / ``revenue`` (yuan) up to ``calibration_end``. ``summary`` (the
    per-customer BG/NBD table, not serialised) and ``summary_path`` (its Parquet copy,
    or ``None``).
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    source: str
    calibration_end: dt.date | None
    time_unit: TimeUnit
    orders_read: int
    orders_included: int
    excluded: dict[ExclusionReason, int]
    orders_after_calibration_end: int
    customers: int
    revenue: float
    segments: list[SegmentRow]
    top_shares: list[TopShare]
    repurchase: Repurchase | None
    calibration: Calibration | None
    cohorts: list[CohortCell]
    monthly: list[MonthRow]
    summary_path: Path | None
    run: RunInfo
    summary: pd.DataFrame = Field(exclude=True, repr=False)

    def results_json(self, indent: int | None = 2) -> str:
        """The report as JSON without ``run``: identical for DuckDB and Spark."""
        return self.model_dump_json(exclude={"run"}, indent=indent)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with NaN / NaT → None (pydantic then validates the types)."""
    clean = frame.astype(object).where(frame.notna(), None)
    return clean.to_dict(orient="records")


def _first(frame: pd.DataFrame) -> dict[str, Any] | None:
    rows = _records(frame)
    return rows[0] if rows else None


def _source_label(source: Source) -> str:
    return source.name if isinstance(source, Path) else f"table:{source.name}"


def _counts(engine: Engine, orders: ir.Table) -> tuple[int, dict[ExclusionReason, int]]:
    counts = engine.frame(queries.exclusion_counts(orders))
    by_reason = {
        str(reason): int(rows)
        for reason, rows in zip(counts.exclusion, counts.rows, strict=True)
        if isinstance(reason, str)
    }
    excluded = {reason: by_reason.get(reason, 0) for reason in EXCLUSION_REASONS}
    return int(counts.rows.sum()), excluded


def _span(engine: Engine, orders: ir.Table, end: dt.date | None) -> tuple[dt.date | None, int]:
    """(calibration end: ``end`` or the last included purchase day; orders after it)."""
    kept = queries.included(orders)
    day = kept.order_time.date()
    last = engine.frame(kept.aggregate(last=day.max()))["last"].iloc[0]
    if pd.isna(last):
        return end, 0
    end = end or pd.Timestamp(last).date()
    later = kept.filter(day > end)
    after = engine.frame(later.aggregate(n=later.count()))["n"].iloc[0]
    return end, int(after)


def _summary_frame(
    engine: Engine,
    days: ir.Table,
    rfm: ir.Table,
    *,
    end: dt.date,
    time_unit: TimeUnit,
    secret: bytes | None,
) -> pd.DataFrame:
    """The BG/NBD summary plus each customer's RFM ``segment``, sorted by customer id."""
    summary = queries.summary_from_days(days, end, time_unit)
    frame = engine.frame(summary.join(rfm.select("customer_id", "segment"), "customer_id"))
    if secret is not None:
        frame["customer_id"] = pseudonyms(frame["customer_id"], secret)
    else:
        frame["customer_id"] = frame["customer_id"].astype(str)
    for column in ("first_purchase", "last_purchase"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    for column in frame.select_dtypes("float").columns:
        frame[column] = frame[column].round(SUMMARY_DECIMALS)
    return frame.sort_values("customer_id", kind="stable").reset_index(drop=True)


def _segments(frame: pd.DataFrame) -> list[SegmentRow]:
    found = {row["segment"]: row for row in _records(frame)}
    empty = {"customers": 0, "revenue": 0.0, "customer_share": 0.0, "revenue_share": 0.0}
    return [SegmentRow(**{**empty, **found.get(s, {}), "segment": s}) for s in SEGMENTS]


def customer_report(
    source: Source,
    mapping: ColumnMapping | None = None,
    *,
    engine: EngineSettings | EngineName = "duckdb",
    calibration_end: dt.date | None = None,
    time_unit: TimeUnit = "week",
    secret: bytes | None = None,
    out_dir: Path | None = None,
    keep_zero_amounts: bool = False,
    top_percents: Sequence[int] = queries.DEFAULT_TOP_PERCENTS,
    inactive_days: int = 180,
    cancellation: Cancellation | None = None,
    progress: Callable[[ReportStep], None] | None = None,
) -> CustomerReport:
    """Customer value report of ``source`` (see the module docstring).

    ``mapping`` defaults to the identity (a canonical Parquet, e.g. ``ingest_orders``
    output). ``calibration_end`` defaults to the last included purchase day;
    ``time_unit`` is the unit of recency and T; ``inactive_days`` sets the churn proxy
    (``queries.monthly_activity``). ``out_dir``: where ``customer_summary.parquet`` is
    written (pseudonymised when ``secret`` is given). ``progress`` hears each
    :data:`REPORT_STEPS` as it starts; ``cancellation`` stops the run between steps and
    interrupts a running query (:class:`ReportCancelledError`).
    """
    cancellation = cancellation or Cancellation()
    heard = progress or (lambda _: None)

    def step(name: ReportStep) -> None:
        cancellation.check()
        heard(name)

    settings = engine if isinstance(engine, EngineSettings) else EngineSettings(engine=engine)
    started = time.perf_counter()
    with cancellation.reported(), connect(settings) as eng:
        cancellation.watch(eng)
        step("read")
        raw = eng.open(source)
        orders = canonical_orders(
            raw, mapping or ColumnMapping.identity(raw.columns), keep_zero_amounts=keep_zero_amounts
        )
        orders_read, excluded = _counts(eng, orders)
        end, after = _span(eng, orders, calibration_end)
        results: dict[str, Any] = {"segments": _segments(pd.DataFrame(columns=["segment"]))}
        summary = pd.DataFrame(columns=["customer_id"])
        if end is not None:
            # Materialised once (DuckDB temp table / Spark cache); every figure below
            # reads it instead of re-aggregating the orders. Released before closing.
            step("days")
            with (
                queries.purchase_days(orders, end).cache() as days,
                queries.rfm_from_days(days, end).cache() as rfm,
            ):
                step("summary")
                summary = _summary_frame(
                    eng, days, rfm, end=end, time_unit=time_unit, secret=secret
                )
                step("segments")
                results = _analytics(
                    eng,
                    days,
                    rfm,
                    end=end,
                    top_percents=top_percents,
                    inactive_days=inactive_days,
                )
    summary_path = None
    if out_dir is not None:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        summary_path = Path(out_dir) / SUMMARY_NAME
        summary.to_parquet(summary_path, index=False)
    return CustomerReport(
        source=_source_label(source),
        calibration_end=end,
        time_unit=time_unit,
        orders_read=orders_read,
        orders_included=orders_read - sum(excluded.values()),
        excluded=excluded,
        orders_after_calibration_end=after,
        customers=len(summary),
        revenue=float(summary["revenue"].sum()) if len(summary) else 0.0,
        summary_path=summary_path,
        run=RunInfo(
            engine=settings.engine,
            spark_master=settings.spark_master if settings.engine == "spark" else None,
            elapsed_seconds=time.perf_counter() - started,
        ),
        summary=summary,
        **{
            "top_shares": [],
            "repurchase": None,
            "calibration": None,
            "cohorts": [],
            "monthly": [],
            **results,
        },
    )


def _analytics(
    eng: Engine,
    days: ir.Table,
    rfm: ir.Table,
    *,
    end: dt.date,
    top_percents: Sequence[int],
    inactive_days: int,
) -> dict[str, Any]:
    """Every aggregate of the report from the purchase-day and RFM tables."""
    top = _first(eng.frame(queries.top_customer_share(rfm, top_percents))) or {}
    segments = _segments(eng.frame(queries.rfm_segments(rfm)))
    monthly = queries.monthly_from_days(days, end, inactive_days)
    repurchase = _first(eng.frame(queries.repurchase_from_days(days)))
    calibration = _first(eng.frame(queries.calibration_inputs(monthly, inactive_days)))
    return {
        "segments": segments,
        "top_shares": [
            TopShare(percent=p, revenue_share=top.get(f"top_{p}_share") or 0.0)
            for p in top_percents
        ],
        "repurchase": Repurchase(**repurchase) if repurchase else None,
        "calibration": Calibration(**calibration) if calibration else None,
        "cohorts": [CohortCell(**r) for r in _records(eng.frame(queries.cohorts_from_days(days)))],
        "monthly": [MonthRow(**r) for r in _records(eng.frame(monthly))],
    }
