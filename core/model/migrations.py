"""Scenario-file migrations: files saved by an older schema version still load.

Each entry of :data:`MIGRATIONS` turns the JSON object of version ``v`` into version
``v + 1`` (pure, on plain dicts, before validation). :func:`migrate` applies them in
order up to :data:`core.model.scenario.SCHEMA_VERSION`. A file without
``schema_version`` is version 1 (the first public format).

Version 1 → 2 (the decision-grade economics). Values the user set keep their meaning;
drivers that version 1 did not have take the version-2 defaults.

* ``business.return_rate`` (one rate for everything) → the return rate of each strategy;
* ``ads.saturation_spend`` (yuan, S in S·(1 − e^(−B/S))) → ``ads.saturation_clicks`` =
  S / cpc, the same scale in clicks at month-1 prices; ``ads.cpc`` etc. unchanged;
* ``content.monthly_production_cost`` → ``content.monthly_budget`` (no paid promotion:
  ``promotion_share`` 0); ``content.monthly_views`` → ``content.views_per_kyuan`` =
  views ÷ (production / ¥1,000) (no production: the default); version 1 paid commission
  and fees to outside streamers, so ``streamer_model`` is ``affiliate`` and
  ``content.monthly_streamer_fee`` → ``content.monthly_slot_fee``;
  ``views_growth_monthly`` (unbounded compounding) has no version-2 meaning and is
  dropped: the audience ramp takes the defaults;
* ``private_domain.monthly_operating_cost`` → ``monthly_fixed_cost``;
  ``monthly_new_members`` × ``cost_per_new_member`` → ``monthly_acquisition_budget``
  (members bought at that cost; version 1 members who came at no cost have no
  version-2 source other than the public → private flow).

Version 2 → 3 (the risk register). A version-2 file had no register: it gets the shipped
one (:data:`core.model.risks.SHIPPED_REGISTER`, the twelve risks of the documents), so
every value it had keeps its meaning and its risks can be scored and simulated.

Version 3 → 4 (the fit profile of the scores): ``business.fundable_cash`` — the cash the
business can put in before the plan pays back — is set from the business's size
(:data:`core.model.business.FUNDABLE_CASH_BY_SIZE`) so a large firm's old file is not
judged against an SME's purse; ``business.team`` and ``business.data_maturity`` take
their defaults (a small team, some data).

Version 4 → 5 (the uncertainty ranges): ``ranges`` is added, empty. A version-4 file
carried no ranges (the user's own lows and highs lived only in the browser session), so
every driver keeps the default range it had and the file's simulation is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.model.business import FUNDABLE_CASH_BY_SIZE
from core.model.risks import shipped_register_data

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _object(data: dict[str, Any], key: str) -> dict[str, Any]:
    part = data.get(key, {})
    return dict(part) if isinstance(part, dict) else part


def _ads_v1(ads: dict[str, Any]) -> None:
    if "saturation_spend" in ads:
        spend = _number(ads.pop("saturation_spend"))
        cpc = _number(ads.get("cpc", 2.0))
        ads["saturation_clicks"] = spend / cpc if spend is not None and cpc else None


def _content_v1(content: dict[str, Any], present: bool) -> None:
    production = content.pop("monthly_production_cost", None)
    views = _number(content.pop("monthly_views", None))
    content.pop("views_growth_monthly", None)
    if production is not None:
        content["monthly_budget"] = production
        content["promotion_share"] = 0.0
    produced = _number(production)
    if views is not None and produced:
        content["views_per_kyuan"] = views / (produced / 1_000.0)
    if "monthly_streamer_fee" in content:
        content["monthly_slot_fee"] = content.pop("monthly_streamer_fee")
    if present:
        content.setdefault("streamer_model", "affiliate")


def _private_v1(private: dict[str, Any]) -> None:
    if "monthly_operating_cost" in private:
        private["monthly_fixed_cost"] = private.pop("monthly_operating_cost")
    members = _number(private.pop("monthly_new_members", None))
    if members is not None:
        cost = _number(private.get("cost_per_new_member", 5.0)) or 0.0
        private["monthly_acquisition_budget"] = members * cost


def v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 → 2 (see the module docstring)."""
    parts = {key: _object(data, key) for key in ("business", "ads", "content", "private_domain")}
    if not all(isinstance(part, dict) for part in parts.values()):
        return dict(data)  # not objects: validation names the problem
    return_rate = parts["business"].pop("return_rate", None)
    if return_rate is not None:
        for key in ("ads", "content", "private_domain"):
            parts[key].setdefault("return_rate", return_rate)
    _ads_v1(parts["ads"])
    _content_v1(parts["content"], "content" in data)
    _private_v1(parts["private_domain"])
    out = dict(data)
    out.update({key: part for key, part in parts.items() if part or key in data})
    return out


def v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 → 3: the shipped risk register (see the module docstring)."""
    out = dict(data)
    out.setdefault("risks", shipped_register_data())
    return out


def v3_to_v4(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 → 4: the fundable cash by size (see the module docstring)."""
    business = _object(data, "business")
    if not isinstance(business, dict):
        return dict(data)  # not an object: validation names the problem
    size = business.get("size", "sme")
    if isinstance(size, str) and size in FUNDABLE_CASH_BY_SIZE:
        business.setdefault("fundable_cash", FUNDABLE_CASH_BY_SIZE[size])
    return {**data, "business": business}


def v4_to_v5(data: dict[str, Any]) -> dict[str, Any]:
    """Version 4 → 5: no uncertainty ranges of its own (see the module docstring)."""
    return {**data, "ranges": data.get("ranges", {})}


MIGRATIONS: dict[int, Migration] = {1: v1_to_v2, 2: v2_to_v3, 3: v3_to_v4, 4: v4_to_v5}
"""Version v → the function that turns a version-v object into version v + 1."""


def file_version(data: dict[str, Any]) -> int | None:
    """The schema version a scenario object declares (1 when absent; None if not an int)."""
    version = data.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int):
        return None
    return version


def migrate(data: Any, target: int) -> Any:
    """``data`` converted to schema version ``target``.

    Anything that is not an object with a known older version is returned unchanged, so
    that validation reports the problem (wrong type, unknown or future version).
    """
    if not isinstance(data, dict):
        return data
    version = file_version(data)
    if version is None or version >= target or version < 1:
        return data
    migrated = dict(data)
    for step in range(version, target):
        migrated = MIGRATIONS[step](migrated)
        migrated["schema_version"] = step + 1
    return migrated
