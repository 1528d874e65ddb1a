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
is defined; for churn only the months where lapses are observable), each month weighted by
the ratio's denominator (alive customers; customers who could buy; orders for AOV), and
widened to contain the point value. Weighting matches the point, which is the
denominator-weighted mean of the monthly ratios: a month of 34,000 members counts more
than one of 3,000, so a one-off wave of lapses in a large month (the demo store's month 7:
53 % of 34,201) widens the range instead of leaving the point on its edge. This spread
is the range a Monte Carlo run should draw from.

From campaign results (CSV in UTF-8 or GBK, Excel or Parquet; columns ``date``,
``platform``, ``strategy``, ``spend``, ``impressions``, ``clicks``, ``orders``, ``gmv``
under their English or common Chinese headers, :data:`CAMPAIGN_HEADERS`; no strategy
column = every row is ads; rows of strategy ``ads``, or all rows when none is labelled
so): ``ads.cpc`` = Σ spend / Σ clicks, ``ads.ctr`` = Σ clicks / Σ impressions,
``ads.cvr`` = Σ orders / Σ clicks, ``ads.aov`` = Σ gmv / Σ orders over all platforms;
the range is the lowest to highest platform value. With a fitted response curve
(``response``: clicks against spend, :mod:`core.analysis.ads_response`), ``ads.cpc`` is
the curve's list price and ``ads.saturation_clicks`` its ceiling instead: the engine
then buys clicks as the data did.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from ibis.expr import types as ir

from core.data.orders import queries
from core.data.orders.engines import connect
from core.data.orders.errors import OrdersFileError
from core.data.orders.ingest import preview_upload, xlsx_rows
from core.data.orders.report import CustomerReport
from core.model.paths import driver_spec, with_values
from core.model.scenario import ScenarioBase
from core.model.stored_ranges import StoredRange

CAMPAIGN_COLUMNS: tuple[str, ...] = (
    "date", "platform", "strategy", "spend", "impressions", "clicks", "orders", "gmv",
)  # fmt: skip
CAMPAIGN_NUMBERS: tuple[str, ...] = ("spend", "impressions", "clicks", "orders", "gmv")
CAMPAIGN_HEADERS: dict[str, tuple[str, ...]] = {
    "date": ("date", "day", "日期", "投放日期", "统计日期", "时间"),
    "platform": ("platform", "平台", "投放平台", "媒体"),
    "strategy": ("strategy", "channel", "策略", "渠道", "投放类型", "推广类型"),
    "spend": ("spend", "cost", "花费", "消耗", "消费", "投放金额", "总花费"),
    "impressions": ("impressions", "展现量", "展现数", "展示数", "曝光量", "曝光数"),
    "clicks": ("clicks", "点击量", "点击数", "点击次数"),
    "orders": ("orders", "conversions", "成交订单数", "订单数", "成交笔数", "转化数"),
    "gmv": ("gmv", "revenue", "成交金额", "成交额", "销售额", "转化金额"),
}
"""Headers recognised for each campaign column: English and the Chinese of common ad
platform reports (巨量引擎, 万相台, 京准通 exports name them so)."""
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


def weighted_spread(
    point: float, monthly: Iterable[tuple[float | None, float]]
) -> tuple[float, float]:
    """Weighted 10th–90th percentile of the monthly (value, weight) pairs (the lowest value
    whose cumulative weight reaches 10 % / 90 %), widened to contain ``point``."""
    pairs = [(v, w) for v, w in monthly if v is not None and np.isfinite(v) and w > 0]
    if not pairs:
        return point, point
    values, weights = (np.array(column, dtype=float) for column in zip(*pairs, strict=True))
    low, high = np.percentile(values, [10, 90], weights=weights, method="inverted_cdf")
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
        observable = (m for m in months if m.month >= cutoff)
        low, high = weighted_spread(
            cal.monthly_churn, ((m.churn_rate, m.alive_at_start) for m in observable)
        )
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
        low, high = weighted_spread(
            cal.orders_per_customer_month,
            ((m.orders_per_alive_customer, m.alive_at_start + m.new_customers) for m in months),
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
            ((m.orders - m.new_customers) / m.alive_at_start, m.alive_at_start)
            for m in months
            if m.alive_at_start
        )
        low, high = weighted_spread(repeat, monthly)
        values.append(_value("business.repeat_orders_per_customer_month", repeat, low, high, span))
    if cal.aov is not None:
        low, high = weighted_spread(cal.aov, ((m.aov, m.orders) for m in months))
        values.append(_value("private_domain.aov", cal.aov, low, high, span))
    return values


def campaign_column(header: str) -> str | None:
    """The canonical campaign column a file's ``header`` names (:data:`CAMPAIGN_HEADERS`;
    case, spaces and a trailing unit in brackets such as "（元）" are ignored), or None."""
    name = re.sub(r"[（(][^）)]*[）)]$", "", "".join(str(header).split())).casefold()
    for column, names in CAMPAIGN_HEADERS.items():
        if name in {n.casefold() for n in names}:
            return column
    return None


def _campaign_frame(path: Path) -> tuple[pd.DataFrame, dict[str, str]]:
    """The recognised campaign columns of an upload (CSV in its encoding, Excel's first
    sheet, Parquet) as text or numbers, renamed to the canonical names; only those
    columns are read. Also: canonical column → the file's header."""
    preview = preview_upload(path)
    chosen: dict[str, str] = {}
    for header in preview.headers:
        column = campaign_column(header)
        if column is not None and column not in chosen:
            chosen[column] = header
    missing = [c for c in CAMPAIGN_COLUMNS if c not in chosen and c != "strategy"]
    if missing:
        raise OrdersFileError("orders.error.column_not_found", column=missing[0])
    originals = list(chosen.values())
    if preview.format == "csv":
        table = pa_csv.read_csv(
            path,
            read_options=pa_csv.ReadOptions(encoding=preview.encoding or "utf-8"),
            convert_options=pa_csv.ConvertOptions(
                include_columns=originals,
                column_types=dict.fromkeys(originals, pa.string()),
            ),
        )
        frame = table.to_pandas()
    elif preview.format == "xlsx":
        positions = [preview.headers.index(h) for h in originals]
        rows = list(xlsx_rows(path))[1:]
        frame = pd.DataFrame([[row[i] for i in positions] for row in rows], columns=originals)
    else:
        frame = pq.read_table(path, columns=originals).to_pandas()
    frame = frame.rename(columns={h: c for c, h in chosen.items()})
    if "strategy" not in frame:
        frame["strategy"] = "ads"
    return frame, chosen


def _numbers(frame: pd.DataFrame, column: str, header: str) -> pd.Series:
    text = frame[column].astype("string").str.replace(r"[¥￥元,\s]", "", regex=True)
    values = pd.to_numeric(text, errors="coerce")
    bad = values.isna() & text.notna() & (text != "")
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise OrdersFileError(
            "orders.error.amount_not_number",
            column=header,
            row=row + 2,
            value=str(frame[column].iloc[row]),
        )
    return values.fillna(0.0).astype(float)


def _dates(frame: pd.DataFrame, header: str) -> pd.Series:
    raw = frame["date"]
    if pd.api.types.is_datetime64_any_dtype(raw):
        return pd.to_datetime(raw).dt.date
    text = raw.astype("string").str.strip()
    text = text.str.replace("年", "-").str.replace("月", "-").str.replace("日", "")
    parsed = pd.to_datetime(text.str.replace("/", "-").str.replace(".", "-"), errors="coerce")
    bad = parsed.isna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise OrdersFileError(
            "orders.error.date_unparseable", column=header, row=row + 2, value=str(raw.iloc[row])
        )
    return parsed.dt.date


def _campaign_parquet(path: Path, folder: Path) -> Path:
    """A campaign upload as Parquet with the canonical columns and types (date; text;
    numbers in yuan and counts)."""
    frame, headers = _campaign_frame(path)
    if frame.empty:
        raise OrdersFileError("orders.error.no_rows")
    clean = pd.DataFrame(
        {
            "date": _dates(frame, headers["date"]),
            "platform": frame["platform"].astype("string").fillna(""),
            "strategy": frame["strategy"].astype("string").fillna("ads"),
            **{c: _numbers(frame, c, headers[c]) for c in CAMPAIGN_NUMBERS},
        }
    )
    out = folder / "campaigns.parquet"
    pq.write_table(pa.Table.from_pandas(clean, preserve_index=False), out)
    return out


def campaign_metrics(path: str | Path) -> pd.DataFrame:
    """Funnel per platform × strategy of a campaign file (``queries.campaign_metrics``)."""
    return _campaign_query(path, queries.campaign_metrics)


def campaign_daily(path: str | Path) -> pd.DataFrame:
    """Ads spend and clicks per day of a campaign file (``queries.campaign_daily``)."""
    return _campaign_query(path, queries.campaign_daily)


def _campaign_query(path: str | Path, query: Callable[[ir.Table], ir.Table]) -> pd.DataFrame:
    path = Path(path).resolve()
    with tempfile.TemporaryDirectory(prefix="campaigns-") as folder:
        source = _campaign_parquet(path, Path(folder))
        with connect() as engine:
            return engine.frame(query(engine.open(source)))


ResponseFitter = Callable[[np.ndarray, np.ndarray], Mapping[str, tuple[float, float, float]] | None]
"""Daily spend and clicks → driver path → (value, low, high), or None when no curve fits
(:func:`core.analysis.ads_response.response_drivers`)."""


def calibrate_campaign_file(path: str | Path, fitter: ResponseFitter) -> list[CalibratedValue]:
    """Ads drivers from a campaign file, with the response curve ``fitter`` finds in its
    daily ads spend and clicks (module docstring)."""
    daily = campaign_daily(path)
    response = fitter(daily["spend"].to_numpy(float), daily["clicks"].to_numpy(float))
    return calibrate_campaigns(campaign_metrics(path), response)


def calibrate_campaigns(
    metrics: pd.DataFrame, response: Mapping[str, tuple[float, float, float]] | None = None
) -> list[CalibratedValue]:
    """Ads drivers from :func:`campaign_metrics` rows and a fitted ``response`` curve
    (module docstring)."""
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
    fitted = {path: _value(path, *numbers, span) for path, numbers in (response or {}).items()}
    return [fitted.pop(v.path, v) for v in values] + list(fitted.values())


def apply_calibration(scenario: ScenarioBase, values: Sequence[CalibratedValue]) -> ScenarioBase:
    """``scenario`` with the calibrated point values set and their ranges saved (source
    ``data``, with the dates the data covers) as the Monte Carlo's ranges. A value whose
    data gave no spread (low = high: one month, one platform) keeps the default range
    rather than being treated as certain."""
    ranges = dict(scenario.ranges)
    for v in values:
        if v.high > v.low:
            ranges[v.path] = StoredRange(
                low=v.low, high=v.high, source="data", first=v.first, last=v.last
            )
    return with_values(scenario, {**{v.path: v.value for v in values}, "ranges": ranges})
