"""Typed errors of the order pipeline: a message KEY plus parameters, no prose.

The text layer translates a key with :func:`message` (or its own catalog) using
``messages.toml`` beside this module: one table per key with ``zh-CN`` and ``en``
templates whose ``{placeholders}`` are the error's parameters.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Literal

MESSAGES_TOML = Path(__file__).with_name("messages.toml")
Locale = Literal["zh-CN", "en"]
ParamValue = str | int | float


class OrdersFileError(ValueError):
    """An uploaded or mapped order file that cannot be used.

    ``key`` names the problem (a table of ``messages.toml``); ``params`` fill its
    placeholders, e.g. ``OrdersFileError("orders.error.amount_not_number",
    column="实付金额", row=17, value="abc")``. ``row`` numbers count the header as row 1,
    as a spreadsheet shows them.
    """

    def __init__(self, key: str, **params: ParamValue) -> None:
        if key not in messages():
            raise KeyError(f"unknown message key {key!r}")
        self.key = key
        self.params = params
        super().__init__(message(key, "en", **params))


@cache
def messages() -> dict[str, dict[Locale, str]]:
    """Every message key with its ``zh-CN`` and ``en`` template (parsed once)."""
    with MESSAGES_TOML.open("rb") as file:
        return tomllib.load(file)


def message(key: str, locale: Locale, **params: ParamValue) -> str:
    """The text of ``key`` in ``locale`` with ``params`` filled in."""
    return messages()[key][locale].format(**params)
