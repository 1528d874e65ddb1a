"""Canonical order fields, the column mapping and its auto-detection, exclusion reasons.

Canonical orders (what every query reads) have these columns:

* ``customer_id`` — the buyer (required);
* ``order_time`` — naive local wall-clock time of the order in the store's time zone
  (required; tz-aware inputs are converted to that zone, see ``engines.EngineSettings``);
* ``amount`` — the order value in currency units (yuan), at most 2 decimals matter: every
  sum is taken in integer cents, ``round(amount × 100)`` (required);
* ``order_id``, ``channel``, ``platform``, ``status`` — optional (NULL when not mapped).

A **mapping** says which source column feeds each field. :func:`propose_mapping` guesses it
from a file's header (Chinese platform exports and common English names); the UI shows the
proposal and the user may override any field before ingestion.

**Exclusions.** A row is excluded from the customer analytics, and counted under its
first matching reason (in the order of :data:`EXCLUSION_REASONS`), when: the customer id
is empty, the order time or the amount is missing, the status is a refund, a cancellation
or an unpaid order (vocabularies below; matched after trimming and lower-casing; a boolean
status column means "refunded" when true), or the amount is 0 (``zero_amount``: free
orders; kept as purchases of value 0 when the caller asks, as lifetimes does for the
CDNOW data) or negative (``negative_amount``). Every other status (e.g. 交易成功, 已发货,
部分退款) counts as a purchase.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

RequiredField = Literal["customer_id", "order_time", "amount"]
OptionalField = Literal["order_id", "channel", "platform", "status"]
REQUIRED_FIELDS: tuple[RequiredField, ...] = get_args(RequiredField)
OPTIONAL_FIELDS: tuple[OptionalField, ...] = get_args(OptionalField)
CANONICAL_FIELDS: tuple[str, ...] = (*REQUIRED_FIELDS, *OPTIONAL_FIELDS)

ExclusionReason = Literal[
    "missing_customer_id",
    "missing_order_time",
    "missing_amount",
    "refunded",
    "cancelled",
    "unpaid",
    "zero_amount",
    "negative_amount",
]
EXCLUSION_REASONS: tuple[ExclusionReason, ...] = get_args(ExclusionReason)

STATUS_VOCABULARY: dict[ExclusionReason, tuple[str, ...]] = {
    "refunded": (
        "已退款", "退款成功", "退款完成", "全额退款", "已退货", "退货退款", "退款",
        "refunded", "refund", "returned", "fully refunded",
    ),
    "cancelled": (
        "已取消", "取消", "订单取消", "交易关闭", "已关闭", "订单关闭", "交易取消",
        "cancelled", "canceled", "closed", "void", "voided",
    ),
    "unpaid": (
        "等待买家付款", "待付款", "未付款", "待支付", "未支付",
        "unpaid", "pending payment", "pending_payment", "awaiting payment",
    ),
}  # fmt: skip
"""Status values (trimmed, lower-cased) that exclude an order, by reason."""

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "order_id": (
        "订单号", "订单编号", "订单id", "主订单编号", "子订单编号",
        "order_id", "orderid", "order_no", "order_number", "order", "id",
    ),
    "customer_id": (
        "买家会员名", "会员id", "买家id", "用户id", "买家昵称", "客户id", "会员名", "买家账号",
        "customer_id", "customerid", "customer", "user_id", "userid", "buyer_id",
        "buyer", "member_id", "client_id",
    ),
    "order_time": (
        "下单时间", "付款时间", "订单创建时间", "创建时间", "支付时间", "订单付款时间",
        "成交时间", "order_time", "created_at", "order_date", "created", "date",
        "datetime", "timestamp", "ts", "purchase_date", "paid_at", "time",
    ),
    "amount": (
        "实付金额", "买家实付金额", "订单金额", "支付金额", "买家应付货款", "实收款",
        "订单应付金额", "amount", "total", "revenue", "order_amount", "total_amount",
        "price", "paid_amount", "sales", "gmv", "value",
    ),
    "status": ("订单状态", "交易状态", "status", "order_status", "state", "is_refunded"),
    "channel": ("渠道", "来源渠道", "订单来源", "channel", "source", "utm_source"),
    "platform": ("平台", "店铺平台", "销售平台", "platform", "marketplace", "store"),
}  # fmt: skip
"""Header spellings recognised per field, best first (compared after normalisation)."""


class ColumnMapping(BaseModel):
    """Which source column feeds each canonical field (``None`` = not in the file).

    Values are source column NAMES, used as data: never pasted into SQL.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    customer_id: str | None = None
    order_time: str | None = None
    amount: str | None = None
    order_id: str | None = None
    channel: str | None = None
    platform: str | None = None
    status: str | None = None

    def fields(self) -> dict[str, str]:
        """Mapped fields only: canonical field → source column, in canonical order."""
        return {f: c for f in CANONICAL_FIELDS if (c := getattr(self, f)) is not None}

    def missing_required(self) -> list[str]:
        """Required fields with no source column."""
        return [f for f in REQUIRED_FIELDS if getattr(self, f) is None]

    @classmethod
    def identity(cls, columns: Sequence[str] = CANONICAL_FIELDS) -> ColumnMapping:
        """Each canonical field present in ``columns`` maps to the column of that name."""
        return cls(**{f: f for f in CANONICAL_FIELDS if f in columns})


def normalise_header(name: str) -> str:
    """Header compared case- and width-insensitively, spaces / dashes as ``_``."""
    text = unicodedata.normalize("NFKC", name).strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


def propose_mapping(headers: Sequence[str]) -> ColumnMapping:
    """Best guess of the mapping for ``headers`` (the UI shows it; the user may override).

    A field takes the first header equal to one of its aliases (in alias order); a header
    is used by one field at most. Fields without a match stay ``None``.
    """
    normalised = {normalise_header(h): h for h in reversed(headers)}
    taken: set[str] = set()
    proposal: dict[str, str] = {}
    for field, aliases in HEADER_ALIASES.items():
        for alias in aliases:
            header = normalised.get(normalise_header(alias))
            if header is not None and header not in taken:
                proposal[field] = header
                taken.add(header)
                break
    return ColumnMapping(**proposal)
