"""The user's own data as simulator assumptions: orders → private-domain and customer-
lifetime drivers, campaign results → ads drivers.

Each value is a :class:`CalibratedValue`: the driver path, the point value (clipped into
the driver's bounds), an uncertainty range and the date range of the data behind it.

From orders (a ``report.CustomerReport``; months = calendar months of the report):

* ``private_domain.monthly_churn`` = Σ lapsed / Σ alive at start (``queries.
  calibration_inputs``; a customer lapses 180 days after the last purchase);
  ``business.customer_retention_monthly`` = 1 − that churn;
* ``private_domain.orders_per_member_month`` = Σ orders / Σ (alive at start + new);
* ``business.repeat_orders_per_customer_month`` = Σ (orders − new customers) / Σ alive at
  start: orders of customers after their first month, per alive customer and month;
* ``private_domain.aov`` = Σ revenue / Σ orders (yuan).

Uncertainty: the 10th–90th percentile of the same ratio month by month (months where it
is defined; for churn only the months where lapses are observable), widened to contain
the point value. This spread is the range a Monte Carlo run should draw from.

From campaign results (columns ``date``, ``platform``, ``strategy``, ``spend``,
``impressions``, ``clicks``, ``orders``, ``gmv``; rows of strategy ``ads``, or all rows
when none is labelled so): ``ads.cpc`` = Σ spend / Σ clicks, ``ads.ctr`` = Σ clicks / Σ
impressions, ``ads.cvr`` = Σ orders / Σ clicks, ``ads.aov`` = Σ gmv / Σ orders over all
platforms; the range is the lowest to highest platform value.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from core.data.orders import queries
from core.data.orders.engines import connect
from core.data.orders.errors import OrdersFileError
from core.data.orders.ingest import detect_encoding, detect_format
from core.data.orders.report import CustomerReport
from core.model.paths import driver_spec, with_values
from core.model.scenario import ScenarioBase

CAMPAIGN_COLUMNS: tuple[str, ...] = (
    "date", "platform", "strategy", "spend", "impressions", "clicks", "orders", "gmv",
)  # fmt: skip
INACTIVE_DAYS = 180
"""Days without a purchase after which a customer counts as lapsed (report default)."""


@dataclass(frozen=True)
class CalibratedValue:
    """One driver from the user's data: value and range in model units, data dates."""

    path: str
    value: float
    low: float
    high: float
    first: dt.date
    last: dt.date


def _spread(point: float, monthly: Iterable[float | None]) -> tuple[float, float]:
    """10th–90th percentile of the monthly values, widened to contain ``point``."""
    values = np.array([v for v in monthly if v is not None and np.isfinite(v)], dtype=float)
    if values.size == 0:
        return point, point
    low, high = np.percentile(values, [10, 90])
    return float(min(low, point)), float(max(high, point))


def _value(
    path: str, point: float, low: float, high: float, span: tuple[dt.date, dt.date]
) -> CalibratedValue:
    spec = driver_spec(path)
    return CalibratedValue(path, spec.clip(point), spec.clip(low), spec.clip(high), *span)


def calibrate_orders(report: CustomerReport) -> list[CalibratedValue]:
    """Private-domain and customer-lifetime drivers from ``report`` (module docstring)."""
    cal = report.calibration
    if cal is None or not report.monthly or report.calibration_end is None:
        return []
    span = (report.monthly[0].month, report.calibration_end)
    months = report.monthly
    values: list[CalibratedValue] = []
    if cal.monthly_churn is not None:
        cutoff = months[0].month + dt.timedelta(days=INACTIVE_DAYS)
        low, high = _spread(cal.monthly_churn, (m.churn_rate for m in months if m.month >= cutoff))
        values.append(_value("private_domain.monthly_churn", cal.monthly_churn, low, high, span))
        values.append(
            _value(
                "business.customer_retention_monthly",
                1 - cal.monthly_churn,
                1 - high,
                1 - low,
                span,
            )
        )
    if cal.orders_per_customer_month is not None:
        low, high = _spread(
            cal.orders_per_customer_month, (m.orders_per_alive_customer for m in months)
        )
        values.append(
            _value(
                "private_domain.orders_per_member_month",
                cal.orders_per_customer_month,
                low,
                high,
                span,
            )
        )
    alive = sum(m.alive_at_start for m in months)
    if alive > 0:
        repeat = sum(m.orders - m.new_customers for m in months) / alive
        monthly = (
            (m.orders - m.new_customers) / m.alive_at_start if m.alive_at_start else None
            for m in months
        )
        low, high = _spread(repeat, monthly)
        values.append(_value("business.repeat_orders_per_customer_month", repeat, low, high, span))
    if cal.aov is not None:
        low, high = _spread(cal.aov, (m.aov for m in months))
        values.append(_value("private_domain.aov", cal.aov, low, high, span))
    return values


def _campaign_parquet(path: Path, folder: Path) -> Path:
    """A campaign upload as Parquet with the canonical columns (CSV read with its encoding)."""
    kind = detect_format(path)
    if kind == "parquet":
        return path
    if kind != "csv":
        raise OrdersFileError("orders.error.unsupported_format", suffix=path.suffix or "-")
    encoding = detect_encoding(path)
    try:
        table = pa_csv.read_csv(
            path,
            read_options=pa_csv.ReadOptions(encoding=encoding),
            convert_options=pa_csv.ConvertOptions(include_columns=list(CAMPAIGN_COLUMNS)),
        )
    except KeyError as exc:
        raise OrdersFileError("orders.error.column_not_found", column=str(exc.args[0])) from exc
    except (pa_csv.ArrowInvalid, ValueError) as exc:
        raise OrdersFileError("orders.error.empty_file") from exc
    out = folder / "campaigns.parquet"
    pq.write_table(table, out)
    return out


def campaign_metrics(path: str | Path) -> pd.DataFrame:
    """Funnel per platform × strategy of a campaign file (``queries.campaign_metrics``)."""
    path = Path(path).resolve()
    with tempfile.TemporaryDirectory(prefix="campaigns-") as folder:
        source = _campaign_parquet(path, Path(folder))
        with connect() as engine:
            table = engine.open(source)
            missing = [c for c in CAMPAIGN_COLUMNS if c not in table.columns]
            if missing:
                raise OrdersFileError("orders.error.column_not_found", column=missing[0])
            return engine.frame(queries.campaign_metrics(table))


def calibrate_campaigns(metrics: pd.DataFrame) -> list[CalibratedValue]:
    """Ads drivers from :func:`campaign_metrics` rows (module docstring)."""
    rows = (
        metrics[metrics["strategy"] == "ads"] if (metrics["strategy"] == "ads").any() else metrics
    )
    if rows.empty:
        return []
    span = (
        pd.Timestamp(rows["first_date"].min()).date(),
        pd.Timestamp(rows["last_date"].max()).date(),
    )
    totals = rows[["spend", "impressions", "clicks", "orders", "gmv"]].sum()
    ratios = {
        "ads.cpc": (totals.spend, totals.clicks, "cpc"),
        "ads.ctr": (totals.clicks, totals.impressions, "ctr"),
        "ads.cvr": (totals.orders, totals.clicks, "cvr"),
        "ads.aov": (totals.gmv, totals.orders, "aov"),
    }
    values = []
    for path, (numerator, denominator, column) in ratios.items():
        if denominator > 0:
            point = float(numerator / denominator)
            per_platform = rows[column].dropna().astype(float)
            low = min(point, float(per_platform.min())) if len(per_platform) else point
            high = max(point, float(per_platform.max())) if len(per_platform) else point
            values.append(_value(path, point, low, high, span))
    return values


def apply_calibration(scenario: ScenarioBase, values: Sequence[CalibratedValue]) -> ScenarioBase:
    """``scenario`` with the calibrated point values set."""
    return with_values(scenario, {v.path: v.value for v in values})
