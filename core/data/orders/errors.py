"""Typed errors of the order pipeline: a message KEY plus parameters, no prose.

The text layer (``core.text.orders``) turns an error into a sentence in the user's
language from the string catalog (``core/text/strings/orders.toml``); the data layer
never holds user-facing text.
"""

from __future__ import annotations

from typing import Literal, get_args

OrdersErrorKey = Literal[
    "orders.error.unsupported_format",
    "orders.error.empty_file",
    "orders.error.no_rows",
    "orders.error.encoding",
    "orders.error.missing_field",
    "orders.error.column_not_found",
    "orders.error.amount_not_number",
    "orders.error.date_unparseable",
    "orders.error.date_out_of_range",
    "orders.error.csv_malformed",
    "orders.error.unreadable",
]
ORDERS_ERROR_KEYS: tuple[OrdersErrorKey, ...] = get_args(OrdersErrorKey)
ParamValue = str | int | float


class OrdersFileError(ValueError):
    """An uploaded or mapped order file that cannot be used.

    ``key`` names the problem (one of :data:`ORDERS_ERROR_KEYS`, a catalog key); ``params``
    fill its placeholders, e.g. ``OrdersFileError("orders.error.amount_not_number",
    column="实付金额", row=17, value="abc")``. ``row`` numbers count the header as row 1,
    as a spreadsheet shows them.
    """

    def __init__(self, key: OrdersErrorKey, **params: ParamValue) -> None:
        if key not in ORDERS_ERROR_KEYS:
            raise KeyError(f"unknown message key {key!r}")
        self.key: OrdersErrorKey = key
        self.params = params
        super().__init__(key, params)
