"""All DuckDB access: the benchmark table and the demo store, read-only and thread-safe.

A :class:`DataStore` opens ONE DuckDB database over files under a data directory
(default: the repository's ``data/``):

* ``benchmarks`` — ``benchmarks/benchmarks.csv`` read with explicit column types and
  dialect (RFC 4180, no sniffing; see ``data/benchmarks/README.md``), loaded once into a
  table (a view would parse the CSV again in every query: the ranges of all drivers took
  81 queries and over a second on a fresh server);
* ``field_basis`` — ``benchmarks/field_basis.csv``: which rows may feed which model
  field (metric, unit, basis, market), loaded once the same way;
* ``customers``, ``orders``, ``campaigns`` — views over ``demo_store/*.parquet``
  (see ``data/demo_store/README.md``).

Concurrency: a DuckDB connection must not be shared across threads, so every query runs
on its own cursor (``connection.cursor()``: a new connection to the same database),
opened for the call and closed after it. One store can serve many Streamlit sessions.

Read-only: the tables and views are written once into a catalog file in a private temporary folder,
which is then opened ``read_only``: no query can create or change an object. The database
may touch exactly the data files (``allowed_paths``) and nothing else
(``enable_external_access = false``, configuration locked).

Safety: queries are constant SQL with ``$name`` parameters. Filter values are checked
against the vocabularies of the data READMEs before any query runs; a bad one raises
:class:`InvalidFilterError`, naming the filter and the allowed values.

Benchmark point estimate of a row (used for medians): ``value`` when the row has one,
else the midpoint ``(low + high) / 2`` of a range; a row with only a floor or only a
ceiling has no point estimate. The span of a row is ``coalesce(low, value)`` ..
``coalesce(high, value)`` (a point figure spans itself).
"""

from __future__ import annotations

import reprlib
import shutil
import tempfile
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from numbers import Integral
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from core.model.strategies import STRATEGY_KEYS
from core.model.vocab import (
    BENCHMARK_CATEGORIES,
    CHANNELS,
    METRICS,
    PLATFORMS,
    QUALITIES,
    Metric,
    Unit,
)

DATA_DIR: Path = Path(__file__).resolve().parents[2] / "data"
"""The repository's ``data/`` directory (benchmarks and demo store)."""

BENCHMARKS_CSV = Path("benchmarks") / "benchmarks.csv"
FIELD_BASIS_CSV = Path("benchmarks") / "field_basis.csv"
FIELD_BASIS_COLUMNS: dict[str, str] = {
    "field": "VARCHAR",
    "metric": "VARCHAR",
    "unit": "VARCHAR",
    "basis": "VARCHAR",
    "market": "VARCHAR",
    "status": "VARCHAR",
    "note": "VARCHAR",
}
"""Columns of ``field_basis.csv``: which benchmark rows may feed which model field."""
DEMO_TABLES: tuple[str, ...] = ("customers", "orders", "campaigns")
DEMO_DIR = Path("demo_store")

BENCHMARK_STRATEGIES: tuple[str, ...] = STRATEGY_KEYS
"""Strategies a benchmark row may be filed under: the registered strategy keys."""
BENCHMARK_UNITS: tuple[Unit, ...] = (
    "fraction",
    "yuan",
    "yuan_per_month",
    "yuan_per_year",
    "yuan_per_click",
    "yuan_per_mille",
    "ratio",
    "per_month",
    "count",
    "yuan_bn",
)
"""The units benchmark rows use (a subset of :data:`core.model.vocab.UNITS`)."""
YEAR_RANGE: tuple[int, int] = (2000, 2100)
"""Years a benchmark filter may ask for (inclusive); the table holds 2015..2025."""

BENCHMARK_COLUMNS: dict[str, str] = {
    "id": "VARCHAR",
    "metric": "VARCHAR",
    "value": "DOUBLE",
    "low": "DOUBLE",
    "high": "DOUBLE",
    "unit": "VARCHAR",
    "year": "INTEGER",
    "platform": "VARCHAR",
    "strategy": "VARCHAR",
    "category": "VARCHAR",
    "basis": "VARCHAR",
    "market": "VARCHAR",
    "year_status": "VARCHAR",
    "source": "VARCHAR",
    "quality": "VARCHAR",
    "note": "VARCHAR",
}
"""Columns of ``benchmarks.csv`` in file order, with their DuckDB types."""

Filter = str | Iterable[str] | None
"""A filter: ``None`` (no filter), one value or several (rows matching any)."""
YearFilter = int | Iterable[int] | None


class InvalidFilterError(ValueError):
    """A filter value outside its vocabulary; the message names filter, value and choices."""

    def __init__(self, filter_name: str, value: object, allowed: str) -> None:
        self.filter_name = filter_name
        self.value = value
        self.allowed = allowed
        super().__init__(
            f"Invalid {filter_name} filter value {reprlib.repr(value)}; allowed: {allowed}."
        )


@dataclass(frozen=True)
class BenchmarkEstimate:
    """Median of the matching rows' point estimates (see the module docstring).

    ``low`` / ``high`` = min / max of the rows' spans; ``row_ids`` = exactly the rows used
    (those with a point estimate), sorted. Same unit as the rows.
    """

    value: float
    low: float
    high: float
    row_ids: tuple[str, ...]


# A benchmark row plus its point estimate and span (module docstring).
_POINTS = """
    SELECT *,
           coalesce(value, (low + high) / 2) AS point,
           coalesce(low, value) AS span_low,
           coalesce(high, value) AS span_high
    FROM benchmarks
"""
# Every benchmark filter; a NULL parameter means "no filter".
_WHERE = """
    ($platform IS NULL OR list_contains($platform, platform))
    AND ($category IS NULL OR list_contains($category, category))
    AND ($strategy IS NULL OR list_contains($strategy, strategy))
    AND ($metric IS NULL OR list_contains($metric, metric))
    AND ($unit IS NULL OR list_contains($unit, unit))
    AND ($year IS NULL OR list_contains($year, year))
    AND ($quality IS NULL OR list_contains($quality, quality))
"""
_BENCHMARKS_SQL = f"""
    SELECT {", ".join(BENCHMARK_COLUMNS)}
    FROM benchmarks
    WHERE {_WHERE}
    ORDER BY strategy, metric, platform, category, year DESC, id
"""
_METRIC_RANGES_SQL = f"""
    SELECT platform, unit,
           count(*) AS n_rows,
           count(point) AS n_points,
           min(span_low) AS low,
           max(span_high) AS high,
           median(point) AS median,
           list(id ORDER BY id) AS row_ids
    FROM ({_POINTS})
    WHERE {_WHERE}
    GROUP BY platform, unit
    ORDER BY list_position($platforms, platform), unit
"""
_ESTIMATE_SQL = f"""
    SELECT median(point), min(span_low), max(span_high), list(id ORDER BY id)
    FROM ({_POINTS})
    WHERE point IS NOT NULL AND {_WHERE}
    HAVING count(*) > 0
"""

# Rows whose metric, unit, basis and market the field map allows for a model field.
_FIELD_ROWS_SQL = f"""
    SELECT f.field, p.id, p.metric, p.value, p.low, p.high, p.unit, p.year, p.platform,
           p.strategy, p.category, p.basis, p.market, p.year_status, p.source, p.quality,
           p.point, p.span_low, p.span_high, f.status AS map_status
    FROM ({_POINTS}) AS p
    JOIN field_basis AS f
      ON p.metric = f.metric AND p.unit = f.unit AND p.basis = f.basis AND p.market = f.market
    WHERE f.status <> 'none'
    ORDER BY f.field, p.id
"""

# Orders with their month and whether each is its customer's first (lowest order_id).
_FLAGGED_ORDERS = """
    flagged AS (
        SELECT date_trunc('month', ts)::DATE AS month, channel, customer_id, amount,
               is_refunded,
               order_id = min(order_id) OVER (PARTITION BY customer_id) AS is_first
        FROM orders
    )
"""
_SALES_MEASURES = """
    count(*) AS orders,
    sum(amount) AS gmv,
    count(DISTINCT customer_id) AS customers,
    count(*) FILTER (WHERE is_first) AS new_customers,
    count(*) FILTER (WHERE is_refunded) AS refunded_orders,
    coalesce(sum(amount) FILTER (WHERE is_refunded), 0) AS refunded_gmv
"""
# Sales FULL JOIN spend: a cell may have spend without orders, or orders without spend.
_KPI_COLUMNS = """
    coalesce(orders, 0) AS orders,
    coalesce(gmv, 0) AS gmv,
    gmv / orders AS aov,
    coalesce(customers, 0) AS customers,
    coalesce(new_customers, 0) AS new_customers,
    {repeat_customers}
    coalesce(orders - new_customers, 0) AS repeat_orders,
    coalesce(refunded_orders, 0) AS refunded_orders,
    coalesce(refunded_gmv, 0) AS refunded_gmv,
    refunded_orders / orders AS refund_rate,
    coalesce(gmv - refunded_gmv, 0) AS net_gmv,
    coalesce(spend, 0) AS spend,
    coalesce(gmv, 0) / nullif(spend, 0) AS roas
"""
_MONTHLY_KPIS_SQL = f"""
    WITH {_FLAGGED_ORDERS},
    sales AS (SELECT month, channel, {_SALES_MEASURES} FROM flagged GROUP BY month, channel),
    spend AS (
        SELECT date_trunc('month', date)::DATE AS month, strategy AS channel,
               sum(spend) AS spend
        FROM campaigns GROUP BY month, channel
    )
    SELECT month, channel,
           {_KPI_COLUMNS.format(repeat_customers="customers - new_customers AS repeat_customers,")}
    FROM sales FULL JOIN spend USING (month, channel)
    WHERE $channel IS NULL OR list_contains($channel, channel)
    ORDER BY month, list_position($channels, channel)
"""
_CHANNEL_SUMMARY_SQL = f"""
    WITH {_FLAGGED_ORDERS},
    sales AS (SELECT channel, {_SALES_MEASURES} FROM flagged GROUP BY channel),
    spend AS (SELECT strategy AS channel, sum(spend) AS spend FROM campaigns GROUP BY channel)
    SELECT channel, {_KPI_COLUMNS.format(repeat_customers="")}
    FROM sales FULL JOIN spend USING (channel)
    ORDER BY list_position($channels, channel)
"""


def _as_list(filter_name: str, values: object, allowed: str) -> list[object]:
    """One value → ``[value]``; an iterable (not a string) → its items."""
    if isinstance(values, str | Integral):
        return [values]
    if isinstance(values, Iterable):
        return list(values)
    raise InvalidFilterError(filter_name, values, allowed)


def checked_filter(filter_name: str, values: Filter, allowed: tuple[str, ...]) -> list[str] | None:
    """``values`` as a list after checking each is one of ``allowed``; ``None`` stays ``None``.

    Raises :class:`InvalidFilterError` on the first value outside ``allowed``.
    """
    if values is None:
        return None
    choices = ", ".join(allowed)
    items = _as_list(filter_name, values, choices)
    for item in items:
        if not isinstance(item, str) or item not in allowed:
            raise InvalidFilterError(filter_name, item, choices)
    return [str(item) for item in items]


def checked_years(values: YearFilter) -> list[int] | None:
    """Years as a list of ints within :data:`YEAR_RANGE`; ``None`` stays ``None``."""
    if values is None:
        return None
    first, last = YEAR_RANGE
    allowed = f"integers {first}..{last}"
    years: list[int] = []
    for item in _as_list("year", values, allowed):
        if isinstance(item, bool) or not isinstance(item, Integral) or not first <= item <= last:
            raise InvalidFilterError("year", item, allowed)
        years.append(int(item))
    return years


def _check_header(csv_path: Path, columns: dict[str, str]) -> None:
    """Columns are read by position (no sniffing), so the header must match exactly."""
    with csv_path.open(encoding="utf-8") as file:
        header = file.readline().rstrip("\r\n").split(",")
    if header != list(columns):
        raise ValueError(f"{csv_path}: header {header} != {list(columns)}")


def _benchmark_params(
    *,
    platform: Filter = None,
    category: Filter = None,
    strategy: Filter = None,
    metric: Filter = None,
    unit: Filter = None,
    year: YearFilter = None,
    quality: Filter = None,
) -> dict[str, Any]:
    """The ``$name`` parameters of :data:`_WHERE`, every value checked."""
    return {
        "platform": checked_filter("platform", platform, PLATFORMS),
        "category": checked_filter("category", category, BENCHMARK_CATEGORIES),
        "strategy": checked_filter("strategy", strategy, BENCHMARK_STRATEGIES),
        "metric": checked_filter("metric", metric, METRICS),
        "unit": checked_filter("unit", unit, BENCHMARK_UNITS),
        "year": checked_years(year),
        "quality": checked_filter("quality", quality, QUALITIES),
    }


class DataStore:
    """Read-only, thread-safe queries over the benchmark table and the demo store."""

    def __init__(self, data_dir: str | Path | None = None) -> None:
        """Open a read-only DuckDB over the files under ``data_dir`` (module docstring).

        ``data_dir`` defaults to :data:`DATA_DIR`; it must hold ``benchmarks/benchmarks.csv``
        and ``demo_store/{customers,orders,campaigns}.parquet`` (``FileNotFoundError``
        otherwise).
        """
        root = Path(data_dir or DATA_DIR).resolve()
        self.data_dir = root
        csv_path = root / BENCHMARKS_CSV
        basis_path = root / FIELD_BASIS_CSV
        parquet = {name: root / DEMO_DIR / f"{name}.parquet" for name in DEMO_TABLES}
        paths = [csv_path, basis_path, *parquet.values()]
        missing = [str(path) for path in paths if not path.is_file()]
        if missing:
            raise FileNotFoundError(f"DataStore: missing data file(s): {', '.join(missing)}")
        _check_header(csv_path, BENCHMARK_COLUMNS)
        _check_header(basis_path, FIELD_BASIS_COLUMNS)
        self._folder = tempfile.mkdtemp(prefix="monetization-studio-")
        catalog = Path(self._folder) / "catalog.duckdb"
        with duckdb.connect(str(catalog)) as writer:
            for name, path, columns in (
                ("benchmarks", csv_path, BENCHMARK_COLUMNS),
                ("field_basis", basis_path, FIELD_BASIS_COLUMNS),
            ):
                writer.read_csv(
                    str(path),
                    header=True,
                    columns=columns,
                    auto_detect=False,
                    delimiter=",",
                    quotechar='"',
                    escapechar='"',
                    encoding="utf-8",
                ).create(name)
            for name, path in parquet.items():
                writer.read_parquet(str(path)).create_view(name)
        self._connection = duckdb.connect(str(catalog), read_only=True)
        self._cleanup = weakref.finalize(self, shutil.rmtree, self._folder, True)
        self._lock_down(paths)
        frame = self._frame("SELECT DISTINCT field FROM field_basis ORDER BY field", {})
        self._mapped_fields = tuple(str(f) for f in frame["field"])
        rows = self._frame(_FIELD_ROWS_SQL, {})
        self._field_rows = {
            str(field): group.drop(columns="field").reset_index(drop=True)
            for field, group in rows.groupby("field", sort=False)
        }

    @classmethod
    def for_directory(cls, path: str | Path) -> DataStore:
        """A store over another data directory (same layout as ``data/``), e.g. in tests."""
        return cls(path)

    def _lock_down(self, paths: list[Path]) -> None:
        """Allow reading exactly ``paths``; no other file access; configuration locked."""
        self._connection.execute("SET allowed_paths = $paths", {"paths": [str(p) for p in paths]})
        self._connection.execute("SET enable_external_access = false")
        self._connection.execute("SET lock_configuration = true")

    def close(self) -> None:
        """Close the database; later queries raise ``duckdb.ConnectionException``."""
        self._connection.close()
        self._cleanup()

    def _frame(self, sql: str, params: dict[str, Any]) -> pd.DataFrame:
        """Run constant ``sql`` with ``params`` on a fresh cursor (one per call and thread)."""
        with self._connection.cursor() as cursor:
            return cursor.execute(sql, params).df()

    def benchmarks(
        self,
        *,
        platform: Filter = None,
        category: Filter = None,
        strategy: Filter = None,
        metric: Filter = None,
        year: YearFilter = None,
        quality: Filter = None,
    ) -> pd.DataFrame:
        """Benchmark rows matching every given filter (a row matches a filter's list if its
        value is in it; an empty list matches nothing), with all CSV columns, ordered by
        strategy, metric, platform, category, newest year first, id.

        Raises :class:`InvalidFilterError` for a value outside the README vocabularies.
        """
        params = _benchmark_params(
            platform=platform,
            category=category,
            strategy=strategy,
            metric=metric,
            year=year,
            quality=quality,
        )
        return self._frame(_BENCHMARKS_SQL, params)

    def metric_ranges(
        self,
        metric: Metric,
        *,
        platform: Filter = None,
        category: Filter = None,
        strategy: Filter = None,
        year: YearFilter = None,
        quality: Filter = None,
    ) -> pd.DataFrame:
        """Ranges of one metric per platform and unit, for a chart of ranges.

        Columns: ``platform``, ``unit``, ``n_rows`` (matching rows), ``n_points`` (rows with
        a point estimate), ``low`` = min(coalesce(low, value)), ``high`` =
        max(coalesce(high, value)), ``median`` = median of the point estimates (value, else
        (low + high) / 2; NaN when no row has one), ``row_ids`` (array of ids). Platforms
        in vocabulary order (``global`` last).
        """
        params = _benchmark_params(
            metric=metric,
            platform=platform,
            category=category,
            strategy=strategy,
            year=year,
            quality=quality,
        )
        params["platforms"] = list(PLATFORMS)
        return self._frame(_METRIC_RANGES_SQL, params)

    def estimate(
        self,
        metric: Metric,
        *,
        unit: Unit,
        platform: Filter,
        category: Filter,
        strategy: Filter = None,
    ) -> BenchmarkEstimate | None:
        """Median point estimate of ``metric`` over the rows matching the filters.

        Only rows with a point estimate count (value, else (low + high) / 2); ``None``
        when there is none. See :class:`BenchmarkEstimate`.
        """
        params = _benchmark_params(
            metric=metric, unit=unit, platform=platform, category=category, strategy=strategy
        )
        with self._connection.cursor() as cursor:
            row = cursor.execute(_ESTIMATE_SQL, params).fetchone()
        if row is None:
            return None
        value, low, high, row_ids = row
        return BenchmarkEstimate(float(value), float(low), float(high), tuple(row_ids))

    def field_rows(self, field: str) -> pd.DataFrame:
        """Benchmark rows that may feed model field ``field`` (a dotted path such as
        ``ads.cvr``): the field map's metric, unit, basis and market must all match.

        Columns: the row's id, metric, value, low, high, unit, year, platform, strategy,
        category, basis, market, year_status, source, quality, its ``point`` estimate and
        span (module docstring), and ``map_status`` (``benchmarked`` or ``assumption``).
        Every field's rows are read in one query when the store opens; this returns a copy.
        """
        if field not in self.mapped_fields():
            raise InvalidFilterError("field", field, ", ".join(self.mapped_fields()))
        if field not in self._field_rows:
            return self._frame(_FIELD_ROWS_SQL + " LIMIT 0", {}).drop(columns="field")
        return self._field_rows[field].copy()

    def mapped_fields(self) -> tuple[str, ...]:
        """Model fields the field map names, sorted (read once when the store opens)."""
        return self._mapped_fields

    def demo_monthly_kpis(self, channel: Filter = None) -> pd.DataFrame:
        """Demo-store KPIs by calendar month and order channel (``channel``: ads, content,
        private_domain, organic; ``None`` = all), ordered by month then channel.

        Columns and formulas (money in yuan; a "cell" is one month × channel):

        * ``month`` — first day of the month (``date_trunc('month', ts)``);
        * ``orders`` — orders in the cell; ``gmv`` — Σ amount (gross, refunds included);
          ``aov`` = gmv / orders (NaN without orders);
        * ``customers`` — distinct customers with an order in the cell;
          ``new_customers`` — customers whose first order (lowest ``order_id`` over all
          channels) is in the cell; ``repeat_customers`` = customers − new_customers
          (bought in the cell, acquired earlier or through another channel);
          ``repeat_orders`` = orders − new_customers. Summed over all cells,
          new_customers = all customers;
        * ``refunded_orders``, ``refunded_gmv`` (Σ amount of refunded orders),
          ``refund_rate`` = refunded_orders / orders, ``net_gmv`` = gmv − refunded_gmv;
        * ``spend`` — Σ ``campaigns.spend`` of the month with strategy = channel (0 for
          organic); ``roas`` = gmv / spend, NaN where spend = 0.
        """
        params = {
            "channel": checked_filter("channel", channel, CHANNELS),
            "channels": list(CHANNELS),
        }
        return self._frame(_MONTHLY_KPIS_SQL, params)

    def demo_channel_summary(self) -> pd.DataFrame:
        """Demo-store totals by channel over the whole period, one row per channel.

        Same columns and formulas as :meth:`demo_monthly_kpis` with the cell = the channel
        over all months, except ``month`` and ``repeat_customers``: ``customers`` counts
        distinct buyers through the channel, ``new_customers`` those it acquired.
        """
        return self._frame(_CHANNEL_SUMMARY_SQL, {"channels": list(CHANNELS)})
