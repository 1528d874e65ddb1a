"""``customers``: customer value of an order file (RFM segments, BG/NBD, Gamma-Gamma).

The file is read as the app reads an upload: format, encoding and columns detected
(``core.data.orders.ingest``), only the mapped columns kept, customer ids pseudonymised
before anything is computed. ``--map customer=COL,time=COL,amount=COL`` overrides the
detected columns (also ``order``, ``status``, ``channel``, ``platform``). The analytics
run on DuckDB (default) or Spark (``--engine spark --spark-master URL``); the JSON is the
same on both (the engine and timing go to standard error).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import Any

from core.cli.common import Command, UsageError, add_lang, emit_json
from core.data.orders.errors import OrdersFileError
from core.data.orders.pseudonym import load_or_create_secret
from core.data.orders.schema import ColumnMapping
from core.text.catalog import Locale, t
from core.text.errors import printable
from core.text.orders import describe_orders_error

MAP_FIELDS: dict[str, str] = {
    "customer": "customer_id",
    "time": "order_time",
    "amount": "amount",
    "order": "order_id",
    "status": "status",
    "channel": "channel",
    "platform": "platform",
}
"""Names accepted by ``--map`` → canonical fields."""
MAP_EXAMPLE = "customer=COL,time=COL,amount=COL"
FIT_DIGITS = 10
SHUFFLE_PARTITIONS = 8
"""Spark shuffle partitions unless ``--spark-shuffle-partitions`` says otherwise (the
engine settings' default; the engines, Ibis and the fitters load only when the command
runs, so ``python -m core --help`` and the other commands start quickly)."""


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("orders_file", type=Path, help="orders as CSV, Excel (.xlsx) or Parquet")
    parser.add_argument(
        "--calibration-end", type=dt.date.fromisoformat, help="last day used (YYYY-MM-DD)"
    )
    parser.add_argument("--time-unit", choices=("day", "week", "month"), default="week")
    parser.add_argument("--map", default="", help="customer=COL,time=COL,amount=COL")
    parser.add_argument(
        "--keep-zero-amounts", action="store_true", help="count orders of 0 as purchases"
    )
    parser.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb")
    parser.add_argument("--spark-master", default="local[2]", help="local[2], spark://…, sc://…")
    parser.add_argument(
        "--spark-shuffle-partitions",
        type=int,
        default=SHUFFLE_PARTITIONS,
        help="partitions after a shuffle (a small local run: 1)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_lang(parser)


def _mapping(proposal: ColumnMapping, text: str, locale: Locale) -> ColumnMapping:
    """The detected mapping with the ``--map`` overrides."""
    update: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sep, column = item.partition("=")
        if not sep or name.strip() not in MAP_FIELDS or not column.strip():
            raise UsageError(
                t("cli.customers.bad_map", locale, item=printable(item), example=MAP_EXAMPLE)
            )
        update[MAP_FIELDS[name.strip()]] = column.strip()
    return proposal.model_copy(update=update)


def _digits(value: float) -> float:
    """``value`` to :data:`FIT_DIGITS` significant digits.

    The engines hand the fitter summaries equal to the last bit or within 1e-15 relative
    (a quotient computed in another order); the optimiser can carry such a difference to
    the 12th digit of a parameter. Ten digits print the same on both engines and are far
    finer than any estimate's standard error.
    """
    return float(f"{value:.{FIT_DIGITS}g}")


def customers_payload(args: argparse.Namespace) -> dict[str, Any]:
    """Everything the command prints (without engine or timing)."""
    from core.analysis.customer_value.optimizer import FitError
    from core.analysis.customer_value.valuation import value_customers
    from core.data.orders.engines import EngineSettings
    from core.data.orders.ingest import ingest_orders, preview_upload
    from core.data.orders.report import customer_report

    locale: Locale = args.lang
    settings = EngineSettings(
        engine=args.engine,
        spark_master=args.spark_master,
        spark_shuffle_partitions=max(1, args.spark_shuffle_partitions),
    )
    try:
        preview = preview_upload(args.orders_file)
        mapping = _mapping(preview.proposal, args.map, locale)
        with tempfile.TemporaryDirectory(prefix="customers-") as folder:
            ingested = ingest_orders(
                args.orders_file,
                mapping,
                folder,
                secret=load_or_create_secret(),
                keep_zero_amounts=args.keep_zero_amounts,
            )
            report = customer_report(
                ingested.output,
                engine=settings,
                calibration_end=args.calibration_end,
                time_unit=args.time_unit,
                keep_zero_amounts=args.keep_zero_amounts,
            )
    except OrdersFileError as exc:
        name = printable(str(args.orders_file))
        raise UsageError(f"{name}: {describe_orders_error(exc, locale)}") from exc
    except OSError as exc:
        raise UsageError(
            f"{printable(str(args.orders_file))}: {t('cli.unreadable', locale)}"
        ) from exc
    print(
        f"{report.run.engine}: {report.orders_read:,} orders in {report.run.elapsed_seconds:.2f} s",
        file=sys.stderr,
    )
    payload: dict[str, Any] = {
        "customers": report.customers,
        "orders_read": report.orders_read,
        "orders_included": report.orders_included,
        "excluded": report.excluded,
        "calibration_end": report.calibration_end.isoformat() if report.calibration_end else None,
        "time_unit": report.time_unit,
        "mapping": mapping.fields(),
        "segments": {row.segment: row.customers for row in report.segments},
        "top_shares": {str(row.percent): row.revenue_share for row in report.top_shares},
        "bgnbd": None,
        "gamma_gamma": None,
    }
    try:
        value = value_customers(report.summary, report.time_unit)
    except (FitError, ValueError):
        return payload
    b = value.bgnbd
    payload["bgnbd"] = {
        "r": _digits(b.r), "alpha": _digits(b.alpha), "a": _digits(b.a), "b": _digits(b.b),
        "log_likelihood": _digits(b.log_likelihood),
    }  # fmt: skip
    g = value.gamma_gamma
    payload["gamma_gamma"] = (
        None if g is None else {"p": _digits(g.p), "q": _digits(g.q), "v": _digits(g.v)}
    )
    return payload


def _customers(args: argparse.Namespace) -> int:
    payload = customers_payload(args)
    if args.json:
        emit_json(payload)
        return 0
    for key in ("customers", "orders_read", "calibration_end", "segments", "bgnbd", "gamma_gamma"):
        print(f"{key}: {payload[key]}")
    return 0


COMMANDS = (
    Command(
        "customers",
        "customer value of an order file (RFM, BG/NBD, Gamma-Gamma)",
        _arguments,
        _customers,
        40,
    ),
)
