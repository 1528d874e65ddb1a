"""Order-analytics texts in the user's language: file errors, exclusions, segment names.

The data layer raises ``OrdersFileError(key, **params)`` and counts exclusions by
reason; this module turns them into sentences from the catalog
(``core/text/strings/orders.toml``).
"""

from __future__ import annotations

from collections.abc import Mapping

from core.data.orders.errors import OrdersFileError
from core.text.catalog import Locale, t
from core.text.errors import printable


def describe_orders_error(error: OrdersFileError, locale: Locale) -> str:
    """One line naming the problem, the column and the row (header = row 1).

    Text parameters come from the user's file, so they are made printable and cut
    (``core.text.errors.printable``) before they are placed in the sentence.
    """
    params = {
        name: printable(value) if isinstance(value, str) else value
        for name, value in error.params.items()
    }
    return t(error.key, locale, **params)


def exclusion_lines(excluded: Mapping[str, int], locale: Locale) -> list[str]:
    """ "1,204 cancelled or closed orders excluded", one line per reason with rows."""
    return [
        t(f"orders.excluded.{reason}", locale, count=f"{count:,}")
        for reason, count in excluded.items()
        if count
    ]


def segment_label(segment: str, locale: Locale) -> str:
    """The display name of an RFM segment key (``champions`` → 重要价值客户 / Champions)."""
    return t(f"orders.segment.{segment}", locale)
