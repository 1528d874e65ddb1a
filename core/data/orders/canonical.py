"""A raw order table + a column mapping → canonical orders, as one Ibis expression.

The result has the columns of ``schema.CANONICAL_FIELDS`` plus ``exclusion``: NULL for an
order the analytics use, else the first matching reason of ``schema.EXCLUSION_REASONS``
(rules in ``schema``). Types: ``customer_id`` and ``order_id`` keep their source type
(a string id is trimmed, empty → NULL); ``order_time`` is a naive timestamp (a tz-aware
column is converted to the session zone, a date is midnight, a string must be ISO 8601);
``amount`` is float64; ``channel``, ``platform`` and ``status`` are strings (a boolean
status becomes ``'true'`` / ``'false'``).

Everything happens in the engine: nothing is collected.
"""

from __future__ import annotations

import ibis
import ibis.expr.datatypes as dt
from ibis.expr import types as ir

from core.data.orders.errors import OrdersFileError
from core.data.orders.schema import STATUS_VOCABULARY, ColumnMapping


def _column(raw: ir.Table, name: str) -> ir.Column:
    if name not in raw.columns:
        raise OrdersFileError("orders.error.column_not_found", column=name)
    return raw[name]


WHITESPACE = "^[ \t\n\r]+|[ \t\n\r]+$"
"""Leading or trailing spaces, tabs and line breaks (the pattern holds the characters
themselves)."""


def _trim(col: ir.StringValue) -> ir.StringValue:
    """``col`` without leading and trailing whitespace, the same on every engine.

    Not Ibis's ``strip()``: on Spark it compiles to ``TRIM(' \t\n\r\v\f' FROM …)``,
    and Spark SQL reads ``\v`` and ``\f`` as the letters v and f — so ids that began or
    ended with "f" lost it (one pseudonym in eight), and the engines disagreed.
    """
    return col.re_replace(WHITESPACE, "")


def _customer_id(col: ir.Column) -> ir.Column:
    if col.type().is_string():
        return _trim(col).nullif("")
    return col


def _order_time(col: ir.Column) -> ir.Column:
    kind = col.type()
    if kind.is_timestamp():
        return col.cast(dt.Timestamp()) if kind.timezone is not None else col
    return col.cast(dt.Timestamp())


def _status_reason(col: ir.Column) -> ir.Value:
    """The exclusion reason a status implies (NULL: a purchase)."""
    if col.type().is_boolean():
        return ibis.ifelse(col, "refunded", ibis.null(dt.string))
    norm = _trim(col.cast(dt.string)).lower()
    return ibis.cases(
        *((norm.isin(values), reason) for reason, values in STATUS_VOCABULARY.items()),
        else_=ibis.null(dt.string),
    )


def canonical_orders(
    raw: ir.Table, mapping: ColumnMapping, *, keep_zero_amounts: bool = False
) -> ir.Table:
    """Canonical orders with an ``exclusion`` column (see the module docstring).

    ``keep_zero_amounts``: orders of amount 0 count as purchases (of value 0) instead of
    being excluded as ``zero_amount``.

    Raises ``OrdersFileError`` (``orders.error.missing_field``) when a required field is
    not mapped, and (``orders.error.column_not_found``) when a mapped column is absent.
    """
    missing = mapping.missing_required()
    if missing:
        raise OrdersFileError("orders.error.missing_field", field=", ".join(missing))
    fields = mapping.fields()
    customer = _customer_id(_column(raw, fields["customer_id"]))
    order_time = _order_time(_column(raw, fields["order_time"]))
    amount = _column(raw, fields["amount"]).cast(dt.float64)
    status_col = _column(raw, fields["status"]) if "status" in fields else None
    reason = ibis.null(dt.string) if status_col is None else _status_reason(status_col)
    exclusion = ibis.cases(
        (customer.isnull(), "missing_customer_id"),
        (order_time.isnull(), "missing_order_time"),
        (amount.isnull(), "missing_amount"),
        (reason.notnull(), reason),
        (amount < 0, "negative_amount"),
        (ibis.literal(not keep_zero_amounts) & (amount == 0), "zero_amount"),
        else_=ibis.null(dt.string),
    )

    def optional_text(field: str) -> ir.Value:
        if field not in fields:
            return ibis.null(dt.string)
        return _column(raw, fields[field]).cast(dt.string)

    order_id = _column(raw, fields["order_id"]) if "order_id" in fields else ibis.null(dt.string)
    return raw.select(
        customer_id=customer,
        order_time=order_time,
        amount=amount,
        order_id=order_id,
        channel=optional_text("channel"),
        platform=optional_text("platform"),
        status=optional_text("status"),
        exclusion=exclusion,
    )
