"""Deterministic generator for the Monetization Studio demo e-commerce store.

The demo store is a multi-platform Chinese e-commerce business that opens its online
operation on ``DemoStoreConfig.start_date`` and runs three monetization strategies side
by side: paid ads, content / live-stream selling and private-domain (WeChat community /
membership) operations, plus organic traffic.  Every figure below is a *default* of
:class:`DemoStoreConfig`; the section references point at the seed documents
(``000`` feasibility report, ``001`` operation guide, ``002`` private-domain economic
model, ``003`` live-stream plan).  ``data/demo_store/README.md`` lists every choice.

Model, in the order it is simulated (all randomness from one
``numpy.random.default_rng(config.seed)``, drawn in a fixed order):

1. Calendar.  One multiplicative demand factor per day
   ``s(d) = weekly(dow) x 618 x Double 11 x Double 12 x 8 March x Spring Festival``
   (dimensionless, 1.0 = an ordinary weekday).
2. Acquisition.  New customers per (day, acquisition channel, platform) are
   ``Poisson(scale x new_customers_per_day x mix[c] x (1 + g_c)^(t/365.25) x launch_c(t)
   x s(d)^beta_c x platform_weight[c][p])``; ``t`` is days since start.  Each new
   customer's first order is the acquisition order, in the acquisition channel.
3. Repeat purchasing, a BG/NBD-like process (Fader, Hardie & Lee 2005): customer ``i``
   buys at rate ``lambda_i`` (orders per ordinary day; ``lambda ~ Gamma``, a two-segment
   mixture: ordinary and high-value users) and after every purchase drops out for good
   with probability ``p_i ~ Beta``.  Calendar seasonality enters as an inhomogeneous
   Poisson process in operational time ``Lambda(t) = integral of s(u)^beta_repeat du``.
   Repeat channels follow the customer's membership and acquisition channel.
4. Orders.  ``amount`` (yuan) = ``base_aov x platform x city tier x member x segment x
   customer x channel x peak-day multipliers x LogNormal(-sigma^2/2, sigma)``, rounded
   to 0.01.  ``is_refunded ~ Bernoulli(refund_rate[channel] + peak-day uplift)``.
5. Campaigns.  Daily results per (date, platform, strategy).  ``orders`` and ``gmv`` are
   exact counts / sums of the orders table (gross GMV, refunds included).  The upper
   funnel is solved back from the attributed orders: ``clicks = max(1, orders +
   Poisson(mu x (1 - cvr) / cvr))`` with ``mu`` the smoothed daily order count,
   ``impressions = round(clicks / ctr)``; ``spend`` is ``clicks x CPC`` for ads,
   production cost + commission for content, community cost + member coupons for the
   private domain.

Run ``python -m data.demo_store.generate --out data/demo_store --scale 1.0`` to write
``customers.parquet``, ``orders.parquet`` and ``campaigns.parquet`` (zstd).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from core.model import vocab

# --------------------------------------------------------------------------------------
# Vocabularies.  Fixed tuple order = category codes = parquet dictionary order.
# --------------------------------------------------------------------------------------
# Order / acquisition channels (codes 0..3) and sales platforms come from the product's
# vocabulary (core/model/vocab.py); the tuple order is the Parquet dictionary order.
CHANNELS: tuple[str, ...] = vocab.CHANNELS
STRATEGIES: tuple[str, ...] = tuple(c for c in CHANNELS if c != "organic")
"""Paid / operated strategies that have campaign rows (organic has none)."""
PLATFORMS: tuple[str, ...] = vocab.STORE_PLATFORMS
"""Sales platforms.  Every per-platform tuple in the config follows this order."""

ADS, CONTENT, PRIVATE_DOMAIN, ORGANIC = range(4)
TAOBAO, JD, DOUYIN, KUAISHOU, PINDUODUO, WECHAT, XIAOHONGSHU = range(7)

#: Platforms on which each strategy runs (campaign rows exist for every day).
#: Ads: search / feed ads everywhere incl. WeChat Moments ads (002 part 3).  Content:
#: the live-stream / short-video platforms.  Private domain: WeChat groups + mini-program.
ACTIVE_PLATFORMS: tuple[tuple[int, ...], ...] = (
    (TAOBAO, JD, DOUYIN, KUAISHOU, PINDUODUO, WECHAT, XIAOHONGSHU),
    (TAOBAO, DOUYIN, KUAISHOU, XIAOHONGSHU),
    (WECHAT,),
)

#: Chinese New Year (Spring Festival) dates, 2020-2035, for the Spring Festival dip.
SPRING_FESTIVAL: tuple[str, ...] = (
    "2020-01-25",
    "2021-02-12",
    "2022-02-01",
    "2023-01-22",
    "2024-02-10",
    "2025-01-29",
    "2026-02-17",
    "2027-02-06",
    "2028-01-26",
    "2029-02-13",
    "2030-02-03",
    "2031-01-23",
    "2032-02-11",
    "2033-01-31",
    "2034-02-19",
    "2035-02-08",
)

#: Daily CTR (clicks / impressions) range per strategy.  Ads 1-3% (002 part 3); content
#: exposure → product click; private domain group reach → mini-program visit.
CTR_BOUNDS = np.array([[0.01, 0.03], [0.012, 0.045], [0.015, 0.048]])
#: Daily CVR (orders / clicks) range per strategy.  Ads 1-5% (002 part 3); content
#: product click → order (1 / (200 x CTR) ≈ 20%); private domain 6-20% around 12%.
CVR_BOUNDS = np.array([[0.01, 0.05], [0.1, 0.35], [0.06, 0.2]])

SECONDS_PER_DAY = 86_400
SMALL_SCALE = 0.01
"""Scale of :meth:`DemoStoreConfig.small` (about 13k orders; used by the tests)."""

#: Orders per hour of day on an ordinary day (relative weights, China time): quiet
#: night, a late-morning and afternoon plateau, the 20:00-22:00 evening peak.
HOUR_WEIGHTS: tuple[float, ...] = (
    2.0, 1.2, 0.6, 0.3, 0.2, 0.2, 0.4, 1.0, 2.0, 3.5, 4.5, 5.0,
    4.8, 4.2, 4.5, 4.8, 4.6, 4.3, 4.0, 4.8, 6.0, 6.8, 6.0, 3.8,
)  # fmt: skip
#: On the 618 / Double 11 / Double 12 peak days the midnight launch hour is ×6 and the
#: evening ×1.3 (pre-sale balances are paid at 00:00 and live streams run late).
PEAK_HOUR_BOOST: tuple[float, ...] = (6.0,) + (1.0,) * 19 + (1.3,) * 4


@dataclass(frozen=True)
class DemoStoreConfig:
    """All knobs of the demo store.  Money in yuan (¥), rates per day unless stated.

    Per-channel tuples follow :data:`CHANNELS` (ads, content, private_domain, organic);
    per-platform tuples follow :data:`PLATFORMS`.  ``scale`` multiplies customer
    acquisition and content production cost, so ratios (CTR, CVR, ads and content ROAS,
    AOV, repeat share) do not depend on it; 1.0 gives ~1.3 million orders over 24
    months.  The private-domain cost has a floor of one community team (¥10k / month),
    so small stores see a much lower private-domain ROAS (as 000 §3.3.2 warns).
    """

    seed: int = 20240101
    start_date: dt.date = dt.date(2024, 1, 1)
    months: int = 24
    scale: float = 1.0

    # -- acquisition ---------------------------------------------------------------
    new_customers_per_day: float = 600.0
    """New customers on an ordinary day at ``scale`` 1.0 and t = 0, before the launch push."""
    acquisition_mix: tuple[float, float, float, float] = (0.42, 0.28, 0.08, 0.22)
    """Share of new customers by acquisition channel.  Ads-led mix, cf. budget split
    50% ads / 30% content / 20% promotions (001 §7.4)."""
    channel_growth_per_year: tuple[float, float, float, float] = (0.05, 0.23, 0.25, 0.10)
    """Yearly growth of acquisitions: ads slow because CPC inflates (000 §2.2.2); content
    +23% (000 §2.1.2); private domain +25% (000 §2.1.3); organic assumption."""
    launch_boost: float = 1.2
    """Extra acquisition at opening: ``launch(t) = 1 + boost x exp(-t / launch_decay)``."""
    launch_decay_days: float = 120.0
    private_domain_ramp_days: float = 120.0
    """Private-domain referrals need a community first: ``launch(t) = 0.1 + 0.9 x (1 -
    exp(-t / ramp))`` (slow to pay back, 000 §2.1.3, §3.3)."""
    peak_sensitivity: tuple[float, float, float, float] = (1.0, 1.15, 0.7, 0.9)
    """Exponent ``beta_c`` on ``s(d)``: live streams chase the festivals hardest."""
    repeat_peak_sensitivity: float = 0.9
    ads_platform_weights: tuple[float, ...] = (0.30, 0.18, 0.18, 0.06, 0.16, 0.05, 0.07)
    content_platform_weights: tuple[float, ...] = (0.55, 0.0, 0.30, 0.10, 0.0, 0.0, 0.05)
    """Live GMV share Taobao 55%, Douyin 30% (003 §1.1); rest split (assumption)."""
    organic_platform_weights: tuple[float, ...] = (0.34, 0.22, 0.08, 0.04, 0.24, 0.03, 0.05)
    """Taobao + JD + Pinduoduo hold 80% of e-commerce traffic (000 §2.2.1)."""
    city_tier_weights: tuple[float, ...] = (0.18, 0.27, 0.24, 0.18, 0.13)
    """City tier 1..5 on most platforms (assumption)."""
    lower_tier_city_weights: tuple[float, ...] = (0.08, 0.17, 0.25, 0.27, 0.23)
    """City tier 1..5 on Pinduoduo and Kuaishou (lower-tier audience, assumption)."""

    # -- customer heterogeneity (BG/NBD-like) ---------------------------------------
    high_value_share: float = 0.15
    """High-value users are 15% of users and ~55% of value (002 part 4)."""
    high_value_cycle_days: float = 38.0
    """Mean gap ``E[1 / lambda]`` of high-value users in ordinary days.  38 gives an
    observed mean of ~28 days between consecutive orders of high-value users inside
    the window (members buy faster, peaks and the window end shorten observed gaps):
    average repurchase cycle 28 days (002 part 4)."""
    high_value_rate_shape: float = 4.0
    high_value_dropout_beta: tuple[float, float] = (2.2, 7.8)
    """``p ~ Beta(2.2, 7.8)``, mean 0.22: repurchase 78% (002 part 4)."""
    ordinary_cycle_days: float = 110.0
    ordinary_rate_shape: float = 1.2
    ordinary_dropout_beta: tuple[float, float] = (2.0, 1.6)
    """Ordinary users: mean dropout 0.56 after each purchase, long one-time-buyer tail."""
    member_probability: tuple[float, float, float, float] = (0.06, 0.12, 1.0, 0.10)
    """Chance a new customer joins the WeChat community, by acquisition channel;
    doubled for high-value users.  Private-domain-acquired customers are members."""
    member_rate_uplift: float = 0.30
    """Members buy 30% more often: active community repurchase +30% (001 §3.2)."""
    member_dropout_factor: float = 0.8
    member_aov_uplift: float = 0.18
    """Member orders +18% AOV: stores with repurchase > 30% have AOV +18% (000 §2.1.3)."""
    high_value_aov_uplift: float = 0.20
    repeat_mix_member: tuple[float, float, float, float] = (0.08, 0.10, 0.62, 0.20)
    """Channel of a member's repeat order."""
    repeat_mix_nonmember: tuple[float, float, float, float] = (0.20, 0.15, 0.0, 0.65)
    """Channel of a non-member's repeat order (organic returning customers dominate)."""
    repeat_channel_affinity: float = 0.15
    """Added to the non-member's own acquisition channel (ads / content) before
    normalising: retargeting and followed streamers."""
    home_platform_loyalty: float = 0.85
    """Chance an organic repeat order stays on the customer's home platform."""

    # -- order value ----------------------------------------------------------------
    base_aov_yuan: float = 200.0
    """Mean basket of an ordinary customer, multiplier 1 everywhere: AOV ¥200 (003 §1.3)."""
    amount_sigma: float = 0.55
    customer_spend_sigma: float = 0.35
    platform_aov_multiplier: tuple[float, ...] = (1.0, 1.25, 0.9, 0.8, 0.65, 1.05, 1.15)
    city_tier_aov_multiplier: tuple[float, ...] = (1.25, 1.1, 1.0, 0.9, 0.8)
    channel_aov_multiplier: tuple[float, float, float, float] = (1.0, 0.85, 1.0, 1.0)
    """Live-stream deals are cheaper baskets (assumption)."""
    peak_day_aov_multiplier: float = 1.15
    """Cross-store discounts (满减) enlarge baskets on the peak days (assumption)."""
    refund_rate: tuple[float, float, float, float] = (0.15, 0.25, 0.10, 0.12)
    """Return / refund probability by channel, live stream highest (brief: 10-25%)."""
    peak_day_refund_uplift: float = 0.05

    # -- seasonality (multiplicative on demand) ---------------------------------------
    weekly_factors: tuple[float, ...] = (0.95, 0.95, 0.97, 0.98, 1.02, 1.10, 1.06)
    """Monday..Sunday."""
    peak_618: float = 3.0
    peak_double11: float = 4.5
    peak_double12: float = 1.8
    spring_festival_dip: float = 0.45
    """Factor from New Year's Eve - 9 to + 6 days (couriers stop); ×0.8 the week after."""

    # -- ads funnel -------------------------------------------------------------------
    ads_cpc_yuan: tuple[float, ...] = (1.8, 2.0, 1.5, 1.2, 1.1, 1.4, 1.6)
    """CPC in the first month by platform: ¥1-3 (000 §1.1.1; 002 part 3 SEM ≤ ¥1,
    competitive keywords > ¥10)."""
    cpc_growth_per_year: float = 0.15
    """CPC +15% a year (000 §1.1.1), compounded month by month."""
    ads_ctr: float = 0.02
    """Feed ads CTR 1-3% (002 part 3); per-day draws clipped to that range."""
    ads_cvr: float = 0.03
    """Click to order 1-5%, SEM 3% (002 part 3)."""

    # -- content / live-stream funnel -------------------------------------------------
    content_exposures_per_order: float = 200.0
    """Exposure to order 1:200 for ordinary merchants, 1:50 head streamers (003 §2.2)."""
    content_ctr: float = 0.025
    """Exposure to product click (小黄车); click to order is then 1 / (200 x 0.025) = 20%.
    With ~1/6 of exposures entering the room (not a column), viewer to order is
    (1/200) / (1/6) = 3%, the live conversion of 003 §1.2."""
    content_commission_rate: float = 0.20
    """Ordinary streamer commission ~20% of GMV (head streamers ≥ 50%, 003 §1.2)."""
    content_production_cost_per_day_yuan: tuple[float, ...] = (
        3500.0, 0.0, 2200.0, 800.0, 0.0, 0.0, 500.0,
    )  # fmt: skip
    """Studio, hosts and video production per day at scale 1.0 (¥), set so content
    ROAS lands near 1:3 (001 §3.3); grows with content, ×s(d)^0.5 on peaks."""

    # -- private domain ---------------------------------------------------------------
    community_cost_per_month_yuan: float = 10_000.0
    """Community upkeep ~¥10k per month (000 §3.3.2), per community team."""
    members_per_community: int = 2_000
    """Members one community team serves (4 WeChat groups of 500; assumption)."""
    community_retention_days: int = 180
    """A member stays in the groups until 180 days after the last order (assumption)."""
    member_coupon_rate: float = 0.05
    """Member coupons / points, share of private-domain GMV (assumption)."""
    private_domain_ctr: float = 0.035
    """Group message / push reach to mini-program visit (assumption)."""
    private_domain_cvr: float = 0.12
    """Visit to order 12%: referral conversion of high-value users (002 part 4),
    deep-interaction users convert 4x (003 §3.4)."""

    @classmethod
    def small(cls, **overrides: Any) -> DemoStoreConfig:
        """Test-size preset: ``scale`` = 0.01, about 13k orders and 6k customers."""
        return replace(cls(scale=SMALL_SCALE), **overrides)

    @property
    def end_date(self) -> dt.date:
        """First day after the simulated period (``start_date`` + ``months``)."""
        return _add_months(self.start_date, self.months)


@dataclass(frozen=True)
class DemoStore:
    """The three generated tables (see ``data/demo_store/README.md`` for columns)."""

    customers: pd.DataFrame
    orders: pd.DataFrame
    campaigns: pd.DataFrame


@dataclass(frozen=True)
class _Calendar:
    dates: np.ndarray  # datetime64[D], one per day
    season: np.ndarray  # s(d), float64
    peak_day: np.ndarray  # bool: 618 / Double 11 / Double 12
    month_index: np.ndarray  # months since start (int)
    days_in_month: np.ndarray  # int
    years_since_start: np.ndarray  # t / 365.25 at the start of each day


@dataclass(frozen=True)
class _Customers:
    day: np.ndarray  # first order day index
    u: np.ndarray  # first order position within its day, [0, 1)
    channel: np.ndarray  # acquisition channel code
    platform: np.ndarray  # home platform code
    tier: np.ndarray  # city tier 1..5
    high_value: np.ndarray  # bool
    member: np.ndarray  # bool
    spend: np.ndarray  # customer basket multiplier, mean 1
    rate: np.ndarray  # lambda, purchases per ordinary day
    dropout: np.ndarray  # p


@dataclass(frozen=True)
class _Orders:
    customer: np.ndarray  # customer index (0-based)
    seq: np.ndarray  # 0 = first order, 1.. = repeats
    day: np.ndarray
    u: np.ndarray
    channel: np.ndarray
    platform: np.ndarray


# --------------------------------------------------------------------------------------
# Calendar
# --------------------------------------------------------------------------------------
def _add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months (day clipped to the month length)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year = day.year + years
    return dt.date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def _seasonality(config: DemoStoreConfig, dates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Daily demand factor ``s(d)`` and the peak-day flags.

    ``s = weekly x 618 x Double 11 x Double 12 x Women's Day x Spring Festival``:
    - 618 (JD anniversary sale): pre-sale from 20 May ×1.1, 1-17 June ramp ×1.25→1.6,
      18 June ×``peak_618``, 19-25 June hangover ×0.85;
    - Double 11: pre-sale 20-31 Oct ×1.2, first wave 1-10 Nov ×1.45, 11 Nov
      ×``peak_double11``, 12-20 Nov ×0.85;
    - Double 12: 8-11 Dec ×1.15, 12 Dec ×``peak_double12``;  8 March ×1.4;
    - Spring Festival: New Year goods festival (-24..-10 days) ×1.12, couriers stop
      (-9..+6) ×``spring_festival_dip``, slow restart (+7..+14) ×0.8.
    """
    days = dates.astype(np.int64)
    dow = (days + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
    month = dates.astype("datetime64[M]").astype(np.int64) % 12 + 1
    dom = (dates - dates.astype("datetime64[M]")).astype(np.int64) + 1
    season = np.asarray(config.weekly_factors, dtype=np.float64)[dow]

    def window(m: int, first: int, last: int) -> np.ndarray:
        return (month == m) & (dom >= first) & (dom <= last)

    season[window(5, 20, 31)] *= 1.1
    ramp = window(6, 1, 17)
    season[ramp] *= 1.25 + 0.35 * (dom[ramp] - 1) / 16.0
    season[window(6, 18, 18)] *= config.peak_618
    season[window(6, 19, 25)] *= 0.85
    season[window(10, 20, 31)] *= 1.2
    season[window(11, 1, 10)] *= 1.45
    season[window(11, 11, 11)] *= config.peak_double11
    season[window(11, 12, 20)] *= 0.85
    season[window(12, 8, 11)] *= 1.15
    season[window(12, 12, 12)] *= config.peak_double12
    season[window(3, 8, 8)] *= 1.4

    festivals = np.array(SPRING_FESTIVAL, dtype="datetime64[D]").astype(np.int64)
    nearest = festivals[np.clip(np.searchsorted(festivals, days - 30), 0, festivals.size - 1)]
    rel = days - nearest
    season[(rel >= -24) & (rel <= -10)] *= 1.12
    season[(rel >= -9) & (rel <= 6)] *= config.spring_festival_dip
    season[(rel >= 7) & (rel <= 14)] *= 0.8

    peak = window(6, 18, 18) | window(11, 11, 11) | window(12, 12, 12)
    return season, peak


def _calendar(config: DemoStoreConfig) -> _Calendar:
    """Daily calendar of the simulated period with seasonality and month bookkeeping."""
    start = np.datetime64(config.start_date, "D")
    end = np.datetime64(config.end_date, "D")
    first, last = np.datetime64(SPRING_FESTIVAL[0], "D"), np.datetime64(SPRING_FESTIVAL[-1])
    if start < first or end > last:
        msg = f"simulated period must lie within {first}..{last} (Spring Festival table)"
        raise ValueError(msg)
    dates = np.arange(start, end, dtype="datetime64[D]")
    season, peak = _seasonality(config, dates)
    months = dates.astype("datetime64[M]")
    month_index = (months - months[0]).astype(np.int64)
    next_months = (months + 1).astype("datetime64[D]")
    days_in_month = (next_months - months.astype("datetime64[D]")).astype(np.int64)
    years = np.arange(dates.size, dtype=np.float64) / 365.25
    return _Calendar(dates, season, peak, month_index, days_in_month, years)


# --------------------------------------------------------------------------------------
# Customers
# --------------------------------------------------------------------------------------
def _sample_rows(rng: np.random.Generator, table: np.ndarray, group: np.ndarray) -> np.ndarray:
    """One categorical draw per row: row ``i`` uses probabilities ``table[group[i]]``."""
    cum = np.cumsum(table / table.sum(axis=1, keepdims=True), axis=1)
    u = rng.random(group.size)
    picked = (u[:, None] >= cum[group]).sum(axis=1)
    return np.minimum(picked, table.shape[1] - 1).astype(np.int8)


def _platform_weights(config: DemoStoreConfig) -> np.ndarray:
    """Acquisition platform weights, shape (channel, platform)."""
    private = np.zeros(len(PLATFORMS))
    private[WECHAT] = 1.0
    table = np.array(
        [
            config.ads_platform_weights,
            config.content_platform_weights,
            private,
            config.organic_platform_weights,
        ],
        dtype=np.float64,
    )
    return table / table.sum(axis=1, keepdims=True)


def _acquire(config: DemoStoreConfig, cal: _Calendar, rng: np.random.Generator) -> _Customers:
    """Draw new customers and their traits; customers are in first-order time order.

    Expected new customers per (day d, channel c, platform p)::

        scale x new_customers_per_day x mix[c] x (1 + g_c)^(t/365.25) x launch_c(t)
              x s(d)^beta_c x platform_weight[c][p]
    """
    t = np.arange(cal.dates.size, dtype=np.float64)
    growth = (1.0 + np.asarray(config.channel_growth_per_year))[None, :] ** (
        cal.years_since_start[:, None]
    )
    launch = np.repeat(
        (1.0 + config.launch_boost * np.exp(-t / config.launch_decay_days))[:, None],
        len(CHANNELS),
        axis=1,
    )
    launch[:, PRIVATE_DOMAIN] = 0.1 + 0.9 * (1.0 - np.exp(-t / config.private_domain_ramp_days))
    peaks = cal.season[:, None] ** np.asarray(config.peak_sensitivity)[None, :]
    per_channel = (
        config.scale
        * config.new_customers_per_day
        * np.asarray(config.acquisition_mix)[None, :]
        * growth
        * launch
        * peaks
    )
    expected = per_channel[:, :, None] * _platform_weights(config)[None, :, :]
    counts = rng.poisson(expected).ravel()

    cell = np.repeat(np.arange(counts.size), counts)
    n_platforms = len(PLATFORMS)
    day = cell // (len(CHANNELS) * n_platforms)
    channel = (cell // n_platforms) % len(CHANNELS)
    platform = cell % n_platforms
    u = rng.random(cell.size)
    order = np.lexsort((platform, channel, u, day))  # time order; ties never matter
    day, channel, platform, u = day[order], channel[order], platform[order], u[order]
    return _traits(
        config,
        rng,
        day=day,
        u=u,
        channel=channel.astype(np.int8),
        platform=platform.astype(np.int8),
    )


def _traits(
    config: DemoStoreConfig,
    rng: np.random.Generator,
    *,
    day: np.ndarray,
    u: np.ndarray,
    channel: np.ndarray,
    platform: np.ndarray,
) -> _Customers:
    """City tier, segment, membership, basket multiplier and the BG/NBD parameters.

    - ``lambda ~ Gamma(k, theta)``: high-value 15% with mean gap ``E[1/lambda] =
      high_value_cycle_days`` (observed ~28 days, 002 part 4), ordinary users with
      ``E[lambda] = 1 / ordinary_cycle_days``;
      ×(1 + ``member_rate_uplift``) for members;
    - ``p ~ Beta(a, b)``, ×``member_dropout_factor`` for members;
    - basket multiplier ``~ LogNormal(-sigma^2 / 2, sigma)`` (mean 1).
    """
    n = day.size
    lower = (platform == PINDUODUO) | (platform == KUAISHOU)
    tiers = np.array([config.city_tier_weights, config.lower_tier_city_weights])
    tier = (_sample_rows(rng, tiers, lower.astype(np.int64)) + 1).astype(np.int8)

    high_value = rng.random(n) < config.high_value_share
    join = np.asarray(config.member_probability)[channel] * np.where(high_value, 2.0, 1.0)
    member = rng.random(n) < np.minimum(join, 1.0)

    sigma = config.customer_spend_sigma
    spend = rng.lognormal(-0.5 * sigma**2, sigma, n)

    # high-value: E[1/lambda] = 1 / (theta (k - 1)) = cycle; ordinary: E[lambda] = 1 / cycle
    k_hv, k_ord = config.high_value_rate_shape, config.ordinary_rate_shape
    shape = np.where(high_value, k_hv, k_ord)
    theta = np.where(
        high_value,
        1.0 / (config.high_value_cycle_days * (k_hv - 1.0)),
        1.0 / (config.ordinary_cycle_days * k_ord),
    )
    rate = rng.gamma(shape, theta) * np.where(member, 1.0 + config.member_rate_uplift, 1.0)
    a = np.where(high_value, config.high_value_dropout_beta[0], config.ordinary_dropout_beta[0])
    b = np.where(high_value, config.high_value_dropout_beta[1], config.ordinary_dropout_beta[1])
    dropout = rng.beta(a, b) * np.where(member, config.member_dropout_factor, 1.0)
    return _Customers(day, u, channel, platform, tier, high_value, member, spend, rate, dropout)


# --------------------------------------------------------------------------------------
# Repeat purchases
# --------------------------------------------------------------------------------------
def _repeat_times(
    config: DemoStoreConfig, cal: _Calendar, cust: _Customers, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Repeat purchases of every customer: (customer index, day index, u within day).

    In operational time ``Lambda`` (cumulative ``s(d)^beta_repeat``) purchases form a
    Poisson process of rate ``lambda_i``.  The customer makes the first ``J_i`` of them,
    ``J_i = Geometric(p_i) - 1`` (drop-out after each purchase).  Over the remaining
    window ``L_i`` the process has ``N_i ~ Poisson(lambda_i L_i)`` points, so the
    observed repeats are the first ``K_i = min(J_i, N_i)`` order statistics of ``N_i``
    uniforms, drawn exactly via spacings:
    ``U_(k) = S_k / (S_K + Gamma(N - K + 1))`` with ``S_k`` sums of ``Exp(1)``.
    """
    intensity = cal.season**config.repeat_peak_sensitivity
    edges = np.concatenate(([0.0], np.cumsum(intensity)))
    start = edges[cust.day] + cust.u * intensity[cust.day]
    remaining = edges[-1] - start
    n_points = rng.poisson(cust.rate * remaining)
    alive_for = rng.geometric(cust.dropout) - 1
    k = np.minimum(alive_for, n_points)

    owner = np.repeat(np.arange(k.size), k)
    sums = np.cumsum(rng.standard_exponential(owner.size))
    ends = np.cumsum(k)
    before = np.concatenate(([0.0], sums))[ends - k]  # running sum before each group
    partial = sums - np.repeat(before, k)
    has = k > 0
    total = np.zeros(k.size)
    total[has] = partial[ends[has] - 1] + rng.gamma((n_points - k + 1)[has])
    position = start[owner] + partial / np.repeat(total, k) * remaining[owner]

    day = np.clip(np.searchsorted(edges, position, side="right") - 1, 0, intensity.size - 1)
    u = np.clip((position - edges[day]) / intensity[day], 0.0, np.nextafter(1.0, 0.0))
    # a same-day repeat must not precede the first order (float rounding guard)
    same = day == cust.day[owner]
    u[same] = np.maximum(u[same], cust.u[owner][same])
    return owner, day, u


def _repeat_channels(
    config: DemoStoreConfig,
    cust: _Customers,
    owner: np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Channel and platform of each repeat order.

    Channel ~ ``repeat_mix_member`` for members, otherwise ``repeat_mix_nonmember`` with
    ``repeat_channel_affinity`` added to the customer's own ads / content channel.
    Platform: private domain → wechat (mini-program); ads → home platform; content →
    home platform if it streams, else a content platform; organic → home platform with
    probability ``home_platform_loyalty``, else an organic platform.
    """
    table = np.empty((len(CHANNELS) * 2, len(CHANNELS)))
    for acq in range(len(CHANNELS)):
        nonmember = np.array(config.repeat_mix_nonmember, dtype=np.float64)
        if acq in (ADS, CONTENT):
            nonmember[acq] += config.repeat_channel_affinity
        table[2 * acq] = nonmember
        table[2 * acq + 1] = config.repeat_mix_member
    group = 2 * cust.channel[owner].astype(np.int64) + cust.member[owner]
    channel = _sample_rows(rng, table, group)

    weights = _platform_weights(config)
    home = cust.platform[owner]
    content_pick = _sample_rows(rng, weights[[CONTENT]], np.zeros(owner.size, np.int64))
    organic_pick = _sample_rows(rng, weights[[ORGANIC]], np.zeros(owner.size, np.int64))
    stay = rng.random(owner.size) < config.home_platform_loyalty
    streams = np.isin(home, ACTIVE_PLATFORMS[CONTENT])

    platform = home.copy()
    is_content = channel == CONTENT
    platform[is_content & ~streams] = content_pick[is_content & ~streams]
    moved = (channel == ORGANIC) & ~stay
    platform[moved] = organic_pick[moved]
    platform[channel == PRIVATE_DOMAIN] = WECHAT
    return channel, platform


# --------------------------------------------------------------------------------------
# Orders
# --------------------------------------------------------------------------------------
def _seconds_of_day(u: np.ndarray, peak: np.ndarray) -> np.ndarray:
    """Map the position within the day ``u`` in [0, 1) to seconds after midnight.

    Monotone inverse CDF of the hour-of-day profile (``HOUR_WEIGHTS``, boosted by
    ``PEAK_HOUR_BOOST`` on peak days), so purchase order within a day is preserved.
    """
    knots = np.arange(25, dtype=np.float64) * 3600.0
    seconds = np.empty(u.size)
    for is_peak in (False, True):
        weights = np.asarray(HOUR_WEIGHTS)
        if is_peak:
            weights = weights * np.asarray(PEAK_HOUR_BOOST)
        cdf = np.concatenate(([0.0], np.cumsum(weights) / weights.sum()))
        rows = peak == is_peak
        seconds[rows] = np.interp(u[rows], cdf, knots)
    return np.minimum(np.floor(seconds), SECONDS_PER_DAY - 1).astype(np.int64)


def _amounts(
    config: DemoStoreConfig,
    cal: _Calendar,
    cust: _Customers,
    orders: _Orders,
    rng: np.random.Generator,
) -> np.ndarray:
    """Order amount in yuan, rounded to 0.01 (min ¥1).

    ``amount = base_aov x platform[p] x tier[c] x (1 + member_uplift)^member
    x (1 + high_value_uplift)^hv x spend_i x channel[ch] x peak^peak_day
    x LogNormal(-sigma^2/2, sigma)``.
    """
    c = orders.customer
    multiplier = (
        config.base_aov_yuan
        * np.asarray(config.platform_aov_multiplier)[orders.platform]
        * np.asarray(config.city_tier_aov_multiplier)[cust.tier[c] - 1]
        * np.where(cust.member[c], 1.0 + config.member_aov_uplift, 1.0)
        * np.where(cust.high_value[c], 1.0 + config.high_value_aov_uplift, 1.0)
        * cust.spend[c]
        * np.asarray(config.channel_aov_multiplier)[orders.channel]
        * np.where(cal.peak_day[orders.day], config.peak_day_aov_multiplier, 1.0)
    )
    sigma = config.amount_sigma
    noise = rng.lognormal(-0.5 * sigma**2, sigma, c.size)
    return np.maximum(np.round(multiplier * noise, 2), 1.0)


def _orders_frame(
    config: DemoStoreConfig,
    cal: _Calendar,
    cust: _Customers,
    orders: _Orders,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Sort orders by time, number them and draw amounts and refunds."""
    seconds = cal.dates[orders.day].astype(np.int64) * SECONDS_PER_DAY + _seconds_of_day(
        orders.u, cal.peak_day[orders.day]
    )
    order = np.lexsort((orders.seq, orders.customer, seconds))
    orders = _Orders(*(getattr(orders, f)[order] for f in _Orders.__dataclass_fields__))
    seconds = seconds[order]

    amount = _amounts(config, cal, cust, orders, rng)
    refund_p = np.asarray(config.refund_rate)[orders.channel] + np.where(
        cal.peak_day[orders.day], config.peak_day_refund_uplift, 0.0
    )
    refunded = rng.random(amount.size) < refund_p
    return pd.DataFrame(
        {
            "order_id": np.arange(1, amount.size + 1, dtype=np.int64),
            "customer_id": (orders.customer + 1).astype(np.int32),
            "ts": seconds.astype("datetime64[s]").astype("datetime64[us]"),
            "amount": amount,
            "channel": pd.Categorical.from_codes(orders.channel, categories=list(CHANNELS)),
            "platform": pd.Categorical.from_codes(orders.platform, categories=list(PLATFORMS)),
            "is_refunded": refunded,
        }
    )


def _customers_frame(cal: _Calendar, cust: _Customers) -> pd.DataFrame:
    """Customer table; ``customer_id`` 1..N in order of the first purchase."""
    return pd.DataFrame(
        {
            "customer_id": np.arange(1, cust.day.size + 1, dtype=np.int32),
            "first_order_date": cal.dates[cust.day].astype("datetime64[s]"),
            "acquisition_channel": pd.Categorical.from_codes(
                cust.channel, categories=list(CHANNELS)
            ),
            "platform": pd.Categorical.from_codes(cust.platform, categories=list(PLATFORMS)),
            "city_tier": cust.tier,
            "is_member": cust.member,
        }
    )


# --------------------------------------------------------------------------------------
# Campaigns
# --------------------------------------------------------------------------------------
def _centered_mean(values: np.ndarray, window: int = 7) -> np.ndarray:
    """Centered moving mean along axis 0 (edges use the available days)."""
    half = window // 2
    padded = np.concatenate((np.zeros((1, values.shape[1])), np.cumsum(values, axis=0)))
    idx = np.arange(values.shape[0])
    lo, hi = np.maximum(idx - half, 0), np.minimum(idx + half + 1, values.shape[0])
    return (padded[hi] - padded[lo]) / (hi - lo)[:, None]


def _noisy_rate(
    rng: np.random.Generator,
    base: np.ndarray,
    bounds: np.ndarray,
    shape: tuple[int, int],
    sigma: float = 0.12,
) -> np.ndarray:
    """Daily rate per cell: ``base x LogNormal(0, sigma)`` clipped to ``bounds``.

    ``base`` has one value per cell, ``bounds`` one (low, high) row per cell.
    """
    noisy = base[None, :] * rng.lognormal(0.0, sigma, shape)
    return np.clip(noisy, bounds[:, 0], bounds[:, 1])


def _campaigns_frame(
    config: DemoStoreConfig,
    cal: _Calendar,
    cust: _Customers,
    orders: pd.DataFrame,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Daily campaign results for every active (platform, strategy) pair.

    - ``orders``, ``gmv``: counts and gross sums of the attributed orders (exact);
    - ``clicks = max(1, orders + Poisson(mu (1 - cvr) / cvr))``, ``mu`` = mean of the
      day's orders and their centered 7-day mean; ``impressions = round(clicks / ctr)``;
    - ads ``spend = clicks x CPC``, ``CPC = cpc[p] x (1 + 15%)^(month / 12) x s(d)^0.25
      x LogNormal(0, 0.05)`` (auction pressure on peaks);
    - content ``spend = production[p] x scale x (1 + g_content)^(t/365.25) x s(d)^0.5
      + commission x gmv``;
    - private domain ``spend = community_cost x max(1, ceil(members(d) /
      members_per_community)) / days_in_month + coupon_rate x gmv``, ``members(d)`` the
      members in the community that day (see ``_community_members``).
    """
    cells = [(s, p) for s, platforms in enumerate(ACTIVE_PLATFORMS) for p in platforms]
    strategy = np.array([s for s, _ in cells])
    platform = np.array([p for _, p in cells])
    n_days = cal.dates.size

    day = (orders["ts"].to_numpy().astype("datetime64[D]") - cal.dates[0]).astype(np.int64)
    chan = orders["channel"].cat.codes.to_numpy().astype(np.int64)
    plat = orders["platform"].cat.codes.to_numpy().astype(np.int64)
    paid = chan != ORGANIC
    key = (day * len(STRATEGIES) + chan)[paid] * len(PLATFORMS) + plat[paid]
    size = n_days * len(STRATEGIES) * len(PLATFORMS)
    grid_n = np.bincount(key, minlength=size).reshape(n_days, len(STRATEGIES), len(PLATFORMS))
    grid_gmv = np.bincount(key, weights=orders["amount"].to_numpy()[paid], minlength=size)
    grid_gmv = grid_gmv.reshape(grid_n.shape)
    n = grid_n[:, strategy, platform]
    gmv = np.round(grid_gmv[:, strategy, platform], 2)

    base_ctr = np.array([config.ads_ctr, config.content_ctr, config.private_domain_ctr])
    content_cvr = 1.0 / (config.content_exposures_per_order * config.content_ctr)
    base_cvr = np.array([config.ads_cvr, content_cvr, config.private_domain_cvr])
    shape = (n_days, len(cells))
    cvr = _noisy_rate(rng, base_cvr[strategy], CVR_BOUNDS[strategy], shape)
    ctr = _noisy_rate(rng, base_ctr[strategy], CTR_BOUNDS[strategy], shape)
    mu = 0.5 * n + 0.5 * _centered_mean(n.astype(np.float64))
    clicks = np.maximum(n + rng.poisson(mu * (1.0 - cvr) / cvr), 1)
    impressions = np.maximum(np.round(clicks / ctr), clicks).astype(np.int64)

    members = _community_members(config, cal, cust, orders["customer_id"].to_numpy() - 1, day)
    spend = _spend(
        config,
        cal,
        rng,
        members=members,
        strategy=strategy,
        platform=platform,
        clicks=clicks,
        gmv=gmv,
    )
    return pd.DataFrame(
        {
            "date": np.repeat(cal.dates, len(cells)).astype("datetime64[s]"),
            "platform": pd.Categorical.from_codes(
                np.tile(platform, n_days).astype(np.int8), categories=list(PLATFORMS)
            ),
            "strategy": pd.Categorical.from_codes(
                np.tile(strategy, n_days).astype(np.int8), categories=list(STRATEGIES)
            ),
            "spend": spend.ravel(),
            "impressions": impressions.ravel(),
            "clicks": clicks.ravel().astype(np.int64),
            "orders": n.ravel().astype(np.int64),
            "gmv": gmv.ravel(),
        }
    )


def _community_members(
    config: DemoStoreConfig,
    cal: _Calendar,
    cust: _Customers,
    customer: np.ndarray,
    day: np.ndarray,
) -> np.ndarray:
    """Members in the WeChat community on each day.

    A member is in from the first order until ``community_retention_days`` after the
    last order (then leaves or is pruned from the groups).
    """
    last = cust.day.astype(np.int64).copy()
    np.maximum.at(last, customer, day)
    first = cust.day[cust.member].astype(np.int64)
    leave = np.minimum(last[cust.member] + config.community_retention_days, cal.dates.size)
    delta = np.bincount(first, minlength=cal.dates.size + 1)
    delta -= np.bincount(leave, minlength=cal.dates.size + 1)
    return np.cumsum(delta)[:-1].astype(np.float64)


def _spend(
    config: DemoStoreConfig,
    cal: _Calendar,
    rng: np.random.Generator,
    *,
    members: np.ndarray,
    strategy: np.ndarray,
    platform: np.ndarray,
    clicks: np.ndarray,
    gmv: np.ndarray,
) -> np.ndarray:
    """Daily spend in yuan, shape (day, cell), rounded to 0.01 (formulas above)."""
    shape = clicks.shape
    cpc = (
        np.asarray(config.ads_cpc_yuan)[platform][None, :]
        * (1.0 + config.cpc_growth_per_year) ** (cal.month_index[:, None] / 12.0)
        * cal.season[:, None] ** 0.25
        * rng.lognormal(0.0, 0.05, shape)
    )
    content_growth = (1.0 + config.channel_growth_per_year[CONTENT]) ** cal.years_since_start
    production = (
        np.asarray(config.content_production_cost_per_day_yuan)[platform][None, :]
        * config.scale
        * (content_growth * np.sqrt(cal.season))[:, None]
        * rng.lognormal(0.0, 0.1, shape)
    )
    communities = np.maximum(np.ceil(members / config.members_per_community), 1.0)
    community = config.community_cost_per_month_yuan * communities / cal.days_in_month
    spend = np.where(
        strategy == ADS,
        clicks * cpc,
        np.where(
            strategy == CONTENT,
            production + config.content_commission_rate * gmv,
            community[:, None] + config.member_coupon_rate * gmv,
        ),
    )
    return np.round(spend, 2)


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------
def generate(
    config: DemoStoreConfig | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoStore:
    """Generate the demo store for ``config`` (default: full size).  Pure function of
    the config: the only randomness is ``numpy.random.default_rng(config.seed)``."""
    config = config or DemoStoreConfig()
    say = progress or (lambda _msg: None)
    rng = np.random.default_rng(config.seed)
    cal = _calendar(config)
    say(f"calendar: {cal.dates[0]} .. {cal.dates[-1]} ({cal.dates.size} days)")

    cust = _acquire(config, cal, rng)
    say(f"customers: {cust.day.size:,} acquired")

    owner, day, u = _repeat_times(config, cal, cust, rng)
    channel, platform = _repeat_channels(config, cust, owner, rng)
    say(f"repeat orders: {owner.size:,}")

    n_cust = cust.day.size
    all_orders = _Orders(
        customer=np.concatenate((np.arange(n_cust), owner)),
        seq=np.concatenate((np.zeros(n_cust, np.int64), _rank_within(owner) + 1)),
        day=np.concatenate((cust.day, day)),
        u=np.concatenate((cust.u, u)),
        channel=np.concatenate((cust.channel, channel)).astype(np.int8),
        platform=np.concatenate((cust.platform, platform)).astype(np.int8),
    )
    orders = _orders_frame(config, cal, cust, all_orders, rng)
    say(f"orders: {len(orders):,}")
    campaigns = _campaigns_frame(config, cal, cust, orders, rng)
    say(f"campaigns: {len(campaigns):,} daily rows")
    return DemoStore(_customers_frame(cal, cust), orders, campaigns)


def _rank_within(owner: np.ndarray) -> np.ndarray:
    """0-based position of each element within its run of equal, sorted ``owner``."""
    if owner.size == 0:
        return owner.astype(np.int64)
    starts = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1])))
    lengths = np.diff(np.concatenate((starts, [owner.size])))
    return np.arange(owner.size) - np.repeat(starts, lengths)


TABLES: tuple[str, ...] = ("customers", "orders", "campaigns")
DATE_COLUMNS: dict[str, str] = {"customers": "first_order_date", "campaigns": "date"}
"""Columns held as ``datetime64[s]`` at midnight in memory and as ``date32`` on disk."""


def _to_arrow(name: str, frame: pd.DataFrame) -> pa.Table:
    """Arrow table without pandas metadata; date columns cast to ``date32``."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    if name in DATE_COLUMNS:
        col = DATE_COLUMNS[name]
        idx = table.schema.get_field_index(col)
        table = table.set_column(idx, col, table.column(col).cast(pa.date32()))
    return table.replace_schema_metadata(None)


def write_parquet(store: DemoStore, out_dir: str | Path) -> dict[str, Path]:
    """Write ``customers/orders/campaigns.parquet`` (zstd level 9) into ``out_dir``.

    Categories are dictionary-encoded; integer and timestamp columns use
    DELTA_BINARY_PACKED, float columns BYTE_STREAM_SPLIT.  Same store → same bytes.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for name in TABLES:
        table = _to_arrow(name, getattr(store, name))
        dictionary = [f.name for f in table.schema if pa.types.is_dictionary(f.type)]
        encoding: dict[str, str] = {}
        for field in table.schema:
            if pa.types.is_integer(field.type) or pa.types.is_timestamp(field.type):
                encoding[field.name] = "DELTA_BINARY_PACKED"
            elif pa.types.is_floating(field.type):
                encoding[field.name] = "BYTE_STREAM_SPLIT"
        path = out / f"{name}.parquet"
        pq.write_table(
            table,
            path,
            compression="zstd",
            compression_level=9,
            use_dictionary=dictionary,
            column_encoding=encoding,
        )
        paths[name] = path
    return paths


def read_parquet(out_dir: str | Path) -> DemoStore:
    """Read the files written by :func:`write_parquet` back with the in-memory dtypes."""
    frames: dict[str, pd.DataFrame] = {}
    vocab = {"channel": CHANNELS, "acquisition_channel": CHANNELS, "platform": PLATFORMS}
    vocab["strategy"] = STRATEGIES
    for name in TABLES:
        frame = pq.read_table(Path(out_dir) / f"{name}.parquet").to_pandas(date_as_object=False)
        if name in DATE_COLUMNS:
            col = DATE_COLUMNS[name]
            frame[col] = frame[col].astype("datetime64[s]")
        for col, values in vocab.items():
            if col in frame.columns:
                frame[col] = frame[col].cat.set_categories(list(values))
        frames[name] = frame
    return DemoStore(**frames)


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: generate the store and write the parquet files, printing progress."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=DemoStoreConfig.seed)
    parser.add_argument("--months", type=int, default=DemoStoreConfig.months)
    args = parser.parse_args(argv)

    config = DemoStoreConfig(seed=args.seed, months=args.months, scale=args.scale)
    began = time.perf_counter()  # timing for the report only; never feeds the data

    def say(msg: str) -> None:
        print(f"[{time.perf_counter() - began:6.1f}s] {msg}", flush=True)

    say(f"generating seed={config.seed} scale={config.scale} months={config.months}")
    store = generate(config, progress=say)
    say(f"writing parquet to {args.out}")
    paths = write_parquet(store, args.out)
    total = 0
    for name, path in paths.items():
        size = path.stat().st_size
        total += size
        rows = len(getattr(store, name))
        say(f"{path.name:<18} {rows:>10,} rows {size / 1e6:8.2f} MB")
    say(f"total {total / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
