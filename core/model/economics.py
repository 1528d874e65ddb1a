"""Unit economics of an order, and an order stream's monthly P&L lines.

For an order stream with orders O_t, average order value a, return rate r (share of
orders refunded in full), platform fee φ (扣点, on net sales), commission κ (affiliate,
on net sales — refunded sales carry none) and the business's margin m, fulfilment cost f,
cost per return c and payment fee p (:class:`core.model.business.Business`):

* GMV_t = O_t × a;  refunds_t = r × GMV_t;  net sales_t = GMV_t − refunds_t;
* gross profit_t = m × net sales_t;
* fulfilment_t = f × O_t (every order ships, returned ones too);
* returns_t = c × r × O_t;
* platform fee_t = φ × net sales_t;  payment fee_t = p × net sales_t;
  commission_t = κ × net sales_t.

Contribution of one order (before the strategy's own costs):
u = a (1 − r)(m − φ − p − κ) − f − r c.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from core.model.drivers import DriverBatch

FloatArray = NDArray[np.float64]

PER_ORDER_LINES: tuple[str, ...] = (
    "fulfilment",
    "returns",
    "platform_fee",
    "payment_fee",
    "commission",
)
"""Cost lines every order stream carries (yuan per month)."""


@dataclass(frozen=True)
class UnitEconomics:
    """What one order of a stream is worth: AOV and the rates applied to it, each (N|1, 1)."""

    aov: FloatArray
    return_rate: FloatArray
    platform_fee_rate: FloatArray
    commission_rate: FloatArray

    def net_per_order(self) -> FloatArray:
        """Net sales of one order, a (1 − r), yuan."""
        return np.asarray(self.aov * (1.0 - self.return_rate), dtype=np.float64)

    def contribution_per_order(self, business: DriverBatch) -> FloatArray:
        """u = a (1 − r)(m − φ − p − κ) − f − r c, yuan per order (see module docstring)."""
        net = self.net_per_order()
        rate = (
            business.gross_margin
            - self.platform_fee_rate
            - business.payment_fee_rate
            - self.commission_rate
        )
        return np.asarray(
            net * rate
            - business.fulfilment_cost_per_order
            - self.return_rate * business.cost_per_return,
            dtype=np.float64,
        )


@dataclass(frozen=True)
class OrderStream:
    """Orders per month (N|1, H) that share one set of unit economics."""

    orders: FloatArray
    economics: UnitEconomics


@dataclass(frozen=True)
class StreamPnL:
    """Monthly P&L lines of order streams, yuan (orders in orders)."""

    orders: FloatArray
    gmv: FloatArray
    refunds: FloatArray
    net_revenue: FloatArray
    gross_profit: FloatArray
    per_order_costs: Mapping[str, FloatArray]


def stream_pnl(stream: OrderStream, business: DriverBatch) -> StreamPnL:
    """The monthly lines of one stream (module docstring)."""
    e = stream.economics
    gmv = stream.orders * e.aov
    refunds = gmv * e.return_rate
    net = gmv - refunds
    return StreamPnL(
        orders=stream.orders,
        gmv=gmv,
        refunds=refunds,
        net_revenue=net,
        gross_profit=net * business.gross_margin,
        per_order_costs={
            "fulfilment": stream.orders * business.fulfilment_cost_per_order,
            "returns": stream.orders * e.return_rate * business.cost_per_return,
            "platform_fee": net * e.platform_fee_rate,
            "payment_fee": net * business.payment_fee_rate,
            "commission": net * e.commission_rate,
        },
    )
