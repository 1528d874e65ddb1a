"""Shocks: the quantified risks of the source documents as time paths the engine applies.

A shock starts in month s (1..H; 0 or beyond the horizon = it does not happen) and acts
with a *severity* σ (1 = the size the documents quote; a mitigation that removes 60% of
the damage gives σ = 0.4). Its effects, for months t = 1..H (seed sections in
:data:`SHOCKS`, the digest's "3. Risks named"):

* ``media_price_growth`` g — ads buy their clicks (or impressions) dearer: the cost per
  click of :mod:`core.model.strategies.ads` is multiplied by (1 + σ·g)^((t − s + 1)/12)
  for t ≥ s, on top of the growth the scenario assumes (``ads.cpc_growth_annual``);
* ``views_factor`` m for ``duration`` D months (None = to the end of the horizon) —
  content reaches fewer people: fresh content views of :mod:`core.model.strategies.content`
  are multiplied by 1 − σ·(1 − m) in months s ≤ t < s + D;
* ``fee_points`` φ — the platform takes more of every sale: the strategies named in
  ``strategies`` pay σ·φ × net sales of all their orders (first and repeat) in months
  t ≥ s, as the cost line ``shock_fees``;
* ``member_loss`` ℓ — members leave at once: every member pool of
  :mod:`core.model.strategies.private_domain` is multiplied by 1 − σ·ℓ at the end of
  month s (fewer members buy from month s + 1; the pool left at H, and so the terminal
  value, is smaller);
* ``one_off_cost`` L — a fine or a write-off of σ·L yuan in month s, the cost line
  ``shock_losses`` of the first enabled strategy in ``strategies`` (else of the first
  enabled strategy), so strategy NPVs still add up to the plan's. The documents' amounts
  are a large business's (the ¥5m fine was "an e-commerce platform"'s, 000 §6.2.2; the
  ¥1m stock-out an unnamed company's, 003 §8.2); :func:`sized_shock` scales them to the
  business like the register's impact bands (× 1/10 for mid-size, × 1/100 for small, a
  design choice: a ¥5m fine drawn for a shop spending ¥5万 a month was the whole tail of
  its Monte Carlo).

Shocks act on the months of the horizon. Beyond month H: pools that shrank leave less
value behind, and a fee rise still in force in month H also holds for the orders of the
repeat customers an acquisition strategy leaves behind (their terminal value is valued at
u − φ_H × a (1 − r), φ_H the shock's fee points in month H; the fee shocks name only
acquisition strategies, whose value beyond H is those customers'). Prices and views
return to the plan beyond H (their terminal value does not depend on them).
Several shocks combine: multipliers multiply, fees and losses add.
Mitigation costs (yuan per month, by strategy) ride along as the cost line ``mitigation``,
so the view after mitigation pays for it.

Every path is an array (N|1, H) over variants and months (no loop per variant), so a
Monte Carlo run can give each draw its own shocks. :class:`ShockPaths` is what
:func:`core.model.engine.evaluate_batch` takes; without it no result changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, get_args

import numpy as np
from numpy.typing import ArrayLike, NDArray

from core.model.economics import OrderStream

FloatArray = NDArray[np.float64]

ShockId = Literal[
    "cpc_surge",
    "content_traffic_drop",
    "commission_hike",
    "affiliate_income_cut",
    "data_breach",
    "stockout",
]
SHOCK_IDS: tuple[ShockId, ...] = get_args(ShockId)


@dataclass(frozen=True)
class ShockSpec:
    """One shock's documented size (see the module docstring for each effect)."""

    id: ShockId
    strategies: tuple[str, ...]
    source: str
    media_price_growth: float = 0.0
    views_factor: float = 1.0
    duration: int | None = None
    fee_points: float = 0.0
    member_loss: float = 0.0
    one_off_cost: float = 0.0


SHOCKS: Mapping[ShockId, ShockSpec] = {
    spec.id: spec
    for spec in (
        # Traffic cost rises faster than planned (000 §6.1.1): the documents' apparel
        # seller's ad spend went from 25% to 35% of sales in a year, × 1.40 at the same
        # conversion. The plan already assumes the average trend (ads.cpc_growth_annual,
        # +15%, 000 §1.1.1; the head platforms' +18% is the same trend), so the shock is
        # the excess: 1.40 / 1.15 − 1 ≈ 21.7% a year on top of the plan's growth.
        ShockSpec("cpc_surge", ("ads",), "000 §6.1.1", media_price_growth=1.40 / 1.15 - 1.0),
        # Algorithm change: one account's traffic −40% (000 §3.2.1). The documents do not
        # say for how long; three months is a design assumption.
        ShockSpec("content_traffic_drop", ("content",), "000 §3.2.1", views_factor=0.6, duration=3),
        # Platform rule / commission change (000 §6.1.3): the documents name the change
        # without a rate; ten points more of net sales is a design figure.
        ShockSpec("commission_hike", ("content", "ads"), "000 §6.1.3", fee_points=0.10),
        # Commission policy change cut MCN income by 30% (000 §6.1.3): what affiliates
        # and streamers sell falls by 30% for the rest of the horizon.
        ShockSpec("affiliate_income_cut", ("content",), "000 §6.1.3", views_factor=0.7),
        # Data stored against the rules: a ¥5m fine and 20% of users lost (000 §6.2.2).
        ShockSpec(
            "data_breach",
            ("private_domain", "ads"),
            "000 §6.2.2",
            member_loss=0.2,
            one_off_cost=5_000_000.0,
        ),
        # Supply-chain risk ignored: a stock-out cost ¥1m (003 §8.2).
        ShockSpec("stockout", ("content", "ads", "private_domain"), "003 §8.2", one_off_cost=1e6),
    )
}
"""Every shock, by id."""

ONE_OFF_SCALE_BY_SIZE: Mapping[str, float] = {"sme": 0.01, "mid": 0.1, "large": 1.0}
"""Share of a documented one-off loss a business of each size bears (module docstring);
the same ratios as :data:`core.model.risks.IMPACT_SCALE_BY_SIZE`."""


def sized_shock(shock: ShockId, size: str) -> ShockSpec:
    """Shock ``shock`` for a business of ``size`` (``sme``, ``mid``, ``large``): its
    one-off loss scaled by :data:`ONE_OFF_SCALE_BY_SIZE`; every other effect as documented."""
    spec = SHOCKS[shock]
    if not spec.one_off_cost:
        return spec
    return replace(spec, one_off_cost=spec.one_off_cost * ONE_OFF_SCALE_BY_SIZE.get(size, 1.0))


COMBINATIONS: Mapping[str, tuple[ShockId, ...]] = {
    "market_squeeze": ("cpc_surge", "commission_hike", "content_traffic_drop"),
    "all_shocks": SHOCK_IDS,
}
"""Named combinations for stress tests: the platforms squeeze costs and traffic at once;
every shock together (a worst case)."""


@dataclass(frozen=True)
class ShockEvent:
    """A shock hitting N variants: its start month (N|1,) and severity (N|1,)."""

    shock: ShockSpec
    start: ArrayLike
    severity: ArrayLike = 1.0


@dataclass(frozen=True)
class ShockPaths:
    """Shock effects month by month for N variants, each (N|1, H) (module docstring).

    ``media_price`` and ``content_views`` multiply, ``member_keep`` is the share of every
    member pool kept at the end of each month, ``fee_points`` (strategy → share of net
    sales), ``losses`` and ``mitigation`` (strategy → yuan) are extra costs.
    """

    media_price: FloatArray | None = None
    content_views: FloatArray | None = None
    member_keep: FloatArray | None = None
    fee_points: Mapping[str, FloatArray] = field(default_factory=dict)
    losses: Mapping[str, FloatArray] = field(default_factory=dict)
    mitigation: Mapping[str, FloatArray] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """Number of variants the paths describe (1 when they are shared)."""
        arrays = [self.media_price, self.content_views, self.member_keep]
        arrays += [*self.fee_points.values(), *self.losses.values(), *self.mitigation.values()]
        return max((a.shape[0] for a in arrays if a is not None), default=1)


def _column(values: ArrayLike) -> FloatArray:
    return np.asarray(values, dtype=np.float64).reshape(-1, 1)


def _times(product: FloatArray | None, factor: FloatArray) -> FloatArray:
    return factor if product is None else product * factor


def _plus(paths: dict[str, FloatArray], key: str, amount: FloatArray) -> None:
    paths[key] = paths[key] + amount if key in paths else amount


def bearer(shock: ShockSpec, enabled: Sequence[str]) -> str | None:
    """The strategy that carries the shock's one-off cost (module docstring)."""
    for key in (*shock.strategies, *enabled):
        if key in enabled:
            return key
    return None


def _path(size: int, horizon: int, fill: float, rows: FloatArray, block: FloatArray) -> FloatArray:
    """A (size, H) path holding ``fill`` except ``block`` on ``rows``."""
    path = np.full((size, horizon), fill)
    path[rows] = block
    return path


def shock_paths(
    events: Sequence[ShockEvent],
    horizon: int,
    enabled: Sequence[str],
    mitigation: Mapping[str, float] | None = None,
) -> ShockPaths:
    """The combined paths of ``events`` over ``horizon`` months for the ``enabled``
    strategies (module docstring); effects on strategies that are off are left out.
    ``mitigation`` maps a strategy to the yuan a month it pays for mitigations.

    Only the variants an event hits are computed month by month; the others keep the
    neutral value (a multiplier 1, a cost 0)."""
    months = np.arange(1, horizon + 1, dtype=np.float64)
    price = views = keep = None
    fees: dict[str, FloatArray] = {}
    losses: dict[str, FloatArray] = {}
    for event in events:
        shock = event.shock
        start = _column(event.start)
        size = start.shape[0]
        severity = np.broadcast_to(_column(event.severity), (size, 1))
        rows = np.flatnonzero((start[:, 0] >= 1.0) & (start[:, 0] <= horizon))
        if rows.size == 0:
            continue
        since = months - start[rows] + 1.0  # 1 in the start month
        sigma = severity[rows]
        on = since >= 1.0
        if shock.duration is not None:
            on &= since <= shock.duration
        first = (rows, start[rows, 0].astype(np.intp) - 1)
        if shock.media_price_growth and "ads" in enabled:
            growth = np.log1p(sigma * shock.media_price_growth) / 12.0
            block = np.exp(growth * np.where(on, since, 0.0))
            price = _times(price, _path(size, horizon, 1.0, rows, block))
        if shock.views_factor != 1.0 and "content" in enabled:
            block = np.where(on, 1.0 - sigma * (1.0 - shock.views_factor), 1.0)
            views = _times(views, _path(size, horizon, 1.0, rows, block))
        if shock.member_loss and "private_domain" in enabled:
            lost = np.ones((size, horizon))
            lost[first] = 1.0 - sigma[:, 0] * shock.member_loss
            keep = _times(keep, lost)
        for key in shock.strategies if shock.fee_points else ():
            if key in enabled:
                block = np.where(on, sigma * shock.fee_points, 0.0)
                _plus(fees, key, _path(size, horizon, 0.0, rows, block))
        payer = bearer(shock, enabled) if shock.one_off_cost else None
        if payer is not None:
            cost = np.zeros((size, horizon))
            cost[first] = sigma[:, 0] * shock.one_off_cost
            _plus(losses, payer, cost)
    paying = {k: np.full((1, horizon), v) for k, v in (mitigation or {}).items() if v}
    return ShockPaths(price, views, keep, fees, losses, paying)


def shock_costs(
    paths: ShockPaths, key: str, streams: Mapping[str, OrderStream]
) -> dict[str, FloatArray]:
    """Strategy ``key``'s extra cost lines (yuan a month): ``shock_fees`` = fee points ×
    net sales of all its order streams, ``shock_losses`` and ``mitigation``."""
    lines: dict[str, FloatArray] = {}
    fee = paths.fee_points.get(key)
    if fee is not None:
        net: FloatArray | float = 0.0
        for stream in streams.values():
            net = net + stream.orders * stream.economics.net_per_order()
        lines["shock_fees"] = fee * net
    for name, by_key in (("shock_losses", paths.losses), ("mitigation", paths.mitigation)):
        if key in by_key:
            lines[name] = by_key[key]
    return lines
