"""Uploaded order files (CSV, Excel .xlsx, Parquet) → one canonical, pseudonymised Parquet.

Two steps, so the UI can show and correct the mapping in between:

1. :func:`preview_upload` reads the header only and returns the detected format and
   encoding, the headers and a mapping proposal (``schema.propose_mapping``).
2. :func:`ingest_orders` reads ONLY the mapped columns, parses them, checks them, and
   writes ``<out_dir>/orders.parquet`` with the canonical columns (``schema``):
   ``customer_id`` pseudonymised (``pseudonym``), ``order_time`` (naive local time),
   ``amount`` (float64), ``order_id``, ``channel``, ``platform``, ``status`` (text, NULL
   when unmapped). Every row is kept; the report counts the rows the analytics will
   exclude, by reason (``schema``), so nothing disappears silently.

Reading: CSV encodings are detected by decoding the whole file strictly — UTF-8 (with
or without a byte-order mark) first, then GB18030 (a superset of GBK and GB2312); the
report names the one used. UTF-8 files are read by DuckDB's CSV reader with a column
projection; GB18030 files are transcoded on the fly to a private temporary UTF-8 file
holding the mapped columns only. Excel: the first sheet, header in row 1 (openpyxl,
read-only, mapped columns only). DuckDB reads nothing but the uploaded file (or that
temporary file) and writes nothing but the output (``allowed_paths``, external access
off, configuration locked). The unmapped columns (phone numbers, names, addresses…) are
never stored, logged or written.

Parsing (after trimming): amounts may carry ``¥ ￥ $ 元``, spaces and thousands
separators (``,``; so a decimal comma is NOT supported); order times may be ISO
(``2024-01-05``, ``2024-01-05 13:00[:00[.ffffff]]``, ``T`` separator), with slashes
(``2024/01/05 13:00``), ``20240105``, ``2024年1月5日 13:00:00``, ``2024.01.05``, an
Excel date serial (``45296`` or ``45296.5416``, days since 1899-12-30) or carry a UTC
offset (``+08:00``, ``+0800``, ``+08``, ``Z``), which converts them to wall-clock time in
``time_zone``. Years outside 1990..2100 are rejected. Empty cells are not errors: they
make the row an excluded one (``missing_*``).

Errors raise ``OrdersFileError`` with a catalog key (``core/text/strings/orders.toml``);
row numbers count the header as row 1.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Literal

import duckdb
import pyarrow as pa
from pydantic import BaseModel, ConfigDict

from core.data.orders import queries
from core.data.orders.canonical import canonical_orders
from core.data.orders.engines import EngineSettings, connect
from core.data.orders.errors import OrdersFileError
from core.data.orders.pseudonym import pseudonyms
from core.data.orders.schema import (
    CANONICAL_FIELDS,
    EXCLUSION_REASONS,
    ColumnMapping,
    ExclusionReason,
    propose_mapping,
)

FileFormat = Literal["csv", "xlsx", "parquet"]
Encoding = Literal["utf-8", "utf-8-sig", "gb18030"]
OUTPUT_NAME = "orders.parquet"
_SUFFIXES: dict[str, FileFormat] = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
}
_CHUNK = 1 << 20
_YEARS = (1990, 2100)
_NAIVE_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%f",
    "%Y-%m-%dT%H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%Y%m%d",
    "%Y%m%d %H:%M:%S",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日",
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d",
]
_OFFSET_FORMATS = [
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S.%f%z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M:%S%z",
    "%Y-%m-%d %H:%M:%S.%f%z",
    "%Y-%m-%d %H:%M%z",
]

# Staged text columns → typed columns. Constant SQL: the only identifiers are the
# staging names chosen here; formats, zone and year bounds are parameters.
_PARSED_SQL = """
    SELECT src_row, customer_text, time_text, amount_text,
           order_id, channel, platform, status,
           nullif(trim(customer_text), '') AS customer_key,
           TRY_CAST(regexp_replace(trim(amount_text), '[¥￥$,\\s元]', '', 'g') AS DOUBLE)
               AS amount,
           coalesce(
               try_strptime(trim(time_text), $naive),
               timezone($tz, try_strptime(regexp_replace(trim(time_text), 'Z$', '+00:00'),
                                          $offset)),
               CASE WHEN regexp_full_match(trim(time_text), '[1-9][0-9]{4}(\\.[0-9]+)?')
                    THEN TIMESTAMP '1899-12-30 00:00:00'
                         + to_microseconds(CAST(round(CAST(trim(time_text) AS DOUBLE)
                                                      * 86400000000) AS BIGINT))
               END
           ) AS order_time
    FROM stage
"""
_BAD_AMOUNT_SQL = """
    SELECT src_row, amount_text FROM parsed
    WHERE nullif(trim(amount_text), '') IS NOT NULL AND amount IS NULL
    ORDER BY src_row LIMIT 1
"""
_BAD_TIME_SQL = """
    SELECT src_row, time_text, order_time IS NOT NULL FROM parsed
    WHERE nullif(trim(time_text), '') IS NOT NULL
      AND (order_time IS NULL OR year(order_time) NOT BETWEEN $first AND $last)
    ORDER BY src_row LIMIT 1
"""
_OUTPUT_SQL = """
    SELECT p.customer_id, parsed.order_time, parsed.amount,
           nullif(trim(parsed.order_id), '') AS order_id,
           nullif(trim(parsed.channel), '') AS channel,
           nullif(trim(parsed.platform), '') AS platform,
           nullif(trim(parsed.status), '') AS status
    FROM parsed LEFT JOIN pseudonyms AS p ON parsed.customer_key = p.customer_key
    ORDER BY parsed.src_row
"""


class UploadPreview(BaseModel):
    """What the mapping step shows: format, encoding (CSV), headers, the proposal."""

    model_config = ConfigDict(frozen=True)

    format: FileFormat
    encoding: Encoding | None
    headers: list[str]
    proposal: ColumnMapping


class IngestReport(BaseModel):
    """The outcome of :func:`ingest_orders` (counts are rows of the upload).

    ``excluded`` has every reason of ``schema.EXCLUSION_REASONS`` (0 when none);
    ``included_orders`` = rows_read − Σ excluded; ``customers`` = distinct customers
    with an included order; ``first_order`` / ``last_order`` = their date range.
    """

    model_config = ConfigDict(frozen=True)

    source_name: str
    format: FileFormat
    encoding: Encoding | None
    mapping: ColumnMapping
    rows_read: int
    included_orders: int
    excluded: dict[ExclusionReason, int]
    customers: int
    first_order: dt.date | None
    last_order: dt.date | None
    output: Path
    elapsed_seconds: float


def detect_format(path: Path) -> FileFormat:
    """The format from the file name's suffix (``orders.error.unsupported_format``)."""
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise OrdersFileError("orders.error.unsupported_format", suffix=path.suffix or "-")
    return fmt


def detect_encoding(path: Path) -> Encoding:
    """``utf-8-sig`` (with BOM) or ``utf-8`` if the whole file decodes strictly as UTF-8,
    else ``gb18030`` if it decodes so, else ``orders.error.encoding``."""
    with path.open("rb") as file:
        has_bom = file.read(3) == codecs.BOM_UTF8
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        try:
            with path.open("rb") as file:
                while chunk := file.read(_CHUNK):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030":
            return "gb18030"
        return "utf-8-sig" if has_bom else "utf-8"
    raise OrdersFileError("orders.error.encoding")


def _csv_dialect(path: Path, encoding: Encoding) -> type[csv.Dialect] | csv.Dialect:
    with path.open(encoding=encoding, newline="") as file:
        sample = file.read(64 * 1024)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",\t;|")
    except csv.Error:
        return csv.excel


def _csv_header(path: Path, encoding: Encoding) -> list[str]:
    with path.open(encoding=encoding, newline="") as file:
        header = next(csv.reader(file, _csv_dialect(path, encoding)), None)
    if not header or not any(name.strip() for name in header):
        raise OrdersFileError("orders.error.empty_file")
    return [name.strip() for name in header]


def xlsx_rows(path: Path) -> Iterator[tuple[object, ...]]:
    """The rows of the first sheet, header first (read-only, values not formulas)."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _xlsx_header(path: Path) -> list[str]:
    header = next(xlsx_rows(path), None)
    if not header or all(cell is None for cell in header):
        raise OrdersFileError("orders.error.empty_file")
    return ["" if cell is None else str(cell).strip() for cell in header]


def _parquet_header(path: Path) -> list[str]:
    import pyarrow.parquet as pq

    return list(pq.read_schema(path).names)


@contextmanager
def _readable(fmt: FileFormat) -> Iterator[None]:
    """Turn a reader's failure on a file that is not really a workbook or Parquet file
    (e.g. text renamed to .xlsx, a damaged download) into ``orders.error.unreadable``.
    The reader's own message is not passed on: it may quote the file's content."""
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        yield
    except (zipfile.BadZipFile, InvalidFileException, pa.ArrowException, KeyError, OSError):
        name = {"xlsx": "Excel (.xlsx)", "parquet": "Parquet"}.get(fmt, fmt.upper())
        raise OrdersFileError("orders.error.unreadable", format=name) from None


def preview_upload(path: str | Path) -> UploadPreview:
    """Format, encoding, headers and mapping proposal of an upload (reads the header)."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise OrdersFileError("orders.error.empty_file")
    fmt = detect_format(path)
    encoding: Encoding | None = None
    if fmt == "csv":
        encoding = detect_encoding(path)
        headers = _csv_header(path, encoding)
    else:
        with _readable(fmt):
            headers = _xlsx_header(path) if fmt == "xlsx" else _parquet_header(path)
    return UploadPreview(
        format=fmt, encoding=encoding, headers=headers, proposal=propose_mapping(headers)
    )


def _positions(headers: list[str], mapping: ColumnMapping) -> dict[str, int]:
    """Canonical field → position of its mapped column (first header of that name)."""
    missing = mapping.missing_required()
    if missing:
        raise OrdersFileError("orders.error.missing_field", field=", ".join(missing))
    positions: dict[str, int] = {}
    for field, column in mapping.fields().items():
        if column not in headers:
            raise OrdersFileError("orders.error.column_not_found", column=column)
        positions[field] = headers.index(column)
    return positions


_STAGE_NAMES: dict[str, str] = {
    "customer_id": "customer_text",
    "order_time": "time_text",
    "amount": "amount_text",
    "order_id": "order_id",
    "channel": "channel",
    "platform": "platform",
    "status": "status",
}


def _arrow_stage(src_row: pa.Array, texts: dict[str, pa.Array | pa.ChunkedArray]) -> pa.Table:
    """The ``stage`` columns from text arrays per mapped field; unmapped ones NULL."""
    arrays: dict[str, pa.Array | pa.ChunkedArray] = {"src_row": src_row}
    for field in CANONICAL_FIELDS:
        arrays[_STAGE_NAMES[field]] = texts.get(field, pa.nulls(len(src_row), pa.string()))
    return pa.table(arrays)


def _cell_text(value: object) -> str | None:
    """An Excel cell as text: dates ISO, numbers in shortest form, empty → None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_stage(path: Path, positions: dict[str, int]) -> pa.Table:
    """Mapped Excel columns as text (plus ``src_row``); other cells are not kept."""
    rows = xlsx_rows(path)
    next(rows, None)
    columns: dict[str, list[str | None]] = {field: [] for field in positions}
    src_row: list[int] = []
    for number, row in enumerate(rows, start=2):
        if all(cell is None for cell in row):
            continue
        src_row.append(number)
        for field, index in positions.items():
            columns[field].append(_cell_text(row[index]) if index < len(row) else None)
    texts = {field: pa.array(values, pa.string()) for field, values in columns.items()}
    return _arrow_stage(pa.array(src_row, pa.int64()), texts)


def _parquet_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A Parquet column as text for the common parser: tz-aware times keep their UTC
    offset, a boolean (e.g. ``is_refunded``) becomes ``refunded`` / NULL."""
    import pyarrow.compute as pc

    kind = column.type
    if pa.types.is_timestamp(kind) and kind.tz is not None:
        return pc.strftime(column, format="%Y-%m-%dT%H:%M:%S%z")
    if pa.types.is_boolean(kind):
        return pc.if_else(column, pa.scalar("refunded"), pa.scalar(None, pa.string()))
    return column.cast(pa.string())


def _parquet_stage(path: Path, positions: dict[str, int]) -> pa.Table:
    """Mapped Parquet columns only (column projection), as text, plus ``src_row``."""
    import pyarrow.parquet as pq

    names = _parquet_header(path)
    wanted = sorted({names[i] for i in positions.values()})
    table = pq.read_table(path, columns=wanted)
    texts = {field: _parquet_text(table[names[index]]) for field, index in positions.items()}
    return _arrow_stage(pa.array(range(2, table.num_rows + 2), pa.int64()), texts)


def _transcode(path: Path, encoding: Encoding, positions: dict[str, int], folder: Path) -> Path:
    """The mapped columns of a non-UTF-8 CSV, re-written as UTF-8 under ``folder``."""
    target = folder / "mapped.csv"
    indices = list(positions.values())
    with (
        path.open(encoding=encoding, newline="") as source,
        target.open("w", encoding="utf-8", newline="") as sink,
    ):
        reader = csv.reader(source, _csv_dialect(path, encoding))
        writer = csv.writer(sink)
        for row in reader:
            writer.writerow([row[i] if i < len(row) else "" for i in indices])
    return target


def _csv_relation(
    con: duckdb.DuckDBPyConnection, path: Path, width: int, delimiter: str
) -> duckdb.DuckDBPyRelation:
    return con.read_csv(
        str(path),
        header=True,
        columns={f"c{i}": "VARCHAR" for i in range(width)},
        sep=delimiter,
        quotechar='"',
        escapechar='"',
        auto_detect=False,
        null_padding=True,
    )


def _stage_sql(positions: dict[str, int], source: str) -> str:
    """``SELECT row number, c<i> AS <stage name> … FROM <source>``; every identifier
    is generated here (``c<int>`` and fixed names), none comes from the file."""
    selected = [f"c{index} AS {_STAGE_NAMES[field]}" for field, index in positions.items()]
    absent = [f"NULL::VARCHAR AS {_STAGE_NAMES[f]}" for f in CANONICAL_FIELDS if f not in positions]
    return (
        f"SELECT CAST(row_number() OVER () + 1 AS BIGINT) AS src_row, "
        f"{', '.join(selected + absent)} FROM {source}"
    )


def _lock(con: duckdb.DuckDBPyConnection, paths: list[Path]) -> None:
    con.execute("SET allowed_paths = $paths", {"paths": [str(p) for p in paths]})
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def _stage(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    preview: UploadPreview,
    positions: dict[str, int],
    *,
    output: Path,
    scratch: Path,
) -> None:
    """Create the view ``stage`` (text columns of the mapped fields) and lock DuckDB."""
    fmt, encoding, headers = preview.format, preview.encoding, preview.headers
    if fmt == "xlsx":
        con.register("xlsx_stage", _xlsx_stage(path, positions))
        _lock(con, [output])
        con.execute("CREATE VIEW stage AS SELECT * FROM xlsx_stage")
        return
    if fmt == "parquet":
        con.register("parquet_stage", _parquet_stage(path, positions))
        _lock(con, [output])
        con.execute("CREATE VIEW stage AS SELECT * FROM parquet_stage")
        return
    dialect = _csv_dialect(path, encoding or "utf-8")
    if encoding == "gb18030":
        mapped = _transcode(path, encoding, positions, scratch)
        positions = {field: i for i, field in enumerate(positions)}
        _csv_relation(con, mapped, len(positions), ",").create_view("raw")
        _lock(con, [mapped, output])
    else:
        _csv_relation(con, path, len(headers), dialect.delimiter).create_view("raw")
        _lock(con, [path, output])
    con.execute(f"CREATE VIEW stage AS {_stage_sql(positions, 'raw')}")


def _parse(con: duckdb.DuckDBPyConnection, time_zone: str) -> None:
    """Materialise the typed table ``parsed``; a broken CSV raises
    ``orders.error.csv_malformed`` with its line (DuckDB's message, which quotes the
    line and so may hold personal data, is not passed on)."""
    try:
        con.execute(
            f"CREATE TEMP TABLE parsed AS {_PARSED_SQL}",
            {"naive": _NAIVE_FORMATS, "offset": _OFFSET_FORMATS, "tz": time_zone},
        )
    except duckdb.InvalidInputException as error:
        found = re.search(r"Line: (\d+)", str(error))
        raise OrdersFileError(
            "orders.error.csv_malformed", line=int(found.group(1)) if found else 0
        ) from None


def _check(con: duckdb.DuckDBPyConnection, mapping: ColumnMapping) -> int:
    """Raise on the first bad amount or order time; return the number of data rows."""
    rows = con.execute("SELECT count(*) FROM parsed").fetchone()
    n_rows = int(rows[0]) if rows else 0
    if n_rows == 0:
        raise OrdersFileError("orders.error.no_rows")
    bad = con.execute(_BAD_AMOUNT_SQL).fetchone()
    if bad is not None:
        raise OrdersFileError(
            "orders.error.amount_not_number",
            column=str(mapping.amount),
            row=int(bad[0]),
            value=str(bad[1]),
        )
    first, last = _YEARS
    bad = con.execute(_BAD_TIME_SQL, {"first": first, "last": last}).fetchone()
    if bad is not None:
        key = "orders.error.date_out_of_range" if bad[2] else "orders.error.date_unparseable"
        raise OrdersFileError(
            key, column=str(mapping.order_time), row=int(bad[0]), value=str(bad[1])
        )
    return n_rows


def _write(con: duckdb.DuckDBPyConnection, output: Path, secret: bytes) -> None:
    """Pseudonymise each distinct customer once, then write the canonical Parquet.

    An older output is removed first: DuckDB replaces an existing file through a
    temporary sibling, which the locked file access (output path only) does not allow.
    """
    output.unlink(missing_ok=True)
    keys = (
        con.sql("SELECT DISTINCT customer_key FROM parsed WHERE customer_key IS NOT NULL")
        .to_arrow_table()["customer_key"]
        .to_pylist()
    )
    table = pa.table(
        {
            "customer_key": pa.array(keys, pa.string()),
            "customer_id": pa.array(pseudonyms(keys, secret), pa.string()),
        }
    )
    con.register("pseudonyms", table)
    con.sql(_OUTPUT_SQL).write_parquet(str(output), compression="zstd")


def ingest_orders(
    path: str | Path,
    mapping: ColumnMapping,
    out_dir: str | Path,
    *,
    secret: bytes,
    time_zone: str = "Asia/Shanghai",
    keep_zero_amounts: bool = False,
) -> IngestReport:
    """Read the mapped columns of an upload and write ``<out_dir>/orders.parquet``.

    ``secret``: the install secret (``pseudonym.load_or_create_secret``); ``time_zone``:
    the zone that times with a UTC offset are converted to; ``keep_zero_amounts``: see
    ``canonical.canonical_orders``. Raises ``OrdersFileError`` for a bad file.
    """
    started = time.perf_counter()
    path = Path(path).resolve()
    preview = preview_upload(path)
    positions = _positions(preview.headers, mapping)
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    output = out / OUTPUT_NAME
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="orders-")))
        con = stack.enter_context(
            duckdb.connect(":memory:", config={"temp_directory": str(scratch)})
        )
        con.execute("SET TimeZone = $tz", {"tz": time_zone})
        with _readable(preview.format):
            _stage(con, path, preview, positions, output=output, scratch=scratch)
        _parse(con, time_zone)
        n_rows = _check(con, mapping)
        _write(con, output, secret)
    summary = _summarise(output, time_zone=time_zone, keep_zero_amounts=keep_zero_amounts)
    return IngestReport(
        source_name=path.name,
        format=preview.format,
        encoding=preview.encoding,
        mapping=mapping,
        rows_read=n_rows,
        output=output,
        elapsed_seconds=time.perf_counter() - started,
        **summary,
    )


def _summarise(output: Path, *, time_zone: str, keep_zero_amounts: bool) -> dict[str, object]:
    """Exclusion counts and customer figures of the written file (same rules as the
    analytics: ``canonical.canonical_orders``)."""
    with connect(EngineSettings(time_zone=time_zone)) as engine:
        raw = engine.open(output)
        orders = canonical_orders(
            raw, ColumnMapping.identity(raw.columns), keep_zero_amounts=keep_zero_amounts
        )
        counts = engine.frame(queries.exclusion_counts(orders))
        kept = queries.included(orders)
        day = kept.order_time.date()
        span = engine.frame(
            kept.aggregate(customers=kept.customer_id.nunique(), first=day.min(), last=day.max())
        ).iloc[0]
    by_reason = {
        str(reason): int(rows)
        for reason, rows in zip(counts.exclusion, counts.rows, strict=True)
        if isinstance(reason, str)
    }
    excluded = {reason: by_reason.get(reason, 0) for reason in EXCLUSION_REASONS}
    included = int(counts.rows.sum()) - sum(excluded.values())
    return {
        "included_orders": included,
        "excluded": excluded,
        "customers": int(span.customers),
        "first_order": None if included == 0 else span["first"],
        "last_order": None if included == 0 else span["last"],
    }
